// Phrase occurrences in a text, in one pass: each character is folded and the folded unit goes straight into the
// automaton, with positions mapped back to the original.
//
// The folding is exactly foldInto's (fold/fold.ts, which keeps the full folded text for tests and tools); this
// loop repeats its logic so that nothing is written to a text-sized buffer and read back. Only the last 512 folded
// units and their original positions are kept, in a ring: enough for the longest pattern (255 units) and for the
// one edit folding makes after the fact (joining a letter-spaced word removes the space before its last letter),
// which is why the automaton reads each unit two units behind the folding, except on the fast path (below).
// tests/core/scan.test.ts checks this loop against foldInto + findMatches, hit for hit.
//
// The fast path carries most of any text: letters or ideographs of the same script, one after another, and the
// separators between words of that script. Each code unit is one lookup in the pack's scan table (folded unit,
// script and class, see scan-table.ts) and one automaton step. Once a word has two units nothing before it can
// change any more (folding only ever takes back the space before a single letter), so there the automaton catches
// up and reads each unit as it comes.

import { expand, isLetterUnit, isPairAt } from '../fold/fold.js';
import { DIGIT, EXPAND, SKIP, SPACE, type FoldTable } from '../fold/table.js';
import type { Pack } from '../pack.js';
import { CLASS_BITS, LEADING_SPACE, TRAILING_SPACE, missDeep, step, type Automaton } from './automaton.js';

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

const RING = 512;
const MASK = RING - 1;
// Module-level rings, reused: the content script scans often.
// Each entry as in the scan table: the folded unit in the low 16 bits, its class from bit 18 (CLASS_SHIFT).
const ringUnit = new Int32Array(RING);
const ringMap = new Int32Array(RING);

// Page text reaches the scan in many string representations (one- or two-byte, flat, sliced, concatenated): past
// four, V8 stops inlining `text.charCodeAt`, while a call through the prototype stays inlined for all of them.
const charCodeAt = String.prototype.charCodeAt;

export function scanPhrases(text: string, pack: Pack): PhraseHit[] {
  const code = pack.scan;
  const table = pack.fold;
  const a = pack.automaton;
  const { classOf, cells, acceptCode, classes } = a;
  const hits: PhraseHit[] = [];
  // Local copies of module-level values: V8 reloads a module's bindings in the loop rather than keep them in
  // registers, and these copies made a scan about a sixth faster (measured with scripts/bench.ts).
  const unitRing = ringUnit;
  const mapRing = ringMap;
  const space = SPACE;
  const expandUnit = EXPAND;
  const digit = DIGIT;
  const skip = SKIP;
  const mask = MASK;
  const n = text.length;

  // Folding state, as in foldInto.
  let len = 0;
  let pendingSpace = false;
  let spaceAt = 0;
  let provisional = -1;
  let previousWasSingle = false;
  let previousHan = false;
  let extra = '';
  let extraLength = 0;
  let extraAt = 0;
  let nextExtra = 0;
  let i = 0;
  // Matching state: units [0, fed) have gone through the automaton, which is in state s.
  let fed = 0;
  // The state as a cell holds it, as in findMatches (whose comments say why the constants are literals).
  let s = a.start << 11;
  // The script of the word being read, as the scan table's bits (LETTER or IDEOGRAPH): the fast path's test.
  // The scan table's bit positions are spelled as literals below (0x30000 = SCRIPT_MASK, 0x10000 = LETTER,
  // 0x20000 = IDEOGRAPH, 18 = CLASS_SHIFT), as the automaton's are; tests/core/scan.test.ts checks they agree.
  let script = 0x10000;
  const spaceClass = a.spaceClass;
  const spaceEntry = space | (spaceClass << 18);

  for (;;) {
    let f: number;
    let at: number;
    if (nextExtra < extraLength) {
      f = extra.charCodeAt(nextExtra++);
      at = extraAt;
    } else {
      if (i >= n) break;
      at = i;
      let e = code[charCodeAt.call(text, i)]!;
      i++;
      // Fast path: the next letter or ideograph of the same script, no space pending. The word now has two units
      // or more, so every unit so far is final: the automaton catches up, then reads each unit as it comes.
      if ((e & 0x30000) === script && !pendingSpace && len > 0) {
        unitRing[len & mask] = e;
        mapRing[len & mask] = at;
        len++;
        while (fed < len) {
          const kk = unitRing[fed & mask]! >>> 18;
          const own = cells[(s >> 13) + kk]!;
          const d = (own & 2047) ^ kk;
          const miss = (d | -d) >> 31;
          let t = (own & ~miss) | (cells[((s >> 11) & 1) * classes + kk]! & miss);
          if ((miss & s & 4096) !== 0) t = missDeep(a, s >> 11, kk) << 11;
          fed++;
          if (t >= 0) {
            s = t;
          } else {
            const o = ~(t >> 11);
            s = acceptCode[o]! << 11;
            report(a, o, fed, text, table, hits);
          }
        }
        for (;;) {
          if (i >= n) break;
          at = i;
          e = code[charCodeAt.call(text, i)]!;
          i++;
          if ((e & 0x30000) !== script) {
            // Separators (one or a run: ", ", ". ", "，") between two words of the same script stay on this path.
            // The word before them has two units or more, so the space they fold to is final, and so is what
            // follows when the next word has two units too (a single letter may be a letter-spaced word's: the
            // general path decides). Ideographs need only one: spaced-out Chinese is joined whatever the length.
            if ((e & 0xffff) !== space) break;
            let j = i;
            while (j < n && (code[charCodeAt.call(text, j)]! & 0xffff) <= space) j++;
            if (j + 1 >= n) break;
            const e1 = code[charCodeAt.call(text, j)]!;
            if ((e1 & 0x30000) !== script) break;
            if (script === 0x10000) {
              if ((code[charCodeAt.call(text, j + 1)]! & 0x30000) !== script) break;
              unitRing[len & mask] = spaceEntry;
              mapRing[len & mask] = at;
              len++;
              const own = cells[(s >> 13) + spaceClass]!;
              const d = (own & 2047) ^ spaceClass;
              const miss = (d | -d) >> 31;
              let t = (own & ~miss) | (cells[((s >> 11) & 1) * classes + spaceClass]! & miss);
              if ((miss & s & 4096) !== 0) t = missDeep(a, s >> 11, spaceClass) << 11;
              fed++;
              if (t >= 0) {
                s = t;
              } else {
                const o = ~(t >> 11);
                s = acceptCode[o]! << 11;
                report(a, o, fed, text, table, hits);
              }
            }
            // Between two ideographs the separators leave nothing. Either way, as the general path would: the word
            // that ended was not a single letter, so no space is provisional.
            previousWasSingle = false;
            provisional = -1;
            at = j;
            e = e1;
            i = j + 1;
          }
          unitRing[len & mask] = e;
          mapRing[len & mask] = at;
          len++;
          const kk = e >>> 18;
          const own = cells[(s >> 13) + kk]!;
          const d = (own & 2047) ^ kk;
          const miss = (d | -d) >> 31;
          let t = (own & ~miss) | (cells[((s >> 11) & 1) * classes + kk]! & miss);
          if ((miss & s & 4096) !== 0) t = missDeep(a, s >> 11, kk) << 11;
          fed++;
          if (t >= 0) {
            s = t;
          } else {
            const o = ~(t >> 11);
            s = acceptCode[o]! << 11;
            report(a, o, fed, text, table, hits);
          }
        }
        if ((e & 0x30000) === script) break; // the text ended inside a word: everything is fed
      }
      f = e & 0xffff;
      if (f === expandUnit) {
        extra = expand(text, at, table);
        extraLength = extra.length;
        extraAt = at;
        nextExtra = 0;
        if (isPairAt(text, at)) i++;
        continue;
      }
    }
    if (f === skip) continue;
    const han = (f >= 0x3400 && f <= 0x9fff) || (f >= 0xf900 && f <= 0xfaff);
    // Anything but the next letter or ideograph of the same script, with no space pending, takes the general path.
    if (pendingSpace || f <= space || f === digit || han !== previousHan || len === 0) {
      // A space, or a change between Chinese and other script, ends the token before it.
      if (!pendingSpace && (f === space || (han !== previousHan && len > 0))) {
        // Join the token if it is the next letter of a letter-spaced word ("P A I D").
        const single = len > 0 && isLetterUnit(unitRing[(len - 1) & mask]! & 0xffff) && (len === 1 || (unitRing[(len - 2) & mask]! & 0xffff) === space);
        if (single && provisional >= 0 && provisional === len - 2) {
          unitRing[(len - 2) & mask] = unitRing[(len - 1) & mask]!;
          mapRing[(len - 2) & mask] = mapRing[(len - 1) & mask]!;
          len--;
        }
        previousWasSingle = single;
        provisional = -1;
        pendingSpace = true;
        spaceAt = at;
      }
      if (f === space) continue;
      if (pendingSpace) {
        pendingSpace = false;
        // No leading space, and spaced-out Chinese is joined.
        if (len > 0 && !(han && previousHan)) {
          if (previousWasSingle && isLetterUnit(f)) provisional = len;
          unitRing[len & mask] = spaceEntry;
          mapRing[len & mask] = spaceAt;
          len++;
        }
      } else if (f === digit && len > 0 && (unitRing[(len - 1) & mask]! & 0xffff) === digit) {
        continue; // one "0" per number
      }
      previousHan = han;
      script = han ? 0x20000 : 0x10000;
    }
    unitRing[len & mask] = f | (classOf[f]! << 18);
    mapRing[len & mask] = at;
    len++;

    // The automaton reads two units behind: the last two may still be joined.
    while (fed < len - 2) {
      const k = unitRing[fed & mask]! >>> 18;
      // As in findMatches: own transition or full row, selected by a mask; a loop only for deeper failure links.
      const own = cells[(s >> 13) + k]!;
      const d = (own & 2047) ^ k;
      const miss = (d | -d) >> 31;
      let t = (own & ~miss) | (cells[((s >> 11) & 1) * classes + k]! & miss);
      if ((miss & s & 4096) !== 0) t = missDeep(a, s >> 11, k) << 11;
      fed++;
      if (t >= 0) {
        s = t;
      } else {
        const o = ~(t >> 11);
        s = acceptCode[o]! << 11;
        report(a, o, fed, text, table, hits);
      }
    }
  }
  // The last token may complete a letter-spaced word too.
  if (len > 1 && provisional >= 0 && provisional === len - 2 && isLetterUnit(unitRing[(len - 1) & mask]! & 0xffff)) {
    unitRing[(len - 2) & mask] = unitRing[(len - 1) & mask]!;
    mapRing[(len - 2) & mask] = mapRing[(len - 1) & mask]!;
    len--;
  }
  while (fed < len) {
    const t = step(a, s >> CLASS_BITS, unitRing[fed & mask]! >>> 18);
    fed++;
    s = (t >= 0 ? t : acceptCode[~t]!) << CLASS_BITS;
    if (t < 0) report(a, ~t, fed, text, table, hits);
  }
  // The end of the text reads as a space too, closing a phrase that ends there.
  const t = step(a, s >> CLASS_BITS, a.spaceClass);
  if (t < 0) report(a, ~t, len + 1, text, table, hits);
  return hits;
}

/** The hits of the accepting state with ordinal o, the automaton having read folded units [0, end). */
function report(a: Automaton, o: number, end: number, text: string, table: FoldTable, hits: PhraseHit[]): void {
  for (let i = a.outStart[o]!; i < a.outStart[o + 1]!; i++) {
    const pattern = a.outList[i]!;
    const flags = a.patternFlags[pattern]!;
    // A leading anchor at the very start of the text is the virtual space before it.
    const foldedStart = Math.max(0, end - a.patternLength[pattern]! + (flags & LEADING_SPACE ? 1 : 0));
    const foldedEnd = end - (flags & TRAILING_SPACE ? 1 : 0);
    hits.push({
      rule: a.patternRule[pattern]!,
      pattern,
      foldedStart,
      foldedEnd,
      start: ringMap[foldedStart & MASK]!,
      end: originalEnd(text, foldedEnd - 1, table),
    });
  }
}

/**
 * As fold.ts's originalEnd, on the ring: the end in the original text of the character behind folded unit j,
 * extended over the characters folded away right after it (combining marks, zero-width characters, the rest of a
 * number), so a highlight covers them.
 */
function originalEnd(text: string, j: number, table: FoldTable): number {
  const at = ringMap[j & MASK]!;
  let end = at + (isPairAt(text, at) ? 2 : 1);
  const number = (ringUnit[j & MASK]! & 0xffff) === DIGIT;
  while (end < text.length) {
    const f = table.units[text.charCodeAt(end)];
    if (f !== SKIP && !(number && f === DIGIT)) break;
    end++;
  }
  return end;
}
