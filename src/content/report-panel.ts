// The report panel that "Was this wrong?" opens on the banner and on the post hint (and that the first-run page's
// example shows): what the mark means, a box to include the quoted text, the report as read-only text, and "Copy a
// report". Built into the caller's shadow root with textContent only; the report itself is reportText's.
import { clipboardOf, copyText } from '../clipboard.js';
import { reportText, type ReportFacts } from '../report.js';
import type { MakeElement } from './ui-host.js';

export interface ReportPanelContent {
  heading: string;
  /** What the false-alarm mark does. */
  marked: string;
  explain: string;
  includeQuotes: string;
  reportLabel: string;
  copy: string;
  close: string;
  copied: string;
  selected: string;
  /** The report's facts; `quotes` are what the box adds when ticked. */
  facts: Omit<ReportFacts, 'quotes'>;
  quotes: readonly string[];
}

export interface ReportPanelActions {
  close(): void;
}

/** The panel's parts, for the caller to place and focus. */
export interface ReportPanel {
  element: HTMLElement;
  /** The control focus moves to when the panel opens: the person's keyboard lands in it. */
  first: HTMLElement;
}

let panels = 0;

export function buildReportPanel(el: MakeElement, content: ReportPanelContent, actions: ReportPanelActions): ReportPanel {
  // Ids only need to be unique within the shadow root; a counter keeps two panels in one root apart all the same.
  const id = `lurewatch-report-${++panels}`;
  const panel = el('div', undefined, 'report-panel');
  panel.setAttribute('data-part', 'report-panel');
  const heading = el('h2', content.heading);
  heading.id = `${id}-heading`;
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-labelledby', heading.id);

  const check = el('input');
  check.type = 'checkbox';
  check.setAttribute('data-part', 'include-quotes');
  const checkLabel = el('label', undefined, 'check');
  checkLabel.append(check, el('span', content.includeQuotes));
  // Nothing quoted to include (a finding reduced to ids): the box would promise what the report cannot hold.
  checkLabel.hidden = content.quotes.length === 0;

  const area = el('textarea', undefined, 'report-text');
  area.id = `${id}-text`;
  area.readOnly = true;
  area.rows = 7;
  area.spellcheck = false;
  area.setAttribute('data-part', 'report-text');
  const areaLabel = el('label', content.reportLabel, 'report-label');
  areaLabel.htmlFor = area.id;
  const text = (): string => reportText({ ...content.facts, quotes: check.checked ? content.quotes : null });
  area.value = text();
  check.addEventListener('change', () => {
    area.value = text();
  });

  const status = el('p', '', 'copy-status');
  status.setAttribute('role', 'status');
  status.setAttribute('data-part', 'copy-status');

  const buttons = el('div', undefined, 'actions');
  const copy = el('button', content.copy, 'primary');
  copy.type = 'button';
  copy.setAttribute('data-action', 'copy');
  copy.addEventListener('click', (event) => {
    event.stopPropagation();
    status.textContent = '';
    // Called from the click itself: the clipboard API needs its user activation.
    void copyText(text(), area, clipboardOf(area)).then((outcome) => {
      status.textContent = outcome === 'copied' ? content.copied : content.selected;
      status.setAttribute('data-outcome', outcome);
    });
  });
  const close = el('button', content.close);
  close.type = 'button';
  close.setAttribute('data-action', 'close');
  close.addEventListener('click', (event) => {
    event.stopPropagation();
    actions.close();
  });
  buttons.append(copy, close);

  panel.append(heading, el('p', content.marked, 'marked'), el('p', content.explain, 'explain'), checkLabel, areaLabel, area, buttons, status);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') actions.close();
  });
  return { element: panel, first: content.quotes.length > 0 ? check : copy };
}

/** The panel's styles, shared by the banner's and the hint's stylesheets (they define the palette it uses). */
export const REPORT_PANEL_CSS = `
.report-panel p { margin: 4px 0 0; }
.report-panel .explain { color: var(--muted); }
.report-panel .check { display: flex; align-items: center; gap: 6px; margin-top: 8px; cursor: pointer; pointer-events: auto; }
.report-panel input[type='checkbox'] { width: 16px; height: 16px; margin: 0; accent-color: var(--accent); }
.report-panel .report-label { display: block; margin-top: 8px; font-size: 12px; font-weight: 650; color: var(--muted); }
.report-panel textarea {
  pointer-events: auto;
  box-sizing: border-box;
  display: block;
  width: 100%;
  margin-top: 2px;
  padding: 6px 8px;
  font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
  color: var(--fg);
  background: var(--button-bg);
  border: 1px solid var(--button-border);
  border-radius: 6px;
  resize: vertical;
}
.report-panel input:focus-visible, .report-panel textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.report-panel .copy-status { min-height: 1.2em; font-size: 12px; font-weight: 600; }
.report-panel .copy-status:empty { display: none; }
`;
