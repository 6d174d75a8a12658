// npm run -s scan -- [--sensitivity low|medium|high] [--format jsonl|text] [--site HOSTNAME] FILE... | -
// Prints what the extension would detect in each document. Exit 0 when the input was read, 2 on bad input.
import { readFileSync } from 'node:fs';
import { detect } from '../src/core/detect.js';
import { shippedPack, type Pack } from '../src/core/pack.js';
import { readDocuments, type InputDocument } from '../src/cli/documents.js';
import { UsageError } from '../src/cli/errors.js';
import { toRecord, toText } from '../src/cli/report.js';
import { SCAN_USAGE, parseScanArgs } from '../src/cli/scan-args.js';

function main(argv: string[], pack: Pack): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SCAN_USAGE);
    return 0;
  }
  try {
    const args = parseScanArgs(argv);
    // Read and check every input first, so a bad file or line prints nothing partial.
    const documents: InputDocument[] = args.files.flatMap((file) => readDocuments(file, () => readFileSync(0, 'utf8')));
    const out: string[] = [];
    for (const document of documents) {
      const detection = detect(document.text, { sensitivity: args.sensitivity, hostname: args.site }, pack);
      out.push(args.format === 'jsonl' ? JSON.stringify(toRecord(document.id, detection)) : toText(document.id, detection));
    }
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`scan: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2), await shippedPack());
