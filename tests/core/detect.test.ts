// Combinations, not keywords: lures shaped like the disclosed cases raise a banner; look-alikes and awareness
// articles (the source article above all) do not.
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { detect, showsBanner, contextAround } from '../../src/core/detect.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { BENIGN, LURES } from '../fixtures/scenarios.js';

const SEED = new URL('../../../shared/seed/000_ecab0feff85f7f4d.txt', import.meta.url);
const seedPresent = existsSync(SEED);
if (!seedPresent) console.warn(`The source article is absent (${SEED.pathname}): its test is skipped, not passed.`);

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});

describe('lures', () => {
  it.each(LURES.map((s) => [s.name, s] as const))('%s raises a banner', (_name, scenario) => {
    const detection = detect(scenario.text, { category: scenario.category }, pack);
    expect(detection.severity, detection.rules.join(', ')).toMatch(/caution|warning/);
    expect(showsBanner(detection)).toBe(true);
    expect(detection.evidence.length).toBeGreaterThanOrEqual(1);
    expect(detection.evidence.length).toBeLessThanOrEqual(3);
    for (const item of detection.evidence) {
      // Evidence points at the original characters, as the person sees them.
      expect(scenario.text.slice(item.start, item.end)).toBe(item.quote);
      expect(item.context).toContain(item.quote.replace(/\s+/g, ' '));
    }
    expect(detection.story?.en).toBeTruthy();
    expect(detection.advice?.zh).toBeTruthy();
  });

  it('quotes a written amount whole: "USD 2,500 per report", not "500 per report" or "per report"', () => {
    const text = "We pay USD 2,500 per report on your unit's equipment. Keep it between us.";
    const evidence = detect(text, { category: 'recruitment' }, pack).evidence;
    const fee = evidence.find((item) => item.quote.includes('per report'));
    expect(fee?.quote).toBe('USD 2,500 per report');
    expect(text.slice(fee!.start, fee!.end)).toBe(fee!.quote);
  });

  it('names the case each lure resembles', () => {
    const resembles = (name: string): string | null => {
      const scenario = LURES.find((s) => s.name.startsWith(name))!;
      return detect(scenario.text, { category: scenario.category }, pack).resembles;
    };
    expect(resembles('Liu')).toBe('liu');
    expect(resembles('Zhang')).toBe('zhang');
    expect(resembles('overseas')).toBe('overseas');
  });

  it('marks overseas bait as fraud, not espionage', () => {
    const detection = detect(LURES.find((s) => s.name === 'overseas high-pay bait (zh)')!.text, {}, pack);
    expect(detection.families[0]).toBe('fraud');
  });

  it('respects families switched off', () => {
    const text = LURES.find((s) => s.name === 'overseas high-pay bait (en)')!.text;
    expect(detect(text, { families: { fraud: false } }, pack).families).not.toContain('fraud');
  });
});

describe('quiet on look-alikes', () => {
  it.each(BENIGN.map((s) => [s.name, s] as const))('%s stays without a banner', (_name, scenario) => {
    const detection = detect(scenario.text, { category: scenario.category }, pack);
    expect(showsBanner(detection), `${detection.severity} ${detection.rules.join(', ')}`).toBe(false);
  });

  it.skipIf(!seedPresent)('keeps the source article at info or below, at every sensitivity', () => {
    const article = readFileSync(SEED, 'utf8');
    for (const sensitivity of ['low', 'medium', 'high'] as const) {
      expect(detect(article, { sensitivity }, pack).severity).toMatch(/none|info/);
    }
  });

  it('never raises a banner for one keyword alone', () => {
    for (const word of ['interest-free loan', 'retired soldier', 'photos of the base', '无息贷款', '退役军人', '拍摄军港']) {
      expect(showsBanner(detect(word, { sensitivity: 'high' }, pack)), word).toBe(false);
    }
  });
});

describe('sensitivity and site category', () => {
  const scenario = LURES[0]!;
  it('orders thresholds: high flags at least what medium flags, medium at least what low flags', () => {
    const rank = (s: string): number => ['none', 'info', 'caution', 'warning'].indexOf(s);
    for (const lure of [...LURES, ...BENIGN]) {
      const [low, medium, high] = (['low', 'medium', 'high'] as const).map((sensitivity) =>
        rank(detect(lure.text, { sensitivity, category: lure.category }, pack).severity),
      );
      expect(low!).toBeLessThanOrEqual(medium!);
      expect(medium!).toBeLessThanOrEqual(high!);
    }
  });

  it('reports the kind of site, and weighs the same words the same on every site', () => {
    // The fitted model reads what was said, not where: a lure moved to a dating site is the same lure.
    const onLoanSite = detect(scenario.text, { hostname: 'www.lendingclub.com' }, pack);
    const onDatingSite = detect(scenario.text, { hostname: 'tinder.com' }, pack);
    expect(onLoanSite.category).toBe('loan');
    expect(onDatingSite.category).toBe('dating');
    expect(onLoanSite.score).toBe(onDatingSite.score);
  });

  it('takes the category from the text when the host is not listed', () => {
    expect(detect(scenario.text, { hostname: 'unknown.example' }, pack).category).toBe('loan');
  });
});

describe('evidence context', () => {
  it('cuts at white space and marks what was left out', () => {
    const text = `${'word '.repeat(40)}THE QUOTE${' more'.repeat(40)}`;
    const start = text.indexOf('THE QUOTE');
    const context = contextAround(text, start, start + 9);
    expect(context.startsWith('… word')).toBe(true);
    expect(context.endsWith('more …')).toBe(true);
    expect(context).toContain('THE QUOTE');
  });
});
