// The features the fitted model reads: concepts by facet, clause pairs that tolerate words between their parts and
// either order, windows that gather the messages of a chat, and combinations that need both of their parts.
import { beforeAll, describe, expect, it } from 'vitest';
import { scanText } from '../../src/core/detect.js';
import {
  clausePairs,
  conceptHits,
  FEATURE_FACETS,
  FEATURE_NAMES,
  featuresOf,
  PAIRS,
  slideWindows,
  NO_CONTEXT,
  TEXT_SIGNAL_FEATURE,
  wholeSums,
  type ConceptHit,
  type WindowSums,
} from '../../src/core/features.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { FACETS, type Facet } from '../../src/core/rules/schema.js';

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});

const hitsOf = (text: string): ConceptHit[] => conceptHits(text, scanText(text, pack), pack.rules);
const pairNames = (text: string): string[] => {
  const hits = hitsOf(text);
  return [...new Set(clausePairs(text, hits).map((p) => PAIRS[p.pair]!.join('~')))];
};
const facetsOf = (text: string): Set<Facet> => new Set(hitsOf(text).map((h) => FACETS[h.facet]!));

describe('clause pairs', () => {
  it('find media near a sensitive place with words between, in either order', () => {
    expect(pairNames('could you grab a couple of quick photos, nothing fancy, of the submarine pier for me')).toContain('media~place');
    expect(pairNames('the submarine pier looks amazing at night, I would love a few photos')).toContain('media~place');
  });

  it('find the parts of a Chinese ask with other words between them', () => {
    expect(pairNames('你下次路过帮我把军港那边停着的船拍几张照片')).toContain('media~place');
  });

  it('do not reach across two sentences', () => {
    const text = 'I love the photos you post. We went hiking on Sunday! It rained all day. The harbour was grey.';
    expect(pairNames(text)).not.toContain('media~place');
  });

  it('do not pair parts that stand far apart', () => {
    const filler = ' and then we talked about football, the weather and what to cook for dinner on Friday'.repeat(3);
    expect(pairNames(`Send me the photos${filler} near the airfield`)).not.toContain('media~place');
  });
});

describe('concepts', () => {
  it('recognise obfuscated app names as a channel move', () => {
    expect(facetsOf('加我威信详谈')).toContain('channel');
    expect(facetsOf('msg me on tg, this app is glitchy')).toContain('channel');
  });

  it('count an amount written with a currency sign as pay', () => {
    expect(facetsOf('you get $45 for each one')).toContain('pay');
  });
});

describe('windows', () => {
  it('gather the messages of a chat: an ask in the last message meets the pay promised earlier', () => {
    const chat = [
      'Mia: hey, how was your weekend?',
      'Sam: good, went fishing',
      'Mia: nice! where do you work again?',
      'Sam: at the naval yard',
      'Mia: so cool. my cousin runs a travel blog and pays 40 dollars a picture',
      'Mia: could you take a couple of pictures of the dry dock for her?',
    ].join('\n');
    const hits = hitsOf(chat);
    const pairs = clausePairs(chat, hits);
    let sawBoth = false;
    slideWindows(hits, pairs, pack.rules.length, (view) => {
      const x = featuresOf(view.sums, NO_CONTEXT);
      if (x[FEATURE_NAMES.indexOf('x:ask*induce')]! > 0) sawBoth = true;
    });
    expect(sawBoth).toBe(true);
  });

  it('each window counts a rule once however often it fires', () => {
    const once = wholeSums(hitsOf('send photos'), []);
    const thrice = wholeSums(hitsOf('send photos, send photos, send photos'), []);
    expect(Array.from(thrice.facets)).toEqual(Array.from(once.facets));
  });
});

describe('feature definitions', () => {
  const empty = (): WindowSums => ({ facets: new Float64Array(FACETS.length), pairs: new Int32Array(PAIRS.length) });

  it('a combination needs both of its parts', () => {
    const sums = empty();
    sums.facets[FACETS.indexOf('pay')] = 3;
    const x = featuresOf(sums, NO_CONTEXT);
    expect(x[FEATURE_NAMES.indexOf('c:pay')]).toBe(1);
    expect(x[FEATURE_NAMES.indexOf('x:ask*induce')]).toBe(0);
    sums.pairs[PAIRS.findIndex(([a, b]) => a === 'media' && b === 'place')] = 1;
    expect(featuresOf(sums, NO_CONTEXT)[FEATURE_NAMES.indexOf('x:ask*induce')]).toBe(1);
  });

  it('count the text signal only where the window already holds the core of a lure', () => {
    const at = FEATURE_NAMES.indexOf(TEXT_SIGNAL_FEATURE);
    const sums = empty();
    sums.facets[FACETS.indexOf('romance')] = 3;
    expect(featuresOf(sums, NO_CONTEXT, 1)[at]).toBe(0);
    sums.pairs[PAIRS.findIndex(([a, b]) => a === 'media' && b === 'place')] = 1;
    expect(featuresOf(sums, NO_CONTEXT, 1)[at]).toBe(1);
    // A signal at even odds or below adds nothing.
    expect(featuresOf(sums, NO_CONTEXT, 0.5)[at]).toBe(0);
  });

  it('name the facets that explain each feature', () => {
    expect(FEATURE_FACETS[FEATURE_NAMES.indexOf('p:media~place')]).toEqual(['media', 'place']);
    expect(FEATURE_FACETS[FEATURE_NAMES.indexOf('x:jobbait*upfront')]).toEqual(['jobbait', 'upfront']);
    // Every feature but the text signal's points at concepts the banner can quote.
    FEATURE_NAMES.forEach((name, i) => {
      if (!name.startsWith('s:')) expect(FEATURE_FACETS[i]!.length, name).toBeGreaterThan(0);
    });
  });
});
