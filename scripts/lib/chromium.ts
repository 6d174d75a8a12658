// Launches Debian's Chromium with an unpacked extension through playwright-core, in a fresh temporary profile.
// The recipe (flags, how to find the extension id) is ../shared/docs/browsers.md, checked on these machines.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_INSTALL_HINT = 'sudo apt-get install chromium';
/** Debian's Chromium ships only its en-US interface; the other languages are the chromium-l10n package. */
const LOCALES_DIR = '/usr/lib/chromium/locales';
export const CHROMIUM_L10N_HINT = 'sudo apt-get install chromium-l10n';

/** The launch recipe of ../shared/docs/browsers.md: nothing that phones home, nothing that needs a GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // The browser's own traffic (updates, sync, QUIC probes) must not blur the "no network request" test.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ChromiumWithExtension {
  context: BrowserContext;
  /** The extension's id: the host of its chrome-extension:// URLs. */
  extensionId: string;
  /** "chrome-extension://ID" */
  extensionOrigin: string;
  /** The first-run page, when launched with firstRun 'keep' (null for an extension that opens none). */
  firstRunPage: Page | null;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  /** Folder of the unpacked extension (the one holding manifest.json). */
  extensionDir: string;
  headless?: boolean;
  /**
   * Browser UI language, e.g. "en-US" or "zh-CN": what chrome.i18n.getUILanguage() says and which _locales file
   * chrome.i18n.getMessage() reads (Chromium on Linux takes the latter from LANGUAGE, and needs its own
   * translation of the interface installed for anything but en-US).
   */
  locale?: string;
  viewport?: { width: number; height: number } | null;
  /**
   * The first-run page LureWatch opens on install (every launch is a fresh profile, so an install): 'close' (the
   * default) waits for it and closes it, so that a run's tabs are only its own; 'keep' leaves it open
   * (`firstRunPage`).
   */
  firstRun?: 'close' | 'keep';
  /** The colour scheme and motion preference every page sees, from its creation (the accessibility checks). */
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
}

/** The page the background opens on install (src/background/service.ts FIRST_RUN_PAGE). */
export const FIRST_RUN_PAGE = 'welcome.html';
/** A fresh profile opens the first-run page within a second of the worker starting; this is ample on a busy machine. */
const FIRST_RUN_WAIT_MS = 15_000;

/** Throws an Error that says what to install when Debian's Chromium is missing. */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed (${CHROMIUM_PATH} is missing). Install it with:\n  ${CHROMIUM_INSTALL_HINT}`);
  }
}

export async function launchChromium(options: ChromiumOptions): Promise<ChromiumWithExtension> {
  assertChromiumInstalled();
  const extensionDir = resolve(options.extensionDir);
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`no manifest.json in ${extensionDir}: build first`);
  const locale = options.locale ?? 'en-US';
  if (locale !== 'en-US' && !existsSync(join(LOCALES_DIR, `${locale}.pak`))) {
    throw new Error(`Chromium has no ${locale} interface (${LOCALES_DIR}/${locale}.pak is missing). Install it with:\n  ${CHROMIUM_L10N_HINT}`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'lurewatch-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      locale,
      env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
      viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
      ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
      ...(options.reducedMotion ? { reducedMotion: options.reducedMotion } : {}),
      args: [
        // Playwright passes --disable-extensions itself; only this exception lets the unpacked extension load.
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        ...CHROMIUM_ARGS,
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    const extensionId = new URL(worker.url()).host;
    const opened = context;
    const firstRunPage = await firstRunOf(opened, `chrome-extension://${extensionId}`, extensionDir);
    if (firstRunPage && (options.firstRun ?? 'close') === 'close') {
      // Closed once it has loaded, as a person would: closing an extension page while it is still loading left a
      // zh-CN Chromium's later extension pages without their messages (chrome.i18n.getMessage answered '') in about
      // one launch in three.
      await firstRunPage.waitForLoadState('load').catch(() => undefined);
      await firstRunPage.close();
    }
    return {
      context: opened,
      extensionId,
      extensionOrigin: `chrome-extension://${extensionId}`,
      firstRunPage: options.firstRun === 'keep' ? firstRunPage : null,
      close: async () => {
        await opened.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The first-run page the extension opened on install; null for a build without one (an older build measured by
 * a benchmark, a stand-in extension), which is then not waited for.
 */
async function firstRunOf(context: BrowserContext, origin: string, extensionDir: string): Promise<Page | null> {
  if (!existsSync(join(extensionDir, FIRST_RUN_PAGE))) return null;
  const isFirstRun = (page: Page): boolean => page.url() === `${origin}/${FIRST_RUN_PAGE}`;
  return context.pages().find(isFirstRun) ?? (await context.waitForEvent('page', { predicate: isFirstRun, timeout: FIRST_RUN_WAIT_MS }));
}
