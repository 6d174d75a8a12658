// The per-code-unit fold table, decoded from the compact form the rule compiler writes.
// Decoding is a linear fill: no Unicode data is computed at run time, so loading stays well under a millisecond.

import type { VarintReader, VarintWriter } from '../match/varint.js';

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
  /** Runs as flat quadruples start, count, target, step: unit start+i folds to target+i*step (step 0 or 1). */
  runs: number[];
  /** Code unit to its folded expansion (already folded). */
  expansions: Record<string, string>;
}

export interface FoldTable {
  readonly units: Uint16Array;
  readonly expansions: ReadonlyMap<number, string>;
}

/**
 * Writes the runs as varint columns (count and step; gap since the end of the previous run; target): each column
 * holds numbers of one kind, mostly small, so most take one byte.
 */
export function writeFoldRuns(w: VarintWriter, runs: readonly number[]): void {
  w.write(runs.length / 4);
  for (let i = 0; i < runs.length; i += 4) w.write(2 * runs[i + 1]! + runs[i + 3]!);
  for (let i = 0, end = 0; i < runs.length; i += 4) {
    w.write(runs[i]! - end);
    end = runs[i]! + runs[i + 1]!;
  }
  for (let i = 0; i < runs.length; i += 4) w.write(runs[i + 2]!);
}

/** Reads what writeFoldRuns wrote and builds the table. A linear fill: no Unicode data is computed at run time. */
export function readFoldTable(r: VarintReader, expansionData: Record<string, string>): FoldTable {
  const units = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = c;
  const count = r.read();
  if (count > 0x10000) throw new RangeError('serialized fold table has too many runs');
  const field = new Int32Array(count);
  for (let i = 0; i < count; i++) field[i] = r.read();
  const starts = new Int32Array(count);
  for (let i = 0, end = 0; i < count; i++) {
    starts[i] = end + r.read();
    end = starts[i]! + (field[i]! >> 1);
    if (end > 0x10000) throw new RangeError('serialized fold run is out of range');
  }
  for (let i = 0; i < count; i++) {
    const target = r.read();
    const step = field[i]! & 1;
    const length = field[i]! >> 1;
    if (target + step * (length - 1) > 0xffff) throw new RangeError('serialized fold target is out of range');
    for (let j = 0; j < length; j++) units[starts[i]! + j] = target + j * step;
  }
  const expansions = new Map<number, string>();
  for (const [unit, text] of Object.entries(expansionData)) {
    units[Number(unit)] = EXPAND;
    expansions.set(Number(unit), text);
  }
  return { units, expansions };
}

/** Encodes a full table (index = code unit) as runs of units that differ from identity. */
export function encodeFoldRuns(target: ArrayLike<number>): number[] {
  const runs: number[] = [];
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
    runs.push(start, count, first, step);
    c = start + count;
  }
  return runs;
}
