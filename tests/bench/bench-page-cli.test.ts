// The command itself: a bad argument stops it with status 2 and a message on stderr, before any browser starts.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function benchPage(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-page.ts', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run bench:page with bad arguments', () => {
  it.each([
    [['--pages', 'typical,chatty'], /unknown page "chatty"/],
    [['--runs', 'many'], /--runs must be a whole number/],
    [['--pages', 'typical', '--extension', '/nonexistent/lurewatch'], /--extension \/nonexistent\/lurewatch: no manifest.json/],
  ])('%j exits with status 2 and says why', (args, message) => {
    const { status, stdout, stderr } = benchPage(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
