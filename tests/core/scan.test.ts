// scanPhrases folds and matches in one loop, repeating foldInto's logic on a small ring instead of a text-sized
// buffer. It must report exactly what folding the whole text with foldInto and running findMatches over it
// reports, hit for hit, including every position.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFolded, foldInto, originalEnd } from '../../src/core/fold/fold.js';
import { findMatches } from '../../src/core/match/automaton.js';
import { scanPhrases, type PhraseHit } from '../../src/core/match/scan.js';
import { CLASS_SHIFT, IDEOGRAPH, LETTER, SCRIPT_MASK, UNIT_MASK } from '../../src/core/match/scan-table.js';
import { DIGIT, EXPAND, SPACE } from '../../src/core/fold/table.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { freshPack } from '../helpers/packs.js';
import { adversarialText } from '../helpers/arbitraries.js';

let pack: Pack;
let fragments: string[];
beforeAll(async () => {
  pack = await shippedPack();
  const { built } = await freshPack();
  // Phrases as the rules spell them (unfolded), so folding has work to do on the way to a match.
  fragments = [...new Set(built.patterns.map((p) => p.phrase.replace(/[()|*]/g, ' ')))];
});

/** The two-pass reference: fold everything, then match, then map positions back. */
function twoPass(text: string): PhraseHit[] {
  const folded = foldInto(text, pack.fold, createFolded(text.length + 16));
  const hits: PhraseHit[] = [];
  findMatches(pack.automaton, folded.units, folded.length, (pattern, start, end) => {
    hits.push({
      rule: pack.automaton.patternRule[pattern]!,
      pattern,
      foldedStart: start,
      foldedEnd: end,
      start: folded.map[start]!,
      end: originalEnd(text, folded, end - 1, pack.fold),
    });
  });
  return hits;
}

describe('scanPhrases', () => {
  it.each([
    ['letter-spaced words', 'Make P A I D offers: C A S H in hand, W E C H A T us'],
    ['a letter-spaced word at the very end', 'send money via w e c h a t'],
    ['spaced and Traditional Chinese', '高 薪 招 聘 退 役 軍 人，日結800元，加微信'],
    ['numbers, marks and zero-width characters', 'earn $5,000 we\u200bekly, no expe\u0301rience'],
    ['expansions and astral letters', 'ﬁnd 𝐏𝐀𝐈𝐃 work, 5㎞ from home 😀'],
    ['an empty text', ''],
    // The fast path keeps separators between words of two units or more; single letters go the general way.
    ['separators between words, and single letters', 'I am a paid agent, a b c. O K? x y z  --  loan (no) r e p o r t'],
    ['runs of separators with zero-width characters', 'interest\u200b,\u00ad free . . .\n\n loan;\u200bfree'],
    ['punctuation between ideographs', '高薪，招聘。退役军人！日结 800元，“加微信”、 拍照'],
    ['scripts changing at separators', '高薪 job，招聘 a 退役 military 军人 x 拍'],
  ])('agrees with fold + match on %s', (_name, text) => {
    expect(scanPhrases(text, pack)).toEqual(twoPass(text));
  });

  it('agrees with fold + match on adversarial text', () => {
    fc.assert(
      fc.property(adversarialText(fragments), (text) => {
        expect(scanPhrases(text, pack)).toEqual(twoPass(text));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with fold + match on letter-spaced phrases', () => {
    // Joining "P A I D" removes spaces after they were written: the one edit folding makes after the fact.
    // English phrases with their last word spaced out ("interest free l o a n": spacing out two neighbouring
    // words would run them together), between ordinary words.
    const spaced = fragments
      .map((phrase) => phrase.trim())
      .filter((phrase) => /^[a-z ]*[a-z]{2,}$/i.test(phrase))
      .slice(0, 300)
      .map((phrase) => phrase.replace(/[a-z]+$/i, (word) => [...word].join(' ')));
    const text = spaced.join(' and ');
    const hits = scanPhrases(text, pack);
    expect(hits.length).toBeGreaterThan(50);
    expect(hits).toEqual(twoPass(text));
  });

  it('agrees with fold + match on prose: words, single letters and separators of every kind', () => {
    const words = [...new Set(fragments.flatMap((f) => f.split(/\s+/)).filter((w) => w !== ''))];
    const separator = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\n\n', ' (', '，', '。', '、', ' - ', '\u200b', ' \u0301', '\u00ad ');
    const word = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...words) },
      { weight: 2, arbitrary: fc.constantFrom('a', 'I', 'x', '高', 'O', 'k', '0', '800') },
      { weight: 1, arbitrary: fc.constantFrom('ﬁnd', 'ＰＡＩＤ', '軍人', 'іnterest', 'e\u0301', '😀') },
    );
    const prose = fc.array(fc.tuple(word, separator), { maxLength: 60 }).map((pairs) => pairs.flat().join(''));
    fc.assert(
      fc.property(prose, (text) => {
        expect(scanPhrases(text, pack)).toEqual(twoPass(text));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with fold + match on text longer than its ring', () => {
    // Matches straddle the ring's wrap-around many times over.
    const text = fragments.slice(0, 400).join(' 。 ');
    const hits = scanPhrases(text, pack);
    expect(hits.length).toBeGreaterThan(100);
    expect(hits).toEqual(twoPass(text));
  });
});

describe('the scan table', () => {
  it('holds, for every code unit, its folded unit, its script and its class', () => {
    const { scan, fold, automaton } = pack;
    for (let c = 0; c < 0x10000; c++) {
      const f = fold.units[c]!;
      const entry = scan[c]!;
      expect(entry & UNIT_MASK).toBe(f);
      expect(entry >>> CLASS_SHIFT).toBe(f === EXPAND ? 0 : automaton.classOf[f]);
      // Ideographs as the general path and foldInto tell them (isHanUnit's ranges).
      const han = (f >= 0x3400 && f <= 0x9fff) || (f >= 0xf900 && f <= 0xfaff);
      const script = f <= SPACE || f === DIGIT || f === EXPAND ? 0 : han ? IDEOGRAPH : LETTER;
      if ((entry & SCRIPT_MASK) !== script) expect({ c, script: entry & SCRIPT_MASK }).toEqual({ c, script });
    }
  });

  it('has the bit positions scan.ts spells out as literals', () => {
    expect({ LETTER, IDEOGRAPH, SCRIPT_MASK, CLASS_SHIFT }).toEqual({ LETTER: 0x10000, IDEOGRAPH: 0x20000, SCRIPT_MASK: 0x30000, CLASS_SHIFT: 18 });
  });
});
