// End-to-end accessibility checks in real headless Firefox ESR, in the light and the dark scheme with reduced
// motion (one browser each: the scheme is a preference of the profile): the banner and its report panel, the post
// hint and its report panel, the popup with its missed-lure report open, and the first-run page with its example.
// The same probes as the Chromium suite (support/a11y-probes.ts). Firefox ESR here has only its English interface,
// so the Chinese side of these checks runs in Chromium (a11y-chromium.test.ts). Pictures go to out/demo/.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from '../../scripts/lib/firefox.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { FIREFOX_GECKO_ID, FIREFOX_TEST_UUID } from '../../scripts/lib/test-key.js';
import { browserSession, firefoxConsole, showLogOnFailure } from './support/session.js';
import { CONTROLS, FOCUSED, LOW_CONTRAST, MEDIA, MOVING, focusOrderProblems, reachedAll, START_AT_TOP, type Contrast, type Focused, type Scope } from './support/a11y-probes.js';
import { TYPED } from './support/hint-probes.js';
import { startTestServer } from './support/test-server.js';

const OUT = 'out/demo';
const BANNER = `document.querySelector('lurewatch-banner[data-lurewatch="banner"]')`;
const HINT = `document.querySelector('[data-lurewatch="hint"]')`;
const TAB_KEY = '\uE004';
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

for (const scheme of ['light', 'dark'] as const) {
  describe(`Accessibility in Firefox (${scheme})`, () => {
    let server: StaticServer;
    let firefox: FirefoxWithExtension;
    let tab: string;

    const session = browserSession({
      browser: 'firefox',
      serve: () => startTestServer(),
      launch: (extensionDir) =>
        launchFirefox({
          extensionDir,
          geckoId: FIREFOX_GECKO_ID,
          uuid: FIREFOX_TEST_UUID,
          // Web pages and extension pages alike: 0 dark, 1 light. Reduced motion as the system would ask for it.
          prefs: { 'layout.css.prefers-color-scheme.content-override': scheme === 'dark' ? 0 : 1, 'ui.prefersReducedMotion': 1 },
        }),
    });

    beforeAll(async () => {
      ({ browser: firefox, served: server } = session);
      mkdirSync(OUT, { recursive: true });
      tab = await firefox.newTab();
    });

    showLogOnFailure('Firefox console', firefoxConsole(() => firefox));

    const keys = async (context: string, values: string[]): Promise<void> => {
      const actions = values.flatMap((value) => [
        { type: 'keyDown', value },
        { type: 'keyUp', value },
      ]);
      await firefox.bidi.send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions }] });
    };

    /**
     * The tab in front: Firefox gives a background tab's document no focus (no :focus-visible, throttled timers), and
     * closing a tab brings another one forward.
     */
    const activate = async (context: string): Promise<void> => {
      await firefox.bidi.send('browsingContext.activate', { context });
    };

    async function check(context: string, scope: Scope, start?: () => Promise<void>): Promise<void> {
      expect(await firefox.evaluate(context, MEDIA)).toEqual({ dark: scheme === 'dark', reduce: true });
      const contrast = await firefox.evaluate<Contrast | null>(context, LOW_CONTRAST(scope));
      expect(contrast, `${scope} is not there`).not.toBeNull();
      expect(contrast!.checked, `${scope}: no text checked`).toBeGreaterThan(3);
      expect(contrast!.failures, `${scope}: text below AA`).toEqual([]);
      expect(await firefox.evaluate(context, MOVING(scope)), `${scope}: moves under reduced motion`).toEqual([]);

      const expected = await firefox.evaluate<string[]>(context, CONTROLS(scope));
      expect(expected.length, `${scope}: no controls`).toBeGreaterThan(0);
      const everything = (await firefox.evaluate<string[]>(context, CONTROLS('document'))).length;
      if (start) await start();
      else await firefox.evaluate(context, START_AT_TOP);
      const reached: Focused[] = [];
      // Until every control of ours was reached: Tab past the document's end would leave it for the browser's own
      // interface (Firefox), and the next checks would find no focus in the page.
      for (let i = 0; i < everything + 2 && !reachedAll(expected, reached); i++) {
        await keys(context, [TAB_KEY]);
        reached.push(await firefox.evaluate<Focused>(context, FOCUSED(scope)));
      }
      expect(focusOrderProblems(expected, reached), `${scope}: keyboard`).toEqual([]);
    }

    const clearMarks = async (): Promise<void> => {
      const page = await firefox.newTab();
      try {
        await firefox.navigate(page, `${firefox.extensionOrigin}/popup.html`);
        await firefox.evaluate(page, `browser.storage.local.remove('dismissed').then(() => true)`);
      } finally {
        await firefox.closeTab(page);
        await activate(tab);
      }
    };

    it(`banner and its report panel (${scheme})`, async () => {
      await firefox.navigate(tab, server.url('/en/loan-lure.html'));
      await firefox.waitFor(tab, `${BANNER} !== null`);
      await check(tab, 'banner');
      await firefox.screenshot(tab, `${OUT}/a11y-firefox-${scheme}-banner.png`);
      await firefox.clickElement(tab, `${BANNER}.shadowRoot.querySelector('[data-action="wrong"]')`);
      await firefox.waitFor(tab, `${BANNER}.shadowRoot.querySelector('[data-part="report-panel"]') !== null`);
      await firefox.clickElement(tab, `${BANNER}.shadowRoot.querySelector('[data-part="include-quotes"]')`);
      await check(tab, 'banner');
      await firefox.screenshot(tab, `${OUT}/a11y-firefox-${scheme}-banner-report.png`);
      await firefox.clickElement(tab, `${BANNER}.shadowRoot.querySelector('[data-action="close"]')`);
      await clearMarks();
    });

    it(`post hint and its report panel (${scheme})`, async () => {
      await firefox.navigate(tab, server.url('/test/hints/comment.html'));
      await firefox.clickElement(tab, `document.querySelector('#comment')`);
      await keys(tab, [...TYPED.clearance]);
      await firefox.waitFor(tab, `${HINT}?.getAttribute('data-placed') === 'yes'`);
      const fromField = async (): Promise<void> => {
        await firefox.evaluate(tab, `(document.querySelector('#comment').focus(), true)`);
      };
      await check(tab, 'hint', fromField);
      await firefox.screenshot(tab, `${OUT}/a11y-firefox-${scheme}-hint.png`);
      await firefox.clickElement(tab, `${HINT}.shadowRoot.querySelector('[data-action="wrong"]')`);
      await firefox.waitFor(tab, `${HINT}.shadowRoot.querySelector('[data-part="report-panel"]') !== null`);
      await check(tab, 'hint', fromField);
      await firefox.screenshot(tab, `${OUT}/a11y-firefox-${scheme}-hint-report.png`);
      await firefox.clickElement(tab, `${HINT}.shadowRoot.querySelector('[data-action="close"]')`);
      await clearMarks();
    });

    it(`popup with "Report a missed lure" open (${scheme})`, async () => {
      await firefox.navigate(tab, server.url('/en/loan-lure.html'));
      await firefox.waitFor(tab, `${BANNER} !== null`);
      // A background tab of the same window: the popup reports on the active tab, the lure page, as from the toolbar.
      const { context: popup } = await firefox.bidi.send<{ context: string }>('browsingContext.create', { type: 'tab', background: true });
      try {
        await firefox.bidi.send('browsingContext.setViewport', { context: popup, viewport: { width: 400, height: 720 } });
        await firefox.navigate(popup, `${firefox.extensionOrigin}/popup.html`);
        await firefox.waitFor(popup, `document.querySelector('#missed-open')?.hidden === false`);
        // It has asked about the lure page; now in front, for the keyboard.
        await activate(popup);
        expect(await firefox.evaluate(popup, `document.querySelector('#page-heading').textContent`)).toBe('This page');
        await firefox.evaluate(popup, `(document.querySelector('#missed-open').click(), true)`);
        await check(popup, 'document');
        await firefox.screenshot(popup, `${OUT}/a11y-firefox-${scheme}-popup.png`);
      } finally {
        await firefox.closeTab(popup);
        await activate(tab);
      }
    });

    it(`first-run page with its example (${scheme})`, async () => {
      const page = await firefox.newTab();
      try {
        await firefox.navigate(page, `${firefox.extensionOrigin}/welcome.html`);
        await firefox.waitFor(page, `document.querySelector('h1')?.textContent === 'Welcome to LureWatch'`);
        await check(page, 'document');
        await firefox.screenshot(page, `${OUT}/first-run-firefox-en-${scheme}.png`);
        await firefox.clickElement(page, `document.querySelector('#example-toggle')`);
        await firefox.waitFor(page, `${BANNER} !== null`);
        await sleep(100);
        await check(page, 'document');
        await firefox.screenshot(page, `${OUT}/first-run-firefox-en-${scheme}-example.png`);
      } finally {
        await firefox.closeTab(page);
        await activate(tab);
      }
    });
  });
}
