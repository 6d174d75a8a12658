// The site categories, apart from site.ts and its list of well-known sites: the content script validates messages
// that name a category, and importing site.ts for that would put the whole list, and the map built from it at start,
// into every page.
export const CATEGORIES = ['loan', 'recruitment', 'dating', 'social', 'other'] as const;
export type SiteCategory = (typeof CATEGORIES)[number];
