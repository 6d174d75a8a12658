// The whole detection path under random Unicode: lure sentences cut up and mixed with surrogates (lone and paired),
// combining marks, right-to-left text, emoji, control characters and look-alikes. Whatever a page holds, detect()
// never throws, returns a well-formed detection, and every piece of evidence points at the page's own characters.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { detect, showsBanner } from '../../src/core/detect.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { SENSITIVITIES } from '../../src/core/severity.js';
import { adversarialText } from '../helpers/arbitraries.js';
import { LURES } from '../fixtures/scenarios.js';

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});

/** Pieces of the test lures (words and short runs of Chinese), so random text often carries real signals. */
const FRAGMENTS = [
  ...new Set(LURES.flatMap((s) => s.text.split(/(?<=[\s，。,.])/u)).map((piece) => piece.trim()).filter((piece) => piece.length > 0)),
].slice(0, 400);

const SEVERITIES = ['none', 'info', 'caution', 'warning'];

/** A whole test lure with random Unicode spliced in at random places (sometimes inside its words). */
const spliced = fc
  .tuple(fc.constantFrom(...LURES.map((s) => s.text)), fc.array(fc.tuple(fc.nat(), adversarialText(['—'])), { maxLength: 6 }))
  .map(([lure, inserts]) => {
    let text = lure;
    for (const [at, piece] of inserts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(i);
    }
    return text;
  });

describe('detect() on random Unicode', () => {
  it('never throws, and its evidence always quotes the original text at its offsets', () => {
    let withEvidence = 0;
    fc.assert(
      fc.property(fc.oneof(adversarialText(FRAGMENTS), spliced), fc.constantFrom(...SENSITIVITIES), (text, sensitivity) => {
        const d = detect(text, { sensitivity }, pack);
        expect(SEVERITIES).toContain(d.severity);
        expect(Number.isFinite(d.score)).toBe(true);
        expect(d.evidence.length).toBeLessThanOrEqual(3);
        if (showsBanner(d)) expect(d.evidence.length).toBeGreaterThan(0);
        if (d.evidence.length > 0) withEvidence++;
        for (const item of d.evidence) {
          expect(item.start).toBeGreaterThanOrEqual(0);
          expect(item.end).toBeGreaterThan(item.start);
          expect(item.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(item.start, item.end)).toBe(item.quote);
          expect(item.context.length).toBeLessThan(400);
        }
      }),
      { numRuns: 400 },
    );
    // The offsets check above means something only if random text often carries evidence.
    expect(withEvidence).toBeGreaterThan(100); // about half, measured
  });

  it('gives the same verdict when random noise surrounds a lure, far from it', () => {
    const lure = LURES[0]!.text;
    const base = detect(lure, {}, pack);
    fc.assert(
      fc.property(adversarialText(['—']), (noise) => {
        // Noise separated by paragraph breaks cannot join the lure's words, so the lure is still found.
        const d = detect(`${noise}\n\n${lure}\n\n${noise}`, {}, pack);
        expect(showsBanner(d)).toBe(showsBanner(base));
      }),
      { numRuns: 200 },
    );
  });
});
