// @vitest-environment jsdom
// The content script's controller against an in-memory browser: banner in the browser's language, settings that
// reach the page at once, dismissal, frames reporting to the top frame, and a clean teardown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackground } from '../../src/background/service.js';
import { startPage } from '../../src/content/page.js';
import type { PagePlatform } from '../../src/platform/types.js';
import { DEFAULTS } from '../../src/settings/schema.js';
import { FakeBrowser } from '../helpers/fake-platform.js';
import { LURES } from '../fixtures/scenarios.js';

const lure = LURES.find((s) => s.name.startsWith('Xiao: loan for proof of service (en)'))!.text;
const zhLure = LURES.find((s) => s.name.startsWith('Xiao: loan for proof of service (zh)'))!.text;

const until = async (condition: () => boolean, ms = 2000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const banner = (): HTMLElement | null => document.querySelector('lurewatch-banner');
const root = (): ShadowRoot => banner()!.shadowRoot!;

let stop: (() => void) | undefined;
beforeEach(() => {
  document.documentElement.removeAttribute('data-lurewatch-ready');
  document.body.replaceChildren();
  banner()?.remove();
});
afterEach(() => stop?.());

async function start(text: string, language = 'en-US'): Promise<FakeBrowser> {
  const browser = new FakeBrowser({ language });
  startBackground(browser.platform({ kind: 'extension' }));
  const p = document.createElement('p');
  p.textContent = text;
  document.body.append(p);
  stop = await startPage(browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href }), window, document, {
    openShadow: true,
    testHooks: true,
  });
  return browser;
}

/** A page holding the lure's first sentence only (quiet), started against `browser`; returns the lure's sentences. */
async function startWithFirstSentence(browser: FakeBrowser): Promise<string[]> {
  const sentences = lure.split('. ');
  const p = document.createElement('p');
  p.textContent = `${sentences[0]}. A quiet day on the forum today.`;
  document.body.append(p);
  stop = await startPage(browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href }), window, document, {
    openShadow: true,
    testHooks: true,
  });
  return sentences;
}

/** An iframe holding the lure, with its own controller as frame 3 of tab 1; returns that controller's stop. */
async function startLureFrame(browser: FakeBrowser): Promise<() => void> {
  const iframe = document.createElement('iframe');
  document.body.append(iframe);
  const frameDoc = iframe.contentDocument!;
  const message = frameDoc.createElement('p');
  message.textContent = lure;
  frameDoc.body.append(message);
  const frame = browser.platform({ kind: 'content', tabId: 1, frameId: 3, url: 'https://frame.example/' });
  return startPage(frame, iframe.contentWindow! as unknown as Window, frameDoc, { openShadow: true, testHooks: true });
}

describe('content page controller', () => {
  it('shows the banner in English for an English browser, and reports the page to the badge', async () => {
    const browser = await start(lure);
    expect(document.documentElement.getAttribute('data-lurewatch-ready')).toBe('1');
    expect(banner()?.getAttribute('data-severity')).toMatch(/caution|warning/);
    expect(root().textContent).toContain('What to do');
    await until(() => browser.badges.get(1)?.text === '!');
  });

  it('speaks Chinese in a Chinese browser and points Chinese readers to 12339', async () => {
    await start(zhLure, 'zh-CN');
    expect(root().textContent).toContain('建议');
    expect(root().textContent).toContain('12339');
  });

  it('follows settings at once: off removes the banner, on brings it back', async () => {
    const browser = await start(lure);
    const popup = browser.platform({ kind: 'extension' });
    await popup.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { enabled: false } } });
    await until(() => banner() === null || !banner()!.isConnected);
    await popup.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { enabled: true } } });
    await until(() => banner()?.isConnected === true);
  });

  it('a quiet page touches nothing but the matcher: no storage, no language; a change of settings still reaches it', async () => {
    const browser = new FakeBrowser();
    browser.seed({ settings: { ...DEFAULTS, sensitivity: 'low' } });
    startBackground(browser.platform({ kind: 'extension' }));
    const p = document.createElement('p');
    // Quiet at low sensitivity, a banner at medium and high (tests/background/matching.test.ts checks the core agrees).
    p.textContent = 'Weekend job near the port: count the ships that come in, 40 dollars per day, message me on WhatsApp.';
    document.body.append(p);
    const platform = browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href });
    const used: string[] = [];
    const counted: PagePlatform = {
      ...platform,
      storage: {
        get: (key) => (used.push(`storage.get ${key}`), platform.storage.get(key)),
        onChanged: (listener) => (used.push('storage.onChanged'), platform.storage.onChanged(listener)),
      },
      i18n: { ...platform.i18n, uiLanguage: () => (used.push('i18n.uiLanguage'), platform.i18n.uiLanguage()) },
    };
    stop = await startPage(counted, window, document, { openShadow: true, testHooks: true });
    await until(() => document.documentElement.getAttribute('data-lurewatch-ready') === '1');
    expect(banner()).toBeNull();
    expect(used).toEqual([]);

    const popup = browser.platform({ kind: 'extension' });
    await popup.runtime.sendMessage({ type: 'settings-change', change: { kind: 'set', values: { sensitivity: 'high' } } });
    await until(() => banner()?.isConnected === true);
    expect(banner()!.getAttribute('data-severity')).toBe('warning');
    // A finding worth a banner reads the person's choices (settings and this page's dismissal) and the language.
    expect(used.sort()).toEqual(['i18n.uiLanguage', 'storage.get dismissed', 'storage.get settings']);
  });

  it('remembers a dismissal for the page, as a hash of its address', async () => {
    const browser = await start(lure);
    (root().querySelector('[data-action="dismiss"]') as HTMLButtonElement).click();
    expect(banner()?.isConnected ?? false).toBe(false);
    await until(() => browser.storage.has('dismissed'));
    const dismissed = browser.storage.get('dismissed') as Record<string, unknown>;
    expect(Object.keys(dismissed)).toHaveLength(1);
    expect(JSON.stringify(dismissed)).not.toContain(location.hostname || 'localhost');
  });

  it('"Not on this site" hides the banner and stores the site; if the write fails the banner returns and says so', async () => {
    const browser = await start(lure);
    const notOnSite = (): void => (root().querySelector('[data-action="not-on-site"]') as HTMLButtonElement).click();
    browser.failWrites = 'QUOTA_BYTES quota exceeded';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    notOnSite();
    expect(banner()?.isConnected ?? false).toBe(false); // at once, whatever happens to the write
    await until(() => banner()?.isConnected === true && root().querySelector('.notice') !== null);
    expect(root().querySelector('.notice')!.textContent).toMatch(/could not save/);
    expect(root().querySelector('.notice')!.getAttribute('role')).toBe('status');
    warn.mockRestore();
    // Trying again once storage works: the banner goes and stays gone, and the site is remembered.
    browser.failWrites = undefined;
    notOnSite();
    await until(() => ((browser.storage.get('settings') as { disabledSites?: string[] } | undefined)?.disabledSites?.length ?? 0) === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(banner()?.isConnected ?? false).toBe(false);
  });

  it('"Not on this site" holds while the choice is being stored: a change to the page meanwhile does not bring the banner back', async () => {
    const browser = await start(lure);
    let store!: () => void;
    browser.holdWrites = new Promise((resolve) => (store = resolve));
    (root().querySelector('[data-action="not-on-site"]') as HTMLButtonElement).click();
    expect(banner()?.isConnected ?? false).toBe(false);
    // The page changes before the background has stored the choice: the page is scored again, with the lure still in.
    const scans = browser.messagesOfType('scan').length;
    const more = document.createElement('p');
    more.textContent = 'Reply to this thread to be considered.';
    document.body.append(more);
    await until(() => browser.messagesOfType('scan').length > scans);
    await browser.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(banner()?.isConnected ?? false).toBe(false);
    // Stored: still quiet, and the site is remembered.
    store();
    browser.holdWrites = undefined;
    await until(() => ((browser.storage.get('settings') as { disabledSites?: string[] } | undefined)?.disabledSites?.length ?? 0) === 1);
    await browser.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(banner()?.isConnected ?? false).toBe(false);
  });

  it('shows what a child frame found, and answers the popup with the strongest finding', async () => {
    const browser = await start('Welcome to our travel blog. Photos of beaches and mountains, with recipes.');
    expect(banner()).toBeNull();
    const frame = browser.platform({ kind: 'content', tabId: 1, frameId: 7, url: 'https://frame.example/' });
    await frame.runtime.sendMessage({
      type: 'report',
      report: {
        host: 'frame.example',
        category: 'loan',
        severity: 'warning',
        score: 12,
        families: ['espionage'],
        resembles: 'xiao',
        evidence: [{ rule: 'offer-interest-free-loan-en', facet: 'offer', quote: 'interest-free loan', context: 'an interest-free loan' }],
        rules: ['offer-interest-free-loan-en'],
        quietBecause: null,
      },
    });
    await until(() => banner()?.isConnected === true);
    expect(root().textContent).toContain('interest-free loan');
    // Evidence from another frame cannot be pointed at from here: no "Show me".
    expect(root().querySelector('[data-action="show"]')).toBeNull();
    const popup = browser.platform({ kind: 'extension' });
    const state = (await popup.tabs.sendMessage(1, { type: 'page-state' }, 0)) as { score: number };
    expect(state.score).toBe(12);
  });

  it('a frame that finished before its top frame listened sends its finding again until the top frame has it', async () => {
    const browser = new FakeBrowser({ language: 'en-US' });
    startBackground(browser.platform({ kind: 'extension' }));
    const stopFrame = await startLureFrame(browser);
    try {
      await browser.settle();
      expect(browser.messagesOfType('frame-report')).toHaveLength(1); // handed on, but nobody listened yet
      const p = document.createElement('p');
      p.textContent = 'Welcome to our travel blog. Photos of beaches and mountains, with recipes.';
      document.body.append(p);
      stop = await startPage(browser.platform({ kind: 'content', tabId: 1, frameId: 0, url: location.href }), window, document, {
        openShadow: true,
        testHooks: true,
      });
      await until(() => banner()?.isConnected === true, 3000);
      expect(root().textContent).toContain('(in an embedded frame)');
      // The top frame's first report started the tab afresh; the badge still shows the frame's finding.
      await until(() => browser.badges.get(1)?.text === '!');
      // Once the top frame has it, the frame stops sending.
      const sent = browser.messagesOfType('report').length;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(browser.messagesOfType('report').length).toBe(sent);
    } finally {
      stopFrame();
    }
  });

  it('detects a lure that arrives later, as a chat message', async () => {
    await start('Hi! Nice to meet you here.');
    expect(banner()).toBeNull();
    const message = document.createElement('div');
    message.textContent = lure;
    document.body.append(message);
    await until(() => banner()?.isConnected === true);
  });

  it('detects a lure that arrives later inside an open shadow root, as in a chat built from web components', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const list = document.createElement('ul');
    const greeting = document.createElement('li');
    greeting.textContent = 'Hi! Nice to meet you here. How was your weekend in the mountains?';
    list.append(greeting);
    shadow.append(list);
    await start('Messages');
    expect(banner()).toBeNull();
    const message = document.createElement('li');
    message.textContent = lure;
    list.append(message); // inside the shadow root: the document's observer alone would never see it
    await until(() => banner()?.isConnected === true);
  });

  it('keeps keyboard focus in the banner while the page changes around it', async () => {
    await start(lure);
    const dismiss = root().querySelector('[data-action="dismiss"]') as HTMLButtonElement;
    dismiss.focus();
    expect(root().activeElement).toBe(dismiss);
    const note = document.createElement('p');
    note.textContent = 'An unrelated new paragraph about the weather.';
    document.body.append(note);
    await new Promise((resolve) => setTimeout(resolve, 200)); // past the watcher's delay: the page was scored again
    expect(root().activeElement).toBe(dismiss);
  });

  it('leaves nothing behind when the extension goes away', async () => {
    const browser = await start(lure);
    expect(banner()).not.toBeNull();
    browser.connected = false;
    document.body.append(document.createElement('p')); // any change makes it look again
    await until(() => banner() === null);
  });

  it('a background that restarted has forgotten the page: the next change reads the page again, and the lure shows', async () => {
    const browser = new FakeBrowser({ language: 'en-US' });
    /** A background whose message listener can be taken away, as a stopped service worker's is. */
    const background = () => {
      const platform = browser.platform({ kind: 'extension' });
      const stops: Array<() => void> = [];
      const runtime = { ...platform.runtime, onMessage: (listener: Parameters<typeof platform.runtime.onMessage>[0]) => {
        const stopListening = platform.runtime.onMessage(listener);
        stops.push(stopListening);
        return stopListening;
      } };
      startBackground({ ...platform, runtime });
      return () => stops.forEach((stopListening) => stopListening());
    };
    const stopFirst = background();
    const [first, ...rest] = await startWithFirstSentence(browser);
    expect(banner()).toBeNull();
    stopFirst();
    background(); // started afresh: it holds no stream for this frame
    const scansBefore = browser.messagesOfType('scan').length;
    const message = document.createElement('p');
    message.textContent = rest.join('. '); // a lure only together with what the page already said
    document.body.append(message);
    await until(() => banner()?.isConnected === true);
    // The change was answered with resync, and the whole page went again with a reset.
    const scans = browser.messagesOfType('scan').slice(scansBefore) as Array<{ reset: boolean; chunks: string[] }>;
    expect(scans.map((scan) => scan.reset)).toEqual([false, true]);
    expect(scans[1]!.chunks.join('\n')).toContain(first);
  });

  it('a request that failed leaves the matcher out of step: the next change reads the page again, and the lure shows', async () => {
    const browser = new FakeBrowser({ language: 'en-US' });
    const platform = browser.platform({ kind: 'extension' });
    let failNextScan = false;
    const onMessage: typeof platform.runtime.onMessage = (listener) =>
      platform.runtime.onMessage((message, sender) => {
        if (failNextScan && (message as { type?: string }).type === 'scan') {
          failNextScan = false;
          return Promise.reject(new Error('the matcher failed'));
        }
        return listener(message, sender);
      });
    startBackground({ ...platform, runtime: { ...platform.runtime, onMessage } });
    const [, ...rest] = await startWithFirstSentence(browser);
    failNextScan = true;
    const middle = document.createElement('p');
    middle.textContent = rest.slice(0, 2).join('. '); // sent, and lost with the failed request
    document.body.append(middle);
    await until(() => !failNextScan);
    expect(banner()).toBeNull();
    const scansBefore = browser.messagesOfType('scan').length;
    const last = document.createElement('p');
    last.textContent = rest.slice(2).join('. ');
    document.body.append(last);
    await until(() => banner()?.isConnected === true);
    const scans = browser.messagesOfType('scan').slice(scansBefore) as Array<{ reset: boolean; chunks: string[] }>;
    expect(scans.map((scan) => scan.reset)).toEqual([true]);
    expect(scans[0]!.chunks.join('\n')).toContain(rest[0]!);
  });

  it('sends a long page in parts of bounded size, and finds a lure at its end', async () => {
    const filler = 'An ordinary paragraph about gardening, tomatoes and the weather this spring. '.repeat(40);
    for (let i = 0; i < 100; i++) {
      const p = document.createElement('p');
      p.textContent = filler;
      document.body.append(p);
    }
    const browser = await start(lure);
    expect(banner()?.isConnected).toBe(true);
    const scans = browser.messagesOfType('scan') as Array<{ reset: boolean; open: boolean; chunks: string[] }>;
    expect(scans.length).toBeGreaterThanOrEqual(3);
    expect(scans.map((scan) => scan.reset)).toEqual([true, ...scans.slice(1).map(() => false)]);
    expect(scans.map((scan) => scan.open)).toEqual([...scans.slice(1).map(() => true), false]);
    for (const scan of scans) expect(scan.chunks.join('').length).toBeLessThanOrEqual(128 * 1024);
  });

  it('reports again when the page comes back from the back-forward cache, so the badge is its own again', async () => {
    const browser = await start(lure);
    await until(() => browser.badges.get(1)?.text === '!');
    // Another page in the tab meanwhile set the badge to its own (quiet) finding.
    browser.badges.set(1, { text: '', color: '#000000', title: 'LureWatch' });
    const reports = browser.messagesOfType('report').length;
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(browser.messagesOfType('report')).toHaveLength(reports); // an ordinary load: nothing to redo
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await until(() => browser.badges.get(1)?.text === '!');
    expect(browser.messagesOfType('report')).toHaveLength(reports + 1);
    expect((browser.messagesOfType('report').at(-1) as { fresh: boolean }).fresh).toBe(true);
  });

  it('the badge keeps a frame\'s finding when the top frame starts its page afresh (a single-page app navigated)', async () => {
    const browser = await start('Welcome to our travel blog. Photos of beaches and mountains, with recipes.');
    const stopFrame = await startLureFrame(browser);
    try {
      await until(() => banner()?.isConnected === true && browser.badges.get(1)?.text === '!');
      const before = location.href;
      history.pushState(null, '', '#next-view');
      const fresh = (): number => (browser.messagesOfType('report') as Array<{ fresh: boolean }>).filter((r) => r.fresh).length;
      const freshBefore = fresh();
      const p = document.createElement('p');
      p.textContent = 'The next view of the app.';
      document.body.append(p); // any change makes the top frame look again, and notice the new address
      await until(() => fresh() > freshBefore);
      await browser.settle();
      // The top frame's fresh report cleared the tab's findings, and carried the frame's with it.
      expect(banner()?.isConnected).toBe(true);
      expect(browser.badges.get(1)?.text).toBe('!');
      history.replaceState(null, '', before);
    } finally {
      stopFrame();
    }
  });
});
