// The shape of the rule pack, and the validator that the rule compiler and the tests run over every rule file.
// Rules are data (JSON under src/core/rules/en and src/core/rules/zh); this file is the contract they must meet.

/** What kind of signal a phrase is. Scoring combines facets, never single phrases. */
export const FACETS = [
  'offer', // money or a favour: interest-free loan, debts cleared, high pay, paid reports, gifts
  'target', // a sensitive identity: veteran, service member, defence/military-industrial worker, clearance
  'request', // asks for information, photos, documents, coordinates, workplace details
  'proximity', // "near you", "km away", people nearby, spoofed location
  'romance', // flirting, attraction, intimate photos: the bait of the dating case
  'hobby', // hobby-group context that the aviation case started from: model aircraft, spotting, military fans
  'channel', // moving the conversation off-platform: Telegram, WhatsApp, add WeChat/QQ, download an app
  'secrecy', // keep it secret, don't tell your employer, delete the chat, threats after earlier photos
  'overseas', // overseas high-pay bait: northern Myanmar, Cambodia, free flights and lodging abroad
  'scam', // ordinary fraud tells: upfront fees, guaranteed approval, task rebates, gambling recovery
  'awareness', // third-person reporting of cases, arrests, security agencies, hotlines: lowers the score
  'legit', // marks of a legitimate offer: licence numbers, APR disclosure, ethics approval, official subsidy
  // Concept vocabularies: single ideas in many words, which the scorer combines by distance (an ask is `media` or
  // `info` within a clause of `place` or `workplace`) rather than by the fixed wording of one phrase.
  'place', // sensitive places, objects and organisations: bases, ports, ships, airfields, hangars, labs, plants, 营区, 军港
  'workplace', // the person's own workplace or unit as a lure names it: where you work, your office, 你们单位, 你们所
  'media', // photos, video, footage, screenshots, livestreams: pic, snap, vid, 照片, 拍, 视频
  'ask', // the asking itself, addressed to the reader: can you, send me, let me know, 帮我, 发我, 能不能
  'info', // what is elicited: schedules, counts, rosters, movements, numbers, layouts, documents, project status, names
  'device', // hosting, installing or plugging in something: a sensor, a box, a USB stick, an app kept running
  'pay', // money and its forms: amounts, per photo or per report, cash, crypto, 红包, 日结, 辛苦费
  'gift', // gifts, vouchers, paid trips and hospitality, favours in kind
  'loan', // loans, credit limits, debt relief and arrears
  'jobbait', // jobs too good to be true: high pay for easy work, no experience, part-time from home, 高薪, 兼职
  'upfront', // money asked before a payout: activation or unfreezing fees, deposits, 保证金, 解冻费, 垫付
  'task', // task and review schemes: like, rate, complete orders, commission, top up, 刷单, 返佣, 做任务
  'invest', // trading platforms, guaranteed returns, insider tips, withdrawal taxes, 稳赚, 提现, 交易所
  'service', // fake customer service and officials: refunds, frozen accounts, screen sharing, safe accounts, 客服, 安全账户
  'identity', // credentials and identity papers asked for: bank login, card CVV, one-time codes, 验证码, 身份证照片
  'urgency', // urgency, scarcity, exclusivity: act now, limited spots, 限时, 先到先得 (every advert says it too)
  'prohibit', // prohibitions and refusals: do not photograph, we never ask for, 禁止拍摄, 不得, 不收取任何费用
] as const;
export type Facet = (typeof FACETS)[number];

/**
 * The "think before you post" family: what a person discloses about himself while typing into a field. These rules
 * live in the same pack (one automaton, one fold) but the lure scorer never reads them; src/core/disclosure.ts does.
 */
export const DISCLOSURE_FACETS = [
  'disclose-self', // first-person framing of one's own work: "I work at", "my employer", 我在, 本人就职于 (never alone)
  'disclose-unit', // one's own military unit, posting or service details: "my battalion", 00000部队
  'disclose-employer', // a named defence or military-industrial employer: Lockheed Martin, 中航工业
  'disclose-institute', // a named research institute or national laboratory: Los Alamos, 第000研究所
  'disclose-project', // a classified or confidential project one works on
  'disclose-clearance', // one's own security clearance
  'disclose-site', // one's own access to restricted sites: bases, hangars, military restricted zones
  // Framing, never a disclosure alone: whether what is named is the writer's own and current.
  'disclose-present', // now and next: currently, present, deploying next week, 至今, 目前, 下个月进场
  'disclose-past', // long ago or no longer: years ago, back in the 90s, retired, former, 退伍五年, 以前
  'disclose-other', // someone else or the news: my dad, my cousin's unit, the article says, 表哥, 据报道
  'disclose-hiring', // an advertised role, not the writer's own: now hiring, on behalf of a client, 招聘, 要求
] as const;
export type DisclosureFacet = (typeof DISCLOSURE_FACETS)[number];
/** The disclosure facets that say what is disclosed (and carry the safer wording the hint offers). */
export const DISCLOSURE_KIND_FACETS = [
  'disclose-unit',
  'disclose-employer',
  'disclose-institute',
  'disclose-project',
  'disclose-clearance',
  'disclose-site',
] as const satisfies readonly DisclosureFacet[];
/** Every facet a rule may carry. */
export type RuleFacet = Facet | DisclosureFacet;
export const RULE_FACETS: readonly RuleFacet[] = [...FACETS, ...DISCLOSURE_FACETS];

export function isLureFacet(facet: RuleFacet): facet is Facet {
  return !facet.startsWith('disclose-');
}

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** Where a rule comes from: one of the four cases in the source article, or an awareness programme. */
export const SOURCES = [
  'case:xiao', // retired soldier, online-loan "manager", proof of service then secrets
  'case:liu', // people-nearby flirt, photos of the military site near his home
  'case:wang', // military-industrial technician, "foreign consulting company", paid reports
  'case:zhang', // aviation worker in model-aircraft groups, exhibition photos then workplace photos
  'guidance:cn-mss', // China's Ministry of State Security public warnings (12339)
  'guidance:uk-npsa', // UK NPSA/MI5 Think Before You Link
  'guidance:us-ncsc', // US FBI/NCSC Think Before You Link, The Nevernight Connection
  'fraud:anti-fraud', // ordinary fraud patterns (National Anti-Fraud Center 96110, job and loan scams)
  'context:awareness', // wording of awareness articles and official notices
  'context:legit', // wording of legitimate, regulated offers
] as const;
export type Source = (typeof SOURCES)[number];

export interface Rule {
  /** Stable id, kebab-case, ending in the language: `offer-interest-free-loan-en`. Never reuse a retired id. */
  id: string;
  facet: RuleFacet;
  lang: Lang;
  /** 1 (weak hint) to 3 (strong on its own within its facet). */
  weight: number;
  /**
   * Phrases in the rule's language. Syntax: literal text; `(a|b|)` alternatives (an empty one makes the group
   * optional; groups do not nest); a trailing `*` drops the word boundary at the end (`photograph*`). Every digit
   * stands for any digit, so `0 km away` matches `2 km away` and `15 km away`. Text is folded before matching
   * (case, width, punctuation to spaces, Traditional to Simplified), so write phrases in plain lower case.
   */
  phrases: string[];
  /** One line each: why this signal matters, shown to the person. */
  explain: { en: string; zh: string };
  source: Source;
  /**
   * Disclosure rules that name something (DISCLOSURE_KIND_FACETS): the generic wording to use
   * instead, as the hint offers it ("an aerospace manufacturer" rather than the company's name).
   */
  safer?: { en: string; zh: string };
  /** Texts the rule must fire on, and look-alikes it must not fire on. */
  examples: { match: string[]; nomatch: string[] };
}

export interface RuleFile {
  /** What the rules in this file are about, for people editing it. */
  about: string;
  rules: Rule[];
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*-(en|zh)$/;
/**
 * Every alternative of every group becomes its own pattern in the automaton, and the automaton ships in every
 * page: a phrase may spell out at most this many variants. Split a larger one into phrases that say more.
 */
export const MAX_VARIANTS_PER_PHRASE = 32;
const HAN = /\p{Script=Han}/u;

/** Returns a list of problems, each naming the file and rule; empty when the file is valid. */
export function validateRuleFile(data: unknown, fileName: string): string[] {
  const problems: string[] = [];
  const say = (where: string, what: string): void => {
    problems.push(`${fileName}: ${where}: ${what}`);
  };
  if (!isObject(data)) return [`${fileName}: not a JSON object with "about" and "rules"`];
  if (typeof data.about !== 'string' || data.about.trim() === '') say('about', 'must be a non-empty string');
  if (!Array.isArray(data.rules) || data.rules.length === 0) {
    say('rules', 'must be a non-empty array');
    return problems;
  }
  data.rules.forEach((rule: unknown, index: number) => {
    const where = isObject(rule) && typeof rule.id === 'string' ? `rule ${rule.id}` : `rule #${index}`;
    for (const problem of validateRule(rule)) say(where, problem);
  });
  return problems;
}

function validateRule(rule: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(rule)) return ['not an object'];
  const known = new Set(['id', 'facet', 'lang', 'weight', 'phrases', 'explain', 'source', 'safer', 'examples']);
  for (const key of Object.keys(rule)) if (!known.has(key)) problems.push(`unknown field "${key}"`);
  if (typeof rule.id !== 'string' || !ID_PATTERN.test(rule.id)) {
    problems.push('id must be kebab-case ending in -en or -zh');
  } else if (typeof rule.lang === 'string' && !rule.id.endsWith(`-${rule.lang}`)) {
    problems.push(`id must end in -${rule.lang}`);
  }
  if (!includes(RULE_FACETS, rule.facet)) problems.push(`facet must be one of ${RULE_FACETS.join(', ')}`);
  const needsSafer = includes(DISCLOSURE_KIND_FACETS, rule.facet);
  if (needsSafer && (!isObject(rule.safer) || !nonEmpty(rule.safer.en) || !nonEmpty(rule.safer.zh))) {
    problems.push('a disclosure rule needs "safer": { "en", "zh" }, the generic wording the hint suggests');
  } else if (needsSafer && !HAN.test((rule.safer as { zh: string }).zh)) {
    problems.push('safer.zh must be written in Chinese');
  } else if (!needsSafer && 'safer' in rule) {
    problems.push('only disclosure rules that name something carry "safer"');
  }
  if (!includes(LANGS, rule.lang)) problems.push('lang must be en or zh');
  if (typeof rule.weight !== 'number' || !Number.isInteger(rule.weight) || rule.weight < 1 || rule.weight > 3) {
    problems.push('weight must be 1, 2 or 3');
  }
  if (!includes(SOURCES, rule.source)) problems.push(`source must be one of ${SOURCES.join(', ')}`);
  if (!isObject(rule.explain) || !nonEmpty(rule.explain.en) || !nonEmpty(rule.explain.zh)) {
    problems.push('explain needs non-empty "en" and "zh"');
  } else if (!HAN.test(rule.explain.zh)) {
    problems.push('explain.zh must be written in Chinese');
  }
  if (!Array.isArray(rule.phrases) || rule.phrases.length === 0) {
    problems.push('phrases must be a non-empty array');
  } else {
    rule.phrases.forEach((phrase: unknown) => {
      const problem = checkPhraseSyntax(phrase);
      if (problem) problems.push(`phrase ${JSON.stringify(phrase)}: ${problem}`);
      else if (rule.lang === 'zh' && !HAN.test(phrase as string)) {
        problems.push(`phrase ${JSON.stringify(phrase)}: a zh phrase needs Chinese characters`);
      }
    });
  }
  const examples = rule.examples;
  if (!isObject(examples) || !stringArray(examples.match) || !stringArray(examples.nomatch)) {
    problems.push('examples needs "match" and "nomatch" arrays of strings');
  } else if (examples.match.length === 0) {
    problems.push('examples.match needs at least one text');
  } else if (examples.nomatch.length === 0) {
    problems.push('examples.nomatch needs at least one look-alike');
  }
  return problems;
}

/** Checks the phrase mini-syntax; returns a problem or null. */
export function checkPhraseSyntax(phrase: unknown): string | null {
  if (typeof phrase !== 'string' || phrase.trim() === '') return 'must be a non-empty string';
  if (phrase !== phrase.trim()) return 'no leading or trailing spaces';
  if (/[A-Z]/.test(phrase)) return 'write phrases in lower case';
  let depth = 0;
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase[i];
    if (c === '(') {
      if (depth > 0) return 'groups do not nest';
      depth++;
    } else if (c === ')') {
      if (depth === 0) return 'unbalanced )';
      depth--;
    } else if (c === '*' && i !== phrase.length - 1) {
      return '* may only end a phrase';
    }
  }
  if (depth !== 0) return 'unbalanced (';
  const variants = [...phrase.matchAll(/\(([^()]*)\)/g)].reduce((n, group) => n * group[1]!.split('|').length, 1);
  if (variants > MAX_VARIANTS_PER_PHRASE) {
    return `spells ${variants} variants; at most ${MAX_VARIANTS_PER_PHRASE} (split it into more specific phrases)`;
  }
  return null;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
function stringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
