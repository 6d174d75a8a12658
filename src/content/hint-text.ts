// The post hint's words in English and Simplified Chinese (by the browser's language), typed as pairs like the
// banner's, so a string cannot exist in one language only. The why and the safer wording come from the core.
import type { Bilingual } from '../core/advice.js';
import type { DisclosureKind } from '../core/disclosure-features.js';

export const HINT_TEXT = {
  title: { en: 'Think before you post this', zh: '发布前请想一想' },
  safer: { en: 'Safer:', zh: '更稳妥的写法：' },
  dismiss: { en: 'Dismiss', zh: '关闭' },
  notOnSite: { en: 'Not on this site', zh: '此网站不再提示' },
  local: { en: 'Checked on your device; nothing you type is kept or sent.', zh: '仅在本机检查，输入内容不会保存或发送。' },
  label: { en: 'LureWatch hint about what you are typing', zh: 'LureWatch 对输入内容的提示' },
  notSaved: {
    en: 'LureWatch could not save “Not on this site”, so it keeps hinting here. Try again, or use the toolbar button.',
    zh: 'LureWatch 未能保存“此网站不再提示”，因此会继续在此提示。请再试一次，或使用工具栏按钮设置。',
  },
} satisfies Record<string, Bilingual>;

/** What the hint noticed, in a word, before the quote. */
export const KIND_LABELS: Record<DisclosureKind, Bilingual> = {
  unit: { en: 'Your unit or posting', zh: '部队或岗位' },
  employer: { en: 'A sensitive employer', zh: '敏感单位' },
  institute: { en: 'A research institute', zh: '研究所' },
  project: { en: 'A classified project', zh: '涉密项目' },
  clearance: { en: 'Your clearance', zh: '涉密身份' },
  site: { en: 'Access to restricted sites', zh: '能进出的场所' },
};
