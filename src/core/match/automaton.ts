// The compiled phrase automaton at run time: Aho-Corasick over folded code units.
//
// English phrases are anchored on spaces (" interest free loan "), since folding turns every separator into one
// space; that gives word boundaries for free. Trie edges live in a comb (base/check/next, Tarjan-Yao); the root
// and the state after a space, where the text spends most of its time, have dense rows; every other miss
// follows the state's failure link. Matching is one pass, about one table lookup per unit.
//
// Serialized form (a varint stream, see automaton-build.ts): the alphabet; the patterns in sorted order, as
// columns of shared-prefix lengths, suffix lengths and rules; the units of each new suffix (the trie, front
// coded); each new trie node's failure depth; and the outputs inherited through failure links. Loading decodes that and lays out the comb; it resolves each failure
// depth to its node by a walk down the trie, and never computes failure links or scans phrases.

import { SPACE } from '../fold/table.js';
import type { VarintReader } from './varint.js';

/** A pattern starts with an anchoring space that is not part of the phrase. */
export const LEADING_SPACE = 1;
/** A pattern ends with an anchoring space that is not part of the phrase. */
export const TRAILING_SPACE = 2;

/** Node ids after loading: the root, then the state after a space, then the rest, accepting states last. */
const ROOT = 0;
const AFTER_SPACE = 1;

export interface Automaton {
  classOf: Uint16Array;
  /** Dense rows of the root (inside a word, or nothing matched) and of the state after a space. */
  rootRow: Int32Array;
  spaceRow: Int32Array;
  base: Int32Array;
  check: Int32Array;
  next: Int32Array;
  fail: Int32Array;
  spaceClass: number;
  /** States at or above this id have output, so the hot loop tests one comparison. */
  firstAccept: number;
  /** Output of accept state s: outList[outStart[s - firstAccept] .. outStart[s - firstAccept + 1]). */
  outStart: Int32Array;
  outList: Int32Array;
  patternRule: Int32Array;
  /** Length in folded units, anchoring spaces included. */
  patternLength: Int32Array;
  patternFlags: Uint8Array;
  states: number;
}

export function readAutomaton(r: VarintReader): Automaton {
  const classes = r.read() + 1;
  const classOf = new Uint16Array(0x10000);
  const unitOf = new Uint16Array(classes);
  for (let k = 1; k < classes; k++) {
    unitOf[k] = r.read();
    classOf[unitOf[k]!] = k;
  }
  const spaceClass = classOf[SPACE]!;

  // Patterns and the trie rebuilt from their front coding; node ids in creation order, as in the compiler.
  const patterns = r.read();
  const patternRule = new Int32Array(patterns);
  const patternLength = new Int32Array(patterns);
  const patternFlags = new Uint8Array(patterns);
  const nodeCount = r.read();
  const parent = new Int32Array(nodeCount);
  const edgeClass = new Int32Array(nodeCount);
  const failDepth = new Int32Array(nodeCount);
  // Where each node's label can be read back: pattern `labelOf` units [0, depth).
  const labelOf = new Int32Array(nodeCount);
  const depthOf = new Int32Array(nodeCount);
  const ownEnd = new Int32Array(patterns);
  const shared = new Int32Array(patterns);
  for (let p = 0; p < patterns; p++) shared[p] = r.read();
  for (let p = 0; p < patterns; p++) {
    patternLength[p] = shared[p]! + r.read();
    if (patternLength[p]! > 255 || shared[p]! >= patternLength[p]!) throw new RangeError(`serialized pattern ${p} is malformed`);
  }
  for (let p = 0; p < patterns; p++) patternRule[p] = r.read();
  // Every pattern's unit classes in one array (pattern p at labelStart[p]): no small array per pattern.
  const labelStart = new Int32Array(patterns + 1);
  for (let p = 0; p < patterns; p++) labelStart[p + 1] = labelStart[p]! + patternLength[p]!;
  const labels = new Uint16Array(labelStart[patterns]!);
  const path = new Int32Array(256);
  const pathClass = new Uint16Array(256);
  let created = 1;
  for (let p = 0; p < patterns; p++) {
    const length = patternLength[p]!;
    for (let depth = shared[p]!; depth < length; depth++) {
      const node = created++;
      if (node >= nodeCount) throw new RangeError('serialized automaton has more nodes than it declares');
      const k = r.read();
      if (k <= 0 || k >= classes) throw new RangeError(`serialized node ${node} has no class`);
      parent[node] = path[depth]!;
      edgeClass[node] = k;
      labelOf[node] = p;
      depthOf[node] = depth + 1;
      pathClass[depth] = k;
      path[depth + 1] = node;
    }
    labels.set(pathClass.subarray(0, length), labelStart[p]!);
    ownEnd[p] = path[length]!;
    // Anchored exactly where the pattern starts or ends with a space.
    patternFlags[p] = (pathClass[0] === spaceClass ? LEADING_SPACE : 0) | (pathClass[length - 1] === spaceClass ? TRAILING_SPACE : 0);
  }
  // Failure depths, stored as how much shorter than the longest possible (one more than the parent's).
  for (let node = 1; node < created; node++) {
    const longest = parent[node] === 0 ? 0 : failDepth[parent[node]!]! + 1;
    failDepth[node] = longest - r.read();
    if (failDepth[node]! < 0) throw new RangeError(`serialized failure depth of node ${node} is negative`);
  }
  if (created !== nodeCount) throw new RangeError('serialized automaton has fewer nodes than it declares');
  const inherited = new Int32Array(2 * r.read());
  let state = 0;
  for (let i = 0; i < inherited.length; i += 2) {
    inherited[i] = state += r.read();
    inherited[i + 1] = r.read();
  }

  // Renumber: root, the state after a space, non-accepting states, accepting states.
  const accepting = new Uint8Array(nodeCount);
  for (let p = 0; p < patterns; p++) accepting[ownEnd[p]!] = 1;
  for (let i = 0; i < inherited.length; i += 2) accepting[inherited[i]!] = 1;
  let afterSpaceNode = -1;
  for (let node = 1; node < nodeCount; node++) if (parent[node] === 0 && edgeClass[node] === spaceClass) afterSpaceNode = node;
  const newId = new Int32Array(nodeCount).fill(-1);
  newId[0] = ROOT;
  let id = 1;
  if (afterSpaceNode > 0) newId[afterSpaceNode] = id++;
  else id = 2; // keep id 1 free so that "s > AFTER_SPACE" still means "not a dense row"
  for (let node = 1; node < nodeCount; node++) if (!accepting[node] && newId[node] === -1) newId[node] = id++;
  const firstAccept = id;
  for (let node = 1; node < nodeCount; node++) if (accepting[node]) newId[node] = id++;
  const states = id;

  // Comb of trie edges, laid out first fit in state order. The edges are grouped by state in flat arrays (state s
  // owns edges edgeStart[s] .. edgeStart[s + 1]), not an array per state: tens of thousands of small arrays made
  // most of the load time garbage collection.
  const edgeStart = groupStarts(states, nodeCount - 1, (e) => newId[parent[e + 1]!]!);
  const edges = new Int32Array(2 * edgeStart[states]!);
  const cursor = edgeStart.slice(0, states);
  for (let node = 1; node < nodeCount; node++) {
    const e = cursor[newId[parent[node]!]!]!++;
    edges[2 * e] = edgeClass[node]!;
    edges[2 * e + 1] = newId[node]!;
  }
  const { base, check, next } = layOutComb(edgeStart, edges, classes);
  const goto = (s: number, k: number): number => (check[base[s]! + k] === s ? next[base[s]! + k]! : -1);

  // Failure links: the node whose label is the last `failDepth` units of this node's label.
  const fail = new Int32Array(states);
  for (let node = 1; node < nodeCount; node++) {
    const label = labelStart[labelOf[node]!]!;
    let s = ROOT;
    for (let i = depthOf[node]! - failDepth[node]!; i < depthOf[node]! && s >= 0; i++) s = goto(s, labels[label + i]!);
    if (s < 0) throw new RangeError(`serialized failure link of node ${node} leads nowhere`);
    fail[newId[node]!] = s;
  }

  const rootRow = new Int32Array(classes);
  const spaceRow = new Int32Array(classes);
  for (let k = 1; k < classes; k++) {
    rootRow[k] = Math.max(goto(ROOT, k), ROOT);
    const after = afterSpaceNode > 0 ? goto(AFTER_SPACE, k) : -1;
    spaceRow[k] = after >= 0 ? after : rootRow[k]!;
  }

  // Outputs: own patterns plus those inherited through failure links.
  // Grouped by accepting state as the edges are: count, prefix sums, fill (own patterns first, then inherited).
  const ownerOfOutput = (i: number): number =>
    newId[i < patterns ? ownEnd[i]! : inherited[2 * (i - patterns)]!]! - firstAccept;
  const outStart = groupStarts(states - firstAccept, patterns + inherited.length / 2, ownerOfOutput);
  const outList = new Int32Array(outStart[states - firstAccept]!);
  const outCursor = outStart.slice(0, states - firstAccept);
  for (let p = 0; p < patterns; p++) outList[outCursor[newId[ownEnd[p]!]! - firstAccept]!++] = p;
  for (let i = 0; i < inherited.length; i += 2) outList[outCursor[newId[inherited[i]!]! - firstAccept]!++] = inherited[i + 1]!;

  return {
    classOf,
    rootRow,
    spaceRow,
    base,
    check,
    next,
    fail,
    spaceClass,
    firstAccept,
    outStart,
    outList,
    patternRule,
    patternLength,
    patternFlags,
    states,
  };
}

/** Start of each group's run when `items` items, item i in group groupOf(i), are laid out grouped in order. */
function groupStarts(groups: number, items: number, groupOf: (item: number) => number): Int32Array {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < items; i++) start[groupOf(i) + 1] = start[groupOf(i) + 1]! + 1;
  for (let g = 0; g < groups; g++) start[g + 1] = start[g + 1]! + start[g]!;
  return start;
}

/** First-fit comb layout: each state's entries land at base + class, owned by the state in `check`. */
function layOutComb(
  edgeStart: Int32Array,
  edges: Int32Array,
  classes: number,
): { base: Int32Array; check: Int32Array; next: Int32Array } {
  const states = edgeStart.length - 1;
  const base = new Int32Array(states);
  let capacity = states + 2 * classes;
  let check = new Int32Array(capacity).fill(-1);
  let next = new Int32Array(capacity);
  let firstFree = 1;
  for (let s = 0; s < states; s++) {
    const from = 2 * edgeStart[s]!;
    const to = 2 * edgeStart[s + 1]!;
    if (from === to) continue;
    while (check[firstFree] !== -1) firstFree++;
    let b = Math.max(0, firstFree - edges[from]!);
    for (;; b++) {
      if (b + classes >= capacity) {
        capacity *= 2;
        const grownCheck = new Int32Array(capacity).fill(-1);
        grownCheck.set(check);
        const grownNext = new Int32Array(capacity);
        grownNext.set(next);
        check = grownCheck;
        next = grownNext;
      }
      let fits = true;
      for (let i = from; i < to; i += 2) {
        if (check[b + edges[i]!] !== -1) {
          fits = false;
          break;
        }
      }
      if (fits) break;
    }
    base[s] = b;
    for (let i = from; i < to; i += 2) {
      check[b + edges[i]!] = s;
      next[b + edges[i]!] = edges[i + 1]!;
    }
  }
  return { base, check, next };
}

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
  const { classOf, rootRow, spaceRow, base, check, next, fail, firstAccept } = a;
  // The text starts as if after a space, so a phrase at its very beginning is anchored.
  let s = AFTER_SPACE;
  for (let j = 0; j <= length; j++) {
    // The end of the text reads as a space too, closing a phrase that ends there.
    const k = j < length ? classOf[units[j]!]! : a.spaceClass;
    if (k === 0) {
      s = ROOT; // a unit no phrase contains
      continue;
    }
    let t = -1;
    while (s > AFTER_SPACE) {
      const slot = base[s]! + k;
      if (check[slot] === s) {
        t = next[slot]!;
        break;
      }
      s = fail[s]!;
    }
    s = t >= 0 ? t : s === ROOT ? rootRow[k]! : spaceRow[k]!;
    if (s >= firstAccept) report(a, s, j + 1, onHit);
  }
}

function report(a: Automaton, state: number, end: number, onHit: (pattern: number, start: number, end: number) => void): void {
  const o = state - a.firstAccept;
  for (let i = a.outStart[o]!; i < a.outStart[o + 1]!; i++) {
    const p = a.outList[i]!;
    const flags = a.patternFlags[p]!;
    // A leading anchor at the very start of the text is the virtual space before it.
    const start = Math.max(0, end - a.patternLength[p]! + (flags & LEADING_SPACE ? 1 : 0));
    onHit(p, start, end - (flags & TRAILING_SPACE ? 1 : 0));
  }
}
