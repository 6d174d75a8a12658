// End-to-end: the TEST build of LureWatch in real headless Firefox ESR (WebDriver BiDi) on the adversarial pages of
// tests/e2e/support/hostile.ts, held to the same outcomes as in Chromium. Probes run through a raw BiDi evaluate
// that returns a plain string, so they never touch the page's JSON (which one page sabotages). Every warning and
// error Firefox logs while a page is open (page, frames, content script) is attributed to the page or the extension.
import { beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from '../../scripts/lib/firefox.js';
import { FIREFOX_GECKO_ID, FIREFOX_TEST_UUID } from '../../scripts/lib/test-key.js';
import { browserSession } from './support/session.js';
import {
  EXPECTED_INSERTIONS,
  FROM_FRAME,
  HOSTILE_PAGES,
  HOSTILE_PROBE,
  POKE_POINT,
  TYPED_LURE,
  attribute,
  pageSpecificProblems,
  parsePoint,
  parseProbe,
  startHostileServers,
  type HostileServers,
  type HostileState,
  type LoggedProblem,
} from './support/hostile.js';

const SEVERITIES = ['caution', 'warning'];
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('LureWatch on hostile pages in Firefox', () => {
  let servers: HostileServers;
  let firefox: FirefoxWithExtension;

  const session = browserSession({
    browser: 'firefox',
    serve: startHostileServers,
    launch: (extensionDir) => launchFirefox({ extensionDir, geckoId: FIREFOX_GECKO_ID, uuid: FIREFOX_TEST_UUID }),
  });

  beforeAll(() => {
    ({ browser: firefox, served: servers } = session);
  });

  /** Evaluates an expression that yields a string in the page's own realm; BiDi serializes it natively. */
  async function run(context: string, expression: string): Promise<string> {
    const reply = await firefox.bidi.send<{ type: string; result?: { type: string; value?: unknown }; exceptionDetails?: { text?: string } }>(
      'script.evaluate',
      { expression, target: { context }, awaitPromise: false },
    );
    if (reply.type !== 'success') throw new Error(`probe failed: ${reply.exceptionDetails?.text ?? 'exception'}`);
    return reply.result?.type === 'string' ? String(reply.result.value) : '';
  }

  const problemsSince = (mark: number): LoggedProblem[] =>
    firefox.logs.slice(mark).map((entry) => ({ text: `${entry.level} ${entry.text}`, url: entry.url ?? '' }));

  const probe = async (context: string): Promise<HostileState> => parseProbe(await run(context, HOSTILE_PROBE));

  async function until(context: string, done: (state: HostileState) => boolean, timeoutMs: number): Promise<HostileState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await probe(context);
      if (done(state) || Date.now() > deadline) return state;
      await sleep(100);
    }
  }

  async function typeText(context: string, text: string): Promise<void> {
    const keys = ['\uE010', ...text]; // End, then the text
    await firefox.bidi.send('input.performActions', {
      context,
      actions: [{ type: 'key', id: 'keyboard', actions: keys.flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]) }],
    });
  }

  /** The heartbeat ticks on and the page's button takes a real click. */
  async function expectAlive(context: string): Promise<void> {
    const before = (await probe(context)).ticks;
    await sleep(400);
    expect((await probe(context)).ticks, 'the page counter stopped ticking').toBeGreaterThan(before);
    const point = parsePoint(await run(context, POKE_POINT));
    expect(point, 'no #poke button').not.toBeNull();
    expect(point!.reachable, 'something covers the page\'s button').toBe(true);
    const pokes = (await probe(context)).pokes;
    await firefox.clickAt(context, point!.x, point!.y);
    expect((await until(context, (s) => s.pokes > pokes, 3_000)).pokes, 'the page\'s button did not respond').toBe(pokes + 1);
  }

  for (const hostile of HOSTILE_PAGES) {
    it(`${hostile.name}: ${hostile.outcome} (${hostile.why})`, async () => {
      const mark = firefox.logs.length;
      const context = await firefox.newTab();
      try {
        await firefox.navigate(context, servers.main.url(hostile.path));
        let state: HostileState;
        switch (hostile.outcome) {
          case 'banner':
          case 'frame-banner':
            state = await until(context, (s) => s.banners > 0, 15_000);
            expect(SEVERITIES, `no banner: ${JSON.stringify({ ...state, editor: undefined })}\nlogged: ${JSON.stringify(attribute(problemsSince(mark), firefox.extensionOrigin))}`).toContain(state.severity);
            expect(state.banners).toBe(1);
            if (hostile.outcome === 'frame-banner') expect(state.bannerText).toContain(FROM_FRAME);
            else expect(state.bannerText).not.toContain(FROM_FRAME);
            break;
          case 'removed':
            await until(context, (s) => s.removals > 0, 15_000);
            await sleep(2_000); // every re-insertion the page will get
            state = await probe(context);
            expect(state.removals, 'banner insertions the page removed').toBe(EXPECTED_INSERTIONS);
            await sleep(1_500); // the page keeps mutating (its heartbeat); no further attempt
            state = await probe(context);
            expect(state.removals).toBe(EXPECTED_INSERTIONS);
            expect(state.banners).toBe(0);
            break;
          case 'none':
            state = await until(context, (s) => s.ready, 10_000);
            expect(state.ready, 'the content script never finished a scan').toBe(true);
            await sleep(1_500);
            state = await probe(context);
            expect(state.banners).toBe(0);
            break;
        }
        expect(pageSpecificProblems(hostile, state)).toEqual([]);
        if (hostile.path.endsWith('/editable.html')) {
          await run(context, `(document.getElementById('editor').focus(), '')`);
          await typeText(context, TYPED_LURE);
          expect((await probe(context)).editor).toContain(TYPED_LURE.trim());
          await sleep(500);
          expect((await probe(context)).banners, 'typing in the editor brought a banner').toBe(0);
        }
        if (hostile.heartbeat) {
          await expectAlive(context);
          expect((await probe(context)).pageErrors, 'errors the page saw').toBe('0');
        }
        expect(attribute(problemsSince(mark), firefox.extensionOrigin), 'errors and warnings in the page, its frames or the content script').toEqual([]);
      } finally {
        await firefox.closeTab(context);
      }
    }, 90_000);
  }
});
