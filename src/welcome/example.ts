// "See an example" on the first-run page: the banner as it appears on a page, drawn by the banner's own code
// (content/banner.ts, content/top-banner.ts) from a made-up finding on a made-up message shown beside it. Its
// buttons do on this page what they would do on a lure page, except that nothing is stored: this is a picture of
// LureWatch, not a page it judged.
import type { Bilingual, ReportChannel } from '../core/advice.js';
import type { PageReport } from '../messages.js';
import { Banner } from '../content/banner.js';
import { clearHighlight, highlightRanges } from '../content/highlight.js';
import { bannerContent, reportPanelContent } from '../content/top-banner.js';

/** The example message (the Xiao case of the banner's stories, in the words of its loan chats) and its evidence. */
export const EXAMPLE_MESSAGE: Bilingual = {
  en: 'Thank you for your service! Our fund offers an interest-free loan to retired soldiers. To apply, send a photo of your discharge certificate and tell me which unit you served in.',
  zh: '感谢您的付出！我们的基金为退役军人提供无息贷款。申请时请发一张退伍证的照片，并告诉我您在哪个部队服役。',
};

type Evidence = PageReport['evidence'][number];

const EVIDENCE: Record<'en' | 'zh', Evidence[]> = {
  en: [
    { rule: 'offer-interest-free-loan-en', facet: 'offer', quote: 'interest-free loan', context: '' },
    { rule: 'target-veteran-en', facet: 'target', quote: 'retired soldiers', context: '' },
    { rule: 'request-proof-of-service-en', facet: 'request', quote: 'send a photo of your discharge certificate', context: '' },
  ],
  zh: [
    { rule: 'offer-interest-free-loan-zh', facet: 'offer', quote: '无息贷款', context: '' },
    { rule: 'target-veteran-zh', facet: 'target', quote: '退役军人', context: '' },
    { rule: 'request-proof-of-service-zh', facet: 'request', quote: '发一张退伍证的照片', context: '' },
  ],
};

/** The made-up finding the example banner shows: what a real report of the message would hold. */
export function exampleReport(lang: 'en' | 'zh'): PageReport {
  const evidence = EVIDENCE[lang];
  return {
    host: 'example',
    category: 'loan',
    severity: 'warning',
    score: 12,
    families: ['espionage'],
    resembles: 'xiao',
    evidence,
    rules: evidence.map((item) => item.rule),
    quietBecause: null,
  };
}

export interface ExampleHost {
  readonly doc: Document;
  readonly openShadow: boolean;
  readonly lang: 'en' | 'zh';
  /** The element holding the example message as one text node, which "Show me" marks. */
  readonly message: HTMLElement;
  /** Where the person's settings put the banner, and which reporting line it names. */
  position(): 'top' | 'bottom';
  channel(): ReportChannel;
  /** Says what a button would have done on a real page; '' clears it. */
  say(kind: 'dismissed' | 'not-on-site' | ''): void;
  /** The example banner went (by any of its buttons): focus goes back to the control that showed it. */
  closed(): void;
  /** "Settings": the first-run page's own settings. */
  settings(): void;
}

export class Example {
  private readonly banner: Banner;

  constructor(private readonly host: ExampleHost) {
    this.banner = new Banner(host.doc, host.openShadow);
  }

  get shown(): boolean {
    return this.banner.shown;
  }

  show(): void {
    const { host } = this;
    const report = exampleReport(host.lang);
    host.say('');
    this.banner.render(bannerContent(report, true, host.lang, host.channel(), ''), host.position(), {
      show: () => this.mark(report),
      dismiss: () => this.close('dismissed'),
      notOnSite: () => this.close('not-on-site'),
      settings: () => host.settings(),
      wrong: () => {
        // The same panel a page shows; the example marks nothing (there is no page to mark).
        this.unmark();
        this.banner.showReport(reportPanelContent(report, host.lang), host.lang, { close: () => this.close('') });
      },
    });
  }

  hide(): void {
    this.unmark();
    this.banner.remove();
  }

  private close(kind: 'dismissed' | 'not-on-site' | ''): void {
    this.hide();
    this.host.closed();
    if (kind) this.host.say(kind);
  }

  /** "Show me": the quotes marked in the example message, as on a page. */
  private mark(report: PageReport): void {
    const text = this.host.message.firstChild;
    if (!(text instanceof Text)) return;
    const ranges: Range[] = [];
    for (const item of report.evidence) {
      const at = text.data.indexOf(item.quote);
      if (at < 0) continue;
      const range = this.host.doc.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + item.quote.length);
      ranges.push(range);
    }
    const reduced = this.host.doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    highlightRanges(this.host.doc, ranges, reduced);
    this.host.message.setAttribute('data-marked', 'true');
  }

  private unmark(): void {
    clearHighlight(this.host.doc);
    this.host.message.removeAttribute('data-marked');
  }
}
