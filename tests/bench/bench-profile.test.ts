import { describe, expect, it } from 'vitest';
import { attributeProfile, type CpuProfile, type ProfileNode } from '../../scripts/lib/bench-profile.js';

const OURS = 'chrome-extension://abc/';
const node = (id: number, functionName: string, url: string, children: number[] = []): ProfileNode => ({
  id,
  callFrame: { functionName, url, lineNumber: 0, columnNumber: 0 },
  children,
});

// (root) 1 -> (program) 2, (idle) 3, (garbage collector) 4, page 5 -> ours-called-by-page? no:
// page script 5 (http) -> native 6; content script 7 (ours) -> native 8 (e.g. a TreeWalker call) ; ours 9 -> ours 10.
const NODES: ProfileNode[] = [
  node(1, '(root)', '', [2, 3, 4, 5, 7, 9]),
  node(2, '(program)', ''),
  node(3, '(idle)', ''),
  node(4, '(garbage collector)', ''),
  node(5, 'tick', 'http://127.0.0.1/page', [6]),
  node(6, 'appendChild', ''),
  node(7, 'readAll', `${OURS}content.js`, [8]),
  node(8, 'nextNode', ''),
  node(9, 'drain', `${OURS}content.js`, [10]),
  node(10, 'scan', `${OURS}content.js`),
];

/** A profile whose samples are `stack ids`, 1 ms apart (timeDeltas are microseconds), ending 1 ms after the last. */
function profile(samples: number[]): CpuProfile {
  return {
    nodes: NODES,
    startTime: 1_000_000,
    endTime: 1_000_000 + samples.length * 1000,
    samples,
    timeDeltas: samples.map((_, i) => (i === 0 ? 0 : 1000)),
  };
}

describe('attributeProfile', () => {
  it('counts a sample as ours when any frame of its stack is the content script, native callees included', () => {
    const cost = attributeProfile(profile([3, 5, 6, 7, 8, 10, 2, 3]), OURS);
    expect(cost.oursMs).toBeCloseTo(3); // 7, 8 (native under ours), 10 (ours under ours)
    expect(cost.busyMs).toBeCloseTo(6); // everything but the two idle samples
    expect(cost.windowMs).toBeCloseTo(8);
  });

  it('finds nothing of ours in a profile of the page alone, or with another prefix', () => {
    expect(attributeProfile(profile([5, 6, 2, 4]), OURS).oursMs).toBe(0);
    expect(attributeProfile(profile([7, 8, 10]), 'chrome-extension://other/').oursMs).toBe(0);
  });

  it('measures the longest unbroken stretch of ours; collection between two of ours continues it', () => {
    // ours, ours, idle | ours, gc, ours, ours, program | ours
    const cost = attributeProfile(profile([7, 8, 3, 9, 4, 10, 7, 2, 10]), OURS);
    expect(cost.longestMs).toBeCloseTo(4);
    expect(cost.oursMs).toBeCloseTo(6);
    // A collection after our last sample is not ours: the stretch ends with our sample.
    expect(attributeProfile(profile([7, 4, 4, 3]), OURS).longestMs).toBeCloseTo(1);
  });

  it('weights each sample by the time to the next one, and the last by the time to the end of the profile', () => {
    const uneven: CpuProfile = { nodes: NODES, startTime: 0, endTime: 10_000, samples: [7, 3, 9], timeDeltas: [0, 4000, 1000] };
    const cost = attributeProfile(uneven, OURS);
    expect(cost.oursMs).toBeCloseTo(4 + 5); // sample 0 lasts until 4 ms; the last from 5 ms to the end at 10 ms
    expect(cost.lastOursMs).toBeCloseTo(10);
  });

  it('reports self time by the innermost frame of ours, costliest first', () => {
    const cost = attributeProfile(profile([10, 10, 8, 9, 7]), OURS);
    expect(cost.functions.map((f) => [f.name, Math.round(f.selfMs)])).toEqual([
      ['readAll (content.js:1)', 2],
      ['scan (content.js:1)', 2],
      ['drain (content.js:1)', 1],
    ]);
  });

  it('handles a profile without samples', () => {
    const empty = attributeProfile({ nodes: NODES, startTime: 0, endTime: 0 }, OURS);
    expect(empty).toMatchObject({ oursMs: 0, busyMs: 0, longestMs: 0, lastOursMs: 0, functions: [] });
  });
});
