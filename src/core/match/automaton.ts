// The compiled phrase automaton at run time: Aho-Corasick over folded code units.
//
// English phrases are anchored on spaces (" interest free loan "), since folding turns every separator into one
// space; that gives word boundaries for free.
//
// Layout. A state's code is its address in a comb (check/next, Tarjan-Yao) times four, plus two bits saying where
// its misses go. State s owns slot (s >> 2) + k when it has a trie edge on class k, and then check[slot] === s
// (check and next side by side in one array, `cells`).
// The root owns the full row [0, classes) and the state after a space the full row [classes, 2 * classes),
// failure links resolved into both; class 0, a unit no phrase contains, leads back to the root from either.
// A state whose failure link is one of those two rows (bit 0 says which) resolves a miss with one lookup there;
// only a state whose failure link is another trie state (bit 1) follows links in a loop. The hot loop computes
// the own transition and the full-row one and picks one with a mask instead of a branch: in Chinese text about
// every other unit misses, so a branch on it would be mispredicted all the time.
//
// A transition to an accepting state is stored as ~ordinal (negative), so the loop tests one sign; the ordinal
// indexes the accepting state's code and its outputs.
//
// Serialized form (a varint stream, see automaton-build.ts): the alphabet; the patterns in sorted order, as
// columns of shared-prefix lengths, suffix lengths and rules; the units of each new suffix (the trie, front
// coded); and the outputs inherited through failure links. Loading rebuilds the trie, computes failure links
// breadth first and lays out the comb; it never scans phrases.

import { SPACE } from '../fold/table.js';
import type { VarintReader } from './varint.js';

/** A pattern starts with an anchoring space that is not part of the phrase. */
export const LEADING_SPACE = 1;
/** A pattern ends with an anchoring space that is not part of the phrase. */
export const TRAILING_SPACE = 2;

/** Trie node id of the root (node ids are the compiler's creation order). */
const ROOT_NODE = 0;
/** The comb placement and the failure links pause after this many states each (see readAutomatonInPhases). */
const PHASE_NODES = 16_384;
/** Address of the root's row. */
const ROOT = 0;

export interface Automaton {
  classOf: Uint16Array;
  /** Number of classes; class 0 is every unit no phrase contains. Also the address of the row after a space. */
  classes: number;
  /**
   * The comb, two entries per slot, side by side so that one cache line serves both: cells[2 * slot] is the
   * slot's owner as a state code (see the top of this file), -1 when free; cells[2 * slot + 1] its target code,
   * or ~ordinal for an accepting target.
   */
  cells: Int32Array;
  /** Code of the failure state of the state at each address (for states whose code has bit 2). */
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

export function readAutomaton(r: VarintReader): Automaton {
  return finish(readAutomatonInPhases(r));
}

/**
 * readAutomaton in phases: it yields between them (trie | outputs and children | comb placement | failure links |
 * comb cells | outputs), placement and links every PHASE_NODES states too, each a few milliseconds on a cold
 * engine, so a caller that can wait (the content script) gives the page its main thread back in between. The core itself never waits: the caller decides what a yield means.
 */
export function* readAutomatonInPhases(r: VarintReader): Generator<void, Automaton, void> {
  const classes = r.read() + 1;
  const classOf = new Uint16Array(0x10000);
  for (let k = 1; k < classes; k++) {
    const unit = r.read();
    if (unit > 0xffff || classOf[unit] !== 0) throw new RangeError(`serialized alphabet has a bad unit: ${unit}`);
    classOf[unit] = k;
  }
  const spaceClass = classOf[SPACE]!;

  // Patterns and the trie rebuilt from their front coding; node ids in creation order, as in the compiler.
  const patterns = r.read();
  const patternRule = new Int32Array(patterns);
  const patternLength = new Int32Array(patterns);
  const patternFlags = new Uint8Array(patterns);
  const nodeCount = r.read();
  if (nodeCount < 1) throw new RangeError('serialized automaton has no root');
  const parent = new Int32Array(nodeCount);
  const edgeClass = new Int32Array(nodeCount);
  const ownEnd = new Int32Array(patterns);
  const shared = new Int32Array(patterns);
  for (let p = 0; p < patterns; p++) shared[p] = r.read();
  for (let p = 0; p < patterns; p++) {
    patternLength[p] = shared[p]! + r.read();
    if (patternLength[p]! > 255 || shared[p]! >= patternLength[p]! || (p === 0 && shared[p] !== 0)) {
      throw new RangeError(`serialized pattern ${p} is malformed`);
    }
  }
  for (let p = 0; p < patterns; p++) patternRule[p] = r.read();
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
      pathClass[depth] = k;
      path[depth + 1] = node;
    }
    ownEnd[p] = path[length]!;
    // Anchored exactly where the pattern starts or ends with a space.
    patternFlags[p] = (pathClass[0] === spaceClass ? LEADING_SPACE : 0) | (pathClass[length - 1] === spaceClass ? TRAILING_SPACE : 0);
  }
  if (created !== nodeCount) throw new RangeError('serialized automaton has fewer nodes than it declares');
  yield;
  const inherited = new Int32Array(2 * r.read());
  let state = 0;
  for (let i = 0; i < inherited.length; i += 2) {
    inherited[i] = state += r.read();
    inherited[i + 1] = r.read();
    if (state >= nodeCount || inherited[i + 1]! >= patterns) throw new RangeError('serialized output is out of range');
  }

  // Accepting nodes get ordinals, in node order.
  const ordinal = new Int32Array(nodeCount).fill(-1);
  for (let p = 0; p < patterns; p++) ordinal[ownEnd[p]!] = 0;
  for (let i = 0; i < inherited.length; i += 2) ordinal[inherited[i]!] = 0;
  let accepting = 0;
  for (let node = 0; node < nodeCount; node++) if (ordinal[node] === 0) ordinal[node] = accepting++;

  // Children grouped by parent in flat arrays (node n's children are child[childStart[n] .. childStart[n + 1])), not
  // an array per node: tens of thousands of small arrays made most of the load time garbage collection.
  const childStart = new Int32Array(nodeCount + 1);
  for (let node = 1; node < nodeCount; node++) childStart[parent[node]! + 1] = childStart[parent[node]! + 1]! + 1;
  for (let node = 0; node < nodeCount; node++) childStart[node + 1] = childStart[node + 1]! + childStart[node]!;
  const child = new Int32Array(Math.max(0, nodeCount - 1));
  const cursor = childStart.slice(0, nodeCount);
  for (let node = 1; node < nodeCount; node++) child[cursor[parent[node]!]!++] = node;
  let afterSpace = -1;
  for (let c = childStart[ROOT_NODE]!; c < childStart[ROOT_NODE + 1]!; c++) {
    if (edgeClass[child[c]!] === spaceClass) afterSpace = child[c]!;
  }

  yield;
  const { check: ownerOf, next: targetOf, code, end, failOf } = yield* layOut(nodeCount, classes, afterSpace, edgeClass, childStart, child);

  yield;
  // Node ids become codes; a target that accepts becomes ~ordinal.
  const cells = new Int32Array(2 * end).fill(-1);
  for (let slot = 0; slot < end; slot++) {
    const owner = ownerOf[slot]!;
    if (owner < 0) continue;
    const node = targetOf[slot]!;
    cells[2 * slot] = code[owner]!;
    cells[2 * slot + 1] = ordinal[node]! >= 0 ? ~ordinal[node]! : code[node]!;
  }
  yield;
  const acceptCode = new Int32Array(accepting);
  for (let node = 0; node < nodeCount; node++) if (ordinal[node]! >= 0) acceptCode[ordinal[node]!] = code[node]!;

  // Outputs: own patterns first, then those inherited through failure links, grouped by ordinal.
  const outStart = new Int32Array(accepting + 1);
  const count = (o: number): void => void (outStart[o + 1] = outStart[o + 1]! + 1);
  for (let p = 0; p < patterns; p++) count(ordinal[ownEnd[p]!]!);
  for (let i = 0; i < inherited.length; i += 2) count(ordinal[inherited[i]!]!);
  for (let o = 0; o < accepting; o++) outStart[o + 1] = outStart[o + 1]! + outStart[o]!;
  const outList = new Int32Array(outStart[accepting]!);
  const outCursor = outStart.slice(0, accepting);
  for (let p = 0; p < patterns; p++) outList[outCursor[ordinal[ownEnd[p]!]!]!++] = p;
  for (let i = 0; i < inherited.length; i += 2) outList[outCursor[ordinal[inherited[i]!]!]!++] = inherited[i + 1]!;

  return {
    classOf,
    classes,
    cells,
    failOf,
    start: code[afterSpace > 0 ? afterSpace : nodeCount]!,
    spaceClass,
    acceptCode,
    outStart,
    outList,
    patternRule,
    patternLength,
    patternFlags,
    states: nodeCount,
  };
}

/**
 * The comb (the two full rows, then every other state's trie edges first fit, in node order, the free slots found
 * through a skip list rather than scanned one by one), then failure links, breadth first, looked up in the comb.
 * Returns check and next with node ids; the caller turns them into codes.
 */
function* layOut(
  nodeCount: number,
  classes: number,
  afterSpace: number,
  edgeClass: Int32Array,
  childStart: Int32Array,
  child: Int32Array,
): Generator<void, { check: Int32Array; next: Int32Array; code: Int32Array; end: number; failOf: Int32Array }, void> {
  // Without a phrase that starts with a space, the state after a space is a virtual node: a copy of the root.
  const spaceNode = afterSpace > 0 ? afterSpace : nodeCount;
  // The full rows, as node ids. The root's: its children, else itself (class 0, a unit no phrase contains,
  // included). After a space: its children, else the root's transition; class 0 goes back to the root.
  const rootRow = new Int32Array(classes);
  for (let c = childStart[ROOT_NODE]!; c < childStart[ROOT_NODE + 1]!; c++) rootRow[edgeClass[child[c]!]!] = child[c]!;
  const spaceRow = rootRow.slice();
  spaceRow[0] = ROOT_NODE;
  if (afterSpace > 0) {
    for (let c = childStart[afterSpace]!; c < childStart[afterSpace + 1]!; c++) spaceRow[edgeClass[child[c]!]!] = child[c]!;
  }

  // 1. Placement. The root's row at 0, the one after a space at `classes`, then every other node's trie edges.
  let capacity = 3 * classes + nodeCount + (nodeCount >> 2);
  let check = new Int32Array(capacity).fill(-1);
  let next = new Int32Array(capacity);
  // Addresses in use: two states at one address would each claim the other's slots.
  let taken = new Uint8Array(capacity);
  // skip[i] leads to the first free slot at or after i (union-find with path halving over the taken slots).
  let skip = new Int32Array(capacity + 1);
  let tries = new Uint8Array(capacity);
  for (let i = 0; i <= capacity; i++) skip[i] = i < 2 * classes ? 2 * classes : i;
  const address = new Int32Array(nodeCount + 1).fill(-1);
  address[ROOT_NODE] = ROOT;
  address[spaceNode] = classes;
  check.fill(ROOT_NODE, 0, classes);
  next.set(rootRow, 0);
  check.fill(spaceNode, classes, 2 * classes);
  next.set(spaceRow, classes);
  taken[ROOT] = 1;
  taken[classes] = 1;

  for (let s = 1; s < nodeCount; s++) {
    if (s % PHASE_NODES === 0) yield;
    if (s === afterSpace) continue;
    const from = childStart[s]!;
    const to = childStart[s + 1]!;
    const key0 = from < to ? edgeClass[child[from]!]! : 0;
    let b = 0;
    for (let slot = key0 + 1; ; slot++) {
      // The first free slot at or after `slot`, halving the path behind it.
      while (skip[slot] !== slot) {
        const ahead = skip[skip[slot]!]!;
        skip[slot] = ahead;
        slot = ahead;
      }
      b = slot - key0;
      if (b + classes >= capacity) {
        const grownCheck = new Int32Array(2 * capacity).fill(-1);
        grownCheck.set(check);
        const grownNext = new Int32Array(2 * capacity);
        grownNext.set(next);
        const grownTaken = new Uint8Array(2 * capacity);
        grownTaken.set(taken);
        const grownTries = new Uint8Array(2 * capacity);
        grownTries.set(tries);
        const grownSkip = new Int32Array(2 * capacity + 1);
        grownSkip.set(skip.subarray(0, capacity));
        for (let i = capacity; i <= 2 * capacity; i++) grownSkip[i] = i;
        capacity *= 2;
        check = grownCheck;
        next = grownNext;
        taken = grownTaken;
        tries = grownTries;
        skip = grownSkip;
      }
      let fits = taken[b] === 0;
      for (let i = from; fits && i < to; i++) fits = check[b + edgeClass[child[i]!]!] === -1;
      if (fits) break;
      // A free slot that many rows failed to use is left as a hole, so later searches do not keep trying it.
      if (++tries[slot]! > 4) skip[slot] = slot + 1;
    }
    taken[b] = 1;
    address[s] = b;
    for (let i = from; i < to; i++) {
      const slot = b + edgeClass[child[i]!]!;
      check[slot] = s;
      next[slot] = child[i]!;
      skip[slot] = slot + 1;
    }
  }

  yield;
  // 2. Failure links, breadth first: the first state on the parent's failure chain with a transition on the
  // same class, at the latest one of the full rows, which have them all.
  const fail = new Int32Array(nodeCount);
  // Where a node's misses go: 0 the root's row, 1 the row after a space, 2 its failure state (a trie state).
  const fallback = new Uint8Array(nodeCount + 1);
  const queue = new Int32Array(nodeCount);
  let tail = 0;
  for (let c = childStart[ROOT_NODE]!; c < childStart[ROOT_NODE + 1]!; c++) queue[tail++] = child[c]!;
  for (let head = 0; head < tail; head++) {
    if (head % PHASE_NODES === PHASE_NODES - 1) yield;
    const s = queue[head]!;
    for (let c = childStart[s]!; c < childStart[s + 1]!; c++) {
      const t = child[c]!;
      const k = edgeClass[t]!;
      queue[tail++] = t;
      let f = fail[s]!;
      while (check[address[f]! + k] !== f) f = fail[f]!;
      const to = next[address[f]! + k]!;
      fail[t] = to;
      fallback[t] = to === ROOT_NODE ? 0 : to === spaceNode ? 1 : 2;
    }
  }
  if (tail !== nodeCount - 1) throw new RangeError('serialized automaton has unreachable nodes');

  // A state's code: its address times four, plus where its misses go (0: root, 1: after a space, 2: a trie state).
  const code = new Int32Array(nodeCount + 1);
  let end = 2 * classes;
  for (let node = 0; node <= nodeCount; node++) {
    code[node] = 4 * address[node]! + fallback[node]!;
    // Every state reads up to `classes` slots past its address: the arrays end after the last of those.
    end = Math.max(end, address[node]! + classes);
  }
  const failOf = new Int32Array(end);
  for (let node = 1; node < nodeCount; node++) failOf[address[node]!] = code[fail[node]!]!;
  return { check, next, code, end, failOf };
}

/** Runs phased work to its end without pausing. */
export function finish<T>(phases: Generator<void, T, void>): T {
  for (;;) {
    const step = phases.next();
    if (step.done) return step.value;
  }
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
  const { classOf, cells, classes, acceptCode } = a;
  let s = a.start;
  for (let j = 0; j < length; j++) {
    const k = classOf[units[j]!]!;
    // Own transition or the default row's, selected by a mask (0 on a hit, -1 on a miss) rather than a branch.
    const cell = ((s >> 2) + k) << 1;
    const d = cells[cell]! ^ s;
    const miss = (d | -d) >> 31;
    let t = (cells[cell + 1]! & ~miss) | (cells[(((s & 1) * classes + k) << 1) + 1]! & miss);
    if ((miss & s & 2) !== 0) t = missDeep(a, s, k);
    if (t >= 0) {
      s = t;
    } else {
      s = acceptCode[~t]!;
      report(a, ~t, j + 1, onHit);
    }
  }
  // The end of the text reads as a space too, closing a phrase that ends there.
  const t = step(a, s, a.spaceClass);
  if (t < 0) report(a, ~t, length + 1, onHit);
}

/** One transition (what the loops inline): the target's code, or ~ordinal when it accepts. */
export function step(a: Automaton, s: number, k: number): number {
  const cell = ((s >> 2) + k) << 1;
  if (a.cells[cell] === s) return a.cells[cell + 1]!;
  return (s & 2) !== 0 ? missDeep(a, s, k) : a.cells[(((s & 1) * a.classes + k) << 1) + 1]!;
}

/** A miss in a state whose failure link leads to another trie state, not a full row: follow the links. */
export function missDeep(a: Automaton, s: number, k: number): number {
  do {
    s = a.failOf[s >> 2]!;
    const cell = ((s >> 2) + k) << 1;
    if (a.cells[cell] === s) return a.cells[cell + 1]!;
  } while ((s & 2) !== 0);
  return a.cells[(((s & 1) * a.classes + k) << 1) + 1]!;
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
