// A page's text goes to the background's matcher in port messages, which Chrome serialises as one string (JSON): if
// any character of the message is above U+00FF the whole message is two-byte, about four times dearer to send
// (measured in Chromium 156: 0.95 MB of English with a Chinese paragraph in ten took 10.5-14.8 ms to post as it is,
// 2.3-3.9 ms in messages each of one width; sent as structured clones, see scripts/lib/manifest.ts, the 1 MB
// benchmark page still took 5.2-6.0 ms as it is and 3.1-3.4 narrow). So a text with a few wide characters (a Chinese
// paragraph, a curly quote) is sent as a *narrow* copy, of the same length, in which every wide run is blanked, and
// the wide runs travel in a message of their own ("aside", see platform/types.ts), to be put back by the background.
//
// The narrow copy is joined from the page's own text nodes, which are one-byte strings whenever they can be: V8 never
// narrows a string, so a copy cut from the two-byte whole would be two-byte again. Which parts to blank is only an
// optimisation: a wide character left in the narrow copy costs speed, never correctness, because the background puts
// back exactly the spans it is told of, and nothing else.

/**
 * Any character that makes a string two-byte. On a one-byte string V8 answers at once, without scanning (a page's
 * text nodes mostly are), and on a two-byte one it stops at the first.
 */
const WIDE = /[^\x00-\xff]/;
/**
 * Below this many characters a text costs well under a millisecond to send either way, about what making its narrow
 * copy costs: none is made.
 */
export const NARROW_MIN_CHARS = 64 * 1024;
/**
 * Stands in for a blanked character in the narrow copy. Any one-byte character would do for the background, which
 * puts back exactly the spans it is told of; a Chrome that sends messages as JSON, though (before Chrome 148, which
 * takes the manifest's structured clone), writes a control character such as U+0000 as six ("\u0000"): a space is
 * one.
 */
const BLANK = ' ';

export interface NarrowText {
  /** The text with every span blanked: same length, one-byte where the page allowed it. */
  narrow: string;
  /** [start, end) pairs in the text, ascending, not touching: what was blanked. */
  spans: number[];
  /** The text of each span, in order: what goes aside. */
  wide: string[];
}

/**
 * The narrow copy of the text that `parts` make end to end (`length` characters in all), or null when there is
 * nothing to gain: a short text, one with no wide character, or one mostly wide (a Chinese page: sending it aside
 * would cost as much as sending it). Made from the parts alone, so that a page sending a narrow copy never joins its
 * whole text: on a 1 MB page that would be a 2 MB two-byte string, made only to be cut up again.
 */
export function narrowCopy(parts: readonly string[], length: number): NarrowText | null {
  if (length < NARROW_MIN_CHARS) return null;
  // Made at the first wide part: most texts have none, and then the loop only asks.
  let narrowParts: string[] | null = null;
  const spans: number[] = [];
  const wide: string[] = [];
  let at = 0;
  let wideLength = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    // The reader's line breaks are half of all parts: no need to ask about them.
    if (part !== '\n' && WIDE.test(part)) {
      narrowParts ??= parts.slice(0, k);
      // Parts are joined without separators of their own, so two wide parts in a row make one span.
      if (spans.length > 0 && spans[spans.length - 1] === at) {
        spans[spans.length - 1] = at + part.length;
        wide[wide.length - 1] += part;
      } else {
        spans.push(at, at + part.length);
        wide.push(part);
      }
      narrowParts.push(BLANK.repeat(part.length));
      wideLength += part.length;
      if (wideLength * 2 > length) return null;
    } else {
      narrowParts?.push(part);
    }
    at += part.length;
  }
  return narrowParts === null ? null : { narrow: narrowParts.join(''), spans, wide };
}

/**
 * Puts the wide spans back into chunks, on the background's side. `wide` holds [chunk, offset, length] triples in
 * ascending order, and `aside` their text, end to end. Null when they do not fit the chunks exactly: the message is
 * then refused as any malformed one is.
 */
export function restoreWide(chunks: readonly string[], wide: readonly number[], aside: string): string[] | null {
  if (wide.length % 3 !== 0) return null;
  const out = [...chunks];
  let read = 0;
  for (let i = 0; i < wide.length; ) {
    const chunk = wide[i]!;
    const text = chunks[chunk];
    if (!Number.isSafeInteger(chunk) || text === undefined) return null;
    // All the spans of one chunk, rebuilt in one join.
    const pieces: string[] = [];
    let at = 0;
    for (; i < wide.length && wide[i] === chunk; i += 3) {
      const offset = wide[i + 1]!;
      const length = wide[i + 2]!;
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || length <= 0 || offset < at || offset + length > text.length) return null;
      if (read + length > aside.length) return null;
      pieces.push(text.slice(at, offset), aside.slice(read, read + length));
      read += length;
      at = offset + length;
    }
    if (i < wide.length && wide[i]! <= chunk) return null; // chunks out of order
    pieces.push(text.slice(at));
    out[chunk] = pieces.join('');
  }
  return read === aside.length ? out : null;
}
