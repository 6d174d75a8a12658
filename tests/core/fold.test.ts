// Folding: what it normalizes, and that every folded unit maps back to the character a person sees.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFolded, foldInto, foldText, originalEnd } from '../../src/core/fold/fold.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { adversarialText } from '../helpers/arbitraries.js';

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});
const fold = (text: string): string => foldText(text, pack.fold).text;

describe('fold', () => {
  it.each([
    ['case and white space', 'Interest-Free\n\n  LOAN', 'interest free loan'],
    ['full-width forms', 'ｉｎｔｅｒｅｓｔ　ｆｒｅｅ', 'interest free'],
    ['zero-width characters and soft hyphens', 'in\u200bte\u00adrest\u2060 free', 'interest free'],
    ['accents and combining marks', 'ínte\u0301rest fréé', 'interest free'],
    ['Cyrillic and Greek look-alikes', 'іntеrеst frее lоаn ΡΑΥ', 'interest free loan pay'],
    ['mathematical letters', '𝐏𝐀𝐈𝐃 𝔩𝔬𝔞𝔫', 'paid loan'],
    ['letter-spaced words', 'P A I D in C-A-S-H', 'paid in cash'],
    ['single letters stay apart from words', 'a loan I am', 'a loan i am'],
    ['spaced-out Chinese', '退 役 军 人', '退役军人'],
    ['Traditional to Simplified', '無息貸款, 退役軍人', '无息贷款退役军人'],
    ['digits: any number reads as one 0', 'pay 800 dollars, ８００元', 'pay 0 dollars 0 元'],
    ['a space between Chinese and Latin or digits', '日结800元加QQ', '日结 0 元加 qq'],
    ['ligatures and compatibility forms', 'ﬁnd us 5㎞ away', 'find us 0km away'],
    ['emoji and symbols separate words', 'loan😀now★fast', 'loan now fast'],
  ])('folds %s', (_name, input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('maps every folded unit back to the character it came from', () => {
    const input = 'Ｐ A I D — 無息 貸款 ﬁne 😀 𝐏';
    const { text, map } = foldText(input, pack.fold);
    expect(text).toBe('paid 无息贷款 fine p');
    expect(input[map[0]!]).toBe('Ｐ');
    expect(input[map[3]!]).toBe('D');
    expect(input[map[text.indexOf('贷')]!]).toBe('貸');
    expect(map[text.indexOf('fine')]).toBe(map[text.indexOf('fine') + 1]); // both from the ligature
    expect(input.slice(map[text.length - 1]!, map[text.length - 1]! + 2)).toBe('𝐏');
  });

  it('extends an evidence end over a whole number and trailing marks', () => {
    const input = 'earn 1,500\u0301 now';
    const folded = foldInto(input, pack.fold, createFolded());
    const zero = Array.from(folded.units.subarray(0, folded.length)).indexOf(0x30);
    expect(input.slice(folded.map[zero]!, originalEnd(input, folded, zero, pack.fold))).toBe('1');
    expect(fold(input)).toBe('earn 0 0 now'); // the comma separates: "1,500" reads as two numbers
  });

  it('never throws and keeps the map valid on any text', () => {
    fc.assert(
      fc.property(adversarialText(['loan', '贷款', 'photos of the base']), (input) => {
        const folded = foldInto(input, pack.fold, createFolded(4));
        let previous = 0;
        for (let j = 0; j < folded.length; j++) {
          const at = folded.map[j]!;
          expect(at).toBeGreaterThanOrEqual(previous);
          expect(at).toBeLessThan(input.length);
          previous = at;
          const end = originalEnd(input, folded, j, pack.fold);
          expect(end).toBeGreaterThan(at);
          expect(end).toBeLessThanOrEqual(input.length);
        }
        // Folding is idempotent: folded text folds to itself.
        const once = foldText(input, pack.fold).text;
        expect(foldText(once, pack.fold).text).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('grows its buffers for long text and reuses them', () => {
    const out = createFolded(8);
    const long = 'interest free loan '.repeat(1000);
    expect(foldInto(long, pack.fold, out).length).toBe(long.length - 1);
    expect(foldInto('short', pack.fold, out).length).toBe(5);
  });
});
