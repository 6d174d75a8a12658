// The person's choices as a page reads them: only when asked, by page key, and never stale after a change.
import { describe, expect, it } from 'vitest';
import { PageChoices } from '../../src/content/choices.js';
import type { PagePlatform } from '../../src/platform/types.js';
import { DISMISSED_KEY, pageKey } from '../../src/records.js';
import { DEFAULTS, isSiteDisabled } from '../../src/settings/schema.js';
import { SETTINGS_KEY } from '../../src/settings/store.js';
import { FakeBrowser } from '../helpers/fake-platform.js';

const pageA = pageKey('https://forum.example/a');
const pageB = pageKey('https://forum.example/b');

/** A page platform whose storage reads wait until `release` is called, counting them. */
function held(browser: FakeBrowser): { platform: PagePlatform; reads: string[]; release: () => void } {
  const platform = browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: 'https://forum.example/a' });
  const reads: string[] = [];
  let open!: () => void;
  let gate = new Promise<void>((resolve) => (open = resolve));
  return {
    reads,
    release: () => {
      open();
      gate = Promise.resolve();
    },
    platform: {
      ...platform,
      storage: {
        ...platform.storage,
        get: async (key) => {
          reads.push(key);
          const value = await platform.storage.get(key); // read now: what storage held when asked
          await gate;
          return value;
        },
      },
    },
  };
}

describe('PageChoices', () => {
  it('reads nothing until asked, then settings and this page’s dismissal, and again only for another page', async () => {
    const browser = new FakeBrowser();
    browser.seed({ [SETTINGS_KEY]: { ...DEFAULTS, position: 'bottom' }, [DISMISSED_KEY]: { [pageA]: { score: 7, at: Date.now() } } });
    const { platform, reads, release } = held(browser);
    release();
    let page = pageA;
    const choices = new PageChoices(platform, () => page);
    expect(choices.ready).toBe(false);
    expect(() => choices.current).toThrow(/before they were read/);
    expect(reads).toEqual([]);

    await choices.read();
    expect(choices.ready).toBe(true);
    expect(choices.current.position).toBe('bottom');
    expect(choices.dismissedAt).toBe(7);

    // A single-page app moved on: the settings hold, the new page's dismissal is read.
    page = pageB;
    expect(choices.ready).toBe(false);
    expect(choices.dismissedAt).toBeNull();
    await choices.read();
    expect(reads).toEqual([SETTINGS_KEY, DISMISSED_KEY, DISMISSED_KEY]);
    expect(choices.dismissedAt).toBeNull();
    choices.dismiss(9);
    expect(choices.dismissedAt).toBe(9);
  });

  it('a read begun before a settings change does not pass for fresh', async () => {
    const browser = new FakeBrowser();
    browser.seed({ [SETTINGS_KEY]: { ...DEFAULTS, position: 'top' } });
    const { platform, release } = held(browser);
    const choices = new PageChoices(platform, () => pageA);
    const first = choices.read();
    browser.seed({ [SETTINGS_KEY]: { ...DEFAULTS, position: 'bottom' } });
    choices.settingsChanged();
    release();
    await first;
    expect(choices.ready).toBe(false); // what was read is older than the change
    await choices.read();
    expect(choices.current.position).toBe('bottom');
  });

  it('a dismissal made while the page’s record is being read wins over that record', async () => {
    const browser = new FakeBrowser();
    const { platform, release } = held(browser);
    const choices = new PageChoices(platform, () => pageA);
    const reading = choices.read();
    choices.dismiss(12);
    release();
    await reading;
    expect(choices.dismissedAt).toBe(12);
  });

  it('storage that cannot be read rejects the read and leaves the choices unread, to be tried again', async () => {
    const browser = new FakeBrowser();
    const platform = browser.platform({ kind: 'content', tabId: 1, frameId: 0 });
    let fail = true;
    const choices = new PageChoices(
      {
        ...platform,
        storage: { ...platform.storage, get: (key) => (fail ? Promise.reject(new Error('IO error')) : platform.storage.get(key)) },
      },
      () => pageA,
    );
    await expect(choices.read()).rejects.toThrow('IO error');
    expect(choices.ready).toBe(false);
    fail = false;
    await choices.read();
    expect(choices.ready).toBe(true);
    expect(choices.current).toEqual(DEFAULTS);
  });

  describe('a change the person makes on the page', () => {
    const off = { kind: 'site', host: 'forum.example', disabled: true } as const;
    const siteOff = (choices: PageChoices): boolean => isSiteDisabled(choices.current, 'forum.example');
    /** A stand-in for the background storing the change: settle it by hand. */
    const storing = (): { promise: Promise<void>; done: () => void; fail: () => void } => {
      let done!: () => void;
      let fail!: () => void;
      const promise = new Promise<void>((resolve, reject) => {
        done = resolve;
        fail = () => reject(new Error('QUOTA_BYTES quota exceeded'));
      });
      promise.catch(() => undefined);
      return { promise, done, fail };
    };

    /** Choices read from storage that answers at once. */
    const readChoices = async (browser: FakeBrowser): Promise<PageChoices> => {
      const { platform, release } = held(browser);
      release();
      const choices = new PageChoices(platform, () => pageA);
      await choices.read();
      return choices;
    };

    it('is in effect at once, and in settings read before storage holds it', async () => {
      const browser = new FakeBrowser();
      const choices = await readChoices(browser);
      const save = storing();
      choices.change(off, save.promise);
      expect(siteOff(choices)).toBe(true);
      // News of another change arrives first: what storage holds now does not have ours yet.
      choices.settingsChanged();
      await choices.read();
      expect(siteOff(choices)).toBe(true);
      save.done();
    });

    it('applies to a read that began before it and ends after it', async () => {
      const browser = new FakeBrowser();
      const { platform, release } = held(browser);
      const choices = new PageChoices(platform, () => pageA);
      const reading = choices.read();
      choices.change(off, storing().promise);
      release();
      await reading;
      expect(siteOff(choices)).toBe(true);
    });

    it('gives way once stored: a later change from elsewhere (the popup allowing the site again) is read', async () => {
      const browser = new FakeBrowser();
      const choices = await readChoices(browser);
      const save = storing();
      choices.change(off, save.promise);
      browser.seed({ [SETTINGS_KEY]: { ...DEFAULTS, disabledSites: ['forum.example'] } });
      save.done();
      await save.promise;
      choices.settingsChanged(); // the news of our own change
      await choices.read();
      expect(siteOff(choices)).toBe(true);
      browser.seed({ [SETTINGS_KEY]: { ...DEFAULTS, disabledSites: [] } });
      choices.settingsChanged(); // the popup allowed the site again
      await choices.read();
      expect(siteOff(choices)).toBe(false);
    });

    it('is undone when it could not be stored', async () => {
      const browser = new FakeBrowser();
      const choices = await readChoices(browser);
      const save = storing();
      choices.change(off, save.promise);
      save.fail();
      await save.promise.catch(() => undefined);
      expect(siteOff(choices)).toBe(false);
      // Also when the settings were read again meanwhile (with the change applied): they are read afresh.
      const again = storing();
      choices.change(off, again.promise);
      choices.settingsChanged();
      await choices.read();
      expect(siteOff(choices)).toBe(true);
      again.fail();
      await again.promise.catch(() => undefined);
      expect(choices.ready).toBe(false);
      await choices.read();
      expect(siteOff(choices)).toBe(false);
    });
  });
});
