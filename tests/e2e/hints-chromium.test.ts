// End-to-end "think before you post" in real headless Chromium: typing into the fixture pages (a CV form, a comment
// box, a rich editor, an editor in an iframe, a chat box that clears itself) with the TEST build loaded. The hint
// appears for a disclosure and not for ordinary text, sits beside the field without covering it, goes on Dismiss,
// Escape and clearing, never blocks a submit, never reads secrets, and "Not on this site" holds after a reload;
// the extension's storage never holds what was typed.
import { mkdirSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../../scripts/lib/chromium.js';
import type { StaticServer } from '../../scripts/lib/server.js';
import { browserSession, showLogOnFailure } from './support/session.js';
import { hintState, overlaps, STORAGE_DUMP, TYPED, TYPED_PIECES, type HintState } from './support/hint-probes.js';
import { startTestServer } from './support/test-server.js';

const OUT = 'out/e2e';
const PAGES = '/test/hints/';
/** Longer than the debounce (400 ms) and a follow-up check: enough for a hint that is coming to have come. */
const QUIET_FOR_MS = 1_500;
/** The hint fades in; a picture taken at once shows it half transparent. */
const SETTLE_FOR_PICTURE_MS = 400;
const DISMISS = 'lurewatch-hint [data-action="dismiss"]';
const NOT_ON_SITE = 'lurewatch-hint [data-action="not-on-site"]';

describe('Post hints in Chromium', () => {
  let server: StaticServer;
  let chromium: ChromiumWithExtension;
  let tab: Page;
  const logs: string[] = [];

  const session = browserSession({
    browser: 'chrome',
    serve: () => startTestServer(),
    launch: (extensionDir) => launchChromium({ extensionDir }),
  });

  beforeAll(async () => {
    ({ browser: chromium, served: server } = session);
    mkdirSync(OUT, { recursive: true });
    chromium.context.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') logs.push(`  [${message.type()}] ${message.text()}`);
    });
    tab = await chromium.context.newPage();
  });

  showLogOnFailure('Chromium console', () => logs);

  const open = async (name: string): Promise<void> => {
    await tab.goto(server.url(`${PAGES}${name}`), { waitUntil: 'load' });
  };
  const state = (where: Page | Frame, field: string | null): Promise<HintState> => where.evaluate(hintState(field)) as Promise<HintState>;
  const waitForHint = async (where: Page | Frame, field: string): Promise<HintState> => {
    await where.waitForFunction(`${hintState(field)}.placed === 'yes'`, undefined, { timeout: 10_000 });
    return state(where, field);
  };
  const waitForNoHint = (where: Page | Frame): Promise<unknown> =>
    where.waitForFunction(`!${hintState(null)}.present`, undefined, { timeout: 10_000 });
  const expectNoHintFor = async (where: Page | Frame, ms = QUIET_FOR_MS): Promise<void> => {
    await tab.waitForTimeout(ms);
    expect((await state(where, null)).present).toBe(false);
  };
  const storageDump = async (): Promise<Record<string, unknown>> => {
    const worker = chromium.context.serviceWorkers().find((w) => w.url().startsWith(chromium.extensionOrigin))!;
    return (await worker.evaluate(STORAGE_DUMP)) as Record<string, unknown>;
  };

  it('CV form: quiet for an ordinary headline, a hint beside the experience box for a named defence employer', async () => {
    await open('cv-form.html');
    await tab.click('#headline');
    await tab.keyboard.type(TYPED.ordinary);
    await expectNoHintFor(tab);

    await tab.click('#experience');
    await tab.keyboard.type(TYPED.employer);
    const hint = await waitForHint(tab, '#experience');
    expect(hint).toMatchObject({ kind: 'employer', parent: 'HTML', role: 'status', live: 'polite' });
    expect(hint.text).toContain('Think before you post');
    expect(hint.text).toContain('Lockheed');
    expect(hint.text).toMatch(/Safer:/);
    expect(overlaps(hint.box!, hint.field!), 'the hint covers the field').toBe(false);
    expect(await tab.inputValue('#experience')).toBe(TYPED.employer);
    // The field's surroundings are the page's own: nothing was inserted next to it.
    expect(await tab.evaluate(() => document.querySelector('#experience')!.nextElementSibling?.getAttribute('for'))).toBe('password');

    // The hint never blocks submitting the form.
    await tab.click('#save');
    await tab.waitForFunction(() => document.body.dataset.submitted === '1');
  });

  it('CV form: password, card and one-time-code fields never earn a hint', async () => {
    for (const field of ['#password', '#card', '#code']) {
      await tab.click(field);
      await expect.poll(async () => (await state(tab, null)).present).toBe(false);
      await tab.keyboard.type(TYPED.clearance);
      await expectNoHintFor(tab, 900);
    }
  });

  it('comment box: Dismiss removes the hint, and that field stays quiet', async () => {
    await open('comment.html');
    await tab.click('#comment');
    await tab.keyboard.type(TYPED.clearance);
    const hint = await waitForHint(tab, '#comment');
    expect(hint.kind).toBe('clearance');
    await tab.waitForTimeout(SETTLE_FOR_PICTURE_MS);
    await tab.screenshot({ path: `${OUT}/chromium-hint-en.png`, clip: { x: 0, y: 0, width: 1280, height: 420 } });
    await tab.click(DISMISS);
    await waitForNoHint(tab);
    await tab.click('#comment');
    await tab.keyboard.type(' More words.');
    await expectNoHintFor(tab);
  });

  it('rich editor: a hint for the editing host, and Escape in the hint dismisses it', async () => {
    await open('editor.html');
    await tab.click('#editor');
    await tab.keyboard.type(TYPED.editor);
    expect((await waitForHint(tab, '#editor')).kind).toBe('project');
    await tab.focus(DISMISS);
    await tab.keyboard.press('Escape');
    await waitForNoHint(tab);
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe('editor');
    expect(await tab.evaluate(() => document.querySelector('#editor')!.textContent)).toBe(TYPED.editor);
  });

  it('editor inside an iframe: the frame\'s own content script shows the hint there', async () => {
    await open('iframe-editor.html');
    const frame = tab.frame({ url: /editor-frame\.html$/ })!;
    await frame.waitForLoadState('load');
    await tab.frameLocator('#frame').locator('#body').click();
    await tab.keyboard.type(TYPED.frame);
    const hint = await waitForHint(frame, '#body');
    expect(hint.kind).toBe('site');
    expect((await state(tab, null)).present).toBe(false);
  });

  it('editor in a srcdoc frame: followed from the page while the frame\'s own script stands aside, one hint beside the editor', async () => {
    await open('srcdoc-editor.html');
    await tab.frameLocator('#frame').locator('body').click();
    await tab.keyboard.type(TYPED.frame);
    const hint = await waitForHint(tab, '#frame');
    expect(hint.kind).toBe('site');
    expect(overlaps(hint.box!, hint.field!), 'the hint covers the framed editor').toBe(false);
    // The frame runs its own content script too (match_about_blank): it leaves the hint to the page, so one shows.
    const inner = tab.frames().find((f) => f.url() === 'about:srcdoc')!;
    expect((await state(inner, null)).present, 'a second hint inside the srcdoc frame').toBe(false);
    await tab.frameLocator('#frame').locator('body').press('Control+A');
    await tab.keyboard.press('Delete');
    await waitForNoHint(tab);
  });

  it('a srcdoc editor whose document is replaced after LureWatch started is followed too', async () => {
    // The page reloads the srcdoc once we run: the document adopted at the start is gone (see post-hint.ts).
    await open('srcdoc-editor.html');
    await tab.evaluate(async () => {
      const frame = document.querySelector<HTMLIFrameElement>('#frame')!;
      const loaded = new Promise((done) => frame.addEventListener('load', done, { once: true }));
      frame.srcdoc = frame.srcdoc;
      await loaded;
    });
    await tab.frameLocator('#frame').locator('body').click();
    await tab.keyboard.type(TYPED.frame);
    expect((await waitForHint(tab, '#frame')).kind).toBe('site');
  });

  it("a srcdoc editor's hint goes when the page replaces the frame's document", async () => {
    await open('srcdoc-editor.html');
    await tab.frameLocator('#frame').locator('body').click();
    await tab.keyboard.type(TYPED.frame);
    await waitForHint(tab, '#frame');
    await tab.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('#frame')!;
      frame.srcdoc = frame.srcdoc;
    });
    await waitForNoHint(tab);
  });

  it('chat box: the hint goes away when the page clears the box after sending', async () => {
    await open('chat.html');
    await tab.click('#message');
    await tab.keyboard.type(TYPED.chat);
    expect((await waitForHint(tab, '#message')).kind).toBe('unit');
    await tab.keyboard.press('Enter');
    await waitForNoHint(tab);
    expect(await tab.inputValue('#message')).toBe('');
    expect(await tab.locator('#log li').last().textContent()).toBe(TYPED.chat);
  });

  it('"Not on this site" holds after a reload; storage holds counts and hosts, never typed text', async () => {
    await open('comment.html');
    await tab.click('#comment');
    await tab.keyboard.type(TYPED.clearance);
    await waitForHint(tab, '#comment');
    await tab.click(NOT_ON_SITE);
    await waitForNoHint(tab);
    await expect.poll(async () => ((await storageDump()).settings as { hintQuietSites?: string[] }).hintQuietSites).toEqual(['127.0.0.1']);
    await tab.reload({ waitUntil: 'load' });
    await tab.click('#comment');
    await tab.keyboard.type(TYPED.clearance);
    await expectNoHintFor(tab);

    const dump = await storageDump();
    const counts = Object.values(dump.hintStats as Record<string, number>);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
    const everything = JSON.stringify(dump);
    for (const piece of TYPED_PIECES) expect(everything, piece).not.toContain(piece);
    for (const text of Object.values(TYPED)) expect(everything).not.toContain(text.slice(0, 20));
  });

});
