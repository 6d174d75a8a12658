// Text generators for property tests: the scripts and tricks people (and attackers) put into pages.
import fc from 'fast-check';

const TRICKY = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', // zero-width and soft hyphen
  '\u0301', '\u0308', '\u20dd', // combining marks
  '\u202e', '\u202d', '\u200f', 'مرحبا', 'שלום', // right-to-left
  '😀', '👩‍👩‍👧', '🇨🇳', '\ud83d', '\ude00', // emoji, a ZWJ sequence, a flag, lone surrogates
  '𝐏𝐀𝐈𝐃', '𝔩𝔬𝔞𝔫', 'ｌｏａｎ', 'Ｐａｉｄ', 'ﬁ', '㎞', '①', // mathematical, full-width, ligature, compatibility
  'іnterest', 'рay', 'Σ', 'ß', 'İ', // Cyrillic and Greek look-alikes, special casing
  '貸款', '無息', '軍人', '退 役', // Traditional, spaced Chinese
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ufffe', '\uffff', // control and non-characters
  '\n', '\t', '  ', '\u3000', '\r\n', '-', '.', ',', '!', '$', '%', '0', '800', '1,000',
  'P A I D', 'a b', 'x',
];

export function adversarialText(fragments: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fragments) },
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom(' ', ' ', '\n') },
  );
  return fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
}
