// @vitest-environment jsdom
// The popup against an in-memory browser with the real background service: what it shows for stored settings and
// for the current tab, and the messages its controls send.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CASE_HEADINGS, CASE_STORIES } from '../../src/core/advice.js';
import { RULE_TEXTS } from '../../src/core/generated/rule-texts.js';
import { FACET_LABELS } from '../../src/content/banner-text.js';
import type { PageReport } from '../../src/messages.js';
import { DEFAULTS, type Settings } from '../../src/settings/schema.js';
import { formatSnoozeEnd } from '../../src/popup/snooze.js';
import { choose, openPopup, type OpenOptions, type OpenPopup } from './load-popup.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function lureReport(overrides: Partial<PageReport> = {}): PageReport {
  return {
    host: 'loans.example',
    category: 'loan',
    severity: 'warning',
    score: 12,
    families: ['espionage'],
    resembles: 'xiao',
    evidence: [
      { rule: 'offer-interest-free-loan-en', facet: 'offer', quote: `interest-free loan ${HOSTILE}`, context: 'an interest-free loan' },
      { rule: 'request-proof-of-service-en', facet: 'request', quote: 'send your discharge papers', context: '' },
    ],
    rules: ['offer-interest-free-loan-en', 'request-proof-of-service-en'],
    quietBecause: null,
    ...overrides,
  };
}

let open: OpenPopup | undefined;
async function start(options: OpenOptions = {}): Promise<OpenPopup> {
  open = await openPopup(options);
  return open;
}
afterEach(() => {
  open?.popup.stop();
  open = undefined;
});

const storedSettings = (o: OpenPopup): Settings => o.browser.storage.get('settings') as Settings;
const settingsChanges = (o: OpenPopup): unknown[] =>
  o.browser.messagesOfType('settings-change').map((message) => (message as { change: unknown }).change);

describe('popup controls', () => {
  it('show the stored settings', async () => {
    const o = await start({
      stored: {
        settings: {
          ...DEFAULTS,
          enabled: false,
          sensitivity: 'high',
          families: { espionage: false, fraud: true },
          scope: 'categories',
          position: 'bottom',
          reportChannel: 'cn',
        },
      },
      pageState: lureReport(),
    });
    expect(o.byId<HTMLInputElement>('enabled').checked).toBe(false);
    expect(o.byId<HTMLSelectElement>('sensitivity').value).toBe('high');
    expect(o.byId<HTMLInputElement>('family-espionage').checked).toBe(false);
    expect(o.byId<HTMLInputElement>('family-fraud').checked).toBe(true);
    expect(o.byId<HTMLSelectElement>('scope').value).toBe('categories');
    expect(o.byId<HTMLSelectElement>('position').value).toBe('bottom');
    expect(o.byId<HTMLSelectElement>('report-channel').value).toBe('cn');
    expect(o.byId('status').textContent).toBe('Off');
    expect(o.byId('sensitivity-hint').textContent).toMatch(/weaker signs/);
  });

  it('show corrupt stored settings as repaired defaults, keeping what is valid', async () => {
    const o = await start({
      stored: { settings: { version: 1, enabled: 'yes', sensitivity: 'extreme', families: 7, scope: 'categories', position: 3, reportChannel: null } },
      pageState: null,
    });
    expect(o.byId<HTMLInputElement>('enabled').checked).toBe(true);
    expect(o.byId<HTMLSelectElement>('sensitivity').value).toBe('medium');
    expect(o.byId<HTMLInputElement>('family-espionage').checked).toBe(true);
    expect(o.byId<HTMLInputElement>('family-fraud').checked).toBe(true);
    expect(o.byId<HTMLSelectElement>('scope').value).toBe('categories');
    expect(o.byId<HTMLSelectElement>('position').value).toBe('top');
    expect(o.byId<HTMLSelectElement>('report-channel').value).toBe('auto');
  });

  it('show defaults when nothing is stored yet', async () => {
    const o = await start({ pageState: null });
    expect(o.byId<HTMLInputElement>('enabled').checked).toBe(true);
    expect(o.byId<HTMLSelectElement>('sensitivity').value).toBe('medium');
    expect(o.byId('status').textContent).toBe('Watching this page');
  });

  it('send a sensitivity change at once, and the stored value comes back', async () => {
    const o = await start({ pageState: null });
    choose(o.byId<HTMLSelectElement>('sensitivity'), 'high');
    expect(o.browser.messagesOfType('settings-change')).toEqual([
      { type: 'settings-change', change: { kind: 'set', values: { sensitivity: 'high' } } },
    ]);
    await o.browser.settle();
    expect(storedSettings(o).sensitivity).toBe('high');
    expect(o.byId<HTMLSelectElement>('sensitivity').value).toBe('high');
    expect(o.byId('sensitivity-hint').textContent).toMatch(/weaker signs/);
  });

  it('say when a change could not be saved, and show the stored value again', async () => {
    const o = await start({ pageState: null });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    o.browser.failWrites = 'QUOTA_BYTES quota exceeded';
    choose(o.byId<HTMLSelectElement>('sensitivity'), 'high');
    expect(o.byId<HTMLSelectElement>('sensitivity').value).toBe('high'); // shown at once...
    await o.browser.settle();
    expect(o.byId('save-error').hidden).toBe(false); // ...then the failure is said
    expect(o.byId('save-error').textContent).toMatch(/not saved|could not/i);
    expect(o.byId<HTMLSelectElement>('sensitivity').value).toBe('medium'); // and the control shows what is stored
    expect((o.browser.storage.get('settings') as Settings | undefined)?.sensitivity).not.toBe('high');
    // The next change that works clears the message.
    o.browser.failWrites = undefined;
    choose(o.byId<HTMLSelectElement>('position'), 'bottom');
    await o.browser.settle();
    expect(o.byId('save-error').hidden).toBe(true);
    expect(storedSettings(o).position).toBe('bottom');
    warn.mockRestore();
  });

  it('send every other setting as its own change', async () => {
    const o = await start({ pageState: null });
    choose(o.byId<HTMLInputElement>('enabled'), false);
    choose(o.byId<HTMLInputElement>('family-fraud'), false);
    choose(o.byId<HTMLSelectElement>('scope'), 'categories');
    choose(o.byId<HTMLSelectElement>('position'), 'bottom');
    choose(o.byId<HTMLSelectElement>('report-channel'), 'general');
    expect(settingsChanges(o)).toEqual([
      { kind: 'set', values: { enabled: false } },
      { kind: 'set', values: { families: { espionage: true, fraud: false } } },
      { kind: 'set', values: { scope: 'categories' } },
      { kind: 'set', values: { position: 'bottom' } },
      { kind: 'set', values: { reportChannel: 'general' } },
    ]);
    await o.browser.settle();
    expect(storedSettings(o)).toMatchObject({
      enabled: false,
      families: { espionage: true, fraud: false },
      scope: 'categories',
      position: 'bottom',
      reportChannel: 'general',
    });
    expect(o.byId('status').textContent).toBe('Off');
  });

  it('follow changes made elsewhere (a content script) through storage', async () => {
    const o = await start({ pageState: null });
    const content = o.browser.platform({ kind: 'content', tabId: 9, frameId: 0 });
    await content.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { position: 'bottom' } } });
    await o.browser.settle();
    expect(o.byId<HTMLSelectElement>('position').value).toBe('bottom');
  });

  it('show the week count from the background', async () => {
    const o = await start({ pageState: null });
    const content = o.browser.platform({ kind: 'content', tabId: 4 });
    await content.runtime.sendMessage({ type: 'banner-shown' });
    await content.runtime.sendMessage({ type: 'banner-shown' });
    await o.browser.settle();
    expect(o.byId('count-week').textContent).toBe('2');
  });
});

describe('popup post hints', () => {
  it('have their own switch, on by default, that writes only `hints`', async () => {
    const o = await start({ pageState: null });
    const hints = o.byId<HTMLInputElement>('hints');
    expect(hints.checked).toBe(true);
    expect(o.byId<HTMLInputElement>('enabled').checked).toBe(true);
    choose(hints, false);
    await o.browser.settle();
    expect(settingsChanges(o)).toEqual([{ kind: 'set', values: { hints: false } }]);
    expect(storedSettings(o)).toMatchObject({ hints: false, enabled: true });
  });

  it('show the post hint count apart from the banner count', async () => {
    const o = await start({ pageState: null });
    expect(o.byId('count-hints').textContent).toBe('0');
    const content = o.browser.platform({ kind: 'content', tabId: 4 });
    await content.runtime.sendMessage({ type: 'hint-shown' });
    await o.browser.settle();
    expect(o.byId('count-hints').textContent).toBe('1');
    expect(o.byId('count-week').textContent).toBe('0');
  });

  it('offer to bring hints back on a site where they were silenced, and only there', async () => {
    const o = await start({ pageState: lureReport({ host: 'forum.example' }), stored: { settings: { ...DEFAULTS, hintQuietSites: ['other.example'] } } });
    const allow = o.byId<HTMLButtonElement>('hint-site-toggle');
    expect(allow.hidden).toBe(true);
    o.popup.stop();
    const p = await start({ pageState: lureReport({ host: 'forum.example' }), stored: { settings: { ...DEFAULTS, hintQuietSites: ['forum.example'] } } });
    const button = p.byId<HTMLButtonElement>('hint-site-toggle');
    expect(button.hidden).toBe(false);
    button.click();
    await p.browser.settle();
    expect(storedSettings(p).hintQuietSites).toEqual([]);
    expect(button.hidden).toBe(true);
  });
});

describe('popup site toggle', () => {
  it('disables and then allows the current site, by the host the page reported', async () => {
    const o = await start({ pageState: lureReport({ host: 'www.Loans.example' }) });
    const toggle = o.byId<HTMLButtonElement>('site-toggle');
    expect(toggle.hidden).toBe(false);
    expect(toggle.dataset.state).toBe('enabled');
    expect(toggle.textContent).toBe('Disable on this site');
    expect(o.byId('page-host').textContent).toBe('loans.example');

    toggle.click();
    expect(settingsChanges(o)).toEqual([{ kind: 'site', host: 'www.Loans.example', disabled: true }]);
    await o.browser.settle();
    expect(storedSettings(o).disabledSites).toEqual(['loans.example']);
    expect(toggle.dataset.state).toBe('disabled');
    expect(toggle.textContent).toBe('Allow on this site');
    expect(o.byId('status').textContent).toBe('Not on this site');

    toggle.click();
    await o.browser.settle();
    expect(settingsChanges(o)[1]).toEqual({ kind: 'site', host: 'loans.example', disabled: false });
    expect(storedSettings(o).disabledSites).toEqual([]);
    expect(toggle.dataset.state).toBe('enabled');
    expect(o.byId('status').textContent).toBe('Watching this page');
  });

  it('allowing a subdomain removes the parent entry that silenced it', async () => {
    const o = await start({
      stored: { settings: { ...DEFAULTS, disabledSites: ['example.com', 'other.org'] } },
      pageState: lureReport({ host: 'jobs.example.com' }),
    });
    const toggle = o.byId<HTMLButtonElement>('site-toggle');
    expect(toggle.dataset.state).toBe('disabled');
    toggle.click();
    await o.browser.settle();
    expect(storedSettings(o).disabledSites).toEqual(['other.org']);
  });

  it('is hidden where LureWatch does not run', async () => {
    const o = await start();
    expect(o.byId<HTMLButtonElement>('site-toggle').hidden).toBe(true);
  });
});

describe('popup snooze', () => {
  // 18:05 local time on 14 March 2025; expectations are computed in local time too, so any time zone works.
  const now = new Date(2025, 2, 14, 18, 5, 0).getTime();

  it('snoozes for one hour', async () => {
    const o = await start({ pageState: null, now: () => now });
    expect(o.byId('snooze-clear').hidden).toBe(true);
    o.byId('snooze-hour').click();
    expect(settingsChanges(o)).toEqual([{ kind: 'set', values: { snoozeUntil: now + 3_600_000 } }]);
    await o.browser.settle();
    expect(storedSettings(o).snoozeUntil).toBe(now + 3_600_000);
    expect(o.byId('status').textContent).toBe(`Snoozed until ${formatSnoozeEnd(now + 3_600_000, now, 'en-US')}`);
    expect(o.byId('status').dataset.state).toBe('snoozed');
    expect(o.byId('snooze-clear').hidden).toBe(false);
  });

  it('snoozes until 06:00 tomorrow, local time', async () => {
    const o = await start({ pageState: null, now: () => now });
    o.byId('snooze-tomorrow').click();
    const tomorrowSix = new Date(2025, 2, 15, 6, 0, 0).getTime();
    expect(settingsChanges(o)).toEqual([{ kind: 'set', values: { snoozeUntil: tomorrowSix } }]);
    await o.browser.settle();
    expect(storedSettings(o).snoozeUntil).toBe(tomorrowSix);
  });

  it('"until tomorrow" shortly after midnight still means the next calendar day', async () => {
    const early = new Date(2025, 11, 31, 0, 30).getTime();
    const o = await start({ pageState: null, now: () => early });
    o.byId('snooze-tomorrow').click();
    expect(settingsChanges(o)).toEqual([{ kind: 'set', values: { snoozeUntil: new Date(2026, 0, 1, 6, 0).getTime() } }]);
  });

  it('clears a snooze', async () => {
    const o = await start({ stored: { settings: { ...DEFAULTS, snoozeUntil: now + 600_000 } }, pageState: null, now: () => now });
    const clear = o.byId<HTMLButtonElement>('snooze-clear');
    expect(clear.hidden).toBe(false);
    clear.click();
    expect(settingsChanges(o)).toEqual([{ kind: 'set', values: { snoozeUntil: 0 } }]);
    await o.browser.settle();
    expect(storedSettings(o).snoozeUntil).toBe(0);
    expect(clear.hidden).toBe(true);
    expect(o.byId('status').textContent).toBe('Watching this page');
  });

  it('an expired snooze is not shown as snoozed', async () => {
    const o = await start({ stored: { settings: { ...DEFAULTS, snoozeUntil: now - 1 } }, pageState: null, now: () => now });
    expect(o.byId('snooze-clear').hidden).toBe(true);
    expect(o.byId('status').textContent).toBe('Watching this page');
  });
});

describe('popup findings', () => {
  it('list each quote with its facet and the rule explanation, as text only', async () => {
    const o = await start({ pageState: lureReport() });
    const findings = o.byId('findings');
    expect(findings.dataset.state).toBe('warning');
    expect(document.querySelector('img:not(.logo)')).toBeNull();
    expect(findings.querySelector('img')).toBeNull();
    const items = [...findings.querySelectorAll('.evidence li')];
    expect(items).toHaveLength(2);
    expect(items[0]!.querySelector('.quote')!.textContent).toBe(`interest-free loan ${HOSTILE}`);
    expect(items[0]!.querySelector('.facet')!.textContent).toBe(FACET_LABELS.offer.en);
    expect(items[0]!.querySelector('.explain')!.textContent).toBe(RULE_TEXTS['offer-interest-free-loan-en']!.en);
    expect(items[1]!.querySelector('.explain')!.textContent).toBe(RULE_TEXTS['request-proof-of-service-en']!.en);
    expect(findings.textContent).toContain(CASE_STORIES.xiao.en);
    expect(findings.textContent).toContain(CASE_HEADINGS.xiao.warning.en);
    // The reporting line follows the channel setting.
    expect(findings.querySelector('.report')!.textContent).toMatch(/security officer/);
  });

  it('the reporting line follows the channel setting', async () => {
    const o = await start({ pageState: lureReport({ families: ['fraud'], resembles: 'scam', severity: 'caution' }) });
    expect(o.byId('findings').textContent).toContain('This has signs of a scam');
    choose(o.byId<HTMLSelectElement>('report-channel'), 'cn');
    await o.browser.settle();
    expect(o.byId('findings').querySelector('.report')!.textContent).toMatch(/96110/);
  });

  it('say why the banner is not shown', async () => {
    const o = await start({ pageState: lureReport({ quietBecause: 'dismissed' }) });
    expect(o.byId('findings').querySelector('.quiet')!.textContent).toBe('No banner is shown because you dismissed it on this page.');
  });

  it('say when nothing was found', async () => {
    const o = await start({ pageState: lureReport({ severity: 'none', evidence: [], resembles: null, families: [] }) });
    expect(o.byId('findings').textContent).toBe('Nothing that looks like a lure on this page.');
  });

  it('treat a malformed answer from the page as no answer', async () => {
    const o = await start({ pageState: { host: 'x.example', severity: 'apocalyptic' } });
    expect(o.byId('status').textContent).toBe('LureWatch does not run on this page');
  });

  it('a page whose content script does not answer shows "does not run on this page"', async () => {
    const o = await start();
    expect(o.byId('status').textContent).toBe('LureWatch does not run on this page');
    expect(o.byId('status').dataset.state).toBe('unsupported');
    expect(o.byId('findings').dataset.state).toBe('unsupported');
  });

  it('a content script that never answers does not keep the popup waiting', async () => {
    const o = await start({ pageTimeoutMs: 20 });
    o.browser.tabAnswer = () => new Promise(() => undefined);
    choose(o.byId<HTMLSelectElement>('position'), 'bottom'); // a settings change asks the page again
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(o.byId('status').textContent).toBe('LureWatch does not run on this page');
  });

  it('with no active tab, shows "does not run on this page"', async () => {
    const o = await start({ activeTabId: undefined, pageState: lureReport() });
    expect(o.byId('status').textContent).toBe('LureWatch does not run on this page');
  });

  it('scope "only some sites" on another kind of site says so', async () => {
    const o = await start({
      stored: { settings: { ...DEFAULTS, scope: 'categories' } },
      pageState: lureReport({ category: 'other', quietBecause: 'scope' }),
    });
    expect(o.byId('status').textContent).toBe('Not watching this kind of site');
  });
});

describe('popup as a settings tab', () => {
  it('hides the page section and says whether LureWatch is on', async () => {
    const o = await start({ standalone: true });
    expect(o.byId('page-section').hidden).toBe(true);
    expect(o.byId('status').textContent).toBe('On');
  });
});

describe('popup in Chinese', () => {
  it('uses the Chinese messages and core texts', async () => {
    const o = await start({ language: 'zh-CN', pageState: lureReport() });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(o.byId('status').textContent).toBe('正在检查此页面');
    expect(o.byId('site-toggle').textContent).toBe('在此网站停用');
    const findings = o.byId('findings');
    expect(findings.textContent).toContain(CASE_STORIES.xiao.zh);
    expect(findings.querySelector('.facet')!.textContent).toBe(FACET_LABELS.offer.zh);
    expect(findings.querySelector('.explain')!.textContent).toBe(RULE_TEXTS['offer-interest-free-loan-en']!.zh);
    expect(findings.querySelector('.report')!.textContent).toMatch(/12339/);
    expect(document.querySelector('label[for="sensitivity"]')!.textContent).toBe('灵敏度');
  });

  it('fills every labelled element; no message is missing', async () => {
    await start({ language: 'zh-TW', pageState: null });
    for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
      expect(element.textContent, element.dataset.i18n).not.toBe('');
      expect(element.textContent, element.dataset.i18n).not.toBe(element.dataset.i18n);
    }
  });
});

describe('popup "Report a missed lure"', () => {
  it('offers a report of the current page with what LureWatch found there and the person\'s note, and no address', async () => {
    const o = await start({ pageState: lureReport() });
    const open = o.byId<HTMLButtonElement>('missed-open');
    expect(open.hidden).toBe(false);
    expect(o.byId('missed-panel').hidden).toBe(true);
    expect(open.getAttribute('aria-expanded')).toBe('false');
    open.click();
    expect(o.byId('missed-panel').hidden).toBe(false);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(o.byId('missed-note'));
    const text = o.byId<HTMLTextAreaElement>('missed-text');
    expect(text.readOnly).toBe(true);
    expect(text.value).toMatch(/^LureWatch report: missed lure\nVersion: \d+\.\d+\.\d+\nAbout: popup\nSeverity: warning\n/);
    expect(text.value).toContain('Rules: offer-interest-free-loan-en, request-proof-of-service-en');
    expect(text.value).toContain('Concepts: offer, request');
    expect(text.value).not.toMatch(/interest-free loan <img|loans\.example/);
    const note = o.byId<HTMLTextAreaElement>('missed-note');
    note.value = 'They asked for my unit number in a DM.';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    expect(text.value).toContain('Note:\nThey asked for my unit number in a DM.');
    // Nothing was sent: no message carries the note.
    expect(JSON.stringify(o.browser.sent)).not.toContain('unit number');
  });

  it('says "nothing found" for a page below a banner, and copies, or selects the text when the clipboard refuses', async () => {
    const o = await start({ pageState: lureReport({ severity: 'info', evidence: [], rules: ['weak-en'] }) });
    o.byId<HTMLButtonElement>('missed-open').click();
    const text = o.byId<HTMLTextAreaElement>('missed-text');
    expect(text.value).toContain('Severity: nothing found');
    expect(text.value).not.toContain('weak-en');
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
    o.byId<HTMLButtonElement>('missed-copy').click();
    await o.browser.settle();
    expect(copied).toEqual([text.value]);
    expect(o.byId('missed-status').textContent).toBe('Copied. Paste it wherever you choose.');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => Promise.reject(new Error('denied')) } });
    o.byId<HTMLButtonElement>('missed-copy').click();
    await o.browser.settle();
    expect(document.activeElement).toBe(text);
    expect([text.selectionStart, text.selectionEnd]).toEqual([0, text.value.length]);
    expect(o.byId('missed-status').textContent).toMatch(/Ctrl\+C/);
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('is not offered where LureWatch does not run, nor in the settings tab', async () => {
    const o = await start();
    expect(o.byId('missed-open').hidden).toBe(true);
    o.popup.stop();
    const p = await start({ standalone: true });
    expect(p.byId('page-section').hidden).toBe(true);
  });

  it('says why no banner shows on a page marked as a false alarm, in both languages', async () => {
    const o = await start({ pageState: lureReport({ quietBecause: 'false-alarm' }) });
    expect(o.byId('findings').querySelector('.quiet')!.textContent).toBe('No banner is shown because you marked it as a false alarm on this page.');
    o.popup.stop();
    const z = await start({ language: 'zh-CN', pageState: lureReport({ quietBecause: 'false-alarm' }) });
    expect(z.byId('findings').querySelector('.quiet')!.textContent).toMatch(/误报/);
    expect(z.byId('missed-open').textContent).toBe('报告漏报的诱饵');
  });
});
