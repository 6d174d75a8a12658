// npm run package: a fresh production build, then store-ready zips dist/lurewatch-{chrome,firefox}-<version>.zip
// (manifest.json at the zip root, as both stores expect). The version comes from package.json.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, BROWSERS, shownPath, type Browser } from './build.js';
import { isMainModule } from './lib/main-module.js';
import { runWebExt } from './lib/web-ext.js';

export interface PackageOptions {
  /** Default <repo>/dist: the unpacked builds and the zips land side by side. */
  outDir?: string;
  /** Passed to build(); default <repo>/src. */
  srcDir?: string;
  log?: (line: string) => void;
}

export function zipName(browser: Browser, version: string): string {
  return `lurewatch-${browser}-${version}.zip`;
}

export async function packageExtension(options: PackageOptions = {}): Promise<Record<Browser, string>> {
  const log = options.log ?? ((line: string) => console.log(line));
  const result = await build({ test: false, browsers: BROWSERS, outDir: options.outDir, srcDir: options.srcDir, log });
  const zips = {} as Record<Browser, string>;
  for (const browser of BROWSERS) {
    const filename = zipName(browser, result.version);
    const run = runWebExt([
      'build',
      '--source-dir', result.dirs[browser]!,
      '--artifacts-dir', result.outDir,
      '--filename', filename,
      '--overwrite-dest',
    ]);
    const zip = join(result.outDir, filename);
    if (run.status !== 0 || !existsSync(zip)) {
      throw new Error(`web-ext build failed for ${browser} (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    zips[browser] = zip;
    log(`packaged ${shownPath(zip)} (${(statSync(zip).size / 1024).toFixed(1)} KB)`);
  }
  return zips;
}

if (isMainModule(import.meta.url)) {
  try {
    await packageExtension();
  } catch (error) {
    console.error(`package failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
