// The source-mapped names of bench:page --top: they must point into src/ for the production bundle, and must not be
// used for any other file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build.js';
import { sourceNames } from '../../scripts/lib/bench-names.js';

const out = mkdtempSync(join(tmpdir(), 'lurewatch-bench-names-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('sourceNames', () => {
  it('maps a position in the production content.js back to the source that produced it', async () => {
    const result = await build({ test: false, browsers: ['chrome'], outDir: out, log: () => undefined });
    const file = join(result.dirs.chrome!, 'content.js');
    const names = await sourceNames(file);
    expect(names).not.toBeNull();
    // The banner's custom element name is written once, in the banner module.
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('"lurewatch-banner"'));
    expect(line).toBeGreaterThanOrEqual(0);
    const column = lines[line]!.indexOf('"lurewatch-banner"');
    expect(names!('x', line, column)).toMatch(/\(src\/content\/banner[\w-]*\.ts:\d+\)$/);
  });

  it('declines a content.js that is not what src/ builds now', async () => {
    const other = join(out, 'other.js');
    writeFileSync(other, 'void 0;\n');
    expect(await sourceNames(other)).toBeNull();
  });
});
