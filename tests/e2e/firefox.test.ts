// End-to-end: the TEST build of LureWatch in real headless Firefox ESR, driven over WebDriver BiDi.
// One browser for the whole file; the scenarios run in order and share it, like a person browsing. Every request
// goes through a recording proxy as well, because BiDi does not report requests of an add-on's background page.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from '../../scripts/lib/firefox.js';
import { startRecordingProxy, type RecordingProxy } from '../../scripts/lib/recording-proxy.js';
import { shotName } from '../../scripts/lib/demo-pages.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { FIREFOX_GECKO_ID, FIREFOX_TEST_UUID } from '../../scripts/lib/test-key.js';
import { browserSession, firefoxConsole, showLogOnFailure } from './support/session.js';
import { makePlan, type Plan } from './support/plan.js';
import {
  ALLOW_ALL_SITES,
  BANNER_STATE,
  BANNER_STYLE,
  DEFAULT_SWITCHES,
  CHAT_TIMING,
  CHAT_TIMING_PRELOAD,
  bannerButton,
  bannerLatency,
  isOpaqueColor,
  type BannerState,
  type BannerStyle,
  type ChatTiming,
} from './support/page-probes.js';
import { CSP_PAGE, STRICT_CSP, startTestServer, unexplainedRequests } from './support/test-server.js';

const OUT = 'out/e2e';
const SEVERITY = `document.querySelector('lurewatch-banner[data-lurewatch="banner"]')?.getAttribute('data-severity')`;
const SEVERITIES = ['caution', 'warning'];
/** The banner fades in; a picture taken at once shows it half transparent. */
const SETTLE_FOR_PICTURE_MS = 500;
const POPUP_SIZE = { width: 400, height: 720 };
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('LureWatch in Firefox', () => {
  let server: StaticServer;
  let proxy: RecordingProxy;
  let firefox: FirefoxWithExtension;
  let plan: Plan;
  let tab: string;
  const navigated = new Set<string>();

  const session = browserSession({
    browser: 'firefox',
    // The proxy forwards to the test server only; closing the pair closes the proxy first.
    serve: async () => {
      const started = await startTestServer();
      const recording = await startRecordingProxy(() => [started.origin]);
      const close = async (): Promise<void> => {
        try {
          await recording.close();
        } finally {
          await started.close();
        }
      };
      return { server: started, proxy: recording, close };
    },
    launch: (extensionDir, served) =>
      launchFirefox({ extensionDir, geckoId: FIREFOX_GECKO_ID, uuid: FIREFOX_TEST_UUID, proxy: served.proxy.address }),
  });

  beforeAll(async () => {
    ({ browser: firefox } = session);
    ({ server, proxy } = session.served);
    mkdirSync(OUT, { recursive: true });
    plan = await makePlan();
    tab = await firefox.newTab();
  });

  showLogOnFailure('Firefox console', firefoxConsole(() => firefox));

  async function open(context: string, path: string): Promise<void> {
    navigated.add(path);
    await firefox.navigate(context, server.url(path));
  }

  const state = (context: string): Promise<BannerState> => firefox.evaluate<BannerState>(context, BANNER_STATE);

  const waitForBanner = (context: string, timeoutMs = 10_000): Promise<string> =>
    firefox.waitFor<string>(context, SEVERITY, timeoutMs);

  async function waitForSeverity(context: string, want: string | null, timeoutMs = 5_000): Promise<void> {
    await firefox.waitFor(context, `(${SEVERITY} ?? null) === ${JSON.stringify(want)}`, timeoutMs).catch(() => undefined);
    expect((await state(context)).severity).toBe(want);
  }

  /** The content script has scanned (html[data-lurewatch-ready]) and, a moment later, still shows no banner. */
  async function expectQuiet(context: string, { requireReady = true, settleMs = 700 } = {}): Promise<void> {
    const ready = await firefox
      .waitFor(context, `document.documentElement.hasAttribute('data-lurewatch-ready')`, 10_000)
      .then(() => true, () => false);
    if (requireReady) expect(ready, 'html[data-lurewatch-ready] never appeared: the content script did not finish a scan').toBe(true);
    await sleep(settleMs);
    expect((await state(context)).severity).toBeNull();
  }

  /** The popup in its own window, so the page's tab stays the visible one, as under a real toolbar popup. */
  async function openPopup(): Promise<string> {
    const popup = await firefox.newTab('window', POPUP_SIZE);
    await firefox.navigate(popup, `${firefox.extensionOrigin}/popup.html`);
    await firefox.waitFor(popup, `document.querySelector('#enabled') !== null`);
    return popup;
  }

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
            await firefox.screenshot(tab, `${OUT}/firefox-${shotName(page)}.png`);
          }
        } else {
          const quiet = await expectQuiet(tab).then(() => true, () => false);
          verdicts.push(`${page.path}: ${quiet ? 'none' : `BANNER ${JSON.stringify(await state(tab))}`}`);
        }
      }
      const expected = plan.staticPages.map((page) => `${page.path}: ${page.expect === 'banner' ? 'caution|warning' : 'none'}`);
      expect(verdicts.map((v) => v.replace(/: (caution|warning)$/, ': caution|warning'))).toEqual(expected);
    }, 300_000);

    for (const lang of ['en', 'zh']) {
      it(`chat pages (${lang}): the banner follows the lure message within 1 s; the benign chat stays quiet`, async () => {
        for (const page of plan.chatPages.filter((p) => p.lang === lang)) {
          const chat = await firefox.newTab();
          const preload = await firefox.addPreloadScript(CHAT_TIMING_PRELOAD, [chat]);
          try {
            await open(chat, `/${page.path}`);
            await firefox.waitFor(chat, `document.body?.getAttribute('data-demo-final') === 'true'`, 30_000);
            if (page.expect === 'banner') {
              await waitForBanner(chat, 3_000);
              const timing = await firefox.evaluate<ChatTiming>(chat, CHAT_TIMING);
              const latency = bannerLatency(timing);
              console.log(`firefox ${page.path}: banner ${latency?.latency.toFixed(0)} ms after message ${latency?.message} of ${timing.messages.length}`);
              expect(latency).not.toBeNull();
              expect(latency!.latency).toBeLessThan(1000);
              await sleep(SETTLE_FOR_PICTURE_MS);
              await firefox.screenshot(chat, `${OUT}/firefox-${shotName(page)}.png`);
            } else {
              await expectQuiet(chat, { settleMs: 1_500 });
            }
          } finally {
            await firefox.removePreloadScript(preload);
            await firefox.closeTab(chat);
          }
        }
      }, 120_000);
    }
  });

  it('a page served with Content-Security-Policy: default-src \'none\' still shows a styled banner', async () => {
    const head = await fetch(server.url(CSP_PAGE), { method: 'HEAD' });
    expect(head.headers.get('content-security-policy')).toBe(STRICT_CSP);
    navigated.add(CSP_PAGE); // the HEAD above is this test's own request for a page it opens anyway
    await open(tab, CSP_PAGE);
    // The page's own inline <style> (a pink body) is blocked: proof the policy is in force.
    expect(await firefox.evaluate<string>(tab, `getComputedStyle(document.body).backgroundColor`)).not.toBe('rgb(255, 221, 221)');
    expect(SEVERITIES).toContain(await waitForBanner(tab));
    await sleep(SETTLE_FOR_PICTURE_MS); // let the entrance transition finish before measuring and taking the picture
    const style = await firefox.evaluate<BannerStyle | null>(tab, BANNER_STYLE);
    expect(style, 'no role="alert" container in the banner\'s (open, test build) shadow root').not.toBeNull();
    expect(isOpaqueColor(style!.backgroundColor), `background ${style!.backgroundColor}`).toBe(true);
    expect(style!.height).toBeGreaterThan(20);
    expect(style!.width).toBeGreaterThan(200);
    expect(style!.buttons).toBeGreaterThanOrEqual(3);
    await firefox.screenshot(tab, `${OUT}/firefox-csp.png`);
  });

  it('popup changes reach an open tab without a reload', async () => {
    const { path, expected } = plan.popup;
    expect(new Set(Object.values(expected)).size, `${path} no longer tells the sensitivities apart: ${JSON.stringify(expected)}`).toBeGreaterThan(1);
    await open(tab, path);
    await waitForSeverity(tab, expected.medium);
    const popup = await openPopup();
    try {
      // The weekly count comes from the background a moment after the popup opens; picture it with the number.
      await firefox.waitFor(popup, `/\d/.test(document.querySelector('#count-week')?.textContent ?? '')`, 3_000).catch(() => undefined);
      await firefox.screenshot(popup, `${OUT}/firefox-popup.png`);
      for (const sensitivity of ['low', 'high', 'medium'] as const) {
        // Choosing an <option> with the mouse opens a native menu; set the value and fire the events a choice fires.
        await firefox.evaluate(
          popup,
          `(() => { const select = document.querySelector('#sensitivity'); select.value = ${JSON.stringify(sensitivity)};
            select.dispatchEvent(new Event('input', { bubbles: true }));
            select.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`,
        );
        await waitForSeverity(tab, expected[sensitivity]);
      }
      // A real click on the switch a person sees (the label around the hidden checkbox).
      const toggle = async (checked: boolean): Promise<void> => {
        await firefox.clickElement(popup, `document.querySelector('#enabled').closest('label') ?? document.querySelector('#enabled')`);
        expect(await firefox.evaluate<boolean>(popup, `document.querySelector('#enabled').checked`)).toBe(checked);
      };
      await toggle(false);
      await waitForSeverity(tab, null);
      await toggle(true);
      await waitForSeverity(tab, expected.medium);
    } finally {
      await firefox.evaluate(popup, DEFAULT_SWITCHES).catch(() => undefined);
      await firefox.closeTab(popup);
    }
  });

  it('a dismissed banner stays dismissed on that page after a reload', async () => {
    await open(tab, `/${plan.dismiss.path}`);
    await waitForBanner(tab);
    await firefox.clickElement(tab, bannerButton('dismiss'));
    await waitForSeverity(tab, null);
    await firefox.reload(tab);
    await expectQuiet(tab, { settleMs: 1_000 });
  });

  it('"Not on this site" keeps the whole site quiet after a reload', async () => {
    const [first, second] = plan.site;
    await open(tab, `/${first.path}`);
    await waitForBanner(tab);
    await firefox.clickElement(tab, bannerButton('not-on-site'));
    await waitForSeverity(tab, null);
    await firefox.reload(tab);
    // A disabled site may not be scanned at all, so the ready mark is not required here.
    await expectQuiet(tab, { requireReady: false, settleMs: 1_000 });
    await open(tab, `/${second.path}`);
    await expectQuiet(tab, { requireReady: false, settleMs: 1_000 });

    // Allow the site again, as the popup's site toggle would, and the banner is back.
    const popup = await openPopup();
    try {
      await firefox.evaluate(popup, ALLOW_ALL_SITES);
    } finally {
      await firefox.closeTab(popup);
    }
    await firefox.reload(tab);
    await waitForBanner(tab);
  });

  it('makes no network request: every request is a page of the test server', async () => {
    // What BiDi saw: page documents (and the favicon Firefox fetches for them), nothing a script asked for.
    const strays = firefox.requests.filter((request) => {
      if (request.url.startsWith(`${firefox.extensionOrigin}/`)) return false; // its own packaged files
      if (request.url.startsWith('data:') || request.url.startsWith('blob:')) return false; // not network
      const url = new URL(request.url);
      const pageRequest = url.origin === server.origin && request.context !== null;
      return !(pageRequest && (request.destination === 'document' || url.pathname === '/favicon.ico'));
    });
    expect(strays, 'requests of a page or content script that the pages did not make').toEqual([]);
    // What went over the wire, background page included: only requests to the test server. (A host of Firefox's
    // own services here means scripts/lib/firefox.ts misses a pref; a profile with no extension stays silent.)
    expect(proxy.requests.filter((request) => !request.forwarded), 'requests that left for the network').toEqual([]);
    expect(unexplainedRequests(server, navigated), 'requests the test server got that no page asked for').toEqual([]);
    expect(firefox.requests.filter((request) => request.destination === 'document').length).toBeGreaterThan(10);
  });
});
