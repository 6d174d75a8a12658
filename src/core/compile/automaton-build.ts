// Build time only: compiles folded patterns into the laid-out Aho-Corasick automaton that automaton.ts reads.
//
// Steps: sort the patterns and build the trie -> failure links and outputs, breadth first -> each state's row
// (its trie edges; at depth 1 to 3 also the failure transitions that differ from the full row its misses go to)
// -> the comb, rows placed first fit in breadth-first order, so the shallow states that text visits most sit
// together near its start -> varint stream. Everything is computed here so that loading only copies: the pack
// ships in the background script, where a few hundred kilobytes cost nothing and milliseconds of start-up do.

import { SPACE } from '../fold/table.js';
import { CLASS_BITS, FREE, LEADING_SPACE, MAX_ADDRESS, TRAILING_SPACE, type Automaton } from '../match/automaton.js';
import type { VarintWriter } from '../match/varint.js';

/**
 * States this shallow get complete rows (failure transitions copied in), so a miss there never follows links.
 * Deeper states are visited rarely; completing them too triples the comb and makes matching slower, not faster,
 * once it no longer fits in cache (measured: scripts/bench.ts). With the concept vocabularies (18,000 patterns,
 * many of them short common words), depth 3 pays: fold + match 0.151-0.154 of the bare loop at depth 2,
 * 0.160-0.164 at depth 3, 0.142 at depth 1, for a pack of 2.0 MB of base 64 instead of 1.75.
 */
const COMPLETE_DEPTH = 3;

export interface PatternSpec {
  /** Folded units, anchoring spaces included. */
  units: number[];
  rule: number;
  flags: number;
}

export interface AutomatonStats {
  states: number;
  classes: number;
  patterns: number;
}

/** Writes the automaton for `patterns`, which must already be sorted by units (pattern ids follow this order). */
export function writeAutomaton(w: VarintWriter, patterns: readonly PatternSpec[]): AutomatonStats {
  for (let i = 1; i < patterns.length; i++) {
    if (compareUnits(patterns[i - 1]!.units, patterns[i]!.units) >= 0) {
      throw new Error(`patterns must be sorted and distinct: "${String.fromCharCode(...patterns[i]!.units)}"`);
    }
  }
  const alphabet: number[] = [];
  const classOfUnit = new Map<number, number>();
  for (const [i, p] of patterns.entries()) {
    if (p.units.length === 0 || p.units.length > 255) throw new Error('a pattern must have 1 to 255 units');
    const anchors = (p.units[0] === SPACE ? LEADING_SPACE : 0) | (p.units[p.units.length - 1] === SPACE ? TRAILING_SPACE : 0);
    if (anchors !== p.flags) throw new Error(`pattern ${i}: flags must match its anchoring spaces`);
    for (const u of p.units) {
      if (!classOfUnit.has(u)) {
        alphabet.push(u);
        classOfUnit.set(u, alphabet.length);
      }
    }
  }
  const classes = alphabet.length + 1;
  if (classes >= FREE) throw new Error(`the patterns use ${classes - 1} distinct units, over ${FREE - 1}`);

  // The trie. Node 0 is the root; the state after a space is a node too, made up (childless, failing to the
  // root) when no pattern starts with a space, since the text starts there.
  const children: Array<Map<number, number>> = [new Map()];
  const own: number[] = [-1];
  const addNode = (): number => {
    children.push(new Map());
    own.push(-1);
    return children.length - 1;
  };
  patterns.forEach((p, index) => {
    let s = 0;
    for (const u of p.units) {
      const k = classOfUnit.get(u)!;
      s = children[s]!.get(k) ?? children[s]!.set(k, addNode()).get(k)!;
    }
    own[s] = index;
  });
  const spaceClass = classOfUnit.get(SPACE) ?? -1;
  const spaceNode = children[0]!.get(spaceClass) ?? addNode();
  const nodes = children.length;

  // Failure links and outputs, breadth first (own pattern first, then the failure state's outputs in order).
  const fail = new Int32Array(nodes);
  const depth = new Int32Array(nodes);
  const output: number[][] = own.map((p) => (p >= 0 ? [p] : []));
  const order: number[] = [0];
  if (!children[0]!.has(spaceClass)) order.push(spaceNode);
  for (let q = 0; q < order.length; q++) {
    const s = order[q]!;
    for (const [k, t] of children[s]!) {
      let f = fail[s]!;
      while (f !== 0 && !children[f]!.has(k)) f = fail[f]!;
      fail[t] = s === 0 ? 0 : (children[f]!.get(k) ?? 0);
      depth[t] = depth[s]! + 1;
      order.push(t);
    }
    if (s !== 0) output[s]!.push(...output[fail[s]!]!.filter((p) => !output[s]!.includes(p)));
  }

  // Complete rows (every class) where they are needed: the two full rows, and the shallow states' rows before
  // they are cut down to what differs from a full row. A state's row is its failure state's, overlaid with its
  // own edges; failure states are shallower, so breadth-first order has them ready.
  const complete = new Map<number, Int32Array>();
  const rootRow = new Int32Array(classes);
  for (const [k, t] of children[0]!) rootRow[k] = t;
  complete.set(0, rootRow);
  const rowOf = (s: number): Int32Array => {
    const row = complete.get(fail[s]!)!.slice();
    for (const [k, t] of children[s]!) row[k] = t;
    return row;
  };
  const spaceRow = rowOf(spaceNode);
  complete.set(spaceNode, spaceRow);
  const fullRows = [rootRow, spaceRow];

  // Each state's edges in the comb, and where its misses go: 0 the root's row, 1 the row after a space, 2 its
  // failure state (for deeper states whose failure state is neither).
  const edges: Array<Array<[number, number]>> = [];
  const fallback = new Uint8Array(nodes);
  fallback[spaceNode] = 1;
  for (const s of order) {
    if (s === 0 || s === spaceNode) continue;
    if (depth[s]! <= COMPLETE_DEPTH) {
      const row = rowOf(s);
      if (depth[s]! < COMPLETE_DEPTH) complete.set(s, row); // a failure state of the next level
      const differ = fullRows.map((full) => row.reduce((n, t, k) => n + (t !== full[k] ? 1 : 0), 0));
      const b = differ[1]! < differ[0]! ? 1 : 0;
      fallback[s] = b;
      edges[s] = [];
      row.forEach((t, k) => {
        if (t !== fullRows[b]![k]) edges[s]!.push([k, t]);
      });
    } else {
      fallback[s] = fail[s] === 0 ? 0 : fail[s] === spaceNode ? 1 : 2;
      edges[s] = [...children[s]!];
    }
  }

  // The comb: the root's row at 0, the one after a space at `classes`, then every other state's edges, first fit
  // (free slots found through a skip list), in breadth-first order.
  const address = new Int32Array(nodes).fill(-1);
  address[0] = 0;
  address[spaceNode] = classes;
  const owner: number[] = []; // class owning each slot, -1 free
  const target: number[] = [];
  const taken: boolean[] = []; // addresses in use: two states at one address would each claim the other's slots
  const skip: number[] = []; // skip[i] leads towards the first free slot at or after i
  const tries: number[] = [];
  const freeFrom = (i: number): number => {
    while ((skip[i] ?? i) !== i) {
      const ahead = skip[skip[i]!] ?? skip[i]!;
      skip[i] = ahead;
      i = ahead;
    }
    return i;
  };
  const claim = (slot: number, k: number, t: number): void => {
    owner[slot] = k;
    target[slot] = t;
    skip[slot] = slot + 1;
  };
  for (let k = 0; k < classes; k++) {
    claim(k, k, rootRow[k]!);
    claim(classes + k, k, spaceRow[k]!);
  }
  taken[0] = taken[classes] = true;
  for (const s of order) {
    if (s === 0 || s === spaceNode) continue;
    const row = edges[s]!;
    const key0 = row.length > 0 ? row[0]![0] : 0;
    let b = 0;
    for (let slot = freeFrom(key0 + 1); ; slot = freeFrom(slot + 1)) {
      b = slot - key0;
      if (!taken[b] && row.every(([k]) => (owner[b + k] ?? -1) < 0)) break;
      // A free slot that many rows failed to use is left as a hole, so later searches do not keep trying it.
      tries[slot] = (tries[slot] ?? 0) + 1;
      if (tries[slot]! > 4) skip[slot] = slot + 1;
    }
    taken[b] = true;
    address[s] = b;
    for (const [k, t] of row) claim(b + k, k, t);
  }
  // Every state reads up to `classes` slots past its address: the comb ends after the last of those.
  const end = address.reduce((last, at) => Math.max(last, at), 0) + classes;
  if (end > MAX_ADDRESS) throw new Error(`the automaton needs ${end} slots, over ${MAX_ADDRESS}`);

  // Codes; accepting states get ordinals in breadth-first order, and transitions to them hold ~ordinal.
  const code = Int32Array.from(address, (at, s) => 4 * at + fallback[s]!);
  const ordinal = new Int32Array(nodes).fill(-1);
  const accepting = order.filter((s) => output[s]!.length > 0);
  accepting.forEach((s, o) => (ordinal[s] = o));
  const cellOf = (slot: number): number => {
    const k = owner[slot] ?? -1;
    if (k < 0) return FREE;
    const t = target[slot]!;
    return ((ordinal[t]! >= 0 ? ~ordinal[t]! : code[t]!) << CLASS_BITS) | k;
  };

  const cells = new Int32Array(end);
  for (let slot = 0; slot < end; slot++) cells[slot] = cellOf(slot);
  const failOf = new Int32Array(end);
  for (const s of order) if (fallback[s] === 2) failOf[address[s]!] = code[fail[s]!]!;
  const outStart = new Int32Array(accepting.length + 1);
  accepting.forEach((s, o) => (outStart[o + 1] = outStart[o]! + output[s]!.length));
  const classOf = new Uint16Array(0x10000);
  alphabet.forEach((u, i) => (classOf[u] = i + 1));
  writeLaidOut(w, {
    classOf,
    classes,
    cells,
    failOf,
    start: code[spaceNode]!,
    spaceClass: classOf[SPACE]!,
    acceptCode: Int32Array.from(accepting, (s) => code[s]!),
    outStart,
    outList: Int32Array.from(accepting.flatMap((s) => output[s]!)),
    patternRule: Int32Array.from(patterns, (p) => p.rule),
    patternLength: Int32Array.from(patterns, (p) => p.units.length),
    patternFlags: Uint8Array.from(patterns, (p) => p.flags),
    states: nodes,
  });
  return { states: nodes, classes, patterns: patterns.length };
}

/**
 * Writes an automaton as laid out, for readAutomaton: the alphabet, the patterns' columns, the accepting states and
 * their outputs, the failure links of the states that loop (by address, ascending), then the comb's cells as
 * little-endian 32-bit integers. The tests also use it to write damaged automata.
 */
export function writeLaidOut(w: VarintWriter, a: Automaton): void {
  const alphabet: number[] = [];
  a.classOf.forEach((k, unit) => {
    if (k > 0) alphabet[k - 1] = unit;
  });
  w.write(a.classes - 1);
  for (const u of alphabet) w.write(u);
  const patterns = a.patternRule.length;
  w.write(patterns);
  a.patternRule.forEach((rule) => w.write(rule));
  a.patternLength.forEach((length) => w.write(length));
  a.patternFlags.forEach((flags) => w.write(flags));
  w.write(a.states);
  w.write(a.cells.length);
  w.write(a.start);
  // Columns rather than records, so that the loader reads each in one loop (VarintReader.readColumn).
  w.write(a.acceptCode.length);
  a.acceptCode.forEach((code) => w.write(code));
  a.acceptCode.forEach((_, o) => w.write(a.outStart[o + 1]! - a.outStart[o]!));
  a.outList.forEach((p) => w.write(p));
  // A deep state's failure state is a trie state, never the root, whose code is 0.
  const deep: number[] = [];
  a.failOf.forEach((code, at) => {
    if (code !== 0) deep.push(at);
  });
  w.write(deep.length);
  deep.forEach((at, i) => w.write(at - (i > 0 ? deep[i - 1]! : 0)));
  for (const at of deep) w.write(a.failOf[at]!);
  const bytes = new Uint8Array(4 * a.cells.length);
  a.cells.forEach((cell, slot) => {
    bytes[4 * slot] = cell & 0xff;
    bytes[4 * slot + 1] = (cell >>> 8) & 0xff;
    bytes[4 * slot + 2] = (cell >>> 16) & 0xff;
    bytes[4 * slot + 3] = cell >>> 24;
  });
  w.writeAlignedBytes(bytes);
}

export function compareUnits(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
