// Figures for the eval command: per file and label, how many documents raised a banner and at what severity.

import { detect, showsBanner } from '../core/detect.js';
import type { Pack } from '../core/pack.js';
import type { Sensitivity, Severity } from '../core/score.js';
import type { SiteCategory } from '../core/site.js';
import type { InputDocument } from './documents.js';

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

/** The corpus category says what kind of site the text would be read on; it feeds the scoring like a hostname. */
const CORPUS_CATEGORY: Record<string, SiteCategory> = {
  job: 'recruitment',
  loan: 'loan',
  dating: 'dating',
  hobby: 'social',
  other: 'other',
};

export function evaluate(
  file: string,
  documents: readonly InputDocument[],
  sensitivity: Sensitivity,
  pack: Pack,
): EvalRow[] {
  const rows = new Map<string, EvalRow>();
  for (const document of documents) {
    const label = typeof document.fields.label === 'string' ? document.fields.label : 'unlabelled';
    const category = CORPUS_CATEGORY[String(document.fields.category)] ?? 'other';
    const detection = detect(document.text, { sensitivity, category }, pack);
    let row = rows.get(label);
    if (!row) {
      row = {
        file,
        label,
        documents: 0,
        banners: 0,
        severity: { none: 0, info: 0, caution: 0, warning: 0 },
        bannerRate: 0,
        flagged: [],
      };
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
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...body.map((line) => line[i]!.length)));
  const render = (line: string[]): string => line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...body.map(render)].join('\n');
}
