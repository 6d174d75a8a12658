// @vitest-environment jsdom
// "Was this wrong?" on the banner and on the post hint, against an in-memory browser with the real background: the
// page is marked like a dismissal (its hash and the score, with the flag), the report panel stays until closed, the
// report holds ids and quotes only when asked, and nothing but the mark is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackground } from '../../src/background/service.js';
import { startPage } from '../../src/content/page.js';
import { startPostHints } from '../../src/content/post-hint.js';
import { DISMISSED_KEY, hintPageKey, pageKey } from '../../src/records.js';
import { FakeBrowser } from '../helpers/fake-platform.js';
import { LURES } from '../fixtures/scenarios.js';

const lure = LURES.find((s) => s.name.startsWith('Xiao: loan for proof of service (en)'))!.text;
const DISCLOSURE = 'Happy to help. I hold an active TS/SCI clearance and work nights.';
const until = async (condition: () => boolean, ms = 2000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const banner = (): HTMLElement | null => document.querySelector('lurewatch-banner');
const hintHost = (): HTMLElement | null => document.querySelector('[data-lurewatch="hint"]');
const inBanner = <T extends Element>(selector: string): T | null => banner()?.shadowRoot?.querySelector<T>(selector) ?? null;
const inHint = <T extends Element>(selector: string): T | null => hintHost()?.shadowRoot?.querySelector<T>(selector) ?? null;
const address = (): string => `${location.origin}${location.pathname}${location.search}`;

let stops: Array<() => void> = [];
beforeEach(() => {
  document.documentElement.removeAttribute('data-lurewatch-ready');
  document.body.replaceChildren();
  banner()?.remove();
  hintHost()?.remove();
});
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

async function startLurePage(browser: FakeBrowser): Promise<void> {
  const p = document.createElement('p');
  p.textContent = lure;
  document.body.append(p);
  stops.push(await startPage(browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href }), window, document, { openShadow: true, testHooks: true }));
  await until(() => banner()?.isConnected === true);
}

function withBackground(language = 'en-US'): FakeBrowser {
  const browser = new FakeBrowser({ language });
  startBackground(browser.platform({ kind: 'extension' }));
  return browser;
}

describe('"Was this wrong?" on the banner', () => {
  it('marks the page as a false alarm, by its hash, and keeps the report panel up until it is closed', async () => {
    const browser = withBackground();
    await startLurePage(browser);
    inBanner<HTMLButtonElement>('[data-action="wrong"]')!.click();
    expect(inBanner('[data-part="report-panel"]')).not.toBeNull();
    // Focus lands in the panel: the person continues there.
    expect(banner()!.shadowRoot!.activeElement?.getAttribute('data-part')).toBe('include-quotes');
    await until(() => browser.storage.has(DISMISSED_KEY));
    const stored = browser.storage.get(DISMISSED_KEY) as Record<string, { score: number; at: number; wrong?: boolean }>;
    expect(Object.keys(stored)).toEqual([pageKey(address())]);
    expect(stored[pageKey(address())]!.wrong).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('interest');

    // The mark is in force at once, yet the panel stays while the page changes under it.
    const more = document.createElement('p');
    more.textContent = 'A quiet line about the weather.';
    document.body.append(more);
    await pause(400);
    expect(inBanner('[data-part="report-panel"]')).not.toBeNull();

    inBanner<HTMLButtonElement>('[data-action="close"]')!.click();
    expect(banner()?.isConnected ?? false).toBe(false);
    await pause(300);
    expect(banner()?.isConnected ?? false).toBe(false);
    // The popup hears why: a false alarm, not a plain dismissal.
    const report = (await browser.platform({ kind: 'extension' }).tabs.sendMessage(1, { type: 'page-state' }, 0)) as { quietBecause: string };
    expect(report.quietBecause).toBe('false-alarm');
  });

  it('offers a report with ids, severity and version, quoting the evidence only when the box is ticked', async () => {
    const browser = withBackground();
    await startLurePage(browser);
    const severity = banner()!.getAttribute('data-severity');
    inBanner<HTMLButtonElement>('[data-action="wrong"]')!.click();
    const text = inBanner<HTMLTextAreaElement>('[data-part="report-text"]')!;
    expect(text.readOnly).toBe(true);
    expect(text.value).toMatch(/^LureWatch report: false alarm\nVersion: \d+\.\d+\.\d+\nAbout: banner\n/);
    expect(text.value).toContain(`Severity: ${severity}`);
    expect(text.value).toMatch(/Rules: [a-z0-9-]+/);
    expect(text.value).toMatch(/Concepts: [a-z]+/);
    expect(text.value).not.toContain('Quoted evidence');
    const box = inBanner<HTMLInputElement>('[data-part="include-quotes"]')!;
    box.click();
    expect(text.value).toContain('Quoted evidence:\n- "');
    box.click();
    expect(text.value).not.toContain('Quoted evidence');
    expect(text.value).not.toContain(location.hostname || 'localhost');
  });

  it('copies through the clipboard, or selects the report when the clipboard is refused', async () => {
    const browser = withBackground();
    await startLurePage(browser);
    inBanner<HTMLButtonElement>('[data-action="wrong"]')!.click();
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
    inBanner<HTMLButtonElement>('[data-action="copy"]')!.click();
    await until(() => inBanner('[data-part="copy-status"]')!.getAttribute('data-outcome') === 'copied');
    expect(copied).toEqual([inBanner<HTMLTextAreaElement>('[data-part="report-text"]')!.value]);
    expect(inBanner('[data-part="copy-status"]')!.textContent).toMatch(/Copied/);

    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => Promise.reject(new Error('denied')) } });
    inBanner<HTMLButtonElement>('[data-action="copy"]')!.click();
    await until(() => inBanner('[data-part="copy-status"]')!.getAttribute('data-outcome') === 'selected');
    const area = inBanner<HTMLTextAreaElement>('[data-part="report-text"]')!;
    expect(banner()!.shadowRoot!.activeElement).toBe(area);
    expect([area.selectionStart, area.selectionEnd]).toEqual([0, area.value.length]);
    expect(inBanner('[data-part="copy-status"]')!.textContent).toMatch(/Ctrl\+C/);
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('speaks Chinese in a Chinese browser; Escape closes the panel', async () => {
    const browser = withBackground('zh-CN');
    await startLurePage(browser);
    expect(inBanner('[data-action="wrong"]')!.textContent).toBe('提示有误？');
    inBanner<HTMLButtonElement>('[data-action="wrong"]')!.click();
    expect(inBanner('[data-part="report-panel"] h2')!.textContent).toBe('已标记为误报');
    inBanner('[data-part="include-quotes"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(banner()?.isConnected ?? false).toBe(false);
  });
});

describe('"Was this wrong?" on the post hint', () => {
  async function typeDisclosure(browser: FakeBrowser): Promise<HTMLTextAreaElement> {
    document.body.innerHTML = '<textarea data-t name="comment"></textarea>';
    stops.push(
      await startPostHints(browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href }), window, document, {
        openShadow: true,
        debounceMs: 10,
        followMs: 20,
      }),
    );
    const field = document.querySelector('textarea')!;
    field.focus();
    field.value = DISCLOSURE;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await until(() => hintHost() !== null && inHint('[data-action="wrong"]') !== null);
    return field;
  }

  it('marks the page under the hint\'s own key, opens the report panel, and the hint stays away on that page', async () => {
    const browser = withBackground();
    const field = await typeDisclosure(browser);
    inHint<HTMLButtonElement>('[data-action="wrong"]')!.click();
    expect(inHint('[data-part="report-panel"]')).not.toBeNull();
    const text = inHint<HTMLTextAreaElement>('[data-part="report-text"]')!.value;
    expect(text).toMatch(/About: post hint\nSeverity: hint\nRules: [a-z0-9-]+/);
    expect(text).toContain('Concepts: clearance');
    expect(text).not.toContain('TS/SCI');
    inHint<HTMLInputElement>('[data-part="include-quotes"]')!.click();
    expect(inHint<HTMLTextAreaElement>('[data-part="report-text"]')!.value).toContain('TS/SCI');
    // The panel survives the hint's follow-up checks while focus is in it.
    await pause(100);
    expect(inHint('[data-part="report-panel"]')).not.toBeNull();

    await until(() => browser.storage.has(DISMISSED_KEY));
    const stored = browser.storage.get(DISMISSED_KEY) as Record<string, { wrong?: boolean }>;
    expect(Object.keys(stored)).toEqual([hintPageKey(address())]);
    expect(stored[hintPageKey(address())]!.wrong).toBe(true);
    // What was typed is never stored.
    expect(JSON.stringify([...browser.storage.entries()])).not.toMatch(/TS\/SCI|clearance and work/);

    inHint<HTMLButtonElement>('[data-action="close"]')!.click();
    expect(hintHost()?.isConnected ?? false).toBe(false);
    expect(document.activeElement).toBe(field);

    // A fresh start on the same page (a reload): the same text earns no hint.
    for (const stop of stops) stop();
    stops = [];
    hintHost()?.remove();
    document.body.innerHTML = '<textarea data-t></textarea>';
    stops.push(await startPostHints(browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href }), window, document, { openShadow: true, debounceMs: 10, followMs: 20 }));
    const again = document.querySelector('textarea')!;
    again.focus();
    again.value = DISCLOSURE;
    again.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await pause(300);
    expect(hintHost()).toBeNull();
  });

  it('does not silence the page\'s banner', async () => {
    const browser = withBackground();
    await typeDisclosure(browser);
    inHint<HTMLButtonElement>('[data-action="wrong"]')!.click();
    await until(() => browser.storage.has(DISMISSED_KEY));
    for (const stop of stops) stop();
    stops = [];
    document.body.replaceChildren();
    await startLurePage(browser);
    expect(banner()!.getAttribute('data-severity')).toMatch(/caution|warning/);
  });
});
