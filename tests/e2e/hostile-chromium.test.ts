// End-to-end: the TEST build of LureWatch in real headless Chromium on adversarial pages (tests/e2e/support/hostile.ts
// lists them with their expected outcomes), then an extension reload with those pages open. Each page gets its own
// tab and a DevTools session that records every exception and console error of every world in it (page, frames,
// the content script's isolated world), so a problem is attributed to the page or to the extension.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertChromiumInstalled, launchChromium, type ChromiumWithExtension } from '../../scripts/lib/chromium.js';
import { acquireBrowserLock } from './support/browser-lock.js';
import { buildTestExtension, type BuiltExtension } from './support/extension-build.js';
import {
  EXPECTED_INSERTIONS,
  FROM_FRAME,
  HOSTILE_DIR,
  HOSTILE_PAGES,
  HOSTILE_PROBE,
  POKE_POINT,
  attribute,
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
  let release: (() => void) | undefined;
  let extension: BuiltExtension | undefined;
  let servers: HostileServers;
  let chromium: ChromiumWithExtension;

  beforeAll(async () => {
    assertChromiumInstalled();
    release = await acquireBrowserLock();
    extension = await buildTestExtension('chrome');
    servers = await startHostileServers();
    chromium = await launchChromium({ extensionDir: extension.dir });
  }, 600_000);

  afterAll(async () => {
    try {
      await chromium?.close();
      await servers?.close();
    } finally {
      extension?.remove();
      release?.();
    }
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

  /** Page-specific proof beyond the banner. */
  async function expectPageSpecifics(hostile: HostilePage, tab: Tab, state: HostileState): Promise<void> {
    switch (hostile.path.slice(HOSTILE_DIR.length)) {
      case 'patched.html':
        expect(state.hostileCalls, 'LureWatch called a function the page had patched').toBe('0');
        break;
      case 'markup.html':
        expect(state.bannerText).toContain('<img src=x onerror=');
        expect(state.bannerImages, 'the banner holds an element made from page text').toBe(0);
        expect(state.pageImages).toBe(0);
        expect(state.pwned, 'a handler from page text ran').toBe('');
        break;
      case 'deep.html':
        expect(Number(state.depth)).toBeGreaterThan(10_000);
        break;
      case 'quirks.html':
        expect(state.compatMode).toBe('BackCompat');
        break;
      case 'lure.xhtml':
        expect(state.contentType).toBe('application/xhtml+xml');
        break;
      case 'nobody.html':
        expect(state.hasBody).toBe(false);
        break;
      case 'image.svg':
        expect(state.contentType).toBe('image/svg+xml');
        break;
      case 'editable.html': {
        await tab.run(`document.getElementById('editor').focus()`);
        await tab.page.keyboard.press('End');
        await tab.page.keyboard.type(' typed by a person');
        expect((await tab.probe()).editor).toContain('typed by a person');
        await sleep(500);
        expect((await tab.probe()).banners, 'typing in the editor brought a banner').toBe(0);
        break;
      }
      case 'squat.html':
        expect(Number(state.squatted), 'the page\'s element class never ran: it did not squat the tag').toBeGreaterThan(0);
        break;
      default:
    }
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
            expect(SEVERITIES, `no banner: ${JSON.stringify({ ...state, editor: undefined })}`).toContain(state.severity);
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
});
