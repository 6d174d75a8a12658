// The rule pack at run time: fold table, automaton and rule metadata, decoded once from the generated module.
//
// The pack is one varint stream carried as base 64 (see compile/pack-build.ts), with the automaton already laid out
// by the compiler: loading decodes the text, copies the arrays and checks them, and computes nothing but one fill of
// the scan's lookup table. It is not compressed: it ships in the background script, where its size costs little and
// inflating it would cost time.

import { PACK } from './generated/pack.js';
import { readFoldTable, type FoldTable } from './fold/table.js';
import { readAutomaton, type Automaton } from './match/automaton.js';
import { buildScanTable } from './match/scan-table.js';
import { VarintReader, decodeBase64 } from './match/varint.js';
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
  /** Base 64 of the varint stream. */
  blob: string;
}

export const PACK_FORMAT = 3;

export interface Pack {
  fold: FoldTable;
  automaton: Automaton;
  /** Per code unit: folded unit, script and class in one lookup (match/scan-table.ts), for scanPhrases. */
  scan: Int32Array;
  rules: readonly RuleMeta[];
}

/** Async for the callers' sake (a future pack may load from elsewhere); the work itself is synchronous. */
export async function loadPack(data: PackData): Promise<Pack> {
  return decodePack(data);
}

/** Base 64, then the metadata and fold table, then the laid-out automaton (about a millisecond each), then the scan table. */
export function decodePack(data: PackData): Pack {
  if (data.format !== PACK_FORMAT) throw new Error(`rule pack format ${data.format} is not ${PACK_FORMAT}: run npm run rules`);
  const r = new VarintReader(decodeBase64(data.blob));
  const meta = JSON.parse(new TextDecoder().decode(r.readBytes())) as { expansions: Record<string, string>; rules: RuleMeta[] };
  const fold = readFoldTable(r, meta.expansions);
  const automaton = readAutomaton(r);
  if (!r.done) throw new RangeError('rule pack has trailing data');
  // The scan table is the one thing loading computes: a fill of 65,536 entries from the two tables just read.
  return { fold, automaton, scan: buildScanTable(fold, automaton), rules: meta.rules };
}

let shipped: Promise<Pack> | undefined;

/** The pack compiled from src/core/rules, decoded on first use; later callers share the same promise. */
export function shippedPack(): Promise<Pack> {
  shipped ??= loadPack(PACK);
  return shipped;
}
