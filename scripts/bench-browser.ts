// npm run -s bench:browser: the matching benchmark's own figures (bare loop, match, fold + match) measured where the
// extension runs them, in Chromium (Debian's, headless), on the same 4 MiB of corpus text per language as
// `npm run -s bench`. V8 in a browser compiles the same code differently from Node's: a change can be worth 17% in
// one and twice as much in the other, so both are measured. A benchmark, not a test: it prints, it asserts nothing.
//
// The page script is the extension's code bundled as the extension's background is (esbuild, minified, same
// targets), in a plain page of a fresh browser with no extension. The last line is one JSON object:
// {"browser": "...", "mb_per_s": N, "vs_bare_loop": N, "fold_and_match_vs_bare_loop": N, "load_ms": N}, each speed
// figure from the weaker language, as in `npm run -s bench`.
import { build } from 'esbuild';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { buildPack, loadRuleFiles } from '../src/core/compile/pack-build.js';
import { LANGS, MiB, readCorpus, textOf } from './lib/bench-corpus.js';
import { formatTable } from './lib/bench-measure.js';
import type { BrowserBenchInput, BrowserBenchResult } from './lib/bench-browser-page.js';
import { assertChromiumInstalled, CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium.js';

const TEXT_UNITS = 4 * MiB;
const USAGE = 'usage: npm run -s bench:browser (no options)';

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

if (process.argv.length > 2) fail(2, `bench:browser: unexpected argument ${JSON.stringify(process.argv[2])}\n${USAGE}`);
try {
  assertChromiumInstalled();
} catch (error) {
  fail(1, `bench:browser: ${(error as Error).message}`);
}

let input: BrowserBenchInput;
try {
  const corpus = readCorpus();
  const loaded = loadRuleFiles();
  if (loaded.problems.length > 0) throw new Error(`the rule files have problems:\n${loaded.problems.join('\n')}`);
  const { patterns } = await buildPack(loaded.rules);
  // As in `npm run -s bench`: every phrase, alone, after its example text and unanchored, before timing.
  const warm = patterns.flatMap((p) => [p.phrase, `${p.text} ${p.phrase}`, p.anchored.slice(1, -1)]);
  input = { texts: LANGS.map((lang) => ({ lang, text: textOf(corpus.get(lang)!, TEXT_UNITS) })), warm };
} catch (error) {
  fail(2, `bench:browser: ${(error as Error).message}.`);
}

const bundle = await build({
  entryPoints: [new URL('./lib/bench-browser-page.ts', import.meta.url).pathname],
  bundle: true,
  write: false,
  format: 'iife',
  target: ['chrome120'],
  minify: true,
  logLevel: 'error',
});

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
let result: BrowserBenchResult;
let version: string;
try {
  version = `Chromium ${browser.version()}`;
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>LureWatch matching benchmark</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  result = await page.evaluate(
    (given) => (globalThis as unknown as { lurewatchBench: (i: BrowserBenchInput) => BrowserBenchResult }).lurewatchBench(given),
    input,
  );
} finally {
  await browser.close();
}

const load = (): string => `load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs`;
console.log(`LureWatch matching benchmark in ${version}, headless; ${load()}.`);
console.log(`Text: the corpus, per language exactly ${TEXT_UNITS / MiB} MiB; MB = 2^20 code units of the original text.\n`);
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
console.log(`\nload_ms: median of 20 decodes of the shipped pack in the page = ${result.loadMs.toFixed(3)} ms`);
console.log(`${load()}. (Checksum of all runs, ignore: ${result.checksum}.)`);

const round3 = (x: number): number => Number(x.toPrecision(3));
const worst = (figure: (speeds: number[]) => number): number =>
  round3(Math.min(...result.results.map((r) => figure(r.rows.map((row) => row.mbPerS)))));
console.log(
  JSON.stringify({
    browser: version,
    mb_per_s: worst((s) => s[2]!),
    vs_bare_loop: worst((s) => s[1]! / s[0]!),
    fold_and_match_vs_bare_loop: worst((s) => s[2]! / s[0]!),
    load_ms: round3(result.loadMs),
  }),
);
