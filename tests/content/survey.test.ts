// @vitest-environment jsdom
// The first survey of a page, read in slices: the same text and offsets as one read in one go, and changes that
// arrive while it walks are read exactly once (ahead of the walk by the walk, behind it after it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/service.js';
import { extractVisibleText, VisibleTextReader, type ExtractedText, type ExtractOptions } from '../../src/content/extract.js';
import { startPage } from '../../src/content/page.js';
import { TextStream } from '../../src/content/stream.js';
import { FakeBrowser } from '../helpers/fake-platform.js';

/** A page with what the walk treats specially: inline runs, blocks, line breaks, hidden parts, shadow roots. */
function buildPage(blocks: number): void {
  document.body.replaceChildren();
  for (let i = 0; i < blocks; i++) {
    const div = document.createElement('div');
    div.innerHTML = `<p>Block ${i} <b>bold ${i}</b> and <a href="#">link</a></p><span>line</span><br><span>after break ${i}</span>`;
    if (i % 7 === 0) div.innerHTML += '<p hidden>hidden text</p><script>var x = 1;</script>';
    if (i % 11 === 0) {
      const host = document.createElement('section');
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = `<p>shadow ${i} <em>inner</em></p><div>second shadow block</div>`;
      div.append(host, 'tail text');
    }
    document.body.append(div);
  }
}

/** Reads in the smallest slices the reader takes (it asks every 64 nodes), counting them. */
function readSliced(root: Node, options: ExtractOptions = {}): { result: ExtractedText; slices: number } {
  const reader = new VisibleTextReader(root, options);
  let slices = 1;
  while (!reader.read(() => false)) slices++;
  return { result: reader.result(), slices };
}

const same = (a: ExtractedText, b: ExtractedText): void => {
  expect(a.text).toBe(b.text);
  expect(a.truncated).toBe(b.truncated);
  expect(a.starts).toEqual(b.starts);
  expect(a.nodes.length).toBe(b.nodes.length);
  a.nodes.forEach((node, i) => expect(node).toBe(b.nodes[i]));
};

describe('VisibleTextReader', () => {
  it('read in many slices gives the one-shot text, offsets and shadow roots', () => {
    buildPage(300);
    const seenOnce: ShadowRoot[] = [];
    const seenSliced: ShadowRoot[] = [];
    const once = extractVisibleText(document.body, { onShadowRoot: (root) => seenOnce.push(root) });
    const { result, slices } = readSliced(document.body, { onShadowRoot: (root) => seenSliced.push(root) });
    expect(slices).toBeGreaterThan(20);
    expect(once.text).toContain('shadow 11 inner');
    expect(once.text).not.toContain('hidden text');
    same(result, once);
    expect(seenSliced).toEqual(seenOnce);
  });

  it('stops at the same character cap', () => {
    buildPage(200);
    const once = extractVisibleText(document.body, { maxChars: 3000 });
    expect(once.truncated).toBe(true);
    same(readSliced(document.body, { maxChars: 3000 }).result, once);
  });

  it('reads what is added ahead of the walk, and says which changes it has passed', () => {
    buildPage(100);
    const reader = new VisibleTextReader(document.body);
    expect(reader.read(() => false)).toBe(false);
    const behind = document.createElement('p');
    behind.textContent = 'added behind the walk';
    document.body.prepend(behind);
    const ahead = document.createElement('p');
    ahead.textContent = 'added ahead of the walk';
    document.body.append(ahead);
    const shadowText = document.querySelector('section')!.shadowRoot!.querySelector('p')!.firstChild!;
    expect(reader.hasPassed(behind)).toBe(true);
    expect(reader.hasPassed(shadowText)).toBe(true); // the first shadow root is in the first slice
    expect(reader.hasPassed(ahead)).toBe(false);
    expect(reader.hasPassed(document.body)).toBe(false); // holds the walk: not passed
    while (!reader.read(() => false));
    const text = reader.result().text;
    expect(text).toContain('added ahead of the walk');
    expect(text).not.toContain('added behind the walk');
    expect(reader.lost).toBe(false);
    expect(reader.hasPassed(ahead)).toBe(true);
  });

  it('with a narrow copy, gives its length and spans without joining the text, and the text when asked', () => {
    document.body.replaceChildren();
    const english = 'Plain English words, all of them one byte. '.repeat(40);
    for (let i = 0; i < 50; i++) {
      const p = document.createElement('p');
      p.textContent = i % 10 === 9 ? '中文的段落，一个宽的字符串。' : english;
      document.body.append(p);
    }
    const plainRead = extractVisibleText(document.body);
    const join = vi.spyOn(Array.prototype, 'join');
    const narrowRead = extractVisibleText(document.body, { narrow: true });
    const wholeJoins = join.mock.results.filter((r) => typeof r.value === 'string' && r.value.length === narrowRead.length).length;
    join.mockRestore();
    expect(narrowRead.narrow).not.toBeNull();
    expect(wholeJoins, 'only the narrow copy is joined').toBe(1);
    expect(narrowRead.length).toBe(plainRead.text.length);
    expect(narrowRead.narrow!.wide).toEqual(Array(5).fill('中文的段落，一个宽的字符串。'));
    same(narrowRead, plainRead);
  });

  it('says it is lost when the node it stood on left the page', () => {
    buildPage(100);
    const reader = new VisibleTextReader(document.body);
    reader.read(() => false);
    document.body.replaceChildren();
    expect(reader.read(() => true)).toBe(true);
    expect(reader.lost).toBe(true);
  });
});

describe('the page survey with changes during it', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    vi.restoreAllMocks();
  });

  it('reads a change behind the walk once, after it, and one ahead once, with it', async () => {
    buildPage(600);
    const appended: string[] = [];
    const append = TextStream.prototype.append;
    vi.spyOn(TextStream.prototype, 'append').mockImplementation(function (this: TextStream, chunk: ExtractedText) {
      appended.push(chunk.text);
      append.call(this, chunk);
    });
    const clear = TextStream.prototype.clear;
    vi.spyOn(TextStream.prototype, 'clear').mockImplementation(function (this: TextStream) {
      appended.length = 0; // what the stream holds now: only what follows
      clear.call(this);
    });
    // Change the page once, right after the survey's first slice.
    const read = VisibleTextReader.prototype.read;
    let changed = false;
    let slices = 0;
    vi.spyOn(VisibleTextReader.prototype, 'read').mockImplementation(function (this: VisibleTextReader, goOn) {
      const done = read.call(this, goOn);
      if (!done) slices++;
      if (!done && !changed && this.result().text.length > 100) {
        changed = true;
        const behind = document.createElement('p');
        behind.textContent = 'Zebra marker behind';
        document.body.prepend(behind);
        const ahead = document.createElement('p');
        ahead.textContent = 'Quokka marker ahead';
        document.body.append(ahead);
        // An edit of text the walk has read already: read again after it, as every edit is.
        const firstText = document.querySelectorAll('div > p')[0]!.firstChild as Text;
        firstText.data = 'Block zero, edited';
      }
      return done;
    });
    const browser = new FakeBrowser({ language: 'en-US' });
    startBackground(browser.platform({ kind: 'extension' }));
    stop = await startPage(browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href }), window, document, {
      openShadow: true,
      testHooks: true,
    });
    expect(changed).toBe(true);
    expect(slices).toBeGreaterThan(1);
    // The watcher reads what the walk had passed 64 ms after the change, once the survey is in.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const all = appended.join('\n');
    const count = (needle: string): number => all.split(needle).length - 1;
    expect(count('Quokka marker ahead')).toBe(1);
    expect(count('Zebra marker behind')).toBe(1);
    expect(count('Block zero, edited')).toBe(1);
    // The survey came first as one chunk, with the change ahead in it; the ones behind followed it.
    expect(appended[0]).toContain('Quokka marker ahead');
    expect(appended[0]).not.toContain('Zebra marker behind');
  });
});
