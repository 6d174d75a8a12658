// What a field's text says about its writer, as numbers for the fitted disclosure model (disclosure.ts). Pure; the
// training command computes the very same features (compile/disclosure-training.ts).
//
// Two kinds of hit: what is named (a unit, an employer, an institute, a programme, a clearance, access to a site:
// the disclosure rules, and the lure detector's concept vocabularies of sensitive identities, places and projects),
// and how it is framed (as the writer's own, now; or long ago, someone else's, the news, an advertised role, a
// question). A disclosure is a sensitive thing framed as one's own and current; the framing may stand a few words
// away from it ("I've been working, on and off nights, at the shipyard's submarine hall").

import { CLAUSE_CHARS, CLAUSE_CHARS_HAN } from './features.js';
import type { PhraseHit } from './match/scan.js';
import type { RuleMeta } from './pack.js';
import type { DisclosureFacet, RuleFacet } from './rules/schema.js';
import type { SiteCategory } from './site.js';

export const DISCLOSURE_KINDS = ['unit', 'employer', 'institute', 'project', 'clearance', 'site'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export const FRAMES = ['self', 'present', 'past', 'other', 'hiring'] as const;
export type Frame = (typeof FRAMES)[number];

const KIND_OF_FACET: Partial<Record<DisclosureFacet, DisclosureKind>> = {
  'disclose-unit': 'unit',
  'disclose-employer': 'employer',
  'disclose-institute': 'institute',
  'disclose-project': 'project',
  'disclose-clearance': 'clearance',
  'disclose-site': 'site',
};
const FRAME_OF_FACET: Partial<Record<RuleFacet, Frame>> = {
  'disclose-self': 'self',
  'disclose-present': 'present',
  'disclose-past': 'past',
  'disclose-other': 'other',
  'disclose-hiring': 'hiring',
};

/**
 * The disclosure rules whose phrases are written in the first person ("i m stationed at", "my battalion", 我在部队,
 * 我是涉密人员): the original, hand-checked ones of each kind. Their hit is a disclosure by itself.
 */
const SELF_WORDED = /^disclose-(unit|project|clearance|site)-(en|zh)$/;

/**
 * What a lure concept names, when it names something a writer could disclose: sensitive identities by the kind of
 * identity (a clearance, a service, an industry), sensitive places as access, projects and programmes. Typed by
 * the person, these are mentions until the framing makes them the writer's own.
 */
export function kindOfRule(rule: RuleMeta): DisclosureKind | null {
  const own = KIND_OF_FACET[rule.facet as DisclosureFacet];
  if (own) return own;
  if (rule.facet === 'target') {
    // Veterans served; their service is past, not a unit one could be asked about (frameOfRule).
    if (/veteran|retire|former|ex-/.test(rule.id)) return null;
    if (/clearance|cleared|clear-/.test(rule.id)) return 'clearance';
    if (/service|military|soldier|army|navy|cadet|member|spouse|family/.test(rule.id)) return 'unit';
    return 'employer';
  }
  // Specific sensitive places (a naval station, a warship, a launch site, 机要室): where one works or can enter. Counted apart from the disclosure rules (isPlaceRule, feature k:place) so
  // the model weighs them on its own: "the restricted area" in a pilot's report is airspace, not access.
  if (isPlaceRule(rule)) return 'site';
  if (rule.facet === 'info' && rule.weight >= 2 && /project|programme|program|classified/.test(rule.id)) return 'project';
  return null;
}

/**
 * The lure vocabularies' places that say where one serves or works: bases, warships, research sites, secure rooms,
 * nuclear plants, launch and test sites. Not the ones a pilot's report, the news or a policy text names in
 * passing (runways, UAVs, radar, restricted airspace, harbours, ministries, missiles as weapons, assembly lines).
 */
const DISCLOSED_PLACE = /^place-(?:military|naval|research|secure-rooms|secure-more|energy-(?:en|zh)$|comms-en$|station|works|industrial-strong|airfield-zh|airfield-facility)/;

/** A lure vocabulary's specific place (weight 2 or more), named where a disclosure could be. */
export function isPlaceRule(rule: RuleMeta): boolean {
  return rule.weight >= 2 && rule.facet === 'place' && DISCLOSED_PLACE.test(rule.id);
}

export function frameOfRule(rule: RuleMeta): Frame | null {
  if (rule.facet === 'target' && /veteran|retire|former|ex-/.test(rule.id)) return 'past';
  return FRAME_OF_FACET[rule.facet] ?? null;
}

/** One sensitive hit, for the evidence and the kind of the hint. */
export interface NamedHit {
  hit: PhraseHit;
  kind: DisclosureKind;
  weight: number;
}

export interface DisclosureReading {
  features: Float64Array;
  /**
   * A disclosure rule that is first person by its own wording ("I'm stationed at", "my battalion", 我在部队) fired
   * with nothing beside it saying long ago, someone else's or an advert: a hint whatever the model says.
   */
  selfDisclosed: boolean;
  /**
   * Whether the text frames something named as the writer's own: first person within a clause of it with nothing
   * beside it saying long ago, someone else's or an advert, or a CV line's period ("2021–present"). Without it
   * there is no hint: a field that only names a unit or a company (news, a report, a quote) discloses nothing.
   */
  framedAsOwn: boolean;
  /**
   * Framed as the writer's own by first-person words beside the name ("I", "my", 我, "our" for a unit), not only by
   * a word of time: in a long text, "deployed now" beside a unit is most often the news (disclosure.ts).
   */
  ownByPerson: boolean;
  /**
   * Nothing in the text says long ago, someone else's, an advert or a question. In a short field (a bio, a CV
   * line) a sensitive name read this way is the writer's own even without a pronoun (disclosure.ts, BARE_FIELD).
   */
  clean: boolean;
  /** The sensitive hits, in order of position. */
  named: NamedHit[];
  /** Disclosure and sensitive rules that fired, in order of first occurrence (ids only: never the text). */
  rules: string[];
}

const level = (sum: number): number => (sum >= 3 ? 1 : sum / 3);
const HAN = /\p{Script=Han}/u;
/** A CV line's period: "2021–present", "2019.07—至今", "since 2020". */
const PERIOD = /(?:19|20)\d\d(?:[./]\d{1,2})?\s*(?:[-–—~至到]+|to)\s*(?:present|now|today|current|date|至今|现在|今)|since\s+(?:19|20)\d\d|(?:19|20)\d\d\s*年?\s*(?:起|至今)/iu;
/**
 * First-person words: typed into a field, a sensitive thing near "I", "my", "we", 我, 本人 is the writer's own. Found
 * by a regular expression rather than the vocabularies: pronouns are too common to be phrases of the pack.
 */
const FIRST_PERSON = /\b(?:i|i['’]m|im|i['’]ve|ive|i['’]ll|i['’]d|me|my|mine|myself|as someone who)\b|我(?![们国军省市区县校院党方部厂司行局委])|本人(?=[在是现就任系为目])|咱(?!们)|俺|作为在/gu;
/** Whether a self-vocabulary phrase says "I" itself ("I work at", 我在, 本人就职于), unlike a CV form's label (职业). */
const FIRST_PERSON_WORD = /\b(?:i|i m|my|me|our|we)\b|我|本人(?=[在是现就任系为目])/iu;
/** "We" and "our": one's own only for a unit, a ship or a team ("our squadron"); in a quote or a report, anyone's. */
const FIRST_PERSON_PLURAL = /\b(?:[Ww]e|[Ww]e['’](?:re|ve)|[Oo]ur)\b|我们|咱们/gu;

/** A question: asking about clearances or defence jobs is not having one. */
const QUESTION = /[?？]\s*$|^\s*(?:how|what|why|is|are|do|does|can|should|which|anyone|怎么|如何|请问|有没有)/iu;

const SITE_GROUPS: Record<SiteCategory, 'job' | 'public' | 'other'> = {
  recruitment: 'job',
  social: 'public',
  dating: 'public',
  loan: 'other',
  other: 'other',
};

/** The features, by name; the model file records them and refuses to load for others (disclosure.ts). */
export const DISCLOSURE_FEATURES: readonly string[] = [
  ...DISCLOSURE_KINDS.map((kind) => `k:${kind}`),
  'k:place',
  'k:any',
  'k:several',
  ...FRAMES.map((frame) => `f:${frame}`),
  'f:question',
  'f:period',
  ...FRAMES.map((frame) => `p:${frame}`),
  ...FRAMES.map((frame) => `x:${frame}*any`),
  'x:question*any',
  'x:period*any',
  'x:self*present*any',
  'x:site-job*any',
  'x:site-public*any',
  // Named with nothing that makes it someone else's, long ago, an advert or a question: typed into a field, that
  // is the writer's own, pronoun or not (a CV line, a bio).
  'x:clean*any',
  'x:own',
  'x:own*clean',
  'k:strong',
  'x:clean*strong',
  ...DISCLOSURE_KINDS.map((kind) => `x:${kind}*near-self`),
  'x:place*near-self',
  // The disclosure text signal's lean towards a disclosure (0 at even odds), where something sensitive is named.
  's:text*any',
  's:text*clean',
];

const ADDRESS = /@|:\/\/|^www\./i;

/**
 * Whether a hit lies inside an e-mail address or a web address ("jdoe@nswc.navy.mil" in a quoted reply's header):
 * an address names a mail server, not what the writer says about himself.
 */
function inAddress(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && !/[\s<>()[\]"',;]/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !/[\s<>()[\]"',;]/.test(text[to]!)) to++;
  return ADDRESS.test(text.slice(from, to));
}

/** Reads a field's hits (the pack's phrase hits for its text) as disclosure features. */
export function readDisclosure(
  text: string,
  hits: readonly PhraseHit[],
  rules: readonly RuleMeta[],
  category: SiteCategory,
  /** The disclosure text signal's probability for the text; 0 when not computed. */
  signal = 0,
): DisclosureReading {
  const kinds = new Float64Array(DISCLOSURE_KINDS.length);
  const frames = new Float64Array(FRAMES.length);
  let places = 0;
  const seen = new Set<number>();
  const named: NamedHit[] = [];
  const framed: Array<{ hit: PhraseHit; frame: Frame }> = [];
  const fired: string[] = [];
  for (const hit of [...hits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (inAddress(text, hit.start, hit.end)) continue;
    const rule = rules[hit.rule]!;
    const kind = kindOfRule(rule);
    const frame = frameOfRule(rule);
    if (!kind && !frame) continue;
    const first = !seen.has(hit.rule);
    if (first) {
      // A rule counts once however often it fires: repeating a name is not a second disclosure.
      seen.add(hit.rule);
      fired.push(rule.id);
    }
    if (kind) {
      named.push({ hit, kind, weight: rule.weight });
      if (first && isPlaceRule(rule)) places += rule.weight;
      else if (first) kinds[DISCLOSURE_KINDS.indexOf(kind)] = kinds[DISCLOSURE_KINDS.indexOf(kind)]! + rule.weight;
    }
    if (frame) {
      framed.push({ hit, frame });
      if (first) frames[FRAMES.indexOf(frame)] = frames[FRAMES.indexOf(frame)]! + rule.weight;
    }
  }
  // First-person words frame as the writer's own, like the self vocabulary.
  const pronouns: Array<{ start: number; end: number; plural: boolean }> = [];
  for (const match of text.matchAll(/\bI\b|I['’](?:m|ve|ll|d)\b/g)) pronouns.push({ start: match.index, end: match.index + match[0].length, plural: false });
  for (const match of text.matchAll(FIRST_PERSON)) pronouns.push({ start: match.index, end: match.index + match[0].length, plural: false });
  for (const match of text.matchAll(FIRST_PERSON_PLURAL)) pronouns.push({ start: match.index, end: match.index + match[0].length, plural: true });
  for (const pronoun of pronouns) {
    framed.push({ hit: { rule: -1, pattern: pronoun.plural ? -2 : -1, foldedStart: pronoun.start, foldedEnd: pronoun.end, start: pronoun.start, end: pronoun.end }, frame: 'self' });
    frames[0] = Math.max(frames[0]!, 2);
  }
  // Framing within a clause of something named, in either order, with words between.
  const near = new Float64Array(FRAMES.length);
  // Per named thing: which framings stand within a clause of it. One's own is a named thing framed as the
  // writer's (or framed not at all) with nothing beside it saying long ago, someone else's, or an advert.
  let own = 0;
  let ownStrict = false;
  let ownByPerson = false;
  let selfDisclosed = false;
  const selfRuleBeside = (item: NamedHit): boolean =>
    framed.some(({ hit, frame }) => {
      // Only self vocabulary that says "I" itself ("I work at", 我在, 本人就职于), not a CV form's label (职业, 所在单位).
      if (frame !== 'self' || hit.rule < 0 || !FIRST_PERSON_WORD.test(text.slice(hit.start, hit.end + 1))) return false;
      const reach = HAN.test(text.slice(hit.start, hit.end)) ? CLAUSE_CHARS_HAN : CLAUSE_CHARS;
      const gap = item.hit.start >= hit.end ? item.hit.start - hit.end : hit.start - item.hit.end;
      return gap <= reach;
    });
  for (const item of named) {
    const beside = new Set<Frame>();
    for (const { hit, frame } of framed) {
      const reach = HAN.test(text.slice(hit.start, hit.end)) ? CLAUSE_CHARS_HAN : CLAUSE_CHARS;
      const gap = item.hit.start >= hit.end ? item.hit.start - hit.end : hit.start - item.hit.end;
      if (gap <= reach) {
        near[FRAMES.indexOf(frame)] = 1;
        beside.add(frame);
      }
    }
    const unframedOtherwise = !beside.has('past') && !beside.has('other') && !beside.has('hiring');
    if (unframedOtherwise && SELF_WORDED.test(rules[item.hit.rule]!.id)) selfDisclosed = true;
    // "I work at", 我在…上班, 本人就职于 beside a specific name: the self vocabulary is first person by its wording.
    if (unframedOtherwise && item.weight >= 2 && selfRuleBeside(item)) selfDisclosed = true;
    // Deploying next week with a named unit, cleared until 2027: what one is doing now, about oneself.
    if (unframedOtherwise && item.weight >= 2 && item.kind !== 'employer' && beside.has('present')) ownStrict = true;
    if (beside.has('self') && unframedOtherwise) own = Math.max(own, level(item.weight));
    if (item.weight >= 2 && !beside.has('past') && !beside.has('other') && !beside.has('hiring')) {
      // The strict reading that a hint needs: "I"/"my"/我 beside a specific named thing, or "our"/我们 beside a unit.
      for (const { hit, frame } of framed) {
        if (frame !== 'self') continue;
        const reach = HAN.test(text.slice(hit.start, hit.end)) ? CLAUSE_CHARS_HAN : CLAUSE_CHARS;
        const gap = item.hit.start >= hit.end ? item.hit.start - hit.end : hit.start - item.hit.end;
        const plural = hit.pattern === -2;
        if (gap <= reach && (!plural || item.kind === 'unit')) {
          ownStrict = true;
          // A self phrase without a first-person word ("as an analyst", "engineer at") reads as anyone's in the news,
          // and an essay's "we" ("how do we explain the troops") as everyone's: a long text needs "I", "my" or 我.
          if (!plural && (hit.rule < 0 || FIRST_PERSON_WORD.test(text.slice(hit.start, hit.end + 1)))) ownByPerson = true;
        }
      }
    }
  }
  const k = Array.from(kinds, level);
  const place = level(places);
  const f = Array.from(frames, level);
  const any = Math.max(...k, place);
  const several = k.filter((v) => v > 0).length >= 2 ? 1 : 0;
  const question = QUESTION.test(text) ? 1 : 0;
  const period = PERIOD.test(text) ? 1 : 0;
  const site = SITE_GROUPS[category];
  const self = f[0]!;
  const present = f[1]!;
  // Framing that makes it not the writer's own, now: long ago, someone else's or the news, an advert, a question.
  const clean = 1 - Math.max(f[2]!, f[3]!, f[4]!, question);
  const strong = named.some((n) => n.weight >= 3) ? 1 : 0;
  const lean = Math.max(0, 2 * signal - 1);
  const values = [
    ...k,
    place,
    any,
    several,
    ...f,
    question,
    period,
    ...near,
    ...f.map((v) => v * any),
    question * any,
    period * any,
    Math.max(self, near[0]!) * Math.max(present, period) * any,
    site === 'job' ? any : 0,
    site === 'public' ? any : 0,
    clean * any,
    own,
    own * clean,
    strong,
    clean * strong,
    ...k.map((v) => v * near[0]!),
    place * near[0]!,
    lean * any,
    lean * clean * any,
  ];
  return { features: Float64Array.from(values), named, rules: fired, selfDisclosed, ownByPerson, clean: clean === 1, framedAsOwn: ownStrict || (period > 0 && clean > 0 && named.some((n) => n.weight >= 2)) };
}
