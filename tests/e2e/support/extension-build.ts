// Builds the TEST extension (open banner shadow root, pinned Chrome id) for one browser into a temporary folder,
// so the two browser test files never write the same files, nor race with `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Browser } from '../../../scripts/build.js';

export interface BuiltExtension {
  dir: string;
  remove(): void;
}

export async function buildTestExtension(browser: Browser): Promise<BuiltExtension> {
  // LUREWATCH_E2E_DIST=<folder with chrome/ and firefox/> runs the tests against an existing build instead (used to
  // prove the harness with a stand-in extension, and handy to re-run against a build one is debugging).
  const prebuilt = process.env.LUREWATCH_E2E_DIST;
  if (prebuilt) return { dir: resolve(prebuilt, browser), remove: () => undefined };
  const outDir = mkdtempSync(join(tmpdir(), `lurewatch-e2e-${browser}-`));
  const result = await build({ test: true, browsers: [browser], outDir, log: () => undefined });
  const dir = result.dirs[browser];
  if (!dir) throw new Error(`the build wrote no ${browser} folder`);
  return { dir, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
