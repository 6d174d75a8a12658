// How the scan command prints a detection: one JSON line (the interface other tools read) or a short text block.

import { showsBanner, type Detection } from '../core/detect.js';

export interface ScanRecord {
  id: string;
  banner: boolean;
  severity: Detection['severity'];
  score: number;
  families: Detection['families'];
  /** The case or pattern the finding resembles (advice.ts CASES), and the kind of site it was read as. */
  resembles: Detection['resembles'];
  category: Detection['category'];
  rules: string[];
  evidence: Array<{ rule: string; facet: string; quote: string; start: number; end: number; context: string }>;
}

export function toRecord(id: string, detection: Detection): ScanRecord {
  return {
    id,
    banner: showsBanner(detection),
    severity: detection.severity,
    score: detection.score,
    families: detection.families,
    resembles: detection.resembles,
    category: detection.category,
    rules: detection.rules,
    evidence: detection.evidence.map(({ rule, facet, quote, start, end, context }) => ({
      rule,
      facet,
      quote,
      start,
      end,
      context,
    })),
  };
}

export function toText(id: string, detection: Detection): string {
  const head = `${id}: ${detection.severity.toUpperCase()}${showsBanner(detection) ? ' (banner)' : ''}, score ${detection.score}`;
  if (detection.severity === 'none') {
    return detection.rules.length > 0 ? `${head}; single signals only: ${detection.rules.join(', ')}` : head;
  }
  const lines = [`${head}; ${detection.families.join(' + ')}; resembles ${detection.resembles} (${detection.combination})`];
  for (const item of detection.evidence) lines.push(`  - "${item.quote}" [${item.rule}] ${item.context}`);
  if (detection.story) lines.push(`  why: ${detection.story.en}`);
  return lines.join('\n');
}
