// Dismissals and false-alarm marks (src/records.ts): kept as a hash of the page with a score, stronger findings
// come back, and damaged stored records are repaired entry by entry without losing the valid ones.
import { describe, expect, it } from 'vitest';
import { addDismissal, DISMISSED_KEY, dismissalOf, dismissedScore, hintPageKey, keptAway, pageKey, STRONGER_BY } from '../src/records.js';
import { FakeBrowser } from './helpers/fake-platform.js';

const NOW = Date.UTC(2026, 4, 1);
const PAGE = pageKey('https://loans.example/offer?id=7');

describe('false-alarm marks', () => {
  it('are stored like a dismissal: the page hash, the score, the time, and the flag; nothing of the address', async () => {
    const browser = new FakeBrowser();
    const platform = browser.platform();
    await addDismissal(platform, PAGE, 9, NOW, true);
    const stored = browser.storage.get(DISMISSED_KEY);
    expect(stored).toEqual({ [PAGE]: { score: 9, at: NOW, wrong: true } });
    expect(JSON.stringify(stored)).not.toMatch(/loans|example|offer/);
    expect(dismissalOf(stored, PAGE)).toEqual({ score: 9, at: NOW, wrong: true });
  });

  it('outlive a later plain dismissal of the same page, and plain dismissals stay unflagged', async () => {
    const browser = new FakeBrowser();
    const platform = browser.platform();
    await addDismissal(platform, PAGE, 9, NOW, true);
    await addDismissal(platform, PAGE, 10, NOW + 1);
    const other = pageKey('https://other.example/');
    await addDismissal(platform, other, 4, NOW + 2);
    const stored = browser.storage.get(DISMISSED_KEY) as Record<string, unknown>;
    expect(stored[PAGE]).toEqual({ score: 10, at: NOW + 1, wrong: true });
    expect(stored[other]).toEqual({ score: 4, at: NOW + 2 });
  });

  it('follow the "stronger by" rule of dismissals', () => {
    expect(keptAway(null, 100)).toBe(false);
    expect(keptAway(9, 9)).toBe(true);
    expect(keptAway(9, 9 + STRONGER_BY - 0.01)).toBe(true);
    expect(keptAway(9, 9 + STRONGER_BY)).toBe(false);
  });

  it('of a post hint never silence the banner of the same page', () => {
    const url = 'https://forum.example/thread/1';
    expect(hintPageKey(url)).toMatch(/^[0-9a-f]{16}$/);
    expect(hintPageKey(url)).not.toBe(pageKey(url));
  });
});

describe('stored dismissals, repaired', () => {
  it('keep every valid entry, old ones without the flag included, and read a damaged flag as a plain dismissal', async () => {
    const good = pageKey('https://a.example/');
    const flagged = pageKey('https://b.example/');
    const odd = pageKey('https://c.example/');
    const stored = {
      [good]: { score: 5, at: NOW },
      [flagged]: { score: 7, at: NOW, wrong: true },
      [odd]: { score: 6, at: NOW, wrong: 'yes' },
      'not-a-hash': { score: 1, at: NOW },
      ['f'.repeat(16)]: { score: 'high', at: NOW },
      ['e'.repeat(16)]: null,
    };
    expect(dismissalOf(stored, good)).toEqual({ score: 5, at: NOW, wrong: false });
    expect(dismissalOf(stored, flagged)?.wrong).toBe(true);
    expect(dismissalOf(stored, odd)).toEqual({ score: 6, at: NOW, wrong: false });
    expect(dismissedScore(stored, 'f'.repeat(16))).toBeNull();
    expect(dismissalOf('garbage', good)).toBeNull();

    // The next write keeps the valid entries as they were and drops only what could not be read.
    const browser = new FakeBrowser();
    browser.seed({ [DISMISSED_KEY]: stored });
    const added = pageKey('https://d.example/');
    await addDismissal(browser.platform(), added, 3, NOW + 5, true);
    expect(browser.storage.get(DISMISSED_KEY)).toEqual({
      [added]: { score: 3, at: NOW + 5, wrong: true },
      [good]: { score: 5, at: NOW },
      [flagged]: { score: 7, at: NOW, wrong: true },
      [odd]: { score: 6, at: NOW },
    });
  });
});
