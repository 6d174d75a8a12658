// npm run -s bench:start -- [--rounds N] [--extension DIR]: what starting the content script costs a page, measured
// precisely. `bench:page` profiles whole visits, where a busy two-core machine moves the typical page's figure by
// several milliseconds; most of that figure is V8 parsing and compiling content.js in a new renderer process, and
// this benchmark isolates it. In headless Chromium, each run puts one script into a fresh frame holding the typical
// article (with a stand-in for the extension API) and times it: from inserting the script to its end, and to its
// first port message, i.e. until the page's text is on its way to the matcher. Side by side, round by round:
//   - ours: the production content.js;
//   - floor: a 300-byte script that does only the essential job (wait for the load, read the text with a
//     TreeWalker, open a port, post the text): what any content script that reads pages pays at least;
//   - empty: `void 0`, the cost of running a script at all.
// "cold" runs make each source unique, so V8's compilation cache (keyed by the source) cannot help: the first page
// in a new renderer process, as in bench:page, where every visit opens a new tab. "warm" runs repeat the same
// source: the next page of a site whose process has run the script before. A benchmark: it prints, it asserts
// nothing. Last line: {"cold_ms": N, "warm_ms": N, "floor_cold_ms": N, "cold_vs_floor": N, "content_js_kb": N}.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { UsageError } from '../src/cli/errors.js';
import { build } from './build.js';
import { makePages } from './lib/bench-pages.js';
import { formatTable, median, round3 } from './lib/bench-measure.js';
import { runStart, type StartInput } from './lib/bench-start-page.js';
import { assertChromiumInstalled, CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium.js';
import { isMainModule } from './lib/main-module.js';
import { CROSS_ORIGIN_ISOLATED, startServer } from './lib/server.js';
import { acquireBrowserLock } from '../tests/e2e/support/browser-lock.js';

export const BENCH_START_USAGE = 'usage: npm run -s bench:start -- [--rounds N (5-500, default 60)] [--extension DIR]';

export interface BenchStartArgs {
  rounds: number;
  extensionDir: string | null;
}

export function parseBenchStartArgs(argv: readonly string[]): BenchStartArgs {
  const args: BenchStartArgs = { rounds: 60, extensionDir: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v === '' || v.startsWith('--')) throw new UsageError(`${arg} needs a value\n${BENCH_START_USAGE}`);
      return v;
    };
    if (arg === '--rounds') {
      const text = value();
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < 5 || n > 500) throw new UsageError(`--rounds must be a whole number from 5 to 500, not "${text}"\n${BENCH_START_USAGE}`);
      args.rounds = n;
    } else if (arg === '--extension') args.extensionDir = value();
    else if (arg === '--help' || arg === '-h') throw new UsageError(BENCH_START_USAGE);
    else throw new UsageError(`unknown argument "${arg}"\n${BENCH_START_USAGE}`);
  }
  return args;
}

/** The essential job of a content script that reads pages, and nothing else. */
export const FLOOR_SCRIPT =
  "(()=>{const go=()=>{const w=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT);let t='',n;" +
  "while(n=w.nextNode())t+=n.data+' ';chrome.runtime.connect({name:'r'}).postMessage({text:t})};" +
  "document.readyState==='complete'?go():addEventListener('load',go,{once:true})})();";

async function run(args: BenchStartArgs): Promise<void> {
  assertChromiumInstalled();
  let source: string;
  let cleanup = (): void => undefined;
  if (args.extensionDir !== null) {
    try {
      source = readFileSync(join(args.extensionDir, 'content.js'), 'utf8');
    } catch {
      throw new UsageError(`--extension ${args.extensionDir}: no content.js there (an unpacked Chrome build, e.g. dist/chrome)\n${BENCH_START_USAGE}`);
    }
  } else {
    const outDir = mkdtempSync(join(tmpdir(), 'lurewatch-bench-start-'));
    cleanup = () => rmSync(outDir, { recursive: true, force: true });
    const built = await build({ test: false, browsers: ['chrome'], outDir, log: () => undefined });
    source = readFileSync(join(built.dirs.chrome!, 'content.js'), 'utf8');
  }
  const scripts = { ours: source, floor: FLOOR_SCRIPT, empty: 'void 0;' };
  const article = makePages(['typical']).typical!;
  const server = await startServer([], { generated: { '/': '<!doctype html><title>start</title><body></body>' }, headers: { '/': { ...CROSS_ORIGIN_ISOLATED } } });
  const release = await acquireBrowserLock();
  const rows: string[][] = [];
  const figure: Record<string, Record<string, number>> = {};
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage();
      await page.goto(server.url('/'), { waitUntil: 'load' });
      if (!(await page.evaluate('crossOriginIsolated'))) throw new Error('the benchmark page is not cross-origin isolated: its clock would be coarse');
      for (const mode of ['cold', 'warm'] as const) {
        // A few unmeasured rounds first: the frames' own machinery warms up, whatever the script.
        await page.evaluate(runStart, { scripts, article, rounds: 3, mode, salt: 'warm-up' } satisfies StartInput);
        const times = await page.evaluate(runStart, { scripts, article, rounds: args.rounds, mode, salt: 'measured' } satisfies StartInput);
        for (const name of Object.keys(scripts)) {
          const evaluate = median(times.evaluate[name]!);
          const sent = times.firstMessage[name]!.filter((ms) => ms >= 0);
          const first = sent.length > 0 ? median(sent) : NaN;
          (figure[mode] ??= {})[name] = first;
          rows.push([mode, name, evaluate.toFixed(2), Number.isNaN(first) ? '-' : first.toFixed(2), `${sent.length}/${args.rounds}`]);
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    release();
    await server.close();
    cleanup();
  }
  console.log(`LureWatch content-script start, Chromium headless, ${args.rounds} rounds per mode; load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs.`);
  console.log('Medians in ms: "script" = inserting the script until it ends; "to first message" = until its text is posted.\n');
  for (const line of formatTable(['mode', 'script', 'script ms', 'to first message ms', 'sent'], rows)) console.log(line);
  const cold = figure.cold!;
  const warm = figure.warm!;
  console.log(
    JSON.stringify({
      cold_ms: round3(cold.ours!),
      warm_ms: round3(warm.ours!),
      floor_cold_ms: round3(cold.floor!),
      cold_vs_floor: round3(cold.ours! / cold.floor!),
      content_js_kb: round3(Buffer.byteLength(source) / 1000),
    }),
  );
}

if (isMainModule(import.meta.url)) {
  let args: BenchStartArgs;
  try {
    args = parseBenchStartArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`bench:start: ${(error as Error).message}`);
    process.exit(2);
  }
  run(args).catch((error: unknown) => {
    console.error(`bench:start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
