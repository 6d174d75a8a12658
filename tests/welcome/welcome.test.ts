// @vitest-environment jsdom
// The first-run page against an in-memory browser with the real background: its words in the browser's language,
// its three settings saving through the popup's path (a settings-change message, stored by the background), and
// the example banner drawn by the banner's own code, whose buttons store nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/service.js';
import { MESSAGE_KEYS } from '../../src/popup/message-keys.js';
import { DEFAULTS, type Settings } from '../../src/settings/schema.js';
import { EXAMPLE_MESSAGE, exampleReport } from '../../src/welcome/example.js';
import { startWelcome, type WelcomeHandle } from '../../src/welcome/controller.js';
import { FakeBrowser } from '../helpers/fake-platform.js';
import { ROOT } from '../popup/load-popup.js';

const WELCOME_HTML = readFileSync(join(ROOT, 'src', 'welcome', 'welcome.html'), 'utf8');
const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
};
const banner = (): HTMLElement | null => document.querySelector('lurewatch-banner');
const inBanner = <T extends Element>(selector: string): T | null => banner()?.shadowRoot?.querySelector<T>(selector) ?? null;

// jsdom lays nothing out and has no scrollIntoView; the browsers' is checked end to end.
Element.prototype.scrollIntoView ??= function scrollIntoView(): void {};

let handle: WelcomeHandle | undefined;
afterEach(() => {
  handle?.stop();
  handle = undefined;
});

async function open(options: { language?: string; stored?: Record<string, unknown> } = {}): Promise<FakeBrowser> {
  const browser = new FakeBrowser({ language: options.language ?? 'en-US', activeTabId: undefined });
  if (options.stored) browser.seed(options.stored);
  startBackground(browser.platform({ kind: 'extension', url: 'background' }));
  const parsed = new DOMParser().parseFromString(WELCOME_HTML, 'text/html');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.documentElement.replaceChildren(document.importNode(parsed.head, true), document.importNode(parsed.body, true));
  handle = await startWelcome(browser.platform({ kind: 'extension', url: 'welcome.html' }), document, { openShadow: true });
  await browser.settle();
  return browser;
}
const choose = (element: HTMLSelectElement | HTMLInputElement, value: string | boolean): void => {
  if (typeof value === 'boolean') (element as HTMLInputElement).checked = value;
  else element.value = value;
  element.dispatchEvent(new Event('change', { bubbles: true }));
};

describe('first-run page', () => {
  it('says what LureWatch looks for, what it never does, with a described picture, in English', async () => {
    await open();
    expect(document.documentElement.lang).toBe('en-US');
    expect(document.title).toBe('Welcome to LureWatch');
    expect(document.body.textContent).toContain('What LureWatch looks for');
    expect(document.body.textContent).toContain('Nothing leaves your device');
    expect(document.body.textContent).toMatch(/no record of what you read or type/i);
    const picture = byId<HTMLImageElement>('picture');
    expect(picture.getAttribute('src')).toBe('welcome-picture.svg');
    expect(picture.alt).toMatch(/interest-free loan/);
  });

  it('speaks Chinese in a Chinese browser, example included', async () => {
    await open({ language: 'zh-CN' });
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(byId('looks-heading').textContent).toBe('LureWatch 会注意什么');
    expect(byId<HTMLImageElement>('picture').alt).toMatch(/退役军人/);
    byId<HTMLButtonElement>('example-toggle').click();
    expect(inBanner('h2')!.textContent).toMatch(/[\u4e00-\u9fff]/);
    expect(byId('example-message').textContent).toBe(EXAMPLE_MESSAGE.zh);
  });

  it('shows the stored settings, repaired, and saves each change through the background like the popup', async () => {
    const browser = await open({ stored: { settings: { ...DEFAULTS, sensitivity: 'high', scope: 'bogus', hints: false } } });
    expect(byId<HTMLSelectElement>('sensitivity').value).toBe('high');
    expect(byId('sensitivity-hint').textContent).toMatch(/weaker signs/);
    expect(byId<HTMLSelectElement>('scope').value).toBe('all');
    expect(byId<HTMLInputElement>('hints').checked).toBe(false);

    choose(byId<HTMLSelectElement>('sensitivity'), 'low');
    choose(byId<HTMLSelectElement>('scope'), 'categories');
    choose(byId<HTMLInputElement>('hints'), true);
    expect(browser.messagesOfType('settings-change')).toEqual([
      { type: 'settings-change', change: { kind: 'set', values: { sensitivity: 'low' } } },
      { type: 'settings-change', change: { kind: 'set', values: { scope: 'categories' } } },
      { type: 'settings-change', change: { kind: 'set', values: { hints: true } } },
    ]);
    await browser.settle();
    expect(browser.storage.get('settings')).toMatchObject({ sensitivity: 'low', scope: 'categories', hints: true });
    expect(byId('sensitivity-hint').textContent).toMatch(/strong lures/);
  });

  it('follows changes made in the popup, and says when a change could not be saved', async () => {
    const browser = await open();
    await browser.platform({ kind: 'extension', url: 'popup.html' }).runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { sensitivity: 'high' } } });
    await browser.settle();
    expect(byId<HTMLSelectElement>('sensitivity').value).toBe('high');

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    browser.failWrites = 'QUOTA_BYTES quota exceeded';
    choose(byId<HTMLSelectElement>('sensitivity'), 'low');
    await browser.settle();
    expect(byId('save-error').hidden).toBe(false);
    expect(byId('save-error').textContent).toMatch(/could not be saved/);
    expect(byId<HTMLSelectElement>('sensitivity').value).toBe('high');
    expect((browser.storage.get('settings') as Settings).sensitivity).toBe('high');
    warn.mockRestore();
  });

  it('"See an example" shows the real banner over the example message, where the settings put it', async () => {
    const browser = await open({ stored: { settings: { ...DEFAULTS, position: 'bottom' } } });
    const toggle = byId<HTMLButtonElement>('example-toggle');
    expect(banner()).toBeNull();
    expect(byId('example-page').hidden).toBe(true);
    toggle.click();
    expect(banner()!.getAttribute('data-lurewatch')).toBe('banner');
    expect(banner()!.getAttribute('data-severity')).toBe('warning');
    expect(banner()!.getAttribute('data-position')).toBe('bottom');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Hide the example');
    expect(byId('example-page').hidden).toBe(false);
    const quotes = [...banner()!.shadowRoot!.querySelectorAll('[data-part="evidence"] .quote')].map((q) => q.textContent);
    expect(quotes).toEqual(exampleReport('en').evidence.map((e) => `“${e.quote}”`));
    for (const e of exampleReport('en').evidence) expect(EXAMPLE_MESSAGE.en).toContain(e.quote);
    expect([...banner()!.shadowRoot!.querySelectorAll('button')].map((b) => b.getAttribute('data-action'))).toEqual(['show', 'dismiss', 'not-on-site', 'settings', 'wrong']);

    inBanner<HTMLButtonElement>('[data-action="show"]')!.click();
    expect(byId('example-message').getAttribute('data-marked')).toBe('true');

    inBanner<HTMLButtonElement>('[data-action="not-on-site"]')!.click();
    expect(banner()?.isConnected ?? false).toBe(false);
    expect(byId('example-status').textContent).toMatch(/On a real page, this would turn LureWatch off/);
    expect(document.activeElement).toBe(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await browser.settle();
    // Nothing of the example is stored: no site off, no dismissal, no banner counted.
    expect((browser.storage.get('settings') as Settings).disabledSites).toEqual([]);
    expect(browser.storage.has('dismissed')).toBe(false);
    expect(browser.messagesOfType('settings-change')).toEqual([]);

    toggle.click();
    inBanner<HTMLButtonElement>('[data-action="dismiss"]')!.click();
    expect(byId('example-status').textContent).toMatch(/stay away from that page/);
    toggle.click();
    expect(byId('example-status').textContent).toBe('');
    toggle.click();
    expect(banner()?.isConnected ?? false).toBe(false);
  });

  it('the example\'s "Was this wrong?" opens the same report panel, and marks nothing', async () => {
    const browser = await open();
    byId<HTMLButtonElement>('example-toggle').click();
    inBanner<HTMLButtonElement>('[data-action="wrong"]')!.click();
    expect(inBanner('[data-part="report-panel"]')).not.toBeNull();
    expect(inBanner<HTMLTextAreaElement>('[data-part="report-text"]')!.value).toContain('Rules: offer-interest-free-loan-en, target-veteran-en, request-proof-of-service-en');
    inBanner<HTMLButtonElement>('[data-action="close"]')!.click();
    expect(banner()?.isConnected ?? false).toBe(false);
    await browser.settle();
    expect(browser.storage.has('dismissed')).toBe(false);
    expect(browser.messagesOfType('dismiss')).toEqual([]);
  });

  it('"Settings" in the example takes the person to the page\'s own settings', async () => {
    await open();
    byId<HTMLButtonElement>('example-toggle').click();
    inBanner<HTMLButtonElement>('[data-action="settings"]')!.click();
    expect(document.activeElement).toBe(byId('sensitivity'));
  });
});

describe('welcome.html', () => {
  const doc = new DOMParser().parseFromString(WELCOME_HTML, 'text/html');

  it('labels every control, uses real buttons and keeps document order as the tab order', () => {
    for (const control of doc.querySelectorAll('input, select, textarea')) {
      const labelled = control.closest('label') !== null || doc.querySelector(`label[for="${control.id}"]`) !== null;
      expect(labelled, `#${control.id}`).toBe(true);
    }
    for (const button of doc.querySelectorAll('button')) expect(button.getAttribute('type')).toBe('button');
    expect(doc.querySelector('[tabindex]')).toBeNull();
  });

  it('has no inline script, inline style or event handler, and loads only its own files', () => {
    expect([...doc.querySelectorAll('script')].map((s) => s.getAttribute('src'))).toEqual(['welcome.js']);
    expect(doc.querySelector('style, [style]')).toBeNull();
    for (const element of doc.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute.startsWith('on')).toBe(false);
    }
    expect([...doc.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href'))).toEqual(['welcome.css']);
    expect([...doc.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['icons/icon-48.png', 'welcome-picture.svg']);
  });

  it('takes every word from _locales', () => {
    const used = [...doc.querySelectorAll<HTMLElement>('[data-i18n]')].map((element) => element.dataset.i18n ?? '');
    expect(used.length).toBeGreaterThan(15);
    for (const key of used) expect(MESSAGE_KEYS as readonly string[], key).toContain(key);
    for (const element of doc.body.querySelectorAll('*')) {
      const own = [...element.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('').trim();
      expect(own, `${element.tagName}#${element.id}`).toBe('');
    }
  });

  it('the picture is a packaged SVG that loads nothing and holds no text to translate', () => {
    const svg = readFileSync(join(ROOT, 'src', 'welcome', 'welcome-picture.svg'), 'utf8');
    expect(svg).not.toMatch(/<text|<script|href=|<image|<foreignObject/);
  });
});
