// The rule pack at run time: fold table, automaton and rule metadata, decoded once from the generated module.
//
// The pack is one deflated, base-85-encoded varint stream (see compile/pack-build.ts), inflated by our own small
// decoder: the same code runs in the content script, in Node and in the tests.

import { PACK } from './generated/pack.js';
import { readFoldTable, type FoldTable } from './fold/table.js';
import { inflateRaw } from './inflate.js';
import { finish, readAutomatonInPhases, type Automaton } from './match/automaton.js';
import { VarintReader, decodeBase85 } from './match/varint.js';
import type { Lang, RuleFacet, Source } from './rules/schema.js';

/**
 * What the matcher needs of a rule. Phrases and examples stay in the rule files; the explanations ship separately
 * (generated/rule-texts.ts) for the places that show them, so the content script does not carry them.
 */
export interface RuleMeta {
  id: string;
  facet: RuleFacet;
  lang: Lang;
  weight: number;
  source: Source;
}

/** The generated module's content. */
export interface PackData {
  format: number;
  /** Base 85 (Z85, see match/varint.ts) of the deflate-raw compressed stream. */
  blob: string;
}

export const PACK_FORMAT = 2;

export interface Pack {
  fold: FoldTable;
  automaton: Automaton;
  rules: readonly RuleMeta[];
}

/**
 * What a caller does between two phases of decoding. The content script gives the page its main thread back (no
 * phase is a long task then); everywhere else nothing happens. The core never sets a timer itself.
 */
export type Pause = () => Promise<void>;

/** Async for the callers' sake (a future pack may load from elsewhere); without a pause the work is synchronous. */
export async function loadPack(data: PackData, pause?: Pause): Promise<Pack> {
  const phases = decodePack(data);
  if (!pause) return finish(phases);
  for (;;) {
    const step = phases.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** The decoding, phase by phase: base 85 | inflate | metadata and fold table | the automaton's phases. */
export function* decodePack(data: PackData): Generator<void, Pack, void> {
  if (data.format !== PACK_FORMAT) throw new Error(`rule pack format ${data.format} is not ${PACK_FORMAT}: run npm run rules`);
  const compressed = decodeBase85(data.blob);
  yield;
  const bytes = inflateRaw(compressed);
  yield;
  const r = new VarintReader(bytes);
  const meta = JSON.parse(new TextDecoder().decode(r.readBytes())) as { expansions: Record<string, string>; rules: RuleMeta[] };
  const fold = readFoldTable(r, meta.expansions);
  yield;
  const automaton = yield* readAutomatonInPhases(r);
  if (!r.done) throw new RangeError('rule pack has trailing data');
  return { fold, automaton, rules: meta.rules };
}

let shipped: Promise<Pack> | undefined;

/**
 * The pack compiled from src/core/rules, decoded on first use. `pause` runs between decoding phases; the first
 * caller's applies, later callers share the same promise.
 */
export function shippedPack(pause?: Pause): Promise<Pack> {
  shipped ??= loadPack(PACK, pause);
  return shipped;
}
