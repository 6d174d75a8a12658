// The page side of `npm run -s bench:browser`: bundled (minified, as the extension's background is) and run in a
// Chromium page, where V8 compiles the matcher as it does in the extension's service worker. The same subjects as
// the Node benchmark's first three rows: the bare loop, our match over pre-folded text, our fold + match.
import { PACK } from '../../src/core/generated/pack.js';
import { scanPhrases } from '../../src/core/match/scan.js';
import { decodePack } from '../../src/core/pack.js';
import { checksum, consume, measure, median, type Measured } from './bench-measure.js';
import { ourSubjects } from './bench-ours.js';

export interface BrowserBenchInput {
  texts: Array<{ lang: string; text: string }>;
  /** Short strings scanned before timing, so the scan is timed as the extension runs it: after many shapes. */
  warm: string[];
}

export interface BrowserBenchResult {
  results: Array<{ lang: string; foldedUnits: number; rows: Measured[] }>;
  /** Median of 20 decodes of the shipped pack, after one. */
  loadMs: number;
  checksum: number;
}

function run(input: BrowserBenchInput): BrowserBenchResult {
  const pack = decodePack(PACK);
  for (const text of input.warm) consume(scanPhrases(text, pack).length);
  const results = input.texts.map(({ lang, text }) => {
    const { subjects, foldedUnits } = ourSubjects(text, pack);
    return { lang, foldedUnits, rows: measure(subjects) };
  });
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    consume(decodePack(PACK).automaton.states);
    if (i > 0) times.push(performance.now() - start);
  }
  return { results, loadMs: median(times), checksum: checksum() };
}

(globalThis as { lurewatchBench?: typeof run }).lurewatchBench = run;
