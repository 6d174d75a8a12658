// The detection core's one entry point: text in, a detection out. Pure: no DOM, no extension API, no I/O, so the
// content script, the scan and eval commands, the benchmarks and the tests all run this very function.

import { adviceFor, CASE_STORIES, type Bilingual, type CaseId, type Family } from './advice.js';
import { scanPhrases, type PhraseHit } from './match/scan.js';
import { moneyHits } from './money.js';
import type { Pack, RuleMeta } from './pack.js';
import { isLureFacet, type Facet } from './rules/schema.js';
import { scoreHits, type ScoreInput } from './score.js';
import type { Sensitivity, Severity } from './severity.js';
import { categoryFromHits, categoryOfHost, type SiteCategory } from './site.js';

/** Whether the extension shows its banner for a detection (defined with the severities, for the content script). */
export { showsBanner } from './severity.js';

export interface Evidence {
  rule: string;
  facet: Facet;
  /** The matched text exactly as on the page, and its offsets there (end exclusive). */
  quote: string;
  start: number;
  end: number;
  /** A short stretch of the text around the quote, white space collapsed, for the banner. */
  context: string;
}

export interface Detection {
  severity: Severity;
  score: number;
  /** Families with a combination at info or above, strongest first. */
  families: Family[];
  /** Every rule that fired anywhere in the text, in order of first occurrence. */
  rules: string[];
  /** 1-3 snippets from the strongest combination. */
  evidence: Evidence[];
  resembles: CaseId | null;
  combination: string | null;
  category: SiteCategory;
  story: Bilingual | null;
  advice: Bilingual | null;
}

export interface DetectOptions {
  sensitivity?: Sensitivity;
  hostname?: string;
  /** The site's category when the caller knows it better than the hostname list (the corpus, tests). */
  category?: SiteCategory;
  /** Families the person has switched off are not reported. */
  families?: Partial<Record<Family, boolean>>;
}

/** The pack comes from `await shippedPack()` (or loadPack for another rule set). */
export function detect(text: string, options: DetectOptions, pack: Pack): Detection {
  return detectFromHits(text, scanText(text, pack), options, pack);
}

/** Every hit the scorer reads: the automaton's phrases and the currency amounts it cannot see (money.ts). */
export function scanText(text: string, pack: Pack): PhraseHit[] {
  const hits = scanPhrases(text, pack);
  for (const hit of moneyHits(text, pack)) hits.push(hit);
  return hits;
}

/** For callers that already have the hits (the content script scans changed text only). */
export function detectFromHits(
  text: string,
  hits: readonly PhraseHit[],
  options: DetectOptions,
  pack: Pack,
  /** What a stream keeps between calls: its concepts and the text signal of windows scored before (score.ts). */
  memo?: Pick<ScoreInput, 'signals' | 'concepts'>,
): Detection {
  // The disclosure family shares the pack; a lure finding never names its rules (see core/disclosure.ts). The
  // scorer leaves them out itself, and keeps the hits' indexes.
  const all = hits;
  hits = hits.filter((hit) => isLureFacet(pack.rules[hit.rule]!.facet));
  const sensitivity = options.sensitivity ?? 'medium';
  const hostCategory = options.category ?? categoryOfHost(options.hostname);
  const category = hostCategory !== 'other' ? hostCategory : categoryFromHits(hits, pack.rules);
  const results = scoreHits({ text, hits: all, rules: pack.rules, fold: pack.fold, sensitivity, ...memo }).filter(
    (result) => options.families?.[result.family] !== false,
  );
  const fired = firedRules(hits, pack.rules);
  const top = results[0];
  if (!top || top.severity === 'none') {
    return {
      severity: 'none',
      score: top?.score ?? 0,
      families: [],
      rules: fired,
      evidence: [],
      resembles: null,
      combination: null,
      category,
      story: null,
      advice: null,
    };
  }
  return {
    severity: top.severity,
    score: top.score,
    families: results.filter((result) => result.severity !== 'none').map((result) => result.family),
    rules: fired,
    evidence: top.members.slice(0, 3).map((hit) => evidenceOf(text, hit, pack.rules[hit.rule]!)),
    resembles: top.story,
    combination: top.combination,
    category,
    story: CASE_STORIES[top.story],
    advice: adviceFor(top.story, top.family),
  };
}


/** The rules that fired, by their first occurrence. Linear in the hits: a chat page asks this after every message. */
function firedRules(hits: readonly PhraseHit[], rules: readonly RuleMeta[]): string[] {
  const first = new Map<number, number>();
  for (const hit of hits) {
    const seen = first.get(hit.rule);
    if (seen === undefined || hit.start < seen) first.set(hit.rule, hit.start);
  }
  return [...first].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([rule]) => rules[rule]!.id);
}

/** Characters of context on each side: Chinese says in 24 characters what English says in 60. */
const CONTEXT_CHARS = 60;
const CONTEXT_CHARS_HAN = 24;
const HAN = /\p{Script=Han}/u;

function evidenceOf(text: string, hit: PhraseHit, rule: RuleMeta): Evidence {
  if (!isLureFacet(rule.facet)) throw new Error(`rule ${rule.id} is not a lure rule`);
  const start = rule.facet === 'pay' ? amountStart(text, hit.start) : numberStart(text, hit.start);
  return {
    rule: rule.id,
    facet: rule.facet,
    quote: text.slice(start, hit.end),
    start,
    end: hit.end,
    context: contextAround(text, start, hit.end),
  };
}

/**
 * Where the written number a quote starts in begins: folding reads "2,500" as two numbers (a comma separates), so a
 * phrase such as "<number> per report" matches at "500"; the person should see "2,500 per report".
 */
function numberStart(text: string, start: number): number {
  const digit = (i: number): boolean => i >= 0 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57;
  if (!digit(start)) return start;
  let at = start;
  for (;;) {
    if (digit(at - 1)) at--;
    else if ((text[at - 1] === ',' || text[at - 1] === '.') && digit(at - 2)) at -= 2;
    else return at;
  }
}

/**
 * Where the amount a pay quote belongs to begins: "per report" right after "USD 2,500" or "$2,500" is quoted as
 * the whole "$2,500 per report".
 */
function amountStart(text: string, start: number): number {
  let at = start;
  if (!isDigit(text, at)) {
    const before = text[at - 1] === ' ' ? at - 1 : at;
    if (!isDigit(text, before - 1)) return start;
    at = before - 1;
  }
  at = numberStart(text, at);
  if (/[$€£¥￥]/.test(text[at - 1] ?? '')) at--;
  else if (/(USD|EUR|GBP|RMB|CNY) $/i.test(text.slice(Math.max(0, at - 4), at))) at -= 4;
  return at;
}

const isDigit = (text: string, i: number): boolean => i >= 0 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57;

/** Up to CONTEXT_CHARS on each side, cut at white space where there is some, never inside a surrogate pair. */
export function contextAround(text: string, start: number, end: number): string {
  const reach = HAN.test(text.slice(start, end)) ? CONTEXT_CHARS_HAN : CONTEXT_CHARS;
  let from = Math.max(0, start - reach);
  let to = Math.min(text.length, end + reach);
  const space = text.indexOf(' ', from);
  if (from > 0 && space !== -1 && space < start) from = space + 1;
  const lastSpace = text.lastIndexOf(' ', to);
  if (to < text.length && lastSpace >= end) to = lastSpace;
  if (isLowSurrogate(text.charCodeAt(from))) from++;
  if (isLowSurrogate(text.charCodeAt(to))) to--;
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '… ' : ''}${body}${to < text.length ? ' …' : ''}`;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
