// The copied report (src/report.ts): what it names, what it leaves out, and the person's choices in it.
import { describe, expect, it } from 'vitest';
import { MAX_NOTE_CHARS, MAX_QUOTE_CHARS, reportText, type ReportFacts } from '../src/report.js';

const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({
  kind: 'false-alarm',
  where: 'banner',
  severity: 'warning',
  rules: ['offer-interest-free-loan-en', 'target-veteran-en', 'offer-interest-free-loan-en'],
  concepts: ['offer', 'target', 'offer'],
  quotes: null,
  version: '1.2.3',
  ...over,
});

describe('reportText', () => {
  it('names the kind, the version, the severity, the rule ids and the concept ids, each once and in order', () => {
    expect(reportText(facts())).toBe(
      [
        'LureWatch report: false alarm',
        'Version: 1.2.3',
        'About: banner',
        'Severity: warning',
        'Rules: offer-interest-free-loan-en, target-veteran-en',
        'Concepts: offer, target',
        '',
      ].join('\n'),
    );
  });

  it('quotes the evidence only when the person chose to, one line each and cut short', () => {
    expect(reportText(facts())).not.toMatch(/Quoted|interest-free loan"/);
    const long = `line one\nline two ${'x'.repeat(400)}`;
    const text = reportText(facts({ quotes: ['interest-free loan', long] }));
    expect(text).toContain('Quoted evidence:\n- "interest-free loan"\n- "line one line two x');
    const quoted = text.split('\n').find((line) => line.startsWith('- "line one'))!;
    expect(quoted.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS + 4);
    expect(quoted.endsWith('…"')).toBe(true);
  });

  it('a missed lure with nothing found says so, and carries the note, trimmed and bounded', () => {
    const text = reportText(facts({ kind: 'missed-lure', where: 'popup', severity: null, rules: [], concepts: [], note: `  asked for my unit\n${'n'.repeat(5000)}  ` }));
    expect(text).toMatch(/^LureWatch report: missed lure\n/);
    expect(text).toContain('Severity: nothing found');
    expect(text).not.toContain('Rules:');
    expect(text).toContain('Note:\nasked for my unit\n');
    expect(text.length).toBeLessThan(MAX_NOTE_CHARS + 200);
  });

  it('never holds an address: nothing in the facts carries one, and ids cannot smuggle line breaks', () => {
    const text = reportText(facts({ rules: ['a\nVersion: 9'], concepts: [] }));
    expect(text).toContain('Rules: a Version: 9');
    expect(text).toContain('Concepts: none');
    expect(text.split('\n').filter((line) => line.startsWith('Version:'))).toEqual(['Version: 1.2.3']);
  });
});
