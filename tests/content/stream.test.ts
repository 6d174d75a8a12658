// @vitest-environment jsdom
// The page's text stream on both ends: the frame keeps the map from stream offsets to text nodes and sends the
// text; the background's HitStream matches the same chunks. Evidence it finds must land on the very nodes.
import { beforeAll, describe, expect, it } from 'vitest';
import { extractVisibleText, type ExtractedText } from '../../src/content/extract.js';
import fc from 'fast-check';
import { TextStream, type Pending } from '../../src/content/stream.js';
import { NARROW_MIN_CHARS, narrowCopy, restoreWide } from '../../src/narrow-text.js';
import { HitStream } from '../../src/core/hit-stream.js';
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

/** Sends what the frame has not sent yet to the matcher's stream, as page.ts does through the background. */
/** A chunk as the reader gives one without a narrow copy. */
const plain = (text: string): ExtractedText => ({ text, length: text.length, nodes: [], starts: [], truncated: false });

const send = (frame: TextStream, matcher: HitStream): void => {
  expect(matcher.length).toBe(frame.sentLength);
  for (const chunk of frame.takePending().chunks) matcher.append(chunk);
  expect(matcher.length).toBe(frame.length);
};

describe('TextStream and HitStream', () => {
  it('detect a lure that arrives in pieces, as chat messages do, and map the evidence back to its nodes', () => {
    document.body.replaceChildren();
    const frame = new TextStream();
    const matcher = new HitStream(pack);
    const sentences = LURES[0]!.text.split('. ');
    frame.append(extractVisibleText(paragraph(sentences[0]!)));
    send(frame, matcher);
    expect(matcher.detect({ category: 'loan' }).severity).toMatch(/none|info/);
    // Several messages between two sends go out together.
    for (const sentence of sentences.slice(1)) frame.append(extractVisibleText(paragraph(sentence)));
    expect(frame.hasPending).toBe(true);
    send(frame, matcher);
    expect(frame.hasPending).toBe(false);
    const detection = matcher.detect({ category: 'loan' });
    expect(detection.severity).toMatch(/caution|warning/);
    for (const item of detection.evidence) {
      const from = frame.locate(item.start)!;
      const to = frame.locate(item.end)!;
      const range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      expect(range.toString()).toBe(item.quote);
    }
  });

  it('agree on lengths when a chunk is empty', () => {
    const frame = new TextStream();
    const matcher = new HitStream(pack);
    frame.append(plain('first'));
    frame.append(plain(''));
    frame.append(plain('second'));
    send(frame, matcher);
    expect(frame.length).toBe('first\nsecond'.length);
  });

  it('hands a long chunk over in parts of a given size, counting each part as sent', () => {
    const frame = new TextStream();
    frame.append(plain('a'.repeat(10)));
    frame.append(plain('b'.repeat(25)));
    frame.append(plain('c'.repeat(3)));
    const parts: Pending[] = [];
    for (;;) {
      const part = frame.takePending(12);
      parts.push(part);
      // What the background holds after this part: whole chunks joined by the separator, and the part begun.
      const joined = parts.reduce((text, p, i) => text + (i > 0 && !parts[i - 1]!.open ? '\n' : '') + p.chunks.join('\n'), '');
      expect(frame.sentLength).toBe(joined.length);
      expect(frame.isOpen).toBe(part.open);
      if (!frame.hasPending) break;
    }
    expect(parts.map((p) => [p.chunks.map((c) => c.length), p.open])).toEqual([
      [[10, 2], true],
      [[12], true],
      [[11, 1], true],
      [[2], false],
    ]);
    expect(frame.sentLength).toBe(frame.length);
  });

  it('sends narrow copies in parts of any size, and the background, putting the wide spans back, holds the text', () => {
    const english = 'Plain English words, all of one byte. '.repeat(Math.ceil(NARROW_MIN_CHARS / 30));
    const chunkOf = (parts: string[]) => {
      const text = parts.join('');
      return { text, length: text.length, nodes: [], starts: [], truncated: false, narrow: narrowCopy(parts, text.length) };
    };
    const chunks = [
      chunkOf([english, '\n', '中文的段落。', '\n', english.slice(0, 500), '“quoted”', english]),
      chunkOf(['a small chunk, sent as it is: “no copy”']),
      chunkOf(['😀 at the start', english, '\n', 'and é at the end ½']),
    ];
    expect(chunks.map((c) => c.narrow !== null)).toEqual([true, false, true]);
    const whole = new TextStream();
    for (const chunk of chunks) whole.append(chunk);
    const once = whole.takePending();
    // In one message: the two copies narrow, the small chunk as it is, and the spans of the first and last aside.
    expect(once.chunks.map((c) => /[^\x00-\xff]/.test(c))).toEqual([false, true, false]);
    expect(new Set(once.wide.filter((_, i) => i % 3 === 0))).toEqual(new Set([0, 2]));
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 3 * english.length }), (limit) => {
        const frame = new TextStream();
        for (const chunk of chunks) frame.append(chunk);
        // The background's side (messages.ts, then background/matching.ts): restore, then join a cut chunk's parts.
        const held: string[] = [];
        let partial: string | null = null;
        while (frame.hasPending) {
          const part = frame.takePending(limit);
          expect(part.chunks.join('').length).toBeLessThanOrEqual(limit);
          const restored = [...restoreWide(part.chunks, part.wide, part.aside)!];
          if (partial !== null) restored[0] = partial + restored[0]!;
          partial = part.open ? restored.pop()! : null;
          held.push(...restored);
        }
        expect(partial).toBeNull();
        expect(held).toEqual(chunks.map((c) => c.text));
        expect(frame.sentLength).toBe(frame.length);
      }),
      { numRuns: 40 },
    );
  });

  it('forgets everything on clear, and says where no node is', () => {
    document.body.replaceChildren();
    const frame = new TextStream();
    const p = paragraph(LURES[0]!.text);
    frame.append(extractVisibleText(p));
    expect(frame.locate(3)?.node).toBe(p.firstChild);
    p.remove();
    expect(frame.locate(3)).toBeNull(); // the node left the page
    frame.clear();
    expect(frame.length).toBe(0);
    expect(frame.sentLength).toBe(0);
    expect(frame.hasPending).toBe(false);
    expect(frame.locate(0)).toBeNull();
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
    expect(read.nodes).toEqual([message.firstChild]);
    expect(read.starts).toEqual([0]);
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
