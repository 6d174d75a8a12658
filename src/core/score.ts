// Combinations, weighed by a fitted model. Official warnings and news about cases contain every keyword, so no
// single phrase raises a banner: each window of the text (a paragraph, or the last several messages of a chat)
// becomes concept, clause-pair and combination features (features.ts), and one logistic model per family, fitted
// on labelled examples by `npm run train`, says how much the window looks like a lure of that family.

import { CASE_FAMILY, type CaseId, type Family } from './advice.js';
import {
  clausePairs,
  conceptHits,
  FEATURE_FACETS,
  featuresOf,
  PAIRS,
  pageContextOf,
  SIGNAL_FEATURES,
  slideWindows,
  type ConceptHit,
  type Concepts,
  type PairEvent,
  type WindowSums,
  type WindowView,
  WINDOW_CHARS,
  WINDOW_CHARS_HAN,
} from './features.js';
import type { FoldTable } from './fold/table.js';
import type { PhraseHit } from './match/scan.js';
import { checkedModel, logit, sigmoid, type CutPoints, type LoadedModel } from './model.js';
import type { RuleMeta } from './pack.js';
import { textSignalOf } from './text-signal.js';
import { FACETS, type Facet } from './rules/schema.js';
import type { Sensitivity, Severity } from './severity.js';

export { SENSITIVITIES, SEVERITIES, severityRank, showsBanner, type Sensitivity, type Severity } from './severity.js';

export interface FamilyResult {
  family: Family;
  /** The window's log-odds, floored at 0: what a dismissal is compared with ("stronger signals"). */
  score: number;
  probability: number;
  severity: Severity;
  /** The feature that weighed most, for tools and tests ("p:media~place"). */
  combination: string;
  story: CaseId;
  /** The hits that explain the finding, strongest reason first, one per concept. */
  members: PhraseHit[];
}

export interface ScoreInput {
  text: string;
  hits: readonly PhraseHit[];
  rules: readonly RuleMeta[];
  /** The pack's fold table: the text signal reads folded text. */
  fold: FoldTable;
  sensitivity: Sensitivity;
  /**
   * The text signal of windows scored before, by their text's range: a stream that only grows (a chat) scores the
   * same windows again and again. Entries stay right as long as the text before their end does not change.
   */
  signals?: Map<string, number>;
  /** The text's concepts when the caller keeps them up to date (a stream); computed from `hits` otherwise. */
  concepts?: Concepts;
}

/**
 * A page that reports cases in the third person (like the source article) informs; it is not a lure. Past this
 * much awareness wording in the whole page (0..1, see documentAwarenessOf) a finding stays at info.
 */
const AWARENESS_CAP = 0.67;

let model: LoadedModel | undefined;

/** How many windows per family may have their text read by the text signal: a second opinion on the best few. */
const SIGNAL_WINDOWS = 6;
/** Text around a window's hits that the text signal reads too: the examples it learned from were whole messages. */
const SIGNAL_MARGIN = 300;

/** The best window of each family, strongest family first; families below info are left out. */
export function scoreHits(input: ScoreInput): FamilyResult[] {
  model ??= checkedModel();
  const m = model;
  const { text, rules, sensitivity } = input;
  const concepts = input.concepts ?? conceptsOf(text, input.hits, rules);
  const { hits, pairs } = concepts;
  const page = concepts.page;
  const families = Object.keys(m.families) as Family[];
  const signalAt = SIGNAL_FEATURES;
  // Every window's concept score, per family, without the text signal (its feature is 0 here).
  const candidates = new Map<Family, Array<{ z: number; view: Snapshot; x: Float64Array }>>(families.map((f) => [f, []]));
  const x = new Float64Array(m.features.length);
  slideWindows(hits, pairs, rules.length, (view) => {
    featuresOf(view.sums, page, 0, x);
    let kept: { view: Snapshot; x: Float64Array } | undefined;
    for (const family of families) {
      const z = logit(m.families[family], x);
      const list = candidates.get(family)!;
      // Keep only the few best: a window that cannot reach them even with the full text signal never will.
      if (list.length >= SIGNAL_WINDOWS && z <= list[list.length - 1]!.z) continue;
      kept ??= { view: snapshot(view), x: Float64Array.from(x) };
      list.push({ z, ...kept });
      list.sort((a, b) => b.z - a.z);
      if (list.length > SIGNAL_WINDOWS) list.pop();
    }
  });
  const signals = input.signals ?? new Map<string, number>();
  const results: FamilyResult[] = [];
  for (const family of families) {
    const weights = m.families[family].weights;
    // No window below this can reach even info at the highest sensitivity: its signal need not be read.
    const floor = logitOf(m.cuts[family].loose / 2);
    // The most the signal can add to any window: it is 0..1 in every feature that reads it.
    const reach = signalAt.reduce((sum, i) => sum + Math.max(weights[i]!, 0), 0);
    let best: { z: number; view: Snapshot; x: Float64Array } | undefined;
    for (const candidate of candidates.get(family)!) {
      // The candidates are sorted: past this one, none can win even with the fullest signal.
      if (best && candidate.z + reach <= best.z) break;
      // What the signal could add to this window (its features gate it): often nothing, and then it is not read.
      const gated = featuresOf(candidate.view.sums, page, 1);
      let room = 0;
      for (const i of signalAt) room += Math.max(weights[i]!, 0) * gated[i]!;
      let signal = 0;
      if (room > 0 && candidate.z + room >= floor && (!best || candidate.z + room > best.z)) {
        const [from, to] = windowRange(text, hits, candidate.view);
        const key = `${from}:${to}`;
        const known = signals.get(key);
        signal = known ?? textSignalOf(text.slice(from, to), input.fold, m.text);
        if (known === undefined) signals.set(key, signal);
      }
      // Only the signal's features change: the rest of the window's features are as computed.
      const features = Float64Array.from(candidate.x);
      const withSignal = featuresOf(candidate.view.sums, page, signal);
      let z = candidate.z;
      for (const i of signalAt) {
        features[i] = withSignal[i]!;
        z += weights[i]! * withSignal[i]!;
      }
      if (!best || z > best.z) best = { z, view: candidate.view, x: features };
    }
    if (!best) continue;
    const probability = sigmoid(best.z);
    const severity = severityOf(probability, m.cuts[family], sensitivity, page.awareness);
    if (severity === 'none') continue;
    const ranked = rankFeatures(m, family, best.x);
    results.push({
      family,
      score: Math.round(Math.max(best.z, 0) * 100) / 100,
      probability,
      severity,
      combination: m.features[ranked[0] ?? 0]!,
      story: storyOf(family, facetsAround(hits, best.view)),
      members: membersOf(ranked, best.view, hits, pairs, input.hits),
    });
  }
  return results.sort((a, b) => b.score - a.score || b.probability - a.probability);
}

function conceptsOf(text: string, phraseHits: readonly PhraseHit[], rules: readonly RuleMeta[]): Concepts {
  const hits = conceptHits(text, phraseHits, rules);
  return { hits, pairs: clausePairs(text, hits), page: pageContextOf(hits) };
}

function logitOf(p: number): number {
  return Math.log(p / (1 - p));
}

/** The text the signal reads for a window: from a little before its first hit to a little after its last. */
function windowRange(text: string, hits: readonly ConceptHit[], view: Snapshot): [number, number] {
  return [Math.max(0, hits[view.left]!.start - SIGNAL_MARGIN), Math.min(text.length, hits[view.right - 1]!.end + SIGNAL_MARGIN)];
}

/**
 * Severity from the probability and the person's sensitivity. The cut points were fitted to false-alarm budgets
 * on look-alikes (model.ts): medium shows a banner at the 1% point, high at the 3% point, low at the 0.3% point.
 */
export function severityOf(probability: number, cuts: CutPoints, sensitivity: Sensitivity, documentAwareness = 0): Severity {
  const [info, caution, warning] =
    sensitivity === 'high'
      ? [cuts.loose / 2, cuts.loose, cuts.medium]
      : sensitivity === 'medium'
        ? [cuts.loose, cuts.medium, cuts.strict]
        : [cuts.medium, cuts.strict, (cuts.strict + 1) / 2];
  let severity: Severity = probability >= warning ? 'warning' : probability >= caution ? 'caution' : probability >= info ? 'info' : 'none';
  if (documentAwareness >= AWARENESS_CAP && (severity === 'caution' || severity === 'warning')) severity = 'info';
  return severity;
}

/** What a window held, kept for the best one: per-facet levels and its hit and pair ranges. */
interface Snapshot {
  sums: WindowSums;
  facets: Float64Array;
  left: number;
  right: number;
  pairLeft: number;
  pairRight: number;
}

function snapshot(view: WindowView): Snapshot {
  const sums = { facets: Float64Array.from(view.sums.facets), pairs: Int32Array.from(view.sums.pairs) };
  return { sums, facets: sums.facets, left: view.left, right: view.right, pairLeft: view.pairLeft, pairRight: view.pairRight };
}

/** Features by what they added to the family's log-odds, largest first; only those that added something. */
function rankFeatures(m: LoadedModel, family: Family, x: Float64Array): number[] {
  const w = m.families[family].weights;
  return [...x.keys()].filter((i) => w[i]! * x[i]! > 0).sort((a, b) => w[b]! * x[b]! - w[a]! * x[a]! || a - b);
}

const FACET_AT = new Map<Facet, number>(FACETS.map((facet, i) => [facet, i]));
/** The facets present in a window and in the window's width of text before it. */
type FacetSet = ReadonlySet<number>;
const has = (facets: FacetSet, facet: Facet): boolean => facets.has(FACET_AT.get(facet)!);

/**
 * The facets a person saw around the winning window: the window itself and the text just before it, where a chat
 * opened with the flirting or the offer. (The window that scores best can start after that opening.)
 */
function facetsAround(hits: readonly ConceptHit[], view: Snapshot): FacetSet {
  const facets = new Set<number>();
  const first = hits[view.left]!;
  const from = first.start - (first.han ? WINDOW_CHARS_HAN : WINDOW_CHARS);
  for (let k = view.left; k >= 0 && hits[k]!.start >= from; k--) facets.add(hits[k]!.facet);
  for (let k = view.left; k < view.right; k++) facets.add(hits[k]!.facet);
  return facets;
}

/** The case or pattern the window resembles, from the concepts it holds. */
function storyOf(family: Family, view: FacetSet): CaseId {
  const story = family === 'fraud' ? fraudStory(view) : espionageStory(view);
  return CASE_FAMILY[story] === family ? story : family === 'fraud' ? 'scam' : 'handler';
}

function espionageStory(view: FacetSet): CaseId {
  if (has(view, 'loan') && (has(view, 'target') || has(view, 'identity'))) return 'xiao';
  if (has(view, 'romance') || has(view, 'proximity')) return 'liu';
  if (has(view, 'hobby')) return 'zhang';
  const paid = has(view, 'pay') || has(view, 'offer') || has(view, 'gift');
  if (paid && has(view, 'media') && (has(view, 'place') || has(view, 'request'))) return 'collection';
  if (paid && (has(view, 'target') || has(view, 'workplace')) && (has(view, 'info') || has(view, 'request'))) return 'wang';
  return 'handler';
}

function fraudStory(view: FacetSet): CaseId {
  if (has(view, 'overseas')) return 'overseas';
  if (has(view, 'task')) return 'task';
  if (has(view, 'invest')) return 'invest';
  if (has(view, 'service')) return 'service';
  if (has(view, 'loan') && has(view, 'upfront')) return 'loanfee';
  if (has(view, 'jobbait')) return 'jobscam';
  return 'scam';
}

/**
 * Up to three hits that explain the finding: for each feature in order of weight, the hits of its concepts (the
 * two parts of a clause pair, the strongest hit of a concept), one per concept.
 */
function membersOf(
  ranked: readonly number[],
  view: Snapshot,
  hits: readonly ConceptHit[],
  pairs: readonly PairEvent[],
  original: readonly PhraseHit[],
): PhraseHit[] {
  const members: PhraseHit[] = [];
  const facets = new Set<number>();
  // The ask itself first, quoted whole when its two parts stand close: "take a few photos of the base" says what
  // was asked better than "photos" and "base" apart.
  const ask = askIn(view, pairs);
  if (ask) {
    const [a, b] = [hits[ask.first]!, hits[ask.second]!];
    const from = Math.min(a.start, b.start);
    const to = Math.max(a.end, b.end);
    if (to - from <= MERGED_QUOTE_CHARS) {
      // The quote carries the rule of its first part (media or information): the concept the banner names.
      const lead = FACETS[a.facet] === 'media' || FACETS[a.facet] === 'info' || FACETS[a.facet] === 'device' ? a : b;
      members.push({ ...original[lead.source]!, start: from, end: to });
      facets.add(a.facet);
      facets.add(b.facet);
    }
  }
  const take = (hit: ConceptHit | undefined): void => {
    if (!hit || members.length >= 3 || facets.has(hit.facet)) return;
    facets.add(hit.facet);
    members.push(original[hit.source]!);
  };
  for (const feature of ranked) {
    if (members.length >= 3) break;
    for (const facet of FEATURE_FACETS[feature]!) {
      const index = FACET_AT.get(facet)!;
      if (facets.has(index)) continue;
      // A pair's own hits first: "pic ... hangar" says more than the strongest "pic" elsewhere in the window.
      let found: ConceptHit | undefined;
      for (let k = view.pairLeft; k < view.pairRight && !found; k++) {
        const pair = pairs[k]!;
        for (const part of [hits[pair.first]!, hits[pair.second]!]) if (part.facet === index) found = part;
      }
      for (let k = view.left; k < view.right && !found; k++) if (hits[k]!.facet === index) found = strongest(hits, view, index);
      take(found);
    }
  }
  return members;
}

/** A quote made of an ask's two parts stays at most this long; farther apart they are quoted one by one. */
const MERGED_QUOTE_CHARS = 80;
const ASK_PAIRS = new Set(
  PAIRS.flatMap(([a, b], i) => (['media', 'info', 'device'].includes(a) && ['place', 'workplace', 'target'].includes(b) ? [i] : [])),
);

/** The window's first ask about something sensitive (media, information or a device near a place, workplace or person). */
function askIn(view: Snapshot, pairs: readonly PairEvent[]): PairEvent | undefined {
  for (let k = view.pairLeft; k < view.pairRight; k++) if (ASK_PAIRS.has(pairs[k]!.pair)) return pairs[k];
  return undefined;
}

function strongest(hits: readonly ConceptHit[], view: Snapshot, facet: number): ConceptHit | undefined {
  let best: ConceptHit | undefined;
  for (let k = view.left; k < view.right; k++) {
    const hit = hits[k]!;
    if (hit.facet === facet && (!best || hit.weight > best.weight)) best = hit;
  }
  return best;
}
