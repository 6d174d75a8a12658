// Typed runtime messages, one union per direction. Everything received is validated as untrusted: a content
// script runs next to page code, so the background checks shape, sizes and enumerations before acting.
import { CASES, type Bilingual, type CaseId, type Family } from './core/advice.js';
import { DISCLOSURE_KINDS, MAX_FIELD_CHARS, type DisclosureKind } from './core/disclosure.js';
import { FACETS, type Facet } from './core/rules/schema.js';
import { SEVERITIES, type Sensitivity, type Severity } from './core/severity.js';
import { CATEGORIES, type SiteCategory } from './core/categories.js';
import { restoreWide } from './narrow-text.js';
import { parseChange, type SettingsChange } from './settings/change.js';

/** What the background's matcher found in a frame's text: a detection, reduced to what the page shows. */
export interface Finding {
  category: SiteCategory;
  severity: Severity;
  score: number;
  families: Family[];
  resembles: CaseId | null;
  /** Offsets are in the frame's text stream, so the page can highlight the very text nodes. */
  evidence: Array<{ rule: string; facet: Facet; quote: string; context: string; start: number; end: number }>;
  rules: string[];
}

/** What a frame found, as the popup and the badge show it. */
export interface PageReport extends Omit<Finding, 'evidence'> {
  host: string;
  evidence: Array<{ rule: string; facet: Facet; quote: string; context: string }>;
  /** Why no banner shows although one could: the person's own choices. */
  quietBecause: 'disabled' | 'snoozed' | 'site' | 'scope' | 'dismissed' | 'false-alarm' | null;
}

/**
 * A frame's new text for the background's matcher (see background/matching.ts). `stream` names the frame's
 * document; `base` is the length the frame believes the background holds, so a background that restarted (and
 * forgot) or fell behind says `resync` instead of scoring half a page. `reset` starts the stream afresh. The
 * background scores with its own copy of the settings: a quiet page never reads them (see content/page.ts).
 */
export interface ScanMessage {
  type: 'scan';
  stream: string;
  reset: boolean;
  base: number;
  chunks: string[];
  /**
   * The last chunk is cut short (a huge survey goes out in parts, so that no message is a long task to serialise):
   * the background holds it, and the next request's first chunk continues it.
   */
  open: boolean;
  host: string;
}
/** What the matcher scores: a frame's message, with the settings the background holds. */
export interface ScanRequest extends ScanMessage {
  sensitivity: Sensitivity;
  families: Partial<Record<Family, boolean>>;
}
/** `held`: the part of a chunk was kept for its rest (ScanRequest.open); the page is scored once it is whole. */
export type ScanAnswer = { status: 'found'; finding: Finding } | { status: 'held' } | { status: 'resync' };

/** The hint for a field's text, already in both languages; null when there is nothing to say. */
export interface FieldHint {
  kind: DisclosureKind;
  quote: string;
  why: Bilingual;
  safer: Bilingual;
  /** For "Was this wrong?": the score a false-alarm mark is kept with, and the rule ids a report names. */
  score: number;
  rules: string[];
}

export type ToBackground =
  /** `fresh`: the frame's first report on this page (the top frame's starts the tab's findings afresh). */
  | { type: 'report'; report: PageReport; fresh: boolean }
  | { type: 'banner-shown' }
  | { type: 'settings-change'; change: SettingsChange }
  /** `wrong`: "Was this wrong?", a false-alarm mark; kept like a dismissal, as the page's hash and the score. */
  | { type: 'dismiss'; page: string; score: number; wrong: boolean }
  | { type: 'open-settings' }
  | { type: 'week-count' }
  /** A post hint was shown: only this fact travels, never the field's text. */
  | { type: 'hint-shown' }
  | { type: 'hint-week-count' }
  | ScanMessage
  /** The focused field's text, checked in memory and dropped: never stored, never sent anywhere else. */
  | { type: 'check-field'; text: string; host: string };

export type ToContent =
  | { type: 'frame-report'; report: PageReport; frameId: number }
  | { type: 'page-state' }
  /** To every frame of every tab: score again, and read the settings afresh when a finding needs them. */
  | { type: 'settings-changed' };

const MAX_TEXT = 400;
const MAX_ITEMS = 50;
/** A frame reads at most 2,000,000 characters (content/page.ts); separators and slack on top. */
export const MAX_STREAM_CHARS = 4_000_000;

export function parseToBackground(value: unknown): ToBackground | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'report': {
      const report = parseReport(value.report);
      return report ? { type: 'report', report, fresh: value.fresh === true } : null;
    }
    case 'settings-change': {
      const change = parseChange(value.change);
      return change ? { type: 'settings-change', change } : null;
    }
    case 'dismiss':
      // `wrong` is absent from a plain dismissal; present, it must be a boolean.
      return typeof value.page === 'string' && /^[0-9a-f]{16}$/.test(value.page) && isScore(value.score) &&
        (value.wrong === undefined || typeof value.wrong === 'boolean')
        ? { type: 'dismiss', page: value.page, score: value.score, wrong: value.wrong === true }
        : null;
    case 'scan':
      return parseScan(value);
    case 'check-field':
      return typeof value.text === 'string' && isHost(value.host)
        ? { type: 'check-field', text: value.text.slice(0, MAX_FIELD_CHARS), host: value.host }
        : null;
    case 'banner-shown':
    case 'open-settings':
    case 'week-count':
    case 'hint-shown':
    case 'hint-week-count':
      return { type: value.type };
    default:
      return null;
  }
}

export function parseToContent(value: unknown): ToContent | null {
  if (!isRecord(value)) return null;
  if (value.type === 'page-state' || value.type === 'settings-changed') return { type: value.type };
  if (value.type === 'frame-report' && Number.isInteger(value.frameId)) {
    const report = parseReport(value.report);
    return report ? { type: 'frame-report', report, frameId: value.frameId as number } : null;
  }
  return null;
}

function parseScan(v: Record<string, unknown>): ScanMessage | null {
  if (typeof v.stream !== 'string' || !/^[0-9a-z]{8,40}$/.test(v.stream) || typeof v.reset !== 'boolean') return null;
  if (!Number.isSafeInteger(v.base) || (v.base as number) < 0 || (v.base as number) > MAX_STREAM_CHARS) return null;
  if (!Array.isArray(v.chunks) || !v.chunks.every((chunk) => typeof chunk === 'string') || typeof v.open !== 'boolean') return null;
  let chunks = v.chunks as string[];
  if (v.wide !== undefined) {
    // The wide spans went aside (narrow-text.ts): put them back, exactly where they were blanked, or refuse.
    if (!Array.isArray(v.wide) || !v.wide.every((n) => Number.isSafeInteger(n)) || typeof v.aside !== 'string') return null;
    const restored = restoreWide(chunks, v.wide as number[], v.aside);
    if (!restored) return null;
    chunks = restored;
  }
  if (chunks.reduce((sum, chunk) => sum + chunk.length + 1, v.base as number) > MAX_STREAM_CHARS) return null;
  if (!isHost(v.host)) return null;
  return { type: 'scan', stream: v.stream, reset: v.reset, base: v.base as number, chunks, open: v.open, host: v.host };
}

/** The finding fields of a report or of a scan answer; null when any is malformed. */
function parseFindingFields(v: Record<string, unknown>): Omit<Finding, 'evidence'> | null {
  if (!oneOf(CATEGORIES, v.category) || !oneOf(SEVERITIES, v.severity) || !isScore(v.score)) return null;
  if (!Array.isArray(v.families) || !v.families.every((f) => f === 'espionage' || f === 'fraud')) return null;
  if (v.resembles !== null && !oneOf(CASES, v.resembles)) return null;
  if (!isRuleList(v.rules)) return null;
  return {
    category: v.category,
    severity: v.severity,
    score: v.score,
    families: v.families as Family[],
    resembles: v.resembles as CaseId | null,
    rules: v.rules as string[],
  };
}

function parseEvidence(value: unknown, withOffsets: boolean): Finding['evidence'] | null {
  if (!Array.isArray(value) || value.length > 3) return null;
  const evidence: Finding['evidence'] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item.rule !== 'string' || !oneOf(FACETS, item.facet)) return null;
    if (typeof item.quote !== 'string' || typeof item.context !== 'string') return null;
    const start = withOffsets ? item.start : 0;
    const end = withOffsets ? item.end : 0;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || (start as number) < 0 || (end as number) < (start as number)) return null;
    evidence.push({
      rule: item.rule.slice(0, 80),
      facet: item.facet,
      quote: item.quote.slice(0, MAX_TEXT),
      context: item.context.slice(0, MAX_TEXT),
      start: start as number,
      end: end as number,
    });
  }
  return evidence;
}

export function parseReport(value: unknown): PageReport | null {
  if (!isRecord(value)) return null;
  const v = value;
  if (!isHost(v.host)) return null;
  const fields = parseFindingFields(v);
  const evidence = parseEvidence(v.evidence, false);
  if (!fields || !evidence) return null;
  const quiet = [null, 'disabled', 'snoozed', 'site', 'scope', 'dismissed', 'false-alarm'];
  if (!quiet.includes(v.quietBecause as string | null)) return null;
  return {
    host: v.host,
    ...fields,
    evidence: evidence.map(({ rule, facet, quote, context }) => ({ rule, facet, quote, context })),
    quietBecause: v.quietBecause as PageReport['quietBecause'],
  };
}

/** The background's answer to a scan, checked like everything that crosses a context boundary. */
export function parseScanAnswer(value: unknown): ScanAnswer | null {
  if (!isRecord(value)) return null;
  if (value.status === 'resync' || value.status === 'held') return { status: value.status };
  if (value.status !== 'found' || !isRecord(value.finding)) return null;
  const fields = parseFindingFields(value.finding);
  const evidence = parseEvidence(value.finding.evidence, true);
  return fields && evidence ? { status: 'found', finding: { ...fields, evidence } } : null;
}

export function parseFieldHint(value: unknown): FieldHint | null {
  if (!isRecord(value) || !oneOf(DISCLOSURE_KINDS, value.kind) || typeof value.quote !== 'string' || !isScore(value.score)) return null;
  if (!isRuleList(value.rules)) return null;
  const why = bilingual(value.why);
  const safer = bilingual(value.safer);
  return why && safer ? { kind: value.kind, quote: value.quote.slice(0, MAX_TEXT), why, safer, score: value.score, rules: value.rules } : null;
}

function isRuleList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_ITEMS && value.every((r) => typeof r === 'string' && r.length <= 80);
}
function bilingual(value: unknown): Bilingual | null {
  return isRecord(value) && typeof value.en === 'string' && typeof value.zh === 'string' ? { en: value.en, zh: value.zh } : null;
}
function isHost(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e6;
}
function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
