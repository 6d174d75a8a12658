// The post hint: a small, non-modal note next to the field the person is typing into. Its host element (carrying
// data-lurewatch="hint") is appended to <html>, never next to the field: frameworks such as React own the field's
// surroundings and would remove or trip over a stranger there. The host is `position: fixed` and placed from the
// field's getBoundingClientRect, beside it, below or above it, never over the field, so the text stays visible.
import { isLive } from './fields.js';
import { HINT_CSS } from './hint-style.js';
import { buildReportPanel, type ReportPanelActions, type ReportPanelContent } from './report-panel.js';
import { createUiHost, elementMaker } from './ui-host.js';

export interface HintContent {
  lang: 'en' | 'zh';
  title: string;
  /** What was noticed, in a word ("A sensitive employer"), and the words in the field that say it. */
  noticed: string;
  quote: string;
  why: string;
  saferLabel: string;
  safer: string;
  labels: { dismiss: string; notOnSite: string; wrong: string; local: string; region: string };
  /** For tests and styling: which kind of disclosure (unit, employer, ...). */
  kind: string;
  /** A line above the rest, when LureWatch has something to own up to ("could not save ..."); else empty. */
  notice?: string;
}

export interface HintActions {
  dismiss(): void;
  notOnSite(): void;
  /** "Was this wrong?": marks a false alarm and opens the report panel (showReport). */
  wrong(): void;
}

const TAG = 'lurewatch-hint';
/** Space between the field and the hint, and the least margin to the viewport's edges. */
const GAP = 6;
const EDGE = 8;

export class Hint {
  private host: HTMLElement | null = null;
  private container: HTMLElement | null = null;
  private rendered = '';
  private anchorElement: HTMLElement | null = null;
  /** The report panel is open: new content for the field waits until the person closes it. */
  private reporting = false;

  constructor(
    private readonly doc: Document,
    private readonly openShadow: boolean,
  ) {}

  get shown(): boolean {
    return this.host?.isConnected === true;
  }

  get anchor(): HTMLElement | null {
    return this.shown ? this.anchorElement : null;
  }

  /** True when `node` is the hint's host: focus moving into the hint does not leave the field's context. */
  owns(node: unknown): boolean {
    return node !== null && node === this.host;
  }

  /** Whether the report panel is open ("Was this wrong?"). */
  get inReport(): boolean {
    return this.shown && this.reporting;
  }

  show(content: HintContent, anchor: HTMLElement, actions: HintActions): void {
    if (this.inReport && anchor === this.anchorElement) {
      this.place();
      return;
    }
    this.reporting = false;
    if (!this.host) this.create();
    const host = this.host!;
    const fingerprint = JSON.stringify(content);
    // Re-rendering unchanged content would drop the keyboard focus of someone tabbing through the hint.
    if (fingerprint !== this.rendered || this.anchorElement !== anchor) {
      this.rendered = fingerprint;
      host.setAttribute('lang', content.lang === 'zh' ? 'zh-CN' : 'en');
      host.setAttribute('data-kind', content.kind);
      this.container!.replaceChildren(this.build(content, actions));
    }
    this.anchorElement = anchor;
    if (!host.isConnected) (this.doc.documentElement ?? this.doc).appendChild(host);
    this.place();
  }

  /** The report panel in the hint's place, beside the same field, with focus on its first control. */
  showReport(content: ReportPanelContent, lang: 'en' | 'zh', actions: ReportPanelActions): void {
    if (!this.host || !this.container || !this.anchorElement) return;
    const el = elementMaker(this.doc);
    const box = el('section', undefined, 'hint');
    box.setAttribute('data-view', 'report');
    const panel = buildReportPanel(el, content, actions);
    box.append(panel.element);
    this.host.setAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    this.container.replaceChildren(box);
    this.reporting = true;
    this.rendered = '';
    this.place();
    panel.first.focus({ preventScroll: true });
  }

  hide(): void {
    this.host?.remove();
    this.anchorElement = null;
    this.rendered = '';
    this.reporting = false;
  }

  /** Puts the hint next to its field; hides it while the field is out of view. */
  place(): void {
    const host = this.host;
    const anchor = this.anchorElement;
    const view = this.doc.defaultView;
    if (!host || !anchor || !view || !host.isConnected || !isLive(anchor)) return;
    const field = rectInView(anchor, this.doc);
    const width = view.innerWidth;
    const height = view.innerHeight;
    const box = host.getBoundingClientRect();
    const hintWidth = box.width || Math.min(340, width - 2 * EDGE);
    const hintHeight = box.height;
    const offScreen = field.bottom <= 0 || field.top >= height || field.right <= 0 || field.left >= width;
    // Beside the field first: below it, the hint would lie over the next field of a form and catch its clicks.
    let top: number;
    let left: number;
    if (field.right + GAP + hintWidth <= width - EDGE) {
      left = field.right + GAP;
      top = clamp(field.top, EDGE, height - hintHeight - EDGE);
    } else if (field.bottom + GAP + hintHeight <= height - EDGE) {
      left = clamp(field.left, EDGE, width - hintWidth - EDGE);
      top = field.bottom + GAP;
    } else if (field.top - GAP - hintHeight >= EDGE) {
      left = clamp(field.left, EDGE, width - hintWidth - EDGE);
      top = field.top - GAP - hintHeight;
    } else if (field.left - GAP - hintWidth >= EDGE) {
      left = field.left - GAP - hintWidth;
      top = clamp(field.top, EDGE, height - hintHeight - EDGE);
    } else {
      // A field taller and wider than the view (a full-page editor): the lower corner covers the least of it.
      top = height - hintHeight - EDGE;
      left = width - hintWidth - EDGE;
    }
    host.style.top = `${Math.round(top)}px`;
    host.style.left = `${Math.round(left)}px`;
    host.setAttribute('data-placed', offScreen ? 'no' : 'yes');
  }

  private create(): void {
    ({ host: this.host, container: this.container } = createUiHost(this.doc, TAG, 'hint', this.openShadow, HINT_CSS));
    this.host.setAttribute('data-placed', 'no');
  }

  private build(content: HintContent, actions: HintActions): HTMLElement {
    const el = elementMaker(this.doc);
    const box = el('section', undefined, 'hint');
    // A polite status: announced when the person pauses, never interrupting what a screen reader is saying.
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    box.setAttribute('aria-label', content.labels.region);
    box.append(el('h2', content.title));
    if (content.notice) box.append(el('p', content.notice, 'notice'));
    const noticed = el('p', `${content.noticed}: `, 'noticed');
    noticed.append(el('span', `“${content.quote}”`, 'quote'));
    box.append(noticed, el('p', content.why, 'why'));
    const safer = el('p', undefined, 'safer');
    safer.append(el('strong', content.saferLabel), this.doc.createTextNode(` ${content.safer}`));
    box.append(safer);
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
    button('dismiss', content.labels.dismiss, actions.dismiss, true);
    button('not-on-site', content.labels.notOnSite, actions.notOnSite);
    button('wrong', content.labels.wrong, actions.wrong);
    buttons.append(el('span', content.labels.local, 'local'));
    box.append(buttons);
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') actions.dismiss();
    });
    return box;
  }
}

/**
 * The element's box in this document's viewport. A field inside a same-origin frame that has no content script of
 * its own (about:blank, srcdoc) is measured in its frame, then moved by the frame's place, frame by frame.
 */
function rectInView(element: Element, doc: Document): { top: number; left: number; bottom: number; right: number } {
  let view = element.ownerDocument.defaultView;
  // An editable <body> is the whole framed editor: its frame is the box the person sees.
  const frameOfBody = view && view.document !== doc && element === view.document.body ? view.frameElement : null;
  if (frameOfBody) {
    element = frameOfBody;
    view = frameOfBody.ownerDocument.defaultView;
  }
  const box = element.getBoundingClientRect();
  let { top, left, bottom, right } = box;
  while (view && view.document !== doc) {
    const frame = view.frameElement;
    if (!frame) break;
    const outer = frame.getBoundingClientRect();
    const dx = outer.left + frame.clientLeft;
    const dy = outer.top + frame.clientTop;
    top += dy;
    bottom += dy;
    left += dx;
    right += dx;
    view = frame.ownerDocument.defaultView;
  }
  return { top, left, bottom, right };
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}
