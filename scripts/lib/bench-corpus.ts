// The text the matching benchmarks run on: the documents of ../shared/corpus/*.jsonl (outside the repo, never copied
// in), by language, joined with "\n" and repeated as needed to an exact length.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MiB = 1024 * 1024;
export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The corpus's documents by language; throws, naming the folder, when there is none or a language is missing. */
export function readCorpus(): Map<Lang, string[]> {
  const files = existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.jsonl')).sort() : [];
  if (files.length === 0) throw new Error(`no corpus at ${CORPUS_DIR} (expected *.jsonl files there; it lives outside the repo)`);
  const docs = new Map<Lang, string[]>(LANGS.map((lang) => [lang, []]));
  for (const file of files) {
    for (const line of readFileSync(join(CORPUS_DIR, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const doc = JSON.parse(line) as { text?: unknown; lang?: unknown };
      if (typeof doc.text === 'string' && typeof doc.lang === 'string') docs.get(doc.lang as Lang)?.push(doc.text);
    }
  }
  for (const [lang, list] of docs) if (list.length === 0) throw new Error(`no "${lang}" documents in ${CORPUS_DIR}`);
  return docs;
}

/** The documents joined by "\n", starting over from the first as often as needed, cut to exactly `units`. */
export function textOf(docs: string[], units: number): string {
  const parts: string[] = [];
  let length = -1; // the first document has no separator before it
  for (let i = 0; length < units; i = (i + 1) % docs.length) {
    parts.push(docs[i]!);
    length += docs[i]!.length + 1;
  }
  return parts.join('\n').slice(0, units);
}
