// The popup's controller: reads the settings, asks the current tab what it found, renders, and turns every change
// of a control into a settings-change message at once. The background applies changes one at a time and writes
// storage; content scripts and this popup both follow storage.onChanged, so a change reaches open tabs at once and
// the popup always ends up showing what is stored.
import { REPORT_CHANNELS, type ReportChannel } from '../core/advice.js';
import { SENSITIVITIES, type Sensitivity } from '../core/severity.js';
import { HINT_STATS_KEY, STATS_KEY } from '../records.js';
import type { Platform } from '../platform/types.js';
import type { SettingsChange } from '../settings/change.js';
import { SettingsClient } from '../settings/client.js';
import { isSnoozed, normalizeHost, type Settings } from '../settings/schema.js';
import { SETTINGS_KEY } from '../settings/store.js';
import { findElements, type PopupElements } from './elements.js';
import { renderFindings } from './findings.js';
import { localizeDocument, textsFor, type Texts } from './language.js';
import type { MessageKey } from './message-keys.js';
import { MissedLure } from './missed-lure.js';
import { queryPageState, type PageState } from './page-state.js';
import { entriesSilencing, hintEntriesSilencing } from './site.js';
import { snoozeForHour, snoozeUntilTomorrow } from './snooze.js';
import { statusKind, statusText } from './status.js';

export interface PopupOptions {
  /** The clock; tests inject a fixed one. */
  now?: () => number;
  /** Opened as a tab (the banner's Settings button), not over a page: no "This page" section. */
  standalone?: boolean;
  /** How long to wait for the tab's content script. */
  pageTimeoutMs?: number;
}

export interface PopupHandle {
  /** Stops listening to storage and clears timers (the popup's window usually just closes instead). */
  stop(): void;
}

const HINTS: Record<Sensitivity, MessageKey> = {
  low: 'popupSensitivityHintLow',
  medium: 'popupSensitivityHintMedium',
  high: 'popupSensitivityHintHigh',
};
/** setTimeout's ceiling; a snooze longer than this simply is not re-rendered at its end while the popup is open. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function startPopup(platform: Platform, doc: Document, options: PopupOptions = {}): Promise<PopupHandle> {
  const now = options.now ?? Date.now;
  const standalone = options.standalone ?? false;
  const texts = textsFor(platform);
  localizeDocument(doc, texts);
  const ui = findElements(doc);

  // Settings changes go through the same client as the first-run page's (settings/client.ts).
  const client = await SettingsClient.open(platform, () => render());
  let page: PageState = { kind: 'loading' };
  let week: number | null = null;
  let hintWeek: number | null = null;
  const missed = new MissedLure(ui.missed, texts);
  let snoozeTimer: ReturnType<typeof setTimeout> | undefined;
  let pageQuery = 0;
  let stopped = false;

  const render = (): void => {
    if (stopped) return;
    const settings = client.settings;
    const saveFailed = client.saveFailed;
    renderSettings(ui, settings, texts);
    const at = now();
    const kind = statusKind(settings, page, at, standalone);
    ui.status.textContent = statusText(kind, settings, at, texts);
    ui.status.dataset.state = kind;
    ui.snoozeClear.hidden = !isSnoozed(settings, at);
    ui.pageSection.hidden = standalone;
    renderSite(ui, page, settings, texts);
    renderFindings(ui.findings, page, settings, texts);
    missed.render(page);
    ui.countWeek.textContent = week === null ? '–' : new Intl.NumberFormat(texts.locale).format(week);
    ui.countHints.textContent = hintWeek === null ? '–' : new Intl.NumberFormat(texts.locale).format(hintWeek);
    ui.saveError.hidden = !saveFailed;
    ui.saveError.textContent = saveFailed ? texts.t('popupSaveFailed') : '';
    // When a snooze runs out while the popup is open, the status should say so.
    clearTimeout(snoozeTimer);
    if (isSnoozed(settings, at)) snoozeTimer = setTimeout(render, Math.min(settings.snoozeUntil - at + 50, MAX_TIMER_MS));
  };

  const refreshPage = async (): Promise<void> => {
    if (standalone) return;
    const query = ++pageQuery;
    const state = await queryPageState(platform, options.pageTimeoutMs);
    if (query !== pageQuery) return; // a newer query is on its way; its answer wins
    page = state;
    render();
  };

  const askCount = async (type: 'week-count' | 'hint-week-count'): Promise<number | null> => {
    const count = await platform.runtime.sendMessage({ type }).catch(() => null);
    return typeof count === 'number' && Number.isFinite(count) && count >= 0 ? count : null;
  };
  const refreshWeek = async (): Promise<void> => {
    week = await askCount('week-count');
    render();
  };
  const refreshHintWeek = async (): Promise<void> => {
    hintWeek = await askCount('hint-week-count');
    render();
  };

  const send = (change: SettingsChange): void => client.change(change);
  const settingsNow = (): Settings => client.settings;

  bindControls(ui, {
    set: (values) => send({ kind: 'set', values }),
    toggleSite: () => {
      const host = siteHost(page);
      if (!host) return;
      const silencing = entriesSilencing(settingsNow(), host);
      if (silencing.length === 0) send({ kind: 'site', host, disabled: true });
      else for (const site of silencing) send({ kind: 'site', host: site, disabled: false });
    },
    allowHintsOnSite: () => {
      const host = siteHost(page);
      if (!host) return;
      for (const site of hintEntriesSilencing(settingsNow(), host)) send({ kind: 'hint-site', host: site, quiet: false });
    },
    snoozeHour: () => send({ kind: 'set', values: { snoozeUntil: snoozeForHour(now()) } }),
    snoozeTomorrow: () => send({ kind: 'set', values: { snoozeUntil: snoozeUntilTomorrow(now()) } }),
    snoozeClear: () => send({ kind: 'set', values: { snoozeUntil: 0 } }),
  });

  const stopWatching = platform.storage.onChanged((changes) => {
    // The client has the new settings and has rendered them; the page's "why no banner" depends on them too, and
    // the content script has them by now or very soon.
    if (changes[SETTINGS_KEY]) void refreshPage();
    if (changes[STATS_KEY]) void refreshWeek();
    if (changes[HINT_STATS_KEY]) void refreshHintWeek();
  });

  render();
  await Promise.all([refreshPage(), refreshWeek(), refreshHintWeek()]);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(snoozeTimer);
      stopWatching();
      client.stop();
    },
  };
}

function siteHost(page: PageState): string | null {
  if (page.kind !== 'page' || !page.report) return null;
  return normalizeHost(page.report.host) ? page.report.host : null;
}

function renderSettings(ui: PopupElements, settings: Settings, texts: Texts): void {
  ui.enabled.checked = settings.enabled;
  ui.sensitivity.value = settings.sensitivity;
  ui.sensitivityHint.textContent = texts.t(HINTS[settings.sensitivity]);
  ui.familyEspionage.checked = settings.families.espionage;
  ui.familyFraud.checked = settings.families.fraud;
  ui.hints.checked = settings.hints;
  ui.scope.value = settings.scope;
  ui.position.value = settings.position;
  ui.reportChannel.value = settings.reportChannel;
  // Settings other than the switch still matter while off (they apply when it is back on), so they stay usable.
  ui.pageSection.dataset.enabled = String(settings.enabled);
}

function renderSite(ui: PopupElements, page: PageState, settings: Settings, texts: Texts): void {
  const host = siteHost(page);
  ui.pageHost.textContent = host ? normalizeHost(host) ?? host : '';
  ui.siteToggle.hidden = host === null;
  const disabled = host !== null && entriesSilencing(settings, host).length > 0;
  ui.siteToggle.dataset.state = disabled ? 'disabled' : 'enabled';
  ui.siteToggle.textContent = texts.t(disabled ? 'popupSiteAllow' : 'popupSiteDisable');
  // The post hint's own "Not on this site" is undone here; silencing it happens on the hint itself.
  ui.hintSiteToggle.hidden = host === null || hintEntriesSilencing(settings, host).length === 0;
}


interface Actions {
  set(values: Extract<SettingsChange, { kind: 'set' }>['values']): void;
  toggleSite(): void;
  allowHintsOnSite(): void;
  snoozeHour(): void;
  snoozeTomorrow(): void;
  snoozeClear(): void;
}

function bindControls(ui: PopupElements, actions: Actions): void {
  const oneOf = <T extends string>(list: readonly T[], value: string): T | null =>
    (list as readonly string[]).includes(value) ? (value as T) : null;
  ui.enabled.addEventListener('change', () => actions.set({ enabled: ui.enabled.checked }));
  ui.sensitivity.addEventListener('change', () => {
    const sensitivity = oneOf(SENSITIVITIES, ui.sensitivity.value);
    if (sensitivity) actions.set({ sensitivity });
  });
  const families = (): void => actions.set({ families: { espionage: ui.familyEspionage.checked, fraud: ui.familyFraud.checked } });
  ui.familyEspionage.addEventListener('change', families);
  ui.familyFraud.addEventListener('change', families);
  ui.hints.addEventListener('change', () => actions.set({ hints: ui.hints.checked }));
  ui.scope.addEventListener('change', () => {
    const scope = oneOf(['all', 'categories'] as const, ui.scope.value);
    if (scope) actions.set({ scope });
  });
  ui.position.addEventListener('change', () => {
    const position = oneOf(['top', 'bottom'] as const, ui.position.value);
    if (position) actions.set({ position });
  });
  ui.reportChannel.addEventListener('change', () => {
    const reportChannel = oneOf<ReportChannel>(REPORT_CHANNELS, ui.reportChannel.value);
    if (reportChannel) actions.set({ reportChannel });
  });
  ui.siteToggle.addEventListener('click', actions.toggleSite);
  ui.hintSiteToggle.addEventListener('click', actions.allowHintsOnSite);
  ui.snoozeHour.addEventListener('click', actions.snoozeHour);
  ui.snoozeTomorrow.addEventListener('click', actions.snoozeTomorrow);
  ui.snoozeClear.addEventListener('click', actions.snoozeClear);
}
