// Site categories: where a page comes from shifts how much its signals weigh (a loan offer on a loan site is the
// very channel of the first case; the same words in a forum are less telling).

import { CATEGORIES, type SiteCategory } from './categories.js';

export { CATEGORIES, type SiteCategory } from './categories.js';

/** Well-known sites by registrable domain; subdomains inherit (jobs.example.com -> example.com). */
const SITES: Record<Exclude<SiteCategory, 'other'>, readonly string[]> = {
  loan: [
    'lendingclub.com', 'prosper.com', 'sofi.com', 'upstart.com', 'avant.com', 'lendingtree.com', 'creditkarma.com',
    'nerdwallet.com', 'bankrate.com', 'oportun.com', 'onemainfinancial.com', 'moneylion.com', 'zopa.com',
    'ratesetter.com', 'fundingcircle.com', 'kiva.org', 'paydayloansonline.com', 'cashnetusa.com', 'speedycash.com',
    'jiebei.com', 'weilidai.com', 'jd.com/jr', 'jdjr.cn', '360jie.com', 'jiedianqian.com', 'paipaidai.com', 'ppdai.com',
    'yirendai.com', 'renrendai.com', 'xinyongka.com', 'pingan.com', 'nuoyuan.com', 'daikuan.com', 'rong360.com',
    'haodai.com', 'kaniu.com', 'dianrong.com',
  ],
  recruitment: [
    'linkedin.com', 'indeed.com', 'glassdoor.com', 'monster.com', 'ziprecruiter.com', 'careerbuilder.com',
    'simplyhired.com', 'dice.com', 'clearancejobs.com', 'usajobs.gov', 'reed.co.uk', 'totaljobs.com', 'seek.com.au',
    'upwork.com', 'fiverr.com', 'freelancer.com', 'guru.com', 'angel.co', 'wellfound.com', 'workable.com',
    'zhaopin.com', '51job.com', 'liepin.com', 'zhipin.com', 'lagou.com', 'boss.cn', 'kanzhun.com', 'maimai.cn',
    '58.com', 'ganji.com', 'chinahr.com', 'yingjiesheng.com', 'shixiseng.com', 'doumi.com', 'jianzhimao.com',
  ],
  dating: [
    'tinder.com', 'bumble.com', 'hinge.co', 'match.com', 'okcupid.com', 'pof.com', 'zoosk.com', 'eharmony.com',
    'badoo.com', 'happn.com', 'grindr.com', 'her.app', 'coffeemeetsbagel.com', 'meetme.com', 'tagged.com',
    'skout.com', 'hily.com', 'jiayuan.com', 'zhenai.com', 'baihe.com', 'tantanapp.com', 'tantan.com', 'momo.com',
    'immomo.com', 'soulapp.cn', 'blued.com', 'yidui.me',
  ],
  social: [
    'facebook.com', 'instagram.com', 'x.com', 'twitter.com', 'reddit.com', 'discord.com', 'discord.gg',
    'telegram.org', 't.me', 'web.whatsapp.com', 'web.telegram.org', 'messenger.com', 'vk.com', 'tumblr.com',
    'quora.com', 'pinterest.com', 'tiktok.com', 'youtube.com', 'meetup.com', 'rcgroups.com', 'airliners.net',
    'planespotters.net', 'flightradar24.com', 'weibo.com', 'douban.com', 'tieba.baidu.com', 'zhihu.com',
    'xiaohongshu.com', 'bilibili.com', 'douyin.com', 'kuaishou.com', 'qq.com', 'wx.qq.com', 'weixin.qq.com',
    'hupu.com', 'feeyo.com', 'mfcq.net', '5imx.com',
  ],
};

const BY_DOMAIN = new Map<string, SiteCategory>();
for (const [category, domains] of Object.entries(SITES) as Array<[SiteCategory, readonly string[]]>) {
  for (const domain of domains) BY_DOMAIN.set(domain, category);
}

/** Category of a hostname, by the longest listed suffix ("jobs.linkedin.com" -> recruitment). */
export function categoryOfHost(hostname: string | undefined): SiteCategory {
  if (!hostname) return 'other';
  const host = hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const found = BY_DOMAIN.get(labels.slice(i).join('.'));
    if (found) return found;
  }
  return 'other';
}

export function isSiteCategory(value: unknown): value is SiteCategory {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** Minimal shape of a fired rule, to keep this module free of the matcher's types. */
interface FiredRule {
  id: string;
  facet: string;
  weight: number;
}

const LOAN_WORDS = /loan|debt|credit|lend|borrow|贷|债|借/;
const JOB_WORDS = /job|pay|salary|wage|recruit|hire|hiring|consult|work|report|兼职|招聘|薪|工作|日结|咨询/;

/**
 * The page's own category when its host is not listed: from what its offers are about and from the dating and
 * hobby facets. Needs a little weight so that one passing mention does not re-label a page.
 */
export function categoryFromHits(hits: ReadonlyArray<{ rule: number }>, rules: readonly FiredRule[]): SiteCategory {
  const weight: Record<SiteCategory, number> = { loan: 0, recruitment: 0, dating: 0, social: 0, other: 0 };
  const seen = new Set<number>();
  for (const hit of hits) {
    if (seen.has(hit.rule)) continue;
    seen.add(hit.rule);
    const rule = rules[hit.rule]!;
    if (rule.facet === 'romance' || rule.facet === 'proximity') weight.dating += rule.weight;
    else if (rule.facet === 'hobby') weight.social += rule.weight;
    else if (rule.facet === 'offer' && LOAN_WORDS.test(rule.id)) weight.loan += rule.weight;
    else if (rule.facet === 'offer' && JOB_WORDS.test(rule.id)) weight.recruitment += rule.weight;
  }
  let best: SiteCategory = 'other';
  let most = 2; // at least this much weight before a category is taken from the text
  for (const category of CATEGORIES) {
    if (weight[category] > most) {
      best = category;
      most = weight[category];
    }
  }
  return best;
}
