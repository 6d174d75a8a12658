// npm run -s eval:hints -- [--show-missed] PATH...: how often "think before you post" would hint on texts as if they
// were typed into a field. Labelled disclosure files (expect: hint | quiet, site): the share of disclosures hinted
// and of quiet texts hinted, per file, language and site, with --show-missed listing the ids and first words of the
// mistakes (never for the held-out third of the shared dev files). Corpus files: counts and rates only, as if typed
// on an ordinary, a social and a job site; their text is never printed.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readDocuments } from '../src/cli/documents.js';
import { CORPUS_SITES, countCorpusHints, evaluateHints, isDisclosureFile, type HintMistake, type HintRow } from '../src/cli/evaluate-hints.js';
import { shippedPack } from '../src/core/pack.js';

const USAGE = 'usage: npm run -s eval:hints -- [--show-missed] PATH... (.jsonl files or folders of them)';
const args = process.argv.slice(2);
const showMissed = args.includes('--show-missed');
const unknown = args.find((arg) => arg.startsWith('--') && arg !== '--show-missed');
const paths = args.filter((arg) => !arg.startsWith('--'));
if (unknown || paths.length === 0) {
  console.error(`eval:hints: ${unknown ? `unknown option ${unknown}` : 'name at least one .jsonl file or folder'}\n${USAGE}`);
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
const loaded = files.map((file) => {
  try {
    return { file: relative(process.cwd(), file), docs: readDocuments(file, () => '') };
  } catch (error) {
    // A bad line stops the command before anything is printed, naming the file and line (src/cli/documents.ts).
    console.error(`eval:hints: ${(error as Error).message}`);
    process.exit(2);
  }
});
const percent = (n: number, of: number): string => (of === 0 ? '-' : `${n}/${of} ${((100 * n) / of).toFixed(1)}%`);
const labelled: HintRow[] = [];
const mistakes: HintMistake[] = [];
const corpus: string[][] = [];
for (const { file, docs } of loaded) {
  if (isDisclosureFile(docs)) {
    const result = evaluateHints(file, docs, pack);
    labelled.push(...result.rows);
    mistakes.push(...result.mistakes);
  } else {
    for (const row of countCorpusHints(file, docs, pack)) {
      corpus.push([row.file, row.label, String(row.documents), ...row.hints.map((n) => percent(n, row.documents))]);
    }
  }
}
const table = (header: string[], body: string[][]): string => {
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...body.map((line) => line[i]!.length)));
  const render = (line: string[]): string => line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...body.map(render)].join('\n');
};
if (labelled.length > 0) {
  console.log(table(['file', 'part', 'group', 'disclosures hinted', 'quiet texts hinted'], labelled.map((r) => [r.file, r.part, r.group, percent(r.hint.hinted, r.hint.texts), percent(r.quiet.hinted, r.quiet.texts)])));
}
if (corpus.length > 0) {
  if (labelled.length > 0) console.log('');
  console.log(table(['file', 'label', 'docs', ...CORPUS_SITES.map((c) => `hints as typed on ${c}`)], corpus));
}
if (showMissed && mistakes.length > 0) {
  console.log('');
  for (const m of mistakes) {
    console.log(`${m.file} ${m.part} ${m.id} ${m.expect === 'hint' ? 'missed' : 'false hint'} [${m.score}]: ${m.part === 'holdout' ? '(held out: not shown)' : m.opening}`);
  }
}
