// The matcher in the background: one stream per frame, chunks matched as they come, a forgotten or out-of-step
// stream answered with `resync` (never a half-page score), memory bounded, and a field's text checked and dropped.
import { beforeAll, describe, expect, it } from 'vitest';
import { Matching } from '../../src/background/matching.js';
import { startBackground } from '../../src/background/service.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { detect } from '../../src/core/detect.js';
import type { Sensitivity } from '../../src/core/severity.js';
import { parseScanAnswer, type ScanAnswer, type ScanRequest } from '../../src/messages.js';
import { DEFAULTS } from '../../src/settings/schema.js';
import { LURES } from '../fixtures/scenarios.js';
import { FakeBrowser } from '../helpers/fake-platform.js';

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});

const lure = LURES.find((s) => s.name.startsWith('Xiao: loan for proof of service (en)'))!.text;
const frame = (tabId: number, frameId = 0) => ({ tabId, frameId, fromExtensionPage: false });
const scan = (overrides: Partial<ScanRequest>): ScanRequest => ({
  type: 'scan',
  stream: 'abcdefgh',
  reset: false,
  base: 0,
  chunks: [],
  open: false,
  host: 'example.com',
  sensitivity: 'medium',
  families: {},
  ...overrides,
});
const severity = (answer: ScanAnswer): string => (answer.status === 'found' ? answer.finding.severity : 'resync');

describe('Matching', () => {
  it('scores a stream that grows chunk by chunk, with evidence at its offsets in the whole stream', async () => {
    const matching = new Matching(async () => pack);
    const [first, ...rest] = lure.split('. ');
    const filler = 'An ordinary paragraph about the weather.';
    expect(severity(await matching.scan(scan({ reset: true, chunks: [filler, first!] }), frame(1)))).toMatch(/none|info/);
    const base = filler.length + 1 + first!.length;
    const answer = await matching.scan(scan({ base, chunks: rest }), frame(1));
    expect(answer.status).toBe('found');
    if (answer.status !== 'found') return;
    expect(answer.finding.severity).toMatch(/caution|warning/);
    const whole = [filler, first, ...rest].join('\n');
    for (const item of answer.finding.evidence) expect(whole.slice(item.start, item.end)).toBe(item.quote);
    // It counts the time it spent, for the page benchmark (a count, not a speed check).
    expect(matching.busyMs).toBeGreaterThan(0);
    // What crosses back to the page passes the page's own check of the answer.
    expect(parseScanAnswer(JSON.parse(JSON.stringify(answer)))).toEqual(answer);
  });

  it('answers resync for a stream it does not know, another document of the frame, or a length out of step', async () => {
    const matching = new Matching(async () => pack);
    expect(await matching.scan(scan({ chunks: ['text'] }), frame(1))).toEqual({ status: 'resync' });
    await matching.scan(scan({ reset: true, chunks: ['12345'] }), frame(1));
    expect(await matching.scan(scan({ stream: 'otherdoc', base: 5 }), frame(1))).toEqual({ status: 'resync' });
    await matching.scan(scan({ reset: true, chunks: ['12345'] }), frame(1));
    expect(await matching.scan(scan({ base: 4, chunks: ['x'] }), frame(1))).toEqual({ status: 'resync' });
    // The stream out of step is gone: even the right length must start over now.
    expect(await matching.scan(scan({ base: 5 }), frame(1))).toEqual({ status: 'resync' });
    expect(matching.heldChars).toBe(0);
  });

  it('joins a chunk sent in parts before matching it, so a phrase cut between two requests still counts', async () => {
    const matching = new Matching(async () => pack);
    const whole = await new Matching(async () => pack).scan(scan({ reset: true, chunks: [lure] }), frame(1));
    expect(severity(whole)).toMatch(/caution|warning/);
    // Cut inside the first piece of evidence.
    const evidence = whole.status === 'found' ? whole.finding.evidence[0]! : null;
    const cut = evidence!.start + 2;
    expect(await matching.scan(scan({ reset: true, chunks: ['before', lure.slice(0, cut)], open: true }), frame(2))).toEqual({ status: 'held' });
    expect(matching.heldChars).toBe('before\n'.length + cut);
    // The frame counts the part it sent: a base that ignores it is out of step.
    const parts = await matching.scan(scan({ base: 'before\n'.length + cut, chunks: [lure.slice(cut), 'after'] }), frame(2));
    expect(parts.status === 'found' && parts.finding.evidence.map((e) => [e.rule, e.start - 'before\n'.length, e.end - 'before\n'.length])).toEqual(
      whole.status === 'found' && whole.finding.evidence.map((e) => [e.rule, e.start, e.end]),
    );
    expect(matching.heldChars).toBe(['before', lure, 'after'].join('\n').length);
  });

  it('keeps frames apart, and lets a closed tab’s text go', async () => {
    const matching = new Matching(async () => pack);
    await matching.scan(scan({ reset: true, chunks: ['top frame text'] }), frame(1, 0));
    await matching.scan(scan({ reset: true, chunks: ['child'] }), frame(1, 7));
    await matching.scan(scan({ reset: true, chunks: ['other tab'] }), frame(2, 0));
    expect(matching.heldChars).toBe('top frame text'.length + 'child'.length + 'other tab'.length);
    expect(severity(await matching.scan(scan({ base: 5 }), frame(1, 7)))).toBe('none');
    matching.forgetTab(1);
    expect(matching.heldChars).toBe('other tab'.length);
    expect(await matching.scan(scan({ base: 5 }), frame(1, 7))).toEqual({ status: 'resync' });
  });

  it('drops the least recently used streams beyond its limit, never the one just used', async () => {
    const matching = new Matching(async () => pack, 100);
    await matching.scan(scan({ reset: true, chunks: ['a'.repeat(40)] }), frame(1));
    await matching.scan(scan({ reset: true, chunks: ['b'.repeat(40)] }), frame(2));
    await matching.scan(scan({ base: 40, chunks: ['a'] }), frame(1)); // tab 1 is now the most recent
    await matching.scan(scan({ reset: true, chunks: ['c'.repeat(40)] }), frame(3));
    expect(await matching.scan(scan({ base: 40 }), frame(2))).toEqual({ status: 'resync' });
    expect(severity(await matching.scan(scan({ base: 42 }), frame(1)))).toBe('none');
    await matching.scan(scan({ reset: true, chunks: ['d'.repeat(500)] }), frame(4));
    expect(severity(await matching.scan(scan({ base: 500 }), frame(4)))).toBe('none');
    expect(matching.heldChars).toBe(500);
  });

  it('checks a field and keeps nothing of it', async () => {
    const matching = new Matching(async () => pack);
    const hint = await matching.checkField('Happy to help. I hold an active TS/SCI clearance and work nights.', 'jobs.example');
    expect(hint?.kind).toBe('clearance');
    expect(hint?.quote).toMatch(/TS\/SCI clearance/);
    expect(hint?.why.en.length).toBeGreaterThan(10);
    expect(await matching.checkField('Looking forward to the weekend hike!', 'jobs.example')).toBeNull();
    expect(matching.heldChars).toBe(0);
  });
});

describe('the background routes scans', () => {
  const sideJob = 'Weekend job near the port: count the ships that come in, 40 dollars per day, message me on WhatsApp.';

  it('scores with the settings it holds, whatever a page sends, and tells every frame when they change', async () => {
    const browser = new FakeBrowser();
    browser.seed({ settings: { ...DEFAULTS, sensitivity: 'low' } });
    startBackground(browser.platform({ kind: 'extension' }), { pack: async () => pack });
    const page = browser.platform({ kind: 'content', tabId: 4, frameId: 0, url: 'https://example.com/' });
    const frameOfPage = browser.platform({ kind: 'content', tabId: 4, frameId: 2, url: 'https://ads.example/' });
    const otherTab = browser.platform({ kind: 'content', tabId: 5, frameId: 0, url: 'https://example.org/' });
    const heard: string[] = [];
    for (const [name, context] of [['page', page], ['frame', frameOfPage], ['other tab', otherTab]] as const) {
      context.runtime.onMessage((message) => {
        heard.push(`${name}: ${(message as { type: string }).type}`);
        return undefined;
      });
    }
    const expected = (sensitivity: Sensitivity) => detect(sideJob, { sensitivity, hostname: 'example.com' }, pack);
    // The three sensitivities must tell this text apart, or the test proves nothing.
    expect(expected('low').severity).not.toBe(expected('high').severity);

    // A page asking for another sensitivity is not heard: the settings are the person's, kept by the background.
    const first = parseScanAnswer(await page.runtime.sendMessage({ ...scan({ reset: true, chunks: [sideJob] }), sensitivity: 'high' }));
    expect(first?.status === 'found' && [first.finding.severity, first.finding.score]).toEqual([expected('low').severity, expected('low').score]);

    const popup = browser.platform({ kind: 'extension', url: 'popup.html' });
    await popup.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { sensitivity: 'high' } } });
    await browser.settle();
    expect(heard.sort()).toEqual(['frame: settings-changed', 'other tab: settings-changed', 'page: settings-changed']);
    // Scoring again needs no new text.
    const again = parseScanAnswer(await page.runtime.sendMessage(scan({ base: sideJob.length })));
    expect(again?.status === 'found' && [again.finding.severity, again.finding.score]).toEqual([expected('high').severity, expected('high').score]);
  });

  it('puts back the wide text that travelled aside before matching, over the page’s port', async () => {
    const browser = new FakeBrowser();
    startBackground(browser.platform({ kind: 'extension' }), { pack: async () => pack });
    const page = browser.platform({ kind: 'content', tabId: 4, frameId: 0, url: 'https://example.com/' });
    const chinese = '兼职日结，到军港拍摄舰艇。';
    const text = `${sideJob}\n${chinese}`;
    const narrow = `${sideJob}\n${'\0'.repeat(chinese.length)}`;
    const answer = parseScanAnswer(await page.runtime.sendMessage({ ...scan({ reset: true, chunks: [narrow] }), wide: [0, sideJob.length + 1, chinese.length] }, chinese));
    const expected = detect(text, { hostname: 'example.com' }, pack);
    expect(answer?.status === 'found' && [answer.finding.score, answer.finding.rules]).toEqual([expected.score, expected.rules]);
  });

  it('only from content scripts; a closed tab’s streams go', async () => {
    const browser = new FakeBrowser();
    startBackground(browser.platform({ kind: 'extension' }), { pack: async () => pack });
    const popup = browser.platform({ kind: 'extension', url: 'popup.html' });
    const page = browser.platform({ kind: 'content', tabId: 4, frameId: 0, url: 'https://example.com/' });
    expect(await popup.runtime.sendMessage(scan({ reset: true, chunks: [lure] }))).toBeUndefined();
    const answer = parseScanAnswer(await page.runtime.sendMessage(scan({ reset: true, chunks: [lure] })));
    expect(answer?.status === 'found' && answer.finding.severity).toMatch(/caution|warning/);
    await browser.removeTab(4);
    expect(await page.runtime.sendMessage(scan({ base: lure.length }))).toEqual({ status: 'resync' });
  });

  it('the page takes only well-formed answers', () => {
    expect(parseScanAnswer({ status: 'held' })).toEqual({ status: 'held' });
    expect(parseScanAnswer({ status: 'resync', extra: 1 })).toEqual({ status: 'resync' });
    expect(parseScanAnswer({ status: 'found' })).toBeNull();
    expect(parseScanAnswer({ status: 'found', finding: { severity: 'apocalyptic' } })).toBeNull();
    expect(parseScanAnswer('found')).toBeNull();
  });

  it('ignores malformed scans', async () => {
    const browser = new FakeBrowser();
    const service = startBackground(browser.platform({ kind: 'extension' }), { pack: async () => pack });
    const sender = frame(1);
    for (const bad of [
      { ...scan({}), stream: 'x' },
      { ...scan({}), base: -1 },
      { ...scan({}), chunks: [1] },
      { ...scan({}), chunks: ['a'.repeat(4_000_001)] },
      { ...scan({}), host: 7 },
      { ...scan({}), reset: 'yes' },
      // Wide spans that do not fit what was blanked (narrow-text.ts), or that come without their text.
      { ...scan({ chunks: ['a\0\0'] }), wide: [0, 1, 2], aside: '中' },
      { ...scan({ chunks: ['a\0\0'] }), wide: [0, 1, 2] },
      { ...scan({ chunks: ['a\0\0'] }), wide: [0, '1', 2], aside: '中文' },
    ]) {
      expect(service.handle(bad, sender)).toBeUndefined();
    }
  });
});
