// The banner's text for a report (pure): language, family and severity, a frame's finding, the reporting line.
import { describe, expect, it } from 'vitest';
import { ADVICE, CASE_HEADINGS, CASE_STORIES, adviceFor } from '../../src/core/advice.js';
import type { PageReport } from '../../src/messages.js';
import { BANNER_TEXT, FACET_LABELS } from '../../src/content/banner-text.js';
import { bannerContent } from '../../src/content/top-banner.js';

const report = (over: Partial<PageReport> = {}): PageReport => ({
  host: 'example.com',
  category: 'recruitment',
  severity: 'warning',
  score: 9,
  families: ['espionage'],
  resembles: 'xiao',
  evidence: [{ rule: 'r1', facet: 'offer', quote: 'paid well', context: 'we are paid well here' }],
  rules: ['r1'],
  quietBecause: null,
  ...over,
});

describe('bannerContent', () => {
  it('speaks the language asked for, with the story of the case the finding resembles', () => {
    for (const lang of ['en', 'zh'] as const) {
      const content = bannerContent(report(), true, lang, 'general', '');
      expect(content.lang).toBe(lang);
      expect(content.title).toBe(CASE_HEADINGS.xiao.warning[lang]);
      expect(content.story).toBe(CASE_STORIES.xiao[lang]);
      expect(content.advice).toBe(ADVICE.espionage[lang]);
      expect(content.evidence).toEqual([{ label: FACET_LABELS.offer[lang], quote: 'paid well', context: 'we are paid well here' }]);
    }
  });

  it('titles fraud and caution findings as such, and tells no story when the finding resembles no case', () => {
    const content = bannerContent(report({ severity: 'caution', families: ['fraud'], resembles: null }), true, 'en', 'general', '');
    expect(content.severity).toBe('caution');
    expect(content.title).toBe(CASE_HEADINGS.scam.caution.en);
    expect(content.advice).toBe(ADVICE.fraud.en);
    expect(content.story).toBe('');
  });

  it('names the family in the heading, so that an espionage approach on a dating page is not read as a job offer', () => {
    const approach = bannerContent(report({ resembles: 'liu', category: 'dating' }), true, 'en', 'general', '');
    expect(approach.title).toBe('This looks like an approach used to get information about your work or the places near you');
    expect(approach.title).not.toMatch(/recruit/i);
    const zh = bannerContent(report({ resembles: 'liu', category: 'dating' }), true, 'zh', 'general', '');
    expect(zh.title).toMatch(/套取/);
  });

  it('gives each fraud family its own heading and advice, and the anti-fraud line for Chinese readers', () => {
    const kinds = ['overseas', 'task', 'loanfee', 'invest', 'service', 'jobscam'] as const;
    const titles = new Set<string>();
    for (const kind of kinds) {
      const content = bannerContent(report({ families: ['fraud'], resembles: kind }), true, 'zh', 'auto', '');
      titles.add(content.title);
      expect(content.title).toBe(CASE_HEADINGS[kind].warning.zh);
      expect(content.advice).toBe(adviceFor(kind, 'fraud').zh);
      expect(content.report).toMatch(/96110/);
    }
    expect(titles.size).toBe(kinds.length);
    expect(bannerContent(report({ families: ['fraud'], resembles: 'task' }), true, 'en', 'general', '').report).toMatch(/fraud/i);
  });

  it('never tells a fraud story under an espionage heading', () => {
    // A report whose family and case disagree (a stale finding) falls back to the family's general pattern.
    const content = bannerContent(report({ families: ['fraud'], resembles: 'liu' }), true, 'en', 'general', '');
    expect(content.title).toBe(CASE_HEADINGS.scam.warning.en);
  });

  it("says when the finding is a frame's, which the page cannot point at", () => {
    const own = bannerContent(report(), true, 'en', 'general', '');
    const frame = bannerContent(report(), false, 'en', 'general', '');
    expect(own.canShow).toBe(true);
    expect(frame.canShow).toBe(false);
    expect(frame.labels.noticed).toBe(`${BANNER_TEXT.noticed.en} ${BANNER_TEXT.fromFrame.en}`);
  });

  it('picks the reporting line by the Chinese of the evidence when the channel is automatic, and carries the notice', () => {
    const english = bannerContent(report(), true, 'en', 'auto', 'not saved');
    const chinese = bannerContent(report({ evidence: [{ rule: 'r1', facet: 'offer', quote: '高薪兼职', context: '高薪兼职' }] }), true, 'en', 'auto', '');
    expect(english.report).not.toBe(chinese.report);
    expect(chinese.report).toMatch(/12339/);
    expect(english.notice).toBe('not saved');
  });
});
