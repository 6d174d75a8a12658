// Text folding with a way back: the text that rules match against, and for every folded unit the index of the
// original character it came from, so evidence and highlights point at what the person actually sees.
//
// Folding, per character, comes from the fold table (NFKC, case, full-width forms, look-alike Cyrillic and Greek
// letters, Traditional to Simplified for the characters the rules use, punctuation to space, digits to "0",
// zero-width characters, soft hyphens and combining marks to nothing). This file adds what needs context:
// runs of white space collapse to one space; letter-spaced words are joined ("P A I D" -> "paid",
// "退 役 军 人" -> "退役军人"); a run of digits becomes one "0", so "800" and "8" read alike; a space separates
// Chinese characters from Latin letters and digits ("日结800元" -> "日结 0 元"), so English phrases can be anchored
// on spaces; characters outside the Basic Multilingual Plane are normalized one by one.

import { DIGIT, EXPAND, OTHER_LETTER, SKIP, SPACE, type FoldTable } from './table.js';

export interface Folded {
  /** Folded code units; only the first `length` are meaningful (the buffers are reused between calls). */
  units: Uint16Array;
  /** map[j]: index in the original text of the character that produced units[j]. Non-decreasing. */
  map: Int32Array;
  length: number;
}

export function createFolded(capacity = 1024): Folded {
  return { units: new Uint16Array(capacity), map: new Int32Array(capacity), length: 0 };
}

/** Folded units that are letters of an alphabetic script (for joining letter-spaced words and word boundaries). */
export function isLetterUnit(u: number): boolean {
  return (u >= 0x61 && u <= 0x7a) || (u >= 0xc0 && u < 0x530 && u !== 0xd7 && u !== 0xf7) || u === OTHER_LETTER;
}

/** Units that make up an English word: a phrase must not start or end inside a run of these. */
export function isWordUnit(u: number): boolean {
  return u === DIGIT || isLetterUnit(u);
}

export function isHanUnit(u: number): boolean {
  return (u >= 0x3400 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff);
}

const ASTRAL_LETTER = /^[\p{L}\p{N}]/u;
// Page text reaches foldInto in many string representations (one- or two-byte, flat, sliced, concatenated): past
// four, V8 stops inlining `text.charCodeAt`, while a call through the prototype stays inlined for all of them.
const charCodeAt = String.prototype.charCodeAt;

/**
 * Folds `text` into `out` (grown as needed) and returns it. Never throws for any string, including lone
 * surrogates. One pass; the common path per character is one table lookup and two stores. The state lives in
 * locals, not closures, so V8 keeps it in registers on the hot path.
 */
export function foldInto(text: string, table: FoldTable, out: Folded): Folded {
  const fold = table.units;
  const n = text.length;
  if (out.units.length < n + 16) grow(out, 0, n + 16);
  let units = out.units;
  let map = out.map;
  let len = 0;
  let pendingSpace = false;
  let spaceAt = 0;
  // Letter-spacing: a space written between single letters is provisional until the next token proves single too.
  let provisional = -1;
  let previousWasSingle = false;
  let previousHan = false;
  // Units of a multi-unit fold (ligatures, "㎞" -> "km", astral letters) are fed through the same path.
  let extra = '';
  let extraAt = 0;
  let next = 0;
  let i = 0;

  for (;;) {
    let f: number;
    let at: number;
    if (next < extra.length) {
      f = extra.charCodeAt(next++);
      at = extraAt;
    } else {
      if (i >= n) break;
      at = i;
      f = fold[charCodeAt.call(text, i)]!;
      i++;
      // Fast path, most of any text: a letter or ideograph of the same script as the unit before it, with no space
      // pending, is copied as it is (the general path below would do just that, in more steps).
      if (!pendingSpace && len > 0) {
        const limit = Math.min(n, i + units.length - len - 2);
        while (
          f > SPACE &&
          f !== EXPAND &&
          f !== DIGIT &&
          i < limit &&
          ((f >= 0x3400 && f <= 0x9fff) || (f >= 0xf900 && f <= 0xfaff)) === previousHan
        ) {
          units[len] = f;
          map[len] = at;
          len++;
          at = i;
          f = fold[charCodeAt.call(text, i)]!;
          i++;
        }
      }
      if (f === EXPAND) {
        extra = expand(text, at, table);
        extraAt = at;
        next = 0;
        if (isPairAt(text, at)) i++;
        continue;
      }
    }
    if (f === SKIP) continue;
    const han = (f >= 0x3400 && f <= 0x9fff) || (f >= 0xf900 && f <= 0xfaff);
    // A space, or a change between Chinese and other script, ends the token before it.
    if (!pendingSpace && (f === SPACE || (han !== previousHan && len > 0))) {
      // Join the token if it is the next letter of a letter-spaced word ("P A I D").
      const single = len > 0 && isLetterUnit(units[len - 1]!) && (len === 1 || units[len - 2] === SPACE);
      if (single && provisional >= 0 && provisional === len - 2) {
        units[len - 2] = units[len - 1]!;
        map[len - 2] = map[len - 1]!;
        len--;
      }
      previousWasSingle = single;
      provisional = -1;
      pendingSpace = true;
      spaceAt = at;
    }
    if (f === SPACE) continue;
    if (len + 2 > units.length) {
      grow(out, len, units.length * 2);
      units = out.units;
      map = out.map;
    }
    if (pendingSpace) {
      pendingSpace = false;
      // No leading space, and spaced-out Chinese is joined.
      if (len > 0 && !(han && previousHan)) {
        if (previousWasSingle && isLetterUnit(f)) provisional = len;
        units[len] = SPACE;
        map[len] = spaceAt;
        len++;
      }
    } else if (f === DIGIT && units[len - 1] === DIGIT) {
      continue; // one "0" per number
    }
    previousHan = han;
    units[len] = f;
    map[len] = at;
    len++;
  }
  // The last token may complete a letter-spaced word too.
  if (len > 1 && provisional >= 0 && provisional === len - 2 && isLetterUnit(units[len - 1]!)) {
    units[len - 2] = units[len - 1]!;
    map[len - 2] = map[len - 1]!;
    len--;
  }
  out.length = len;
  return out;
}

/** The folded units of a character whose fold is more than one unit. */
export function expand(text: string, i: number, table: FoldTable): string {
  return table.expansions.get(text.charCodeAt(i)) ?? foldAstral(text, i, table);
}

/** A surrogate pair starts at i. */
export function isPairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
}

/** Folds the surrogate pair (or lone surrogate) at `i`: NFKC brings mathematical letters back to plain ones. */
function foldAstral(text: string, i: number, table: FoldTable): string {
  if (!isPairAt(text, i)) return ' '; // a lone surrogate is not text anyone reads
  const character = text.slice(i, i + 2).normalize('NFKC');
  const first = character.charCodeAt(0);
  if (first < 0xd800 || first > 0xdfff) {
    let folded = '';
    for (let k = 0; k < character.length; k++) {
      const u = table.units[character.charCodeAt(k)]!;
      if (u === EXPAND) folded += table.expansions.get(character.charCodeAt(k)) ?? ' ';
      else if (u !== SKIP) folded += String.fromCharCode(u);
    }
    return folded;
  }
  return ASTRAL_LETTER.test(character) ? String.fromCharCode(OTHER_LETTER) : ' ';
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function grow(out: Folded, used: number, capacity: number): void {
  const units = new Uint16Array(capacity);
  const map = new Int32Array(capacity);
  units.set(out.units.subarray(0, used));
  map.set(out.map.subarray(0, used));
  out.units = units;
  out.map = map;
}

/** The folded text as a string, with its position map: for tests, tools and the reference matcher. */
export function foldText(text: string, table: FoldTable): { text: string; map: Int32Array } {
  const folded = foldInto(text, table, createFolded(text.length + 16));
  let result = '';
  const CHUNK = 8192;
  for (let start = 0; start < folded.length; start += CHUNK) {
    const end = Math.min(folded.length, start + CHUNK);
    result += String.fromCharCode(...folded.units.subarray(start, end));
  }
  return { text: result, map: folded.map.slice(0, folded.length) };
}

/**
 * The end (exclusive) in the original text of the character behind folded unit `j`, extended over the
 * characters folded away right after it (combining marks, zero-width characters, the rest of a number), so a
 * highlight covers them.
 */
export function originalEnd(text: string, folded: Folded, j: number, table: FoldTable): number {
  const at = folded.map[j]!;
  let end = at + (isPairAt(text, at) ? 2 : 1);
  const number = folded.units[j] === DIGIT;
  while (end < text.length) {
    const f = table.units[text.charCodeAt(end)];
    if (f !== SKIP && !(number && f === DIGIT)) break;
    end++;
  }
  return end;
}
