import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { parseBuildArgs } from '../../scripts/lib/build-args.js';

describe('parseBuildArgs', () => {
  it('builds both browsers for production by default', () => {
    expect(parseBuildArgs([])).toEqual({ test: false, browsers: ['chrome', 'firefox'] });
  });

  it('reads --test and --browser in either spelling', () => {
    expect(parseBuildArgs(['--test', '--browser', 'chrome'])).toEqual({ test: true, browsers: ['chrome'] });
    expect(parseBuildArgs(['--browser=firefox'])).toEqual({ test: false, browsers: ['firefox'] });
    expect(parseBuildArgs(['--browser', 'firefox', '--browser', 'chrome', '--browser', 'firefox'])).toEqual({
      test: false,
      browsers: ['firefox', 'chrome'],
    });
  });

  it.each([[['--browser', 'safari']], [['--browser']], [['--browser=']], [['--tset']], [['dist']], [['--test=yes']]])(
    'rejects %j with a usage error',
    (argv) => {
      expect(() => parseBuildArgs(argv)).toThrow(UsageError);
    },
  );
});
