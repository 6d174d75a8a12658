// No lost update, property-tested: any mix of changes from the popup and from pages, all in flight at once, ends in
// exactly the settings that applying them one after another gives, and a failed write in the middle costs only
// that one change.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/service.js';
import { applyChange, type SettingsChange } from '../../src/settings/change.js';
import { DEFAULTS, repairSettings, type Settings } from '../../src/settings/schema.js';
import { FakeBrowser } from '../helpers/fake-platform.js';

const change: fc.Arbitrary<SettingsChange> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), values: fc.record({ sensitivity: fc.constantFrom('low' as const, 'medium' as const, 'high' as const) }) }),
  fc.record({ kind: fc.constant('set' as const), values: fc.record({ position: fc.constantFrom('top' as const, 'bottom' as const) }) }),
  fc.record({ kind: fc.constant('set' as const), values: fc.record({ enabled: fc.boolean() }) }),
  fc.record({ kind: fc.constant('set' as const), values: fc.record({ families: fc.record({ espionage: fc.boolean(), fraud: fc.boolean() }) }) }),
  fc.record({ kind: fc.constant('site' as const), host: fc.constantFrom('a.example', 'b.example', 'c.example'), disabled: fc.boolean() }),
);
/** Who sends each change: the popup, or the content script of one of two tabs. */
const sender = fc.constantFrom('popup', 'tab 1', 'tab 2');

afterEach(() => vi.restoreAllMocks());

describe('background settings queue', () => {
  it('applies concurrent changes from popup and tabs exactly as if one after another', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(sender, change), { minLength: 2, maxLength: 12 }), async (sends) => {
        const browser = new FakeBrowser();
        browser.seed({ settings: { ...DEFAULTS } });
        startBackground(browser.platform());
        const contexts = {
          popup: browser.platform({ kind: 'extension', url: 'popup.html' }),
          'tab 1': browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: 'https://a.example/' }),
          'tab 2': browser.platform({ kind: 'content', tabId: 2, frameId: 0, url: 'https://b.example/' }),
        };
        // All sent before any is answered.
        await Promise.all(sends.map(([who, c]) => contexts[who].runtime.sendMessage({ type: 'settings-change', change: c })));
        const expected = sends.reduce<Settings>((settings, [, c]) => applyChange(settings, c), repairSettings(undefined).settings);
        expect(browser.storage.get('settings')).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('a write that fails mid-stream loses that change only, and its sender hears about it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 2, maxLength: 8 }), fc.nat(), async (changes, pick) => {
        const failing = pick % changes.length;
        const browser = new FakeBrowser();
        browser.seed({ settings: { ...DEFAULTS } });
        startBackground(browser.platform());
        const popup = browser.platform({ kind: 'extension', url: 'popup.html' });
        // The queue writes once per change, in order: the chosen change's write is the one that fails.
        browser.failWriteAt = { index: browser.writesAttempted + failing, message: 'IO error: the profile is locked' };
        const outcomes = await Promise.all(
          changes.map((c) => popup.runtime.sendMessage({ type: 'settings-change', change: c }).then(() => 'saved', () => 'failed')),
        );
        expect(outcomes).toEqual(changes.map((_, i) => (i === failing ? 'failed' : 'saved')));
        const expected = changes.reduce<Settings>(
          (settings, c, i) => (i === failing ? settings : applyChange(settings, c)),
          repairSettings(undefined).settings,
        );
        expect(browser.storage.get('settings')).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
