// The matching benchmarks' timing and text helpers (scripts/lib/bench-measure.ts, bench-corpus.ts).
import { describe, expect, it } from 'vitest';
import { textOf } from '../../scripts/lib/bench-corpus.js';
import { bareLoop, formatTable, measure, median } from '../../scripts/lib/bench-measure.js';

describe('measure', () => {
  it('times every subject at least three times and keeps what its first run returned', () => {
    let calls = 0;
    const rows = measure([
      { name: 'counts', mib: 2, run: () => ++calls },
      { name: 'bare', mib: 1, run: () => bareLoop('abc') },
    ]);
    expect(rows.map((r) => r.name)).toEqual(['counts', 'bare']);
    expect(rows[0]!.count).toBe(1);
    expect(rows[1]!.count).toBe(97 + 98 + 99);
    for (const row of rows) {
      expect(row.runs).toBeGreaterThanOrEqual(3);
      expect(row.ms).toBeGreaterThanOrEqual(0);
    }
    expect(calls).toBe(1 + rows[0]!.runs);
  });

  it('takes the median, of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('textOf', () => {
  it('joins the documents with newlines, starting over as needed, to exactly the length asked', () => {
    expect(textOf(['ab', 'cde'], 5)).toBe('ab\ncd');
    expect(textOf(['ab', 'cde'], 12)).toBe('ab\ncde\nab\ncd');
  });
});

describe('formatTable', () => {
  it('pads the first two columns on the right and the others on the left, with a blank line between groups', () => {
    const lines = formatTable(['lang', 'name', 'n'], [['en', 'a', '1'], ['zh', 'bb', '10']]);
    expect(lines).toEqual(['lang  name   n', '----  ----  --', 'en    a      1', '', 'zh    bb    10']);
  });
});
