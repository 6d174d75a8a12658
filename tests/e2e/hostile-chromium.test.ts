// End-to-end: the TEST build of LureWatch in real headless Chromium on adversarial pages (tests/e2e/support/hostile.ts
// lists them with their expected outcomes), then an extension reload with those pages open. Each page gets its own
// tab and a DevTools session that records every exception and console error of every world in it (page, frames,
// the content script's isolated world), so a problem is attributed to the page or to the extension.
import type { CDPSession, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../../scripts/lib/chromium.js';
import { browserSession } from './support/session.js';
import {
  EXPECTED_INSERTIONS,
  FROM_FRAME,
  HOSTILE_DIR,
  HOSTILE_PAGES,
  HOSTILE_PROBE,
  POKE_POINT,
  TYPED_LURE,
  attribute,
  pageSpecificProblems,
  parsePoint,
  parseProbe,
  startHostileServers,
  type HostilePage,
  type HostileServers,
  type HostileState,
  type LoggedProblem,
} from './support/hostile.js';

const SEVERITIES = ['caution', 'warning'];
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

interface Tab {
  page: Page;
  cdp: CDPSession;
  problems: LoggedProblem[];
  probe(): Promise<HostileState>;
  /** Runs an expression in the page's main world and returns its (JSON-able) value, through CDP, not the page's JSON. */
  run(expression: string): Promise<unknown>;
}

describe('LureWatch on hostile pages in Chromium', () => {
  let servers: HostileServers;
  let chromium: ChromiumWithExtension;

  const session = browserSession({
    browser: 'chrome',
    serve: startHostileServers,
    launch: (extensionDir) => launchChromium({ extensionDir }),
  });

  beforeAll(() => {
    ({ browser: chromium, served: servers } = session);
  });

  async function openTab(path: string): Promise<Tab> {
    const page = await chromium.context.newPage();
    const cdp = await chromium.context.newCDPSession(page);
    const problems: LoggedProblem[] = [];
    cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
      problems.push({ text: `uncaught ${d.exception?.description ?? d.text}`, url: d.url ?? d.stackTrace?.callFrames[0]?.url ?? '' });
    });
    cdp.on('Runtime.consoleAPICalled', (event) => {
      if (event.type !== 'error' && event.type !== 'warning' && event.type !== 'assert') return;
      const text = event.args.map((arg) => String(arg.value ?? arg.description ?? '')).join(' ');
      problems.push({ text: `console.${event.type} ${text}`, url: event.stackTrace?.callFrames[0]?.url ?? '' });
    });
    cdp.on('Log.entryAdded', ({ entry }) => {
      if (entry.level === 'error' || entry.level === 'warning') problems.push({ text: `log ${entry.text}`, url: entry.url ?? '' });
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Log.enable');
    const run = async (expression: string): Promise<unknown> => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
      if (exceptionDetails) throw new Error(`probe failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    };
    await page.goto(servers.main.url(path), { waitUntil: 'load', timeout: 60_000 });
    return { page, cdp, problems, run, probe: async () => parseProbe(String(await run(HOSTILE_PROBE))) };
  }

  async function until(tab: Tab, done: (state: HostileState) => boolean, timeoutMs: number): Promise<HostileState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await tab.probe();
      if (done(state) || Date.now() > deadline) return state;
      await sleep(100);
    }
  }

  /** The heartbeat ticks on and the page's button takes a real click. */
  async function expectAlive(tab: Tab): Promise<void> {
    const before = (await tab.probe()).ticks;
    await sleep(400);
    expect((await tab.probe()).ticks, 'the page counter stopped ticking').toBeGreaterThan(before);
    const point = parsePoint(String(await tab.run(POKE_POINT)));
    expect(point, 'no #poke button').not.toBeNull();
    expect(point!.reachable, 'something covers the page\'s button').toBe(true);
    const pokes = (await tab.probe()).pokes;
    await tab.page.mouse.click(point!.x, point!.y);
    expect((await until(tab, (s) => s.pokes > pokes, 3_000)).pokes, 'the page\'s button did not respond').toBe(pokes + 1);
  }

  /** Page-specific proof beyond the banner; in the editor, a person types a lure (still theirs, still unread). */
  async function expectPageSpecifics(hostile: HostilePage, tab: Tab, state: HostileState): Promise<void> {
    expect(pageSpecificProblems(hostile, state)).toEqual([]);
    if (!hostile.path.endsWith('/editable.html')) return;
    await tab.run(`document.getElementById('editor').focus()`);
    await tab.page.keyboard.press('End');
    await tab.page.keyboard.type(TYPED_LURE);
    expect((await tab.probe()).editor).toContain(TYPED_LURE.trim());
    await sleep(500);
    expect((await tab.probe()).banners, 'typing in the editor brought a banner').toBe(0);
  }

  for (const hostile of HOSTILE_PAGES) {
    it(`${hostile.name}: ${hostile.outcome} (${hostile.why})`, async () => {
      const tab = await openTab(hostile.path);
      try {
        let state: HostileState;
        switch (hostile.outcome) {
          case 'banner':
          case 'frame-banner':
            state = await until(tab, (s) => s.banners > 0, 15_000);
            expect(SEVERITIES, `no banner: ${JSON.stringify({ ...state, editor: undefined })}\nlogged: ${JSON.stringify(attribute(tab.problems, chromium.extensionOrigin))}`).toContain(state.severity);
            expect(state.banners).toBe(1);
            if (hostile.outcome === 'frame-banner') expect(state.bannerText).toContain(FROM_FRAME);
            else expect(state.bannerText).not.toContain(FROM_FRAME);
            break;
          case 'removed':
            await until(tab, (s) => s.removals > 0, 15_000);
            await sleep(2_000); // every re-insertion the page will get
            state = await tab.probe();
            expect(state.removals, 'banner insertions the page removed').toBe(EXPECTED_INSERTIONS);
            await sleep(1_500); // the page keeps mutating (its heartbeat); no further attempt
            state = await tab.probe();
            expect(state.removals).toBe(EXPECTED_INSERTIONS);
            expect(state.banners).toBe(0);
            break;
          case 'none':
            state = await until(tab, (s) => s.ready, 10_000);
            expect(state.ready, 'the content script never finished a scan').toBe(true);
            await sleep(1_500);
            state = await tab.probe();
            expect(state.banners).toBe(0);
            break;
        }
        await expectPageSpecifics(hostile, tab, state);
        if (hostile.heartbeat) await expectAlive(tab);
        if (hostile.heartbeat) expect((await tab.probe()).pageErrors, 'errors the page saw').toBe('0');
        expect(attribute(tab.problems, chromium.extensionOrigin), 'errors and warnings in the page, its frames or the content script').toEqual([]);
      } finally {
        await tab.page.close();
      }
    }, 90_000);
  }

  it('an extension reload with pages open: old content scripts stop quietly, pages opened after it are watched', async () => {
    const paths = ['storm.html', 'frame-same.html', 'markup.html'].map((file) => `${HOSTILE_DIR}${file}`);
    const tabs: Tab[] = [];
    try {
      for (const path of paths) tabs.push(await openTab(path));
      for (const tab of tabs) expect((await until(tab, (s) => s.banners > 0, 15_000)).banners).toBe(1);

      // What an update does to open pages: the extension restarts; their content scripts lose their extension.
      // Chromium disables an unpacked extension that reloads outside developer mode, so turn that on first, as the
      // developer who loaded it would have it; the extensions page answers with the extension's state.
      const manager = await chromium.context.newPage();
      await manager.goto('chrome://extensions');
      const call = (expression: string): Promise<unknown> =>
        manager.evaluate(`new Promise((done) => ${expression.replace('DONE', '(value) => done(chrome.runtime.lastError ? chrome.runtime.lastError.message : value)')})`);
      await call(`chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, DONE)`);
      const extensionState = (): Promise<unknown> => call(`chrome.developerPrivate.getExtensionInfo('${chromium.extensionId}', (info) => (DONE)(info && info.state))`);
      expect(await extensionState()).toBe('ENABLED');
      const worker = chromium.context.serviceWorkers().find((w) => w.url().startsWith(`${chromium.extensionOrigin}/`));
      expect(worker, 'no service worker of the extension').toBeDefined();
      await worker!.evaluate('setTimeout(() => chrome.runtime.reload(), 0)');
      await sleep(500);
      const deadline = Date.now() + 10_000;
      while ((await extensionState()) !== 'ENABLED' && Date.now() < deadline) await sleep(200);
      expect(await extensionState(), 'the extension did not come back after its reload').toBe('ENABLED');
      await manager.close();

      // The orphaned scripts notice at their next look (each page changes itself ten times a second) and take
      // their banner with them: its buttons could no longer do anything.
      for (const tab of tabs) expect((await until(tab, (s) => s.banners === 0, 5_000)).banners, 'an orphaned banner stayed').toBe(0);
      // A new lure in an orphaned page: nobody watches any more (observers disconnected), and nothing throws.
      await tabs[2]!.run(`(() => { const p = document.createElement('p'); p.textContent = document.querySelector('p').textContent; document.body.append(p); })()`);
      await sleep(1_000);
      expect((await tabs[2]!.probe()).banners).toBe(0);
      for (const tab of tabs) {
        await expectAlive(tab);
        expect((await tab.probe()).pageErrors, 'errors the page saw').toBe('0');
        expect(attribute(tab.problems, chromium.extensionOrigin), `errors in ${tab.page.url()} after the reload`).toEqual([]);
      }

      // The same page loaded again, and a new tab, get the new content script.
      await tabs[2]!.page.reload({ waitUntil: 'load' });
      expect((await until(tabs[2]!, (s) => s.banners > 0, 15_000)).banners).toBe(1);
      tabs.push(await openTab(`${HOSTILE_DIR}frame-same.html`));
      const fresh = await until(tabs[3]!, (s) => s.banners > 0, 15_000);
      expect(fresh.bannerText).toContain(FROM_FRAME);
      expect(attribute(tabs[2]!.problems, chromium.extensionOrigin)).toEqual([]);
      expect(attribute(tabs[3]!.problems, chromium.extensionOrigin)).toEqual([]);
    } finally {
      for (const tab of tabs) await tab.page.close();
    }
  }, 120_000);
});
