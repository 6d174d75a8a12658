// The narrow copy of a page's text (the wide runs blanked, to travel aside) and putting the runs back on the
// background's side: whatever the text, the background ends with exactly what the page read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NARROW_MIN_CHARS, narrowCopy, restoreWide } from '../../src/narrow-text.js';

const WIDE = /[^\x00-\xff]/;
const long = (part: string): string => part.repeat(Math.ceil(NARROW_MIN_CHARS / part.length));

/** The triples and aside that one whole chunk's narrow copy travels with. */
const travel = (text: string, spans: number[]): { wide: number[]; aside: string } => {
  const wide: number[] = [];
  let aside = '';
  for (let i = 0; i < spans.length; i += 2) {
    wide.push(0, spans[i]!, spans[i + 1]! - spans[i]!);
    aside += text.slice(spans[i], spans[i + 1]);
  }
  return { wide, aside };
};

describe('narrowCopy', () => {
  it('makes none for a short text, a text without wide characters, or a mostly wide one', () => {
    expect(narrowCopy(['short “text”'], 'short “text”'.length)).toBeNull();
    const english = long('plain words, café and naïve: all of them one byte. ');
    expect(narrowCopy([english], english.length)).toBeNull();
    const parts = [long('中文的段落'), '\n', 'a little English'];
    expect(narrowCopy(parts, parts.join('').length)).toBeNull();
  });

  it('blanks the wide parts, a run of them as one span, and keeps the length', () => {
    const english = long('An English paragraph. ');
    const parts = [english, '\n', '中文段落', '“quoted”', '\n', english];
    const text = parts.join('');
    const copy = narrowCopy(parts, text.length)!;
    expect(copy.narrow).toHaveLength(text.length);
    expect(WIDE.test(copy.narrow)).toBe(false);
    const start = english.length + 1;
    expect(copy.spans).toEqual([start, start + '中文段落“quoted”'.length]);
    expect(copy.wide).toEqual(['中文段落“quoted”']);
    // Chrome sends messages as JSON: the blanks must not be characters it escapes.
    const blanked = copy.narrow.slice(copy.spans[0], copy.spans[1]);
    expect(JSON.stringify(blanked)).toHaveLength(blanked.length + 2);
    expect(copy.narrow.slice(0, start)).toBe(text.slice(0, start));
    const { wide, aside } = travel(text, copy.spans);
    expect(restoreWide([copy.narrow], wide, aside)).toEqual([text]);
  });

  it('round-trips any mixture of parts: the narrow copy plus what goes aside is the text', () => {
    const part = fc.oneof(
      fc.constantFrom('\n', ' ', 'Some English words, and more of them. ', 'é', '“', '”', '中文', '😀', '\ud800', 'a\u0301'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 40 }), (sample) => {
        // Enough English around the sample that a copy is worth making.
        const parts = [long('filler words. '), ...sample, long('more filler. ')];
        const text = parts.join('');
        const copy = narrowCopy(parts, text.length);
        if (!copy) return;
        expect(copy.narrow).toHaveLength(text.length);
        expect(WIDE.test(copy.narrow)).toBe(false);
        const { wide, aside } = travel(text, copy.spans);
        expect(copy.wide.join('')).toBe(aside);
        expect(restoreWide([copy.narrow], wide, aside)).toEqual([text]);
      }),
    );
  });
});

describe('restoreWide', () => {
  it('puts spans back into the chunks named, leaving the others alone', () => {
    expect(restoreWide(['a\0\0b', 'xyz', '\0c'], [0, 1, 2, 2, 0, 1], '中文😀'.slice(0, 3))).toEqual(['a中文b', 'xyz', '😀'.slice(0, 1) + 'c']);
    expect(restoreWide(['plain'], [], '')).toEqual(['plain']);
  });

  it.each([
    ['a triple cut short', [0, 1], 'x'],
    ['a chunk that is not there', [2, 0, 1], 'x'],
    ['a span past the end of its chunk', [0, 3, 2], 'xy'],
    ['an empty span', [0, 1, 0], ''],
    ['overlapping spans', [0, 0, 2, 0, 1, 1], 'xyz'],
    ['chunks out of order', [1, 0, 1, 0, 0, 1], 'xy'],
    ['an aside longer than the spans', [0, 0, 1], 'xy'],
    ['an aside shorter than the spans', [0, 0, 2], 'x'],
    ['a fractional offset', [0, 0.5, 1], 'x'],
  ])('refuses %s', (_, wide, aside) => {
    expect(restoreWide(['\0\0\0\0', '\0\0'], wide, aside)).toBeNull();
  });
});
