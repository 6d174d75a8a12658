// The per-code-unit fold table, decoded from the compact form the rule compiler writes.
// Decoding is a linear fill: no Unicode data is computed at run time, so loading stays well under a millisecond.

/** Marker: the code unit folds to nothing (zero-width characters, soft hyphens, combining marks). */
export const SKIP = 0;
/** Marker: the code unit folds to several units, listed in the expansions. */
export const EXPAND = 0xffff;
/** Folded form of any character that is not letter, digit or ideograph. */
export const SPACE = 0x20;
/** Every decimal digit folds to this unit, so a phrase's digit stands for any digit. */
export const DIGIT = 0x30;
/**
 * Folded form of astral letters that no rule uses: a letter that folds to itself (Greek small heta, archaic),
 * so folding stays idempotent and the letter still reads as part of a word.
 */
export const OTHER_LETTER = 0x0371;

export interface FoldData {
  /** Runs `start,count,target,step` in base 36, separated by `;`: unit start+i folds to target+i*step. */
  runs: string;
  /** Code unit to its folded expansion (already folded). */
  expansions: Record<string, string>;
}

export interface FoldTable {
  readonly units: Uint16Array;
  readonly expansions: ReadonlyMap<number, string>;
}

export function decodeFoldTable(data: FoldData): FoldTable {
  const units = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = c;
  if (data.runs !== '') {
    for (const run of data.runs.split(';')) {
      const [start, count, target, step] = run.split(',').map((field) => parseInt(field, 36)) as [
        number,
        number,
        number,
        number,
      ];
      for (let i = 0; i < count; i++) units[start + i] = target + i * step;
    }
  }
  const expansions = new Map<number, string>();
  for (const [unit, text] of Object.entries(data.expansions)) {
    units[Number(unit)] = EXPAND;
    expansions.set(Number(unit), text);
  }
  return { units, expansions };
}

/** Encodes a full table (index = code unit) as runs of units that differ from identity. */
export function encodeFoldRuns(target: ArrayLike<number>): string {
  const runs: string[] = [];
  let c = 0;
  while (c < target.length) {
    if (target[c] === c) {
      c++;
      continue;
    }
    const start = c;
    const first = target[c]!;
    // A run continues while the step stays constant (0 for "all to one unit", 1 for shifted ranges like A-Z).
    let step = c + 1 < target.length && target[c + 1] !== c + 1 ? target[c + 1]! - first : 0;
    if (step !== 0 && step !== 1) step = 0;
    let count = 1;
    while (start + count < target.length) {
      const next = target[start + count]!;
      if (next === start + count || next !== first + count * step) break;
      count++;
    }
    runs.push([start, count, first, step].map((n) => n.toString(36)).join(','));
    c = start + count;
  }
  return runs.join(';');
}
