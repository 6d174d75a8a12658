// End-to-end: LureWatch in a Chromium whose interface language is Chinese (zh-CN). The banner, read from the real
// chrome.i18n.getUILanguage() of a content script, and the popup speak Chinese; a Chinese lure page points to 12339.
// Screenshots go to out/e2e (chromium-zh-*.png).
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../../scripts/lib/chromium.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { browserSession } from './support/session.js';
import { makePlan, type Plan } from './support/plan.js';
import { startTestServer } from './support/test-server.js';

const OUT = 'out/e2e';
const BANNER = 'lurewatch-banner[data-lurewatch="banner"]';
/** The banner's text (its shadow root is open in the test build). */
const BANNER_TEXT = `document.querySelector('${BANNER}')?.shadowRoot?.textContent ?? ''`;
const HAN = /\p{Script=Han}/u;

describe('LureWatch in a Chinese Chromium', () => {
  let server: StaticServer;
  let chromium: ChromiumWithExtension;
  let plan: Plan;
  let tab: Page;

  const session = browserSession({
    browser: 'chrome',
    serve: () => startTestServer(),
    launch: (extensionDir) => launchChromium({ extensionDir, locale: 'zh-CN' }),
  });

  beforeAll(async () => {
    ({ browser: chromium, served: server } = session);
    mkdirSync(OUT, { recursive: true });
    plan = await makePlan();
    tab = await chromium.context.newPage();
  });

  const bannerOn = async (path: string): Promise<string> => {
    await tab.goto(server.url(`/${path}`), { waitUntil: 'load' });
    await tab.waitForSelector(BANNER, { state: 'attached', timeout: 10_000 });
    await tab.waitForTimeout(500); // the banner fades in
    return (await tab.evaluate(BANNER_TEXT)) as string;
  };

  it('the banner on a Chinese lure page is in Chinese and points to 12339', async () => {
    const page = plan.staticPages.find((p) => p.expect === 'banner' && p.path.startsWith('zh/'))!;
    const text = await bannerOn(page.path);
    expect(text).toContain('建议');
    expect(text).toContain('12339');
    expect(text).not.toContain('What to do');
    await tab.screenshot({ path: `${OUT}/chromium-zh-banner.png` });
  });

  it('the banner on an English lure page speaks Chinese too: the interface follows the browser, not the page', async () => {
    const page = plan.staticPages.find((p) => p.expect === 'banner' && p.path.startsWith('en/'))!;
    const text = await bannerOn(page.path);
    expect(text).toContain('建议');
    expect(text).not.toContain('What to do');
  });

  it('the popup is in Chinese', async () => {
    const popup = await chromium.context.newPage();
    try {
      await popup.setViewportSize({ width: 400, height: 720 });
      await popup.goto(`${chromium.extensionOrigin}/popup.html`);
      await popup.waitForFunction(() => document.documentElement.lang === 'zh-CN' || document.documentElement.lang === 'zh');
      const heading = (await popup.textContent('#page-heading')) ?? '';
      expect(heading).toBe('此页面');
      const body = (await popup.textContent('body')) ?? '';
      expect([...body].filter((c) => HAN.test(c)).length).toBeGreaterThan(40);
      await popup.screenshot({ path: `${OUT}/chromium-zh-popup.png`, fullPage: true });
    } finally {
      await popup.close();
    }
  });
});
