// Content-script entry, in every http(s) frame at document idle. A guard keeps a second injection from running
// twice in the same frame.
import { createPagePlatform } from '../platform/page.js';
import { afterLoad } from './after-load.js';
import { startPage } from './page.js';
import { startPostHints } from './post-hint.js';

const GUARD = Symbol.for('lurewatch.started');
/** The longest the survey waits for the page's load event. */
const LOAD_WAIT_MS = 1000;
const scope = globalThis as typeof globalThis & { [GUARD]?: boolean };

if (!scope[GUARD]) {
  scope[GUARD] = true;
  const platform = createPagePlatform();
  afterLoad(window, document, () => {
    startPage(platform, window, document, { openShadow: __LUREWATCH_TEST__, testHooks: __LUREWATCH_TEST__ }).catch((error: unknown) => {
      // A failure here must not break the page; say why in the console for whoever looks.
      console.warn('LureWatch could not start on this page:', error);
    });
  }, LOAD_WAIT_MS);
  // "Think before you post": its own small controller, independent of the page scan (see post-hint.ts).
  startPostHints(platform, window, document, { openShadow: __LUREWATCH_TEST__ }).catch((error: unknown) => {
    console.warn('LureWatch could not start its post hints on this page:', error);
  });
}
