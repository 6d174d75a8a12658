// HTML files for the scan command: parsed by a real HTML parser (jsdom, scripts never run) into the visible text
// the content script would read, through the very same extraction code.

import { JSDOM } from 'jsdom';
import { extractVisibleText } from '../content/extract.js';

export function visibleTextOfHtml(html: string): string {
  const dom = new JSDOM(html, { pretendToBeVisual: false });
  try {
    const { document } = dom.window;
    return extractVisibleText(document.body ?? document.documentElement).text;
  } finally {
    dom.window.close();
  }
}
