import { describe, expect, it } from 'vitest';
import type { ProfileCost } from '../../scripts/lib/bench-profile.js';
import { headline, median, summarize, TARGETS, targetMet, type PageRuns } from '../../scripts/lib/bench-report.js';
import type { Visit } from '../../scripts/lib/bench-visit.js';

const cost = (oursMs: number, longestMs = oursMs, busyMs = oursMs * 2): ProfileCost => ({
  oursMs,
  busyMs,
  longestMs,
  lastOursMs: 100,
  windowMs: 1000,
  functions: [],
});
const visit = (load: ProfileCost, heapBytes: number, extra: Partial<Visit> = {}): Visit => ({ load, activities: [], lureToBannerMs: null, heapBytes, backgroundMs: null, ...extra });
const MiB = 1024 * 1024;

describe('page benchmark figures', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('summarizes a page: medians of our time, the worst stretch, the heap difference and the load ratio', () => {
    const runs: PageRuns = {
      name: 'typical',
      size: { chars: 51200, nodes: 190 },
      withExt: [visit(cost(3, 2), 12 * MiB), visit(cost(5, 4), 13 * MiB), visit(cost(4, 9), 14 * MiB)],
      without: [visit(cost(0), 10 * MiB)],
      loadWith: [50, 52, 51],
      loadWithout: [50, 48, 49],
      loadControl: [51, 50, 49],
      loadEventWith: [0.1, 0.3, 0.2],
    };
    const s = summarize(runs);
    expect(s.oursMs).toBe(4);
    expect(s.longestMs).toBe(9);
    expect(s.heapMb).toBeCloseTo(3);
    expect(s.loadRatio).toBeCloseTo(51 / 49);
    expect(s.loadRatioVsControl).toBeCloseTo(51 / 50);
    expect(s.loadEventWithMs).toBeCloseTo(0.2);
    expect(s.lateVisits).toBe(0);
    expect(s.backgroundMs).toBeNull(); // not measured
  });

  it('reports the background’s matching time apart from the page’s, as a median, in the headline too', () => {
    const runs = (name: 'typical' | 'mb', ms: number[]): PageRuns => ({
      name,
      size: { chars: 0, nodes: 0 },
      withExt: ms.map((backgroundMs) => visit(cost(1), 0, { backgroundMs })),
      without: [visit(cost(0), 0)],
      loadWith: [],
      loadWithout: [],
      loadControl: [],
      loadEventWith: [],
    });
    const typical = summarize(runs('typical', [0.9, 0.5, 0.7]));
    const mb = summarize(runs('mb', [14, 16]));
    expect(typical.backgroundMs).toBe(0.7);
    expect(typical.oursMs).toBe(1); // the page's own figure is untouched
    expect(headline([typical, mb], 0)).toMatchObject({ background_typical_ms: 0.7, background_mb_ms: 15 });
  });

  it('gives per-unit costs of an activity and the lure latency of the chat page', () => {
    const activity = { label: 'new 1 KB chat messages', cost: cost(45, 6), units: 100, unit: 'message' as const };
    const s = summarize({
      name: 'chat',
      size: { chars: 0, nodes: 0 },
      withExt: [visit(cost(10), MiB, { activities: [activity], lureToBannerMs: 80 })],
      without: [visit(cost(0), MiB)],
      loadWith: [],
      loadWithout: [],
      loadControl: [],
      loadEventWith: [],
    });
    expect(s.activities).toEqual([{ label: 'new 1 KB chat messages', unit: 'message', units: 100, oursMs: 45, perUnitMs: 0.45, longestMs: 6 }]);
    expect(s.longestMs).toBe(10); // the load's stretch, longer than any message's
    expect(s.lureToBannerMs).toBe(80);
    expect(s.loadRatio).toBeNull();
  });

  it('flags a visit whose watch window ended while our code still ran', () => {
    const late = { ...cost(5), lastOursMs: 990, windowMs: 1000 };
    expect(summarize({ name: 'mb', size: { chars: 0, nodes: 0 }, withExt: [visit(late, 0)], without: [visit(cost(0), 0)], loadWith: [], loadWithout: [], loadControl: [], loadEventWith: [] }).lateVisits).toBe(1);
  });

  it('headlines the worst page for longest task and heap, and null for pages not run', () => {
    const page = (name: 'typical' | 'dom200k', longest: number, heap: number): PageRuns => ({
      name,
      size: { chars: 0, nodes: 0 },
      withExt: [visit(cost(1, longest), heap)],
      without: [visit(cost(0), 0)],
      loadWith: [],
      loadWithout: [],
      loadControl: [],
      loadEventWith: [],
    });
    const result = headline([summarize(page('typical', 3, MiB)), summarize(page('dom200k', 70, 6 * MiB))], 100 * 1024);
    expect(result).toMatchObject({ typical_ms: 1, longest_task_ms: 70, heap_mb: 6, content_js_kb: 100, mb_page_ms: null, keystroke_ms: null });
  });

  it('headlines the costlier of the typed fields per keystroke', () => {
    const typing = (label: string, ms: number) => ({ label, cost: cost(ms), units: 200, unit: 'keystroke' as const });
    const s = summarize({
      name: 'typing',
      size: { chars: 0, nodes: 0 },
      withExt: [visit(cost(1), 0, { activities: [typing('typing in a textarea', 0), typing('typing in a contenteditable', 80)] })],
      without: [visit(cost(0), 0)],
      loadWith: [],
      loadWithout: [],
      loadControl: [],
      loadEventWith: [],
    });
    expect(headline([s], 0).keystroke_ms).toBe(0.4);
  });

  it('checks targets as the issues word them: "under" is strict, "at most" is not', () => {
    const byKey = Object.fromEntries(TARGETS.map((t) => [t.key, t]));
    expect(targetMet(2, byKey.typical_ms!)).toBe(false);
    expect(targetMet(1.99, byKey.typical_ms!)).toBe(true);
    expect(targetMet(80, byKey.content_js_kb!)).toBe(true);
    expect(targetMet(80.1, byKey.content_js_kb!)).toBe(false);
    expect(targetMet(null, byKey.keystroke_ms!)).toBeNull();
  });
});
