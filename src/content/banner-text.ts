// The banner's words in English and Simplified Chinese (by the browser's language). Typed as pairs, so a string
// cannot exist in one language only.
import type { Bilingual } from '../core/advice.js';
import type { Facet } from '../core/rules/schema.js';

export const BANNER_TEXT = {
  noticed: { en: 'What LureWatch noticed', zh: 'LureWatch 注意到' },
  why: { en: 'Why it matters', zh: '为什么要注意' },
  todo: { en: 'What to do', zh: '建议' },
  report: { en: 'Where to report', zh: '举报渠道' },
  show: { en: 'Show me', zh: '在页面中显示' },
  dismiss: { en: 'Dismiss', zh: '关闭' },
  notOnSite: { en: 'Not on this site', zh: '此网站不再提示' },
  settings: { en: 'Settings', zh: '设置' },
  local: { en: 'Checked on your device. Nothing was sent anywhere.', zh: '仅在本机检查，没有发送任何内容。' },
  notSaved: {
    en: 'LureWatch could not save “Not on this site”, so it keeps watching here. Try again, or use the toolbar button.',
    zh: 'LureWatch 未能保存“此网站不再提示”，因此会继续在此提示。请再试一次，或使用工具栏按钮设置。',
  },
  fromFrame: { en: '(in an embedded frame)', zh: '（在页面内嵌的框架中）' },
} satisfies Record<string, Bilingual>;

export const FACET_LABELS: Record<Facet, Bilingual> = {
  offer: { en: 'Offer', zh: '好处' },
  target: { en: 'Sensitive identity', zh: '敏感身份' },
  request: { en: 'Request', zh: '索要' },
  proximity: { en: 'Nearby', zh: '附近' },
  romance: { en: 'Flirting', zh: '示好' },
  hobby: { en: 'Hobby group', zh: '兴趣群' },
  channel: { en: 'Another app', zh: '转移平台' },
  secrecy: { en: 'Secrecy', zh: '保密' },
  overseas: { en: 'Overseas job', zh: '境外工作' },
  scam: { en: 'Fraud sign', zh: '诈骗特征' },
  awareness: { en: 'Awareness', zh: '提示' },
  legit: { en: 'Legitimate', zh: '正规' },
  place: { en: 'Sensitive place', zh: '敏感场所' },
  workplace: { en: 'Your workplace', zh: '你的单位' },
  media: { en: 'Photos or video', zh: '照片或视频' },
  ask: { en: 'Request', zh: '索要' },
  info: { en: 'Inside details', zh: '内部情况' },
  device: { en: 'A device', zh: '设备' },
  pay: { en: 'Payment', zh: '报酬' },
  gift: { en: 'Gifts', zh: '礼物' },
  loan: { en: 'Loan or debt', zh: '贷款或债务' },
  jobbait: { en: 'Too-good job', zh: '高薪轻松' },
  upfront: { en: 'Fee first', zh: '先交钱' },
  task: { en: 'Task scheme', zh: '刷单任务' },
  invest: { en: 'Investment', zh: '投资' },
  service: { en: 'Customer service', zh: '冒充客服' },
  identity: { en: 'Your credentials', zh: '个人凭证' },
  urgency: { en: 'Urgency', zh: '催促' },
  prohibit: { en: 'Prohibition', zh: '禁止' },
};
