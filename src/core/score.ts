// Combinations, not keywords. Official warnings and news about cases contain every keyword, so no single phrase
// raises a banner: a lure is a set of facets that co-occur within a window of the folded text (an offer, a
// sensitive identity and a request, say), weighed down by awareness and legitimacy context.

import type { CaseId, Family } from './advice.js';
import type { PhraseHit } from './match/scan.js';
import type { RuleMeta } from './pack.js';
import { FACETS, isLureFacet, type Facet, type RuleFacet, type Source } from './rules/schema.js';
import type { SiteCategory } from './site.js';

export const SEVERITIES = ['none', 'info', 'caution', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SENSITIVITIES = ['low', 'medium', 'high'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Score thresholds for info, caution and warning. */
export const THRESHOLDS: Record<Sensitivity, readonly [number, number, number]> = {
  low: [4, 8, 11],
  medium: [3, 6, 9],
  high: [2, 4.5, 7],
};

/** Facets are summed over distinct rules within a window, then capped so one facet cannot carry a combination. */
const FACET_CAP = 4;
const BONUS_CAP = 2;
/** Window width in folded units: a paragraph or a short chat exchange. Chinese is denser, so its window is shorter. */
const WINDOW_EN = 900;
const WINDOW_ZH = 360;
/** Prior for a combination on the kind of site it was seen on in the cases (loan offer on a loan site, ...). */
const CATEGORY_PRIOR = 1.25;

interface Combination {
  id: string;
  family: Family;
  /** Facets that must all be present, with their minimum summed weight (default 1). */
  needs: Partial<Record<Facet, number>>;
  /** Facets that add half their weight when present. */
  bonus: Facet[];
  /** The case told; where there are several, the rules' sources choose (the first when they do not). */
  story: CaseId | readonly CaseId[];
  /** Scales the summed facets so that two-facet combinations land in the same range as three-facet ones. */
  scale: number;
  /** Site categories where this combination was the channel in the cases. */
  home: SiteCategory[];
  /** How many ordinary windows the combination may span: a hobby-group grooming runs over a long thread. */
  span: number;
}

const COMBINATIONS: readonly Combination[] = [
  {
    id: 'offer-target-request',
    family: 'espionage',
    needs: { offer: 1, target: 1, request: 1 },
    bonus: ['secrecy', 'channel'],
    story: ['xiao', 'wang'],
    scale: 1,
    span: 1,
    home: ['loan', 'recruitment'],
  },
  {
    // Generous pay to a defence insider who should keep it from the employer: the consultancy approach.
    id: 'offer-target-secrecy',
    family: 'espionage',
    needs: { offer: 2, target: 2, secrecy: 1 },
    bonus: ['channel', 'request'],
    story: ['wang', 'xiao'],
    scale: 1,
    span: 1,
    home: ['recruitment', 'loan'],
  },
  {
    id: 'nearby-request',
    family: 'espionage',
    needs: { proximity: 1, request: 1 },
    bonus: ['romance', 'offer', 'secrecy', 'channel'],
    story: 'liu',
    scale: 1.3,
    span: 1,
    home: ['dating', 'social'],
  },
  {
    id: 'hobby-insider',
    family: 'espionage',
    needs: { hobby: 1, target: 1, request: 1 },
    bonus: ['secrecy', 'channel', 'offer'],
    story: 'zhang',
    scale: 1,
    span: 3,
    home: ['social'],
  },
  {
    id: 'paid-collection',
    family: 'espionage',
    needs: { offer: 2, request: 3 },
    bonus: ['secrecy', 'channel'],
    story: 'collection',
    scale: 1.3,
    span: 1,
    home: ['recruitment', 'social'],
  },
  {
    id: 'handler',
    family: 'espionage',
    needs: { target: 2, request: 2, secrecy: 1 },
    bonus: ['channel', 'offer'],
    story: 'handler',
    scale: 1,
    span: 3,
    home: ['social', 'recruitment'],
  },
  {
    id: 'overseas-bait',
    family: 'fraud',
    needs: { overseas: 2, offer: 1 },
    bonus: ['scam', 'channel', 'secrecy'],
    story: 'overseas',
    scale: 1.3,
    span: 1,
    home: ['recruitment'],
  },
  {
    id: 'scam-offer',
    family: 'fraud',
    needs: { scam: 2, offer: 1 },
    bonus: ['channel', 'secrecy', 'overseas'],
    story: 'scam',
    scale: 1.3,
    span: 1,
    home: ['loan', 'recruitment'],
  },
  {
    id: 'offer-off-platform',
    family: 'fraud',
    needs: { offer: 2, channel: 1, scam: 1 },
    bonus: ['secrecy'],
    story: 'scam',
    scale: 1,
    span: 1,
    home: ['loan', 'recruitment'],
  },
];

const SOURCE_CASE: Partial<Record<Source, CaseId>> = {
  'case:xiao': 'xiao',
  'case:liu': 'liu',
  'case:wang': 'wang',
  'case:zhang': 'zhang',
};

export interface FamilyResult {
  family: Family;
  score: number;
  severity: Severity;
  combination: string;
  story: CaseId;
  /** The hits of the window that scored, strongest first, one per facet. */
  members: PhraseHit[];
}

export interface ScoreInput {
  hits: readonly PhraseHit[];
  rules: readonly RuleMeta[];
  category: SiteCategory;
  sensitivity: Sensitivity;
}

const FACET_INDEX = new Map<RuleFacet, number>(FACETS.map((facet, i) => [facet, i]));
const AWARENESS = FACET_INDEX.get('awareness')!;
const LEGIT = FACET_INDEX.get('legit')!;

/** The best-scoring window of each family, strongest family first; families with no combination are left out. */
export function scoreHits(input: ScoreInput): FamilyResult[] {
  const { rules, category, sensitivity } = input;
  // Disclosure rules share the pack but are no lure signal: what a person types about himself is scored elsewhere.
  const hits = input.hits
    .filter((hit) => isLureFacet(rules[hit.rule]!.facet))
    .sort((a, b) => a.foldedStart - b.foldedStart || a.foldedEnd - b.foldedEnd);
  const awarenessInDocument = documentSum(hits, rules, AWARENESS);
  const best = new Map<Family, FamilyResult>();

  for (const span of new Set(COMBINATIONS.map((c) => c.span))) {
    const combinations = COMBINATIONS.filter((c) => c.span === span);
    slideWindows(hits, rules, span, (sums, left, right) => {
      for (const combination of combinations) {
        const score = scoreWindow(combination, sums, awarenessInDocument, category);
        if (score === null) continue;
        const previous = best.get(combination.family);
        if (previous && previous.score >= score) continue;
        const window = hits.slice(left, right);
        best.set(combination.family, {
          family: combination.family,
          score,
          severity: severityOf(score, sensitivity, awarenessInDocument),
          combination: combination.id,
          story: storyOf(combination, window, rules),
          members: membersOf(combination, window, rules),
        });
      }
    });
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/**
 * Slides a window over the hits (sorted by position), calling `visit` with the facet sums of distinct rules for
 * every window that starts at a hit. Linear in the number of hits.
 */
function slideWindows(
  hits: readonly PhraseHit[],
  rules: readonly RuleMeta[],
  span: number,
  visit: (sums: Float64Array, left: number, right: number) => void,
): void {
  const ruleCount = new Int32Array(rules.length);
  const sums = new Float64Array(FACETS.length);
  let right = 0;
  for (let left = 0; left < hits.length; left++) {
    const start = hits[left]!.foldedStart;
    const width = span * (rules[hits[left]!.rule]!.lang === 'zh' ? WINDOW_ZH : WINDOW_EN);
    while (right < hits.length && hits[right]!.foldedStart - start <= width) {
      const index = hits[right]!.rule;
      const count = ruleCount[index]!;
      ruleCount[index] = count + 1;
      // A rule counts once per window however often it fires: repetition is not corroboration.
      if (count === 0) sums[FACET_INDEX.get(rules[index]!.facet)!]! += rules[index]!.weight;
      right++;
    }
    visit(sums, left, right);
    // Slide: the left hit leaves the window.
    const leaving = hits[left]!.rule;
    ruleCount[leaving] = ruleCount[leaving]! - 1;
    if (ruleCount[leaving] === 0) sums[FACET_INDEX.get(rules[leaving]!.facet)!]! -= rules[leaving]!.weight;
  }
}

function scoreWindow(
  combination: Combination,
  sums: Float64Array,
  awarenessInDocument: number,
  category: SiteCategory,
): number | null {
  let score = 0;
  for (const [facet, minimum] of Object.entries(combination.needs) as Array<[Facet, number]>) {
    const value = sums[FACET_INDEX.get(facet)!]!;
    if (value < minimum) return null;
    score += Math.min(value, FACET_CAP);
  }
  score *= combination.scale;
  for (const facet of combination.bonus) score += Math.min(sums[FACET_INDEX.get(facet)!]!, BONUS_CAP) / 2;
  // Legitimate-offer markers and awareness wording near the signals weigh against them.
  score -= 1.5 * Math.min(sums[LEGIT]!, FACET_CAP);
  score -= Math.min(Math.max(sums[AWARENESS]!, awarenessInDocument / 2), FACET_CAP);
  if (combination.home.includes(category)) score *= CATEGORY_PRIOR;
  return Math.round(Math.max(score, 0) * 100) / 100;
}

/** Awareness context anywhere in the page: reporting of cases, arrests, hotlines. */
function documentSum(hits: readonly PhraseHit[], rules: readonly RuleMeta[], facet: number): number {
  const seen = new Set<number>();
  let sum = 0;
  for (const hit of hits) {
    const rule = rules[hit.rule]!;
    if (FACET_INDEX.get(rule.facet) === facet && !seen.has(hit.rule)) {
      seen.add(hit.rule);
      sum += rule.weight;
    }
  }
  return sum;
}

export function severityOf(score: number, sensitivity: Sensitivity, awarenessInDocument = 0): Severity {
  const [info, caution, warning] = THRESHOLDS[sensitivity];
  let severity: Severity = score >= warning ? 'warning' : score >= caution ? 'caution' : score >= info ? 'info' : 'none';
  // A page that reports cases in the third person (like the source article) informs; it is not a lure.
  if (awarenessInDocument >= 4 && (severity === 'caution' || severity === 'warning')) severity = 'info';
  return severity;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Whether a finding of this severity shows the banner: caution and warning do, info does not. */
export function showsBanner(finding: { severity: Severity }): boolean {
  return severityRank(finding.severity) >= severityRank('caution');
}

/** The case the window resembles most: where the combination has several, by the sources of its rules. */
function storyOf(combination: Combination, window: readonly PhraseHit[], rules: readonly RuleMeta[]): CaseId {
  if (typeof combination.story === 'string') return combination.story;
  const candidates = combination.story;
  const votes = new Map<CaseId, number>();
  const counted = new Set<number>();
  for (const hit of window) {
    if (counted.has(hit.rule)) continue;
    counted.add(hit.rule);
    const rule = rules[hit.rule]!;
    const story = SOURCE_CASE[rule.source];
    if (story && candidates.includes(story)) votes.set(story, (votes.get(story) ?? 0) + rule.weight);
  }
  let chosen = candidates[0]!;
  for (const story of candidates) if ((votes.get(story) ?? 0) > (votes.get(chosen) ?? 0)) chosen = story;
  return chosen;
}

/** One hit per facet of the combination (the heaviest, then the earliest), needed facets first. */
function membersOf(combination: Combination, window: readonly PhraseHit[], rules: readonly RuleMeta[]): PhraseHit[] {
  const order = [...(Object.keys(combination.needs) as Facet[]), ...combination.bonus];
  const members: PhraseHit[] = [];
  for (const facet of order) {
    let chosen: PhraseHit | undefined;
    for (const hit of window) {
      const rule = rules[hit.rule]!;
      if (rule.facet !== facet) continue;
      if (!chosen || rule.weight > rules[chosen.rule]!.weight) chosen = hit;
    }
    if (chosen) members.push(chosen);
  }
  return members;
}
