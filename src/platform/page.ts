// The content script's adapter to the extension API, without webextension-polyfill. The content script is parsed
// and started in every frame of every page, where the polyfill's 10 KB and its start-up (it wraps the whole API in
// proxies) would be paid each time; the few calls a page needs are promise-based in both browsers anyway (Chrome's
// Manifest V3 API, Firefox's `browser`). Extension pages and the background keep the polyfill (browser.ts).
import { REQUEST_PORT, type MessageSender, type PagePlatform, type PortAside, type PortReply, type PortRequest, type StorageChanges } from './types.js';

interface NativeEvent<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}
interface NativeSender {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
  url?: string;
}
type NativeMessageListener = (message: unknown, sender: NativeSender, respond: (answer: unknown) => void) => boolean;
type NativeStorageListener = (changes: StorageChanges, area: string) => void;
interface NativePort {
  postMessage(message: unknown): void;
  onMessage: NativeEvent<(message: unknown) => void>;
  onDisconnect: NativeEvent<() => void>;
}

/** The part of `chrome` / `browser` used here. */
interface NativeApi {
  runtime: {
    readonly id?: string;
    connect(options: { name: string }): NativePort;
    onMessage: NativeEvent<NativeMessageListener>;
  };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: NativeEvent<NativeStorageListener>;
  };
  i18n: { getUILanguage(): string; getMessage(key: string, substitutions?: string[]): string };
}

export function createPagePlatform(): PagePlatform {
  // Firefox has `browser`; Chrome only `chrome`. Page scripts cannot define either for us: content scripts run in
  // their own world.
  const scope = globalThis as { browser?: NativeApi; chrome?: NativeApi };
  const api = scope.browser ?? scope.chrome;
  // Not `api.runtime` yet: the first touch of it builds Chrome's binding for the whole namespace (0.6 ms in a
  // content script, median of 15 new tabs), and this runs at injection, before the page's load event; the survey
  // touches it first, after the load.
  if (!api) throw new Error('no extension API in this context');
  const requests = new RequestPort(api);
  return {
    storage: {
      async get(key) {
        const items = await api.storage.local.get(key);
        return items[key];
      },
      onChanged(listener) {
        const wrapped: NativeStorageListener = (changes, area) => {
          if (area === 'local') listener(changes);
        };
        api.storage.onChanged.addListener(wrapped);
        return () => api.storage.onChanged.removeListener(wrapped);
      },
    },
    runtime: {
      sendMessage: (message, aside) => requests.send(message, aside),
      onMessage(listener) {
        // Answered through `respond` (returning true keeps the channel open), which both browsers support; Chrome
        // does not take a returned promise.
        const wrapped: NativeMessageListener = (message, sender, respond) => {
          const from: MessageSender = {
            tabId: sender.tab?.id,
            frameId: sender.frameId,
            url: sender.url,
            fromExtensionPage: sender.tab === undefined && sender.id === api.runtime.id,
          };
          const answer = listener(message, from);
          if (!answer) return false;
          answer.then(respond, () => respond(undefined));
          return true;
        };
        api.runtime.onMessage.addListener(wrapped);
        return () => api.runtime.onMessage.removeListener(wrapped);
      },
      isConnected() {
        try {
          return typeof api.runtime.id === 'string' && api.runtime.id.length > 0;
        } catch {
          return false; // "Extension context invalidated"
        }
      },
    },
    i18n: {
      message: (key, substitutions) => api.i18n.getMessage(key, substitutions),
      uiLanguage: () => api.i18n.getUILanguage(),
    },
  };
}

/**
 * Requests to the background over one port (see REQUEST_PORT), opened on first use and again after it closed: the
 * background's service worker is stopped when idle, and a page put in the back-forward cache loses its ports.
 * Requests still waiting when the port closes are rejected, as a failed sendMessage would be.
 */
class RequestPort {
  private port: NativePort | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (answer: unknown) => void; reject: (error: Error) => void }>();

  constructor(private readonly api: NativeApi) {}

  send(message: unknown, aside?: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      try {
        const port = this.open();
        // Ahead of its request, on the same port: ports keep their messages in order.
        if (aside !== undefined) port.postMessage({ id, aside } satisfies PortAside);
        port.postMessage({ id, message } satisfies PortRequest);
      } catch (error) {
        // "Extension context invalidated", or a port that closed under us.
        this.waiting.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private open(): NativePort {
    if (this.port) return this.port;
    const port = this.api.runtime.connect({ name: REQUEST_PORT });
    port.onMessage.addListener((raw) => {
      const reply = raw as PortReply;
      const waiter = typeof reply?.id === 'number' ? this.waiting.get(reply.id) : undefined;
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (typeof reply.error === 'string') waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.answer);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = null;
      const closed = new Error('the connection to the LureWatch background closed');
      for (const waiter of this.waiting.values()) waiter.reject(closed);
      this.waiting.clear();
    });
    this.port = port;
    return port;
  }
}
