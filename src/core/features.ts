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

const PAIR_OF = new Map<string, number>();
PAIRS.forEach(([a, b], i) => {
  PAIR_OF.set(`${facetIndex(a)}:${facetIndex(b)}`, i);
  PAIR_OF.set(`${facetIndex(b)}:${facetIndex(a)}`, i);
});

/** One concept occurrence: a lure rule's hit with its facet, in original-text offsets. */
export interface ConceptHit {
  /** Index into pack.rules. */
  rule: number;
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
  for (const hit of hits) {
    const rule = rules[hit.rule]!;
    if (!isLureFacet(rule.facet)) continue;
    out.push({
      rule: hit.rule,
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
const SENTENCE_END = /[.!?。！？\n]/g;

/** Every pair of concepts within a clause of each other, by the position of its first part. */
export function clausePairs(text: string, hits: readonly ConceptHit[]): PairEvent[] {
  const events: PairEvent[] = [];
  for (let i = 0; i < hits.length; i++) {
    const a = hits[i]!;
    const reach = a.han ? CLAUSE_CHARS_HAN : CLAUSE_CHARS;
    for (let j = i + 1; j < hits.length; j++) {
      const b = hits[j]!;
      const gap = b.start - a.end;
      if (gap > reach) break;
      if (a.facet === b.facet) continue;
      const pair = PAIR_OF.get(`${a.facet}:${b.facet}`);
      if (pair === undefined) continue;
      if (gap > 0 && (text.slice(a.end, b.start).match(SENTENCE_END)?.length ?? 0) > 1) continue;
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

type FeatureFn = (c: (facet: Facet) => number, p: (a: Facet, b: Facet) => number, g: GroupValues) => number;

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
  'press', // secrecy, urgency, moving to another app
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
type GroupValues = Record<Group, number> & {
  documentAwareness: number;
  signal: number;
  negative: number;
  /** A sensitive identity or the reader's workplace; and the place concept alone. */
  person: number;
  place: number;
};

/** The facets each group stands for: the evidence a banner quotes for a feature of that group. */
const GROUP_FACETS: Record<Group | 'legit' | 'awareness', readonly Facet[]> = {
  ask: ['request', 'media', 'info', 'device', 'place', 'workplace', 'target'],
  loose: ['media', 'info', 'ask', 'place', 'workplace', 'identity'],
  paid: ['pay', 'media', 'info'],
  sensitive: ['target', 'workplace', 'place'],
  induce: ['pay', 'gift', 'loan', 'offer'],
  press: ['secrecy', 'channel'],
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

/**
 * The features, by name. Order matters only within one model file, which records the names it was fitted with;
 * loading a model fitted on other features fails (model.ts), so renaming one is a refit.
 */
const FEATURE_DEFS: ReadonlyArray<readonly [string, FeatureFn]> = [
  ...FACETS.map((facet) => [`c:${facet}`, (c: (f: Facet) => number) => c(facet)] as const),
  ...PAIRS.map(([a, b]) => [`p:${pairName(a, b)}`, (_c: unknown, p: (a: Facet, b: Facet) => number) => p(a, b)] as const),
  ['g:ask', (_c, _p, g) => g.ask],
  ['g:loose', (_c, _p, g) => g.loose],
  ...GROUP_PAIRS.map(([a, b]) => [`x:${a}*${b}`, (_c: unknown, _p: unknown, g: GroupValues) => g[a] * g[b]] as const),
  ['x:sensitive*induce*press', (_c, _p, g) => g.sensitive * g.induce * g.press],
  // Evidence against: awareness wording in the page and near the ask, legitimate-offer markers near money.
  ['d:awareness', (_c, _p, g) => g.documentAwareness],
  ['x:ask*awareness', (c, _p, g) => Math.max(g.ask, g.loose) * c('awareness')],
  ['x:ask*legit', (_c, _p, g) => Math.max(g.ask, g.loose) * g.negative],
  ['x:legit*induce', (_c, _p, g) => g.negative * g.induce],
  // The learned text signal (text-signal.ts), counted only where the window already holds evidence of a lure: on
  // its own it knows wording, not combinations, and would flag any text that merely sounds like a chat. The
  // scorer computes it for the windows that could win, since it reads the window's text.
  ['s:text*weak', (_c, _p, g) => g.signal * weakCore(g)],
  [TEXT_SIGNAL_FEATURE, (_c, _p, g) => g.signal * core(g)],
];

/** How much a window holds the core of a lure of either family: an ask, or money tied to a sensitive person or a fee. */
function core(g: GroupValues): number {
  return Math.max(
    g.ask,
    g.sensitive * g.induce * (g.loose > 0 || g.press > 0 ? 1 : 0.5),
    g.device * Math.max(g.induce, g.sensitive),
    g.jobbait * Math.max(g.upfront, g.identity),
    g.task * g.upfront,
    g.invest * Math.max(g.rom, g.upfront),
    g.service * Math.max(g.identity, g.upfront),
    g.overseas * Math.max(g.jobbait, g.press),
    g.induce * g.upfront,
  );
}

/** Whether a window holds two or more kinds of lure evidence, even loosely: where the text signal may speak at all. */
function weakCore(g: GroupValues): number {
  const fraud = Math.max(g.upfront, g.task, g.invest, g.service, g.overseas, g.identity, g.jobbait, g.scam);
  // A weak place word ("base", "port", "site") is not yet a sensitive subject; a person or a workplace is.
  const sensitive = Math.max(g.person, g.place >= 2 / 3 ? 1 : 0);
  const kinds = [Math.max(g.ask, g.loose), g.induce, g.press, g.rom, sensitive, fraud].filter((v) => v > 0).length;
  return kinds >= 3 ? 1 : kinds === 2 ? 0.5 : 0;
}

export const FEATURE_NAMES: readonly string[] = FEATURE_DEFS.map(([name]) => name);
/** The features that read the text signal (named "s:..."): 0 until the scorer computes the signal. */
export const SIGNAL_FEATURES: readonly number[] = FEATURE_NAMES.flatMap((name, i) => (name.startsWith('s:') ? [i] : []));

/** For each feature, the facets whose hits explain it (the evidence a banner quotes), most telling first. */
export const FEATURE_FACETS: ReadonlyArray<readonly Facet[]> = FEATURE_NAMES.map((name) => {
  const [kind, body] = name.split(':') as [string, string];
  const parts = kind === 'p' ? body.split('~') : body.split('*');
  return parts.flatMap((part) => GROUP_FACETS[part as Group] ?? (FACETS.includes(part as Facet) ? [part as Facet] : []));
});

/**
 * The feature vector of one window. `documentAwareness` is the page's awareness wording, 0..1; `signal` the text
 * signal's probability for the window's text (0 when not computed).
 */
export function featuresOf(
  sums: WindowSums,
  documentAwareness: number,
  signal = 0,
  out = new Float64Array(FEATURE_DEFS.length),
): Float64Array {
  const c = (facet: Facet): number => level(sums.facets[facetIndex(facet)]!);
  const p = (a: Facet, b: Facet): number => (sums.pairs[PAIR_OF.get(`${facetIndex(a)}:${facetIndex(b)}`)!]! > 0 ? 1 : 0);
  let ask = c('request');
  for (const i of SENSITIVE_ASKS) if (sums.pairs[i]! > 0) ask = 1;
  const loose = Math.max(
    p('ask', 'media'),
    p('ask', 'info'),
    p('ask', 'place'),
    p('ask', 'workplace'),
    p('ask', 'identity'),
  );
  const g: GroupValues = {
    ask,
    loose,
    paid: Math.max(p('pay', 'media'), p('pay', 'info')),
    sensitive: Math.max(c('target'), c('workplace'), c('place')),
    induce: Math.max(c('pay'), c('gift'), c('loan'), c('offer')),
    press: Math.max(c('secrecy'), c('channel')),
    rom: Math.max(c('romance'), c('proximity')),
    hobby: c('hobby'),
    device: c('device'),
    jobbait: c('jobbait'),
    upfront: c('upfront'),
    task: c('task'),
    invest: c('invest'),
    service: c('service'),
    identity: c('identity'),
    overseas: c('overseas'),
    scam: c('scam'),
    negative: Math.max(c('legit'), c('prohibit')),
    person: Math.max(c('target'), c('workplace')),
    place: c('place'),
    documentAwareness,
    signal: Math.max(0, 2 * signal - 1),
  };
  FEATURE_DEFS.forEach(([, fn], i) => {
    out[i] = fn(c, p, g);
  });
  return out;
}

/** Awareness wording anywhere in the page (reports of cases, warnings, hotlines), 0..1 over distinct rules. */
export function documentAwarenessOf(hits: readonly ConceptHit[]): number {
  const seen = new Set<number>();
  let sum = 0;
  for (const hit of hits) {
    if (hit.facet !== facetIndex('awareness') || seen.has(hit.rule)) continue;
    seen.add(hit.rule);
    sum += hit.weight;
  }
  return Math.min(sum, 6) / 6;
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
 * Slides a window over the concept hits, calling `visit` once for every window that starts at a hit (the sums
 * are reused: copy what you keep). A rule counts once per window however often it fires: repetition is not
 * corroboration. Linear in the number of hits and pair events.
 */
export function slideWindows(
  hits: readonly ConceptHit[],
  pairs: readonly PairEvent[],
  ruleCount: number,
  visit: (view: WindowView) => void,
): void {
  const perRule = new Int32Array(ruleCount);
  const sums: WindowSums = { facets: new Float64Array(F), pairs: new Int32Array(PAIRS.length) };
  const view: WindowView = { sums, left: 0, right: 0, pairLeft: 0, pairRight: 0 };
  let right = 0;
  let pairLeft = 0;
  let pairRight = 0;
  for (let left = 0; left < hits.length; left++) {
    const start = hits[left]!.start;
    const end = start + (hits[left]!.han ? WINDOW_CHARS_HAN : WINDOW_CHARS);
    while (right < hits.length && hits[right]!.start <= end) {
      const hit = hits[right]!;
      const count = perRule[hit.rule]!;
      perRule[hit.rule] = count + 1;
      if (count === 0) sums.facets[hit.facet] = sums.facets[hit.facet]! + hit.weight;
      right++;
    }
    // A pair belongs to the window that holds its first part (its second is a clause away at most).
    while (pairRight < pairs.length && pairs[pairRight]!.start <= end) {
      sums.pairs[pairs[pairRight]!.pair]!++;
      pairRight++;
    }
    while (pairLeft < pairRight && pairs[pairLeft]!.start < start) {
      sums.pairs[pairs[pairLeft]!.pair]!--;
      pairLeft++;
    }
    view.left = left;
    view.right = right;
    view.pairLeft = pairLeft;
    view.pairRight = pairRight;
    visit(view);
    const leaving = hits[left]!;
    const count = perRule[leaving.rule]! - 1;
    perRule[leaving.rule] = count;
    if (count === 0) sums.facets[leaving.facet] = sums.facets[leaving.facet]! - leaving.weight;
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
