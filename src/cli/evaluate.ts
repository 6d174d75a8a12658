// Figures for the eval command. Two kinds of file:
// - corpus files with `label` (benign | fraud | lure): per label, how many documents raised a banner;
// - labelled lure files with `expect` (warn | quiet | awareness): recall of `warn`, and the share of `quiet` and
//   `awareness` texts with a banner, per language and family and per category. The shared dev files are reported
//   in two parts, the worked-from two thirds and the held-out third (labelled.ts devPart).

import { detect, showsBanner, type Detection } from '../core/detect.js';
import type { Pack } from '../core/pack.js';
import type { Sensitivity, Severity } from '../core/severity.js';
import type { SiteCategory } from '../core/site.js';
import type { InputDocument } from './documents.js';
import { devPart, EXPECTS, type Expect } from './labelled.js';

export interface EvalRow {
  file: string;
  label: string;
  documents: number;
  banners: number;
  severity: Record<Severity, number>;
  /** Share of documents with a banner: the false-positive rate for benign, the detection rate for fraud. */
  bannerRate: number;
  /** Ids of the documents with a banner (for looking at false positives). */
  flagged: string[];
}

/** Texts and banners of one kind of `expect` in a group. */
export interface Tally {
  texts: number;
  banners: number;
}

export interface ExpectRow {
  file: string;
  /** all, or for the shared dev files: work | holdout. */
  part: string;
  /** What the row groups by: "lang/family" or "category". */
  group: string;
  counts: Record<Expect, Tally>;
}

/** A text the detector got wrong: a `warn` without a banner, or a `quiet` or `awareness` text with one. */
export interface Mistake {
  file: string;
  part: string;
  id: string;
  expect: Expect;
  /** The first words of the text; empty for the held-out part, which is never shown. */
  opening: string;
  detection: Pick<Detection, 'severity' | 'score' | 'combination'>;
}

/** The corpus category says what kind of site the text would be read on; it feeds the scoring like a hostname. */
const CORPUS_CATEGORY: Record<string, SiteCategory> = {
  job: 'recruitment',
  loan: 'loan',
  dating: 'dating',
  hobby: 'social',
  social: 'social',
  other: 'other',
};

function detectDocument(document: InputDocument, sensitivity: Sensitivity, pack: Pack): Detection {
  const category = CORPUS_CATEGORY[String(document.fields.category)] ?? 'other';
  return detect(document.text, { sensitivity, category }, pack);
}

/** Whether a file's documents carry `expect` (the labelled lure files) rather than `label`. */
export function isExpectFile(documents: readonly InputDocument[]): boolean {
  return documents.length > 0 && documents.every((d) => (EXPECTS as readonly unknown[]).includes(d.fields.expect));
}

/** The shared dev files are split by id; anything else is one part. */
export function partOf(file: string, id: string): string {
  return /(^|\/)(lures|disclosure)_dev_[a-z]+\.jsonl$/.test(file) ? devPart(id) : 'all';
}

export function evaluate(file: string, documents: readonly InputDocument[], sensitivity: Sensitivity, pack: Pack): EvalRow[] {
  const rows = new Map<string, EvalRow>();
  for (const document of documents) {
    const label = typeof document.fields.label === 'string' ? document.fields.label : 'unlabelled';
    const detection = detectDocument(document, sensitivity, pack);
    let row = rows.get(label);
    if (!row) {
      row = { file, label, documents: 0, banners: 0, severity: { none: 0, info: 0, caution: 0, warning: 0 }, bannerRate: 0, flagged: [] };
      rows.set(label, row);
    }
    row.documents++;
    row.severity[detection.severity]++;
    if (showsBanner(detection)) {
      row.banners++;
      row.flagged.push(document.id);
    }
  }
  for (const row of rows.values()) row.bannerRate = row.documents === 0 ? 0 : row.banners / row.documents;
  return [...rows.values()];
}

export function evaluateExpected(
  file: string,
  documents: readonly InputDocument[],
  sensitivity: Sensitivity,
  pack: Pack,
): { rows: ExpectRow[]; mistakes: Mistake[] } {
  const rows = new Map<string, ExpectRow>();
  const mistakes: Mistake[] = [];
  const tally = (part: string, group: string, expect: Expect, banner: boolean): void => {
    const key = `${part}\u0000${group}`;
    let row = rows.get(key);
    if (!row) {
      row = { file, part, group, counts: { warn: { texts: 0, banners: 0 }, quiet: { texts: 0, banners: 0 }, awareness: { texts: 0, banners: 0 } } };
      rows.set(key, row);
    }
    row.counts[expect].texts++;
    if (banner) row.counts[expect].banners++;
  };
  for (const document of documents) {
    const expect = document.fields.expect as Expect;
    const part = partOf(file, document.id);
    const detection = detectDocument(document, sensitivity, pack);
    const banner = showsBanner(detection);
    const lang = String(document.fields.lang ?? '?');
    const family = String(document.fields.family ?? 'none');
    tally(part, `${lang}/all`, expect, banner);
    tally(part, `${lang}/${family}`, expect, banner);
    tally(part, `${lang}/category:${String(document.fields.category ?? 'other')}`, expect, banner);
    if (banner !== (expect === 'warn')) {
      mistakes.push({
        file,
        part,
        id: document.id,
        expect,
        opening: part === 'holdout' ? '' : openingOf(document.text),
        detection: { severity: detection.severity, score: detection.score, combination: detection.combination },
      });
    }
  }
  const order = (row: ExpectRow): string =>
    `${row.part === 'holdout' ? 1 : 0}${row.group.includes('category:') ? 1 : 0}${row.group.split('/')[0]}${row.group.endsWith('/all') ? 0 : 1}${row.group}`;
  return { rows: [...rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)), mistakes };
}

function openingOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat;
}

export function formatTable(rows: readonly EvalRow[]): string {
  const header = ['file', 'label', 'docs', 'banners', 'none', 'info', 'caution', 'warning', 'rate', 'meaning'];
  const body = rows.map((row) => [
    row.file,
    row.label,
    String(row.documents),
    String(row.banners),
    String(row.severity.none),
    String(row.severity.info),
    String(row.severity.caution),
    String(row.severity.warning),
    `${(row.bannerRate * 100).toFixed(2)}%`,
    row.label === 'benign' ? 'false positives' : row.label === 'fraud' ? 'detected' : 'flagged',
  ]);
  return renderColumns(header, body);
}

export function formatExpectTable(rows: readonly ExpectRow[]): string {
  const cell = (t: Tally): string => (t.texts === 0 ? '-' : `${t.banners}/${t.texts} ${((t.banners / t.texts) * 100).toFixed(1)}%`);
  const header = ['file', 'part', 'group', 'lures caught (warn)', 'look-alikes flagged (quiet)', 'awareness flagged'];
  const body = rows.map((row) => [row.file, row.part, row.group, cell(row.counts.warn), cell(row.counts.quiet), cell(row.counts.awareness)]);
  return renderColumns(header, body);
}

export function formatMistakes(mistakes: readonly Mistake[]): string {
  return mistakes
    .map((m) => {
      const what = m.expect === 'warn' ? 'missed' : `false banner (${m.expect})`;
      const how = `${m.detection.severity} ${m.detection.score}${m.detection.combination ? ` ${m.detection.combination}` : ''}`;
      const words = m.part === 'holdout' ? '(held out: not shown)' : m.opening;
      return `${m.file} ${m.part} ${m.id} ${what} [${how}]: ${words}`;
    })
    .join('\n');
}

function renderColumns(header: string[], body: string[][]): string {
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...body.map((line) => line[i]!.length)));
  const render = (line: string[]): string => line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...body.map(render)].join('\n');
}
