// @vitest-environment jsdom
// popup.html against the shared contract and the extension CSP: the ids other parts rely on, a label for every
// control, no inline script or style, files referenced by the plain names the build writes, and words only from
// _locales (present in both languages).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS } from '../../src/popup/message-keys.js';
import { POPUP_HTML, ROOT } from './load-popup.js';

const doc = new DOMParser().parseFromString(POPUP_HTML, 'text/html');
const locale = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(ROOT, '_locales', name, 'messages.json'), 'utf8')) as Record<string, unknown>;

const CONTRACT: Record<string, string> = {
  enabled: 'input[type="checkbox"]',
  sensitivity: 'select',
  'family-espionage': 'input[type="checkbox"]',
  'family-fraud': 'input[type="checkbox"]',
  hints: 'input[type="checkbox"]',
  'hint-site-toggle': 'button',
  'count-hints': '*',
  scope: 'select',
  position: 'select',
  'report-channel': 'select',
  'site-toggle': 'button',
  'snooze-hour': 'button',
  'snooze-tomorrow': 'button',
  'snooze-clear': 'button',
  findings: '*',
  'count-week': '*',
  status: '*',
  'missed-open': 'button',
  'missed-panel': '*',
  'missed-note': 'textarea',
  'missed-text': 'textarea[readonly]',
  'missed-copy': 'button',
  'missed-status': '[role="status"]',
};

const OPTIONS: Record<string, string[]> = {
  sensitivity: ['low', 'medium', 'high'],
  scope: ['all', 'categories'],
  position: ['top', 'bottom'],
  'report-channel': ['auto', 'cn', 'general'],
};

describe('popup.html', () => {
  it.each(Object.entries(CONTRACT))('has #%s as %s', (id, selector) => {
    expect(doc.querySelector(`#${id}`)?.matches(selector)).toBe(true);
  });

  it.each(Object.entries(OPTIONS))('#%s offers exactly the stored values', (id, values) => {
    expect([...doc.querySelectorAll<HTMLOptionElement>(`#${id} option`)].map((option) => option.value)).toEqual(values);
  });

  it('labels every control and uses real buttons', () => {
    for (const control of doc.querySelectorAll('input, select, textarea')) {
      const labelled = control.closest('label') !== null || doc.querySelector(`label[for="${control.id}"]`) !== null;
      expect(labelled, `#${control.id}`).toBe(true);
    }
    for (const button of doc.querySelectorAll('button')) expect(button.getAttribute('type'), `#${button.id}`).toBe('button');
    expect(doc.querySelector('[tabindex]')).toBeNull(); // document order is the tab order
  });

  it('has no inline script, inline style or event-handler attribute (CSP script-src \'self\')', () => {
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts.map((script) => script.getAttribute('src'))).toEqual(['popup.js']);
    expect(scripts.every((script) => script.textContent?.trim() === '')).toBe(true);
    expect(doc.querySelector('style, [style]')).toBeNull();
    for (const element of doc.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute.startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
    }
    expect([...doc.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute('href'))).toEqual(['popup.css']);
  });

  it('shows an icon the build ships, at the path the build puts it', () => {
    // scripts/build.ts copies icons/icon-{16,32,48,128}.png to icons/ next to popup.html.
    const src = doc.querySelector('img.logo')?.getAttribute('src') ?? '';
    expect(src).toMatch(/^icons\/icon-(16|32|48|128)\.png$/);
    expect(existsSync(join(ROOT, src))).toBe(true);
  });

  it('takes every word from _locales: known keys, present in en and zh_CN', () => {
    const en = locale('en');
    const zh = locale('zh_CN');
    for (const key of MESSAGE_KEYS) {
      expect(en, key).toHaveProperty(key);
      expect(zh, key).toHaveProperty(key);
    }
    const used = [...doc.querySelectorAll<HTMLElement>('[data-i18n]')].map((element) => element.dataset.i18n ?? '');
    expect(used.length).toBeGreaterThan(20);
    for (const key of used) expect(MESSAGE_KEYS as readonly string[], key).toContain(key);
    // Apart from the product name in <title>/<h1> (replaced at run time too), the markup carries no text of its own.
    for (const element of doc.body.querySelectorAll('*')) {
      const ownText = [...element.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent ?? '').join('').trim();
      if (ownText && ownText !== '–') expect(element.hasAttribute('data-i18n') && ownText === 'LureWatch', `${element.tagName}#${element.id}: ${ownText}`).toBe(true);
    }
  });
});
