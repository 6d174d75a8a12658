// The awareness banner: a host element carrying data attributes, a closed shadow root (open in the test build),
// styles from a constructable stylesheet, every text set with textContent. Calm by design: no full-page block,
// nothing modal, no stolen focus; Esc (with focus inside) or the Dismiss button close it. "Was this wrong?" turns
// the banner into its report panel (report-panel.ts) until the person closes it.
import { BANNER_CSS } from './banner-style.js';
import { buildReportPanel, type ReportPanelActions, type ReportPanelContent } from './report-panel.js';
import { createUiHost, elementMaker } from './ui-host.js';

export interface BannerContent {
  severity: 'caution' | 'warning';
  lang: 'en' | 'zh';
  title: string;
  labels: {
    noticed: string;
    why: string;
    todo: string;
    report: string;
    show: string;
    dismiss: string;
    notOnSite: string;
    settings: string;
    /** "Was this wrong?": marks a false alarm and offers a report to copy. */
    wrong: string;
    local: string;
  };
  evidence: Array<{ label: string; quote: string; context: string }>;
  story: string;
  advice: string;
  report: string;
  /** False when the evidence cannot be pointed at in this page (it came from a frame). */
  canShow: boolean;
  /** One line about a choice of the person's that could not be saved; empty for none. */
  notice: string;
}

export interface BannerActions {
  show(): void;
  dismiss(): void;
  notOnSite(): void;
  settings(): void;
  wrong(): void;
}

const TAG = 'lurewatch-banner';

export class Banner {
  private host: HTMLElement | null = null;
  private container: HTMLElement | null = null;

  constructor(
    private readonly doc: Document,
    private readonly openShadow: boolean,
  ) {}

  get shown(): boolean {
    return this.host?.isConnected === true;
  }

  /** The host element, if the page removed it we can tell (see content/top-banner.ts: bounded re-insertion). */
  get element(): HTMLElement | null {
    return this.host;
  }

  render(content: BannerContent, position: 'top' | 'bottom', actions: BannerActions): void {
    if (!this.host || !this.container) this.create();
    const host = this.host!;
    host.setAttribute('data-severity', content.severity);
    host.setAttribute('data-position', position);
    host.setAttribute('lang', content.lang === 'zh' ? 'zh-CN' : 'en');
    this.container!.replaceChildren(this.build(content, actions));
    if (!host.isConnected) (this.doc.documentElement ?? this.doc).appendChild(host);
  }

  /**
   * The report panel in place of the finding, on the same host (its severity and position stay), with focus on its
   * first control: the person asked for it with the keyboard or a click, and continues there.
   */
  showReport(content: ReportPanelContent, lang: 'en' | 'zh', actions: ReportPanelActions): void {
    if (!this.host || !this.container) this.create();
    const el = elementMaker(this.doc);
    const box = el('section', undefined, 'banner');
    box.setAttribute('data-view', 'report');
    const panel = buildReportPanel(el, content, actions);
    box.append(panel.element);
    this.host!.setAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    this.container!.replaceChildren(box);
    if (!this.host!.isConnected) (this.doc.documentElement ?? this.doc).appendChild(this.host!);
    panel.first.focus({ preventScroll: true });
  }

  /** Puts the banner back after the page removed it. */
  reattach(): void {
    if (this.host && !this.host.isConnected) (this.doc.documentElement ?? this.doc).appendChild(this.host);
  }

  remove(): void {
    this.host?.remove();
  }

  private create(): void {
    ({ host: this.host, container: this.container } = createUiHost(this.doc, TAG, 'banner', this.openShadow, BANNER_CSS));
  }

  private build(content: BannerContent, actions: BannerActions): HTMLElement {
    const el = elementMaker(this.doc);
    const box = el('section', undefined, 'banner');
    box.setAttribute('role', 'alert');
    box.setAttribute('aria-live', 'assertive');
    box.append(el('h2', content.title));
    if (content.notice) {
      const notice = el('p', content.notice, 'notice');
      notice.setAttribute('role', 'status');
      box.append(notice);
    }

    box.append(el('h3', content.labels.noticed));
    const list = el('ul');
    for (const item of content.evidence) {
      const li = el('li');
      li.setAttribute('data-part', 'evidence');
      li.append(el('span', item.label, 'facet'), el('span', `“${item.quote}”`, 'quote'));
      if (item.context && item.context !== item.quote) li.append(el('div', item.context, 'context'));
      list.append(li);
    }
    box.append(list);
    // Why, what to do and where to report, each one short paragraph led by its label: the banner stays compact.
    const paragraph = (label: string, text: string): HTMLElement => {
      const p = el('p', undefined, 'line');
      p.append(el('strong', label), this.doc.createTextNode(` ${text}`));
      return p;
    };
    if (content.story) box.append(paragraph(content.labels.why, content.story));
    box.append(paragraph(content.labels.todo, content.advice), paragraph(content.labels.report, content.report));

    const buttons = el('div', undefined, 'actions');
    const button = (action: string, label: string, handler: () => void, primary = false): void => {
      const b = el('button', label, primary ? 'primary' : undefined);
      b.type = 'button';
      b.setAttribute('data-action', action);
      b.addEventListener('click', (event) => {
        event.stopPropagation();
        handler();
      });
      buttons.append(b);
    };
    if (content.canShow) button('show', content.labels.show, actions.show, true);
    button('dismiss', content.labels.dismiss, actions.dismiss, !content.canShow);
    button('not-on-site', content.labels.notOnSite, actions.notOnSite);
    button('settings', content.labels.settings, actions.settings);
    button('wrong', content.labels.wrong, actions.wrong);
    buttons.append(el('span', content.labels.local, 'local'));
    box.append(buttons);
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') actions.dismiss();
    });
    return box;
  }
}
