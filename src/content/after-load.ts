// When a frame's survey may start: after the page's load event, so that reading the page never delays it. At document
// idle a fast page has often not fired `load` yet, and work done then is work the page waits for.

/**
 * Calls `start` once: at once if the page has loaded, else in a task of its own after the load event (not in a
 * listener of it: the event ends only when its last listener returns, so work done there delays it too; on
 * bench:page's typical page the load event lasted 1.80 ms with LureWatch starting in the listener, 0.10 after it,
 * 0.00 with an empty content script), or after `maxWaitMs` when the load never comes (a last image that never
 * arrives).
 */
export function afterLoad(win: Pick<Window, 'addEventListener' | 'removeEventListener'>, doc: Pick<Document, 'readyState'>, start: () => void, maxWaitMs: number): void {
  if (doc.readyState === 'complete') {
    start();
    return;
  }
  let begun = false;
  const begin = (): void => {
    if (begun) return;
    begun = true;
    clearTimeout(timer);
    win.removeEventListener('load', onLoad);
    start();
  };
  const onLoad = (): void => {
    win.removeEventListener('load', onLoad);
    setTimeout(begin, 0);
  };
  win.addEventListener('load', onLoad);
  const timer = setTimeout(begin, maxWaitMs);
}
