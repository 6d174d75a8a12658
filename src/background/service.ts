// The background's logic, over the Platform interface so tests can drive it with a fake: the matcher for every
// frame (matching.ts), settings (defaults, repair, one write queue), the toolbar badge per tab, frame reports
// forwarded to the top frame, weekly counts and remembered dismissals. No network, no timers kept alive: state that
// must outlive the worker is in storage, and frames send their text again when a restarted worker has forgotten it.
import { shippedPack, type Pack } from '../core/pack.js';
import type { Severity } from '../core/severity.js';
import { parseToBackground, type PageReport, type ToBackground } from '../messages.js';
import type { MessageSender, Platform } from '../platform/types.js';
import { applyChange, type SettingsChange } from '../settings/change.js';
import { repairSettings, type Settings } from '../settings/schema.js';
import { readSettings, SETTINGS_KEY } from '../settings/store.js';
import { addDismissal, countBanner, countHint, hintWeekCount, weekCount } from '../records.js';
import { Matching } from './matching.js';

const BADGE: Record<Severity, { text: string; color: string }> = {
  none: { text: '', color: '#000000' },
  info: { text: '', color: '#000000' },
  caution: { text: '!', color: '#9a5b00' },
  warning: { text: '!', color: '#b3261e' },
};
/** The first-run page, opened once on install (src/welcome). */
export const FIRST_RUN_PAGE = 'welcome.html';
const RANK: Record<Severity, number> = { none: 0, info: 1, caution: 2, warning: 3 };

export interface BackgroundService {
  handle(message: unknown, sender: MessageSender): Promise<unknown> | undefined;
  /** Where the background's time went: matching and scoring, and decoding the rule pack (timings only). */
  stats(): { matchMs: number; packMs: number };
}

export interface BackgroundOptions {
  /** The rule pack; default the shipped one, decoded on the first scan. */
  pack?: () => Promise<Pack>;
}

export function startBackground(platform: Platform, options: BackgroundOptions = {}): BackgroundService {
  const frames = new Map<number, Map<number, PageReport>>();
  let packMs = 0;
  const matching = new Matching(
    options.pack ??
      (() => {
        // The first call decodes the pack, synchronously; later ones return the same promise.
        const started = performance.now();
        const loading = shippedPack();
        packMs += performance.now() - started;
        return loading;
      }),
  );
  let writes: Promise<unknown> = Promise.resolve();
  /**
   * Storage writes run one after another, so concurrent changes from popup and pages lose nothing. A failed write
   * (quota, a locked profile) does not stall the queue; it is logged here and the rejection goes back to whoever
   * asked, so the popup can say the change was not saved.
   */
  const serially = <T>(what: string, task: () => Promise<T>): Promise<T> => {
    const run = writes.then(task, task);
    writes = run.catch((error: unknown) => {
      console.warn(`LureWatch could not save ${what}:`, error);
    });
    return run;
  };

  platform.lifecycle.onInstalledOrUpdated((reason) => {
    // A first install opens the first-run page (an extension page: no network, no permission). An update, a browser
    // update or a reload does not: the person has met LureWatch already.
    if (reason === 'install') platform.tabs.openExtensionPage(FIRST_RUN_PAGE).catch((error: unknown) => console.warn('LureWatch could not open its first-run page:', error));
    // Already logged by the queue; nobody else is waiting for this write, so the rejection stops here.
    serially('its repaired settings', async () => {
      const stored = await platform.storage.get(SETTINGS_KEY);
      const { settings, repairs } = repairSettings(stored);
      if (stored === undefined || repairs.length > 0) {
        if (repairs.length > 0) console.warn(`LureWatch repaired its settings: ${repairs.join('; ')}`);
        await platform.storage.set({ [SETTINGS_KEY]: settings });
      }
    }).catch(() => undefined);
  });
  platform.tabs.onRemoved((tabId) => {
    frames.delete(tabId);
    matching.forgetTab(tabId);
  });

  /**
   * The settings the matcher scores with, read once and kept until they change: frames do not send them (a quiet
   * page never reads storage), so every frame is told to score again when they change.
   */
  let settingsRead: Promise<Settings> | null = null;
  const currentSettings = (): Promise<Settings> =>
    (settingsRead ??= readSettings(platform).catch((error: unknown) => {
      settingsRead = null; // unreadable now: the next scan asks again
      throw error;
    }));
  platform.storage.onChanged((changes) => {
    if (!(SETTINGS_KEY in changes)) return;
    settingsRead = null;
    platform.tabs.broadcast({ type: 'settings-changed' }).catch(() => undefined);
  });

  const changeSettings = (change: SettingsChange): Promise<void> =>
    serially('a settings change', async () => {
      const current = await readSettings(platform);
      await platform.storage.set({ [SETTINGS_KEY]: applyChange(current, change) });
    });

  const updateBadge = async (tabId: number): Promise<void> => {
    let top: Severity = 'none';
    for (const report of frames.get(tabId)?.values() ?? []) {
      const shown: Severity = report.quietBecause === null ? report.severity : 'none';
      if (RANK[shown] > RANK[top]) top = shown;
    }
    const title = top === 'none' || top === 'info' ? 'LureWatch' : `LureWatch: ${top} on this page`;
    await platform.action.setBadge(tabId, BADGE[top].text, BADGE[top].color, title);
  };

  /** For a child frame's report: whether its top frame received it (false while the top page is still loading). */
  const onReport = async (report: PageReport, fresh: boolean, sender: MessageSender): Promise<boolean | undefined> => {
    if (sender.tabId === undefined) return undefined;
    const frameId = sender.frameId ?? 0;
    let tab = frames.get(sender.tabId);
    if (!tab) frames.set(sender.tabId, (tab = new Map()));
    // A new page in the tab: what its frames found before is in the top frame's report, which holds the strongest
    // finding of the page; frames whose report did not reach the top frame yet send theirs again.
    if (frameId === 0 && fresh) tab.clear();
    tab.set(frameId, report);
    await updateBadge(sender.tabId);
    // Only the top frame shows the banner: a frame's findings go to it.
    if (frameId === 0) return undefined;
    return platform.tabs.sendMessage(sender.tabId, { type: 'frame-report', report, frameId }, 0).then(
      () => true,
      () => false,
    );
  };

  const handle = (raw: unknown, sender: MessageSender): Promise<unknown> | undefined => {
    const message: ToBackground | null = parseToBackground(raw);
    if (!message) return undefined; // not ours, or malformed: ignored
    switch (message.type) {
      case 'scan':
        // Only a content script has a frame to keep a stream for.
        if (sender.tabId === undefined) return undefined;
        return currentSettings().then(({ sensitivity, families }) => matching.scan({ ...message, sensitivity, families }, sender));
      case 'check-field':
        return matching.checkField(message.text, message.host);
      case 'report':
        return onReport(message.report, message.fresh, sender);
      case 'banner-shown':
        return serially('the week count', () => countBanner(platform, Date.now()));
      case 'dismiss':
        return serially('a dismissal', () => addDismissal(platform, message.page, message.score, Date.now(), message.wrong));
      case 'settings-change':
        return changeSettings(message.change);
      case 'open-settings':
        return platform.tabs.openExtensionPage('popup.html#settings');
      case 'week-count':
        return weekCount(platform, Date.now());
      case 'hint-shown':
        return serially('the post hint count', () => countHint(platform, Date.now()));
      case 'hint-week-count':
        return hintWeekCount(platform, Date.now());
    }
  };
  platform.runtime.onMessage(handle);
  return { handle, stats: () => ({ matchMs: matching.busyMs, packMs }) };
}
