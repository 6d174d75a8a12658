import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { DEFAULT_RUNS, PAGE_NAMES, parseBenchPageArgs } from '../../scripts/lib/bench-args.js';

describe('parseBenchPageArgs', () => {
  it('measures every page with the default number of loads when given nothing', () => {
    expect(parseBenchPageArgs([])).toEqual({ pages: [...PAGE_NAMES], runs: DEFAULT_RUNS, extensionDir: null, top: 0 });
  });

  it('reads a page list in the canonical order, each page once, in either spelling', () => {
    expect(parseBenchPageArgs(['--pages', 'chat,typical']).pages).toEqual(['typical', 'chat']);
    expect(parseBenchPageArgs(['--pages=typing, mb,typing']).pages).toEqual(['mb', 'typing']);
  });

  it('reads --runs, --top and --extension', () => {
    expect(parseBenchPageArgs(['--runs', '4', '--top=5', '--extension', 'dist/chrome'])).toEqual({
      pages: [...PAGE_NAMES],
      runs: 4,
      extensionDir: 'dist/chrome',
      top: 5,
    });
  });

  it.each([
    [['--pages', 'typical,nope'], /unknown page "nope"/],
    [['--pages'], /needs a value/],
    [['--pages='], /needs a value/],
    [['--pages', '--runs', '3'], /needs a value/],
    [['--runs', '0'], /between 1 and 200/],
    [['--runs', '1.5'], /whole number/],
    [['--runs', '-3'], /whole number/],
    [['--runs', '201'], /between 1 and 200/],
    [['--top', 'x'], /whole number/],
    [['--fast'], /unknown argument "--fast"/],
    [['typical'], /unknown argument "typical"/],
    [['--help'], /usage: npm run -s bench:page/],
  ])('rejects %j with a usage error that says why', (argv, message) => {
    expect(() => parseBenchPageArgs(argv)).toThrow(UsageError);
    expect(() => parseBenchPageArgs(argv)).toThrow(message);
  });
});
