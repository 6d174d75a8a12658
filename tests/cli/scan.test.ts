// The scan command's interface, which other tools depend on: outputs, formats and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LURES } from '../fixtures/scenarios.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function scan(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, ['scripts/scan.ts', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
const lure = LURES[0]!.text;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lurewatch-scan-'));
  writeFileSync(join(dir, 'lure.txt'), lure);
  writeFileSync(join(dir, 'quiet.txt'), 'We are hiring a math teacher. Apply on our careers page.');
  writeFileSync(
    join(dir, 'page.html'),
    `<!doctype html><html><head><title>t</title><style>.x{color:red}</style><script>var s = "interest-free loan retired soldiers proof of your military service";</script></head>
     <body><p>${lure.replace(/\n/g, ' ')}</p><div hidden>hidden text</div><div style="display:none">none</div><noscript>no</noscript><template>tpl</template></body></html>`,
  );
  writeFileSync(join(dir, 'hidden-only.html'), `<body><p>Welcome</p><div style="display:none">${lure}</div><script>"${lure.replace(/\n/g, ' ')}"</script></body>`);
  writeFileSync(
    join(dir, 'docs.jsonl'),
    [JSON.stringify({ id: 'a', text: lure, label: 'x' }), '', JSON.stringify({ id: 'b', html: '<p>hello</p>' }), JSON.stringify({ id: 7, text: 'plain' })].join('\n'),
  );
  writeFileSync(join(dir, 'bad.jsonl'), `${JSON.stringify({ id: 'a', text: 'fine' })}\n{"id": "b", "text": \n`);
  writeFileSync(join(dir, 'notext.jsonl'), `${JSON.stringify({ id: 'a', body: 'x' })}\n`);
});

describe('scan', () => {
  it('prints one JSON line per document of a .jsonl file, in order, by default', () => {
    const { status, stdout } = scan([join(dir, 'docs.jsonl')]);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', '7']);
    expect(Object.keys(lines[0]).sort()).toEqual(['banner', 'category', 'evidence', 'families', 'id', 'resembles', 'rules', 'score', 'severity'].sort());
    expect(lines[0].banner).toBe(true);
    expect(lines[0].severity).toMatch(/caution|warning/);
    expect(lines[0].families).toContain('espionage');
    expect(lines[0].evidence[0].quote).toBe(lure.slice(lines[0].evidence[0].start, lines[0].evidence[0].end));
    expect(lines[1]).toMatchObject({ banner: false, severity: 'none', families: [], evidence: [] });
  });

  it('reads HTML as the visible text only', () => {
    const { status, stdout } = scan(['--format', 'jsonl', join(dir, 'page.html'), join(dir, 'hidden-only.html')]);
    expect(status).toBe(0);
    const [page, hidden] = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(page.id).toBe(join(dir, 'page.html'));
    expect(page.banner).toBe(true);
    expect(hidden.banner).toBe(false);
    expect(hidden.rules).toEqual([]);
  });

  it('reads standard input as one text document', () => {
    const { status, stdout } = scan(['--format', 'jsonl', '-'], lure);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: '-', banner: true });
  });

  it('prints text by default for text files, and honours --sensitivity and --site', () => {
    const text = scan([join(dir, 'lure.txt'), join(dir, 'quiet.txt')]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/lure\.txt: (CAUTION|WARNING) \(banner\)/);
    expect(text.stdout).toMatch(/quiet\.txt: NONE/);
    const low = JSON.parse(scan(['--format', 'jsonl', '--sensitivity', 'low', '--site', 'tinder.com', join(dir, 'lure.txt')]).stdout);
    const high = JSON.parse(scan(['--format', 'jsonl', '--sensitivity', 'high', '--site', 'www.lendingclub.com', join(dir, 'lure.txt')]).stdout);
    const rank = (severity: string): number => ['none', 'info', 'caution', 'warning'].indexOf(severity);
    expect(rank(high.severity)).toBeGreaterThanOrEqual(rank(low.severity));
    expect([low.category, high.category]).toEqual(['dating', 'loan']);
  });

  it.each([
    [['--sensitivity', 'extreme', 'x.txt'], /--sensitivity must be low, medium or high/],
    [['--format', 'xml', 'x.txt'], /--format must be jsonl or text/],
    [['--site', 'not a host', 'x.txt'], /--site must be a hostname/],
    [['--bogus', 'x.txt'], /unknown option --bogus/],
    [[], /no input/],
    [['--sensitivity'], /--sensitivity needs a value/],
  ])('exits 2 on bad options %j', (args, message) => {
    const { status, stdout, stderr } = scan(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('exits 2 naming the file for a missing file, and prints nothing', () => {
    const { status, stdout, stderr } = scan([join(dir, 'lure.txt'), join(dir, 'missing.txt')]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${join(dir, 'missing.txt')}: no such file`);
  });

  it('exits 2 naming the file and line of a bad JSON line, and prints nothing', () => {
    const bad = scan([join(dir, 'bad.jsonl')]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(`${join(dir, 'bad.jsonl')}:2: not valid JSON`);
    const noText = scan([join(dir, 'notext.jsonl')]);
    expect(noText.status).toBe(2);
    expect(noText.stderr).toContain(`${join(dir, 'notext.jsonl')}:1: needs a string "text" or "html" field`);
  });

  it('prints usage and exits 0 for --help', () => {
    const { status, stdout } = scan(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain('usage: npm run -s scan --');
  });
});
