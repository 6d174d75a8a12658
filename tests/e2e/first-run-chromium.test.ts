// End-to-end: the first-run page in real headless Chromium. It opens by itself when LureWatch is installed, its
// three settings save through the background (the popup's path) and reach an open tab at once, and "See an example"
// shows the real banner. "Was this wrong?" and "Report a missed lure" copy their reports to the clipboard, which is
// read back by pasting. The accessibility of all of it is a11y-chromium.test.ts's. Pictures go to out/demo/.
import { mkdirSync } from 'node:fs';
import type { Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_RUN_PAGE, launchChromium, type ChromiumWithExtension } from '../../scripts/lib/chromium.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { browserSession, showLogOnFailure } from './support/session.js';
import { TYPED } from './support/hint-probes.js';
import { makePlan, type Plan } from './support/plan.js';
import { startTestServer } from './support/test-server.js';

const OUT = 'out/demo';
const BANNER = 'lurewatch-banner[data-lurewatch="banner"]';
const PASTE_PAGE = '/test/hints/comment.html';
/** A lure page whose permissions policy refuses the clipboard: the report is selected for the person to copy. */
const NO_CLIPBOARD_PAGE = '/en/hobby-lure.html';

describe('First-run page and reports in Chromium', () => {
  let server: StaticServer;
  let chromium: ChromiumWithExtension;
  let plan: Plan;
  let welcome: Page;
  const requests: string[] = [];
  const logs: string[] = [];

  const session = browserSession({
    browser: 'chrome',
    serve: () => startTestServer({ headers: { [NO_CLIPBOARD_PAGE]: { 'Permissions-Policy': 'clipboard-write=()' } } }),
    launch: (extensionDir) => launchChromium({ extensionDir, firstRun: 'keep' }),
  });

  beforeAll(async () => {
    ({ browser: chromium, served: server } = session);
    mkdirSync(OUT, { recursive: true });
    plan = await makePlan();
    chromium.context.on('request', (request: Request) => requests.push(request.url()));
    chromium.context.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') logs.push(`  [${message.type()}] ${message.text()}`);
    });
  });

  showLogOnFailure('Chromium console', () => logs);

  const worker = () => chromium.context.serviceWorkers().find((w) => w.url().startsWith(chromium.extensionOrigin))!;
  const stored = async (key: string): Promise<unknown> =>
    worker().evaluate(async (k) => ((await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(k))[k]), key);

  /** What the clipboard holds, pasted with the keyboard into a page's text box (no clipboard permission asked). */
  async function pasted(): Promise<string> {
    const page = await chromium.context.newPage();
    try {
      await page.goto(server.url(PASTE_PAGE), { waitUntil: 'load' });
      await page.click('#comment');
      await page.keyboard.press('Control+V');
      return await page.inputValue('#comment');
    } finally {
      await page.close();
    }
  }

  it('opens by itself on install, once, as an extension page', async () => {
    expect(chromium.firstRunPage, 'no first-run page opened on install').not.toBeNull();
    welcome = chromium.firstRunPage!;
    expect(welcome.url()).toBe(`${chromium.extensionOrigin}/${FIRST_RUN_PAGE}`);
    await welcome.waitForLoadState('load');
    expect(chromium.context.pages().filter((page) => page.url().endsWith(FIRST_RUN_PAGE))).toHaveLength(1);
    await welcome.setViewportSize({ width: 1280, height: 800 });
    await welcome.waitForFunction(() => document.querySelector('#sensitivity-hint')?.textContent === 'Balanced. Recommended.');
    expect(await welcome.textContent('h1')).toBe('Welcome to LureWatch');
    expect(await welcome.evaluate(() => (document.querySelector('#picture') as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await welcome.screenshot({ path: `${OUT}/first-run-chromium-en.png`, fullPage: true });
  });

  it('its settings save through the background and reach an open tab at once', async () => {
    const { path, expected } = plan.popup;
    const tab = await chromium.context.newPage();
    try {
      await tab.goto(server.url(path), { waitUntil: 'load' });
      const severity = async (want: string | null): Promise<void> => {
        await tab
          .waitForFunction(({ s, w }) => (document.querySelector(s)?.getAttribute('data-severity') ?? null) === w, { s: BANNER, w: want }, { timeout: 5_000 })
          .catch(() => undefined);
        expect(await tab.evaluate((s) => document.querySelector(s)?.getAttribute('data-severity') ?? null, BANNER)).toBe(want);
      };
      await severity(expected.medium);
      for (const sensitivity of ['low', 'high', 'medium'] as const) {
        await welcome.selectOption('#sensitivity', sensitivity);
        await severity(expected[sensitivity]);
        expect(await stored('settings')).toMatchObject({ sensitivity });
      }
      // The post hint switch, whatever the detection core makes of the page above: a hint showing in an open tab goes.
      await tab.goto(server.url(PASTE_PAGE), { waitUntil: 'load' });
      await tab.click('#comment');
      await tab.keyboard.type(TYPED.clearance);
      await tab.waitForFunction(() => document.querySelector('[data-lurewatch="hint"]')?.getAttribute('data-placed') === 'yes', undefined, { timeout: 10_000 });
      await welcome.selectOption('#scope', 'categories');
      await welcome.click('label:has(> #hints)');
      await expect.poll(() => stored('settings')).toMatchObject({ scope: 'categories', hints: false });
      await tab.waitForFunction(() => document.querySelector('[data-lurewatch="hint"]') === null, undefined, { timeout: 5_000 });
      // The popup shows what the first-run page stored.
      const popup = await chromium.context.newPage();
      await popup.goto(`${chromium.extensionOrigin}/popup.html`);
      await popup.waitForFunction(() => (document.querySelector('#scope') as HTMLSelectElement).value === 'categories');
      expect(await popup.isChecked('#hints')).toBe(false);
      await popup.close();
      await welcome.selectOption('#scope', 'all');
      await welcome.click('label:has(> #hints)');
      await expect.poll(() => stored('settings')).toMatchObject({ scope: 'all', hints: true });
    } finally {
      await tab.close();
    }
  });

  it('"See an example" shows the real banner, whose "Show me" marks the example message', async () => {
    await welcome.bringToFront();
    await welcome.click('#example-toggle');
    await welcome.waitForSelector(BANNER, { state: 'attached' });
    expect(await welcome.getAttribute(BANNER, 'data-severity')).toBe('warning');
    await welcome.click(`${BANNER} [data-action="show"]`);
    expect(await welcome.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('lurewatch-evidence'))).toBe(true);
    await welcome.waitForTimeout(300);
    await welcome.screenshot({ path: `${OUT}/first-run-chromium-en-example.png` });
    await welcome.click(`${BANNER} [data-action="dismiss"]`);
    await welcome.waitForSelector(BANNER, { state: 'detached' });
    expect(await welcome.textContent('#example-status')).toMatch(/On a real page/);
    expect(await stored('dismissed')).toBeUndefined();
  });

  it('"Was this wrong?" marks the page and "Copy a report" puts the report on the clipboard', async () => {
    const lure = plan.staticPages.filter((page) => page.expect === 'banner').at(-1)!;
    const tab = await chromium.context.newPage();
    try {
      await tab.goto(server.url(`/${lure.path}`), { waitUntil: 'load' });
      await tab.waitForSelector(BANNER, { state: 'attached', timeout: 10_000 });
      await tab.click(`${BANNER} [data-action="wrong"]`);
      await tab.click(`${BANNER} [data-part="include-quotes"]`);
      const report = await tab.inputValue(`${BANNER} [data-part="report-text"]`);
      expect(report).toMatch(/^LureWatch report: false alarm\nVersion: [\d.]+\nAbout: banner\nSeverity: (caution|warning)\nRules: /);
      expect(report).toContain('Quoted evidence:');
      await tab.click(`${BANNER} [data-action="copy"]`);
      await tab.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('[data-part="copy-status"]')?.getAttribute('data-outcome'), BANNER);
      expect(await tab.evaluate((s) => document.querySelector(s)!.shadowRoot!.querySelector('[data-part="copy-status"]')!.getAttribute('data-outcome'), BANNER)).toBe('copied');
      expect(await pasted()).toBe(report);
      const marks = (await stored('dismissed')) as Record<string, { wrong?: boolean }>;
      expect(Object.values(marks).map((mark) => mark.wrong)).toEqual([true]);
      await tab.click(`${BANNER} [data-action="close"]`);
      await tab.reload({ waitUntil: 'load' });
      await tab.waitForFunction(() => document.documentElement.hasAttribute('data-lurewatch-ready'), undefined, { timeout: 10_000 });
      await tab.waitForTimeout(700);
      expect(await tab.$(BANNER)).toBeNull();
    } finally {
      await tab.close();
    }
  });

  it('where the page refuses the clipboard, the report is selected in its text box, and Ctrl+C copies it', async () => {
    const tab = await chromium.context.newPage();
    try {
      await tab.goto(server.url(NO_CLIPBOARD_PAGE), { waitUntil: 'load' });
      await tab.waitForSelector(BANNER, { state: 'attached', timeout: 10_000 });
      await tab.click(`${BANNER} [data-action="wrong"]`);
      const report = await tab.inputValue(`${BANNER} [data-part="report-text"]`);
      await tab.click(`${BANNER} [data-action="copy"]`);
      await tab.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('[data-part="copy-status"]')?.getAttribute('data-outcome'), BANNER);
      const state = await tab.evaluate((s) => {
        const root = document.querySelector(s)!.shadowRoot!;
        const area = root.querySelector('textarea')!;
        return { outcome: root.querySelector('[data-part="copy-status"]')!.getAttribute('data-outcome'), focused: root.activeElement === area, selected: [area.selectionStart, area.selectionEnd], length: area.value.length };
      }, BANNER);
      expect(state).toEqual({ outcome: 'selected', focused: true, selected: [0, report.length], length: report.length });
      await tab.keyboard.press('Control+C');
      expect(await pasted()).toBe(report);
    } finally {
      await tab.close();
    }
  });

  it('"Report a missed lure" in the popup copies a report of the current page with the note', async () => {
    const tab = await chromium.context.newPage();
    try {
      await tab.goto(server.url('/en/dating-benign.html'), { waitUntil: 'load' });
      await tab.waitForFunction(() => document.documentElement.hasAttribute('data-lurewatch-ready'), undefined, { timeout: 10_000 });
      const cdp = await chromium.context.newCDPSession(tab);
      const opened = chromium.context.waitForEvent('page');
      await cdp.send('Target.createTarget', { url: `${chromium.extensionOrigin}/popup.html`, background: true });
      const popup = await opened;
      await cdp.detach();
      try {
        await popup.waitForSelector('#missed-open:not([hidden])', { timeout: 10_000 });
        await popup.click('#missed-open');
        await popup.fill('#missed-note', 'The profile asked which base I work at.');
        const report = await popup.inputValue('#missed-text');
        expect(report).toMatch(/^LureWatch report: missed lure\nVersion: [\d.]+\nAbout: popup\nSeverity: nothing found\nNote:\nThe profile asked which base I work at.\n$/);
        await popup.click('#missed-copy');
        await popup.waitForFunction(() => document.querySelector('#missed-status')?.textContent !== '');
        expect(await popup.getAttribute('#missed-status', 'data-outcome')).toBe('copied');
        expect(await pasted()).toBe(report);
      } finally {
        await popup.close();
      }
    } finally {
      await tab.close();
    }
  });

  it('made no network request: only the test server\'s pages and the extension\'s own files', () => {
    const strays = requests.filter((url) => !url.startsWith(`${chromium.extensionOrigin}/`) && !url.startsWith(server.origin) && !url.startsWith('data:'));
    expect(strays).toEqual([]);
  });
});
