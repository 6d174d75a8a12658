// Arguments of `npm run -s bench:page -- [--pages a,b] [--runs N] [--extension DIR] [--top N]`.
import { UsageError } from '../../src/cli/errors.js';

/** The generated pages, in the order they run. */
export const PAGE_NAMES = ['typical', 'mb', 'dom20k', 'dom200k', 'chat', 'raf', 'typing'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export interface BenchPageArgs {
  pages: PageName[];
  /** Page loads per browser for the load-time comparison (alternated between the two browsers). */
  runs: number;
  /** An unpacked production build to measure instead of building one (the folder holding manifest.json). */
  extensionDir: string | null;
  /** Print the extension's N costliest functions (self time) per page; 0 = none. */
  top: number;
}

export const DEFAULT_RUNS = 11;
const MAX_RUNS = 200;

export const BENCH_PAGE_USAGE =
  'usage: npm run -s bench:page -- [--pages ' +
  PAGE_NAMES.join(',') +
  `] [--runs N (1-${MAX_RUNS}, default ${DEFAULT_RUNS})] [--extension DIR] [--top N]`;

export function parseBenchPageArgs(argv: readonly string[]): BenchPageArgs {
  const args: BenchPageArgs = { pages: [...PAGE_NAMES], runs: DEFAULT_RUNS, extensionDir: null, top: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) {
        throw new UsageError(`${name} needs a value\n${BENCH_PAGE_USAGE}`);
      }
      return v;
    };
    if (name === '--pages') args.pages = parsePages(value());
    else if (name === '--runs') args.runs = parseCount('--runs', value(), 1, MAX_RUNS);
    else if (name === '--top') args.top = parseCount('--top', value(), 0, 100);
    else if (name === '--extension') args.extensionDir = value();
    else if (name === '--help' || name === '-h') throw new UsageError(BENCH_PAGE_USAGE);
    else throw new UsageError(`unknown argument "${arg}"\n${BENCH_PAGE_USAGE}`);
  }
  return args;
}

function parsePages(list: string): PageName[] {
  const wanted = list.split(',').map((name) => name.trim());
  const unknown = wanted.filter((name) => !(PAGE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`--pages: unknown page ${unknown.map((n) => JSON.stringify(n)).join(', ')}; choose from ${PAGE_NAMES.join(', ')}\n${BENCH_PAGE_USAGE}`);
  }
  // Always in the canonical order, each once, whatever order they were asked in.
  return PAGE_NAMES.filter((name) => wanted.includes(name));
}

function parseCount(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number, not "${text}"\n${BENCH_PAGE_USAGE}`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, not ${n}\n${BENCH_PAGE_USAGE}`);
  return n;
}
