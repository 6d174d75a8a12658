// The compiled automaton must find exactly what a naive matcher finds: on random pattern sets over a small
// alphabet (which stress failure links and overlapping outputs), and with the real rule pack on adversarial text.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareUnits, writeAutomaton, writeLaidOut, type PatternSpec } from '../../src/core/compile/automaton-build.js';
import { createFolded, foldInto, foldText, isWordUnit } from '../../src/core/fold/fold.js';
import {
  ADDRESS_SHIFT,
  CLASS_BITS,
  DEEP,
  FREE,
  HALVES_FROM,
  LEADING_SPACE,
  MAX_PATTERN_LENGTH,
  TRAILING_SPACE,
  findMatches,
  readAutomaton,
  type Automaton,
} from '../../src/core/match/automaton.js';
import { VarintReader, VarintWriter } from '../../src/core/match/varint.js';
import type { Pack } from '../../src/core/pack.js';
import type { BuiltPack } from '../../src/core/compile/pack-build.js';
import { freshPack } from '../helpers/packs.js';
import { naiveMatches, type NaivePattern } from '../helpers/naive.js';
import { adversarialText } from '../helpers/arbitraries.js';

function automatonMatches(units: Uint16Array, length: number, automaton: ReturnType<typeof readAutomaton>): string[] {
  const found: string[] = [];
  let lastEnd = 0;
  findMatches(automaton, units, length, (p, start, end) => {
    // Hits come in order of end position, also when the text is read as two halves.
    expect(end).toBeGreaterThanOrEqual(lastEnd);
    lastEnd = end;
    found.push(`${p}:${start}:${end}`);
  });
  return found.sort();
}

/** An automaton of these phrases, anchored as the rule compiler anchors them, and its patterns for naiveMatches. */
function automatonOf(phrases: readonly string[]): { automaton: Automaton; naive: NaivePattern[] } {
  const specs: PatternSpec[] = phrases
    .map((p) => anchor(p))
    .map((a, rule) => ({ units: Array.from(a.anchored, (c) => c.charCodeAt(0)), rule, flags: a.flags }))
    .sort((x, y) => compareUnits(x.units, y.units))
    .filter((p, i, all) => i === 0 || compareUnits(all[i - 1]!.units, p.units) !== 0);
  const w = new VarintWriter();
  writeAutomaton(w, specs);
  return {
    automaton: readAutomaton(new VarintReader(w.toBytes())),
    naive: specs.map((s) => ({ anchored: String.fromCharCode(...s.units), flags: s.flags })),
  };
}

const unitsOf = (text: string): Uint16Array => Uint16Array.from(text, (c) => c.charCodeAt(0));

/** Anchors a phrase the way the rule compiler does. */
function anchor(phrase: string): { anchored: string; flags: number } {
  let flags = 0;
  if (isWordUnit(phrase.charCodeAt(0))) flags |= LEADING_SPACE;
  if (isWordUnit(phrase.charCodeAt(phrase.length - 1))) flags |= TRAILING_SPACE;
  return { anchored: `${flags & LEADING_SPACE ? ' ' : ''}${phrase}${flags & TRAILING_SPACE ? ' ' : ''}`, flags };
}

describe('automaton on random pattern sets', () => {
  const letter = fc.constantFrom('a', 'b', 'c', '贷', '款', '0');
  const phrase = fc
    .array(fc.oneof(letter, letter, fc.constant(' ')), { minLength: 1, maxLength: 7 })
    .map((chars) => chars.join('').replace(/ +/g, ' ').trim())
    .filter((p) => p.length > 0);
  const unit = fc.constantFrom('a', 'b', 'c', ' ', '贷', '款', '0', 'z');
  const text = fc.array(unit, { maxLength: 120 }).map((c) => c.join(''));

  it('finds exactly the occurrences a naive matcher finds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(phrase, { minLength: 1, maxLength: 25 }), text, (phrases, input) => {
        const { automaton, naive } = automatonOf(phrases);
        const units = unitsOf(input);
        expect(automatonMatches(units, units.length, automaton)).toEqual(naiveMatches(naive, input));
      }),
      { numRuns: 400 },
    );
  });

  // Texts this long are read as two halves in one loop (matchHalves): every occurrence must still be found once,
  // whichever half it ends in, in order of end position.
  it('finds exactly the occurrences a naive matcher finds in texts read as two halves', () => {
    const long = fc.array(unit, { minLength: HALVES_FROM, maxLength: HALVES_FROM + 700 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(phrase, { minLength: 1, maxLength: 25 }), long, (phrases, input) => {
        const { automaton, naive } = automatonOf(phrases);
        const units = unitsOf(input);
        expect(automatonMatches(units, units.length, automaton)).toEqual(naiveMatches(naive, input));
      }),
      // Shrinking a text of 4,000 units would take minutes: the first counterexample is reported as it is.
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('follows a state as deep as the longest pattern across the middle of a long text', () => {
    // '贷贷...贷款' of the longest length (ideographs take no anchoring spaces) keeps the automaton
    // MAX_PATTERN_LENGTH - 1 deep in a run of '贷': the second half's chain, started that far before the middle,
    // must be in the same state there as one chain would be.
    const longest = `${'贷'.repeat(MAX_PATTERN_LENGTH - 1)}款`;
    const { automaton, naive } = automatonOf([longest, '贷款', '款贷', '款']);
    for (const length of [HALVES_FROM, HALVES_FROM + 1, 3 * HALVES_FROM + 7]) {
      const mid = length >> 1;
      // The '款' around the edges: where the second chain starts, the middle, and a longest pattern's end after it.
      const positions = [
        ...[mid - MAX_PATTERN_LENGTH - 1, mid - MAX_PATTERN_LENGTH],
        ...[mid - 2, mid - 1, mid, mid + 1],
        ...[mid + MAX_PATTERN_LENGTH - 2, mid + MAX_PATTERN_LENGTH - 1, mid + MAX_PATTERN_LENGTH],
        length - 1,
      ];
      for (const at of positions) {
        const chars = Array.from({ length }, () => '贷');
        chars[at] = '款';
        const input = chars.join('');
        const found = automatonMatches(unitsOf(input), length, automaton);
        expect(found).toEqual(naiveMatches(naive, input));
        // The long pattern is found exactly when a full run of '贷' precedes the '款'.
        const longestFound = found.some((hit) => hit.endsWith(`:${at + 1 - MAX_PATTERN_LENGTH}:${at + 1}`));
        expect(longestFound).toBe(at >= MAX_PATTERN_LENGTH - 1);
      }
    }
  });
});

describe('automaton with the real rule pack', () => {
  let built: BuiltPack;
  let pack: Pack;
  beforeAll(async () => {
    ({ built, pack } = await freshPack());
  });

  const check = (input: string): void => {
    const folded = foldInto(input, pack.fold, createFolded());
    const text = String.fromCharCode(...folded.units.subarray(0, folded.length));
    expect(automatonMatches(folded.units, folded.length, pack.automaton)).toEqual(naiveMatches(built.patterns, text));
  };

  it('agrees with the naive matcher on every pattern spelled out', () => {
    // Every phrase, in context and run together, must be found exactly as the naive matcher finds it.
    const all = built.patterns.map((p) => p.text);
    for (let i = 0; i < all.length; i += 50) check(all.slice(i, i + 50).join(' x '));
  });

  it('agrees with the naive matcher on a text long enough to be read as two halves', () => {
    // Several windows of the phrases, so that different ones straddle the middle and the second half's run-up.
    const all = built.patterns.map((p) => p.text);
    for (let i = 0; i < 5; i++) {
      const input = all.slice(i * 700 + i * 37, (i + 1) * 700).join(i % 2 === 0 ? ' x ' : '');
      expect(foldInto(input, pack.fold, createFolded()).length).toBeGreaterThan(HALVES_FROM);
      check(input);
    }
  });

  it('agrees with the naive matcher on adversarial text', () => {
    const fragments = built.patterns.map((p) => p.text);
    fc.assert(fc.property(adversarialText(fragments), (input) => check(input)), { numRuns: 300 });
  });

  it('keeps phrase offsets inside the folded text', () => {
    const fragments = built.patterns.map((p) => p.text);
    fc.assert(
      fc.property(adversarialText(fragments), (input) => {
        const folded = foldText(input, pack.fold);
        const units = Uint16Array.from(folded.text, (c) => c.charCodeAt(0));
        findMatches(pack.automaton, units, units.length, (_p, start, end) => {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(units.length);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('cell constants', () => {
  it('are the literals the matching loops spell out (findMatches, missDeep, scan.ts)', () => {
    expect({ CLASS_BITS, FREE, ADDRESS_SHIFT, DEEP }).toEqual({ CLASS_BITS: 11, FREE: 2047, ADDRESS_SHIFT: 13, DEEP: 4096 });
  });
});

describe('serialized automaton', () => {
  // A small automaton with states of every kind: complete rows (depth 1 to 3) and deeper ones that follow links.
  const specs: PatternSpec[] = ['abcd', 'bcd', 'cd', 'bcx']
    .map((p, rule) => ({ units: Array.from(p, (c) => c.charCodeAt(0)), rule, flags: 0 }))
    .sort((x, y) => compareUnits(x.units, y.units));
  const written = (): Uint8Array => {
    const w = new VarintWriter();
    writeAutomaton(w, specs);
    return w.toBytes();
  };
  const rewritten = (a: Automaton): Uint8Array => {
    const w = new VarintWriter();
    writeLaidOut(w, a);
    return w.toBytes();
  };

  it('rejects truncated data with a clear error', () => {
    const bytes = written();
    expect(() => readAutomaton(new VarintReader(bytes.subarray(0, bytes.length - 3)))).toThrow(/ends early|malformed|nodes/);
  });

  it('reads back what it writes, wherever the stream starts in memory', () => {
    const a = readAutomaton(new VarintReader(written()));
    expect(rewritten(a)).toEqual(written());
    // Off a multiple of four, the cells cannot be copied whole and are put together byte by byte.
    const shifted = new Uint8Array(written().length + 1);
    shifted.set(written(), 1);
    expect(readAutomaton(new VarintReader(shifted.subarray(1)))).toEqual(a);
    expect(a.failOf.some((code) => code !== 0)).toBe(true); // the test covers states that follow links
  });

  it('rejects a comb cell that points outside the comb or past the accepting states', () => {
    const a = readAutomaton(new VarintReader(written()));
    const slot = a.cells.findIndex((cell) => cell !== FREE && cell >= 0 && cell >> CLASS_BITS !== 0);
    const outside = { ...a, cells: a.cells.slice() };
    outside.cells[slot] = (4 * a.cells.length) << CLASS_BITS | (a.cells[slot]! & FREE);
    expect(() => readAutomaton(new VarintReader(rewritten(outside)))).toThrow(/cell .* out of range/);
    const accepting = { ...a, cells: a.cells.slice() };
    accepting.cells[slot] = ~a.acceptCode.length << CLASS_BITS | (a.cells[slot]! & FREE);
    expect(() => readAutomaton(new VarintReader(rewritten(accepting)))).toThrow(/cell .* out of range/);
  });

  it('rejects failure links that loop, which would hang the matcher', () => {
    const a = readAutomaton(new VarintReader(written()));
    const failOf = a.failOf.slice();
    const deep = failOf.findIndex((code) => code !== 0);
    failOf[deep] = 4 * deep + 2; // its own failure state
    expect(() => readAutomaton(new VarintReader(rewritten({ ...a, failOf })))).toThrow(/loop/);
  });
});
