// Build time only: turns the rule files into the pack the extension ships (fold table, automaton, rule metadata).
// Used by scripts/compile-rules.ts and by the tests, which check that the committed pack is up to date.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { foldText } from '../fold/fold.js';
import { LEADING_SPACE, TRAILING_SPACE } from '../match/automaton.js';
import { isWordUnit } from '../fold/fold.js';
import { PACK_FORMAT, type PackData, type RuleMeta } from '../pack.js';
import { validateRuleFile, type Rule, type RuleFile } from '../rules/schema.js';
import { writeAutomaton, type PatternSpec } from './automaton-build.js';
import { writeFoldRuns } from '../fold/table.js';
import { VarintWriter, encodeBase64 } from '../match/varint.js';
import { buildFullFold, loadTraditionalToSimplified, relevantTo, tableFromForms } from './fold-build.js';
import { expandPhrase } from './phrases.js';

export interface LoadedRules {
  rules: Rule[];
  /** The file each rule came from, relative to the rules folder (for messages). */
  fileOf: Map<string, string>;
  problems: string[];
}

export const RULES_DIR = new URL('../rules/', import.meta.url).pathname;

/** Reads and validates every rule file under the rules folder (en/*.json, zh/*.json). */
export function loadRuleFiles(dir = RULES_DIR): LoadedRules {
  const rules: Rule[] = [];
  const fileOf = new Map<string, string>();
  const problems: string[] = [];
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) problems.push(`${dir}: no rule files`);
  for (const name of files) {
    const path = join(dir, name);
    const shown = relative(process.cwd(), path);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      problems.push(`${shown}: not valid JSON: ${(error as Error).message}`);
      continue;
    }
    const fileProblems = validateRuleFile(data, shown);
    problems.push(...fileProblems);
    if (fileProblems.length > 0) continue;
    for (const rule of (data as RuleFile).rules) {
      if (fileOf.has(rule.id)) problems.push(`${shown}: rule ${rule.id}: id already used in ${fileOf.get(rule.id)}`);
      fileOf.set(rule.id, shown);
      rules.push(rule);
    }
  }
  return { rules, fileOf, problems };
}

export interface PackStats {
  rules: number;
  phrases: number;
  patterns: number;
  states: number;
  alphabet: number;
  foldEntries: number;
  /** The stream, and its base-64 text as shipped. */
  rawBytes: number;
  bytes: number;
}

/** Rule id to its one-line explanation, for the popup and the command-line tools. */
export type RuleTexts = Record<string, { en: string; zh: string }>;

export interface BuiltPack {
  pack: PackData;
  texts: RuleTexts;
  /** Disclosure rule id to the generic wording its hint suggests (rules/schema.ts: `safer`). */
  safer: RuleTexts;
  /** Expanded, folded pattern text with its rule, for the reference matcher and benchmarks. */
  /** Folded phrase text (without anchoring spaces) and what the automaton matches: units with anchors. */
  patterns: Array<{ text: string; anchored: string; rule: number; flags: number; phrase: string }>;
  stats: PackStats;
}

/**
 * The budget of the whole pack, in expanded patterns: the laid-out automaton grows with them (about 100 bytes of
 * pack per pattern), and so do its load time and the share of it that stays in cache while matching. Raising it is
 * a decision to measure (npm run bench, the page benchmark), not a default.
 */
export const MAX_PATTERNS = 24000;

/** Compiles validated rules into the shipped pack. Throws with every problem listed when phrases collide. */
export async function buildPack(rules: Rule[]): Promise<BuiltPack> {
  const t2s = await loadTraditionalToSimplified();
  const full = buildFullFold(t2s);
  const everything = tableFromForms(full.forms, () => true).table;

  const patterns: BuiltPack['patterns'] = [];
  const seen = new Map<string, string>();
  const problems: string[] = [];
  rules.forEach((rule, index) => {
    for (const phrase of rule.phrases) {
      for (const expanded of expandPhrase(phrase)) {
        const folded = foldText(expanded.text, everything).text;
        if (folded === '') {
          problems.push(`rule ${rule.id}: phrase "${phrase}" folds to nothing`);
          continue;
        }
        const key = `${folded}\u0000${expanded.prefix}`;
        const other = seen.get(key);
        if (other !== undefined && other !== rule.id) {
          problems.push(`rule ${rule.id}: phrase "${expanded.text}" is already in rule ${other}`);
          continue;
        }
        if (other === rule.id) continue; // the same rule spelling one phrase two ways is harmless
        seen.set(key, rule.id);
        // Phrases that start or end with a letter or digit are anchored on spaces: word boundaries for free.
        let flags = 0;
        if (isWordUnit(folded.charCodeAt(0))) flags |= LEADING_SPACE;
        if (!expanded.prefix && isWordUnit(folded.charCodeAt(folded.length - 1))) flags |= TRAILING_SPACE;
        const anchored = `${flags & LEADING_SPACE ? ' ' : ''}${folded}${flags & TRAILING_SPACE ? ' ' : ''}`;
        patterns.push({ text: folded, anchored, rule: index, flags, phrase });
      }
    }
  });
  if (patterns.length > MAX_PATTERNS) {
    problems.push(`the rules spell ${patterns.length} patterns, over the budget of ${MAX_PATTERNS}: make phrases more specific`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));

  // The automaton numbers patterns in sorted order; keep this list in the same order so ids agree.
  patterns.sort((x, y) => (x.anchored < y.anchored ? -1 : x.anchored > y.anchored ? 1 : 0));
  const alphabet = new Set<number>();
  for (const p of patterns) for (let i = 0; i < p.text.length; i++) alphabet.add(p.text.charCodeAt(i));
  const shipped = tableFromForms(full.forms, relevantTo(alphabet));
  const specs: PatternSpec[] = patterns.map((p) => ({
    units: Array.from(p.anchored, (ch) => ch.charCodeAt(0)),
    rule: p.rule,
    flags: p.flags,
  }));
  const metas: RuleMeta[] = rules.map(({ id, facet, lang, weight, source }) => ({ id, facet, lang, weight, source }));
  const texts: RuleTexts = Object.fromEntries(rules.map((rule) => [rule.id, rule.explain]));
  const safer: RuleTexts = Object.fromEntries(rules.flatMap((rule) => (rule.safer ? [[rule.id, rule.safer]] : [])));
  const w = new VarintWriter();
  w.writeBytes(new TextEncoder().encode(JSON.stringify({ expansions: shipped.data.expansions, rules: metas })));
  writeFoldRuns(w, shipped.data.runs);
  const automaton = writeAutomaton(w, specs);
  const raw = w.toBytes();
  const blob = encodeBase64(raw);
  const pack: PackData = { format: PACK_FORMAT, blob };
  const stats: PackStats = {
    rules: rules.length,
    phrases: rules.reduce((n, r) => n + r.phrases.length, 0),
    patterns: patterns.length,
    states: automaton.states,
    alphabet: automaton.classes - 1,
    foldEntries: shipped.data.runs.length / 4 + Object.keys(shipped.data.expansions).length,
    rawBytes: raw.length,
    bytes: blob.length,
  };
  return { pack, texts, safer, patterns, stats };
}

const GENERATED = '// Generated by scripts/compile-rules.ts from src/core/rules/**/*.json. Do not edit: run `npm run rules`.';

/** The generated modules' source text, by file name under src/core/generated. */
export function renderGenerated(built: BuiltPack): Record<string, string> {
  return {
    'pack.ts': [
      GENERATED,
      "import type { PackData } from '../pack.js';",
      '',
      `export const PACK: PackData = ${JSON.stringify(built.pack, null, 2)};`,
      '',
    ].join('\n'),
    'rule-texts.ts': [
      GENERATED,
      '// The one-line explanation of each rule, for the popup and the command-line tools.',
      '',
      `export const RULE_TEXTS: Record<string, { en: string; zh: string }> = ${JSON.stringify(built.texts, null, 2)};`,
      '',
    ].join('\n'),
    'disclosure-texts.ts': [
      GENERATED,
      '// The generic wording each disclosure rule suggests, for the post hint: small, so the content script carries it.',
      '',
      `export const SAFER_WORDING: Record<string, { en: string; zh: string }> = ${JSON.stringify(built.safer, null, 2)};`,
      '',
    ].join('\n'),
  };
}
