// The one-line status under the title: the most important reason LureWatch is or is not watching the current tab.
import { isSiteDisabled, isSnoozed, type Settings } from '../settings/schema.js';
import type { Texts } from './language.js';
import type { PageState } from './page-state.js';
import { formatSnoozeEnd } from './snooze.js';

export type StatusKind = 'off' | 'snoozed' | 'unsupported' | 'site' | 'scope' | 'watching' | 'on' | 'loading';

/** `standalone`: the popup is open as a settings tab, so there is no "current page" to speak of. */
export function statusKind(settings: Settings, page: PageState, now: number, standalone: boolean): StatusKind {
  // The person's own switches come first: they hold on every page, supported or not.
  if (!settings.enabled) return 'off';
  if (isSnoozed(settings, now)) return 'snoozed';
  if (standalone) return 'on';
  if (page.kind === 'loading') return 'loading';
  if (page.kind === 'unsupported') return 'unsupported';
  const report = page.report;
  if (report && isSiteDisabled(settings, report.host)) return 'site';
  if (report && settings.scope === 'categories' && report.category === 'other') return 'scope';
  return 'watching';
}

export function statusText(kind: StatusKind, settings: Settings, now: number, texts: Texts): string {
  switch (kind) {
    case 'off':
      return texts.t('popupStatusOff');
    case 'snoozed':
      return texts.t('popupStatusSnoozed', [formatSnoozeEnd(settings.snoozeUntil, now, texts.locale)]);
    case 'unsupported':
      return texts.t('popupStatusUnsupported');
    case 'site':
      return texts.t('popupStatusSiteOff');
    case 'scope':
      return texts.t('popupStatusScope');
    case 'watching':
      return texts.t('popupStatusWatching');
    case 'on':
      return texts.t('popupStatusOn');
    case 'loading':
      return '';
  }
}
