// Build time only: compiles folded patterns into the serialized Aho-Corasick automaton that automaton.ts reads.
//
// Steps: sort the patterns and build the trie (node ids in creation order, which the loader reproduces from the
// front coding) -> failure links, breadth first -> outputs inherited through failure links -> varint stream.
// The failure links themselves are not written: the loader recomputes them. The inherited outputs are, since they
// tell the loader which states accept before it numbers them.

import { SPACE } from '../fold/table.js';
import { LEADING_SPACE, TRAILING_SPACE } from '../match/automaton.js';
import type { VarintWriter } from '../match/varint.js';

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
  for (const p of patterns) {
    if (p.units.length === 0 || p.units.length > 255) throw new Error('a pattern must have 1 to 255 units');
    for (const u of p.units) {
      if (!classOfUnit.has(u)) {
        alphabet.push(u);
        classOfUnit.set(u, alphabet.length);
      }
    }
  }

  // Trie, inserting patterns in sorted order so that the loader can rebuild it from shared-prefix lengths.
  const children: Array<Map<number, number>> = [new Map()];
  const own: number[][] = [[]];
  const shared: number[] = [];
  const created: number[][] = []; // new nodes of each pattern, in order
  patterns.forEach((p, index) => {
    const previous = index > 0 ? patterns[index - 1]!.units : [];
    let common = 0;
    while (common < previous.length && common < p.units.length && previous[common] === p.units[common]) common++;
    shared.push(common);
    const fresh: number[] = [];
    let s = 0;
    p.units.forEach((u, d) => {
      const k = classOfUnit.get(u)!;
      let t = children[s]!.get(k);
      if (t === undefined) {
        if (d < common) throw new Error('front coding broke: a shared prefix has no node');
        t = children.length;
        children.push(new Map());
        own.push([]);
        children[s]!.set(k, t);
        fresh.push(t);
      }
      s = t;
    });
    created.push(fresh);
    own[s]!.push(index);
  });

  // Failure links, breadth first; outputs are inherited from the (shallower) failure state.
  const fail = new Int32Array(children.length);
  const output: number[][] = own.map((list) => [...list]);
  const queue: number[] = [...children[0]!.values()];
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    for (const [k, t] of children[s]!) {
      let f = fail[s]!;
      while (f !== 0 && !children[f]!.has(k)) f = fail[f]!;
      const target = s === 0 ? 0 : (children[f]!.get(k) ?? 0);
      fail[t] = target;
      queue.push(t);
    }
    for (const p of output[fail[s]!]!) if (!output[s]!.includes(p)) output[s]!.push(p);
  }

  w.write(alphabet.length);
  for (const u of alphabet) w.write(u);
  w.write(patterns.length);
  w.write(children.length);
  // Columns, each homogeneous so that it deflates well: shared-prefix lengths, suffix lengths, rules, and the unit
  // classes of the new trie nodes (pattern text, front coded). Anchoring flags are not stored: a pattern is
  // anchored exactly where it starts or ends with a space. Nor are failure links: the loader computes them, which
  // costs about a millisecond and saves a sixth of the pack.
  for (const [i, p] of patterns.entries()) {
    const anchors = (p.units[0] === SPACE ? LEADING_SPACE : 0) | (p.units[p.units.length - 1] === SPACE ? TRAILING_SPACE : 0);
    if (anchors !== p.flags) throw new Error(`pattern ${i}: flags must match its anchoring spaces`);
  }
  patterns.forEach((_, i) => w.write(shared[i]!));
  patterns.forEach((p, i) => w.write(p.units.length - shared[i]!));
  patterns.forEach((p) => w.write(p.rule));
  patterns.forEach((p, i) => created[i]!.forEach((_, j) => w.write(classOfUnit.get(p.units[shared[i]! + j]!)!)));
  const inherited: Array<[number, number]> = [];
  for (let s = 0; s < children.length; s++) for (const p of output[s]!) if (!own[s]!.includes(p)) inherited.push([s, p]);
  w.write(inherited.length);
  let previous = 0;
  for (const [s, p] of inherited) {
    w.write(s - previous);
    w.write(p);
    previous = s;
  }
  return { states: children.length, classes: alphabet.length + 1, patterns: patterns.length };
}

export function compareUnits(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
