// The generated pages of bench:page are what the table says they are, and the same on every run.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { CHAT_MESSAGE_CHARS, CHAT_MESSAGES, LURE_MESSAGE, makePages, typedText } from '../../scripts/lib/bench-pages.js';
import { detect, showsBanner } from '../../src/core/detect.js';
import { shippedPack } from '../../src/core/pack.js';

const pages = makePages(['typical', 'dom20k', 'chat', 'typing']);

/** The text a reader sees (not the scripts', which hold the chat's queue and its lure). */
function visibleText(doc: Document): string {
  const parts: string[] = [];
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentNode?.nodeName;
    if (parent !== 'SCRIPT' && parent !== 'STYLE') parts.push((node as Text).data);
  }
  return parts.join('');
}

const chatQueue = (): string[] => JSON.parse(/var queue = (\[.*?\]);/.exec(pages.chat!)![1]!) as string[];

describe('bench:page pages', () => {
  it('makes only the pages asked for, identically each time', () => {
    expect(pages.mb).toBeUndefined();
    expect(makePages(['typical']).typical).toBe(pages.typical);
  });

  it('gives the typical article about 50 KB of text', () => {
    const chars = visibleText(new JSDOM(pages.typical!).window.document).length;
    expect(chars).toBeGreaterThan(50 * 1024);
    expect(chars).toBeLessThan(55 * 1024);
  });

  it('gives the 20,000-node page 20,000 nodes, give or take a card', () => {
    const { document } = new JSDOM(pages.dom20k!).window;
    let nodes = 1;
    const walker = document.createTreeWalker(document, 0xffffffff /* NodeFilter.SHOW_ALL */);
    while (walker.nextNode()) nodes++;
    expect(Math.abs(nodes - 20_000)).toBeLessThan(40);
  });

  it('queues 100 chat messages of exactly 1 KB, and types 200 keystrokes', () => {
    const messages = chatQueue();
    expect(messages).toHaveLength(CHAT_MESSAGES);
    expect(new Set(messages.map((m) => m.length))).toEqual(new Set([CHAT_MESSAGE_CHARS]));
    expect(typedText()).toHaveLength(200);
  });

  it('keeps the chat quiet through its 100 messages, and its lure alone earns a banner', async () => {
    const pack = await shippedPack();
    const shown = [visibleText(new JSDOM(pages.chat!).window.document), ...chatQueue()].join('\n');
    expect(showsBanner(detect(shown, { hostname: '127.0.0.1' }, pack))).toBe(false);
    expect(showsBanner(detect(`${shown}\n${LURE_MESSAGE}`, { hostname: '127.0.0.1' }, pack))).toBe(true);
    expect(showsBanner(detect(LURE_MESSAGE, { hostname: '127.0.0.1' }, pack))).toBe(true);
  });
});
