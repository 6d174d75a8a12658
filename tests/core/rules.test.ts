// The rule pack: every file meets the schema, every rule fires on its examples and stays quiet on its
// look-alikes, and the pack covers every facet in both languages.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/core/compile/pack-build.js';
import { scanPhrases } from '../../src/core/match/scan.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import { LANGS, RULE_FACETS, validateRuleFile } from '../../src/core/rules/schema.js';

const loaded = loadRuleFiles();
let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});

const firedRules = (text: string): Set<string> => new Set(scanPhrases(text, pack).map((hit) => pack.rules[hit.rule]!.id));

describe('rule files', () => {
  it('meet the schema, with unique ids', () => {
    expect(loaded.problems).toEqual([]);
    expect(loaded.rules.length).toBeGreaterThan(0);
  });

  it('cover every facet, lure and disclosure, in English and Chinese', () => {
    for (const lang of LANGS) {
      for (const facet of RULE_FACETS) {
        expect(loaded.rules.some((r) => r.lang === lang && r.facet === facet), `${facet} in ${lang}`).toBe(true);
      }
    }
  });

  it('are what the shipped pack was compiled from', () => {
    expect(pack.rules.map((r) => r.id)).toEqual(loaded.rules.map((r) => r.id));
  });

  it('report problems by file and rule', () => {
    const bad = { about: 'x', rules: [{ id: 'Bad Id', facet: 'nope', lang: 'en', weight: 5, phrases: ['A(b'], explain: { en: 'x', zh: 'y' }, source: 'case:xiao', examples: { match: [], nomatch: [] } }] };
    const problems = validateRuleFile(bad, 'en/bad.json');
    for (const expected of [/id must be kebab-case/, /facet must be one of/, /weight must be 1, 2 or 3/, /lower case/, /explain.zh must be written in Chinese/, /examples.match needs/]) {
      expect(problems.some((p) => expected.test(p) && p.startsWith('en/bad.json: rule Bad Id: ')), String(expected)).toBe(true);
    }
    expect(validateRuleFile([], 'x.json')).toEqual(['x.json: not a JSON object with "about" and "rules"']);
  });

  it('require a safer wording on disclosure rules that name something, and only there', () => {
    const rule = { id: 'disclose-x-en', facet: 'disclose-employer', lang: 'en', weight: 2, phrases: ['acme'], explain: { en: 'x', zh: '中' }, source: 'case:wang', examples: { match: ['acme'], nomatch: ['b'] } };
    expect(validateRuleFile({ about: 'x', rules: [rule] }, 'd.json')).toEqual([
      'd.json: rule disclose-x-en: a disclosure rule needs "safer": { "en", "zh" }, the generic wording the hint suggests',
    ]);
    expect(validateRuleFile({ about: 'x', rules: [{ ...rule, safer: { en: 'a company', zh: '一家企业' } }] }, 'd.json')).toEqual([]);
    expect(validateRuleFile({ about: 'x', rules: [{ ...rule, safer: { en: 'a company', zh: 'a company' } }] }, 'd.json')).toEqual([
      'd.json: rule disclose-x-en: safer.zh must be written in Chinese',
    ]);
    const self = { ...rule, id: 'disclose-y-en', facet: 'disclose-self', safer: { en: 'a', zh: '一' } };
    expect(validateRuleFile({ about: 'x', rules: [self] }, 'd.json')).toEqual(['d.json: rule disclose-y-en: only disclosure rules that name something carry "safer"']);
  });
});

describe.each(loaded.rules.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  it.each(rule.examples.match)('fires on %j', (text) => {
    expect(firedRules(text).has(id)).toBe(true);
  });
  it.each(rule.examples.nomatch)('stays quiet on %j', (text) => {
    expect(firedRules(text).has(id)).toBe(false);
  });
});
