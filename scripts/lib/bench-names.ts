// Readable names for `bench:page --top`: the production content.js is minified ("tt (content.js:1)" says little), so
// the benchmark bundles the content script once more with the production options and a source map, and uses the map
// only if that bundle is byte for byte the file it measured. Otherwise it keeps the minified names.
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleOptions, ROOT } from '../build.js';

interface SourceMap {
  sources: string[];
  names: string[];
  mappings: string;
}

/** One mapping: generated column -> original source, line (0-based) and name. */
interface Segment {
  column: number;
  source: number;
  line: number;
  name: number | null;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one line of a source map's "mappings" (Base64 VLQ); `state` carries source, line and name across lines. */
function decodeLine(text: string, state: { source: number; line: number; name: number }): Segment[] {
  const segments: Segment[] = [];
  let column = 0;
  for (const part of text.split(',')) {
    if (part === '') continue;
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of part) {
      const digit = BASE64.indexOf(char);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += values[0] ?? 0;
    if (values.length < 4) continue;
    state.source += values[1]!;
    state.line += values[2]!;
    let name: number | null = null;
    if (values.length >= 5) name = state.name += values[4]!;
    segments.push({ column, source: state.source, line: state.line, name });
  }
  return segments;
}

export type NameOf = (functionName: string, line: number, column: number) => string;

/**
 * A namer for frames of `contentJsPath`, or null when the source-mapped bundle differs from it (another build, other
 * options): then the minified names stay.
 */
export async function sourceNames(contentJsPath: string): Promise<NameOf | null> {
  const result = await esbuild({
    ...bundleOptions(false),
    entryPoints: { content: join(ROOT, 'src/content/main.ts') },
    sourcemap: 'external',
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'))?.text;
  const measured = readFileSync(contentJsPath, 'utf8');
  // esbuild adds a "//# sourceMappingURL=" comment to the mapped bundle; the rest must match exactly.
  if (!map || code.replace(/\/\/# sourceMappingURL=\S+\s*$/, '') !== measured) return null;
  const parsed = JSON.parse(map) as SourceMap;
  const state = { source: 0, line: 0, name: 0 };
  const lines = parsed.mappings.split(';').map((text) => decodeLine(text, state));
  return (functionName, line, column) => {
    const segments = lines[line] ?? [];
    let best: Segment | null = null;
    for (const segment of segments) {
      if (segment.column > column) break;
      best = segment;
    }
    if (!best) return functionName;
    const source = relative(ROOT, join(ROOT, 'out', parsed.sources[best.source] ?? '?'));
    // The mapping nearest the function's start usually carries its original name; if not, the minified one stays.
    const name = (best.name !== null ? parsed.names[best.name] : undefined) || functionName || '(anonymous)';
    return `${name} (${source}:${best.line + 1})`;
  };
}
