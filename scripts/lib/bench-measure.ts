// Timing for the matching benchmarks (scripts/bench.ts in Node, scripts/bench-browser.ts in Chromium): each subject
// runs once untimed, then all of them round-robin, so slow drift (heat, GC, other load) touches every subject
// alike; the median of the timed runs counts. No Node API here: the same code runs inside the browser's page.

export interface Subject {
  name: string;
  /** MiB of original text one run covers. */
  mib: number;
  /** One run; returns the match count (the bare loop, its checksum), so no subject's work is dead code. */
  run: () => number;
}

export interface Measured {
  name: string;
  count: number;
  ms: number;
  mbPerS: number;
  runs: number;
}

// At least MIN_RUNS timed runs each, then more (up to MAX_RUNS) while a subject has spent less than BUDGET_MS.
const MIN_RUNS = 3;
const MAX_RUNS = 15;
const BUDGET_MS = 1500;

/** Results are folded into this and printed, so the engine cannot drop a run whose value is otherwise unused. */
let sink = 0;

/** Adds a value to the checksum the benchmarks print (see `sink`). */
export function consume(value: number): void {
  sink ^= value;
}

export function checksum(): number {
  return sink;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timeOnce(run: () => number): { ms: number; value: number } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

/** Warm-up, then round-robin rounds; the median of each subject's timed runs. */
export function measure(subjects: Subject[]): Measured[] {
  const counts = subjects.map((s) => s.run());
  const samples = subjects.map((): number[] => []);
  const spent = subjects.map(() => 0);
  for (let round = 0; round < MAX_RUNS; round++) {
    subjects.forEach((subject, i) => {
      if (samples[i]!.length >= MIN_RUNS && spent[i]! >= BUDGET_MS) return;
      const { ms, value } = timeOnce(subject.run);
      consume(value);
      samples[i]!.push(ms);
      spent[i]! += ms;
    });
  }
  return subjects.map((subject, i) => {
    const ms = median(samples[i]!);
    return { name: subject.name, count: counts[i]!, ms, mbPerS: subject.mib / (ms / 1000), runs: samples[i]!.length };
  });
}

/** Figures in the last JSON line: three significant digits. */
export function round3(x: number): number {
  return Number(x.toPrecision(3));
}

/** The bare loop every speed is compared with: one `charCodeAt` per code unit, summed. */
export function bareLoop(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

/** A table with a header row and a rule; the first two columns left-aligned, the rest right-aligned. */
export function formatTable(header: string[], lines: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c]!.length)));
  const format = (cells: string[]) =>
    cells.map((cell, c) => (c === 1 || c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const out = [format(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  lines.forEach((line, i) => {
    if (i > 0 && line[0] !== lines[i - 1]![0]) out.push('');
    out.push(format(line));
  });
  return out;
}
