// The fitted model: it matches the features this build computes, it is exactly what `npm run train` fits from the
// examples (so nobody sets a weight by hand), and its fit keeps the signs that make it explainable.
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { devWorkPart, ownExamples, SHARED_CORPUS } from '../../src/cli/labelled.js';
import { renderModel } from '../../src/core/compile/model-render.js';
import { signOf, train } from '../../src/core/compile/training.js';
import { fitLogistic } from '../../src/core/compile/fit.js';
import { FEATURE_NAMES } from '../../src/core/features.js';
import { MODEL } from '../../src/core/generated/model.js';
import { checkedModel } from '../../src/core/model.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { decodeTextSignal } from '../../src/core/text-signal.js';

const shared = existsSync(`${SHARED_CORPUS}lures_dev_en.jsonl`);
if (!shared) console.warn(`The shared dev files are absent (${SHARED_CORPUS}): the refit test is skipped, not passed.`);

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});

describe('the shipped model', () => {
  it('was fitted for the features this build computes', () => {
    expect(MODEL.features).toEqual(FEATURE_NAMES);
    expect(() => checkedModel()).not.toThrow();
    expect(() => checkedModel({ ...MODEL, features: [...MODEL.features].reverse() })).toThrow(/npm run train/);
  });

  it('keeps evidence against a lure negative and combinations positive', () => {
    for (const family of ['espionage', 'fraud'] as const) {
      MODEL.families[family].weights.forEach((w, i) => {
        const sign = signOf(FEATURE_NAMES[i]!);
        if (sign === 'negative') expect(w, FEATURE_NAMES[i]).toBeLessThanOrEqual(0);
        if (sign === 'positive') expect(w, FEATURE_NAMES[i]).toBeGreaterThanOrEqual(0);
      });
      const cuts = MODEL.cuts[family];
      expect(cuts.loose).toBeLessThanOrEqual(cuts.medium);
      expect(cuts.medium).toBeLessThanOrEqual(cuts.strict);
    }
  });

  it('carries a text signal of one byte per bucket, within the 1 MB budget', () => {
    const signal = decodeTextSignal(MODEL.text);
    expect(signal.weights.length).toBe(1 << MODEL.text.bits);
    expect(MODEL.text.weights.length).toBeLessThan(1_000_000);
  });

  it.skipIf(!shared)(
    'is what refitting on the examples and the worked-from part of the shared dev files gives',
    () => {
      const committed = readFileSync(new URL('../../src/core/generated/model.ts', import.meta.url), 'utf8');
      const texts = [...ownExamples(), ...devWorkPart()!];
      const { model } = train(texts, pack);
      // The header names the data; the numbers must agree exactly (they are rounded to four decimals).
      const body = (source: string): string => source.slice(source.indexOf('import'));
      expect(body(renderModel(model, ''))).toBe(body(committed));
    },
    600_000,
  );
});

describe('the fit', () => {
  it('is deterministic and honours the signs it is given', () => {
    const samples = Array.from({ length: 200 }, (_, i) => {
      const x = Float64Array.from([i % 2, (i >> 1) % 2, (i * 7) % 3 === 0 ? 1 : 0]);
      // y follows the first feature; the second is noise; the third is against.
      const y = (x[0]! === 1 && x[2]! === 0 ? 1 : 0) as 0 | 1;
      return { x, y, weight: 1 };
    });
    const options = { lambda: 0.1, signs: ['positive', 'any', 'positive'] as const };
    const a = fitLogistic(samples, { ...options, signs: [...options.signs] });
    const b = fitLogistic(samples, { ...options, signs: [...options.signs] });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.weights[0]).toBeGreaterThan(1);
    // The third feature says "not a lure", but it may only be positive: the fit leaves it at zero.
    expect(a.weights[2]).toBe(0);
    const free = fitLogistic(samples, { lambda: 0.1, signs: ['positive', 'any', 'any'] });
    expect(free.weights[2]).toBeLessThan(0);
  });
});
