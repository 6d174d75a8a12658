// From concept hits to the numbers the fitted model reads. Pure, and the one definition of the features: the
// scorer (score.ts), the training command (scripts/train.ts) and the tests all call these functions.
//
// Three layers, each tolerant of wording:
// 1. Concepts: every lure rule belongs to one facet (rules/schema.ts); a window's value for a facet is the summed
//    weight of the distinct rules that fired in it, capped at 3 and scaled to 0..1.
// 2. Clause pairs: two concepts within a clause of each other, in either order, with any words between them
//    ("send a pic from your work area", 拍 ... 营区 ... 照片). This is what an ask is: media or information
//    near a sensitive place, the reader's workplace or a sensitive identity.
// 3. Combinations: products of the above across the window (an ask plus an inducement, an ask plus secrecy, a
//    job offer plus an upfront fee), so that a linear model can weigh what no single concept says.
// The window is a paragraph or the last several messages of a chat, so evidence builds across messages.

import type { PhraseHit } from './match/scan.js';
import type { RuleMeta } from './pack.js';
import { FACETS, isLureFacet, type Facet } from './rules/schema.js';

/** A window's width in characters of the original text: a long e-mail, or ten short chat messages. */
export const WINDOW_CHARS = 1500;
/** Chinese says as much in about two fifths of the characters. */
export const WINDOW_CHARS_HAN = 600;
/** How far apart (characters between the two hits) the parts of a clause may be. */
export const CLAUSE_CHARS = 90;
export const CLAUSE_CHARS_HAN = 36;

const FACET_INDEX: ReadonlyMap<Facet, number> = new Map(FACETS.map((facet, i) => [facet, i]));
const facetIndex = (facet: Facet): number => FACET_INDEX.get(facet)!;

/** Concept pairs that make an ask, or tie money to it, when they fall within a clause. Unordered. */
export const PAIRS: ReadonlyArray<readonly [Facet, Facet]> = [
  ['media', 'place'],
  ['media', 'workplace'],
  ['info', 'place'],
  ['info', 'workplace'],
  ['info', 'target'],
  ['media', 'target'],
  ['device', 'place'],
  ['device', 'workplace'],
  ['ask', 'media'],
  ['ask', 'info'],
  ['ask', 'place'],
  ['ask', 'workplace'],
  ['ask', 'identity'],
  ['pay', 'media'],
  ['pay', 'info'],
  ['upfront', 'pay'],
];
/** The pairs that are an ask about something sensitive on their own. */
const SENSITIVE_ASKS = PAIRS.map((pair, i) => [pair, i] as const)
  .filter(([[a, b]]) => a !== 'ask' && a !== 'pay' && a !== 'upfront' && b !== 'identity')
  .map(([, i]) => i);

/** The pair of two facets, by facet index (a * FACETS.length + b), or -1. */
const PAIR_TABLE = new Int8Array(FACETS.length * FACETS.length).fill(-1);
PAIRS.forEach(([a, b], i) => {
  PAIR_TABLE[facetIndex(a) * FACETS.length + facetIndex(b)] = i;
  PAIR_TABLE[facetIndex(b) * FACETS.length + facetIndex(a)] = i;
});

/** One concept occurrence: a lure rule's hit with its facet, in original-text offsets. */
export interface ConceptHit {
  /** Index into pack.rules. */
  rule: number;
  /** Index of the phrase hit it came from, in the list given to conceptHits. */
  source: number;
  facet: number;
  weight: number;
  start: number;
  end: number;
  han: boolean;
}

/** Two concept hits within a clause: where an ask was seen, for windows and for evidence. */
export interface PairEvent {
  pair: number;
  start: number;
  end: number;
  /** The two hits (indexes into the concept hits). */
  first: number;
  second: number;
}

const HAN_UNIT = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

/** The lure hits as concept hits, sorted by position. Disclosure rules share the pack but are not concepts. */
export function conceptHits(text: string, hits: readonly PhraseHit[], rules: readonly RuleMeta[]): ConceptHit[] {
  const out: ConceptHit[] = [];
  for (let source = 0; source < hits.length; source++) {
    const hit = hits[source]!;
    const rule = rules[hit.rule]!;
    if (!isLureFacet(rule.facet)) continue;
    out.push({
      rule: hit.rule,
      source,
      facet: facetIndex(rule.facet),
      weight: rule.weight,
      start: hit.start,
      end: hit.end,
      han: HAN_UNIT(text.charCodeAt(hit.start)) || HAN_UNIT(text.charCodeAt(hit.end - 1)),
    });
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

/** Sentence ends: a clause pair may reach across one (a question and its follow-up), not two. */
function sentenceEnds(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // . ! ? and their full-width forms, the ideographic full stop, and line breaks (one chat message to the next)
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a || c === 0x3002 || c === 0xff01 || c === 0xff1f) n++;
  }
  return n;
}

/**
 * Every pair of concepts within a clause of each other, by the position of its first part. With `from` and
 * `minSecond`, only pairs whose first part is at `from` or later and whose second is at `minSecond` or later.
 */
export function clausePairs(text: string, hits: readonly ConceptHit[], from = 0, minSecond = 0): PairEvent[] {
  const events: PairEvent[] = [];
  for (let i = from; i < hits.length; i++) {
    const a = hits[i]!;
    const reach = a.han ? CLAUSE_CHARS_HAN : CLAUSE_CHARS;
    for (let j = Math.max(i + 1, minSecond); j < hits.length; j++) {
      const b = hits[j]!;
      const gap = b.start - a.end;
      if (gap > reach) break;
      if (a.facet === b.facet) continue;
      const pair = PAIR_TABLE[a.facet * FACETS.length + b.facet]!;
      if (pair < 0) continue;
      if (gap > 1 && sentenceEnds(text, a.end, b.start) > 1) continue;
      events.push({ pair, start: a.start, end: Math.max(a.end, b.end), first: i, second: j });
    }
  }
  return events;
}

/** What a window holds, before it becomes features. */
export interface WindowSums {
  /** Per facet (FACETS order): summed weight of distinct rules. */
  facets: Float64Array;
  /** Per pair (PAIRS order): how many pair events. */
  pairs: Int32Array;
}

const F = FACETS.length;

/** Concept value of a summed weight: 0..1, saturating at 3 (one strong rule or three weak ones). */
const level = (sum: number): number => (sum >= 3 ? 1 : sum / 3);

/**
 * What a window holds, each 0..1: the kinds of evidence a lure is made of. Every pair of them is a feature, so the
 * fit finds which combinations matter rather than being told.
 */
export const GROUPS = [
  'ask', // an ask about something sensitive: media or information within a clause of a place, workplace or person
  'loose', // an ask for photos, details or credentials whose object is further away
  'paid', // money tied to photos or details within a clause: per photo, per report
  'sensitive', // a sensitive place, the reader's workplace, a sensitive identity
  'induce', // money, gifts, loans, offers
  'press', // secrecy, threats, moving to another app
  'rush', // urgency, scarcity and exclusivity: weak alone, every advert has them
  'rom', // flirting, affection, being nearby
  'hobby',
  'device',
  'jobbait',
  'upfront',
  'task',
  'invest',
  'service',
  'identity',
  'overseas',
  'scam',
] as const;
export type Group = (typeof GROUPS)[number];

/** Values computed from the groups for the features that need them. */
const EXTRAS = ['any-ask', 'negative', 'awareness-doc', 'legit-doc', 'signal', 'core', 'weak-core', 'one'] as const;
type Extra = (typeof EXTRAS)[number];

// The value vector of a window: facet levels, pair indicators, groups, extras. Every feature is a product of up to
// three of its entries, so computing a window's features is a loop over index triples, with no closures.
const V_FACET = 0;
const V_PAIR = V_FACET + FACETS.length;
const V_GROUP = V_PAIR + PAIRS.length;
const V_EXTRA = V_GROUP + GROUPS.length;
const V_SIZE = V_EXTRA + EXTRAS.length;
const vFacet = (facet: Facet): number => V_FACET + facetIndex(facet);
const vPair = (a: Facet, b: Facet): number => V_PAIR + PAIR_TABLE[facetIndex(a) * FACETS.length + facetIndex(b)]!;
const GROUP_AT = Object.fromEntries(GROUPS.map((group, i) => [group, i])) as Record<Group, number>;
const vGroup = (group: Group): number => V_GROUP + GROUP_AT[group];
const vExtra = (extra: Extra): number => V_EXTRA + EXTRAS.indexOf(extra);
const ONE = vExtra('one');

/** The facets each group stands for: the evidence a banner quotes for a feature of that group. */
const GROUP_FACETS: Record<Group | 'legit' | 'awareness', readonly Facet[]> = {
  ask: ['request', 'media', 'info', 'device', 'place', 'workplace', 'target'],
  loose: ['media', 'info', 'ask', 'place', 'workplace', 'identity'],
  paid: ['pay', 'media', 'info'],
  sensitive: ['target', 'workplace', 'place'],
  induce: ['pay', 'gift', 'loan', 'offer'],
  press: ['secrecy', 'channel'],
  rush: ['urgency'],
  rom: ['romance', 'proximity'],
  hobby: ['hobby'],
  device: ['device'],
  jobbait: ['jobbait'],
  upfront: ['upfront'],
  task: ['task'],
  invest: ['invest'],
  service: ['service'],
  identity: ['identity'],
  overseas: ['overseas'],
  scam: ['scam'],
  legit: ['legit', 'prohibit'],
  awareness: ['awareness'],
};

const pairName = (a: Facet, b: Facet): string => `${a}~${b}`;

/** The name of the text signal's main feature. */
export const TEXT_SIGNAL_FEATURE = 's:text';

const GROUP_PAIRS: ReadonlyArray<readonly [Group, Group]> = GROUPS.flatMap((a, i) => GROUPS.slice(i + 1).map((b) => [a, b] as const));

/** A feature: its name and the value-vector entries it multiplies. */
type FeatureDef = readonly [name: string, a: number, b: number, c: number];

/**
 * The features, by name. Order matters only within one model file, which records the names it was fitted with;
 * loading a model fitted on other features fails (model.ts), so renaming one is a refit.
 */
const FEATURE_DEFS: readonly FeatureDef[] = [
  ...FACETS.map((facet): FeatureDef => [`c:${facet}`, vFacet(facet), ONE, ONE]),
  ...PAIRS.map(([a, b]): FeatureDef => [`p:${pairName(a, b)}`, vPair(a, b), ONE, ONE]),
  ['g:ask', vGroup('ask'), ONE, ONE],
  ['g:loose', vGroup('loose'), ONE, ONE],
  ...GROUP_PAIRS.map(([a, b]): FeatureDef => [`x:${a}*${b}`, vGroup(a), vGroup(b), ONE]),
  ['x:sensitive*induce*press', vGroup('sensitive'), vGroup('induce'), vGroup('press')],
  // Evidence against: awareness wording in the page and near the ask, legitimate-offer markers near money.
  ['d:awareness', vExtra('awareness-doc'), ONE, ONE],
  // A page's own marks of a legitimate offer (a licence, an equal-opportunity statement) often close a long page,
  // away from the window that holds the offer.
  ['d:legit', vExtra('legit-doc'), ONE, ONE],
  ['x:ask*awareness', vExtra('any-ask'), vFacet('awareness'), ONE],
  ['x:ask*legit', vExtra('any-ask'), vExtra('negative'), ONE],
  ['x:legit*induce', vExtra('negative'), vGroup('induce'), ONE],
  // Official bodies named together with secrecy are a lure's own words ("no need to tell the security office",
  // 不用跟武装部说, "or your commanding officer gets the photos"): these may count for a lure, not only against.
  ['x:press*official', vGroup('press'), vExtra('negative'), ONE],
  ['x:press*warned', vGroup('press'), vFacet('awareness'), ONE],
  // The learned text signal (text-signal.ts), counted only where the window already holds evidence of a lure: on
  // its own it knows wording, not combinations, and would flag any text that merely sounds like a chat. The
  // scorer computes it for the windows that could win, since it reads the window's text.
  ['s:text*weak', vExtra('signal'), vExtra('weak-core'), ONE],
  [TEXT_SIGNAL_FEATURE, vExtra('signal'), vExtra('core'), ONE],
];

export const FEATURE_NAMES: readonly string[] = FEATURE_DEFS.map(([name]) => name);
/** The features that read the text signal (named "s:..."): 0 until the scorer computes the signal. */
export const SIGNAL_FEATURES: readonly number[] = FEATURE_NAMES.flatMap((name, i) => (name.startsWith('s:') ? [i] : []));
const TERMS = Int32Array.from(FEATURE_DEFS.flatMap(([, a, b, c]) => [a, b, c]));

/** For each feature, the facets whose hits explain it (the evidence a banner quotes), most telling first. */
export const FEATURE_FACETS: ReadonlyArray<readonly Facet[]> = FEATURE_NAMES.map((name) => {
  const [kind, body] = name.split(':') as [string, string];
  const parts = kind === 'p' ? body.split('~') : body.split('*');
  return parts.flatMap((part) => GROUP_FACETS[part as Group] ?? (FACETS.includes(part as Facet) ? [part as Facet] : []));
});

const values = new Float64Array(V_SIZE);
const SENSITIVE_ASK_AT = Int32Array.from(SENSITIVE_ASKS);
const LOOSE_AT = Int32Array.from(
  (
    [
      ['ask', 'media'],
      ['ask', 'info'],
      ['ask', 'place'],
      ['ask', 'workplace'],
      ['ask', 'identity'],
    ] as const
  ).map(([a, b]) => vPair(a, b)),
);
// Indexes into the value vector, resolved once: featuresOf runs for every window of every page.
const AT = {
  request: vFacet('request'),
  target: vFacet('target'),
  workplace: vFacet('workplace'),
  place: vFacet('place'),
  pay: vFacet('pay'),
  gift: vFacet('gift'),
  loan: vFacet('loan'),
  offer: vFacet('offer'),
  secrecy: vFacet('secrecy'),
  channel: vFacet('channel'),
  romance: vFacet('romance'),
  proximity: vFacet('proximity'),
  legit: vFacet('legit'),
  urgency: vFacet('urgency'),
  prohibit: vFacet('prohibit'),
  payMedia: vPair('pay', 'media'),
  payInfo: vPair('pay', 'info'),
  ask: vGroup('ask'),
  loose: vGroup('loose'),
  paid: vGroup('paid'),
  sensitive: vGroup('sensitive'),
  induce: vGroup('induce'),
  press: vGroup('press'),
  rom: vGroup('rom'),
  anyAsk: vExtra('any-ask'),
  negative: vExtra('negative'),
  awarenessDoc: vExtra('awareness-doc'),
  legitDoc: vExtra('legit-doc'),
  signal: vExtra('signal'),
  core: vExtra('core'),
  weakCore: vExtra('weak-core'),
};
const G_RUSH = vGroup('rush');
/** The groups that are one facet each, as [group entry, facet entry] pairs. */
const SINGLE_GROUPS = Int32Array.from(
  (['hobby', 'device', 'jobbait', 'upfront', 'task', 'invest', 'service', 'identity', 'overseas', 'scam'] as const).flatMap((g) => [vGroup(g), vFacet(g)]),
);

/** What the whole page says, whichever window is scored: its awareness wording and its marks of legitimacy, 0..1. */
export interface PageContext {
  awareness: number;
  legit: number;
}

export const NO_CONTEXT: PageContext = { awareness: 0, legit: 0 };

/**
 * The feature vector of one window. `page` is what the whole page says; `signal` the text signal's probability for
 * the window's text (0 when not computed).
 */
export function featuresOf(
  sums: WindowSums,
  page: PageContext,
  signal = 0,
  out = new Float64Array(FEATURE_DEFS.length),
): Float64Array {
  const v = values;
  for (let f = 0; f < F; f++) v[V_FACET + f] = level(sums.facets[f]!);
  for (let k = 0; k < PAIRS.length; k++) v[V_PAIR + k] = sums.pairs[k]! > 0 ? 1 : 0;
  let ask = v[AT.request]!;
  for (let k = 0; k < SENSITIVE_ASK_AT.length; k++) if (sums.pairs[SENSITIVE_ASK_AT[k]!]! > 0) ask = 1;
  let loose = 0;
  for (let k = 0; k < LOOSE_AT.length; k++) loose = Math.max(loose, v[LOOSE_AT[k]!]!);
  v[AT.ask] = ask;
  v[AT.loose] = loose;
  v[AT.paid] = Math.max(v[AT.payMedia]!, v[AT.payInfo]!);
  v[AT.sensitive] = Math.max(v[AT.target]!, v[AT.workplace]!, v[AT.place]!);
  v[AT.induce] = Math.max(v[AT.pay]!, v[AT.gift]!, v[AT.loan]!, v[AT.offer]!);
  v[AT.press] = Math.max(v[AT.secrecy]!, v[AT.channel]!);
  v[AT.rom] = Math.max(v[AT.romance]!, v[AT.proximity]!);
  v[G_RUSH] = v[AT.urgency]!;
  for (let k = 0; k < SINGLE_GROUPS.length; k += 2) v[SINGLE_GROUPS[k]!] = v[SINGLE_GROUPS[k + 1]!]!;
  v[AT.anyAsk] = Math.max(ask, loose);
  v[AT.negative] = Math.max(v[AT.legit]!, v[AT.prohibit]!);
  v[AT.awarenessDoc] = page.awareness;
  v[AT.legitDoc] = page.legit;
  v[AT.signal] = Math.max(0, 2 * signal - 1);
  v[AT.core] = core(v);
  v[AT.weakCore] = weakCore(v);
  v[ONE] = 1;
  const terms = TERMS;
  for (let i = 0, t = 0; t < terms.length; i++, t += 3) out[i] = v[terms[t]!]! * v[terms[t + 1]!]! * v[terms[t + 2]!]!;
  return out;
}

const G = Object.fromEntries(GROUPS.map((group) => [group, vGroup(group)])) as Record<Group, number>;

/** How much a window holds the core of a lure of either family: an ask, or money tied to a sensitive person or a fee. */
function core(v: Float64Array): number {
  const induce = v[G.induce]!;
  const upfront = v[G.upfront]!;
  return Math.max(
    v[G.ask]!,
    v[G.sensitive]! * induce * (v[G.loose]! > 0 || v[G.press]! > 0 ? 1 : 0.5),
    v[G.device]! * Math.max(induce, v[G.sensitive]!),
    v[G.jobbait]! * Math.max(upfront, v[G.identity]!),
    v[G.task]! * upfront,
    v[G.invest]! * Math.max(v[G.rom]!, upfront),
    v[G.service]! * Math.max(v[G.identity]!, upfront),
    v[G.overseas]! * Math.max(v[G.jobbait]!, v[G.press]!),
    induce * upfront,
  );
}

/** Whether a window holds two or more kinds of lure evidence, even loosely: where the text signal may speak at all. */
function weakCore(v: Float64Array): number {
  let kinds = 0;
  if (v[G.ask]! > 0 || v[G.loose]! > 0) kinds++;
  if (v[G.induce]! > 0) kinds++;
  if (v[G.press]! > 0) kinds++;
  if (v[G.rom]! > 0) kinds++;
  // A weak place word ("base", "port", "site") is not yet a sensitive subject; a person or a workplace is.
  if (v[AT.target]! > 0 || v[AT.workplace]! > 0 || v[AT.place]! >= 2 / 3) kinds++;
  for (const fraud of FRAUD_GROUPS) {
    if (v[fraud]! > 0) {
      kinds++;
      break;
    }
  }
  return kinds >= 3 ? 1 : kinds === 2 ? 0.5 : 0;
}
const FRAUD_GROUPS = (['upfront', 'task', 'invest', 'service', 'overseas', 'identity', 'jobbait', 'scam'] as const).map((g) => vGroup(g));

/** What the whole page says (awareness wording, marks of legitimacy), each 0..1 over distinct rules. */
export function pageContextOf(hits: readonly ConceptHit[]): PageContext {
  const index = new ConceptIndex();
  index.addConcepts('', hits);
  return index.page;
}

/** What the scorer reads of a text before its windows: concept hits, clause pairs, and what the page says. */
export interface Concepts {
  hits: readonly ConceptHit[];
  pairs: readonly PairEvent[];
  page: PageContext;
}

const AWARENESS = facetIndex('awareness');
const LEGIT = facetIndex('legit');
const PROHIBIT = facetIndex('prohibit');

/**
 * The concepts of a text that only grows (a chat page, chunk by chunk), kept up to date as it grows: a new message
 * costs its own hits and the pairs that reach into it, not a pass over the whole page.
 */
export class ConceptIndex implements Concepts {
  readonly hits: ConceptHit[] = [];
  readonly pairs: PairEvent[] = [];
  /** Distinct rules of the page-wide facets seen so far, and their summed weights. */
  private readonly pageRules = new Set<number>();
  private awarenessSum = 0;
  private legitSum = 0;

  get page(): PageContext {
    return { awareness: Math.min(this.awarenessSum, 6) / 6, legit: Math.min(this.legitSum, 6) / 6 };
  }

  /**
   * Adds the hits of text appended at the end: `text` is the whole text so far, `phraseHits` the new phrase hits
   * (all at or after every hit added before), `sourceBase` the index of the first of them in the caller's list.
   */
  add(text: string, phraseHits: readonly PhraseHit[], rules: readonly RuleMeta[], sourceBase: number): void {
    const fresh = conceptHits(text, phraseHits, rules);
    for (const hit of fresh) hit.source += sourceBase;
    this.addConcepts(text, fresh);
  }

  addConcepts(text: string, fresh: readonly ConceptHit[]): void {
    if (fresh.length === 0) return;
    const first = this.hits.length;
    for (const hit of fresh) {
      this.hits.push(hit);
      if ((hit.facet === AWARENESS || hit.facet === LEGIT || hit.facet === PROHIBIT) && !this.pageRules.has(hit.rule)) {
        this.pageRules.add(hit.rule);
        if (hit.facet === AWARENESS) this.awarenessSum += hit.weight;
        else this.legitSum += hit.weight;
      }
    }
    if (text === '') return;
    // Pairs whose second part is new; their first part may be an earlier hit a clause before the new text.
    let from = first;
    while (from > 0 && this.hits[from - 1]!.end + CLAUSE_CHARS >= fresh[0]!.start) from--;
    const added = clausePairs(text, this.hits, from, first);
    if (added.length === 0) return;
    // Kept in order of their first part: the pairs already known from `from` on are merged with the new ones.
    let at = this.pairs.length;
    while (at > 0 && this.pairs[at - 1]!.first >= from) at--;
    const tail = this.pairs.splice(at).concat(added);
    tail.sort((a, b) => a.first - b.first || a.second - b.second);
    for (const pair of tail) this.pairs.push(pair);
  }
}

/** One window: where it starts and ends in the hit lists, and its sums. */
export interface WindowView {
  sums: WindowSums;
  /** Concept hits [left, right) and pair events [pairLeft, pairRight) inside the window. */
  left: number;
  right: number;
  pairLeft: number;
  pairRight: number;
}

/**
 * Slides a window over the concept hits, calling `visit` for every window that starts at a hit and holds other
 * evidence than the window visited before it (all windows with `skipUnchanged` false; the sums are reused: copy
 * what you keep). A rule counts once per window however often it fires: repetition is not
 * corroboration. Linear in the number of hits and pair events.
 */
export function slideWindows(
  hits: readonly ConceptHit[],
  pairs: readonly PairEvent[],
  ruleCount: number,
  visit: (view: WindowView) => void,
  skipUnchanged = true,
): void {
  const perRule = new Int32Array(ruleCount);
  const sums: WindowSums = { facets: new Float64Array(F), pairs: new Int32Array(PAIRS.length) };
  const view: WindowView = { sums, left: 0, right: 0, pairLeft: 0, pairRight: 0 };
  let right = 0;
  let pairLeft = 0;
  let pairRight = 0;
  // Whether the window holds other rules or pairs than the one visited last: most windows of a long text hold the
  // same evidence as their neighbour, and their features would be the same.
  let changed = true;
  for (let left = 0; left < hits.length; left++) {
    const start = hits[left]!.start;
    const end = start + (hits[left]!.han ? WINDOW_CHARS_HAN : WINDOW_CHARS);
    while (right < hits.length && hits[right]!.start <= end) {
      const hit = hits[right]!;
      const count = perRule[hit.rule]!;
      perRule[hit.rule] = count + 1;
      if (count === 0) {
        sums.facets[hit.facet] = sums.facets[hit.facet]! + hit.weight;
        changed = true;
      }
      right++;
    }
    // A pair belongs to the window that holds its first part (its second is a clause away at most).
    while (pairRight < pairs.length && pairs[pairRight]!.start <= end) {
      if (sums.pairs[pairs[pairRight]!.pair]!++ === 0) changed = true;
      pairRight++;
    }
    while (pairLeft < pairRight && pairs[pairLeft]!.start < start) {
      if (--sums.pairs[pairs[pairLeft]!.pair]! === 0) changed = true;
      pairLeft++;
    }
    if (changed || !skipUnchanged) {
      view.left = left;
      view.right = right;
      view.pairLeft = pairLeft;
      view.pairRight = pairRight;
      visit(view);
      changed = false;
    }
    const leaving = hits[left]!;
    const count = perRule[leaving.rule]! - 1;
    perRule[leaving.rule] = count;
    if (count === 0) {
      sums.facets[leaving.facet] = sums.facets[leaving.facet]! - leaving.weight;
      changed = true;
    }
  }
}

/** The sums of every hit and pair together: one window over the whole text, as the training command reads a document. */
export function wholeSums(hits: readonly ConceptHit[], pairs: readonly PairEvent[]): WindowSums {
  const sums: WindowSums = { facets: new Float64Array(F), pairs: new Int32Array(PAIRS.length) };
  const seen = new Set<number>();
  for (const hit of hits) {
    if (seen.has(hit.rule)) continue;
    seen.add(hit.rule);
    sums.facets[hit.facet]! += hit.weight;
  }
  for (const pair of pairs) sums.pairs[pair.pair]!++;
  return sums;
}
