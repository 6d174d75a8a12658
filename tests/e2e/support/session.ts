// The set-up every end-to-end suite shares, registered as its first beforeAll and its afterAll: check that the
// browser is installed (a missing one fails every test with the install hint; it never skips), take the browser
// lock (suites run one browser at a time, see browser-lock.ts), build the test extension, start what the suite
// serves, launch the browser with the extension. Afterwards everything closes in reverse order, whatever failed
// on the way up, and the lock is released last.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { assertChromiumInstalled } from '../../../scripts/lib/chromium.js';
import { assertFirefoxInstalled, type FirefoxWithExtension } from '../../../scripts/lib/firefox.js';
import { acquireBrowserLock } from './browser-lock.js';
import { buildTestExtension, type BuiltExtension } from './extension-build.js';

interface Closable {
  close(): Promise<void>;
}

export interface SessionOptions<Served extends Closable, Launched extends Closable> {
  browser: 'chrome' | 'firefox';
  /** Starts the suite's servers (one object, closed after the browser). */
  serve: () => Promise<Served>;
  /** Launches the browser with the unpacked test extension at `extensionDir`. */
  launch: (extensionDir: string, served: Served) => Promise<Launched>;
}

export interface Session<Served, Launched> {
  /** What `serve` started. Read in tests and later hooks, once the session's beforeAll has run. */
  readonly served: Served;
  /** The browser `launch` returned. */
  readonly browser: Launched;
}

const SETUP_MS = 600_000;

export function browserSession<Served extends Closable, Launched extends Closable>(
  options: SessionOptions<Served, Launched>,
): Session<Served, Launched> {
  let release: (() => void) | undefined;
  let extension: BuiltExtension | undefined;
  let served: Served | undefined;
  let launched: Launched | undefined;

  beforeAll(async () => {
    if (options.browser === 'chrome') assertChromiumInstalled();
    else assertFirefoxInstalled();
    release = await acquireBrowserLock();
    extension = await buildTestExtension(options.browser);
    served = await options.serve();
    launched = await options.launch(extension.dir, served);
  }, SETUP_MS);

  afterAll(async () => {
    try {
      await launched?.close();
      await served?.close();
    } finally {
      extension?.remove();
      release?.();
    }
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e session's ${what} was read before its set-up finished (or it failed)`);
    return value;
  };
  return {
    get served() {
      return ready(served, 'servers');
    },
    get browser() {
      return ready(launched, 'browser');
    },
  };
}

/**
 * When a test fails, prints the lines `log()` gained while it ran (what the content script and the pages logged,
 * "LureWatch could not start on this page: ..." and the like): the quickest way from a red test to the cause.
 */
export function showLogOnFailure(title: string, log: () => readonly string[]): void {
  beforeEach(({ onTestFailed }) => {
    const mark = log().length;
    onTestFailed(() => {
      const lines = log().slice(mark);
      if (lines.length > 0) console.log(`${title} during this test:\n${lines.join('\n')}`);
    });
  });
}

/** Firefox's console as lines for showLogOnFailure (none while the browser is not up). */
export function firefoxConsole(firefox: () => FirefoxWithExtension | undefined): () => string[] {
  return () => firefox()?.logs.map((entry) => `  [${entry.level}] ${entry.text} (${entry.url ?? 'no stack'})`) ?? [];
}
