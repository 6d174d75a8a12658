// The content script's adapter to the extension API, without webextension-polyfill. The content script is parsed
// and started in every frame of every page, where the polyfill's 10 KB and its start-up (it wraps the whole API in
// proxies) would be paid each time; the few calls a page needs are promise-based in both browsers anyway (Chrome's
// Manifest V3 API, Firefox's `browser`). Extension pages and the background keep the polyfill (browser.ts).
import type { MessageSender, PagePlatform, StorageChanges } from './types.js';

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

/** The part of `chrome` / `browser` used here. */
interface NativeApi {
  runtime: {
    readonly id?: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: NativeEvent<NativeMessageListener>;
  };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: NativeEvent<NativeStorageListener>;
  };
  i18n: { getUILanguage(): string; getMessage(key: string, substitutions?: string[]): string };
}

/**
 * How webextension-polyfill in the background sends back a rejected listener promise in Chrome (whose API has no
 * way to reject a message): an ordinary answer, which the sender must turn back into a rejection.
 */
const POLYFILL_REJECTION = '__mozWebExtensionPolyfillReject__';
/** Chrome's complaint when a listener took a message without answering: an empty answer, as in Firefox. */
const NO_ANSWER = 'The message port closed before a response was received.';

export function createPagePlatform(): PagePlatform {
  // Firefox has `browser`; Chrome only `chrome`. Page scripts cannot define either for us: content scripts run in
  // their own world.
  const scope = globalThis as { browser?: NativeApi; chrome?: NativeApi };
  const api = scope.browser ?? scope.chrome;
  if (!api?.runtime) throw new Error('no extension API in this context');
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
      async sendMessage(message) {
        const answer = await api.runtime.sendMessage(message).catch((error: unknown) => {
          if (error instanceof Error && error.message === NO_ANSWER) return undefined;
          throw error;
        });
        if (isRecord(answer) && answer[POLYFILL_REJECTION] === true) {
          throw new Error(typeof answer.message === 'string' ? answer.message : 'the background refused');
        }
        return answer;
      },
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
