// What LureWatch tells the person: the disclosed case a page resembles, what to do, where to report.
// Wording follows lures.md ("What to tell the user"): calm, concrete, no accusations.

export type Family = 'espionage' | 'fraud';

export const CASES = ['xiao', 'liu', 'wang', 'zhang', 'collection', 'handler', 'overseas', 'scam'] as const;
export type CaseId = (typeof CASES)[number];

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
  scam: {
    en: 'Upfront fees, guaranteed approval and task rebates are common signs of loan and job fraud.',
    zh: '先交费用、保证放款、刷单返利等，是网贷和招聘诈骗的常见特征。',
  },
};

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
