// The banner's text for a report (pure): language, family and severity, a frame's finding, the reporting line.
import { describe, expect, it } from 'vitest';
import { ADVICE, CASE_STORIES } from '../../src/core/advice.js';
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
      expect(content.title).toBe(BANNER_TEXT.titleWarningEspionage[lang]);
      expect(content.story).toBe(CASE_STORIES.xiao[lang]);
      expect(content.advice).toBe(ADVICE.espionage[lang]);
      expect(content.evidence).toEqual([{ label: FACET_LABELS.offer[lang], quote: 'paid well', context: 'we are paid well here' }]);
    }
  });

  it('titles fraud and caution findings as such, and tells no story when the finding resembles no case', () => {
    const content = bannerContent(report({ severity: 'caution', families: ['fraud'], resembles: null }), true, 'en', 'general', '');
    expect(content.severity).toBe('caution');
    expect(content.title).toBe(BANNER_TEXT.titleCautionFraud.en);
    expect(content.advice).toBe(ADVICE.fraud.en);
    expect(content.story).toBe('');
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
