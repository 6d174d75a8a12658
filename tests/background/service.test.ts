// The background service over the in-memory browser: one write queue for settings, untrusted messages ignored
// when malformed, the toolbar badge per tab, child-frame reports passed to the top frame, weekly counts, and
// settings repair on install.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/service.js';
import type { PageReport } from '../../src/messages.js';
import { DEFAULTS, type Settings } from '../../src/settings/schema.js';
import { FakeBrowser } from '../helpers/fake-platform.js';

function report(overrides: Partial<PageReport> = {}): PageReport {
  return {
    host: 'jobs.example',
    category: 'recruitment',
    severity: 'warning',
    score: 11,
    families: ['espionage'],
    resembles: 'wang',
    evidence: [{ rule: 'offer-consultant-job-en', facet: 'offer', quote: 'paid consulting reports', context: '' }],
    rules: ['offer-consultant-job-en'],
    quietBecause: null,
    ...overrides,
  };
}

let browser: FakeBrowser;
beforeEach(() => {
  browser = new FakeBrowser();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const stored = (): Settings => browser.storage.get('settings') as Settings;

describe('background settings', () => {
  it('loses no update when two senders change settings at once', async () => {
    browser.seed({ settings: { ...DEFAULTS } });
    startBackground(browser.platform());
    const popup = browser.platform({ kind: 'extension', url: 'popup.html' });
    const page = browser.platform({ kind: 'content', tabId: 3, frameId: 0, url: 'https://jobs.example/' });
    // Both in flight before either is answered: without the background's queue the second write would overwrite
    // the first with a stale copy.
    const first = popup.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { sensitivity: 'high' } } });
    const second = page.runtime.sendMessage({ type: 'settings-change', change: { kind: 'site', host: 'jobs.example', disabled: true } });
    const third = popup.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { position: 'bottom' } } });
    await Promise.all([first, second, third]);
    expect(stored()).toMatchObject({ sensitivity: 'high', position: 'bottom', disabledSites: ['jobs.example'] });
  });

  it('reports a failed write to the sender and in the log, and later writes still go through', async () => {
    browser.seed({ settings: { ...DEFAULTS } });
    startBackground(browser.platform());
    const popup = browser.platform({ kind: 'extension', url: 'popup.html' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    browser.failWrites = 'QUOTA_BYTES quota exceeded';
    await expect(
      popup.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { sensitivity: 'high' } } }),
    ).rejects.toThrow(/quota/);
    expect(stored().sensitivity).toBe('medium');
    expect(warn).toHaveBeenCalledWith('LureWatch could not save a settings change:', expect.any(Error));
    // The queue is not stuck behind the failure.
    browser.failWrites = undefined;
    await popup.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { position: 'bottom' } } });
    expect(stored()).toMatchObject({ sensitivity: 'medium', position: 'bottom' });
  });

  it('a failed repair on install is logged, not thrown into the void', async () => {
    browser.seed({ settings: { enabled: 'yes' } });
    startBackground(browser.platform());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    browser.failWrites = 'database is locked';
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await browser.install();
      await new Promise((done) => setTimeout(done, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(warn).toHaveBeenCalledWith('LureWatch could not save its repaired settings:', expect.any(Error));
    expect(browser.storage.get('settings')).toEqual({ enabled: 'yes' }); // nothing lost: the stored value is untouched
  });

  it('ignores malformed and unknown messages, changing nothing', async () => {
    browser.seed({ settings: { ...DEFAULTS } });
    const service = startBackground(browser.platform());
    const page = browser.platform({ kind: 'content', tabId: 3 });
    const junk: unknown[] = [
      null,
      42,
      'settings-change',
      [],
      { type: 'nope' },
      { type: 'settings-change' },
      { type: 'settings-change', change: { kind: 'set', values: { sensitivity: 'extreme' } } },
      { type: 'settings-change', change: { kind: 'set', values: { disabledSites: ['x.example'] } } },
      { type: 'settings-change', change: { kind: 'set', values: { __proto__: { enabled: false } } } },
      { type: 'settings-change', change: { kind: 'set', values: {} } },
      { type: 'settings-change', change: { kind: 'site', host: '<script>', disabled: true } },
      { type: 'settings-change', change: { kind: 'site', host: 'x.example', disabled: 'yes' } },
      { type: 'report', report: { ...report(), severity: 'apocalyptic' } },
      { type: 'report', report: { ...report(), evidence: new Array(4).fill(report().evidence[0]) } },
      { type: 'dismiss', page: 'not-a-hash', score: 3 },
      { type: 'dismiss', page: '0123456789abcdef', score: -1 },
    ];
    for (const message of junk) {
      expect(service.handle(message, { tabId: 3, frameId: 0, fromExtensionPage: false })).toBeUndefined();
      await page.runtime.sendMessage(message);
    }
    await browser.settle();
    expect(stored()).toEqual(DEFAULTS);
    expect(browser.badges.size).toBe(0);
    expect(browser.storage.has('dismissed')).toBe(false);
  });
});

describe('background badge', () => {
  it('shows the severity of the tab\'s findings', async () => {
    startBackground(browser.platform());
    const top = browser.platform({ kind: 'content', tabId: 7, frameId: 0 });
    await top.runtime.sendMessage({ type: 'report', report: report({ severity: 'warning' }) });
    expect(browser.badges.get(7)).toMatchObject({ text: '!', color: '#b3261e' });
    expect(browser.badges.get(7)?.title).toMatch(/warning/);

    const other = browser.platform({ kind: 'content', tabId: 8, frameId: 0 });
    await other.runtime.sendMessage({ type: 'report', report: report({ severity: 'caution' }) });
    expect(browser.badges.get(8)).toMatchObject({ text: '!', color: '#9a5b00' });
    expect(browser.badges.get(7)?.color).toBe('#b3261e'); // per tab
  });

  it('stays empty when the person silenced the banner, and clears on a new page', async () => {
    startBackground(browser.platform());
    const top = browser.platform({ kind: 'content', tabId: 7, frameId: 0 });
    await top.runtime.sendMessage({ type: 'report', report: report({ quietBecause: 'site' }) });
    expect(browser.badges.get(7)?.text).toBe('');
    await top.runtime.sendMessage({ type: 'report', report: report() });
    expect(browser.badges.get(7)?.text).toBe('!');
    await top.runtime.sendMessage({ type: 'report', report: report({ severity: 'none', evidence: [], rules: [], resembles: null, families: [] }) });
    expect(browser.badges.get(7)?.text).toBe('');
  });

  it('a new page starts the tab afresh: the previous page\'s frames no longer count, the new page\'s do', async () => {
    startBackground(browser.platform());
    const top = browser.platform({ kind: 'content', tabId: 7, frameId: 0 });
    const child = browser.platform({ kind: 'content', tabId: 7, frameId: 3 });
    const quiet = report({ severity: 'none', evidence: [], rules: [], resembles: null, families: [] });
    await top.runtime.sendMessage({ type: 'report', report: quiet, fresh: true });
    await child.runtime.sendMessage({ type: 'report', report: report({ severity: 'warning' }), fresh: true });
    expect(browser.badges.get(7)?.text).toBe('!');
    // The next page: its top frame's first report.
    await top.runtime.sendMessage({ type: 'report', report: quiet, fresh: true });
    expect(browser.badges.get(7)?.text).toBe('');
    // Later reports of the same page add up, whatever their order.
    await child.runtime.sendMessage({ type: 'report', report: report({ severity: 'caution' }), fresh: true });
    await top.runtime.sendMessage({ type: 'report', report: quiet, fresh: false });
    expect(browser.badges.get(7)).toMatchObject({ text: '!', color: '#9a5b00' });
  });

  it('ignores reports that come from no tab', async () => {
    startBackground(browser.platform());
    await browser.platform({ kind: 'extension', url: 'popup.html' }).runtime.sendMessage({ type: 'report', report: report() });
    expect(browser.badges.size).toBe(0);
  });
});

describe('background frames', () => {
  it('forwards a child frame\'s report to the top frame only, and badges the tab', async () => {
    startBackground(browser.platform());
    const top = browser.platform({ kind: 'content', tabId: 5, frameId: 0 });
    const child = browser.platform({ kind: 'content', tabId: 5, frameId: 4 });
    const elsewhere = browser.platform({ kind: 'content', tabId: 6, frameId: 0 });
    const received: Record<string, unknown[]> = { top: [], child: [], elsewhere: [] };
    top.runtime.onMessage((message) => void received.top!.push(message));
    child.runtime.onMessage((message) => void received.child!.push(message));
    elsewhere.runtime.onMessage((message) => void received.elsewhere!.push(message));

    const found = report({ host: 'ads.example', severity: 'caution' });
    await child.runtime.sendMessage({ type: 'report', report: found });
    expect(received.top).toEqual([{ type: 'frame-report', report: found, frameId: 4 }]);
    expect(received.child).toEqual([]);
    expect(received.elsewhere).toEqual([]);
    expect(browser.badges.get(5)?.text).toBe('!');
  });

  it('a top frame\'s own report is not forwarded', async () => {
    startBackground(browser.platform());
    const top = browser.platform({ kind: 'content', tabId: 5, frameId: 0 });
    const received: unknown[] = [];
    top.runtime.onMessage((message) => void received.push(message));
    await top.runtime.sendMessage({ type: 'report', report: report() });
    expect(received).toEqual([]);
  });

  it('forgets a closed tab', async () => {
    startBackground(browser.platform());
    const child = browser.platform({ kind: 'content', tabId: 5, frameId: 2 });
    await child.runtime.sendMessage({ type: 'report', report: report() });
    await browser.removeTab(5);
    // After the tab is gone, a fresh top-frame report of nothing leaves no stale frame behind.
    const top = browser.platform({ kind: 'content', tabId: 5, frameId: 0 });
    await top.runtime.sendMessage({ type: 'report', report: report({ severity: 'info', quietBecause: null }) });
    expect(browser.badges.get(5)?.text).toBe('');
  });
});

describe('background records', () => {
  it('counts shown banners for the week', async () => {
    startBackground(browser.platform());
    const popup = browser.platform({ kind: 'extension', url: 'popup.html' });
    const page = browser.platform({ kind: 'content', tabId: 2 });
    expect(await popup.runtime.sendMessage({ type: 'week-count' })).toBe(0);
    await page.runtime.sendMessage({ type: 'banner-shown' });
    await page.runtime.sendMessage({ type: 'banner-shown' });
    await page.runtime.sendMessage({ type: 'banner-shown' });
    expect(await popup.runtime.sendMessage({ type: 'week-count' })).toBe(3);
  });

  it('counts concurrent banners without losing one', async () => {
    startBackground(browser.platform());
    const pages = [1, 2, 3, 4].map((tabId) => browser.platform({ kind: 'content', tabId }));
    await Promise.all(pages.map((page) => page.runtime.sendMessage({ type: 'banner-shown' })));
    expect(await browser.platform({ kind: 'extension' }).runtime.sendMessage({ type: 'week-count' })).toBe(4);
  });

  it('counts post hints apart from banners, as numbers per day and nothing else', async () => {
    startBackground(browser.platform());
    const popup = browser.platform({ kind: 'extension', url: 'popup.html' });
    const pages = [1, 2].map((tabId) => browser.platform({ kind: 'content', tabId }));
    expect(await popup.runtime.sendMessage({ type: 'hint-week-count' })).toBe(0);
    await Promise.all(pages.map((page) => page.runtime.sendMessage({ type: 'hint-shown' })));
    // A hostile or confused sender cannot smuggle text into the record: extra fields are dropped by the parser.
    await pages[0]!.runtime.sendMessage({ type: 'hint-shown', text: 'I hold an active TS/SCI clearance' });
    expect(await popup.runtime.sendMessage({ type: 'hint-week-count' })).toBe(3);
    expect(await popup.runtime.sendMessage({ type: 'week-count' })).toBe(0);
    const hintStats = browser.storage.get('hintStats') as Record<string, number>;
    expect(Object.values(hintStats)).toEqual([3]);
    expect(Object.keys(hintStats)[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('applies the post hint\'s "Not on this site" to the hint list only', async () => {
    startBackground(browser.platform());
    const page = browser.platform({ kind: 'content', tabId: 2, frameId: 0 });
    await page.runtime.sendMessage({ type: 'settings-change', change: { kind: 'hint-site', host: 'forum.example', quiet: true } });
    expect(stored()).toMatchObject({ hintQuietSites: ['forum.example'], disabledSites: [], hints: true });
  });

  it('remembers a dismissal by page hash and score', async () => {
    startBackground(browser.platform());
    await browser.platform({ kind: 'content', tabId: 2 }).runtime.sendMessage({ type: 'dismiss', page: '0123456789abcdef', score: 9 });
    expect(browser.storage.get('dismissed')).toMatchObject({ '0123456789abcdef': { score: 9 } });
  });

  it('opens the settings page on request', async () => {
    startBackground(browser.platform());
    await browser.platform({ kind: 'content', tabId: 2 }).runtime.sendMessage({ type: 'open-settings' });
    expect(browser.openedPages).toHaveLength(1);
    expect(browser.openedPages[0]).toMatch(/^popup\.html/);
  });
});

describe('background install and update', () => {
  it('writes the defaults on first install', async () => {
    startBackground(browser.platform());
    await browser.install('install');
    expect(stored()).toEqual(DEFAULTS);
  });

  it('opens the first-run page on install, and not on an update, a browser update or a reload', async () => {
    startBackground(browser.platform());
    await browser.install('install');
    expect(browser.openedPages).toEqual(['welcome.html']);
    for (const reason of ['update', 'browser_update', 'other'] as const) await browser.install(reason);
    expect(browser.openedPages).toEqual(['welcome.html']);
  });

  it('remembers a false-alarm mark like a dismissal: the page hash, the score and the flag', async () => {
    startBackground(browser.platform());
    const page = 'abcdef0123456789';
    await browser.platform({ kind: 'content', tabId: 2 }).runtime.sendMessage({ type: 'dismiss', page, score: 7, wrong: true });
    expect(browser.storage.get('dismissed')).toEqual({ [page]: { score: 7, at: expect.any(Number), wrong: true } });
  });

  it('repairs corrupt stored settings, keeping what is valid', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    browser.seed({
      settings: { version: 1, enabled: 'yes', sensitivity: 'high', families: { espionage: 'no', fraud: false }, position: 9, disabledSites: ['ok.example', 17, '<bad>'], junk: true },
    });
    startBackground(browser.platform());
    await browser.install('update');
    expect(stored()).toEqual({
      ...DEFAULTS,
      sensitivity: 'high',
      families: { espionage: true, fraud: false },
      disabledSites: ['ok.example'],
    });
    expect(warn).toHaveBeenCalledOnce();
  });

  it('repairs settings that are not an object at all', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    browser.seed({ settings: 'garbage' });
    startBackground(browser.platform());
    await browser.install('update');
    expect(stored()).toEqual(DEFAULTS);
  });

  it('leaves valid settings untouched', async () => {
    const mine = { ...DEFAULTS, sensitivity: 'low' as const, disabledSites: ['a.example'] };
    browser.seed({ settings: mine });
    startBackground(browser.platform());
    const writes: unknown[] = [];
    browser.platform().storage.onChanged((changes) => writes.push(changes));
    await browser.install('update');
    expect(stored()).toEqual(mine);
    expect(writes).toEqual([]);
  });
});
