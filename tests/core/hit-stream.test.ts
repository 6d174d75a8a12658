// A stream that grows chunk by chunk (a chat) keeps its concepts and clause pairs up to date incrementally and
// remembers the text signal of windows it scored: whatever the chunks, it must score exactly as one pass over the
// same text and hits does. (The hits themselves are per chunk: a phrase never spans two text nodes.)
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SEPARATOR } from '../../src/core/chunks.js';
import { detect, detectFromHits, scanText } from '../../src/core/detect.js';
import { clausePairs, conceptHits, ConceptIndex } from '../../src/core/features.js';
import { HitStream } from '../../src/core/hit-stream.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { BENIGN, LURES } from '../fixtures/scenarios.js';

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});

/** Splits a text into chunks at the given cut points (as a chat's messages arrive). */
function chunksOf(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const cut of at) {
    out.push(text.slice(from, cut));
    from = cut;
  }
  out.push(text.slice(from));
  return out.filter((chunk) => chunk.length > 0);
}

const texts = [...LURES.map((s) => s.text), ...BENIGN.map((s) => s.text)];

describe('HitStream', () => {
  it('scores exactly as one pass over the same text and hits, however the text is cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), (which, cuts) => {
        const chunks = chunksOf(texts[which]!, cuts);
        const stream = new HitStream(pack);
        for (const chunk of chunks) {
          stream.append(chunk);
          // Scored after every chunk, as the background does: the memo of earlier windows must never go stale.
          stream.detect({ sensitivity: 'high' });
        }
        const { text, hits } = stream.matched;
        expect(text).toBe(chunks.join(CHUNK_SEPARATOR));
        expect(stream.detect({ sensitivity: 'high' })).toEqual(detectFromHits(text, hits, { sensitivity: 'high' }, pack));
      }),
      { numRuns: 60 },
    );
  });

  it('finds what one pass over the whole text finds when no phrase is cut', () => {
    // Cut between messages of a chat written in English: every phrase lies inside one chunk.
    const chunks = LURES.filter((s) => !/\p{Script=Han}/u.test(s.text)).map((s) => s.text);
    const stream = new HitStream(pack);
    for (const chunk of chunks) stream.append(chunk);
    expect(stream.detect({})).toEqual(detect(chunks.join(CHUNK_SEPARATOR), {}, pack));
  });

  it('keeps the clause pairs of a growing text the same as a pass over all of it', () => {
    const text = LURES.map((s) => s.text).join(CHUNK_SEPARATOR);
    const index = new ConceptIndex();
    let sent = 0;
    const hits = scanText(text, pack).sort((a, b) => a.start - b.start);
    // Feed the hits in three parts, as three chunks would bring them.
    for (const end of [Math.floor(hits.length / 3), Math.floor((2 * hits.length) / 3), hits.length]) {
      index.add(text, hits.slice(sent, end), pack.rules, sent);
      sent = end;
    }
    const all = conceptHits(text, hits, pack.rules);
    expect(index.hits.map((h) => [h.rule, h.start])).toEqual(all.map((h) => [h.rule, h.start]));
    expect(index.pairs.map((p) => [p.pair, p.first, p.second])).toEqual(clausePairs(text, all).map((p) => [p.pair, p.first, p.second]));
  });
});
