// End-to-end accessibility checks in real headless Chromium, in an English and in a Chinese browser, each in the
// light and the dark scheme with reduced motion: the banner and its report panel on a lure page, the post hint and
// its report panel beside a comment box, the popup with its missed-lure report open, and the first-run page with
// its example banner. See support/a11y-probes.ts for what is checked. Pictures go to out/demo/. One browser per
// language and scheme, each page seeing the scheme from its creation (launchChromium's colorScheme).
import { mkdirSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../../scripts/lib/chromium.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { browserSession, showLogOnFailure } from './support/session.js';
import { CONTROLS, FOCUSED, LOW_CONTRAST, MEDIA, MOVING, focusOrderProblems, reachedAll, START_AT_TOP, type Contrast, type Focused, type Scope } from './support/a11y-probes.js';
import { TYPED } from './support/hint-probes.js';
import { startTestServer } from './support/test-server.js';

const OUT = 'out/demo';
const BANNER = 'lurewatch-banner[data-lurewatch="banner"]';
const HINT = '[data-lurewatch="hint"]';
const SCHEMES = ['light', 'dark'] as const;
const LURE = { 'en-US': '/en/loan-lure.html', 'zh-CN': '/zh/loan-lure.html' } as const;

const RUNS = (['en-US', 'zh-CN'] as const).flatMap((locale) => SCHEMES.map((scheme) => ({ locale, scheme })));

for (const { locale, scheme } of RUNS) {
  describe(`Accessibility in Chromium (${locale}, ${scheme})`, () => {
    let server: StaticServer;
    let chromium: ChromiumWithExtension;
    let tab: Page;
    let cdp: CDPSession;
    const logs: string[] = [];
    const lang = locale === 'zh-CN' ? 'zh' : 'en';

    const session = browserSession({
      browser: 'chrome',
      serve: () => startTestServer(),
      launch: (extensionDir) => launchChromium({ extensionDir, locale, colorScheme: scheme, reducedMotion: 'reduce' }),
    });

    beforeAll(async () => {
      ({ browser: chromium, served: server } = session);
      mkdirSync(OUT, { recursive: true });
      chromium.context.on('console', (message) => {
        if (message.type() === 'warning' || message.type() === 'error') logs.push(`  [${message.type()}] ${message.text()}`);
      });
      tab = await chromium.context.newPage();
      cdp = await chromium.context.newCDPSession(tab);
    });
    afterAll(async () => {
      await cdp?.detach().catch(() => undefined);
    });

    showLogOnFailure('Chromium console', () => logs);

    /** The checks run under the scheme and motion preference they claim. */
    const media = async (page: Page): Promise<void> => {
      expect(await page.evaluate(MEDIA)).toEqual({ dark: scheme === 'dark', reduce: true });
    };

    /** Contrast, motion, and the keyboard from `start` (or the document's start) through the scope's controls. */
    async function check(page: Page, scope: Scope, start?: () => Promise<void>): Promise<void> {
      const contrast = (await page.evaluate(LOW_CONTRAST(scope))) as Contrast | null;
      expect(contrast, `${scope} is not there`).not.toBeNull();
      expect(contrast!.checked, `${scope}: no text checked`).toBeGreaterThan(3);
      expect(contrast!.failures, `${scope}: text below AA`).toEqual([]);
      expect(await page.evaluate(MOVING(scope)), `${scope}: moves under reduced motion`).toEqual([]);

      const expected = (await page.evaluate(CONTROLS(scope))) as string[];
      expect(expected.length, `${scope}: no controls`).toBeGreaterThan(0);
      const everything = ((await page.evaluate(CONTROLS('document'))) as string[]).length;
      if (start) await start();
      else await page.evaluate(START_AT_TOP);
      const reached: Focused[] = [];
      // Until every control of ours was reached: Tab past the document's end would leave it for the browser's own
      // interface (Firefox), and the next checks would find no focus in the page.
      for (let i = 0; i < everything + 2 && !reachedAll(expected, reached); i++) {
        await page.keyboard.press('Tab');
        reached.push((await page.evaluate(FOCUSED(scope))) as Focused);
      }
      expect(focusOrderProblems(expected, reached), `${scope}: keyboard`).toEqual([]);
    }

    const clearMarks = async (): Promise<void> => {
      const worker = chromium.context.serviceWorkers().find((w) => w.url().startsWith(chromium.extensionOrigin))!;
      await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome.storage.local.remove('dismissed'));
    };

    {
      it(`banner and its report panel (${scheme})`, async () => {
        await tab.goto(server.url(LURE[locale]), { waitUntil: 'load' });
        await media(tab);
        await tab.waitForSelector(BANNER, { state: 'attached', timeout: 10_000 });
        await check(tab, 'banner');
        await tab.screenshot({ path: `${OUT}/a11y-chromium-${lang}-${scheme}-banner.png` });
        await tab.click(`${BANNER} [data-action="wrong"]`);
        await tab.waitForSelector(`${BANNER} [data-part="report-panel"]`);
        await tab.click(`${BANNER} [data-part="include-quotes"]`);
        expect(await tab.textContent(`${BANNER} [data-part="report-panel"] h2`)).toBe(lang === 'zh' ? '已标记为误报' : 'Marked as a false alarm');
        await check(tab, 'banner');
        await tab.screenshot({ path: `${OUT}/a11y-chromium-${lang}-${scheme}-banner-report.png` });
        await tab.click(`${BANNER} [data-action="close"]`);
        await clearMarks();
      });

      it(`post hint and its report panel (${scheme})`, async () => {
        await tab.goto(server.url('/test/hints/comment.html'), { waitUntil: 'load' });
        await media(tab);
        await tab.click('#comment');
        await tab.keyboard.type(TYPED.clearance);
        await tab.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('data-placed') === 'yes', HINT, { timeout: 10_000 });
        // From the field, as a person typing goes on with Tab: past the page's own button, into the hint.
        await check(tab, 'hint', () => tab.focus('#comment'));
        await tab.screenshot({ path: `${OUT}/a11y-chromium-${lang}-${scheme}-hint.png`, clip: { x: 0, y: 0, width: 1280, height: 480 } });
        await tab.click(`${HINT} [data-action="wrong"]`);
        await tab.waitForSelector(`${HINT} [data-part="report-panel"]`);
        await check(tab, 'hint', () => tab.focus('#comment'));
        await tab.screenshot({ path: `${OUT}/a11y-chromium-${lang}-${scheme}-hint-report.png`, clip: { x: 0, y: 0, width: 1280, height: 560 } });
        await tab.click(`${HINT} [data-action="close"]`);
        await clearMarks();
      });

      it(`popup with "Report a missed lure" open (${scheme})`, async () => {
        // The popup reports on the active tab: loaded in a background tab, as when the toolbar button is clicked.
        await tab.goto(server.url(LURE[locale]), { waitUntil: 'load' });
        await tab.waitForSelector(BANNER, { state: 'attached', timeout: 10_000 });
        const opened = chromium.context.waitForEvent('page');
        await cdp.send('Target.createTarget', { url: `${chromium.extensionOrigin}/popup.html`, background: true });
        const popup = await opened;
        try {
          await popup.setViewportSize({ width: 400, height: 720 });
          await media(popup);
          await popup.waitForSelector('#missed-open:not([hidden])', { timeout: 10_000 });
          // In the browser's language (the checks would pass on untranslated keys as well).
          expect(await popup.textContent('#page-heading')).toBe(lang === 'zh' ? '此页面' : 'This page');
          await popup.click('#missed-open');
          await popup.fill('#missed-note', lang === 'zh' ? '对方要我的部队番号。' : 'They asked for my unit number.');
          await check(popup, 'document');
          await popup.screenshot({ path: `${OUT}/a11y-chromium-${lang}-${scheme}-popup.png`, fullPage: true });
        } finally {
          await popup.close();
        }
      });

      it(`first-run page with its example (${scheme})`, async () => {
        const page = await chromium.context.newPage();
        try {
          await page.goto(`${chromium.extensionOrigin}/welcome.html`);
          await media(page);
          expect(await page.textContent('h1')).toBe(lang === 'zh' ? '欢迎使用 LureWatch' : 'Welcome to LureWatch');
          await page.waitForFunction(() => document.querySelector('#sensitivity-hint')?.textContent !== '');
          await check(page, 'document');
          await page.screenshot({ path: `${OUT}/first-run-chromium-${lang}-${scheme}.png`, fullPage: true });
          await page.click('#example-toggle');
          await page.waitForSelector(BANNER, { state: 'attached' });
          await check(page, 'document');
          await page.screenshot({ path: `${OUT}/first-run-chromium-${lang}-${scheme}-example.png` });
        } finally {
          await page.close();
        }
      });
    }

    it('without reduced motion the banner does move: the motion check can fail', async () => {
      await tab.emulateMedia({ reducedMotion: 'no-preference' });
      await tab.goto(server.url(LURE[locale]), { waitUntil: 'load' });
      await tab.waitForSelector(BANNER, { state: 'attached', timeout: 10_000 });
      expect(((await tab.evaluate(MOVING('banner'))) as string[]).join(' ')).toContain('animation enter');
      await tab.emulateMedia({ reducedMotion: 'reduce' });
    });
  });
}
