// bench:browser takes no options: anything else stops it with status 2 and the usage, before any browser starts.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run bench:browser with an argument', () => {
  it('exits with status 2 and prints its usage', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-browser.ts', '--fast'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/unexpected argument "--fast"/);
    expect(result.stderr).toMatch(/usage: npm run -s bench:browser/);
  });
});
