// The compiled phrase automaton at run time: Aho-Corasick over folded code units.
//
// English phrases are anchored on spaces (" interest free loan "), since folding turns every separator into one
// space; that gives word boundaries for free.
//
// Layout. A state's code is its address in a comb (Tarjan-Yao) times four, plus two bits saying where its misses
// go. State s owns slot (s >> 2) + k when it has a transition on class k of its own, and that slot's cell holds
// k in its low CLASS_BITS bits and the target's code above them. Checking the class rather than the owner is
// enough: no two states share an address, so the slot owned on class k belongs to the state at slot - k.
// The root owns the full row [0, classes) and the state after a space the full row [classes, 2 * classes),
// failure links resolved into both; class 0, a unit no phrase contains, leads back to the root from either.
// A miss goes to one of those two rows (bit 0 says which) with one lookup; only a state whose failure link is
// another trie state (bit 1) follows links in a loop. The states at depth 1 to 3, where text spends most of
// its time, have their failure transitions copied into their own row by the compiler, so their misses never
// loop; deeper states keep only their trie edges, which keeps the comb small enough to stay in cache. The hot
// loop computes the own transition and the full-row one and picks one with a mask instead of a branch: in
// Chinese text about every other unit misses, so a branch on it would be mispredicted all the time.
//
// A transition to an accepting state holds ~ordinal (negative), so the loop tests one sign; the ordinal indexes
// the accepting state's code and its outputs.
//
// Serialized form (a varint stream, see compile/automaton-build.ts): the alphabet; the patterns' rules, lengths
// and anchors; the accepting states with their outputs; the failure links of the states that loop; and the comb
// itself, laid out by the compiler, as little-endian 32-bit cells. Loading copies and checks; it computes nothing.

import { SPACE } from '../fold/table.js';
import type { VarintReader } from './varint.js';

/** A pattern starts with an anchoring space that is not part of the phrase. */
export const LEADING_SPACE = 1;
/** A pattern ends with an anchoring space that is not part of the phrase. */
export const TRAILING_SPACE = 2;

/** Low bits of a cell: the class it is owned on. The target's code (or ~ordinal) is the rest, shifted. */
export const CLASS_BITS = 11;
/** Mask of the class bits; as a whole cell, a free slot (no class is this large). */
export const FREE = (1 << CLASS_BITS) - 1;
/**
 * The matching loops keep the state as a cell holds it: these find its address and its bit 1 (deep) there.
 * The hot loops (findMatches, missDeep, scan.ts) spell these four constants as literals, 13, 2047, 11 and 4096:
 * V8 does not fold a module's constants into optimized code, and loading them each unit made matching a fifth
 * slower (measured). tests/core/automaton.test.ts checks that the literals still agree with these constants.
 */
export const ADDRESS_SHIFT = CLASS_BITS + 2;
export const DEEP = 2 << CLASS_BITS;
/** A state's address must leave its code, shifted past the class bits, inside a positive 32-bit integer. */
export const MAX_ADDRESS = 2 ** (31 - CLASS_BITS - 2);
/** Failure chains are shorter than the longest pattern: a longer one in a pack means the pack is broken. */
const MAX_CHAIN = 256;

export interface Automaton {
  classOf: Uint16Array;
  /** Number of classes; class 0 is every unit no phrase contains. Also the address of the row after a space. */
  classes: number;
  /** The comb: cells[slot] is (target code or ~ordinal) << CLASS_BITS | owning class, or FREE. */
  cells: Int32Array;
  /** Code of the failure state of the state at each address (for states whose code has bit 1, value 2). */
  failOf: Int32Array;
  /** The state the text starts in, as if after a space, so a phrase at its very beginning is anchored. */
  start: number;
  spaceClass: number;
  /** Code of each accepting state, by ordinal. */
  acceptCode: Int32Array;
  /** Output of the accepting state with ordinal o: outList[outStart[o] .. outStart[o + 1]). */
  outStart: Int32Array;
  outList: Int32Array;
  patternRule: Int32Array;
  /** Length in folded units, anchoring spaces included. */
  patternLength: Int32Array;
  patternFlags: Uint8Array;
  states: number;
}

/** Whether this machine stores integers little end first, as the pack does (every browser's machine does). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The comb's little-endian 32-bit cells: one copy of their bytes where the machine's order is the same. */
function cellsOf(bytes: Uint8Array): Int32Array {
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }
  const cells = new Int32Array(bytes.length >> 2);
  for (let slot = 0, b = 0; slot < cells.length; slot++, b += 4) {
    cells[slot] = bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16) | (bytes[b + 3]! << 24);
  }
  return cells;
}

/** Reads what writeAutomaton wrote, checking every number that the matcher later uses as an index. */
export function readAutomaton(r: VarintReader): Automaton {
  const classes = r.read() + 1;
  if (classes > FREE) throw new RangeError(`serialized automaton has too many classes: ${classes}`);
  const classOf = new Uint16Array(0x10000);
  const alphabet = r.readColumn(classes - 1);
  for (let k = 1; k < classes; k++) {
    const unit = alphabet[k - 1]!;
    if (unit > 0xffff || classOf[unit] !== 0) throw new RangeError(`serialized alphabet has a bad unit: ${unit}`);
    classOf[unit] = k;
  }
  const spaceClass = classOf[SPACE]!;

  const patterns = r.read();
  const patternRule = r.readColumn(patterns);
  const patternLength = r.readColumn(patterns);
  const flags = r.readColumn(patterns);
  const patternFlags = new Uint8Array(patterns);
  for (let p = 0; p < patterns; p++) {
    patternFlags[p] = flags[p]!;
    if (patternLength[p]! < 1 || patternLength[p]! > 255 || flags[p]! > (LEADING_SPACE | TRAILING_SPACE)) {
      throw new RangeError(`serialized pattern ${p} is malformed`);
    }
  }

  const states = r.read();
  const end = r.read();
  if (end < 2 * classes || end > MAX_ADDRESS) throw new RangeError(`serialized comb has a bad size: ${end}`);
  // A code is usable when the state's row, `classes` slots from its address, lies inside the comb.
  const isCode = (code: number): boolean => code >= 0 && (code >> 2) + classes <= end;
  const start = r.read();
  if (!isCode(start)) throw new RangeError('serialized start state is out of range');

  const accepting = r.read();
  const acceptCode = r.readColumn(accepting);
  const outCount = r.readColumn(accepting);
  const outStart = new Int32Array(accepting + 1);
  for (let o = 0; o < accepting; o++) {
    outStart[o + 1] = outStart[o]! + outCount[o]!;
    if (!isCode(acceptCode[o]!)) throw new RangeError(`serialized accepting state ${o} is out of range`);
  }
  const outList = r.readColumn(outStart[accepting]!);
  for (let i = 0; i < outList.length; i++) {
    if (outList[i]! >= patterns) throw new RangeError('serialized output is out of range');
  }

  // Failure links of the states that follow them, by address: gaps between addresses, then the links.
  const failOf = new Int32Array(end);
  const deep = r.read();
  const gaps = r.readColumn(deep);
  const links = r.readColumn(deep);
  for (let i = 0, at = 0; i < deep; i++) {
    at += gaps[i]!;
    if (at >= end || !isCode(links[i]!)) throw new RangeError('serialized failure link is out of range');
    failOf[at] = links[i]!;
  }

  const bytes = r.readAlignedBytes();
  if (bytes.length !== 4 * end) throw new RangeError('serialized comb has the wrong length');
  const cells = cellsOf(bytes);
  for (let slot = 0; slot < end; slot++) {
    const cell = cells[slot]!;
    if (cell === FREE) continue;
    const target = cell >> CLASS_BITS;
    if ((cell & FREE) >= classes || (target >= 0 ? !isCode(target) : ~target >= accepting)) {
      throw new RangeError(`serialized comb cell ${slot} is out of range`);
    }
  }
  // Every failure chain must reach a full row: a loop here would hang the matcher.
  for (let at = 0; at < end; at++) {
    let s = failOf[at]!;
    for (let n = 0; (s & 2) !== 0; n++) {
      if (n === MAX_CHAIN) throw new RangeError('serialized failure links form a loop');
      s = failOf[s >> 2]!;
    }
  }
  return {
    classOf,
    classes,
    cells,
    failOf,
    start,
    spaceClass,
    acceptCode,
    outStart,
    outList,
    patternRule,
    patternLength,
    patternFlags,
    states,
  };
}

/** The longest pattern, in folded units, anchoring spaces included; hence also the deepest state. */
export const MAX_PATTERN_LENGTH = 255;

/**
 * From this length on, findMatches reads the units as two halves in one loop (see matchHalves). Far above the
 * overlap the second half re-reads (MAX_PATTERN_LENGTH units), so that costs under 7% at worst and nothing at scale.
 */
export const HALVES_FROM = 4096;

/**
 * Finds every phrase occurrence in units[0..length). Calls `onHit(pattern, start, end)` with unit offsets of the
 * phrase itself (anchoring spaces excluded, end exclusive), in order of end position.
 */
export function findMatches(
  a: Automaton,
  units: Uint16Array,
  length: number,
  onHit: (pattern: number, start: number, end: number) => void,
): void {
  const s =
    length < HALVES_FROM ? matchRange(a, units, 0, length, a.start << 11, onHit) : matchHalves(a, units, length, onHit);
  // The end of the text reads as a space too, closing a phrase that ends there.
  const t = step(a, s >> CLASS_BITS, a.spaceClass);
  if (t < 0) report(a, ~t, length + 1, onHit);
}

/**
 * Reads units[from, to) from state s (as a cell holds it: its code above the class bits, which are ignored, so the
 * loop takes the next state straight from the cell it loads, one shift fewer on the path each unit waits for).
 * Returns the state reached.
 */
function matchRange(
  a: Automaton,
  units: Uint16Array,
  from: number,
  to: number,
  s: number,
  onHit: (pattern: number, start: number, end: number) => void,
): number {
  const { classOf, cells, classes, acceptCode } = a;
  for (let j = from; j < to; j++) {
    const k = classOf[units[j]!]!;
    // Own transition or the default row's, selected by a mask (0 on a hit, -1 on a miss) rather than a branch.
    const own = cells[(s >> 13) + k]!;
    const d = (own & 2047) ^ k;
    const miss = (d | -d) >> 31;
    let t = (own & ~miss) | (cells[((s >> 11) & 1) * classes + k]! & miss);
    if ((miss & s & 4096) !== 0) t = missDeep(a, s >> 11, k) << 11;
    if (t >= 0) {
      s = t;
    } else {
      const o = ~(t >> 11);
      s = acceptCode[o]! << 11;
      report(a, o, j + 1, onHit);
    }
  }
  return s;
}

/**
 * Two chains in one loop. Each unit's step waits for the cell the previous unit's step loaded, mostly from the
 * second-level cache, so one chain leaves the processor idle; two independent ones overlap their waits (matching
 * alone about a quarter faster, measured with `npm run -s bench`). The first chain reads [0, mid) from the start
 * state; the second starts at the root MAX_PATTERN_LENGTH units before mid. The state after a text is the longest suffix of
 * it that is a pattern's prefix, at most MAX_PATTERN_LENGTH long, so from mid on the second chain is in exactly the
 * state one chain from the start would be in, and it reports only the hits that end after mid. Its hits found
 * while the first chain still runs wait in a list, so the hits still come in order of end position.
 */
function matchHalves(
  a: Automaton,
  units: Uint16Array,
  length: number,
  onHit: (pattern: number, start: number, end: number) => void,
): number {
  const { classOf, cells, classes, acceptCode } = a;
  const mid = length >> 1;
  const from = mid - MAX_PATTERN_LENGTH;
  // Each chain's hits during the shared loop, as accepting ordinal and end (the second's all after mid), reported
  // after it: calling report in the loop made matching Chinese text a few percent slower.
  const first: number[] = [];
  const later: number[] = [];
  let s1 = a.start << 11;
  let s2 = 0;
  for (let j = 0; j < mid; j++) {
    const j2 = from + j;
    const k1 = classOf[units[j]!]!;
    const k2 = classOf[units[j2]!]!;
    const own1 = cells[(s1 >> 13) + k1]!;
    const own2 = cells[(s2 >> 13) + k2]!;
    const d1 = (own1 & 2047) ^ k1;
    const d2 = (own2 & 2047) ^ k2;
    const miss1 = (d1 | -d1) >> 31;
    const miss2 = (d2 | -d2) >> 31;
    let t1 = (own1 & ~miss1) | (cells[((s1 >> 11) & 1) * classes + k1]! & miss1);
    let t2 = (own2 & ~miss2) | (cells[((s2 >> 11) & 1) * classes + k2]! & miss2);
    if ((miss1 & s1 & 4096) !== 0) t1 = missDeep(a, s1 >> 11, k1) << 11;
    if ((miss2 & s2 & 4096) !== 0) t2 = missDeep(a, s2 >> 11, k2) << 11;
    if (t1 >= 0) {
      s1 = t1;
    } else {
      const o = ~(t1 >> 11);
      s1 = acceptCode[o]! << 11;
      first.push(o, j + 1);
    }
    if (t2 >= 0) {
      s2 = t2;
    } else {
      const o = ~(t2 >> 11);
      s2 = acceptCode[o]! << 11;
      if (j2 >= mid) later.push(o, j2 + 1);
    }
  }
  for (let i = 0; i < first.length; i += 2) report(a, first[i]!, first[i + 1]!, onHit);
  for (let i = 0; i < later.length; i += 2) report(a, later[i]!, later[i + 1]!, onHit);
  // The rest of the second half, all after mid (mid is at least HALVES_FROM / 2, far more than the overlap).
  return matchRange(a, units, from + mid, length, s2, onHit);
}

/** One transition (what the loops inline): the target's code, or ~ordinal when it accepts. */
export function step(a: Automaton, s: number, k: number): number {
  const own = a.cells[(s >> 2) + k]!;
  if ((own & 2047) === k) return own >> 11;
  return (s & 2) !== 0 ? missDeep(a, s, k) : a.cells[(s & 1) * a.classes + k]! >> 11;
}

/** A miss in a state whose failure link leads to another trie state, not a full row: follow the links. */
export function missDeep(a: Automaton, s: number, k: number): number {
  do {
    s = a.failOf[s >> 2]!;
    const own = a.cells[(s >> 2) + k]!;
    if ((own & 2047) === k) return own >> 11;
  } while ((s & 2) !== 0);
  return a.cells[(s & 1) * a.classes + k]! >> 11;
}

/** Calls onHit for each pattern of the accepting state with ordinal o, the automaton having read units [0, end). */
function report(
  a: Automaton,
  o: number,
  end: number,
  onHit: (pattern: number, start: number, end: number) => void,
): void {
  for (let i = a.outStart[o]!; i < a.outStart[o + 1]!; i++) {
    const p = a.outList[i]!;
    const flags = a.patternFlags[p]!;
    // A leading anchor at the very start of the text is the virtual space before it.
    const start = Math.max(0, end - a.patternLength[p]! + (flags & LEADING_SPACE ? 1 : 0));
    onHit(p, start, end - (flags & TRAILING_SPACE ? 1 : 0));
  }
}
