// Turns the visits of `npm run -s bench:page` into figures: per-page medians, the headline JSON, the tables and the
// targets of issue 4. Targets are reported, never asserted.
import type { PageName } from './bench-args.js';
import type { Visit } from './bench-visit.js';

export interface PageRuns {
  name: PageName;
  size: { chars: number; nodes: number };
  /** Visits in the browser with the extension, and in the baseline. */
  withExt: Visit[];
  without: Visit[];
  /** Load-event times (ms), one per load, per browser; empty when this page's loads were not timed. */
  loadWith: number[];
  loadWithout: number[];
  /** The same, in the control browser whose extension has an empty content script. */
  loadControl: number[];
  /**
   * The load event's own duration with LureWatch (loadEventEnd - loadEventStart), one per load: what of our code
   * runs inside the event, where the page waits for it. Unlike the load times, this does not spread with the
   * machine's noise (an empty content script reads 0.00 ms).
   */
  loadEventWith: number[];
}

export interface PageSummary {
  name: PageName;
  chars: number;
  nodes: number;
  oursMs: number;
  /** Longest stretch of our code in any visit of the page, load or activity. */
  longestMs: number;
  busyWithMs: number;
  busyWithoutMs: number;
  heapMb: number;
  /** The background's matching time per visit (its own thread, not the page's); null when not measured. */
  backgroundMs: number | null;
  loadWithMs: number | null;
  /** Median duration of the load event itself with LureWatch (see PageRuns.loadEventWith). */
  loadEventWithMs: number | null;
  loadWithoutMs: number | null;
  loadRatio: number | null;
  loadControlMs: number | null;
  /** Load time with LureWatch over load time with an empty content script: what our code adds to the load. */
  loadRatioVsControl: number | null;
  /** Per activity after the load (medians over visits). */
  activities: Array<{ label: string; unit: string; units: number; oursMs: number; perUnitMs: number; longestMs: number }>;
  lureToBannerMs: number | null;
  /** Visits where our code still ran in the last 250 ms of the window: the figure may be short. */
  lateVisits: number;
}

export const PAGE_LABELS: Record<PageName, string> = {
  typical: 'article, 50 KB text',
  mb: 'article, 1 MB text',
  dom20k: '20,000-node DOM',
  dom200k: '200,000-node DOM',
  chat: 'chat, 1 KB msg / 100 ms',
  raf: 'mutates every frame',
  typing: 'textarea, typing',
};

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const MiB = 1024 * 1024;
const LATE_MS = 250;

export function summarize(runs: PageRuns): PageSummary {
  const ext = runs.withExt;
  const labels = [...new Set(ext.flatMap((v) => v.activities.map((a) => a.label)))];
  const lures = ext.map((v) => v.lureToBannerMs).filter((ms): ms is number => ms !== null);
  const loadWithMs = runs.loadWith.length > 0 ? median(runs.loadWith) : null;
  const loadWithoutMs = runs.loadWithout.length > 0 ? median(runs.loadWithout) : null;
  const loadControlMs = runs.loadControl.length > 0 ? median(runs.loadControl) : null;
  return {
    name: runs.name,
    chars: runs.size.chars,
    nodes: runs.size.nodes,
    oursMs: median(ext.map((v) => v.load.oursMs)),
    longestMs: Math.max(0, ...ext.flatMap((v) => [v.load.longestMs, ...v.activities.map((a) => a.cost.longestMs)])),
    busyWithMs: median(ext.map((v) => v.load.busyMs)),
    busyWithoutMs: median(runs.without.map((v) => v.load.busyMs)),
    heapMb: (median(ext.map((v) => v.heapBytes)) - median(runs.without.map((v) => v.heapBytes))) / MiB,
    backgroundMs: ext.some((v) => v.backgroundMs === null) || ext.length === 0 ? null : median(ext.map((v) => v.backgroundMs!)),
    loadWithMs,
    loadEventWithMs: runs.loadEventWith.length > 0 ? median(runs.loadEventWith) : null,
    loadWithoutMs,
    loadRatio: loadWithMs !== null && loadWithoutMs !== null ? loadWithMs / loadWithoutMs : null,
    loadControlMs,
    loadRatioVsControl: loadWithMs !== null && loadControlMs !== null ? loadWithMs / loadControlMs : null,
    activities: labels.map((label) => {
      const same = ext.flatMap((v) => v.activities.filter((a) => a.label === label));
      return {
        label,
        unit: same[0]!.unit,
        units: median(same.map((a) => a.units)),
        oursMs: median(same.map((a) => a.cost.oursMs)),
        perUnitMs: median(same.map((a) => a.cost.oursMs / Math.max(1, a.units))),
        longestMs: Math.max(...same.map((a) => a.cost.longestMs)),
      };
    }),
    lureToBannerMs: runs.name === 'chat' ? (lures.length > 0 ? median(lures) : null) : null,
    lateVisits: ext.filter((v) => v.load.oursMs > 0 && v.load.lastOursMs > v.load.windowMs - LATE_MS).length,
  };
}

export interface Headline {
  typical_ms: number | null;
  mb_page_ms: number | null;
  longest_task_ms: number | null;
  chat_message_ms: number | null;
  lure_to_banner_ms: number | null;
  load_ratio: number | null;
  heap_mb: number | null;
  content_js_kb: number;
  keystroke_ms: number | null;
  /** Not a page-thread figure: the matcher's time in the background for the typical and the 1 MB page. */
  background_typical_ms: number | null;
  background_mb_ms: number | null;
}

function worst(values: readonly number[]): number | null {
  return values.length > 0 ? Math.max(...values) : null;
}

/** Three significant figures: enough to compare runs, no false precision. */
function round(n: number | null): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  return n === 0 ? 0 : Number(n.toPrecision(3));
}

export function headline(pages: readonly PageSummary[], contentBytes: number): Headline {
  const page = (name: PageName): PageSummary | undefined => pages.find((p) => p.name === name);
  const any = pages.length > 0;
  return {
    typical_ms: round(page('typical')?.oursMs ?? null),
    mb_page_ms: round(page('mb')?.oursMs ?? null),
    longest_task_ms: any ? round(Math.max(...pages.map((p) => p.longestMs))) : null,
    chat_message_ms: round(page('chat')?.activities[0]?.perUnitMs ?? null),
    lure_to_banner_ms: round(page('chat')?.lureToBannerMs ?? null),
    load_ratio: round(page('typical')?.loadRatio ?? null),
    heap_mb: any ? round(Math.max(...pages.map((p) => p.heapMb))) : null,
    content_js_kb: round(contentBytes / 1024)!,
    // The costlier field: the hint feature of issue 5 reads both kinds.
    keystroke_ms: round(worst(page('typing')?.activities.map((a) => a.perUnitMs) ?? [])),
    background_typical_ms: round(page('typical')?.backgroundMs ?? null),
    background_mb_ms: round(page('mb')?.backgroundMs ?? null),
  };
}

interface Target {
  key: keyof Headline;
  label: string;
  limit: number;
  /** "<" or "<=": as issues 4 and 5 word them. */
  strict: boolean;
  unit: string;
}

export const TARGETS: Target[] = [
  { key: 'typical_ms', label: 'typical page, main thread', limit: 2, strict: true, unit: 'ms' },
  { key: 'mb_page_ms', label: '1 MB page, main thread', limit: 20, strict: true, unit: 'ms' },
  { key: 'longest_task_ms', label: 'longest task of ours', limit: 50, strict: false, unit: 'ms' },
  { key: 'chat_message_ms', label: 'per 1 KB chat message', limit: 0.5, strict: true, unit: 'ms' },
  { key: 'lure_to_banner_ms', label: 'lure to banner', limit: 1000, strict: true, unit: 'ms' },
  { key: 'load_ratio', label: 'load time ratio (typical)', limit: 1.02, strict: false, unit: 'x' },
  { key: 'heap_mb', label: 'content-script heap (worst page)', limit: 5, strict: false, unit: 'MB' },
  { key: 'content_js_kb', label: 'content.js minified', limit: 80, strict: false, unit: 'KB' },
  { key: 'keystroke_ms', label: 'per keystroke', limit: 0.3, strict: true, unit: 'ms' },
];

export function targetMet(value: number | null, target: Target): boolean | null {
  if (value === null) return null;
  return target.strict ? value < target.limit : value <= target.limit;
}

function cell(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatTables(pages: readonly PageSummary[], result: Headline): string {
  const out: string[] = [];
  out.push(
    table(
      ['page', 'text KB', 'nodes', 'ours ms', 'longest ms', 'background ms', 'busy ms with', 'busy ms w/o', 'heap MB', 'load ms with', 'load event ms', 'load ms w/o', 'ratio', 'load ms empty', 'ratio vs empty'],
      pages.map((p) => [
        PAGE_LABELS[p.name],
        cell(p.chars / 1024, 0),
        String(p.nodes),
        cell(p.oursMs),
        cell(p.longestMs),
        cell(p.backgroundMs),
        cell(p.busyWithMs, 0),
        cell(p.busyWithoutMs, 0),
        cell(p.heapMb),
        cell(p.loadWithMs, 1),
        cell(p.loadEventWithMs, 2),
        cell(p.loadWithoutMs, 1),
        cell(p.loadRatio, 3),
        cell(p.loadControlMs, 1),
        cell(p.loadRatioVsControl, 3),
      ]),
    ),
  );
  const active = pages.flatMap((p) => p.activities);
  if (active.length > 0) {
    out.push('');
    out.push(
      table(
        ['activity after load', 'units', 'ours ms', 'ours ms / unit', 'longest ms'],
        active.map((a) => [a.label, `${a.units} ${a.unit}s`, cell(a.oursMs), cell(a.perUnitMs, 3), cell(a.longestMs)]),
      ),
    );
  }
  out.push('');
  out.push(
    table(
      ['target', 'measured', 'target', 'met'],
      TARGETS.map((t) => {
        const value = result[t.key];
        const met = targetMet(value, t);
        return [t.label, value === null ? '-' : `${value} ${t.unit}`, `${t.strict ? '<' : '<='} ${t.limit} ${t.unit}`, met === null ? 'not run' : met ? 'yes' : 'NO'];
      }),
    ),
  );
  const late = pages.filter((p) => p.lateVisits > 0);
  for (const p of late) {
    out.push(`note: on "${PAGE_LABELS[p.name]}" our code still ran near the end of ${p.lateVisits} watch window(s): its figure may be short.`);
  }
  return out.join('\n');
}
