// Small local records shared by the background (which writes them) and the content script and popup (which read
// them): banners and post hints shown per day (for "this week" in the popup) and dismissed pages. Pages are kept as
// a hash of their address, never the address, with their score, so a stronger lure can still be shown. Post hints
// are a number per day and nothing else: what the person typed is never stored, not even as a hash.
import type { Platform } from './platform/types.js';

export const STATS_KEY = 'stats';
export const HINT_STATS_KEY = 'hintStats';
export const DISMISSED_KEY = 'dismissed';
const KEEP_DAYS = 8;
const MAX_DISMISSED = 500;
const DISMISSAL_DAYS = 30;
const DAY = 86_400_000;

type DailyCounts = Record<string, number>;
type Dismissals = Record<string, { score: number; at: number }>;

export function dayKey(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export function countBanner(platform: Platform, now: number): Promise<void> {
  return countToday(platform, STATS_KEY, now);
}

/** Banners shown in the last seven days, today included. */
export function weekCount(platform: Platform, now: number): Promise<number> {
  return countWeek(platform, STATS_KEY, now);
}

/** One more post hint shown today: a number, nothing about the field or its text. */
export function countHint(platform: Platform, now: number): Promise<void> {
  return countToday(platform, HINT_STATS_KEY, now);
}

/** Post hints shown in the last seven days, today included. */
export function hintWeekCount(platform: Platform, now: number): Promise<number> {
  return countWeek(platform, HINT_STATS_KEY, now);
}

async function countToday(platform: Platform, key: string, now: number): Promise<void> {
  const days = asCounts(await platform.storage.get(key));
  const today = dayKey(now);
  days[today] = (days[today] ?? 0) + 1;
  const oldest = dayKey(now - KEEP_DAYS * DAY);
  for (const day of Object.keys(days)) if (day < oldest) delete days[day];
  await platform.storage.set({ [key]: days });
}

async function countWeek(platform: Platform, key: string, now: number): Promise<number> {
  const days = asCounts(await platform.storage.get(key));
  const from = dayKey(now - 6 * DAY);
  return Object.entries(days).reduce((sum, [day, n]) => (day >= from ? sum + n : sum), 0);
}

export async function addDismissal(platform: Platform, page: string, score: number, now: number): Promise<void> {
  const dismissed = asDismissals(await platform.storage.get(DISMISSED_KEY));
  dismissed[page] = { score, at: now };
  const kept = Object.entries(dismissed)
    .filter(([, d]) => now - d.at < DISMISSAL_DAYS * DAY)
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, MAX_DISMISSED);
  await platform.storage.set({ [DISMISSED_KEY]: Object.fromEntries(kept) });
}

/** The score at which this page was dismissed, or null. */
export function dismissedScore(stored: unknown, page: string): number | null {
  return asDismissals(stored)[page]?.score ?? null;
}

function asCounts(value: unknown): DailyCounts {
  const out: DailyCounts = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [day, n] of Object.entries(value)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(day) && Number.isInteger(n) && (n as number) >= 0) out[day] = n as number;
  }
  return out;
}

function asDismissals(value: unknown): Dismissals {
  const out: Dismissals = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [page, d] of Object.entries(value)) {
    const entry = d as { score?: unknown; at?: unknown } | null;
    if (/^[0-9a-f]{16}$/.test(page) && typeof entry?.score === 'number' && typeof entry.at === 'number') {
      out[page] = { score: entry.score, at: entry.at };
    }
  }
  return out;
}

/** A 64-bit FNV-1a hash of a page address, as 16 hex digits: enough to recognize it, not to recover it. */
export function pageKey(url: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
