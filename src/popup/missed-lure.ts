// "Report a missed lure": a report of the current page to copy (the extension version, what LureWatch found there
// if anything: severity and rule ids) with an optional note the person types. Nothing is sent and nothing is kept:
// the text lives in this popup until it closes, and goes only where the person pastes it.
import { showsBanner } from '../core/severity.js';
import { clipboardOf, copyText } from '../clipboard.js';
import { MAX_NOTE_CHARS, reportText } from '../report.js';
import type { Texts } from './language.js';
import type { PageState } from './page-state.js';

export interface MissedLureElements {
  /** The button that opens and closes the panel (aria-expanded). */
  open: HTMLButtonElement;
  panel: HTMLElement;
  note: HTMLTextAreaElement;
  text: HTMLTextAreaElement;
  copy: HTMLButtonElement;
  status: HTMLElement;
}

export class MissedLure {
  private page: PageState = { kind: 'loading' };

  constructor(
    private readonly ui: MissedLureElements,
    private readonly texts: Texts,
  ) {
    ui.note.maxLength = MAX_NOTE_CHARS;
    ui.text.readOnly = true;
    ui.open.setAttribute('aria-controls', ui.panel.id);
    ui.open.addEventListener('click', () => this.toggle());
    ui.note.addEventListener('input', () => this.update());
    ui.copy.addEventListener('click', () => {
      ui.status.textContent = '';
      // Called from the click itself: the clipboard API needs its user activation.
      void copyText(this.report(), ui.text, clipboardOf(ui.text)).then((outcome) => {
        ui.status.textContent = this.texts.t(outcome === 'copied' ? 'popupReportCopied' : 'popupReportSelected');
        ui.status.dataset.outcome = outcome;
      });
    });
    this.toggle(false);
  }

  /** Only a page LureWatch runs on can be reported from here: elsewhere there is nothing it could have found. */
  render(page: PageState): void {
    this.page = page;
    this.ui.open.hidden = page.kind !== 'page';
    if (page.kind !== 'page') this.toggle(false);
    this.update();
  }

  /** The report as it would be copied now. */
  report(): string {
    const report = this.page.kind === 'page' ? this.page.report : null;
    const found = report !== null && showsBanner(report);
    return reportText({
      kind: 'missed-lure',
      where: 'popup',
      // Below caution LureWatch shows nothing, and that is what the person is reporting.
      severity: found ? report.severity : null,
      rules: found ? report.rules : [],
      concepts: found ? report.evidence.map((item) => item.facet) : [],
      quotes: null,
      note: this.ui.note.value,
      version: __LUREWATCH_VERSION__,
    });
  }

  private toggle(open = this.ui.panel.hidden): void {
    this.ui.panel.hidden = !open;
    this.ui.open.setAttribute('aria-expanded', String(open));
    if (open) {
      this.update();
      this.ui.note.focus();
    } else {
      this.ui.status.textContent = '';
    }
  }

  private update(): void {
    this.ui.text.value = this.report();
  }
}
