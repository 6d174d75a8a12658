// The popup's words. Its own strings live in _locales (read through platform.i18n.message, so the browser picks
// the file); the detection core's bilingual texts (case stories, rule explanations, facet labels) follow the same
// rule as the banner: Chinese when the browser's UI language is Chinese, English otherwise.
import { languageOf } from '../core/advice.js';
import type { Platform } from '../platform/types.js';
import type { MessageKey } from './message-keys.js';

export type Lang = 'en' | 'zh';

export interface Texts {
  lang: Lang;
  /** BCP 47 tag for Intl formatting and the document's lang attribute. */
  locale: string;
  t(key: MessageKey, substitutions?: string[]): string;
}


export function textsFor(platform: Platform): Texts {
  const ui = platform.i18n.uiLanguage() || 'en';
  const lang = languageOf(ui);
  return {
    lang,
    locale: lang === 'zh' ? 'zh-CN' : ui,
    // A missing key shows the key rather than nothing, so the gap is visible (and tests catch it first).
    t: (key, substitutions) => platform.i18n.message(key, substitutions) || key,
  };
}

/** Fills every element that names a message in data-i18n; the markup carries no text of its own. */
export function localizeDocument(doc: Document, texts: Texts): void {
  doc.documentElement.lang = texts.locale;
  for (const element of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = texts.t(element.dataset.i18n as MessageKey);
  }
}
