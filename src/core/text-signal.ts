// The learned text signal: a logistic model over hashed word and character n-grams of a window's folded text,
// fitted by `npm run train` on the same examples as the concept model. It knows how lures are phrased in ways no
// vocabulary lists; the concept model decides how much to trust it (it is one of its features, and only ever adds).
//
// Tokens: the folded text (fold/fold.ts: lower case, digits as 0, punctuation as space, Traditional as Simplified)
// split at spaces; a Latin word gives itself and, with the next word, a bigram; a run of Chinese characters gives
// its character bigrams and trigrams. Each token is hashed (FNV-1a) into a fixed number of buckets, present or not,
// and the vector is scaled to unit length.

import { createFolded, foldInto } from './fold/fold.js';
import type { FoldTable } from './fold/table.js';

export interface TextSignalData {
  /** log2 of the bucket count. */
  bits: number;
  bias: number;
  /** Weights are stored as signed bytes: weight = byte * scale. */
  scale: number;
  /** Base 64 of the Int8Array of weights, one per bucket. */
  weights: string;
}

export interface TextSignal {
  bits: number;
  bias: number;
  weights: Float32Array;
}

/** At most this many characters of a window are read: the signal is a second opinion, not a second scan. */
export const SIGNAL_CHARS = 3000;

const isHan = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

// Reused between calls: the signal runs for a few windows of every scored page.
let folded = createFolded(4096);
let marks = new Int32Array(0);
let generation = 0;

/**
 * Calls `visit` once for each distinct bucket of the text's tokens. Works on the folded units directly: building
 * the folded text as a string cost as much as everything else together.
 */
function forEachBucket(text: string, fold: FoldTable, bits: number, visit: (bucket: number) => void): void {
  const size = 1 << bits;
  if (marks.length !== size) {
    marks = new Int32Array(size);
    generation = 0;
  }
  generation++;
  const mark = generation;
  const add = (hash: number): void => {
    const bucket = hash & (size - 1);
    if (marks[bucket] === mark) return;
    marks[bucket] = mark;
    visit(bucket);
  };
  folded = foldInto(text.length > SIGNAL_CHARS ? text.slice(0, SIGNAL_CHARS) : text, fold, folded);
  const u = folded.units;
  const n = folded.length;
  let previousWord = -1;
  let i = 0;
  while (i < n) {
    const c = u[i]!;
    if (c === 0x20) {
      i++;
      continue;
    }
    if (isHan(c)) {
      let j = i;
      while (j < n && isHan(u[j]!)) j++;
      for (let k = i; k < j; k++) {
        if (k + 1 < j) add(hashRange(u, k, k + 2, 0x68));
        if (k + 2 < j) add(hashRange(u, k, k + 3, 0x68));
      }
      if (j - i === 1) add(hashRange(u, i, j, 0x68));
      previousWord = -1;
      i = j;
      continue;
    }
    let j = i;
    while (j < n && u[j] !== 0x20 && !isHan(u[j]!)) j++;
    const word = hashRange(u, i, j, 0x77);
    add(word);
    // Character 4-grams of the word with its boundaries (" pic", "pics", "ics "): spellings and forms the
    // examples never used still share most of them ("photos", "photog", "fotos").
    if (j - i >= 3) for (let k = i - 1; k + 4 <= j + 1; k++) add(hashEdges(u, k, i, j, 0x63));
    if (previousWord !== -1) add(Math.imul(previousWord ^ 0x9e3779b9, 0x01000193) ^ word);
    previousWord = word;
    i = j;
  }
}

/** The distinct buckets of a text's tokens, sorted (for fitting). */
export function textBuckets(text: string, fold: FoldTable, bits: number): Int32Array {
  const found: number[] = [];
  forEachBucket(text, fold, bits, (bucket) => found.push(bucket));
  return Int32Array.from(found).sort();
}

/** FNV-1a over the 4 units from `at`, where positions outside [start, end) of the word read as a space. */
function hashEdges(units: Uint16Array, at: number, start: number, end: number, kind: number): number {
  let h = (0x811c9dc5 ^ kind) >>> 0;
  h = Math.imul(h, 0x01000193);
  for (let k = at; k < at + 4; k++) {
    const c = k < start || k >= end ? 0x20 : units[k]!;
    h ^= c & 0xff;
    h = Math.imul(h, 0x01000193);
    h ^= c >>> 8;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a over units [from, to), seeded with a kind byte so words and characters do not share buckets. */
function hashRange(units: Uint16Array, from: number, to: number, kind: number): number {
  let h = (0x811c9dc5 ^ kind) >>> 0;
  h = Math.imul(h, 0x01000193);
  for (let k = from; k < to; k++) {
    const c = units[k]!;
    h ^= c & 0xff;
    h = Math.imul(h, 0x01000193);
    h ^= c >>> 8;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function decodeTextSignal(data: TextSignalData): TextSignal {
  const bytes = Uint8Array.from(atob(data.weights), (ch) => ch.charCodeAt(0));
  if (bytes.length !== 1 << data.bits) throw new Error('text signal: wrong weight count');
  const weights = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) weights[i] = ((bytes[i]! << 24) >> 24) * data.scale;
  return { bits: data.bits, bias: data.bias, weights };
}

/** The signal's probability that a text is a lure. */
export function textSignalOf(text: string, fold: FoldTable, signal: TextSignal): number {
  let sum = 0;
  let count = 0;
  const weights = signal.weights;
  forEachBucket(text, fold, signal.bits, (bucket) => {
    sum += weights[bucket]!;
    count++;
  });
  const z = signal.bias + (count === 0 ? 0 : sum / Math.sqrt(count));
  return 1 / (1 + Math.exp(-z));
}
