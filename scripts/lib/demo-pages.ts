// The demo pages (demo/pages/index.json): a lure and a benign twin for each kind of site, in English and Chinese.
// Read by `npm start` and the end-to-end tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEMO_DIR = fileURLToPath(new URL('../../demo/pages/', import.meta.url));

export interface DemoPage {
  /** Relative to demo/pages, e.g. "en/loan-lure.html"; served at "/" + path. */
  path: string;
  lang: 'en' | 'zh';
  category: string;
  kind: 'lure' | 'benign';
  expect: 'banner' | 'quiet';
  title: string;
}

export function demoPages(): DemoPage[] {
  return JSON.parse(readFileSync(`${DEMO_DIR}index.json`, 'utf8')) as DemoPage[];
}

/** Chat pages append their messages by script and set data-demo-final="true" on <body> after the last one. */
export function isChatPage(page: Pick<DemoPage, 'path'>): boolean {
  return /(^|\/)chat-/.test(page.path);
}

/** "en/loan-lure.html" -> "en-loan-lure", for screenshot names. */
export function shotName(page: Pick<DemoPage, 'path'>): string {
  return page.path.replace(/\.html$/, '').replace(/\//g, '-');
}
