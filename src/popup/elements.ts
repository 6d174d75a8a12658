// The popup's controls, found once by the ids of the shared contract. A missing id is a broken popup.html, so it
// fails loudly at start rather than leaving a dead control.
import type { MissedLureElements } from './missed-lure.js';

export interface PopupElements {
  status: HTMLElement;
  enabled: HTMLInputElement;
  pageSection: HTMLElement;
  pageHost: HTMLElement;
  findings: HTMLElement;
  siteToggle: HTMLButtonElement;
  snoozeHour: HTMLButtonElement;
  snoozeTomorrow: HTMLButtonElement;
  snoozeClear: HTMLButtonElement;
  sensitivity: HTMLSelectElement;
  sensitivityHint: HTMLElement;
  familyEspionage: HTMLInputElement;
  familyFraud: HTMLInputElement;
  hints: HTMLInputElement;
  hintSiteToggle: HTMLButtonElement;
  countHints: HTMLElement;
  scope: HTMLSelectElement;
  position: HTMLSelectElement;
  reportChannel: HTMLSelectElement;
  countWeek: HTMLElement;
  saveError: HTMLElement;
  missed: MissedLureElements;
}

export function findElements(doc: Document): PopupElements {
  const need = <T extends HTMLElement>(id: string, tag?: string): T => {
    const element = doc.getElementById(id);
    if (!element || (tag && element.tagName !== tag)) throw new Error(`popup.html lacks <${tag?.toLowerCase() ?? 'element'} id="${id}">`);
    return element as T;
  };
  return {
    status: need('status'),
    enabled: need('enabled', 'INPUT'),
    pageSection: need('page-section'),
    pageHost: need('page-host'),
    findings: need('findings'),
    siteToggle: need('site-toggle', 'BUTTON'),
    snoozeHour: need('snooze-hour', 'BUTTON'),
    snoozeTomorrow: need('snooze-tomorrow', 'BUTTON'),
    snoozeClear: need('snooze-clear', 'BUTTON'),
    sensitivity: need('sensitivity', 'SELECT'),
    sensitivityHint: need('sensitivity-hint'),
    familyEspionage: need('family-espionage', 'INPUT'),
    familyFraud: need('family-fraud', 'INPUT'),
    hints: need('hints', 'INPUT'),
    hintSiteToggle: need('hint-site-toggle', 'BUTTON'),
    countHints: need('count-hints'),
    scope: need('scope', 'SELECT'),
    position: need('position', 'SELECT'),
    reportChannel: need('report-channel', 'SELECT'),
    countWeek: need('count-week'),
    saveError: need('save-error'),
    missed: {
      open: need('missed-open', 'BUTTON'),
      panel: need('missed-panel'),
      note: need('missed-note', 'TEXTAREA'),
      text: need('missed-text', 'TEXTAREA'),
      copy: need('missed-copy', 'BUTTON'),
      status: need('missed-status'),
    },
  };
}
