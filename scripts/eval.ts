// npm run -s eval -- [--sensitivity low|medium|high] [--json FILE] [--show-flagged] [--show-missed] PATH...
// PATH: .jsonl files or folders of them: corpus files with `label`, or labelled lure files with `expect`
// (../shared/corpus/README.md). The shared dev files are reported in two parts: worked-from and held out.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readDocuments } from '../src/cli/documents.js';
import { UsageError } from '../src/cli/errors.js';
import {
  evaluate,
  evaluateExpected,
  formatExpectTable,
  formatMistakes,
  formatTable,
  isExpectFile,
  type EvalRow,
  type ExpectRow,
  type Mistake,
} from '../src/cli/evaluate.js';
import { SENSITIVITIES, type Sensitivity } from '../src/core/severity.js';
import { shippedPack, type Pack } from '../src/core/pack.js';

const USAGE = 'usage: npm run -s eval -- [--sensitivity low|medium|high] [--json FILE] [--show-flagged] [--show-missed] PATH...';

function jsonlFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`${path}: no such file or folder`);
  }
  if (!stat.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) throw new UsageError(`${path}: no .jsonl files in this folder`);
  return files;
}

function main(argv: string[], pack: Pack): number {
  let sensitivity: Sensitivity = 'medium';
  let json: string | undefined;
  let showFlagged = false;
  let showMissed = false;
  const paths: string[] = [];
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--json') {
        json = argv[++i];
        if (!json) throw new UsageError(`--json needs a file name\n${USAGE}`);
      } else if (arg === '--sensitivity') {
        const v = argv[++i];
        if (!v || !(SENSITIVITIES as readonly string[]).includes(v)) {
          throw new UsageError(`--sensitivity must be low, medium or high\n${USAGE}`);
        }
        sensitivity = v as Sensitivity;
      } else if (arg === '--show-flagged') {
        showFlagged = true;
      } else if (arg === '--show-missed') {
        showMissed = true;
      } else if (arg === '--help' || arg === '-h') {
        console.log(USAGE);
        return 0;
      } else if (arg.startsWith('--')) {
        throw new UsageError(`unknown option ${arg}\n${USAGE}`);
      } else {
        paths.push(arg);
      }
    }
    if (paths.length === 0) throw new UsageError(`name at least one .jsonl file or folder\n${USAGE}`);
    const files = paths.flatMap(jsonlFiles);
    const loaded = files.map((file) => ({ file, documents: readDocuments(file, () => '') }));
    const rows: EvalRow[] = [];
    const expectRows: ExpectRow[] = [];
    const mistakes: Mistake[] = [];
    for (const { file, documents } of loaded) {
      const name = relative(process.cwd(), file);
      if (isExpectFile(documents)) {
        const result = evaluateExpected(name, documents, sensitivity, pack);
        expectRows.push(...result.rows);
        mistakes.push(...result.mistakes);
      } else {
        rows.push(...evaluate(name, documents, sensitivity, pack));
      }
    }
    console.log(`sensitivity ${sensitivity}`);
    if (rows.length > 0) console.log(formatTable(rows));
    if (expectRows.length > 0) {
      if (rows.length > 0) console.log('');
      console.log(formatExpectTable(expectRows));
    }
    if (showFlagged) {
      for (const row of rows) if (row.flagged.length > 0) console.log(`${row.file} ${row.label}: ${row.flagged.join(' ')}`);
    }
    if (showMissed && mistakes.length > 0) console.log(`\n${formatMistakes(mistakes)}`);
    if (json) {
      const figures = rows.map(({ flagged, ...figures }) => ({ ...figures, flagged: flagged.length }));
      writeFileSync(json, `${JSON.stringify({ sensitivity, rows: figures, expected: expectRows }, null, 2)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`eval: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2), await shippedPack());
