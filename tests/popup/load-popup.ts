// Puts popup.html's markup into the jsdom document of a test, without its <script> (the test starts the controller
// itself, against a fake platform).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeBrowser, type FakeBrowserOptions } from '../helpers/fake-platform.js';
import { startBackground } from '../../src/background/service.js';
import { startPopup, type PopupHandle, type PopupOptions } from '../../src/popup/controller.js';

/** The repository root, as a path (under jsdom, `URL` is jsdom's and node:url rejects it). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const POPUP_HTML = readFileSync(join(ROOT, 'src', 'popup', 'popup.html'), 'utf8');

export function loadPopupMarkup(doc: Document = document): void {
  const parsed = new DOMParser().parseFromString(POPUP_HTML, 'text/html');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  doc.documentElement.replaceChildren(doc.importNode(parsed.head, true), doc.importNode(parsed.body, true));
}

export interface OpenPopup {
  browser: FakeBrowser;
  popup: PopupHandle;
  /** The element with this id, which must exist. */
  byId<T extends HTMLElement = HTMLElement>(id: string): T;
}

export interface OpenOptions extends FakeBrowserOptions, PopupOptions {
  /** Stored values before the popup opens (settings, stats). */
  stored?: Record<string, unknown>;
  /** What the tab's content script answers to page-state; leave out for a page where it does not run. */
  pageState?: unknown;
  /** Run the real background service next to the popup (default true). */
  background?: boolean;
}

/** A fresh fake browser with the background running, the popup's markup in `document`, and the popup started. */
export async function openPopup(options: OpenOptions = {}): Promise<OpenPopup> {
  const browser = new FakeBrowser(options);
  if (options.stored) browser.seed(options.stored);
  if ('pageState' in options) browser.answerPageState(options.pageState);
  if (options.background ?? true) startBackground(browser.platform({ kind: 'extension', url: 'background' }));
  loadPopupMarkup();
  const popup = await startPopup(browser.platform({ kind: 'extension', url: 'popup.html' }), document, {
    now: options.now,
    standalone: options.standalone,
    pageTimeoutMs: options.pageTimeoutMs,
  });
  await browser.settle();
  const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
    const element = document.getElementById(id);
    if (!element) throw new Error(`#${id} is missing`);
    return element as T;
  };
  return { browser, popup, byId };
}

/** Changes a <select> or checkbox the way a person does: new value, then a `change` event. */
export function choose(element: HTMLSelectElement | HTMLInputElement, value: string | boolean): void {
  if (typeof value === 'boolean') (element as HTMLInputElement).checked = value;
  else element.value = value;
  element.dispatchEvent(new Event('change', { bubbles: true }));
}
