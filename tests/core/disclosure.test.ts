// "Think before you post": a current, specific disclosure about oneself earns a hint on every kind of site; past,
// vague, public or third-person mentions stay quiet. The hint quotes what was named and suggests generic wording.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDisclosure, checkedDisclosureModel, KIND_SAFER, MAX_FIELD_CHARS, type DisclosureHint } from '../../src/core/disclosure.js';
import { DISCLOSURE_FEATURES, kindOfRule, readDisclosure } from '../../src/core/disclosure-features.js';
import { detect } from '../../src/core/detect.js';
import { DISCLOSURE_MODEL } from '../../src/core/generated/disclosure-model.js';
import { scanPhrases } from '../../src/core/match/scan.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import type { SiteCategory } from '../../src/core/site.js';

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});
const check = (text: string, category: SiteCategory = 'other'): DisclosureHint => checkDisclosure(text, { category }, pack);
const SITES: readonly SiteCategory[] = ['other', 'social', 'recruitment', 'dating'];

describe('checkDisclosure', () => {
  it.each([
    ['I hold an active TS/SCI clearance and can start in May.', 'clearance'],
    ["I'm stationed at Fort Example with my battalion until the spring rotation.", 'unit'],
    ['Deploying with the 41st Signal Battalion next Tuesday, back in six months.', 'unit'],
    ['我是涉密人员，出国要审批。', 'clearance'],
    ['我在电科38所做结构设计，目前负责雷达天线罩。', 'institute'],
    ['下周一我们连又去驻训，三个月，地点不能说。', 'unit'],
  ])('hints on %j, on every kind of site (%s)', (text, kind) => {
    for (const category of SITES) {
      const hint = check(text, category);
      expect(hint.level, category).toBe('hint');
      expect(hint.kind).toBe(kind);
      expect(text.slice(hint.evidence!.start, hint.evidence!.end)).toBe(hint.evidence!.quote);
      expect(hint.why!.en.length).toBeGreaterThan(20);
      expect(hint.safer!.zh).toMatch(/\p{Script=Han}/u);
    }
  });

  it.each([
    'I am a senior software engineer.',
    'I work in manufacturing, mostly on the night shift.',
    'Served in the army years ago, now I teach chemistry.',
    'How long does a security clearance take to come through?',
    'Our unit tests run on every commit.',
    'Clearance sale this weekend only!',
    'My grandad worked at the shipyard his whole life.',
    'Now hiring: avionics technicians, Secret clearance required, apply through our careers page.',
    '我是一名软件工程师。',
    '以前在制造业干过几年，现在开网店。',
    '表哥在部队，过年又回不来了。',
    '',
    '   ',
  ])('stays quiet on the ordinary mention %j, on any kind of site', (text) => {
    for (const category of SITES) expect(check(text, category).level, category).toBe('none');
  });

  it.each([
    'Crew chief, 317th FS, on the flight line at Example Field. Home till March.',
    '西北某基地｜搞发动机试车的｜工作涉密勿问',
    '空军某场站修飞机的，周三下午有空',
  ])('hints on a short bio line that names its writer\'s post without a pronoun: %j', (text) => {
    for (const category of SITES) expect(check(text, category).level, category).toBe('hint');
  });

  it.each([
    'Officials said on Tuesday the 41st Signal Battalion will deploy to the region next month.',
    '第十二条 县级以上人民政府应当做好驻地部队军人家属的优待工作。',
    'In article <jdoe@nswc.navy.mil> jdoe writes: the paint on that model is the wrong grey.',
  ])('stays quiet on the same kinds of names in the news, a law or an address: %j', (text) => {
    for (const category of SITES) expect(check(text, category).level, category).toBe('none');
  });

  it('needs "I", "my" or 我 to make a name the writer\'s own in a long text', () => {
    const essay = `${'The debate about the border went on for weeks in every newspaper. '.repeat(8)}How do we explain the troops of the 3rd Battalion on the border, when we cannot explain the budget? ${'Nobody had an answer. '.repeat(4)}`;
    expect(essay.length).toBeGreaterThan(400);
    expect(check(essay, 'social').level).toBe('none');
    const own = `${'The debate about the border went on for weeks in every newspaper. '.repeat(8)}I'm stationed with the 3rd Battalion on the border until spring.`;
    expect(check(own, 'social').level).toBe('hint');
  });

  it('names only rule ids and quotes the strongest named thing', () => {
    const hint = check('Lockheed, Lockheed, Lockheed. I hold an active TS/SCI clearance.');
    expect(hint.level).toBe('hint');
    expect(hint.kind).toBe('clearance');
    expect(new Set(hint.rules).size).toBe(hint.rules.length);
    expect(JSON.stringify(hint.rules)).not.toMatch(/Lockheed/);
    expect(hint.evidence!.quote).toMatch(/TS\/SCI clearance/);
  });

  it('suggests the generic wording of the kind when the named thing has none of its own', () => {
    const rule = pack.rules.find((r) => r.facet === 'target' && kindOfRule(r) === 'employer')!;
    expect(rule).toBeDefined();
    expect(KIND_SAFER.employer.en.length).toBeGreaterThan(5);
  });

  it('reads a field only up to its cap', () => {
    const text = `${'x '.repeat(MAX_FIELD_CHARS / 2)} I hold an active TS/SCI clearance.`;
    expect(check(text).level).toBe('none');
  });

  it('counts the framing a few words away from what it frames', () => {
    const at = (name: string): number => DISCLOSURE_FEATURES.indexOf(name);
    const near = 'I have been working, on and off nights, at the submarine hall of the naval yard.';
    const features = readDisclosure(near, scanPhrases(near, pack), pack.rules, 'other').features;
    expect(features[at('k:any')]).toBeGreaterThan(0);
    expect(features[at('p:self')]).toBe(1);
    const past = readDisclosure('Years ago I served with the 3rd Battalion.', scanPhrases('Years ago I served with the 3rd Battalion.', pack), pack.rules, 'other').features;
    expect(past[at('p:past')]).toBe(1);
  });
});

describe('the disclosure model', () => {
  it('was fitted for the features this build computes, and refuses others', () => {
    expect(DISCLOSURE_MODEL.features).toEqual(DISCLOSURE_FEATURES);
    expect(() => checkedDisclosureModel()).not.toThrow();
    expect(() => checkedDisclosureModel({ ...DISCLOSURE_MODEL, features: DISCLOSURE_MODEL.features.slice(1) })).toThrow(/npm run train/);
  });

  it('weighs framing that says "not mine, not now" only against a hint', () => {
    DISCLOSURE_FEATURES.forEach((name, i) => {
      if (/past|other|hiring|question/.test(name)) expect(DISCLOSURE_MODEL.weights[i], name).toBeLessThanOrEqual(0);
    });
  });
});

describe('the lure scorer', () => {
  it('ignores the disclosure rules: a finding never names them', () => {
    const text = 'I hold an active TS/SCI clearance. My badge gets me into the hangar. I work at Lockheed Martin.';
    const detection = detect(text, {}, pack);
    expect(detection.rules.some((id) => id.startsWith('disclose-'))).toBe(false);
  });
});
