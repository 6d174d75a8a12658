// Arguments of `npm run build -- [--test] [--browser chrome|firefox]`.
import { UsageError } from '../../src/cli/errors.js';
import { BROWSERS, type Browser } from './manifest.js';

export interface BuildArgs {
  test: boolean;
  browsers: Browser[];
}

export const BUILD_USAGE = 'usage: npm run build -- [--test] [--browser chrome|firefox]   (default: both browsers)';

export function parseBuildArgs(argv: readonly string[]): BuildArgs {
  let test = false;
  const browsers: Browser[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (name === '--test' && inline === undefined) {
      test = true;
    } else if (name === '--browser') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--browser needs a value\n${BUILD_USAGE}`);
      if (!(BROWSERS as readonly string[]).includes(value)) {
        throw new UsageError(`--browser must be chrome or firefox, not "${value}"\n${BUILD_USAGE}`);
      }
      if (!browsers.includes(value as Browser)) browsers.push(value as Browser);
    } else if (name === '--help' || name === '-h') {
      throw new UsageError(BUILD_USAGE);
    } else {
      throw new UsageError(`unknown argument "${arg}"\n${BUILD_USAGE}`);
    }
  }
  return { test, browsers: browsers.length > 0 ? browsers : [...BROWSERS] };
}
