// The words of "Was this wrong?" and its report panel, on the banner and the post hint, in English and Simplified
// Chinese, typed as pairs like the banner's (banner-text.ts), so a string cannot exist in one language only.
import type { Bilingual } from '../core/advice.js';

export const REPORT_TEXT = {
  wrong: { en: 'Was this wrong?', zh: '提示有误？' },
  heading: { en: 'Marked as a false alarm', zh: '已标记为误报' },
  bannerMarked: {
    en: 'LureWatch will not show this banner on this page again, unless it finds stronger signs.',
    zh: '除非发现更明显的迹象，LureWatch 不会再在此页面显示这条提示。',
  },
  hintMarked: {
    en: 'LureWatch will not show this hint on this page again, unless what you type says more.',
    zh: '除非输入内容透露得更多，LureWatch 不会再在此页面显示这条提示。',
  },
  explain: {
    en: 'To help improve LureWatch, copy a short report and paste it into an issue in LureWatch’s issue tracker or into an e-mail. Nothing is sent from here.',
    zh: '如愿帮助改进 LureWatch，可复制一份简短报告，粘贴到 LureWatch 的问题跟踪页面或电子邮件中。这里不会发送任何内容。',
  },
  includeQuotes: { en: 'Include the quoted text', zh: '附上引用的文字' },
  includeTyped: { en: 'Include the words I typed that were quoted', zh: '附上被引用的输入内容' },
  reportLabel: { en: 'Report to copy', zh: '待复制的报告' },
  copy: { en: 'Copy a report', zh: '复制报告' },
  close: { en: 'Close', zh: '关闭' },
  copied: { en: 'Copied. Paste it wherever you choose.', zh: '已复制，可粘贴到您选择的地方。' },
  selected: {
    en: 'Your browser did not allow copying: the report is selected, press Ctrl+C (⌘C on a Mac) to copy it.',
    zh: '浏览器不允许直接复制：报告已选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。',
  },
} satisfies Record<string, Bilingual>;
