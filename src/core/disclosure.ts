// "Think before you post": the text of the field the person is typing into goes in; a hint, or nothing, comes out. Pure,
// like detect.ts: the content script, the tests and the corpus measurement run this very function.
//
// In two of the source cases the lure began with what the victim published himself (a CV naming a military-
// industrial employer, a job mentioned in hobby chat). Awareness programmes teach the same: do not advertise your
// unit, clearance or sensitive employer. So the signal here is a disclosure about oneself, never a topic: news about
// a defence company, a public job title or a past employer's industry stay quiet.

import type { Bilingual } from './advice.js';
import { DISCLOSURE_FEATURES, readDisclosure, type DisclosureKind, type NamedHit } from './disclosure-features.js';
import { DISCLOSURE_MODEL } from './generated/disclosure-model.js';
import { SAFER_WORDING } from './generated/disclosure-texts.js';
import { scanPhrases, type PhraseHit } from './match/scan.js';
import { decodeTextSignal, textSignalOf, type TextSignal, type TextSignalData } from './text-signal.js';
import type { Pack } from './pack.js';
import type { SiteCategory } from './site.js';
import { MAX_FIELD_CHARS } from './field-limit.js';

export { DISCLOSURE_KINDS, type DisclosureKind } from './disclosure-features.js';

export interface DisclosureHint {
  level: 'none' | 'hint';
  /** The model's probability that the field discloses a sensitive affiliation of the writer's own. */
  score: number;
  /** Disclosure and sensitive-sector rules that fired, in order of first occurrence (ids only: never the text). */
  rules: string[];
  /** What is being disclosed, from the strongest signal; null when nothing sensitive was named. */
  kind: DisclosureKind | null;
  /** The strongest signal's place in the field text (end exclusive) and its text, for the hint to quote. */
  evidence: { start: number; end: number; quote: string } | null;
  /** Why this draws lures, and the generic wording to use instead. */
  why: Bilingual | null;
  safer: Bilingual | null;
}

export interface DisclosureOptions {
  /** The site's category (site.ts): a CV on a job site is one place where a name alone says where one works. */
  category: SiteCategory;
}

/** The fitted disclosure model: a logistic model over disclosure-features.ts, and its cut (`npm run train`). */
export interface DisclosureModelData {
  features: string[];
  bias: number;
  weights: number[];
  /** A hint from this probability on, for a field framed as the writer's own. */
  cut: number;
  /** A hint from this probability on, for a short field with no framing at all (BARE_FIELD). */
  bareCut: number;
  /** The disclosure text signal (text-signal.ts), fitted on the same texts. */
  text: TextSignalData;
}

export { MAX_FIELD_CHARS } from './field-limit.js';

let model: (DisclosureModelData & { signal: TextSignal }) | undefined;

/** The shipped model, checked against the features this build computes. */
export function checkedDisclosureModel(data: DisclosureModelData = DISCLOSURE_MODEL): DisclosureModelData & { signal: TextSignal } {
  if (data.features.length !== DISCLOSURE_FEATURES.length || data.features.some((name, i) => name !== DISCLOSURE_FEATURES[i])) {
    throw new Error('the fitted disclosure model does not match the features of this build: run npm run train');
  }
  return { ...data, signal: decodeTextSignal(data.text) };
}

export const KIND_WHY: Record<DisclosureKind, Bilingual> = {
  unit: {
    en: 'People who approach service members online look for the unit, base or posting first: it tells them whom to ask and what to ask for.',
    zh: '网上接近军人的人最先找的就是部队番号、驻地和岗位：这告诉他们该找谁、能问什么。',
  },
  employer: {
    en: 'A named defence or aerospace employer is what fake recruiters and hobby-group “friends” search for; two disclosed cases began this way.',
    zh: '写出军工、航空单位名称，正是假冒招聘者和兴趣群“朋友”搜索的目标；已披露的两起案件就是这样开始的。',
  },
  institute: {
    en: 'A research institute by name marks you as someone who knows unpublished work, and invites “paid consulting” offers.',
    zh: '写出研究所名称，等于表明你掌握未公开的工作内容，容易招来“有偿咨询”。',
  },
  project: {
    en: 'Mentioning a classified project is the detail a fake recruiter looks for first; paid “reports” usually come next.',
    zh: '提到涉密项目，正是假冒招聘者最先寻找的信息；接下来往往就是有偿“报告”。',
  },
  clearance: {
    en: 'Awareness programmes warn first against advertising a clearance: it tells hostile services who can reach what they want.',
    zh: '安全提醒的第一条就是不要公开涉密身份：这等于告诉境外情报机构谁能接触到他们想要的东西。',
  },
  site: {
    en: 'Saying you can enter a base or a hangar is how hobby chat turned into requests for photos inside the workplace.',
    zh: '说自己能进营区、机库，正是兴趣聊天变成索要单位内部照片的转折点。',
  },
};

/** The generic wording when the signal was a sector mention (sector rules carry no wording of their own). */
export const KIND_SAFER: Record<DisclosureKind, Bilingual> = {
  unit: { en: '“I serve in the armed forces”, without the unit or base', zh: '“我在部队服役”，不写番号和驻地' },
  employer: { en: '“an engineering company” or “a manufacturer”', zh: '“一家工程企业”或“一家制造企业”' },
  institute: { en: '“a research organisation”', zh: '“一家科研单位”' },
  project: { en: '“engineering projects”, without what they are', zh: '“工程项目”，不写项目内容' },
  clearance: { en: 'nothing: leave the clearance out', zh: '不写涉密身份和审查情况' },
  site: { en: 'say nothing about which sites you can enter', zh: '不提自己能进出哪些场所' },
};

const QUIET: DisclosureHint = { level: 'none', score: 0, rules: [], kind: null, evidence: null, why: null, safer: null };

/** Scans a field's text (`await shippedPack()`) and says whether it discloses a sensitive affiliation. */
export function checkDisclosure(text: string, options: DisclosureOptions, pack: Pack): DisclosureHint {
  const field = text.length > MAX_FIELD_CHARS ? text.slice(0, MAX_FIELD_CHARS) : text;
  if (field.trim() === '') return QUIET;
  return disclosureFromHits(field, scanPhrases(field, pack), options, pack);
}

/**
 * A field longer than this is read a few sentences at a time: the model learned from bios, CV lines and chat
 * messages, and a long text (a report, an article pasted in) discloses only where one of its passages does.
 */
export const DISCLOSURE_WINDOW = 400;

/** The longest field read as a bio or a CV line, where a name alone may be the writer's own (about two lines). */
export const BARE_FIELD = 160;

export function disclosureFromHits(text: string, hits: readonly PhraseHit[], options: DisclosureOptions, pack: Pack): DisclosureHint {
  model ??= checkedDisclosureModel();
  const all = readDisclosure(text, hits, pack.rules, options.category);
  if (all.named.length === 0) return { ...QUIET, rules: all.rules };
  // A short field that names something sensitive with nothing saying whose or when (a bio, a CV line) counts as
  // the writer's own, at the model's stricter bare cut; in a longer text such a name is most often news or a rule.
  const bareField = text.trim().length <= BARE_FIELD;
  let best: { score: number; own: boolean; self: boolean; bare: boolean; named: readonly NamedHit[] } | null = null;
  for (const [from, to] of passagesOf(text)) {
    const inside = hits.filter((hit) => hit.start >= from && hit.end <= to);
    const passage = text.slice(from, to);
    const shifted = inside.map((hit) => ({ ...hit, start: hit.start - from, end: hit.end - from }));
    const plain = readDisclosure(passage, shifted, pack.rules, options.category);
    if (plain.named.length === 0) continue;
    // The text signal is read only for passages that name something sensitive: most keystrokes stop above.
    const reading = readDisclosure(passage, shifted, pack.rules, options.category, textSignalOf(passage, pack.fold, model.signal));
    let z = model.bias;
    reading.features.forEach((x, i) => {
      z += model!.weights[i]! * x;
    });
    const score = Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
    const self = reading.selfDisclosed;
    // In a long text only first-person words make a name the writer's own (ReadDisclosure.ownByPerson).
    const own = self || reading.ownByPerson || (reading.framedAsOwn && text.length <= DISCLOSURE_WINDOW);
    // The passage that counts: one framed as the writer's own before one that is not, then the higher score.
    if (!best || (own && !best.own) || (own === best.own && (self ? 1 : score) > (best.self ? 1 : best.score))) {
      best = { score, own, self, bare: bareField && reading.clean, named: reading.named.map((item) => ({ ...item, hit: { ...item.hit, start: item.hit.start + from, end: item.hit.end + from } })) };
    }
  }
  if (!best) return { ...QUIET, rules: all.rules };
  const top = strongest(best.named);
  const rule = pack.rules[top.hit.rule]!;
  return {
    level: best.self || (best.own && best.score >= model.cut) || (best.bare && best.score >= model.bareCut) ? 'hint' : 'none',
    score: best.score,
    rules: all.rules,
    kind: top.kind,
    evidence: { start: top.hit.start, end: top.hit.end, quote: text.slice(top.hit.start, top.hit.end) },
    why: KIND_WHY[top.kind],
    safer: SAFER_WORDING[rule.id] ?? KIND_SAFER[top.kind],
  };
}

const SENTENCE_END = /[.!?。！？\n]+/g;

/** The passages a field is read in: the whole of a short field; for a longer one, runs of sentences up to DISCLOSURE_WINDOW. */
export function passagesOf(text: string): Array<[number, number]> {
  if (text.length <= DISCLOSURE_WINDOW) return [[0, text.length]];
  const starts = [0];
  for (const match of text.matchAll(SENTENCE_END)) {
    const next = match.index + match[0].length;
    if (next < text.length) starts.push(next);
  }
  const passages: Array<[number, number]> = [];
  for (let i = 0; i < starts.length; i++) {
    let end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    // Whole sentences while they fit; a sentence longer than the window is cut at it.
    for (let j = i + 2; j <= starts.length; j++) {
      const next = j < starts.length ? starts[j]! : text.length;
      if (next - starts[i]! > DISCLOSURE_WINDOW) break;
      end = next;
    }
    passages.push([starts[i]!, Math.min(end, starts[i]! + DISCLOSURE_WINDOW)]);
  }
  return passages;
}

/** The signal that speaks for the hint: the heaviest, then the longest (the whole phrase over a part), then the earliest. */
function strongest(named: readonly NamedHit[]): NamedHit {
  let top = named[0]!;
  const length = (item: NamedHit): number => item.hit.end - item.hit.start;
  for (const item of named) {
    if (item.weight > top.weight || (item.weight === top.weight && length(item) > length(top))) top = item;
  }
  return top;
}
