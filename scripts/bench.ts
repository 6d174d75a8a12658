// npm run -s bench: how fast LureWatch finds its phrases, next to a bare loop, two npm Aho-Corasick packages and
// RegExps, on real text. A benchmark, not a test: it asserts nothing about timings, it measures and prints.
//
// Text: the documents of ../shared/corpus/*.jsonl (outside the repo, never copied in), joined with "\n" and
// repeated as needed to exactly 4 MiB = 4 * 2^20 UTF-16 code units, separately for "en" and "zh".
// MB below always means 2^20 UTF-16 code units of that ORIGINAL text, for every matcher, so MB/s figures compare
// the time each takes to search the same document.
//
// The npm matchers: @monyone/aho-corasick (its main entry's AhoCorasick class: the package has no default export;
// and its "/fast" double-array variant) and `ahocorasick` (BrunoRB), each given the same phrase list.
//
// Our two figures: "match" is the automaton alone over text folded beforehand; "fold + match" is scanPhrases, the
// path the extension runs. Every other matcher gets the folded text and the folded, expanded phrase list for free
// (folding not timed), so it does the same job as our "match"; the headline compares our "fold + match" with them,
// which is conservative. The same job exactly: our automaton gets word boundaries by anchoring English phrases on
// spaces (" interest free loan "), and reads the start and end of the text as spaces; so the others get the
// anchored phrases and the folded text with a space added at each end. The Aho-Corasick counts should then equal
// ours; RegExp alternation reports no overlapping matches, so it counts fewer.
//
// Before timing, scanPhrases (and, through buildPack, foldInto) runs on thousands of short strings of every
// representation (flat, sliced, concatenated; one- and two-byte), so both are timed as a content script runs them,
// after V8 has seen many string shapes. A process that only ever scanned the two 4 MiB texts times them faster.
//
// Timings are wall clock: on a machine busy with other work they are noisy, so the load average is printed.
// The last line of output is one JSON object with the headline figures (see headline()).

import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { AhoCorasick as MonyoneAhoCorasick } from '@monyone/aho-corasick';
import { AhoCorasick as MonyoneFastAhoCorasick } from '@monyone/aho-corasick/fast';
import { buildPack, loadRuleFiles } from '../src/core/compile/pack-build.js';
import { foldText } from '../src/core/fold/fold.js';
import { PACK } from '../src/core/generated/pack.js';
import { scanPhrases } from '../src/core/match/scan.js';
import { loadPack, shippedPack, type Pack } from '../src/core/pack.js';
import { CORPUS_DIR, LANGS, MiB, readCorpus, textOf, type Lang } from './lib/bench-corpus.js';
import { checksum, consume, formatTable, measure, median, round3, type Measured, type Subject } from './lib/bench-measure.js';
import { ourSubjects } from './lib/bench-ours.js';

// `ahocorasick` is CommonJS and ships no types: this is the little of it the benchmark uses.
interface BrunoRBMatcher {
  /** [index of the last unit of the match, phrases ending there]. */
  search(text: string): Array<[number, string[]]>;
}
const BrunoRBAhoCorasick = createRequire(import.meta.url)('ahocorasick') as new (keywords: string[]) => BrunoRBMatcher;

const TEXT_UNITS = 4 * MiB;
const SLICE_UNITS = MiB / 2;

// The RegExps can be very slow with thousands of phrases: when one run over 4 MiB would take longer than this, they
// are timed on the first 512 KiB only, which keeps the whole benchmark within about two minutes.
const SLOW_RUN_MS = 300;

interface LangResult {
  lang: Lang;
  foldedUnits: number;
  rows: Measured[];
}

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

// ---- Inputs -------------------------------------------------------------------------------------------------

interface Packs {
  pack: Pack;
  /** The anchored, folded, expanded patterns, in the automaton's order (the compiler keeps them distinct). */
  phrases: string[];
  states: number;
  /** The pack's varint stream before base 64. */
  rawBytes: number;
}

/** The committed pack, after checking it is what the rule files compile to (else the matchers would differ). */
async function loadPacks(): Promise<Packs> {
  if (PACK === null || typeof PACK !== 'object') {
    fail(1, 'bench: src/core/generated/pack.ts is a placeholder; run `npx tsx scripts/compile-rules.ts` first.');
  }
  const loaded = loadRuleFiles();
  if (loaded.problems.length > 0) fail(1, `bench: the rule files have problems:\n${loaded.problems.join('\n')}`);
  const built = await buildPack(loaded.rules);
  if (JSON.stringify(built.pack) !== JSON.stringify(PACK)) {
    const fix = 'run `npx tsx scripts/compile-rules.ts`';
    fail(1, `bench: src/core/generated/pack.ts is out of date with the rule files; ${fix}.`);
  }
  const phrases = built.patterns.map((p) => p.anchored);
  const pack = await shippedPack();
  for (const p of built.patterns) {
    consume(scanPhrases(p.phrase, pack).length);
    consume(scanPhrases(`${p.text} ${p.phrase}`, pack).length);
    consume(scanPhrases(p.anchored.slice(1, -1), pack).length);
  }
  return { pack, phrases, states: built.stats.states, rawBytes: built.stats.rawBytes };
}

// ---- Matchers -------------------------------------------------------------------------------------------------

function escapeRegExp(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Counts with test(), which advances lastIndex without building match arrays (no phrase is empty). */
function countRegExp(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.test(text)) n++;
  return n;
}

function countEach(regexes: RegExp[], text: string): number {
  let n = 0;
  for (const re of regexes) n += countRegExp(re, text);
  return n;
}

// No 'u' flag: folded text and phrases are compared unit by unit, as our automaton does (folding leaves no
// surrogates in either), and non-unicode RegExps are V8's faster mode.
function alternationOf(phrases: string[]): RegExp {
  const longestFirst = [...phrases].sort((a, b) => b.length - a.length);
  return new RegExp(longestFirst.map(escapeRegExp).join('|'), 'g');
}

/**
 * A subject counting with `count` over the folded text, or over its first 512 Ki units when one run over the
 * whole would take longer than SLOW_RUN_MS (projected from one run on the slice, which also compiles the RegExps).
 * The slice is cut from the folded string itself, not folded apart: V8 stores a string with no unit above 0xff
 * in one byte per unit, and a RegExp over such a string skips every Chinese alternative outright, so a slice
 * folded on its own could be far faster than the text it stands for. Its MB/s counts the original text the slice
 * covers (in proportion); its match count is the slice's.
 */
function fullOrSlice(name: string, count: (input: string) => number, folded: string, mib: number): Subject {
  const slice = folded.slice(0, SLICE_UNITS);
  const start = performance.now();
  consume(count(slice));
  const projectedMs = (performance.now() - start) * (folded.length / slice.length);
  if (projectedMs <= SLOW_RUN_MS) return { name, mib, run: () => count(folded) };
  const sliceMib = (mib * slice.length) / folded.length;
  return { name: `${name} (on a 512 KiB slice)`, mib: sliceMib, run: () => count(slice) };
}

function subjectsFor(text: string, pack: Pack, phrases: string[]): { subjects: Subject[]; foldedUnits: number } {
  const mib = text.length / MiB;
  const ours = ourSubjects(text, pack);
  // With the spaces our automaton assumes at both ends.
  const folded = ` ${foldText(text, pack.fold).text} `;
  const monyone = new MonyoneAhoCorasick(phrases);
  const monyoneFast = new MonyoneFastAhoCorasick(phrases);
  const brunorb = new BrunoRBAhoCorasick(phrases);
  const alternation = alternationOf(phrases);
  const regexes = phrases.map((p) => new RegExp(escapeRegExp(p), 'g'));
  const subjects: Subject[] = [
    ...ours.subjects,
    { name: '@monyone/aho-corasick', mib, run: () => monyone.matchInText(folded).length },
    { name: '@monyone/aho-corasick/fast', mib, run: () => monyoneFast.matchInText(folded).length },
    { name: 'ahocorasick', mib, run: () => brunorb.search(folded).reduce((n, [, found]) => n + found.length, 0) },
    fullOrSlice('RegExp alternation /a|b|.../g', (input) => countRegExp(alternation, input), folded, mib),
    fullOrSlice('RegExp per phrase /a/g', (input) => countEach(regexes, input), folded, mib),
  ];
  return { subjects, foldedUnits: ours.foldedUnits };
}

// ---- Measuring ------------------------------------------------------------------------------------------------

function measureLanguage(lang: Lang, docs: string[], pack: Pack, phrases: string[]): LangResult {
  const text = textOf(docs, TEXT_UNITS);
  const { subjects, foldedUnits } = subjectsFor(text, pack, phrases);
  return { lang, foldedUnits, rows: measure(subjects) };
}

/**
 * Time per MB of scanPhrases on 10 MiB over that on 1 MiB (1 = linear). The 10 MiB are the 1 MiB ten times over,
 * so that only the length differs, not the mix of text; and one timed run of the 1 MiB subject scans it ten
 * times, so both subjects do the same work per run and see the same share of any noise.
 */
function linearity(docs: string[], pack: Pack): { ratio: number; rows: Measured[] } {
  const small = textOf(docs, MiB);
  const big = small.repeat(10);
  const tenSmall = () => {
    let hits = 0;
    for (let i = 0; i < 10; i++) hits += scanPhrases(small, pack).length;
    return hits;
  };
  const rows = measure([
    { name: 'scanPhrases, 1 MiB (x10 per run)', mib: 10, run: tenSmall },
    { name: 'scanPhrases, 10 MiB', mib: 10, run: () => scanPhrases(big, pack).length },
  ]);
  return { ratio: rows[1]!.ms / rows[0]!.ms, rows };
}

/** Median of 20 loadPack(PACK) (base-64 decode, read fold table and the laid-out automaton), after one warm-up. */
async function loadMs(): Promise<number> {
  await loadPack(PACK);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await loadPack(PACK);
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * The pack as shipped: fold table, automaton and rule metadata are one base-64 stream in the generated module (no
 * separate automaton and fold objects), so this counts the UTF-8 bytes of JSON.stringify(PACK).
 */
function packBytes(): number {
  return Buffer.byteLength(JSON.stringify(PACK), 'utf8');
}

// ---- Output ---------------------------------------------------------------------------------------------------

const BARE = 0;
const MATCH = 1;
const FOLD_AND_MATCH = 2;
const NPM = [3, 4, 5];
const ALTERNATION = 6;
const PER_PHRASE = 7;

function printTable(results: LangResult[]): void {
  const header = ['lang', 'matcher', 'MB/s', 'x bare loop', 'ms/run', 'matches', 'runs'];
  const lines = results.flatMap(({ lang, rows }) =>
    rows.map((row, i) => [
      lang,
      row.name,
      row.mbPerS.toFixed(1),
      (row.mbPerS / rows[BARE]!.mbPerS).toFixed(3),
      row.ms.toFixed(1),
      i === BARE ? `(sum ${row.count})` : String(row.count),
      String(row.runs),
    ]),
  );
  for (const line of formatTable(header, lines)) console.log(line);
}

/** The 1-minute load average, and a warning when other processes compete for the CPUs. */
function machineLoad(when: string): string {
  const load = loadavg()[0]!;
  const busy = load > 0.5 * cpus().length ? ' -- other processes are busy: expect noisy figures' : '';
  return `load average ${when}: ${load.toFixed(2)} on ${cpus().length} CPUs${busy}`;
}


/**
 * Each speed figure from the language where ours does worse, rounded to 3 significant digits; ratios are speed
 * ours / theirs (> 1: ours is faster). The counts (phrases, automaton_bytes) are exact.
 */
function headline(
  results: LangResult[],
  phrases: number,
  load: number,
  bytes: number,
  linearity: number,
): Record<string, number> {
  const worst = (figure: (rows: Measured[]) => number) => round3(Math.min(...results.map((r) => figure(r.rows))));
  const speed = (rows: Measured[], i: number) => rows[i]!.mbPerS;
  const ours = (rows: Measured[]) => speed(rows, FOLD_AND_MATCH);
  return {
    phrases,
    mb_per_s: worst(ours),
    vs_bare_loop: worst((rows) => speed(rows, MATCH) / speed(rows, BARE)),
    fold_and_match_vs_bare_loop: worst((rows) => ours(rows) / speed(rows, BARE)),
    // The same job on both sides: searching the pre-folded text. (Our fold + match against them is printed above.)
    vs_best_npm_aho_corasick: worst((rows) => speed(rows, MATCH) / Math.max(...NPM.map((i) => speed(rows, i)))),
    vs_regexp_alternation: worst((rows) => speed(rows, MATCH) / speed(rows, ALTERNATION)),
    vs_regexp_per_phrase: worst((rows) => speed(rows, MATCH) / speed(rows, PER_PHRASE)),
    load_ms: round3(load),
    automaton_bytes: bytes,
    // Scan time per MB at 10 MiB over that at 1 MiB, the worse language (1 = linear); after the issue 2 keys.
    time_per_mb_10mb_vs_1mb: round3(linearity),
  };
}

// ---- Main -----------------------------------------------------------------------------------------------------

let corpus: Map<Lang, string[]>;
try {
  corpus = readCorpus();
} catch (error) {
  fail(2, `bench: ${(error as Error).message}.`);
}
const { pack, phrases, states, rawBytes } = await loadPacks();
console.log(
  `LureWatch matching benchmark: node ${process.version}, ${phrases.length} expanded patterns, ` +
    `${states} automaton states; ${machineLoad('at start')}.`,
);
console.log(
  `Text: ${CORPUS_DIR}/*.jsonl, per language exactly ${TEXT_UNITS / MiB} MiB = ${TEXT_UNITS} UTF-16 code units. ` +
    'MB = 2^20 code units of the original text, for every row.',
);
console.log(
  'Rows below "fold + match" search the pre-folded text (a space added at each end) for the anchored, folded ' +
    'patterns (" interest free loan "), folding not timed: the same job as our "match", which the vs_* figures of ' +
    'the last line compare with them; the conservative ratios (our fold + match against their match) are printed ' +
    'before it. RegExps have flag g only (no u: they compare UTF-16 ' +
    'units, like our automaton). RegExp alternation reports no overlapping matches, so it counts fewer.\n',
);

const results = LANGS.map((lang) => measureLanguage(lang, corpus.get(lang)!, pack, phrases));
for (const r of results) console.log(`${r.lang}: 4 MiB folds to ${r.foldedUnits} units.`);
console.log('');
printTable(results);

const linear = LANGS.map((lang) => ({ lang, ...linearity(corpus.get(lang)!, pack) }));
console.log('');
console.log('linearity: scanPhrases time per MB at 10 MiB over that at 1 MiB (1 = linear)');
console.log('lang  1 MiB: ms per MB  10 MiB: ms per MB  ratio');
for (const { lang, rows, ratio } of linear) {
  const perMb = (row: Measured) => (row.ms / 10).toFixed(2).padStart(17);
  console.log(`${lang.padEnd(4)}  ${perMb(rows[0]!)}  ${perMb(rows[1]!)}  ${ratio.toFixed(3).padStart(5)}`);
}
const worstLinearity = Math.max(...linear.map((l) => l.ratio));

const load = await loadMs();
const bytes = packBytes();
// What the pack adds to the zipped extension package.
const gzipBytes = gzipSync(JSON.stringify(PACK)).byteLength;
console.log(`load_ms: median of 20 await loadPack(PACK) (base 64, read, check) = ${load.toFixed(3)} ms`);
console.log(
  `automaton_bytes: UTF-8 bytes of JSON.stringify(PACK), the shipped pack (automaton, fold table and rule ` +
    `metadata, base 64) = ${bytes}; ${rawBytes} bytes before base 64, ${gzipBytes} gzipped`,
);
for (const r of results) {
  const fm = r.rows[FOLD_AND_MATCH]!.mbPerS;
  const npm = Math.max(...NPM.map((i) => r.rows[i]!.mbPerS));
  console.log(
    `${r.lang}: conservative (our fold + match vs their match on pre-folded text): ` +
      `x${(fm / npm).toFixed(2)} best npm Aho-Corasick, x${(fm / r.rows[ALTERNATION]!.mbPerS).toFixed(1)} RegExp ` +
      `alternation, x${(fm / r.rows[PER_PHRASE]!.mbPerS).toFixed(1)} RegExp per phrase`,
  );
}
console.log(`${machineLoad('at end')}. (Checksum of all runs, ignore: ${checksum()}.)`);
console.log(JSON.stringify(headline(results, phrases.length, load, bytes, worstLinearity)));
