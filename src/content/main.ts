// Content-script entry, in every http(s) frame at document idle. A guard keeps a second injection from running
// twice in the same frame.
import { createPagePlatform } from '../platform/page.js';
import { startPage } from './page.js';
import { startPostHints } from './post-hint.js';

const GUARD = Symbol.for('lurewatch.started');
const LOAD_WAIT_MS = 1000;
const scope = globalThis as typeof globalThis & { [GUARD]?: boolean };

if (!scope[GUARD]) {
  scope[GUARD] = true;
  const platform = createPagePlatform();
  // The survey waits for the page's load event (at most LOAD_WAIT_MS), so that reading the page never delays it:
  // at document idle a fast page has often not fired `load` yet, and work done then is work the page waits for.
  let begun = false;
  const begin = (): void => {
    if (begun) return;
    begun = true;
    window.removeEventListener('load', begin);
    startPage(platform, window, document, { openShadow: __LUREWATCH_TEST__, testHooks: __LUREWATCH_TEST__ }).catch((error: unknown) => {
      // A failure here must not break the page; say why in the console for whoever looks.
      console.warn('LureWatch could not start on this page:', error);
    });
  };
  if (document.readyState === 'complete') begin();
  else {
    window.addEventListener('load', begin);
    setTimeout(begin, LOAD_WAIT_MS); // a page whose last image never arrives is read anyway
  }
  // "Think before you post": its own small controller, independent of the page scan (see post-hint.ts).
  startPostHints(platform, window, document, { openShadow: __LUREWATCH_TEST__ }).catch((error: unknown) => {
    console.warn('LureWatch could not start its post hints on this page:', error);
  });
}
