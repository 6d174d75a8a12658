// @vitest-environment jsdom
// The page's text stream: chunks matched as they arrive, hits scored together, evidence mapped back to nodes.
import { beforeAll, describe, expect, it } from 'vitest';
import { extractVisibleText } from '../../src/content/extract.js';
import { TextStream } from '../../src/content/stream.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { LURES } from '../fixtures/scenarios.js';

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});

const paragraph = (text: string): HTMLElement => {
  const p = document.createElement('p');
  p.textContent = text;
  document.body.append(p);
  return p;
};

describe('TextStream', () => {
  it('detects a lure that arrives in pieces, as chat messages do', () => {
    document.body.replaceChildren();
    const stream = new TextStream(pack);
    const sentences = LURES[0]!.text.split('. ');
    stream.append(extractVisibleText(paragraph(sentences[0]!)));
    expect(stream.detect({ category: 'loan' }).severity).toMatch(/none|info/);
    for (const sentence of sentences.slice(1)) stream.append(extractVisibleText(paragraph(sentence)));
    const detection = stream.detect({ category: 'loan' });
    expect(detection.severity).toMatch(/caution|warning/);
    // Evidence offsets point into the stream, and from there to the very text nodes.
    for (const item of detection.evidence) {
      const from = stream.locate(item.start)!;
      const to = stream.locate(item.end)!;
      const range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      expect(range.toString()).toBe(item.quote);
    }
  });

  it('forgets everything on clear', () => {
    const stream = new TextStream(pack);
    stream.append(extractVisibleText(paragraph(LURES[0]!.text)));
    stream.clear();
    expect(stream.length).toBe(0);
    expect(stream.detect({}).rules).toEqual([]);
  });
});

describe('extractVisibleText', () => {
  it('reads visible text only, in open shadow roots too, never its own UI or editable regions', () => {
    document.body.innerHTML = `
      <p>visible one</p><p hidden>hidden attr</p><p style="display:none">display none</p>
      <div style="visibility:hidden"><span>invisible</span></div>
      <script>script text</script><style>.a{}</style><noscript>noscript</noscript><template>template</template>
      <div data-lurewatch="banner">our banner</div><div contenteditable="true">typed by the person</div>
      <textarea>draft</textarea><div id="host"></div><p>visible <b>two</b></p>`;
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>in shadow</span>';
    const text = extractVisibleText(document.body).text;
    expect(text).toContain('visible one');
    expect(text).toContain('in shadow');
    expect(text).toContain('visible two');
    for (const absent of ['hidden attr', 'display none', 'invisible', 'script text', 'noscript', 'template', 'our banner', 'typed by', 'draft']) {
      expect(text).not.toContain(absent);
    }
  });

  it('keeps blocks apart and caps what it reads', () => {
    document.body.innerHTML = '<div>loan</div><div>shark</div>';
    expect(extractVisibleText(document.body).text).toMatch(/loan\s+shark/);
    const capped = extractVisibleText(document.body, { maxChars: 3 });
    expect(capped.text).toBe('loa');
    expect(capped.truncated).toBe(true);
  });

  it('reads a changed subtree only where a full survey would: never inside a skipped element or an editor', () => {
    document.body.innerHTML = `<script>var a = 1;</script><div contenteditable="true"><p id="typed">typed text</p></div>
      <div id="mine" data-lurewatch="banner"><p id="inner">our words</p></div><div id="host"></div><p id="plain">plain words</p>`;
    const shadowHost = document.getElementById('host')!;
    shadowHost.setAttribute('hidden', '');
    const shadow = shadowHost.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="shadowed">behind a hidden host</p>';
    const read = (node: Node): string => extractVisibleText(node, { isHidden: () => false }).text;
    expect(read(document.querySelector('script')!)).toBe('');
    expect(read(document.querySelector('script')!.firstChild!)).toBe('');
    expect(read(document.getElementById('typed')!)).toBe('');
    expect(read(document.getElementById('typed')!.firstChild!)).toBe('');
    expect(read(document.getElementById('inner')!)).toBe('');
    expect(read(shadow.getElementById('shadowed')!)).toBe('');
    expect(read(document.getElementById('plain')!)).toBe('plain words');
  });

  it('reads a text node added on its own, as element.textContent = "..." adds one', () => {
    document.body.innerHTML = '<p id="message">old</p>';
    const message = document.getElementById('message')!;
    message.textContent = 'a new message';
    const read = extractVisibleText(message.firstChild!, { isHidden: () => false });
    expect(read.text).toBe('a new message');
    expect(read.segments).toEqual([{ node: message.firstChild, start: 0 }]);
  });

  it('walks deep nesting (2,000 levels: jsdom itself recurses past a few thousand)', () => {
    let parent: HTMLElement = document.body;
    document.body.replaceChildren();
    for (let i = 0; i < 2_000; i++) parent = parent.appendChild(document.createElement('div'));
    parent.textContent = 'deep text';
    // Style checks are the browser's business (checked end to end); here only the walk is under test.
    expect(extractVisibleText(document.body, { isHidden: () => false }).text).toContain('deep text');
  });
});
