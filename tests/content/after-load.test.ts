// When the survey starts: never inside the page's load event (which ends only when its last listener returns), once,
// and anyway when the load never comes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterLoad } from '../../src/content/after-load.js';

describe('afterLoad', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const page = (readyState: DocumentReadyState) => ({ win: new EventTarget() as unknown as Window, doc: { readyState } });

  it('starts at once on a page that has loaded', () => {
    const { win, doc } = page('complete');
    const start = vi.fn();
    afterLoad(win, doc, start, 1000);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts after the load event, not while it is dispatched, and only once', () => {
    const { win, doc } = page('interactive');
    const start = vi.fn();
    afterLoad(win, doc, start, 1000);
    let duringLoad = -1;
    // The page's own listener, after ours: when it runs, the load event is still being dispatched.
    win.addEventListener('load', () => {
      duringLoad = start.mock.calls.length;
    });
    win.dispatchEvent(new Event('load'));
    expect(duringLoad).toBe(0);
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(start).toHaveBeenCalledTimes(1);
    win.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(5000);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts after the longest wait when the load never comes, and not again when it does', () => {
    const { win, doc } = page('loading');
    const start = vi.fn();
    afterLoad(win, doc, start, 1000);
    vi.advanceTimersByTime(999);
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(start).toHaveBeenCalledTimes(1);
    win.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(10);
    expect(start).toHaveBeenCalledTimes(1);
  });
});
