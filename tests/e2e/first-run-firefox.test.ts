// End-to-end: the first-run page in real headless Firefox ESR over WebDriver BiDi, with the same expectations as
// first-run-chromium.test.ts: it opens by itself on install, its settings save through the background and reach an
// open tab, "See an example" shows the real banner, and the reports of "Was this wrong?" and "Report a missed lure"
// reach the clipboard (read back by pasting with the keyboard). Pictures go to out/demo/.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_RUN_PAGE, launchFirefox, type FirefoxWithExtension } from '../../scripts/lib/firefox.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { FIREFOX_GECKO_ID, FIREFOX_TEST_UUID } from '../../scripts/lib/test-key.js';
import { browserSession, firefoxConsole, showLogOnFailure } from './support/session.js';
import { TYPED } from './support/hint-probes.js';
import { makePlan, type Plan } from './support/plan.js';
import { startTestServer } from './support/test-server.js';

const OUT = 'out/demo';
const BANNER = `document.querySelector('lurewatch-banner[data-lurewatch="banner"]')`;
const inBanner = (selector: string): string => `${BANNER}?.shadowRoot?.querySelector('${selector}')`;
const CONTROL = '\uE009';
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('First-run page and reports in Firefox', () => {
  let server: StaticServer;
  let firefox: FirefoxWithExtension;
  let plan: Plan;
  let welcome: string;

  const session = browserSession({
    browser: 'firefox',
    serve: () => startTestServer(),
    launch: (extensionDir) => launchFirefox({ extensionDir, geckoId: FIREFOX_GECKO_ID, uuid: FIREFOX_TEST_UUID, firstRun: 'keep' }),
  });

  beforeAll(async () => {
    ({ browser: firefox, served: server } = session);
    mkdirSync(OUT, { recursive: true });
    plan = await makePlan();
  });

  showLogOnFailure('Firefox console', firefoxConsole(() => firefox));

  const activate = (context: string): Promise<unknown> => firefox.bidi.send('browsingContext.activate', { context });
  /** Chooses an option as the page's change handler sees it (a real click on a <select> opens a native menu). */
  const choose = (context: string, selector: string, value: string): Promise<unknown> =>
    firefox.evaluate(context, `(() => { const s = document.querySelector(${JSON.stringify(selector)}); s.value = ${JSON.stringify(value)};
      s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`);
  const stored = async (key: string): Promise<unknown> => firefox.evaluate(welcome, `browser.storage.local.get(${JSON.stringify(key)}).then((items) => items[${JSON.stringify(key)}] ?? null)`);

  async function pasted(back: string): Promise<string> {
    const page = await firefox.newTab();
    try {
      await firefox.navigate(page, server.url('/test/hints/comment.html'));
      await firefox.clickElement(page, `document.querySelector('#comment')`);
      await firefox.bidi.send('input.performActions', {
        context: page,
        actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: CONTROL }, { type: 'keyDown', value: 'v' }, { type: 'keyUp', value: 'v' }, { type: 'keyUp', value: CONTROL }] }],
      });
      return await firefox.evaluate<string>(page, `document.querySelector('#comment').value`);
    } finally {
      await firefox.closeTab(page);
      await activate(back);
    }
  }

  it('opens by itself on install, as an extension page', async () => {
    expect(firefox.firstRunTab, 'no first-run page opened on install').not.toBeNull();
    welcome = firefox.firstRunTab!;
    await activate(welcome);
    expect(await firefox.evaluate(welcome, 'location.href')).toBe(`${firefox.extensionOrigin}/${FIRST_RUN_PAGE}`);
    await firefox.waitFor(welcome, `document.querySelector('#sensitivity-hint')?.textContent === 'Balanced. Recommended.'`);
    expect(await firefox.evaluate(welcome, `document.querySelector('h1').textContent`)).toBe('Welcome to LureWatch');
    expect(await firefox.evaluate<number>(welcome, `document.querySelector('#picture').naturalWidth`)).toBeGreaterThan(0);
    await firefox.screenshot(welcome, `${OUT}/first-run-firefox-en.png`);
  });

  it('its settings save through the background and reach an open tab at once', async () => {
    const { path, expected } = plan.popup;
    const tab = await firefox.newTab();
    try {
      await firefox.navigate(tab, server.url(path));
      const severity = async (want: string | null): Promise<void> => {
        const expression = `${BANNER}?.getAttribute('data-severity') ?? null`;
        await firefox.waitFor(tab, `(${expression}) === ${JSON.stringify(want)}`, 5_000).catch(() => undefined);
        expect(await firefox.evaluate(tab, expression)).toBe(want);
      };
      await severity(expected.medium);
      for (const sensitivity of ['low', 'high', 'medium'] as const) {
        await choose(welcome, '#sensitivity', sensitivity);
        await severity(expected[sensitivity]);
        expect(await stored('settings')).toMatchObject({ sensitivity });
      }
      // The post hint switch, whatever the detection core makes of the page above: a hint showing in an open tab goes.
      const hint = `document.querySelector('[data-lurewatch="hint"]')`;
      await firefox.navigate(tab, server.url('/test/hints/comment.html'));
      await firefox.clickElement(tab, `document.querySelector('#comment')`);
      const typed = [...TYPED.clearance].flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
      await firefox.bidi.send('input.performActions', { context: tab, actions: [{ type: 'key', id: 'keyboard', actions: typed }] });
      await firefox.waitFor(tab, `${hint}?.getAttribute('data-placed') === 'yes'`);
      await choose(welcome, '#scope', 'categories');
      await activate(welcome);
      await firefox.clickElement(welcome, `document.querySelector('#hints').closest('label')`);
      await expect.poll(() => stored('settings')).toMatchObject({ scope: 'categories', hints: false });
      await firefox.waitFor(tab, `${hint} === null`, 5_000);
      await choose(welcome, '#scope', 'all');
      await firefox.clickElement(welcome, `document.querySelector('#hints').closest('label')`);
      await expect.poll(() => stored('settings')).toMatchObject({ scope: 'all', hints: true });
    } finally {
      await firefox.closeTab(tab);
      await activate(welcome);
    }
  });

  it('"See an example" shows the real banner, whose "Show me" marks the example message', async () => {
    await firefox.clickElement(welcome, `document.querySelector('#example-toggle')`);
    await firefox.waitFor(welcome, `${BANNER} !== null`);
    expect(await firefox.evaluate(welcome, `${BANNER}.getAttribute('data-severity')`)).toBe('warning');
    await firefox.clickElement(welcome, inBanner('[data-action="show"]'));
    expect(await firefox.evaluate(welcome, `CSS.highlights.has('lurewatch-evidence')`)).toBe(true);
    await sleep(300);
    await firefox.screenshot(welcome, `${OUT}/first-run-firefox-en-example.png`);
    await firefox.clickElement(welcome, inBanner('[data-action="dismiss"]'));
    await firefox.waitFor(welcome, `${BANNER} === null`);
    expect(await firefox.evaluate(welcome, `document.querySelector('#example-status').textContent`)).toMatch(/On a real page/);
    expect(await stored('dismissed')).toBeNull();
  });

  it('"Was this wrong?" marks the page and "Copy a report" puts the report on the clipboard', async () => {
    const lure = plan.staticPages.filter((page) => page.expect === 'banner').at(-1)!;
    const tab = await firefox.newTab();
    try {
      await firefox.navigate(tab, server.url(`/${lure.path}`));
      await firefox.waitFor(tab, `${BANNER} !== null`);
      await firefox.clickElement(tab, inBanner('[data-action="wrong"]'));
      await firefox.clickElement(tab, inBanner('[data-part="include-quotes"]'));
      const report = await firefox.evaluate<string>(tab, `${inBanner('[data-part="report-text"]')}.value`);
      expect(report).toMatch(/^LureWatch report: false alarm\nVersion: [\d.]+\nAbout: banner\nSeverity: (caution|warning)\nRules: /);
      await firefox.clickElement(tab, inBanner('[data-action="copy"]'));
      expect(await firefox.waitFor(tab, `${inBanner('[data-part="copy-status"]')}?.getAttribute('data-outcome')`)).toBe('copied');
      expect(await pasted(tab)).toBe(report);
      const marks = (await stored('dismissed')) as Record<string, { wrong?: boolean }>;
      expect(Object.values(marks).map((mark) => mark.wrong)).toEqual([true]);
      await firefox.clickElement(tab, inBanner('[data-action="close"]'));
      await firefox.reload(tab);
      await firefox.waitFor(tab, `document.documentElement.hasAttribute('data-lurewatch-ready')`);
      await sleep(700);
      expect(await firefox.evaluate(tab, `${BANNER} === null`)).toBe(true);
    } finally {
      await firefox.closeTab(tab);
    }
  });

  it('"Report a missed lure" in the popup copies a report of the current page with the note', async () => {
    const tab = await firefox.newTab();
    const { context: popup } = await firefox.bidi.send<{ context: string }>('browsingContext.create', { type: 'tab', background: true });
    try {
      await firefox.navigate(tab, server.url('/en/dating-benign.html'));
      await firefox.waitFor(tab, `document.documentElement.hasAttribute('data-lurewatch-ready')`);
      await firefox.navigate(popup, `${firefox.extensionOrigin}/popup.html`);
      await firefox.waitFor(popup, `document.querySelector('#missed-open')?.hidden === false`);
      await activate(popup);
      await firefox.clickElement(popup, `document.querySelector('#missed-open')`);
      await firefox.evaluate(popup, `(() => { const n = document.querySelector('#missed-note'); n.value = 'The profile asked which base I work at.';
        n.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`);
      const report = await firefox.evaluate<string>(popup, `document.querySelector('#missed-text').value`);
      expect(report).toMatch(/^LureWatch report: missed lure\nVersion: [\d.]+\nAbout: popup\nSeverity: nothing found\nNote:\nThe profile asked which base I work at.\n$/);
      await firefox.clickElement(popup, `document.querySelector('#missed-copy')`);
      expect(await firefox.waitFor(popup, `document.querySelector('#missed-status').dataset.outcome`)).toBe('copied');
      expect(await pasted(popup)).toBe(report);
    } finally {
      await firefox.closeTab(popup);
      await firefox.closeTab(tab);
    }
  });
});
