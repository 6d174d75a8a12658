// The messages of "Was this wrong?", validated like every message that crosses a context boundary.
import { describe, expect, it } from 'vitest';
import { parseFieldHint, parseReport, parseToBackground } from '../src/messages.js';

const PAGE = '0123456789abcdef';

describe('dismiss messages', () => {
  it('carry a false-alarm flag, false when absent', () => {
    expect(parseToBackground({ type: 'dismiss', page: PAGE, score: 4 })).toEqual({ type: 'dismiss', page: PAGE, score: 4, wrong: false });
    expect(parseToBackground({ type: 'dismiss', page: PAGE, score: 4, wrong: true })).toEqual({ type: 'dismiss', page: PAGE, score: 4, wrong: true });
  });

  it('refuse a flag that is not a boolean, an address in place of the hash, and a bad score', () => {
    expect(parseToBackground({ type: 'dismiss', page: PAGE, score: 4, wrong: 'yes' })).toBeNull();
    expect(parseToBackground({ type: 'dismiss', page: 'https://x.example/', score: 4, wrong: true })).toBeNull();
    expect(parseToBackground({ type: 'dismiss', page: PAGE, score: Number.NaN, wrong: true })).toBeNull();
  });
});

describe('field hints', () => {
  const hint = { kind: 'clearance', quote: 'TS/SCI clearance', why: { en: 'w', zh: 'w' }, safer: { en: 's', zh: 's' }, score: 4, rules: ['disclose-clearance-en'] };

  it('carry the score a mark is kept with and the rule ids a report names', () => {
    expect(parseFieldHint(hint)).toEqual(hint);
  });

  it('are refused without them, or with rules that are not a short list of strings', () => {
    expect(parseFieldHint({ ...hint, score: undefined })).toBeNull();
    expect(parseFieldHint({ ...hint, rules: 'disclose-clearance-en' })).toBeNull();
    expect(parseFieldHint({ ...hint, rules: [7] })).toBeNull();
    expect(parseFieldHint({ ...hint, rules: Array.from({ length: 51 }, () => 'r') })).toBeNull();
  });
});

describe('page reports', () => {
  it('may say the banner stays away because of a false-alarm mark', () => {
    const report = {
      host: 'x.example',
      category: 'other',
      severity: 'caution',
      score: 5,
      families: ['fraud'],
      resembles: null,
      evidence: [],
      rules: [],
      quietBecause: 'false-alarm',
    };
    expect(parseReport(report)?.quietBecause).toBe('false-alarm');
    expect(parseReport({ ...report, quietBecause: 'wrong' })).toBeNull();
  });
});
