// npm run build -- [--test] [--browser chrome|firefox]
// Bundles the four entry points with esbuild and writes one loadable unpacked extension per browser:
// dist/chrome and dist/firefox, or dist-test/... for the TEST build (open banner shadow root, pinned Chrome id).
// Also imported: `build({ test, browsers })` serves the tests, `npm start` and `npm run package`.
import { build as esbuild, type BuildOptions as BuildOptionsOfEsbuild } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { UsageError } from '../src/cli/errors.js';
import { BUILD_USAGE, parseBuildArgs } from './lib/build-args.js';
import { isMainModule } from './lib/main-module.js';
import { BROWSERS, browserManifest, type Browser, type Manifest } from './lib/manifest.js';

export { BROWSERS, type Browser } from './lib/manifest.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Minified content.js above this is worth a look: it is parsed in every frame of every page. */
export const CONTENT_BUDGET_BYTES = 80 * 1024;

export const ICON_SIZES = [16, 32, 48, 128] as const;

export interface BuildOptions {
  /** TEST build: `__LUREWATCH_TEST__` is true and the Chrome manifest carries the fixed key. */
  test?: boolean;
  /** Default: both. */
  browsers?: readonly Browser[];
  /** Default: <repo>/dist, or <repo>/dist-test for a test build. Each browser gets a subfolder. */
  outDir?: string;
  /** Where the entry points (content/, background/, popup/, welcome/ main.ts) and the pages' static files live. Default <repo>/src. */
  srcDir?: string;
  /** Progress lines; default console.log. Pass `() => {}` for silence. */
  log?: (line: string) => void;
}

export interface BundleInfo {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildResult {
  version: string;
  test: boolean;
  outDir: string;
  /** Absolute folder of each browser that was built. */
  dirs: Partial<Record<Browser, string>>;
  bundles: BundleInfo[];
}

const BUNDLES = { content: 'content/main.ts', background: 'background/main.ts', popup: 'popup/main.ts', welcome: 'welcome/main.ts' } as const;

/**
 * How every bundle is compiled, entry points aside. Shared with `bench:page --top` (lib/bench-names.ts), whose
 * source map is trusted only when its bundle is byte for byte the one built here.
 */
export function bundleOptions(test: boolean) {
  return {
    absWorkingDir: ROOT,
    outdir: 'out',
    write: false,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // One bundle serves both browsers: the targets together set the syntax level, and nothing differs per browser.
    target: ['chrome120', 'firefox128'],
    minify: true,
    // Keep Chinese rule text and UI strings readable and about a third smaller than \uXXXX escapes.
    charset: 'utf8',
    legalComments: 'none',
    define: { __LUREWATCH_TEST__: JSON.stringify(test), __LUREWATCH_VERSION__: JSON.stringify(readVersion()) },
  } satisfies BuildOptionsOfEsbuild;
}
/** The extension pages' markup, styles and pictures, copied to the extension's root under their own names. */
const PAGE_STATIC = ['popup/popup.html', 'popup/popup.css', 'welcome/welcome.html', 'welcome/welcome.css', 'welcome/welcome-picture.svg'] as const;

/** Chromium accepts only 1-4 dot-separated integers as a manifest version, so package.json must follow suit. */
export function readVersion(root = ROOT): string {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof version !== 'string' || !/^(0|[1-9]\d{0,8})(\.(0|[1-9]\d{0,8})){0,3}$/.test(version)) {
    throw new Error(`package.json "version" must be 1-4 dot-separated integers for the manifest, not ${JSON.stringify(version)}`);
  }
  return version;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const test = options.test ?? false;
  const browsers = [...new Set(options.browsers ?? BROWSERS)];
  const outDir = resolve(options.outDir ?? join(ROOT, test ? 'dist-test' : 'dist'));
  const srcDir = resolve(options.srcDir ?? join(ROOT, 'src'));
  const log = options.log ?? ((line: string) => console.log(line));

  const version = readVersion();
  const missing = [...Object.values(BUNDLES), ...PAGE_STATIC].filter((file) => !existsSync(join(srcDir, file)));
  if (missing.length > 0) {
    throw new Error(`cannot build: missing ${missing.map((file) => shownPath(join(srcDir, file), ROOT)).join(', ')}`);
  }
  const baseManifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Manifest;

  const bundled = await esbuild({
    ...bundleOptions(test),
    entryPoints: Object.fromEntries(Object.entries(BUNDLES).map(([name, file]) => [name, join(srcDir, file)])),
    logLevel: 'warning',
  });
  const outputs = bundled.outputFiles.map((output) => ({ file: relative(join(ROOT, 'out'), output.path), contents: output.contents }));
  const bundles = outputs
    .map(({ file, contents }) => ({ file, bytes: contents.byteLength, gzipBytes: gzipSync(contents).byteLength }))
    .sort((a, b) => a.file.localeCompare(b.file));

  const dirs: Partial<Record<Browser, string>> = {};
  for (const browser of browsers) {
    const dir = join(outDir, browser);
    // A stale file from an earlier build must not ship, so each browser folder starts empty.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const { file, contents } of outputs) writeFileSync(join(dir, file), contents);
    for (const file of PAGE_STATIC) cpSync(join(srcDir, file), join(dir, basename(file)));
    cpSync(join(ROOT, '_locales'), join(dir, '_locales'), { recursive: true });
    mkdirSync(join(dir, 'icons'));
    for (const size of ICON_SIZES) cpSync(join(ROOT, 'icons', `icon-${size}.png`), join(dir, 'icons', `icon-${size}.png`));
    const manifest = browserManifest(baseManifest, { browser, test, version });
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    dirs[browser] = dir;
    log(`built ${shownPath(dir)} (${browser}, ${test ? 'TEST build' : 'production'}, version ${version})`);
  }
  for (const { file, bytes, gzipBytes } of bundles) {
    const note = file === 'content.js' ? `  (budget ${kb(CONTENT_BUDGET_BYTES)}${bytes > CONTENT_BUDGET_BYTES ? ': OVER BUDGET' : ''})` : '';
    log(`  ${file.padEnd(14)} ${kb(bytes).padStart(9)}  gzip ${kb(gzipBytes).padStart(8)}${note}`);
  }
  return { version, test, outDir, dirs, bundles };
}

/** Relative when inside `from` (dist/chrome), absolute otherwise (a temporary folder). */
export function shownPath(path: string, from = process.cwd()): string {
  const rel = relative(from, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(BUILD_USAGE);
    return 0;
  }
  try {
    const args = parseBuildArgs(argv);
    await build({ test: args.test, browsers: args.browsers });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`build: ${error.message}`);
      return 2;
    }
    // esbuild has already printed its diagnostics; one line says the build as a whole failed.
    console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
