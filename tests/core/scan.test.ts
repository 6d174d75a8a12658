// scanPhrases folds and matches in one loop, repeating foldInto's logic on a small ring instead of a text-sized
// buffer. It must report exactly what folding the whole text with foldInto and running findMatches over it
// reports, hit for hit, including every position.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFolded, foldInto, originalEnd } from '../../src/core/fold/fold.js';
import { findMatches } from '../../src/core/match/automaton.js';
import { scanPhrases, type PhraseHit } from '../../src/core/match/scan.js';
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

  it('agrees with fold + match on text longer than its ring', () => {
    // Matches straddle the ring's wrap-around many times over.
    const text = fragments.slice(0, 400).join(' 。 ');
    const hits = scanPhrases(text, pack);
    expect(hits.length).toBeGreaterThan(100);
    expect(hits).toEqual(twoPass(text));
  });
});
