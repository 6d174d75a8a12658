// Runs before `npm start` and `npm test` (plain Node, no dependencies): installs the locked npm packages on a
// fresh clone, or when package-lock.json changed since the last install, and says precisely what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const lock = `${root}package-lock.json`;
const installed = `${root}node_modules/.package-lock.json`;

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`LureWatch needs Node.js 20.19 or later; this is ${process.version}.`);
  process.exit(1);
}

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.log('Installing the locked npm packages (npm ci)...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed: the npm registry must be reachable for a first install (see the output above).');
    process.exit(result.status ?? 1);
  }
}
