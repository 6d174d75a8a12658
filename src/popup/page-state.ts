// What the current tab's content script says about its page. The answer is checked like any message from a
// content script (it runs next to page code), and a tab without a content script (browser pages, web stores,
// files, a page still loading) is reported as such rather than as an error.
import { parseReport, type PageReport } from '../messages.js';
import type { Platform } from '../platform/types.js';

export type PageState =
  | { kind: 'loading' }
  /** No content script answered: LureWatch does not run on this page. */
  | { kind: 'unsupported' }
  /** The content script answered; `report` is null before its first scan finished. */
  | { kind: 'page'; report: PageReport | null };

/** A content script that never answers (a frozen tab, a stale script) must not keep the popup waiting. */
const ANSWER_TIMEOUT_MS = 1500;

export async function queryPageState(platform: Platform, timeoutMs = ANSWER_TIMEOUT_MS): Promise<PageState> {
  const tab = await platform.tabs.activeTab().catch(() => undefined);
  if (!tab) return { kind: 'unsupported' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const answer = await Promise.race([platform.tabs.sendMessage(tab.id, { type: 'page-state' }, 0), timeout]);
    if (answer === 'timeout' || answer === undefined) return { kind: 'unsupported' };
    if (answer === null) return { kind: 'page', report: null };
    const report = parseReport(answer);
    return report ? { kind: 'page', report } : { kind: 'unsupported' };
  } catch {
    // "Could not establish connection. Receiving end does not exist.": no content script in this tab.
    return { kind: 'unsupported' };
  } finally {
    clearTimeout(timer);
  }
}
