// The content script's lean adapter over the native API (no polyfill): promise answers, the polyfill's way of
// sending a rejection from the background, Chrome's "no answer" complaint, answers through `respond`, storage
// changes of the local area only, and a dead context noticed without throwing.
import { afterEach, describe, expect, it } from 'vitest';
import { createPagePlatform } from '../../src/platform/page.js';

type Listener = (...args: never[]) => unknown;
class FakeEvent {
  readonly listeners = new Set<Listener>();
  addListener(listener: Listener): void {
    this.listeners.add(listener);
  }
  removeListener(listener: Listener): void {
    this.listeners.delete(listener);
  }
}

function install(sendMessage: (message: unknown) => Promise<unknown>) {
  const api = {
    runtime: { id: 'lurewatch-id' as string | undefined, sendMessage, onMessage: new FakeEvent() },
    storage: { local: { get: async (key: string) => ({ [key]: `value of ${key}` }) }, onChanged: new FakeEvent() },
    i18n: { getUILanguage: () => 'zh-CN', getMessage: (key: string) => `message ${key}` },
  };
  (globalThis as { chrome?: unknown }).chrome = api;
  return api;
}
afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('createPagePlatform', () => {
  it('passes answers through, turns the polyfill’s rejection back into one, and reads no answer as undefined', async () => {
    const answers: Array<() => Promise<unknown>> = [
      async () => ({ status: 'found' }),
      async () => ({ __mozWebExtensionPolyfillReject__: true, message: 'quota exceeded' }),
      async () => Promise.reject(new Error('The message port closed before a response was received.')),
      async () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
    ];
    install(() => answers.shift()!());
    const platform = createPagePlatform();
    await expect(platform.runtime.sendMessage({})).resolves.toEqual({ status: 'found' });
    await expect(platform.runtime.sendMessage({})).rejects.toThrow('quota exceeded');
    await expect(platform.runtime.sendMessage({})).resolves.toBeUndefined();
    await expect(platform.runtime.sendMessage({})).rejects.toThrow('Receiving end does not exist');
  });

  it('answers messages through respond, and only when the listener has something to say', async () => {
    const api = install(async () => undefined);
    const platform = createPagePlatform();
    const stop = platform.runtime.onMessage((message, sender) =>
      (message as { type: string }).type === 'page-state' ? Promise.resolve({ from: sender.tabId ?? 'extension' }) : undefined,
    );
    const [listener] = [...api.runtime.onMessage.listeners] as Array<(m: unknown, s: object, r: (a: unknown) => void) => boolean>;
    const answered: unknown[] = [];
    expect(listener!({ type: 'other' }, { id: 'lurewatch-id' }, (a) => answered.push(a))).toBe(false);
    expect(listener!({ type: 'page-state' }, { id: 'lurewatch-id' }, (a) => answered.push(a))).toBe(true);
    await Promise.resolve();
    expect(answered).toEqual([{ from: 'extension' }]);
    stop();
    expect(api.runtime.onMessage.listeners.size).toBe(0);
  });

  it('reads storage, hears changes of the local area only, and knows when the extension went away', async () => {
    const api = install(async () => undefined);
    const platform = createPagePlatform();
    expect(await platform.storage.get('settings')).toBe('value of settings');
    const heard: unknown[] = [];
    const stop = platform.storage.onChanged((changes) => heard.push(changes));
    for (const listener of api.storage.onChanged.listeners) {
      (listener as (c: unknown, area: string) => void)({ a: { newValue: 1 } }, 'sync');
      (listener as (c: unknown, area: string) => void)({ b: { newValue: 2 } }, 'local');
    }
    expect(heard).toEqual([{ b: { newValue: 2 } }]);
    stop();
    expect(platform.i18n.uiLanguage()).toBe('zh-CN');
    expect(platform.runtime.isConnected()).toBe(true);
    api.runtime.id = undefined; // what Chrome shows a content script whose extension was reloaded
    expect(platform.runtime.isConnected()).toBe(false);
  });

  it('says so when there is no extension API at all', () => {
    expect(() => createPagePlatform()).toThrow('no extension API');
  });
});
