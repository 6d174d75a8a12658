// npm run -s bench:browser: the matching benchmark's own figures (bare loop, match, fold + match) measured where the
// extension runs them: in Chromium (Debian's) and Firefox ESR, headless, on the same 4 MiB of corpus text per
// language as `npm run -s bench`. A browser's engine compiles the same code differently from Node's: a change can be
// worth 17% in one and 30% in another, so all are measured. A benchmark, not a test: it prints, it asserts nothing.
//
// The page script is the extension's matcher bundled as the extension's background is (esbuild, minified, same
// targets), served from 127.0.0.1 with the text; it runs in a plain page. Firefox is driven over WebDriver BiDi,
// which needs an add-on to start with: the production Firefox build is installed (its content script reads the
// benchmark's page, a few words, before the timing starts). The last line is one JSON object:
// {"chromium": {"version": "...", "mb_per_s": N, "vs_bare_loop": N, "fold_and_match_vs_bare_loop": N,
// "load_ms": N}, "firefox": {...}}, each speed figure from the weaker language, as in `npm run -s bench`.
import { build as esbuild } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildPack, loadRuleFiles } from '../src/core/compile/pack-build.js';
import { build } from './build.js';
import { LANGS, MiB, readCorpus, textOf } from './lib/bench-corpus.js';
import { formatTable, round3 } from './lib/bench-measure.js';
import type { BrowserBenchInput, BrowserBenchResult } from './lib/bench-browser-page.js';
import { assertChromiumInstalled, CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium.js';
import { assertFirefoxInstalled, launchFirefox } from './lib/firefox.js';
import { CROSS_ORIGIN_ISOLATED, startServer, type StaticServer } from './lib/server.js';
import { FIREFOX_GECKO_ID, FIREFOX_TEST_UUID } from './lib/test-key.js';
import { acquireBrowserLock } from '../tests/e2e/support/browser-lock.js';

const TEXT_UNITS = 4 * MiB;
const USAGE = 'usage: npm run -s bench:browser (no options)';
/** What the page runs once bench.js is in: the result as JSON (BiDi hands strings back most simply). */
const RUN = `(async () => {
  if (!crossOriginIsolated) throw new Error('the page is not cross-origin isolated: its clock would be coarse');
  return JSON.stringify(globalThis.lurewatchBench(await (await fetch('/input.json')).json()));
})()`;

interface BrowserRun {
  version: string;
  result: BrowserBenchResult;
}

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

async function inputs(): Promise<BrowserBenchInput> {
  const corpus = readCorpus();
  const loaded = loadRuleFiles();
  if (loaded.problems.length > 0) throw new Error(`the rule files have problems:\n${loaded.problems.join('\n')}`);
  const { patterns } = await buildPack(loaded.rules);
  // As in `npm run -s bench`: every phrase, alone, after its example text and unanchored, before timing.
  const warm = patterns.flatMap((p) => [p.phrase, `${p.text} ${p.phrase}`, p.anchored.slice(1, -1)]);
  return { texts: LANGS.map((lang) => ({ lang, text: textOf(corpus.get(lang)!, TEXT_UNITS) })), warm };
}

/** The page, its script and its input in a temporary folder, served from 127.0.0.1. */
async function serve(input: BrowserBenchInput): Promise<{ server: StaticServer; dir: string }> {
  const bundle = await esbuild({
    entryPoints: [new URL('./lib/bench-browser-page.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    minify: true,
    logLevel: 'error',
  });
  const dir = await mkdtemp(join(tmpdir(), 'lurewatch-bench-browser-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>LureWatch matching benchmark</title><script src="bench.js"></script>');
  await writeFile(join(dir, 'bench.js'), bundle.outputFiles[0]!.text);
  await writeFile(join(dir, 'input.json'), JSON.stringify(input));
  // Cross-origin isolated: a 5 ms run must not read as 5 or 6.
  return { server: await startServer([{ prefix: '/', dir }], { headers: { '/': { ...CROSS_ORIGIN_ISOLATED } } }), dir };
}

async function inChromium(url: string): Promise<BrowserRun> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const json = await page.evaluate(RUN);
    return { version: `Chromium ${browser.version()}`, result: JSON.parse(json as string) as BrowserBenchResult };
  } finally {
    await browser.close();
  }
}

async function inFirefox(url: string): Promise<BrowserRun> {
  const outDir = await mkdtemp(join(tmpdir(), 'lurewatch-bench-firefox-'));
  try {
    const built = await build({ browsers: ['firefox'], outDir, log: () => undefined });
    const firefox = await launchFirefox({ extensionDir: built.dirs.firefox!, geckoId: FIREFOX_GECKO_ID, uuid: FIREFOX_TEST_UUID });
    try {
      const tab = await firefox.newTab();
      await firefox.navigate(tab, url);
      const version = await firefox.evaluate<string>(tab, 'navigator.userAgent.match(/Firefox\\/[\\d.]+/)?.[0] ?? navigator.userAgent');
      const json = await firefox.evaluate<string>(tab, RUN);
      return { version: version.replace('/', ' '), result: JSON.parse(json) as BrowserBenchResult };
    } finally {
      await firefox.close();
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

function print(run: BrowserRun): Record<string, string | number> {
  const { result } = run;
  console.log(`${run.version}, headless:`);
  const header = ['lang', 'matcher', 'MB/s', 'x bare loop', 'ms/run', 'matches', 'runs'];
  const lines = result.results.flatMap(({ lang, rows }) =>
    rows.map((row, i) => [
      lang,
      row.name,
      row.mbPerS.toFixed(1),
      (row.mbPerS / rows[0]!.mbPerS).toFixed(3),
      row.ms.toFixed(1),
      i === 0 ? `(sum ${row.count})` : String(row.count),
      String(row.runs),
    ]),
  );
  for (const line of formatTable(header, lines)) console.log(line);
  console.log(`load_ms: median of 20 decodes of the shipped pack in the page = ${result.loadMs.toFixed(3)} ms`);
  console.log(`(Checksum of all runs, ignore: ${result.checksum}.)\n`);
  const worst = (figure: (speeds: number[]) => number): number =>
    round3(Math.min(...result.results.map((r) => figure(r.rows.map((row) => row.mbPerS)))));
  return {
    version: run.version,
    mb_per_s: worst((s) => s[2]!),
    vs_bare_loop: worst((s) => s[1]! / s[0]!),
    fold_and_match_vs_bare_loop: worst((s) => s[2]! / s[0]!),
    load_ms: round3(result.loadMs),
  };
}

if (process.argv.length > 2) fail(2, `bench:browser: unexpected argument ${JSON.stringify(process.argv[2])}\n${USAGE}`);
try {
  assertChromiumInstalled();
  assertFirefoxInstalled();
} catch (error) {
  fail(1, `bench:browser: ${(error as Error).message}`);
}
let input: BrowserBenchInput;
try {
  input = await inputs();
} catch (error) {
  fail(2, `bench:browser: ${(error as Error).message}.`);
}

const load = (): string => `load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs`;
console.log(`LureWatch matching benchmark in the browsers; ${load()}.`);
console.log(`Text: the corpus, per language exactly ${TEXT_UNITS / MiB} MiB; MB = 2^20 code units of the original text.\n`);
const { server, dir } = await serve(input);
const figures: Record<string, Record<string, string | number>> = {};
// The end-to-end tests' lock: a browser of theirs running alongside would slow these figures, and ours their timing.
const release = await acquireBrowserLock();
try {
  // One browser at a time, so neither slows the other.
  figures.chromium = print(await inChromium(server.url('/')));
  figures.firefox = print(await inFirefox(server.url('/')));
} finally {
  release();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
console.log(`${load()}.`);
console.log(JSON.stringify(figures));
