// Phrase occurrences in a text: fold, then one pass of the automaton, with positions mapped back to the original.

import { createFolded, foldInto, originalEnd, type Folded } from '../fold/fold.js';
import type { Pack } from '../pack.js';
import { findMatches } from './automaton.js';

export interface PhraseHit {
  /** Index into pack.rules. */
  rule: number;
  pattern: number;
  /** Offsets in the folded text (end exclusive): windows and distances are measured here. */
  foldedStart: number;
  foldedEnd: number;
  /** Offsets in the original text (end exclusive): evidence and highlights use these. */
  start: number;
  end: number;
}

// One buffer reused across scans: the content script scans often, and fresh arrays per scan would churn the heap.
// A buffer grown for a huge page is let go afterwards, so one big survey does not pin megabytes for the page's life.
let buffer: Folded | undefined;
const KEEP_UNITS = 1 << 16;

export function scanPhrases(text: string, pack: Pack): PhraseHit[] {
  buffer ??= createFolded(4096);
  const folded = foldInto(text, pack.fold, buffer);
  const hits: PhraseHit[] = [];
  findMatches(pack.automaton, folded.units, folded.length, (pattern, start, end) => {
    hits.push({
      rule: pack.automaton.patternRule[pattern]!,
      pattern,
      foldedStart: start,
      foldedEnd: end,
      start: folded.map[start]!,
      end: originalEnd(text, folded, end - 1, pack.fold),
    });
  });
  if (buffer.units.length > KEEP_UNITS) buffer = undefined;
  return hits;
}
