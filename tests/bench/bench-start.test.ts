// bench:start's arguments, and its floor script: the reference must really do the job it stands for.
import { spawnSync } from 'node:child_process';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { FLOOR_SCRIPT, parseBenchStartArgs } from '../../scripts/bench-start.js';

describe('parseBenchStartArgs', () => {
  it('has defaults and reads --rounds and --extension', () => {
    expect(parseBenchStartArgs([])).toEqual({ rounds: 60, extensionDir: null });
    expect(parseBenchStartArgs(['--rounds', '12', '--extension', 'dist/chrome'])).toEqual({ rounds: 12, extensionDir: 'dist/chrome' });
  });

  it.each([
    [['--rounds', '4'], /from 5 to 500/],
    [['--rounds', '2.5'], /from 5 to 500/],
    [['--rounds'], /needs a value/],
    [['--extension', '--rounds', '9'], /needs a value/],
    [['--fast'], /unknown argument "--fast"/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseBenchStartArgs(argv)).toThrow(UsageError);
    expect(() => parseBenchStartArgs(argv)).toThrow(message);
  });
});

describe('npm run bench:start with a bad argument', () => {
  it('exits with status 2 and its usage, before any browser starts', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-start.ts', '--rounds', 'many'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/usage: npm run -s bench:start/);
  });
});

describe('the floor script', () => {
  it("posts the page's text over a port once the page has loaded", async () => {
    const dom = new JSDOM('<!doctype html><body><p>first words</p><div>second <b>part</b></div></body>', { runScripts: 'outside-only' });
    const posted: unknown[] = [];
    Object.assign(dom.window, { chrome: { runtime: { connect: () => ({ postMessage: (message: unknown) => posted.push(message) }) } } });
    const loaded = new Promise((resolve) => dom.window.addEventListener('load', resolve));
    dom.window.eval(FLOOR_SCRIPT);
    expect(posted).toEqual([]); // not before the load event
    await loaded;
    expect(posted).toHaveLength(1);
    expect((posted[0] as { text: string }).text).toBe('first words second  part ');
  });
});
