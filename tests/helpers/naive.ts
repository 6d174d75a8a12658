// The reference matcher the automaton is checked against: every anchored pattern searched with indexOf in the
// folded text padded with one space on each side, as the automaton reads it.
import { LEADING_SPACE, TRAILING_SPACE } from '../../src/core/match/automaton.js';

export interface NaivePattern {
  anchored: string;
  flags: number;
}

/** Occurrences as "pattern:start:end" (phrase offsets in the unpadded text), sorted. */
export function naiveMatches(patterns: readonly NaivePattern[], text: string): string[] {
  const padded = ` ${text} `;
  const found: string[] = [];
  patterns.forEach((p, id) => {
    for (let i = padded.indexOf(p.anchored); i !== -1; i = padded.indexOf(p.anchored, i + 1)) {
      const start = i - 1 + (p.flags & LEADING_SPACE ? 1 : 0);
      const end = i - 1 + p.anchored.length - (p.flags & TRAILING_SPACE ? 1 : 0);
      found.push(`${id}:${Math.max(start, 0)}:${end}`);
    }
  });
  return found.sort();
}
