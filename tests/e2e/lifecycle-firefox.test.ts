// End-to-end: Firefox suspends an add-on's event page when it has been idle a while (30 s by default), and the
// suspended background forgets every frame's text. Here the idle time is one second, so the suspension really happens
// under an open page: the page's next change must find the background's matcher empty, read the page again
// (html[data-lurewatch-resyncs], a test-build mark) and still show the banner for a lure. Chromium's counterpart,
// a stopped service worker, is in chromium.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from '../../scripts/lib/firefox.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { FIREFOX_GECKO_ID, FIREFOX_TEST_UUID } from '../../scripts/lib/test-key.js';
import { LURES } from '../fixtures/scenarios.js';
import { browserSession } from './support/session.js';
import { makePlan, type Plan } from './support/plan.js';
import { startTestServer } from './support/test-server.js';

const LURE_TEXT = LURES.find((s) => s.name.startsWith('Xiao: loan for proof of service (en)'))!.text;
const IDLE_MS = 1000;
const SEVERITY = `document.querySelector('lurewatch-banner[data-lurewatch="banner"]')?.getAttribute('data-severity') ?? null`;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('LureWatch in Firefox when its event page is suspended', () => {
  let server: StaticServer;
  let firefox: FirefoxWithExtension;
  let plan: Plan;

  const session = browserSession({
    browser: 'firefox',
    serve: () => startTestServer(),
    launch: (extensionDir) =>
      launchFirefox({
        extensionDir,
        geckoId: FIREFOX_GECKO_ID,
        uuid: FIREFOX_TEST_UUID,
        prefs: { 'extensions.background.idle.timeout': IDLE_MS },
      }),
  });

  beforeAll(async () => {
    ({ browser: firefox, served: server } = session);
    plan = await makePlan();
  });

  it('a background suspended while idle has forgotten the page: the next change reads it again, and a lure still shows', async () => {
    const tab = await firefox.newTab();
    const benign = plan.staticPages.find((page) => page.expect === 'quiet')!;
    await firefox.navigate(tab, server.url(`/${benign.path}`));
    await firefox.waitFor(tab, `document.documentElement.hasAttribute('data-lurewatch-ready')`, 10_000);
    expect(await firefox.evaluate(tab, SEVERITY)).toBeNull();
    expect(await firefox.evaluate(tab, `document.documentElement.getAttribute('data-lurewatch-resyncs')`)).toBeNull();

    await sleep(4 * IDLE_MS); // idle: Firefox suspends the event page
    await firefox.evaluate(tab, `(() => { const p = document.createElement('p'); p.textContent = ${JSON.stringify(LURE_TEXT)}; document.body.append(p); })()`);
    const severity = await firefox.waitFor<string>(tab, SEVERITY, 10_000);
    expect(['caution', 'warning']).toContain(severity);
    // The background that answered had forgotten the page: it was suspended, and the page was read again.
    expect(Number(await firefox.evaluate(tab, `document.documentElement.getAttribute('data-lurewatch-resyncs')`))).toBeGreaterThanOrEqual(1);
  });
});
