// The "This page" findings: severity, the case the page resembles, each piece of evidence with its facet and the
// rule's one-line explanation, and where to report. Every string from the page goes in through textContent.
import { caseOf, CASE_HEADINGS, CASE_STORIES, reportingLine, type Family } from '../core/advice.js';
import { RULE_TEXTS } from '../core/generated/rule-texts.js';
import { showsBanner } from '../core/severity.js';
import type { PageReport } from '../messages.js';
import type { Settings } from '../settings/schema.js';
import { FACET_LABELS } from '../content/banner-text.js';
import type { Texts } from './language.js';
import type { MessageKey } from './message-keys.js';
import type { PageState } from './page-state.js';

const QUIET_KEYS: Record<NonNullable<PageReport['quietBecause']>, MessageKey> = {
  disabled: 'popupQuietDisabled',
  snoozed: 'popupQuietSnoozed',
  site: 'popupQuietSite',
  scope: 'popupQuietScope',
  dismissed: 'popupQuietDismissed',
  'false-alarm': 'popupQuietFalseAlarm',
};

export function renderFindings(container: HTMLElement, page: PageState, settings: Settings, texts: Texts): void {
  const doc = container.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  if (page.kind === 'loading') {
    container.replaceChildren();
    container.dataset.state = 'loading';
    return;
  }
  if (page.kind === 'unsupported') {
    container.replaceChildren(el('p', 'empty', texts.t('popupNotChecked')));
    container.dataset.state = 'unsupported';
    return;
  }
  const report = page.report;
  // "info" is below what earns a banner: weak or awareness-only signals are not worth a person's attention here.
  if (!report || !showsBanner(report)) {
    container.replaceChildren(el('p', 'empty', texts.t('popupNothingFound')));
    container.dataset.state = 'nothing';
    return;
  }

  const severity = report.severity === 'warning' ? 'warning' : 'caution';
  const family: Family = report.families[0] ?? 'espionage';
  const headline = el('p', 'headline');
  headline.append(
    el('span', 'chip', texts.t(severity === 'warning' ? 'popupSeverityWarning' : 'popupSeverityCaution')),
    // The banner's own heading: what the finding looks like, in words nobody misreads.
    el('span', 'headline-text', CASE_HEADINGS[caseOf(report.resembles, family)][severity][texts.lang]),
  );
  const parts: HTMLElement[] = [headline];
  if (report.quietBecause) parts.push(el('p', 'quiet', texts.t(QUIET_KEYS[report.quietBecause])));

  if (report.evidence.length > 0) {
    parts.push(el('h3', '', texts.t('popupEvidenceHeading')));
    const list = el('ul', 'evidence');
    for (const item of report.evidence) {
      const entry = el('li', '');
      entry.dataset.rule = item.rule;
      const quoteLine = el('p', 'quote-line');
      quoteLine.append(el('span', 'facet', FACET_LABELS[item.facet][texts.lang]), el('q', 'quote', item.quote));
      entry.append(quoteLine);
      const explanation = RULE_TEXTS[item.rule]?.[texts.lang];
      if (explanation) entry.append(el('p', 'explain', explanation));
      list.append(entry);
    }
    parts.push(list);
  }
  if (report.resembles) {
    parts.push(el('h3', '', texts.t('popupStoryHeading')), el('p', 'story', CASE_STORIES[report.resembles][texts.lang]));
  }
  parts.push(el('h3', '', texts.t('popupReportHeading')), el('p', 'report', reportingLine(family, settings.reportChannel, texts.lang)));

  const finding = el('div', 'finding');
  finding.dataset.severity = severity;
  finding.append(...parts);
  container.replaceChildren(finding);
  container.dataset.state = severity;
}
