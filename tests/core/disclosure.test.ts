// "Think before you post": a disclosure about oneself earns a hint; mentions, job titles and past industries stay
// quiet; the site's category makes a CV on a job site or a post in a hobby group count for more.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDisclosure, HINT_SCORE, KIND_SAFER, MAX_FIELD_CHARS, SECTOR_RULES, type DisclosureHint } from '../../src/core/disclosure.js';
import { detect } from '../../src/core/detect.js';
import { SAFER_WORDING } from '../../src/core/generated/disclosure-texts.js';
import { shippedPack, type Pack } from '../../src/core/pack.js';
import type { SiteCategory } from '../../src/core/site.js';

let pack: Pack;
beforeAll(async () => {
  pack = await shippedPack();
});
const check = (text: string, category: SiteCategory = 'other'): DisclosureHint => checkDisclosure(text, { category }, pack);

describe('checkDisclosure', () => {
  it.each([
    ['I hold an active TS/SCI clearance and can start in May.', 'clearance'],
    ['I work on a classified project, so no pictures from work, sorry.', 'project'],
    ["I'm stationed at Fort Example with my battalion.", 'unit'],
    ['I work at Lockheed Martin as a test technician.', 'employer'],
    ['My badge gets me into the hangar, the new jets are amazing.', 'site'],
    ['我是涉密人员，出国要审批。', 'clearance'],
    ['我在中航工业上班，主要做总装。', 'employer'],
    ['我服役的部队是12345部队。', 'unit'],
    ['我在电科38所做结构设计。', 'institute'],
  ])('hints on %j, anywhere (%s)', (text, kind) => {
    const hint = check(text);
    expect(hint.level).toBe('hint');
    expect(hint.kind).toBe(kind);
    expect(hint.score).toBeGreaterThanOrEqual(HINT_SCORE);
    expect(text.slice(hint.evidence!.start, hint.evidence!.end)).toBe(hint.evidence!.quote);
    expect(hint.why!.en.length).toBeGreaterThan(20);
    expect(hint.safer!.zh).toMatch(/\p{Script=Han}/u);
  });

  it.each([
    'I am a senior software engineer.',
    'I work in manufacturing, mostly on the night shift.',
    'I used to work in aerospace manufacturing, now I bake bread.',
    'How long does a security clearance take to come through?',
    'Our unit tests run on every commit.',
    'Clearance sale this weekend only!',
    '我是一名软件工程师。',
    '以前在制造业干过几年。',
    '',
    '   ',
  ])('stays quiet on the ordinary mention %j, on any kind of site', (text) => {
    for (const category of ['other', 'social', 'recruitment', 'dating', 'loan'] as const) {
      expect(check(text, category).level, category).toBe('none');
    }
  });

  it.each(["Lockheed Martin's new jet is over budget again, says the paper.", '中国商飞的新飞机今天首飞了。'])(
    'stays quiet on news naming a company %j, except on a job site (where a name alone reads as a CV line)',
    (text) => {
      for (const category of ['other', 'social', 'dating', 'loan'] as const) expect(check(text, category).level, category).toBe('none');
      expect(check(text, 'recruitment').level).toBe('hint');
    },
  );

  it('is stronger where one describes oneself: a CV line on a job site, a chat line in a hobby group', () => {
    // A named employer alone is a CV line on a job site, but only a mention elsewhere.
    expect(check('Quality inspector, AVIC, 2012-2020', 'recruitment').level).toBe('hint');
    expect(check('Quality inspector, AVIC, 2012-2020', 'other').level).toBe('none');
    // The aviation worker's case: telling a hobby group where you work.
    expect(check('我在航空工业上班，平时就爱玩航模。', 'social').level).toBe('hint');
    expect(check('我在航空工业上班，平时就爱玩航模。', 'other').level).toBe('none');
    expect(check('I work at a defence contractor, so I know a bit about these.', 'social').level).toBe('hint');
    expect(check('I work at a defence contractor, so I know a bit about these.', 'other').level).toBe('none');
  });

  it('names only rule ids, counts each rule once, and prefers the strongest signal', () => {
    const hint = check('Lockheed, Lockheed, Lockheed. I hold a TS/SCI clearance.');
    expect(hint.rules).toEqual(['disclose-employer-defence-en', 'disclose-clearance-en', 'target-security-clearance-en']);
    expect(hint.score).toBe(2 + 3 + 1);
    expect(hint.kind).toBe('clearance');
    expect(hint.safer).toEqual(SAFER_WORDING['disclose-clearance-en']);
    expect(JSON.stringify(hint.rules)).not.toMatch(/Lockheed/);
  });

  it('suggests the generic wording of the sector when a sector mention is the strongest signal', () => {
    const hint = check('I work for a defence contractor near Bristol.', 'recruitment');
    expect(hint.kind).toBe('employer');
    expect(hint.safer).toEqual(KIND_SAFER.employer);
  });

  it('reads a field only up to its cap', () => {
    const text = `${'x '.repeat(MAX_FIELD_CHARS / 2)} I hold an active TS/SCI clearance.`;
    expect(check(text).level).toBe('none');
  });

  it('borrows only sector rules that exist in the pack, all of them target rules', () => {
    for (const id of Object.keys(SECTOR_RULES)) {
      const rule = pack.rules.find((r) => r.id === id);
      expect(rule?.facet, id).toBe('target');
    }
  });
});

describe('the lure scorer', () => {
  it('ignores the disclosure rules: a finding never names them', () => {
    const text = 'I hold an active TS/SCI clearance. My badge gets me into the hangar. I work at Lockheed Martin.';
    const detection = detect(text, {}, pack);
    expect(detection.rules.some((id) => id.startsWith('disclose-'))).toBe(false);
    expect(detection.rules).toContain('target-security-clearance-en');
  });
});
