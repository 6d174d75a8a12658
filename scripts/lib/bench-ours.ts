// The three subjects every matching benchmark starts with, the same in Node (scripts/bench.ts) and in the browsers
// (bench-browser-page.ts): the bare loop (the floor), our automaton over text folded beforehand, our fold + match.
// No Node API here: it is bundled into the browsers' page.
import { createFolded, foldInto } from '../../src/core/fold/fold.js';
import { findMatches } from '../../src/core/match/automaton.js';
import { scanPhrases } from '../../src/core/match/scan.js';
import type { Pack } from '../../src/core/pack.js';
import { bareLoop, type Subject } from './bench-measure.js';

export function ourSubjects(text: string, pack: Pack): { subjects: Subject[]; foldedUnits: number } {
  const mib = text.length / (1024 * 1024);
  const folded = foldInto(text, pack.fold, createFolded(text.length + 16));
  const subjects: Subject[] = [
    { name: 'bare loop (charCodeAt sum)', mib, run: () => bareLoop(text) },
    {
      name: 'ours: match (pre-folded)',
      mib,
      run: () => {
        let hits = 0;
        findMatches(pack.automaton, folded.units, folded.length, () => hits++);
        return hits;
      },
    },
    { name: 'ours: fold + match (scanPhrases)', mib, run: () => scanPhrases(text, pack).length },
  ];
  return { subjects, foldedUnits: folded.length };
}
