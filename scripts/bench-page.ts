// npm run -s bench:page: what LureWatch costs inside the pages it runs in. Real headless Chromium (Debian's, via
// playwright-core) with the PRODUCTION build of the extension, side by side with the same browser without it, on
// pages generated in memory (scripts/lib/bench-pages.ts). A benchmark, not a test: it measures and prints, and
// asserts nothing about timings.
//
// Method (details in README "In-page cost"):
// - Main-thread time: the DevTools protocol's CPU profiler samples the page's renderer every 100 µs. A sample is
//   ours when any frame on its stack comes from chrome-extension://ID/ (the content script), so native work our
//   code calls into counts as ours; style, layout and GC the browser does later on its own account do not, and
//   neither does the first parse of content.js (it runs before any frame of ours exists). Sampling slows the page
//   a little, in both browsers alike.
// - Longest task: the longest unbroken run of our samples (a GC sample between two of ours continues the run).
// - Per chat message / animation frame / keystroke: our time while the page does that activity, divided by its count.
// - Lure to banner: the chat page appends a lure message and notes performance.now(); a page-world MutationObserver
//   notes when <lurewatch-banner> arrives; the difference, in the page's own clock, with no profiler running.
// - Heap: JavaScript heap of the tab's renderer after two full collections (Runtime.getHeapUsage), with the
//   extension minus without, same page and same visit. The content script's isolated world shares the page's V8
//   heap, and the page's own script is the same in both, so the difference is what the extension keeps alive.
// - Load: Navigation Timing's loadEventEnd, many loads alternated between the two browsers, medians and their ratio.
// - Bundle: bytes of the minified content.js of the production build.
// The last line of output is one JSON object with the headline figures (scripts/lib/bench-report.ts: headline()).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../src/cli/errors.js';
import { detect, showsBanner } from '../src/core/detect.js';
import { shippedPack } from '../src/core/pack.js';
import { acquireBrowserLock } from '../tests/e2e/support/browser-lock.js';
import { build } from './build.js';
import { parseBenchPageArgs, type BenchPageArgs, type PageName } from './lib/bench-args.js';
import { launchControl, launchWithExtension, launchWithout, SAMPLING_US, Tab, type BenchBrowser } from './lib/bench-browser.js';
import { sourceNames } from './lib/bench-names.js';
import { LURE_MESSAGE, makePages } from './lib/bench-pages.js';
import { formatTables, headline, PAGE_LABELS, summarize, type PageRuns } from './lib/bench-report.js';
import { pageSize, visit } from './lib/bench-visit.js';
import { assertChromiumInstalled } from './lib/chromium.js';
import { isMainModule } from './lib/main-module.js';
import { startServer, type StaticServer } from './lib/server.js';

/** Profiled visits with the extension per page: the cheap pages several times (median), the long ones once. */
const VISITS: Record<PageName, number> = { typical: 5, mb: 3, dom20k: 3, dom200k: 1, chat: 1, raf: 1, typing: 1 };
/**
 * Pages whose load times are compared, and the share of --runs each gets: the typical page loads in ~30 ms with a
 * bimodal spread, so it gets twice as many; the big DOMs load slowly (at least 3).
 */
const LOAD_TIMED: Partial<Record<PageName, number>> = { typical: 2, mb: 1, dom20k: 1 / 2, dom200k: 1 / 5 };

function loadsOf(runs: number, share: number): number {
  return Math.max(3, Math.ceil(runs * share));
}

/** Strips tags the crude way: enough to know that a generated page's prose earns no banner. */
function roughText(html: string): string {
  return html.replace(/<(script|style)>[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ');
}

/** The pages must be what they claim: benign prose stays quiet, the chat's lure earns a banner on its own. */
async function checkPages(pages: Record<PageName, string | undefined>): Promise<void> {
  const pack = await shippedPack();
  for (const [name, html] of Object.entries(pages)) {
    if (html !== undefined && showsBanner(detect(roughText(html), { hostname: '127.0.0.1' }, pack))) {
      throw new Error(`the generated "${name}" page would show a banner: change its vocabulary`);
    }
  }
  if (!showsBanner(detect(LURE_MESSAGE, { hostname: '127.0.0.1' }, pack))) throw new Error('the chat lure no longer earns a banner: rewrite it');
}

async function extensionUnderTest(args: BenchPageArgs): Promise<{ dir: string; contentBytes: number; remove: () => void }> {
  if (args.extensionDir !== null) {
    const dir = resolve(args.extensionDir);
    if (!existsSync(join(dir, 'manifest.json')) || !existsSync(join(dir, 'content.js'))) {
      throw new UsageError(`--extension ${args.extensionDir}: no manifest.json and content.js there (an unpacked Chrome build, e.g. dist/chrome)`);
    }
    return { dir, contentBytes: statSync(join(dir, 'content.js')).size, remove: () => undefined };
  }
  const outDir = mkdtempSync(join(tmpdir(), 'lurewatch-bench-page-'));
  const result = await build({ test: false, browsers: ['chrome'], outDir, log: () => undefined });
  const content = result.bundles.find((b) => b.file === 'content.js');
  if (!result.dirs.chrome || !content) throw new Error('the build wrote no chrome folder or no content.js');
  return { dir: result.dirs.chrome, contentBytes: content.bytes, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

async function run(args: BenchPageArgs): Promise<void> {
  assertChromiumInstalled();
  const started = Date.now();
  const pages = makePages(args.pages);
  await checkPages(pages);
  const extension = await extensionUnderTest(args);
  const generated: Record<string, string> = { '/blank': '<!doctype html><title>blank</title><p>.</p>' };
  for (const name of args.pages) generated[`/${name}`] = pages[name]!;
  const progress = (what: string): boolean => process.stderr.write(`${what} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  let server: StaticServer | undefined;
  let release: (() => void) | undefined;
  const onSignal = (): void => {
    release?.();
    process.exit(130);
  };
  let withExt: BenchBrowser | undefined;
  let without: BenchBrowser | undefined;
  let control: BenchBrowser | undefined;
  const results: PageRuns[] = [];
  try {
    server = await startServer([], { generated });
    progress('built the extension; taking the browser lock (another e2e run may hold it)');
    release = await acquireBrowserLock();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    progress('browser lock taken');
    withExt = await launchWithExtension(extension.dir);
    if (args.top > 0) {
      const names = await sourceNames(join(extension.dir, 'content.js'));
      if (names) withExt.nameOf = (frame) => (frame.url.endsWith('/content.js') ? names(frame.functionName, frame.lineNumber, frame.columnNumber) : frame.functionName);
      else progress('--top: this content.js is not the one src/ builds now; its functions keep their minified names');
    }
    without = await launchWithout();
    control = await launchControl(extension.dir);
    progress('browsers started');
    const browsers: readonly [BenchBrowser, BenchBrowser] = [withExt, without];
    // One unmeasured visit each: the disk cache, the extension's service worker and the code caches warm up.
    for (const browser of browsers) {
      const tab = await Tab.open(browser, server.url('/blank'));
      await tab.page.goto(server.url(`/${args.pages[0]}`), { waitUntil: 'load' });
      await tab.page.waitForTimeout(500);
      await tab.close();
    }
    for (const name of args.pages) {
      const runs: PageRuns = { name, size: { chars: 0, nodes: 0 }, withExt: [], without: [], loadWith: [], loadWithout: [], loadControl: [], loadEventWith: [] };
      for (let i = 0; i < VISITS[name]; i++) {
        // Alternate which browser goes first, so neither always meets a machine the other has just warmed.
        const order: readonly BenchBrowser[] = i % 2 === 0 ? browsers : [without, withExt];
        for (const browser of order) {
          if (browser === without && i > 0) continue; // the baseline has nothing of ours to median
          const tab = await Tab.open(browser, server.url('/blank'));
          try {
            const measured = await visit(tab, name, server.url(`/${name}`));
            (browser === withExt ? runs.withExt : runs.without).push(measured);
            if (browser === without) runs.size = await pageSize(tab);
          } finally {
            await tab.close();
          }
        }
      }
      const share = LOAD_TIMED[name];
      if (share !== undefined) await timeLoads([withExt, without, control], server.url('/blank'), server.url(`/${name}`), loadsOf(args.runs, share), runs);
      results.push(runs);
      progress(`measured ${PAGE_LABELS[name]}`);
    }
  } finally {
    await withExt?.close();
    await without?.close();
    await control?.close();
    release?.();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server?.close();
    extension.remove();
  }

  const summaries = results.map(summarize);
  const result = headline(summaries, extension.contentBytes);
  console.log(
    `LureWatch in-page cost: production build (${args.extensionDir ?? 'built now'}), Chromium headless, CPU profiler every ` +
      `${SAMPLING_US} µs; loads per browser: ${Object.entries(LOAD_TIMED).filter(([page]) => (args.pages as string[]).includes(page)).map(([page, share]) => `${page} ${loadsOf(args.runs, share)}`).join(', ')}; ` +
      `load average ${loadavg()[0]!.toFixed(2)}; ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  console.log('"ours" = main-thread time with a content-script frame on the stack; "busy" = all non-idle main-thread time.\n');
  console.log(formatTables(summaries, result));
  if (args.top > 0) printTopFunctions(results, args.top);
  console.log(JSON.stringify(result));
}

function printTopFunctions(results: readonly PageRuns[], top: number): void {
  for (const runs of results) {
    const visit = runs.withExt[0];
    if (!visit) continue;
    console.log(`\nthe extension's costliest functions (self ms), ${PAGE_LABELS[runs.name]}, first visit:`);
    for (const [phase, cost] of [['load', visit.load] as const, ...visit.activities.map((a) => [a.label, a.cost] as const)]) {
      if (cost.functions.length === 0) continue;
      console.log(`  ${phase}: ${cost.functions.slice(0, top).map((f) => `${f.name} ${f.selfMs.toFixed(2)}`).join('; ')}`);
    }
  }
}

/**
 * Page loads rotated among the browsers (with LureWatch, without, with the empty control), each in one tab that goes
 * back to a blank page in between; the order rotates, so no browser always goes first.
 */
async function timeLoads(browsers: readonly BenchBrowser[], blank: string, url: string, count: number, runs: PageRuns): Promise<void> {
  const tabs: Tab[] = [];
  try {
    for (const browser of browsers) tabs.push(await Tab.open(browser, blank));
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < tabs.length; j++) {
        const tab = tabs[(i + j) % tabs.length]!;
        await tab.page.goto(url, { waitUntil: 'load', timeout: 120_000 });
        const { endMs, eventMs } = await tab.loadTiming();
        ({ with: runs.loadWith, without: runs.loadWithout, control: runs.loadControl })[tab.browser.label].push(endMs);
        if (tab.browser.label === 'with') runs.loadEventWith.push(eventMs);
        // Let the content script's first survey finish before the next load, so it never overlaps one.
        await tab.page.waitForTimeout(200);
        await tab.page.goto(blank, { waitUntil: 'load' });
      }
    }
  } finally {
    for (const tab of tabs) await tab.close();
  }
}

if (isMainModule(import.meta.url)) {
  let args: BenchPageArgs;
  try {
    args = parseBenchPageArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  run(args).catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
