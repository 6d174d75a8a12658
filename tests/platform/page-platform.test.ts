// The content script's lean adapter over the native API (no polyfill): requests over one port with answers matched
// by id, a closed port failing what waits and reopening for what follows, answers to the background through
// `respond`, storage changes of the local area only, and a dead context noticed without throwing.
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

/** One end of a port, as the content script holds it; `answer` plays the background. */
class FakePort {
  readonly onMessage = new FakeEvent();
  readonly onDisconnect = new FakeEvent();
  readonly posted: unknown[] = [];
  constructor(private readonly answer: (request: { id: number; message: unknown }, port: FakePort) => void) {}
  postMessage(message: unknown): void {
    this.posted.push(message);
    queueMicrotask(() => this.answer(JSON.parse(JSON.stringify(message)) as { id: number; message: unknown }, this));
  }
  reply(reply: unknown): void {
    for (const listener of this.onMessage.listeners) (listener as (m: unknown) => void)(JSON.parse(JSON.stringify(reply)));
  }
  disconnect(): void {
    for (const listener of this.onDisconnect.listeners) (listener as () => void)();
  }
}

function install(answer: (request: { id: number; message: unknown }, port: FakePort) => void = () => undefined) {
  const ports: FakePort[] = [];
  const api = {
    runtime: {
      id: 'lurewatch-id' as string | undefined,
      connect: ({ name }: { name: string }) => {
        expect(name).toBe('lurewatch-requests');
        const port = new FakePort(answer);
        ports.push(port);
        return port;
      },
      onMessage: new FakeEvent(),
    },
    storage: { local: { get: async (key: string) => ({ [key]: `value of ${key}` }) }, onChanged: new FakeEvent() },
    i18n: { getUILanguage: () => 'zh-CN', getMessage: (key: string) => `message ${key}` },
    ports,
  };
  (globalThis as { chrome?: unknown }).chrome = api;
  return api;
}
afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('createPagePlatform', () => {
  it('sends requests over one port and matches answers to requests by id, in any order', async () => {
    const api = install((request, port) => {
      const { n } = request.message as { n: number };
      // Answer the first request last.
      if (n === 1) setTimeout(() => port.reply({ id: request.id, answer: 'one' }), 5);
      else if (n === 3) port.reply({ id: request.id, error: 'quota exceeded' });
      else port.reply({ id: request.id, answer: `n${n}` });
    });
    const platform = createPagePlatform();
    const answers = [1, 2, 3, 4].map((n) => platform.runtime.sendMessage({ n }).catch((error: Error) => `rejected: ${error.message}`));
    expect(await Promise.all(answers)).toEqual(['one', 'n2', 'rejected: quota exceeded', 'n4']);
    expect(api.ports).toHaveLength(1);
    expect(api.ports[0]!.posted).toHaveLength(4);
  });

  it('sends an aside ahead of its request, on the same port, and nothing aside without one', async () => {
    const api = install((request, port) => {
      if ('message' in request) port.reply({ id: request.id, answer: 'ok' });
    });
    const platform = createPagePlatform();
    expect(await platform.runtime.sendMessage({ n: 1 }, '中文')).toBe('ok');
    expect(await platform.runtime.sendMessage({ n: 2 })).toBe('ok');
    expect(api.ports[0]!.posted).toEqual([
      { id: 1, aside: '中文' },
      { id: 1, message: { n: 1 } },
      { id: 2, message: { n: 2 } },
    ]);
  });

  it('rejects what is still waiting when the port closes, and opens a new port for the next request', async () => {
    const api = install((request, port) => {
      if ((request.message as { n: number }).n === 2) port.reply({ id: request.id, answer: 'after reconnect' });
    });
    const platform = createPagePlatform();
    const waiting = platform.runtime.sendMessage({ n: 1 });
    await Promise.resolve();
    api.ports[0]!.disconnect(); // the service worker was stopped
    await expect(waiting).rejects.toThrow('closed');
    await expect(platform.runtime.sendMessage({ n: 2 })).resolves.toBe('after reconnect');
    expect(api.ports).toHaveLength(2);
  });

  it('rejects at once when the extension context is gone', async () => {
    const api = install();
    api.runtime.connect = () => {
      throw new Error('Extension context invalidated.');
    };
    await expect(createPagePlatform().runtime.sendMessage({})).rejects.toThrow('invalidated');
  });

  it('answers messages through respond, and only when the listener has something to say', async () => {
    const api = install();
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
    const api = install();
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
