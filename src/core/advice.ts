// What LureWatch tells the person: the disclosed case a page resembles, what to do, where to report.
// Wording follows lures.md ("What to tell the user"): calm, concrete, no accusations.

export type Family = 'espionage' | 'fraud';

/**
 * The cases and patterns a finding can resemble: the four disclosed cases and two patterns of the official warnings
 * (espionage), and the telecom-fraud families the seed article names (fraud).
 */
export const CASES = [
  'xiao', 'liu', 'wang', 'zhang', 'collection', 'handler',
  'overseas', 'task', 'loanfee', 'invest', 'service', 'jobscam', 'scam',
] as const;
export type CaseId = (typeof CASES)[number];

export const CASE_FAMILY: Record<CaseId, Family> = {
  xiao: 'espionage',
  liu: 'espionage',
  wang: 'espionage',
  zhang: 'espionage',
  collection: 'espionage',
  handler: 'espionage',
  overseas: 'fraud',
  task: 'fraud',
  loanfee: 'fraud',
  invest: 'fraud',
  service: 'fraud',
  jobscam: 'fraud',
  scam: 'fraud',
};

export interface Bilingual {
  en: string;
  zh: string;
}

/** The language LureWatch speaks for a browser interface language: Chinese for Chinese, English otherwise. */
export function languageOf(uiLanguage: string): keyof Bilingual {
  return uiLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** One sentence per case: why this combination matters. */
export const CASE_STORIES: Record<CaseId, Bilingual> = {
  xiao: {
    en: 'In a case disclosed by China’s national security agency, an online-loan "manager" offered a retired soldier an interest-free loan for proof of his service, then asked for military secrets.',
    zh: '国家安全机关披露的案例中，一名自称网贷“经理”的人以无息贷款为诱饵，先要退役军人提供退役证明，再索要军事秘密。',
  },
  liu: {
    en: 'In a disclosed case, a woman met through "people nearby" used a faked location and intimate photos to get a man to photograph the military site near his home.',
    zh: '国家安全机关披露的案例中，一名通过“附近的人”结识的女子利用虚拟定位和亲密照片，诱使对方拍摄其住所附近的军事设施。',
  },
  wang: {
    en: 'In a disclosed case, a "foreign consulting company" offered a well-paid consulting job to a technician who named his military-industrial employer in his CV, and paid for reports that became secrets.',
    zh: '国家安全机关披露的案例中，一家“境外咨询公司”向在简历中写明军工单位的技术员提供高薪咨询兼职，借“咨询报告”套取秘密。',
  },
  zhang: {
    en: 'In a disclosed case, a friend from model-aircraft chat groups asked an aviation worker for exhibition photos, then for photos inside his workplace.',
    zh: '国家安全机关披露的案例中，航模群里结识的“网友”先向航空工业从业者索要航展照片，随后要求拍摄其单位内部。',
  },
  collection: {
    en: 'Official warnings describe part-time jobs paying far above the market for photos or "information collection" near ports, airfields and military zones.',
    zh: '国家安全机关多次提示：以远高于市场的报酬招募兼职，到军港、机场、军事管理区附近拍照或“信息采集”，是常见的境外间谍手段。',
  },
  handler: {
    en: 'Awareness programmes warn that contacts who ask about your sensitive work, want it kept quiet and move you to another app follow the pattern of intelligence recruitment.',
    zh: '反间谍宣传提示：打听你的涉密工作、要求保密并转到其他聊天软件的联系人，符合境外情报机构的拉拢套路。',
  },
  overseas: {
    en: 'High-pay jobs abroad with free flights and lodging are a known way into telecom-fraud compounds in northern Myanmar and Cambodia.',
    zh: '“海外高薪、包吃包住包机票”是诱骗人员前往缅北、柬埔寨等地电诈园区的常见话术。',
  },
  task: {
    en: 'Task scams pay a little for likes, reviews or orders, then ask you to top up or prepay "to unlock" tasks or withdraw, and keep the money.',
    zh: '刷单返利诈骗先让你做点赞、评价、下单等任务尝点甜头，再以“解锁任务”“提现”为由让你充值垫付，最后卷款消失。',
  },
  loanfee: {
    en: 'Loan scams promise fast approval with no credit check, then ask for an "activation", insurance or "unfreezing" fee before paying out, and never pay.',
    zh: '贷款诈骗以“无抵押、秒到账”为诱饵，放款前要求交保证金、手续费或“解冻费”，钱交了也拿不到贷款。',
  },
  invest: {
    en: 'In investment-romance scams a new online friend steers you to a trading platform that shows profits, then demands a "tax" or fee before any withdrawal.',
    zh: '网恋投资诈骗（“杀猪盘”）中，网友把你引到投资平台，先让你看到盈利，提现时再以“税费”“保证金”为由不断要钱。',
  },
  service: {
    en: 'Fake customer-service and official callers invent a refund, a frozen account or a loan to cancel, then ask for codes, screen sharing or a transfer to a "safe account".',
    zh: '冒充客服或公检法的骗子编造理赔、账户冻结、注销校园贷等理由，索要验证码、要求屏幕共享或转账到“安全账户”。',
  },
  jobscam: {
    en: 'Job scams offer easy, well-paid work, then ask for fees, your bank details or identity documents before you start.',
    zh: '招聘诈骗以轻松高薪为诱饵，入职前就要求交费，或索要银行卡、身份证等信息。',
  },
  scam: {
    en: 'Upfront fees, guaranteed approval and task rebates are common signs of loan and job fraud.',
    zh: '先交费用、保证放款、刷单返利等，是网贷和招聘诈骗的常见特征。',
  },
};

/**
 * The banner's heading names what the finding looks like, in words nobody misreads: an approach of the kind used
 * to recruit spies is not a "recruitment lure" on a dating page, where people would read that as a job offer.
 */
export const CASE_HEADINGS: Record<CaseId, { warning: Bilingual; caution: Bilingual }> = {
  ...espionageHeadings(['xiao', 'liu', 'wang', 'zhang', 'collection', 'handler']),
  overseas: {
    warning: { en: 'This looks like a job abroad that could lead into a scam compound', zh: '这很像把人骗到境外电诈园区的招聘' },
    caution: { en: 'This job abroad has signs of a trap', zh: '这份境外工作有诱骗出境的迹象' },
  },
  task: {
    warning: { en: 'This looks like a task scam', zh: '这很像刷单返利诈骗' },
    caution: { en: 'This has signs of a task scam', zh: '这条信息有刷单返利诈骗的迹象' },
  },
  loanfee: {
    warning: { en: 'This looks like a loan scam that asks for a fee first', zh: '这很像先收费的贷款诈骗' },
    caution: { en: 'This loan offer has signs of a fee scam', zh: '这条贷款信息有先收费诈骗的迹象' },
  },
  invest: {
    warning: { en: 'This looks like an investment scam', zh: '这很像网恋投资诈骗' },
    caution: { en: 'This has signs of an investment scam', zh: '这条信息有投资诈骗的迹象' },
  },
  service: {
    warning: { en: 'This looks like a fake customer-service scam', zh: '这很像冒充客服或公职人员的诈骗' },
    caution: { en: 'This has signs of a fake customer-service scam', zh: '这条信息有冒充客服诈骗的迹象' },
  },
  jobscam: {
    warning: { en: 'This looks like a job scam', zh: '这很像招聘诈骗' },
    caution: { en: 'This job offer has signs of a scam', zh: '这条招聘信息有诈骗迹象' },
  },
  scam: {
    warning: { en: 'This looks like a scam', zh: '这很像诈骗' },
    caution: { en: 'This has signs of a scam', zh: '这条信息有诈骗迹象' },
  },
};

function espionageHeadings<K extends CaseId>(cases: readonly K[]): Record<K, { warning: Bilingual; caution: Bilingual }> {
  const heading = {
    warning: {
      en: 'This looks like an approach used to get information about your work or the places near you',
      zh: '这很像在套取你的工作或住所附近的情况',
    },
    caution: {
      en: 'This has signs of an approach used to get information about your work or the places near you',
      zh: '这条信息有套取你的工作或住所附近情况的迹象',
    },
  };
  return Object.fromEntries(cases.map((id) => [id, heading])) as Record<K, typeof heading>;
}

/** What to do, for the fraud families whose advice differs from the general one. */
const CASE_ADVICE: Partial<Record<CaseId, Bilingual>> = {
  overseas: {
    en: 'Do not travel for a job you cannot verify and never hand over your passport. Check the employer and the agency through official registers, and tell your family where you are going.',
    zh: '不要为无法核实的工作出境，不要交出护照。通过官方渠道核实用人单位和中介资质，并告诉家人你的去向。',
  },
  task: {
    en: 'Stop here: a real job never asks you to pay or top up to unlock tasks or withdraw earnings, and paying more never gets back what you paid.',
    zh: '立即停止：正规工作从不需要你充值、垫付来“解锁任务”或提现，再多付钱也拿不回已付的钱。',
  },
  loanfee: {
    en: 'Do not pay anything before a loan is paid out: a real lender takes its fees from the loan. Check the lender’s licence with the regulator.',
    zh: '放款前不要支付任何费用：正规贷款机构不会在放款前收取保证金、解冻费。请通过监管部门核实对方资质。',
  },
  invest: {
    en: 'Do not move money to a platform that a new online friend recommends, and never pay a “tax” or fee to withdraw. Keep the records and stop the contact.',
    zh: '不要向网友推荐的平台转钱，提现要交“税费”“保证金”的一律是骗局。保留聊天和转账记录，停止联系。',
  },
  service: {
    en: 'Hang up and call the company on the number from its official site. Never share your screen or a code, and never move money to a “safe account”.',
    zh: '挂断电话，通过官方渠道公布的号码回拨核实。不要共享屏幕、不要透露验证码，更不要向“安全账户”转账。',
  },
};

/**
 * The case a finding is told as: the one it resembles, or its family's general pattern when it resembles none or
 * (a stale finding) one of the other family.
 */
export function caseOf(resembles: CaseId | null, family: Family): CaseId {
  return resembles && CASE_FAMILY[resembles] === family ? resembles : family === 'fraud' ? 'scam' : 'handler';
}

/** What to do about a finding: the fraud family's own advice where it has one, else its family's. */
export function adviceFor(story: CaseId, family: Family): Bilingual {
  return CASE_ADVICE[story] ?? ADVICE[family];
}

export const ADVICE: Record<Family, Bilingual> = {
  espionage: {
    en: 'Stop before sending photos, documents or details about your work or the places near you. Verify the person or company through an independent channel, and keep the conversation where it is.',
    zh: '先停一下：不要发送照片、资料或有关你工作和住所附近场所的信息。通过独立渠道核实对方身份，不要转到其他聊天软件。',
  },
  fraud: {
    en: 'Do not pay any fee or deposit up front and do not move to another app. Check the company through an official register before you go further.',
    zh: '不要预先支付任何费用或保证金，不要转到其他软件沟通。继续之前，请通过官方渠道核实对方。',
  },
};

/** Where to report. The channel is a setting; `auto` follows the language. */
export const REPORT_CHANNELS = ['auto', 'cn', 'general'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/**
 * The reporting line for a finding. `auto` gives China's lines (12339, 96110) when the person reads Chinese or
 * the lure itself is in Chinese, and the general line otherwise.
 */
export function reportingLine(family: Family, channel: ReportChannel, lang: 'en' | 'zh', chineseLure = false): string {
  const china = channel === 'cn' || (channel === 'auto' && (lang === 'zh' || chineseLure));
  if (china) {
    if (family === 'fraud') {
      return lang === 'zh' ? '反诈专线 96110，或使用国家反诈中心 App 举报。' : 'Anti-fraud line 96110, or the National Anti-Fraud Center app.';
    }
    return lang === 'zh'
      ? '国家安全机关举报受理电话 12339，或网站 www.12339.gov.cn。'
      : 'China’s national security hotline 12339, or www.12339.gov.cn.';
  }
  if (family === 'fraud') {
    return lang === 'zh' ? '向当地警方或反诈骗机构举报。' : 'Report it to your national fraud reporting service or local police.';
  }
  return lang === 'zh'
    ? '告诉你单位的保密或安全负责人，或向所在国家的安全机关报告。'
    : 'Tell your security officer, or report it to your national security authority.';
}
