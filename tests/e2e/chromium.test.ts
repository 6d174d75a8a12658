// End-to-end: the TEST build of LureWatch in real headless Chromium (Debian's /usr/bin/chromium via playwright-core).
// One browser for the whole file; the scenarios run in order and share it, like a person browsing.
import { mkdirSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../../scripts/lib/chromium.js';
import { shotName } from '../../scripts/lib/demo-pages.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { CHROME_TEST_EXTENSION_ID } from '../../scripts/lib/test-key.js';
import { browserSession, showLogOnFailure } from './support/session.js';
import { makePlan, type Plan } from './support/plan.js';
import {
  ALLOW_ALL_SITES,
  BANNER_STATE,
  BANNER_STYLE,
  DEFAULT_SWITCHES,
  CHAT_TIMING,
  CHAT_TIMING_PRELOAD,
  bannerLatency,
  isOpaqueColor,
  type BannerState,
  type BannerStyle,
  type ChatTiming,
} from './support/page-probes.js';
import { CSP_PAGE, STRICT_CSP, startTestServer, unexplainedRequests } from './support/test-server.js';
import { LURES } from '../fixtures/scenarios.js';

const OUT = 'out/e2e';
const BANNER = 'lurewatch-banner[data-lurewatch="banner"]';
const SEVERITIES = ['caution', 'warning'];
/** The banner fades in; a picture taken at once shows it half transparent. */
const SETTLE_FOR_PICTURE_MS = 500;
/** A lure, added to a quiet page by script. */
const LURE_TEXT = LURES.find((s) => s.name.startsWith('Xiao: loan for proof of service (en)'))!.text;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

interface SeenRequest {
  url: string;
  fromServiceWorker: boolean;
  navigation: boolean;
  type: string;
}

describe('LureWatch in Chromium', () => {
  let server: StaticServer;
  let chromium: ChromiumWithExtension;
  let plan: Plan;
  let tab: Page;
  const requests: SeenRequest[] = [];
  const navigated = new Set<string>();
  const logs: string[] = [];

  const session = browserSession({
    browser: 'chrome',
    serve: () => startTestServer(),
    launch: (extensionDir) => launchChromium({ extensionDir }),
  });

  beforeAll(async () => {
    ({ browser: chromium, served: server } = session);
    mkdirSync(OUT, { recursive: true });
    plan = await makePlan();
    // Pages, frames, extension pages and the extension's service worker all report here.
    chromium.context.on('request', (request: Request) => {
      requests.push({
        url: request.url(),
        fromServiceWorker: request.serviceWorker() !== null,
        navigation: request.isNavigationRequest(),
        type: request.resourceType(),
      });
    });
    // Content scripts' console messages arrive here too, marked with their chrome-extension:// script.
    chromium.context.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') {
        logs.push(`  [${message.type()}] ${message.text()} (${message.location().url || 'no location'})`);
      }
    });
    chromium.context.on('weberror', (error) => logs.push(`  [uncaught] ${error.error().message}`));
    tab = await chromium.context.newPage();
  });

  showLogOnFailure('Chromium console', () => logs);

  async function open(page: Page, path: string): Promise<void> {
    navigated.add(path);
    await page.goto(server.url(path), { waitUntil: 'load' });
  }

  const state = (page: Page): Promise<BannerState> => page.evaluate(BANNER_STATE) as Promise<BannerState>;

  async function waitForBanner(page: Page, timeout = 10_000): Promise<string> {
    await page.waitForSelector(BANNER, { state: 'attached', timeout });
    return (await state(page)).severity ?? '';
  }

  /** The content script has scanned (html[data-lurewatch-ready]) and, a moment later, still shows no banner. */
  async function expectQuiet(page: Page, { requireReady = true, settleMs = 700 } = {}): Promise<void> {
    const ready = await page
      .waitForFunction(() => document.documentElement.hasAttribute('data-lurewatch-ready'), undefined, { timeout: 10_000 })
      .then(() => true, () => false);
    if (requireReady) expect(ready, 'html[data-lurewatch-ready] never appeared: the content script did not finish a scan').toBe(true);
    await page.waitForTimeout(settleMs);
    expect((await state(page)).severity).toBeNull();
  }

  async function openPopup(): Promise<Page> {
    const popup = await chromium.context.newPage();
    await popup.setViewportSize({ width: 400, height: 720 });
    await popup.goto(`${chromium.extensionOrigin}/popup.html`);
    await popup.waitForSelector('#enabled', { state: 'attached' });
    return popup;
  }

  it('loads the test build with the pinned extension id', () => {
    // (A build passed in through LUREWATCH_E2E_DIST may be a stand-in with an id of its own.)
    if (!process.env.LUREWATCH_E2E_DIST) expect(chromium.extensionId).toBe(CHROME_TEST_EXTENSION_ID);
  });

  describe('banner on lure pages, none on their benign twins', () => {
    it('static demo pages', async () => {
      const verdicts: string[] = [];
      for (const page of plan.staticPages) {
        await open(tab, `/${page.path}`);
        if (page.expect === 'banner') {
          const severity = await waitForBanner(tab).catch(() => 'none');
          verdicts.push(`${page.path}: ${severity}`);
          if (SEVERITIES.includes(severity)) {
            await sleep(SETTLE_FOR_PICTURE_MS);
            await tab.screenshot({ path: `${OUT}/chromium-${shotName(page)}.png` });
          }
        } else {
          const quiet = await expectQuiet(tab).then(() => true, () => false);
          verdicts.push(`${page.path}: ${quiet ? 'none' : `BANNER ${JSON.stringify(await state(tab))}`}`);
        }
      }
      const expected = plan.staticPages.map((page) => `${page.path}: ${page.expect === 'banner' ? 'caution|warning' : 'none'}`);
      // One assertion over all pages, so a failure lists every page that disagrees, not just the first.
      expect(verdicts.map((v) => v.replace(/: (caution|warning)$/, ': caution|warning'))).toEqual(expected);
    }, 300_000);

    for (const lang of ['en', 'zh']) {
      it(`chat pages (${lang}): the banner follows the lure message within 1 s; the benign chat stays quiet`, async () => {
        for (const page of plan.chatPages.filter((p) => p.lang === lang)) {
          const chat = await chromium.context.newPage();
          try {
            await chat.addInitScript(`(${CHAT_TIMING_PRELOAD})()`);
            await open(chat, `/${page.path}`);
            await chat.waitForFunction(() => document.body?.getAttribute('data-demo-final') === 'true', undefined, { timeout: 30_000 });
            if (page.expect === 'banner') {
              await waitForBanner(chat, 3_000);
              const timing = (await chat.evaluate(CHAT_TIMING)) as ChatTiming;
              const latency = bannerLatency(timing);
              console.log(`chromium ${page.path}: banner ${latency?.latency.toFixed(0)} ms after message ${latency?.message} of ${timing.messages.length}`);
              expect(latency).not.toBeNull();
              expect(latency!.latency).toBeLessThan(1000);
              await sleep(SETTLE_FOR_PICTURE_MS);
              await chat.screenshot({ path: `${OUT}/chromium-${shotName(page)}.png` });
            } else {
              // The last message may still be queued for scanning: give it the full second the lure gets.
              await expectQuiet(chat, { settleMs: 1_500 });
            }
          } finally {
            await chat.close();
          }
        }
      }, 120_000);
    }
  });

  it('a page served with Content-Security-Policy: default-src \'none\' still shows a styled banner', async () => {
    navigated.add(CSP_PAGE);
    const response = await tab.goto(server.url(CSP_PAGE));
    expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
    // The page's own inline <style> (a pink body) is blocked: proof the policy is in force.
    expect(await tab.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 221, 221)');
    expect(SEVERITIES).toContain(await waitForBanner(tab));
    await sleep(SETTLE_FOR_PICTURE_MS); // let the entrance transition finish before measuring and taking the picture
    const style = (await tab.evaluate(BANNER_STYLE)) as BannerStyle | null;
    expect(style, 'no role="alert" container in the banner\'s (open, test build) shadow root').not.toBeNull();
    expect(isOpaqueColor(style!.backgroundColor), `background ${style!.backgroundColor}`).toBe(true);
    expect(style!.height).toBeGreaterThan(20);
    expect(style!.width).toBeGreaterThan(200);
    expect(style!.buttons).toBeGreaterThanOrEqual(3);
    await tab.screenshot({ path: `${OUT}/chromium-csp.png` });
  });

  it('popup changes reach an open tab without a reload', async () => {
    const { path, expected } = plan.popup;
    expect(new Set(Object.values(expected)).size, `${path} no longer tells the sensitivities apart: ${JSON.stringify(expected)}`).toBeGreaterThan(1);
    await open(tab, path);
    const popup = await openPopup();
    try {
      // The weekly count comes from the background a moment after the popup opens; picture it with the number.
      await popup.waitForFunction(() => /\d/.test(document.querySelector('#count-week')?.textContent ?? ''), undefined, { timeout: 3_000 }).catch(() => undefined);
      await popup.screenshot({ path: `${OUT}/chromium-popup.png`, fullPage: true });
      const bannerBecomes = async (severity: string | null): Promise<void> => {
        await tab
          .waitForFunction(
            ({ selector, want }) => (document.querySelector(selector)?.getAttribute('data-severity') ?? null) === want,
            { selector: BANNER, want: severity },
            { timeout: 5_000 },
          )
          .catch(() => undefined);
        expect((await state(tab)).severity).toBe(severity);
      };
      await bannerBecomes(expected.medium);
      for (const sensitivity of ['low', 'high', 'medium'] as const) {
        await popup.selectOption('#sensitivity', sensitivity);
        await bannerBecomes(expected[sensitivity]);
      }
      // Click the switch a person sees (the label around the hidden checkbox), then check the checkbox followed.
      const toggle = async (checked: boolean): Promise<void> => {
        await popup.click('label:has(> #enabled)');
        expect(await popup.isChecked('#enabled')).toBe(checked);
      };
      await toggle(false);
      await bannerBecomes(null);
      await toggle(true);
      await bannerBecomes(expected.medium);
    } finally {
      await popup.evaluate(DEFAULT_SWITCHES).catch(() => undefined);
      await popup.close();
    }
  });

  it('a dismissed banner stays dismissed on that page after a reload', async () => {
    await open(tab, `/${plan.dismiss.path}`);
    await waitForBanner(tab);
    await tab.click(`${BANNER} [data-action="dismiss"]`);
    await tab.waitForSelector(BANNER, { state: 'detached', timeout: 5_000 });
    await tab.reload();
    await expectQuiet(tab, { settleMs: 1_000 });
  });

  it('"Not on this site" keeps the whole site quiet after a reload', async () => {
    const [first, second] = plan.site;
    await open(tab, `/${first.path}`);
    await waitForBanner(tab);
    await tab.click(`${BANNER} [data-action="not-on-site"]`);
    await tab.waitForSelector(BANNER, { state: 'detached', timeout: 5_000 });
    await tab.reload();
    // A disabled site may not be scanned at all, so the ready mark is not required here.
    await expectQuiet(tab, { requireReady: false, settleMs: 1_000 });
    await open(tab, `/${second.path}`);
    await expectQuiet(tab, { requireReady: false, settleMs: 1_000 });

    // Allow the site again, as the popup's site toggle would, and the banner is back.
    const popup = await openPopup();
    try {
      await popup.evaluate(ALLOW_ALL_SITES);
    } finally {
      await popup.close();
    }
    await tab.reload();
    await waitForBanner(tab);
  });

  it('a service worker stopped while idle has forgotten the page: the next change reads the page again, and a lure still shows', async () => {
    const benign = plan.staticPages.find((page) => page.expect === 'quiet')!;
    await open(tab, `/${benign.path}`);
    await expectQuiet(tab, { settleMs: 300 });
    const before = chromium.context.serviceWorkers().find((w) => w.url().startsWith(chromium.extensionOrigin))!;
    await before.evaluate(() => Object.assign(globalThis, { lurewatchMarker: true }));
    // What Chrome does to an idle extension worker after 30 s, at once.
    const cdp = await chromium.context.newCDPSession(tab);
    try {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
    } finally {
      await cdp.detach();
    }
    await tab.evaluate((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      document.body.append(p);
    }, LURE_TEXT);
    await waitForBanner(tab, 5_000);
    // The banner came from a worker that started afresh (no marker), so the page really was read again.
    const after = chromium.context.serviceWorkers().find((w) => w.url().startsWith(chromium.extensionOrigin))!;
    expect(await after.evaluate(() => 'lurewatchMarker' in globalThis)).toBe(false);
  });

  it('makes no network request: every request is a page of the test server or an extension file', async () => {
    const strays = requests.filter((request) => {
      if (request.url.startsWith(`${chromium.extensionOrigin}/`)) return false; // its own packaged files
      if (request.url.startsWith('data:') || request.url.startsWith('blob:')) return false; // not network
      const url = new URL(request.url);
      const pageRequest = url.origin === server.origin && !request.fromServiceWorker;
      return !(pageRequest && (request.navigation || url.pathname === '/favicon.ico'));
    });
    expect(strays, 'requests not made by a page of the test server').toEqual([]);
    // Requests the service worker made before the listener above was attached (at install) are in its own
    // resource timing; none may leave the extension.
    const worker = chromium.context.serviceWorkers().find((w) => w.url().startsWith(chromium.extensionOrigin));
    const workerResources = worker ? ((await worker.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))) as string[]) : [];
    expect(workerResources.filter((url) => !url.startsWith(`${chromium.extensionOrigin}/`))).toEqual([]);
    // And the server saw nothing but the pages the tests opened (a content script's fetch would show up here).
    expect(unexplainedRequests(server, navigated), 'requests the test server got that no page asked for').toEqual([]);
    expect(requests.filter((request) => request.navigation).length).toBeGreaterThan(10);
  });
});
