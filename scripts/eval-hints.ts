// npm run -s eval:hints -- PATH...: how often "think before you post" would hint on texts as if they were typed into
// a field, per file and site category. Benign corpus text (forum posts, job ads, SMS) is mostly not about its
// writer, so this measures false hints; it prints counts and rates only, never the text.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readDocuments } from '../src/cli/documents.js';
import { checkDisclosure } from '../src/core/disclosure.js';
import { shippedPack } from '../src/core/pack.js';
import type { SiteCategory } from '../src/core/site.js';

const CATEGORIES: SiteCategory[] = ['other', 'social', 'recruitment'];
const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: npm run -s eval:hints -- PATH... (.jsonl files or folders of them)');
  process.exit(2);
}
let files: string[];
try {
  files = paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path).filter((name) => name.endsWith('.jsonl')).sort().map((name) => join(path, name))
      : [path],
  );
} catch (error) {
  console.error(`eval:hints: ${(error as Error).message}`);
  process.exit(2);
}
const pack = await shippedPack();
const documents = files.map((file) => {
  try {
    return { file, docs: readDocuments(file, () => '') };
  } catch (error) {
    // A bad line stops the command before anything is printed, naming the file and line (src/cli/documents.ts).
    console.error(`eval:hints: ${(error as Error).message}`);
    process.exit(2);
  }
});
console.log(['file', 'label', 'docs', ...CATEGORIES.map((c) => `hints on ${c}`)].join('\t'));
for (const { file, docs } of documents) {
  const byLabel = new Map<string, { docs: number; hints: number[] }>();
  for (const doc of docs) {
    const label = String(doc.fields.label ?? '?');
    const row = byLabel.get(label) ?? { docs: 0, hints: CATEGORIES.map(() => 0) };
    row.docs++;
    CATEGORIES.forEach((category, i) => {
      if (checkDisclosure(doc.text, { category }, pack).level === 'hint') row.hints[i]!++;
    });
    byLabel.set(label, row);
  }
  for (const [label, row] of byLabel) {
    const rates = row.hints.map((n) => `${n} (${((100 * n) / row.docs).toFixed(2)}%)`);
    console.log([file, label, row.docs, ...rates].join('\t'));
  }
}
