// "Think before you post": the text of the field the person is typing into goes in; a hint, or nothing, comes out. Pure,
// like detect.ts: the content script, the tests and the corpus measurement run this very function.
//
// In two of the source cases the lure began with what the victim published himself (a CV naming a military-
// industrial employer, a job mentioned in hobby chat). Awareness programmes teach the same: do not advertise your
// unit, clearance or sensitive employer. So the signal here is a disclosure about oneself, never a topic: news about
// a defence company, a public job title or a past employer's industry stay quiet.

import type { Bilingual } from './advice.js';
import { SAFER_WORDING } from './generated/disclosure-texts.js';
import { scanPhrases, type PhraseHit } from './match/scan.js';
import type { Pack } from './pack.js';
import type { DisclosureFacet } from './rules/schema.js';
import type { SiteCategory } from './site.js';

export const DISCLOSURE_KINDS = ['unit', 'employer', 'institute', 'project', 'clearance', 'site'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export interface DisclosureHint {
  level: 'none' | 'hint';
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
  /** The site's category (site.ts): a CV on a job site or a post in a hobby group is where this mattered. */
  category: SiteCategory;
}

/** A field is read up to this many characters: a CV fits, and a keystroke stays cheap on a pasted book. */
export const MAX_FIELD_CHARS = 20_000;
/** A hint needs this much: a named sensitive thing plus something that makes it about the writer. */
export const HINT_SCORE = 3;
/**
 * Where disclosing oneself is the point of the page: a CV or profile on a job site, a post in a social, hobby or
 * dating group. The two cases that began with the victim's own words began on such sites.
 */
const SELF_DESCRIBING: ReadonlySet<SiteCategory> = new Set(['recruitment']);
const PUBLIC_CHAT: ReadonlySet<SiteCategory> = new Set(['social', 'dating']);

const KIND_OF_FACET: Record<Exclude<DisclosureFacet, 'disclose-self'>, DisclosureKind> = {
  'disclose-unit': 'unit',
  'disclose-employer': 'employer',
  'disclose-institute': 'institute',
  'disclose-project': 'project',
  'disclose-clearance': 'clearance',
  'disclose-site': 'site',
};

/**
 * Lure rules of the `target` facet that name a sensitive sector ("defence contractor", 军工企业, "security
 * clearance"). Typed by the person they are a mention, not yet a disclosure: each counts 1, and needs first-person
 * framing or a self-describing site to reach a hint. Their phrases cannot be repeated in the disclosure rules (the
 * pack refuses a phrase in two rules), so they are borrowed here by id; tests/core/disclosure.test.ts checks the ids.
 */
export const SECTOR_RULES: Readonly<Record<string, DisclosureKind>> = {
  'target-service-member-en': 'unit',
  'target-defence-industry-en': 'employer',
  'target-aviation-shipbuilding-en': 'employer',
  'target-cv-defence-role-en': 'employer',
  'target-security-clearance-en': 'clearance',
  'target-site-access-en': 'site',
  'target-service-member-zh': 'unit',
  'target-defence-industry-zh': 'employer',
  'target-aviation-shipbuilding-zh': 'employer',
  'target-production-insider-zh': 'employer',
  'target-clearance-zh': 'clearance',
};

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

interface Signal {
  hit: PhraseHit;
  kind: DisclosureKind;
  weight: number;
  rule: string;
}

const QUIET: DisclosureHint = { level: 'none', score: 0, rules: [], kind: null, evidence: null, why: null, safer: null };

/** Scans a field's text (`await shippedPack()`) and says whether it discloses a sensitive affiliation. */
export function checkDisclosure(text: string, options: DisclosureOptions, pack: Pack): DisclosureHint {
  const field = text.length > MAX_FIELD_CHARS ? text.slice(0, MAX_FIELD_CHARS) : text;
  if (field.trim() === '') return QUIET;
  return disclosureFromHits(field, scanPhrases(field, pack), options, pack);
}

export function disclosureFromHits(text: string, hits: readonly PhraseHit[], options: DisclosureOptions, pack: Pack): DisclosureHint {
  const signals: Signal[] = [];
  const fired: string[] = [];
  const counted = new Set<number>();
  let self = false;
  let score = 0;
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    const rule = pack.rules[hit.rule]!;
    const sector = SECTOR_RULES[rule.id];
    let kind: DisclosureKind | undefined;
    let weight = 0;
    if (rule.facet === 'disclose-self') {
      self = true;
    } else if (rule.facet.startsWith('disclose-')) {
      kind = KIND_OF_FACET[rule.facet as Exclude<DisclosureFacet, 'disclose-self'>];
      weight = rule.weight;
    } else if (sector) {
      kind = sector;
      weight = 1;
    } else {
      continue; // a lure signal: not this scorer's business
    }
    if (!counted.has(hit.rule)) {
      // A rule counts once however often it fires: repeating a name is not a second disclosure.
      counted.add(hit.rule);
      fired.push(rule.id);
      score += weight;
    }
    if (kind) signals.push({ hit, kind, weight, rule: rule.id });
  }
  if (signals.length === 0) return { ...QUIET, rules: fired };
  if (self) score += PUBLIC_CHAT.has(options.category) ? 2 : 1;
  if (SELF_DESCRIBING.has(options.category)) score += 1;

  // The strongest signal speaks for the hint: the heaviest, then the earliest.
  let top = signals[0]!;
  for (const signal of signals) if (signal.weight > top.weight) top = signal;
  return {
    level: score >= HINT_SCORE ? 'hint' : 'none',
    score,
    rules: fired,
    kind: top.kind,
    evidence: { start: top.hit.start, end: top.hit.end, quote: text.slice(top.hit.start, top.hit.end) },
    why: KIND_WHY[top.kind],
    safer: SAFER_WORDING[top.rule] ?? KIND_SAFER[top.kind],
  };
}
