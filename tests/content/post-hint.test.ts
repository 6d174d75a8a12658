// @vitest-environment jsdom
// The post hint's controller against an in-memory browser: a disclosure typed into a field earns a hint next to it
// (host on <html>, never beside the field), ordinary text does not; the hint goes on dismissal, when the page clears
// the field, and for good on "Not on this site"; secrets are never read; storage only ever holds counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackground } from '../../src/background/service.js';
import { startPostHints } from '../../src/content/post-hint.js';
import { FakeBrowser } from '../helpers/fake-platform.js';

const DISCLOSURE = 'Happy to help. I hold an active TS/SCI clearance and work nights.';
const until = async (condition: () => boolean, ms = 2000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const host = (): HTMLElement | null => document.querySelector('[data-lurewatch="hint"]');
const button = (action: string): HTMLButtonElement => host()!.shadowRoot!.querySelector(`[data-action="${action}"]`)!;

let stop: (() => void) | undefined;
let browser: FakeBrowser;
beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(() => {
  stop?.();
  stop = undefined;
});

async function start(html: string, language = 'en-US'): Promise<HTMLElement> {
  browser = new FakeBrowser({ language });
  startBackground(browser.platform({ kind: 'extension' }));
  document.body.innerHTML = html;
  stop = await startPostHints(browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href }), window, document, {
    openShadow: true,
    debounceMs: 10,
    followMs: 20,
  });
  const field = document.querySelector('[data-t]') as HTMLElement;
  field.focus();
  return field;
}
/** What a person's typing does to a field: the value changes, then an input event. */
function type(field: HTMLElement, text: string): void {
  if (field.isContentEditable || field.hasAttribute('contenteditable')) field.textContent = text;
  else (field as HTMLInputElement).value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

describe('post hint', () => {
  it('shows a hint for a disclosure, outside the page\'s own DOM, and leaves the text alone', async () => {
    const field = await start('<form><textarea data-t name="comment"></textarea></form>');
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    expect(host()!.parentElement).toBe(document.documentElement);
    expect(field.parentElement!.tagName).toBe('FORM');
    expect(field.parentElement!.children).toHaveLength(1);
    expect(host()!.getAttribute('data-kind')).toBe('clearance');
    const box = host()!.shadowRoot!.querySelector('section')!;
    expect(box.getAttribute('role')).toBe('status');
    expect(box.getAttribute('aria-live')).toBe('polite');
    expect(box.textContent).toMatch(/Think before you post/);
    expect(box.textContent).toMatch(/“active TS\/SCI clearance”|“I hold an active TS\/SCI clearance”/);
    expect(box.textContent).toMatch(/Safer:/);
    expect((field as HTMLTextAreaElement).value).toBe(DISCLOSURE);
    // Counted once, as a number.
    await until(() => browser.storage.has('hintStats'));
    expect(Object.values(browser.storage.get('hintStats') as object)).toEqual([1]);
  });

  it('stays quiet for ordinary text and for a public job title', async () => {
    const field = await start('<input data-t name="headline">');
    type(field, 'Senior software engineer. I work in manufacturing and love hiking.');
    await pause(80);
    expect(host()).toBeNull();
  });

  it('goes away when the page clears the field after sending, without any event', async () => {
    const field = (await start('<textarea data-t name="chat"></textarea>')) as HTMLTextAreaElement;
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    field.value = '';
    await until(() => host() === null);
    // The next message discloses again: the hint comes back, and each appearance is counted once.
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    type(field, `${DISCLOSURE} Still typing.`);
    await pause(60);
    await until(() => Object.values((browser.storage.get('hintStats') as Record<string, number> | undefined) ?? {})[0] === 2);
    await pause(60);
    expect(Object.values(browser.storage.get('hintStats') as Record<string, number>)).toEqual([2]);
  });

  it('goes away and stays away for that field on Dismiss, and Escape dismisses too', async () => {
    const field = await start('<textarea data-t></textarea><textarea id="other"></textarea>');
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    button('dismiss').click();
    expect(host()).toBeNull();
    expect(document.activeElement).toBe(field);
    type(field, `${DISCLOSURE} And more.`);
    await pause(80);
    expect(host()).toBeNull();
    const other = document.getElementById('other')!;
    other.focus();
    type(other, DISCLOSURE);
    await until(() => host() !== null);
    host()!.shadowRoot!.querySelector('section')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(host()).toBeNull();
  });

  it('remembers "Not on this site" in the settings, and says nothing more on this site', async () => {
    const field = await start('<textarea data-t></textarea>');
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    button('not-on-site').click();
    expect(host()).toBeNull();
    await until(() => ((browser.storage.get('settings') as { hintQuietSites?: string[] } | undefined)?.hintQuietSites ?? []).length === 1);
    expect((browser.storage.get('settings') as { hintQuietSites: string[]; disabledSites: string[] }).disabledSites).toEqual([]);
    const next = document.createElement('textarea');
    document.body.append(next);
    next.focus();
    type(next, DISCLOSURE);
    await pause(80);
    expect(host()).toBeNull();
  });

  it('"Not on this site" holds while it is being stored: typing on meanwhile brings no hint back', async () => {
    const field = await start('<textarea data-t></textarea>');
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    let store!: () => void;
    browser.holdWrites = new Promise((resolve) => (store = resolve));
    button('not-on-site').click();
    expect(host()).toBeNull();
    type(field, `${DISCLOSURE} Also on weekends.`);
    await pause(80);
    expect(host()).toBeNull();
    store();
    browser.holdWrites = undefined;
    await until(() => ((browser.storage.get('settings') as { hintQuietSites?: string[] } | undefined)?.hintQuietSites ?? []).length === 1);
    type(field, `${DISCLOSURE} And holidays.`);
    await pause(80);
    expect(host()).toBeNull();
  });

  it('comes back and says so when "Not on this site" could not be stored; trying again once storage works holds', async () => {
    const field = await start('<textarea data-t></textarea>');
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    browser.failWrites = 'QUOTA_BYTES quota exceeded';
    button('not-on-site').click();
    expect(host()).toBeNull();
    // Back at once in the field the person is still in, owning up.
    await until(() => host()?.shadowRoot?.querySelector('.notice') != null);
    expect(host()!.shadowRoot!.querySelector('.notice')!.textContent).toMatch(/could not save/);
    browser.failWrites = undefined;
    button('not-on-site').click();
    await until(() => ((browser.storage.get('settings') as { hintQuietSites?: string[] } | undefined)?.hintQuietSites ?? []).length === 1);
    type(field, `${DISCLOSURE} Also on weekends.`);
    await pause(80);
    expect(host()).toBeNull();
  });

  it('hides when focus moves to another field, and follows the switch in the settings', async () => {
    const field = await start('<textarea data-t></textarea><input id="name">');
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    document.getElementById('name')!.focus();
    expect(host()).toBeNull();
    field.focus();
    await browser.platform({ kind: 'extension' }).runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { hints: false } } });
    type(field, `${DISCLOSURE} Again.`);
    await pause(80);
    expect(host()).toBeNull();
  });

  it('stays while the keyboard passes the page\'s own buttons on its way to the hint, and goes when the field is emptied', async () => {
    const field = await start('<textarea data-t></textarea><button id="post">Post</button><a id="help" href="#help">Help</a>');
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    document.getElementById('post')!.focus();
    await pause(60); // past a few follow-up checks
    expect(host()).not.toBeNull();
    document.getElementById('help')!.focus();
    await pause(60);
    expect(host()).not.toBeNull();
    button('dismiss').focus();
    expect(host()).not.toBeNull();
    // The page empties the field (a chat sent by its button, focus on the button): the hint has nothing to say.
    document.getElementById('post')!.focus();
    (field as HTMLTextAreaElement).value = '';
    await until(() => host() === null);
  });

  it('reads a rich editor from its editing host', async () => {
    const field = await start('<div data-t contenteditable="true" tabindex="0"></div>');
    field.innerHTML = '<p>Busy week.</p><p>我是涉密人员，出国要审批。</p>';
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await until(() => host() !== null);
    expect(host()!.getAttribute('data-kind')).toBe('clearance');
  });

  it('speaks Chinese in a Chinese browser', async () => {
    const field = await start('<textarea data-t></textarea>', 'zh-CN');
    type(field, '我在中航工业上班，主要做总装。');
    await until(() => host() !== null);
    expect(host()!.shadowRoot!.textContent).toMatch(/发布前请想一想/);
    expect(host()!.getAttribute('lang')).toBe('zh-CN');
  });

  it('stops reading a field that turns into a password field', async () => {
    const field = (await start('<input data-t type="text" id="secret">')) as HTMLInputElement;
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    field.type = 'password';
    let reads = 0;
    Object.defineProperty(field, 'value', { get: () => (reads++, DISCLOSURE), configurable: true });
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await until(() => host() === null);
    await pause(60);
    expect(reads).toBe(0);
  });

  it('never reads a password, payment or one-time-code field, and never stores typed text', async () => {
    await start('<input id="p" type="password"><input id="c" autocomplete="cc-number"><input id="o" autocomplete="one-time-code"><textarea data-t></textarea>');
    for (const id of ['p', 'c', 'o']) {
      const secret = document.getElementById(id) as HTMLInputElement;
      let reads = 0;
      Object.defineProperty(secret, 'value', { get: () => (reads++, DISCLOSURE), configurable: true });
      secret.focus();
      secret.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await pause(60);
      expect(reads, id).toBe(0);
      expect(host()).toBeNull();
    }
    const field = document.querySelector('[data-t]') as HTMLElement;
    field.focus();
    type(field, DISCLOSURE);
    await until(() => host() !== null);
    await until(() => browser.storage.has('hintStats'));
    const everything = JSON.stringify([...browser.storage.entries()]);
    for (const piece of ['TS/SCI', 'clearance', 'Happy to help', 'work nights']) expect(everything).not.toContain(piece);
  });
});
