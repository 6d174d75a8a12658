// @vitest-environment jsdom
// The change watcher's quiet pause: a page without changes for quietMs stops being observed until the person comes
// back; a page that keeps changing stays observed, however long it runs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeWatcher, DEFAULT_WATCH } from '../../src/content/observer.js';

const QUIET_MS = 1000;

describe('ChangeWatcher quiet pause', () => {
  let watcher: ChangeWatcher;
  const read: string[] = [];
  let rereads = 0;

  beforeEach(() => {
    vi.useFakeTimers();
    document.body.replaceChildren();
    read.length = 0;
    rereads = 0;
    watcher = new ChangeWatcher(
      document,
      (node) => void read.push(node.textContent ?? ''),
      () => undefined,
      () => void rereads++,
      () => false,
      { ...DEFAULT_WATCH, quietMs: QUIET_MS, now: () => Date.now() },
    );
    watcher.start();
  });
  afterEach(() => {
    watcher.stop();
    vi.useRealTimers();
  });

  const add = async (text: string): Promise<void> => {
    const p = document.createElement('p');
    p.textContent = text;
    document.body.append(p);
    await vi.advanceTimersByTimeAsync(0); // the observer's microtask
  };

  it('keeps observing a page that changes more often than quietMs, past quietMs in all', async () => {
    for (let i = 0; i < 5; i++) {
      await add(`message ${i}`);
      await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
    }
    await add('late message');
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCH.delayMs + 1);
    expect(read).toContain('late message');
    expect(rereads).toBe(0);
  });

  it('pauses after quietMs without a change, and reads the page afresh when the person comes back', async () => {
    await add('first');
    await vi.advanceTimersByTimeAsync(QUIET_MS + DEFAULT_WATCH.delayMs);
    expect(read).toEqual(['first']);
    await add('while paused');
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCH.delayMs + 1);
    expect(read).toEqual(['first']);
    document.dispatchEvent(new KeyboardEvent('keydown'));
    expect(rereads).toBe(1);
    await add('after coming back');
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCH.delayMs + 1);
    expect(read).toContain('after coming back');
  });

  it('counts quiet time from the last change: one timer, however many changes', async () => {
    const armed = vi.spyOn(globalThis, 'setTimeout');
    await add('first');
    await vi.advanceTimersByTimeAsync(QUIET_MS * 0.6);
    const before = armed.mock.calls.filter(([, ms]) => ms === QUIET_MS).length;
    for (let i = 0; i < 20; i++) await add(`burst ${i}`);
    expect(armed.mock.calls.filter(([, ms]) => ms === QUIET_MS).length).toBe(before); // no timer per change
    armed.mockRestore();
    // 0.9 of quietMs after the last change: still observing.
    await vi.advanceTimersByTimeAsync(QUIET_MS * 0.9);
    await add('still watched');
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCH.delayMs + 1);
    expect(read).toContain('still watched');
    // quietMs after that change: paused.
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    await add('not watched');
    await vi.advanceTimersByTimeAsync(DEFAULT_WATCH.delayMs + 1);
    expect(read).not.toContain('not watched');
  });
});

