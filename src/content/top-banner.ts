// The top frame's banner for the page's strongest finding: its content, putting it back a bounded number of times
// when the page removes it, and what its buttons do. Apart from the page controller (page.ts), made when a banner is
// first wanted: a quiet page, most pages, never compiles it (a function's first call parses its whole body, closures
// and all), and page.ts keeps to reading and sending the text.
import { adviceFor, caseOf, CASE_HEADINGS, CASE_STORIES, reportingLine, type Family, type ReportChannel } from '../core/advice.js';
import type { PageReport } from '../messages.js';
import { Banner, type BannerContent } from './banner.js';
import { BANNER_TEXT, FACET_LABELS } from './banner-text.js';
import type { PageChoices } from './choices.js';
import { clearHighlight } from './highlight.js';
import type { ReportPanelContent } from './report-panel.js';
import { REPORT_TEXT } from './report-text.js';

/** A page that keeps removing the banner gets it back this many times, then we stop: no fight loop. */
export const MAX_REINSERTS = 3;
const HAN = /\p{Script=Han}/u;

/** What the banner needs from the page controller. */
export interface TopBannerHost {
  readonly doc: Document;
  readonly openShadow: boolean;
  readonly choices: PageChoices;
  language(): 'en' | 'zh';
  host(): string;
  pageKey(): string;
  stopped(): boolean;
  /** Tells the background; rejects when it could not act (a failed storage write). */
  request(message: unknown): Promise<unknown>;
  /** Scores the page again (after a dismissal). */
  evaluate(): void;
  /** Decides again, once the person's choices are read, whether and what the banner shows. */
  redraw(): void;
  /** Marks this frame's own evidence in the page. */
  showEvidence(): void;
}

export class TopBanner {
  private readonly banner: Banner;
  /** What the banner shows now: re-rendering the same content would only drop the person's keyboard focus. */
  private rendered = '';
  private reinserts = 0;
  private counted = false;
  /** A line the banner adds when one of its own actions could not be saved (until the page changes). */
  private notice = '';
  /**
   * "Was this wrong?" was clicked: the banner shows its report panel until the person closes it, whatever the page
   * does meanwhile (the false-alarm mark itself would otherwise take the banner away under their cursor).
   */
  private reporting = false;

  constructor(private readonly page: TopBannerHost) {
    this.banner = new Banner(page.doc, page.openShadow);
  }

  /** Shows (or keeps showing) the banner for this finding; `own` when it is this frame's, not a child frame's. */
  show(report: PageReport, own: boolean): void {
    if (this.reporting) return;
    const { banner, page } = this;
    const settings = page.choices.current;
    const content = bannerContent(report, own, page.language(), settings.reportChannel, this.notice);
    const fingerprint = JSON.stringify([content, settings.position, report.score]);
    if (banner.shown && fingerprint === this.rendered) return;
    if (banner.element && !banner.shown) {
      // The page removed the banner: put it back a bounded number of times.
      if (this.reinserts >= MAX_REINSERTS) return;
      this.reinserts++;
    }
    this.rendered = fingerprint;
    banner.render(content, settings.position, {
      show: () => page.showEvidence(),
      dismiss: () => {
        page.choices.dismiss(report.score);
        this.hide();
        send(page, { type: 'dismiss', page: page.pageKey(), score: report.score });
        page.evaluate();
      },
      notOnSite: () => {
        this.hide();
        // Hidden at once; if the choice could not be saved, the banner comes back saying so, rather than the
        // site silently lighting up again on the next page.
        const change = { kind: 'site', host: page.host(), disabled: true } as const;
        const storing = page.request({ type: 'settings-change', change });
        // In effect here at once: a change to the page before the background has stored it keeps the banner away.
        page.choices.change(change, storing);
        storing.catch(() => {
          if (page.stopped()) return;
          this.notice = BANNER_TEXT.notSaved[page.language()];
          banner.reattach(); // we took it away ourselves: not a page fighting the banner
          page.redraw();
        });
      },
      settings: () => send(page, { type: 'open-settings' }),
      wrong: () => {
        // Marked at once, like a dismissal (the page's hash and the score, with the flag); the report is copied
        // or not, as the person likes: nothing of it is kept or sent.
        page.choices.dismiss(report.score, true);
        send(page, { type: 'dismiss', page: page.pageKey(), score: report.score, wrong: true });
        this.reporting = true;
        clearHighlight(page.doc);
        banner.showReport(reportPanelContent(report, page.language()), page.language(), {
          close: () => {
            this.reporting = false;
            this.hide();
            page.evaluate();
          },
        });
      },
    });
    if (!this.counted) {
      this.counted = true;
      send(page, { type: 'banner-shown' });
    }
  }

  /**
   * No banner for now (the finding weakened, or the person's choices keep it away), and no highlight. An open report
   * panel stays until the person closes it, unless `force` (LureWatch is stopping on this page).
   */
  hide(force = false): void {
    if (this.reporting && !force) return;
    this.reporting = false;
    this.banner.remove();
    clearHighlight(this.page.doc);
    this.rendered = '';
  }

  /** A single-page app moved to a new address: a new page for the weekly count and for re-insertion. */
  newPage(): void {
    this.notice = '';
    this.counted = false;
    this.reinserts = 0;
  }
}

/** Fire and forget: counts and dismissals whose loss costs the person nothing they would notice. */
function send(page: TopBannerHost, message: unknown): void {
  page.request(message).catch(() => undefined);
}

/** The banner's text for a report, in the person's language. Pure. */
export function bannerContent(report: PageReport, own: boolean, language: 'en' | 'zh', channel: ReportChannel, notice: string): BannerContent {
  const family: Family = report.families[0] ?? 'espionage';
  const severity = report.severity === 'warning' ? 'warning' : 'caution';
  // The heading names what the finding looks like ("a task scam", "an approach used to get information about your
  // work"), from the case it resembles; a report without one gets its family's general pattern.
  const story = caseOf(report.resembles, family);
  const t = (key: keyof typeof BANNER_TEXT): string => BANNER_TEXT[key][language];
  return {
    severity,
    lang: language,
    title: CASE_HEADINGS[story][severity][language],
    labels: {
      noticed: own ? t('noticed') : `${t('noticed')} ${t('fromFrame')}`,
      why: t('why'),
      todo: t('todo'),
      report: t('report'),
      show: t('show'),
      dismiss: t('dismiss'),
      notOnSite: t('notOnSite'),
      settings: t('settings'),
      wrong: REPORT_TEXT.wrong[language],
      local: t('local'),
    },
    evidence: report.evidence.map((item) => ({ label: FACET_LABELS[item.facet][language], quote: item.quote, context: item.context })),
    story: report.resembles ? CASE_STORIES[report.resembles][language] : '',
    advice: adviceFor(story, family)[language],
    report: reportingLine(family, channel, language, report.evidence.some((e) => HAN.test(e.quote))),
    canShow: own,
    notice,
  };
}

/** The report panel for a banner marked as a false alarm, in the person's language. Pure. */
export function reportPanelContent(report: PageReport, language: 'en' | 'zh'): ReportPanelContent {
  const t = (key: keyof typeof REPORT_TEXT): string => REPORT_TEXT[key][language];
  return {
    heading: t('heading'),
    marked: t('bannerMarked'),
    explain: t('explain'),
    includeQuotes: t('includeQuotes'),
    reportLabel: t('reportLabel'),
    copy: t('copy'),
    close: t('close'),
    copied: t('copied'),
    selected: t('selected'),
    facts: {
      kind: 'false-alarm',
      where: 'banner',
      severity: report.severity,
      rules: report.rules,
      concepts: report.evidence.map((item) => item.facet),
      version: __LUREWATCH_VERSION__,
    },
    quotes: report.evidence.map((item) => item.quote),
  };
}
