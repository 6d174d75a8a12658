// Arguments of `npm run -s scan -- [--sensitivity low|medium|high] [--format jsonl|text] [--site HOSTNAME] FILE... | -`

import { SENSITIVITIES, type Sensitivity } from '../core/severity.js';
import { UsageError } from './errors.js';
import { kindOf } from './documents.js';

export interface ScanArgs {
  sensitivity: Sensitivity;
  format: 'jsonl' | 'text';
  site: string | undefined;
  files: string[];
}

export const SCAN_USAGE =
  'usage: npm run -s scan -- [--sensitivity low|medium|high] [--format jsonl|text] [--site HOSTNAME] FILE... | -';

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

export function parseScanArgs(argv: readonly string[]): ScanArgs {
  let sensitivity: Sensitivity = 'medium';
  let format: 'jsonl' | 'text' | undefined;
  let site: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value\n${SCAN_USAGE}`);
      return v;
    };
    if (name === '--sensitivity') {
      const v = value();
      if (!(SENSITIVITIES as readonly string[]).includes(v)) {
        throw new UsageError(`--sensitivity must be low, medium or high, not "${v}"\n${SCAN_USAGE}`);
      }
      sensitivity = v as Sensitivity;
    } else if (name === '--format') {
      const v = value();
      if (v !== 'jsonl' && v !== 'text') throw new UsageError(`--format must be jsonl or text, not "${v}"\n${SCAN_USAGE}`);
      format = v;
    } else if (name === '--site') {
      const v = value();
      if (!HOSTNAME.test(v)) throw new UsageError(`--site must be a hostname such as jobs.example.com, not "${v}"`);
      site = v;
    } else if (arg === '--help' || arg === '-h') {
      throw new UsageError(SCAN_USAGE);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}\n${SCAN_USAGE}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError(`no input: name files, or - for standard input\n${SCAN_USAGE}`);
  if (files.includes('-') && files.length > 1) throw new UsageError(`- (standard input) cannot be mixed with files\n${SCAN_USAGE}`);
  format ??= files.every((file) => kindOf(file) === 'jsonl') ? 'jsonl' : 'text';
  return { sensitivity, format, site, files };
}
