// Figures for the eval:hints command: how often "think before you post" would hint on texts as if typed into a
// field. Labelled disclosure files (`expect`: hint | quiet, `site`) give, per language and site, the share of
// disclosures that earn a hint and of quiet texts that do, and the misses; corpus files give counts only, per
// kind of site the text is treated as typed on: their text is someone else's writing and never printed.

import { checkDisclosure } from '../core/disclosure.js';
import { SITE_CATEGORY } from '../core/compile/disclosure-training.js';
import type { Pack } from '../core/pack.js';
import type { SiteCategory } from '../core/site.js';
import type { InputDocument } from './documents.js';
import { partOf } from './evaluate.js';

export interface HintRow {
  file: string;
  part: string;
  group: string;
  hint: { texts: number; hinted: number };
  quiet: { texts: number; hinted: number };
}

export interface HintMistake {
  file: string;
  part: string;
  id: string;
  expect: 'hint' | 'quiet';
  score: number;
  /** First words; empty for the held-out part, which is never shown. */
  opening: string;
}

/** The kinds of site a corpus text is checked as typed on: an ordinary site, a social or hobby site, a job site. */
export const CORPUS_SITES: readonly SiteCategory[] = ['other', 'social', 'recruitment'];

export function isDisclosureFile(documents: readonly InputDocument[]): boolean {
  return documents.length > 0 && documents.every((d) => d.fields.expect === 'hint' || d.fields.expect === 'quiet');
}

export function evaluateHints(file: string, documents: readonly InputDocument[], pack: Pack): { rows: HintRow[]; mistakes: HintMistake[] } {
  const rows = new Map<string, HintRow>();
  const mistakes: HintMistake[] = [];
  const tally = (part: string, group: string, expect: 'hint' | 'quiet', hinted: boolean): void => {
    const key = `${part}\u0000${group}`;
    let row = rows.get(key);
    if (!row) {
      row = { file, part, group, hint: { texts: 0, hinted: 0 }, quiet: { texts: 0, hinted: 0 } };
      rows.set(key, row);
    }
    row[expect].texts++;
    if (hinted) row[expect].hinted++;
  };
  for (const doc of documents) {
    const expect = doc.fields.expect as 'hint' | 'quiet';
    const site = String(doc.fields.site ?? 'other');
    const lang = String(doc.fields.lang ?? '?');
    const part = partOf(file, doc.id);
    const found = checkDisclosure(doc.text, { category: SITE_CATEGORY[site] ?? 'other' }, pack);
    const hinted = found.level === 'hint';
    tally(part, `${lang}/all`, expect, hinted);
    tally(part, `${lang}/site:${site}`, expect, hinted);
    if (hinted !== (expect === 'hint')) {
      const flat = doc.text.replace(/\s+/g, ' ').trim();
      mistakes.push({ file, part, id: doc.id, expect, score: found.score, opening: part === 'holdout' ? '' : flat.length > 90 ? `${flat.slice(0, 90)}…` : flat });
    }
  }
  const order = (r: HintRow): string => `${r.part === 'holdout' ? 1 : 0}${r.group.split('/')[0]}${r.group.endsWith('/all') ? 0 : 1}${r.group}`;
  return { rows: [...rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)), mistakes };
}

/** Counts of hints on a corpus file's documents, per label and kind of site; never any text. */
export function countCorpusHints(file: string, documents: readonly InputDocument[], pack: Pack): Array<{ file: string; label: string; documents: number; hints: number[] }> {
  const byLabel = new Map<string, { file: string; label: string; documents: number; hints: number[] }>();
  for (const doc of documents) {
    const label = String(doc.fields.label ?? '?');
    const row = byLabel.get(label) ?? { file, label, documents: 0, hints: CORPUS_SITES.map(() => 0) };
    row.documents++;
    CORPUS_SITES.forEach((category, i) => {
      if (checkDisclosure(doc.text, { category }, pack).level === 'hint') row.hints[i]!++;
    });
    byLabel.set(label, row);
  }
  return [...byLabel.values()];
}
