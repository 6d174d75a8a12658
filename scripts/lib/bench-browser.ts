// The two browsers of `npm run -s bench:page` and what one visit of a page measures in them. Both are the same
// Debian Chromium with the same flags and a fresh profile; one loads the built extension (scripts/lib/chromium.ts),
// the other does not. Each visit opens a new tab, so each page gets a fresh renderer, as a person's new tab would.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { attributeProfile, type CpuProfile, type FrameNamer, type ProfileCost } from './bench-profile.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from './chromium.js';

/** Sampling interval of the CPU profiler, microseconds: fine enough to see a 0.1 ms piece of work. */
export const SAMPLING_US = 100;

export interface BenchBrowser {
  label: 'with' | 'without' | 'control';
  context: BrowserContext;
  /** "chrome-extension://ID/" for the browser with the extension; null for the baseline. */
  ourPrefix: string | null;
  /** Names frames of ours in the costliest-functions list (source-mapped names, when available). */
  nameOf?: FrameNamer;
  close(): Promise<void>;
}

const LAUNCH = { locale: 'en-US', viewport: { width: 1280, height: 800 } } as const;

export async function launchWithExtension(extensionDir: string): Promise<BenchBrowser> {
  const launched = await launchChromium({ extensionDir, ...LAUNCH });
  return { label: 'with', context: launched.context, ourPrefix: `${launched.extensionOrigin}/`, close: launched.close };
}

/**
 * The control: an extension whose content script is empty, injected exactly like ours (same matches, run_at and
 * all_frames, read from the built manifest). Chromium's own cost of injecting any content script (it holds the load
 * event for document_idle injection) shows here, apart from what our code costs.
 */
export async function launchControl(extensionDir: string): Promise<BenchBrowser> {
  const built = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as { content_scripts?: Array<Record<string, unknown>> };
  const dir = await mkdtemp(join(tmpdir(), 'lurewatch-bench-control-'));
  const manifest = {
    manifest_version: 3,
    name: 'empty content script',
    version: '1.0',
    // launchChromium finds the extension id through its service worker.
    background: { service_worker: 'background.js' },
    content_scripts: (built.content_scripts ?? []).map((script) => ({ ...script, js: ['content.js'] })),
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(join(dir, 'content.js'), 'void 0;\n');
  await writeFile(join(dir, 'background.js'), 'void 0;\n');
  try {
    const launched = await launchChromium({ extensionDir: dir, ...LAUNCH });
    return {
      label: 'control',
      context: launched.context,
      ourPrefix: null,
      close: async () => {
        await launched.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The baseline: launchChromium's recipe without the two extension flags. */
export async function launchWithout(): Promise<BenchBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'lurewatch-bench-base-'));
  const context = await chromium
    .launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, ...LAUNCH, args: [...CHROMIUM_ARGS] })
    .catch(async (error: unknown) => {
      await rm(profile, { recursive: true, force: true });
      throw error;
    });
  return {
    label: 'without',
    context,
    ourPrefix: null,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A page open in one browser, with a DevTools protocol session on it. */
export class Tab {
  private constructor(
    readonly browser: BenchBrowser,
    readonly page: Page,
    readonly cdp: CDPSession,
  ) {}

  /**
   * A new tab on `blankUrl` (same origin as the pages measured, so the measured navigation stays in this renderer
   * and the profiler started here sees it).
   */
  static async open(browser: BenchBrowser, blankUrl: string): Promise<Tab> {
    const page = await browser.context.newPage();
    await page.goto(blankUrl, { waitUntil: 'load' });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    return new Tab(browser, page, cdp);
  }

  /** Runs `work` under the CPU profiler and attributes the samples (all zero for ours in the baseline). */
  async profiled(work: () => Promise<void>): Promise<ProfileCost> {
    await this.cdp.send('Profiler.start');
    try {
      await work();
    } catch (error) {
      await this.cdp.send('Profiler.stop').catch(() => undefined);
      throw error;
    }
    const { profile } = await this.cdp.send('Profiler.stop');
    // In the baseline no URL starts with a character that is not in any URL: nothing is ours.
    return attributeProfile(profile as CpuProfile, this.browser.ourPrefix ?? '\u0000', this.browser.nameOf);
  }

  /** Bytes of JavaScript heap in this renderer after a full collection: page world and extension worlds alike. */
  async heapBytes(): Promise<number> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
    return (await this.cdp.send('Runtime.getHeapUsage')).usedSize;
  }

  /**
   * By the page's Navigation Timing: milliseconds from the start of navigation to the end of the load event, and
   * how long the load event itself lasted.
   */
  async loadTiming(): Promise<{ endMs: number; eventMs: number }> {
    const handle = await this.page.waitForFunction(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return entry && entry.loadEventEnd > 0 ? { endMs: entry.loadEventEnd, eventMs: entry.loadEventEnd - entry.loadEventStart } : null;
    });
    return (await handle.jsonValue()) as { endMs: number; eventMs: number };
  }

  /**
   * The background's own count of milliseconds spent matching and decoding the pack (`lurewatchStats` in
   * background/main.ts); null without our extension. Work there runs on the service worker's thread, not the page's,
   * so the profiler above never sees it.
   */
  async backgroundMs(): Promise<number | null> {
    const prefix = this.browser.ourPrefix;
    if (prefix === null) return null;
    const worker = this.browser.context.serviceWorkers().find((w) => w.url().startsWith(prefix));
    if (!worker) return 0; // stopped: it has done nothing since it last counted
    const stats = (await worker.evaluate('typeof lurewatchStats === "function" ? lurewatchStats() : null')) as { matchMs: number; packMs: number } | null;
    return stats === null ? null : stats.matchMs + stats.packMs;
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    await this.page.close().catch(() => undefined);
  }
}
