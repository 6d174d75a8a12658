// @vitest-environment jsdom
// The change watcher under a page that changes faster than it is read: the backlog is bounded, and what was read
// is scored regularly even while the backlog never empties.
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeWatcher, DEFAULT_WATCH, type ChangeWatcherOptions } from '../../src/content/observer.js';

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let watcher: ChangeWatcher | undefined;
afterEach(() => watcher?.stop());

interface Seen {
  read: number;
  settled: number;
  rereads: number;
}

/** A watcher whose reading is slow: each node read advances the clock by `readCostMs`. */
function watch(options: Partial<ChangeWatcherOptions>, readCostMs: number): Seen {
  let clock = 0;
  const seen: Seen = { read: 0, settled: 0, rereads: 0 };
  watcher = new ChangeWatcher(
    document,
    () => {
      seen.read++;
      clock += readCostMs;
    },
    () => seen.settled++,
    () => seen.rereads++,
    () => false,
    { ...DEFAULT_WATCH, delayMs: 1, now: () => clock, ...options },
  );
  watcher.start();
  return seen;
}

function addParagraphs(count: number): void {
  for (let i = 0; i < count; i++) {
    const p = document.createElement('p');
    p.textContent = `message ${i}`;
    document.body.append(p);
  }
}

describe('ChangeWatcher under a mutation storm', () => {
  it('scores what it has read at regular intervals while the backlog never empties', async () => {
    document.body.replaceChildren();
    // Slices of 4 ms, 1 ms per node: 4 nodes per slice, while the page adds 50 between slices.
    const seen = watch({ sliceMs: 4, settleEveryMs: 20, maxQueued: 100_000 }, 1);
    for (let round = 0; round < 10; round++) {
      addParagraphs(50);
      await wait(5);
    }
    expect(seen.read).toBeGreaterThan(0);
    expect(seen.settled, 'never scored while the backlog lasted').toBeGreaterThan(0);
  });

  it('trades a backlog that only grows for one fresh survey of the page', async () => {
    document.body.replaceChildren();
    const seen = watch({ sliceMs: 4, maxQueued: 60 }, 1);
    for (let round = 0; round < 10; round++) {
      addParagraphs(50);
      await wait(5);
    }
    expect(seen.rereads, 'the backlog grew without bound').toBeGreaterThan(0);
  });
});
