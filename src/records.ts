// Small local records shared by the background (which writes them) and the content script and popup (which read
// them): banners and post hints shown per day (for "this week" in the popup) and dismissed pages. Pages are kept as
// a hash of their address, never the address, with their score, so a stronger lure can still be shown. A page the
// person marked as a false alarm ("Was this wrong?") is a dismissal with a flag: the same hash, score and time, so
// it follows the same "stronger by" rule. Post hints are a number per day and nothing else: what the person typed is
// never stored, not even as a hash.
import type { Platform } from './platform/types.js';

export const STATS_KEY = 'stats';
export const HINT_STATS_KEY = 'hintStats';
export const DISMISSED_KEY = 'dismissed';
const KEEP_DAYS = 8;
const MAX_DISMISSED = 500;
const DISMISSAL_DAYS = 30;
const DAY = 86_400_000;

/** A dismissed banner (or post hint) comes back on the same page only when the score rises by this much. */
export const STRONGER_BY = 3;

type DailyCounts = Record<string, number>;
/** `wrong`: the person said the banner or hint was a false alarm, not only that they had seen it. */
export interface Dismissal {
  score: number;
  at: number;
  wrong: boolean;
}
type Dismissals = Record<string, Dismissal>;

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

export async function addDismissal(platform: Platform, page: string, score: number, now: number, wrong = false): Promise<void> {
  const dismissed = asDismissals(await platform.storage.get(DISMISSED_KEY));
  // A false-alarm mark outlives a later plain dismissal of the same page: the person's judgement still stands.
  dismissed[page] = { score, at: now, wrong: wrong || dismissed[page]?.wrong === true };
  const kept = Object.entries(dismissed)
    .filter(([, d]) => now - d.at < DISMISSAL_DAYS * DAY)
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, MAX_DISMISSED)
    // Stored as before false-alarm marks existed, the flag only where it is set.
    .map(([key, d]) => [key, d.wrong ? { score: d.score, at: d.at, wrong: true } : { score: d.score, at: d.at }] as const);
  await platform.storage.set({ [DISMISSED_KEY]: Object.fromEntries(kept) });
}

/** The score at which this page was dismissed, or null. */
export function dismissedScore(stored: unknown, page: string): number | null {
  return asDismissals(stored)[page]?.score ?? null;
}

/** This page's dismissal (or false-alarm mark), or null. */
export function dismissalOf(stored: unknown, page: string): Dismissal | null {
  return asDismissals(stored)[page] ?? null;
}

/** Whether a finding of `score` stays away on a page dismissed at `dismissedAt`: only a clearly stronger one shows. */
export function keptAway(dismissedAt: number | null, score: number): boolean {
  return dismissedAt !== null && score < dismissedAt + STRONGER_BY;
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
    const entry = d as { score?: unknown; at?: unknown; wrong?: unknown } | null;
    // Entries written before false-alarm marks existed have no `wrong`; any value but true reads as a plain dismissal,
    // so a damaged flag costs the mark's wording, never the dismissal itself.
    if (/^[0-9a-f]{16}$/.test(page) && typeof entry?.score === 'number' && typeof entry.at === 'number') {
      out[page] = { score: entry.score, at: entry.at, wrong: entry.wrong === true };
    }
  }
  return out;
}

/**
 * The key of a page's post hint marks: a hash of the address with a prefix, so that a post hint marked as a false
 * alarm does not silence the page's banner (and the other way round).
 */
export function hintPageKey(url: string): string {
  return pageKey(`hint ${url}`);
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
