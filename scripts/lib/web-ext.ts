// Runs the locally installed web-ext command (no global install, no network: the update check is switched off).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB_EXT = join(ROOT, 'node_modules', '.bin', 'web-ext');

export interface WebExtRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runWebExt(args: readonly string[]): WebExtRun {
  const result = spawnSync(WEB_EXT, [...args, '--no-config-discovery'], {
    cwd: ROOT,
    encoding: 'utf8',
    // update-notifier would otherwise ask the npm registry whether web-ext is current.
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`could not run ${WEB_EXT}: ${result.error.message}`);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

export interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
}

export interface LintReport {
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/** `web-ext lint --output json` on an unpacked Firefox build; throws when the output is not the expected JSON. */
export function lintFirefoxBuild(sourceDir: string): LintReport {
  const run = runWebExt(['lint', '--source-dir', sourceDir, '--output', 'json']);
  // The JSON report is the only stdout line that starts with "{"; web-ext may print a notice around it.
  const line = run.stdout.split('\n').find((text) => text.trimStart().startsWith('{'));
  if (line === undefined) throw new Error(`web-ext lint printed no JSON report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as LintReport;
}
