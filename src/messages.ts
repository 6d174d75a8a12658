// Typed runtime messages, one union per direction. Everything received is validated as untrusted: a content
// script runs next to page code, so the background checks shape, sizes and enumerations before acting.
import { CASES, type CaseId, type Family } from './core/advice.js';
import { FACETS, type Facet } from './core/rules/schema.js';
import { SEVERITIES, type Severity } from './core/score.js';
import { CATEGORIES, type SiteCategory } from './core/site.js';
import { parseChange, type SettingsChange } from './settings/change.js';

/** What a frame found, as the popup and the badge show it. */
export interface PageReport {
  host: string;
  category: SiteCategory;
  severity: Severity;
  score: number;
  families: Family[];
  resembles: CaseId | null;
  evidence: Array<{ rule: string; facet: Facet; quote: string; context: string }>;
  rules: string[];
  /** Why no banner shows although one could: the person's own choices. */
  quietBecause: 'disabled' | 'snoozed' | 'site' | 'scope' | 'dismissed' | null;
}

export type ToBackground =
  | { type: 'report'; report: PageReport }
  | { type: 'banner-shown' }
  | { type: 'settings-change'; change: SettingsChange }
  | { type: 'dismiss'; page: string; score: number }
  | { type: 'open-settings' }
  | { type: 'week-count' }
  /** A post hint was shown: only this fact travels, never the field's text. */
  | { type: 'hint-shown' }
  | { type: 'hint-week-count' };

export type ToContent = { type: 'frame-report'; report: PageReport; frameId: number } | { type: 'page-state' };

const MAX_TEXT = 400;
const MAX_ITEMS = 50;

export function parseToBackground(value: unknown): ToBackground | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'report': {
      const report = parseReport(value.report);
      return report ? { type: 'report', report } : null;
    }
    case 'settings-change': {
      const change = parseChange(value.change);
      return change ? { type: 'settings-change', change } : null;
    }
    case 'dismiss':
      return typeof value.page === 'string' && /^[0-9a-f]{16}$/.test(value.page) && isScore(value.score)
        ? { type: 'dismiss', page: value.page, score: value.score }
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
  if (value.type === 'page-state') return { type: 'page-state' };
  if (value.type === 'frame-report' && Number.isInteger(value.frameId)) {
    const report = parseReport(value.report);
    return report ? { type: 'frame-report', report, frameId: value.frameId as number } : null;
  }
  return null;
}

export function parseReport(value: unknown): PageReport | null {
  if (!isRecord(value)) return null;
  const v = value;
  if (typeof v.host !== 'string' || v.host.length > 253) return null;
  if (!oneOf(CATEGORIES, v.category) || !oneOf(SEVERITIES, v.severity) || !isScore(v.score)) return null;
  if (!Array.isArray(v.families) || !v.families.every((f) => f === 'espionage' || f === 'fraud')) return null;
  if (v.resembles !== null && !oneOf(CASES, v.resembles)) return null;
  if (!Array.isArray(v.rules) || v.rules.length > MAX_ITEMS || !v.rules.every((r) => typeof r === 'string' && r.length <= 80)) return null;
  if (!Array.isArray(v.evidence) || v.evidence.length > 3) return null;
  const evidence: PageReport['evidence'] = [];
  for (const item of v.evidence) {
    if (!isRecord(item) || typeof item.rule !== 'string' || !oneOf(FACETS, item.facet)) return null;
    if (typeof item.quote !== 'string' || typeof item.context !== 'string') return null;
    evidence.push({ rule: item.rule.slice(0, 80), facet: item.facet, quote: item.quote.slice(0, MAX_TEXT), context: item.context.slice(0, MAX_TEXT) });
  }
  const quiet = [null, 'disabled', 'snoozed', 'site', 'scope', 'dismissed'];
  if (!quiet.includes(v.quietBecause as string | null)) return null;
  return {
    host: v.host,
    category: v.category,
    severity: v.severity,
    score: v.score,
    families: v.families as Family[],
    resembles: v.resembles as CaseId | null,
    evidence,
    rules: v.rules as string[],
    quietBecause: v.quietBecause as PageReport['quietBecause'],
  };
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
