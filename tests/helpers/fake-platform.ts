// An in-memory browser for unit tests: one FakeBrowser holds the shared state (storage, badges, tabs), and each
// extension context (background, popup, a content script in a tab's frame) gets its own Platform from it, the way
// each context gets its own `browser` object. Messages are routed like the real thing: runtime.sendMessage reaches
// the other extension contexts, tabs.sendMessage reaches the content scripts of that tab (or one frame of it), and
// storage.onChanged fires in every context after a write. Values pass through a serialisation, as in a browser.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withAside, type MessageSender, type Platform, type StorageChanges } from '../../src/platform/types.js';

export type FakeContext =
  | { kind: 'extension'; url?: string }
  | { kind: 'content'; tabId: number; frameId?: number; url?: string };

export interface Badge {
  text: string;
  color: string;
  title: string;
}

export interface SentMessage {
  from: FakeContext;
  /** 'runtime' for runtime.sendMessage; the tab (and frame) for tabs.sendMessage. */
  to: 'runtime' | 'all-tabs' | { tabId: number; frameId?: number };
  message: unknown;
}

type MessageListener = (message: unknown, sender: MessageSender) => Promise<unknown> | undefined;
type InstallReason = 'install' | 'update' | 'browser_update' | 'other';

interface ContextState {
  context: FakeContext;
  messageListeners: Set<MessageListener>;
}

/** What Chromium says when nobody listens; the popup and the background must cope with it. */
export const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';

// A path, not a URL object: under the jsdom environment `URL` is jsdom's, which node:url does not accept.
const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '_locales');

export interface FakeBrowserOptions {
  /** The browser's UI language, e.g. 'en-US' or 'zh-CN'. Default 'en-US'. */
  language?: string;
  /** The tab that is active in the current window; undefined for none. Default 1. */
  activeTabId?: number | undefined;
}

export class FakeBrowser {
  readonly storage = new Map<string, unknown>();
  readonly badges = new Map<number, Badge>();
  readonly openedPages: string[] = [];
  readonly sent: SentMessage[] = [];
  language: string;
  activeTabId: number | undefined;
  /** False after an "extension reload": content contexts see runtime.isConnected() === false. */
  connected = true;
  /**
   * When set, storage.set rejects with this message and stores nothing, the way a browser does when the quota is
   * exceeded or the profile's database is locked: writers must report it rather than swallow it.
   */
  failWrites: string | undefined;
  /** Fails only the write with this number (counting from 0 in writesAttempted), as a one-off storage hiccup. */
  failWriteAt: { index: number; message: string } | undefined;
  /** Every storage.set call so far, failed ones included. */
  writesAttempted = 0;
  /** While set, storage.set waits for this promise before it stores anything: a slow disk, to test the meantime. */
  holdWrites: Promise<void> | undefined;
  /**
   * Answers tabs.sendMessage for a tab with no content context: the programmable content script of the popup
   * tests. Undefined means no content script there (a browser page): the send fails as in Chromium.
   */
  tabAnswer: ((message: unknown, tabId: number, frameId: number | undefined) => unknown) | undefined;

  private readonly contexts: ContextState[] = [];
  private readonly storageListeners = new Set<(changes: StorageChanges) => void>();
  private readonly removedListeners = new Set<(tabId: number) => void>();
  private readonly installListeners = new Set<(reason: InstallReason) => void>();
  private readonly messageCache = new Map<string, Record<string, LocaleMessage>>();

  constructor(options: FakeBrowserOptions = {}) {
    this.language = options.language ?? 'en-US';
    this.activeTabId = 'activeTabId' in options ? options.activeTabId : 1;
  }

  /** A Platform for one context. Call once per context (background, popup, each content-script frame). */
  platform(context: FakeContext = { kind: 'extension' }): Platform {
    const state: ContextState = { context, messageListeners: new Set() };
    this.contexts.push(state);
    return {
      storage: {
        get: async (key) => clone(this.storage.get(key)),
        set: async (items) => this.write(items),
        onChanged: (listener) => subscribe(this.storageListeners, listener),
      },
      runtime: {
        sendMessage: async (sent, aside) => {
          const message = withAside(sent, aside);
          this.sent.push({ from: context, to: 'runtime', message: clone(message) });
          // runtime.sendMessage reaches extension pages and the background, never content scripts or the sender.
          const receivers = this.contexts.filter((c) => c !== state && c.context.kind === 'extension');
          return this.deliver(receivers, message, senderOf(context));
        },
        onMessage: (listener) => subscribe(state.messageListeners, listener),
        isConnected: () => this.connected,
      },
      tabs: {
        activeTab: async () => (this.activeTabId === undefined ? undefined : { id: this.activeTabId }),
        sendMessage: async (tabId, message, frameId) => {
          this.sent.push({ from: context, to: frameId === undefined ? { tabId } : { tabId, frameId }, message: clone(message) });
          const receivers = this.contexts.filter(
            (c) => c.context.kind === 'content' && c.context.tabId === tabId && (frameId === undefined || (c.context.frameId ?? 0) === frameId),
          );
          if (receivers.length === 0 && this.tabAnswer) return clone(await this.tabAnswer(clone(message), tabId, frameId));
          return this.deliver(receivers, message, { fromExtensionPage: true });
        },
        broadcast: async (message) => {
          this.sent.push({ from: context, to: 'all-tabs', message: clone(message) });
          const tabs = new Set(this.contexts.flatMap((c) => (c.context.kind === 'content' ? [c.context.tabId] : [])));
          for (const tabId of tabs) {
            const receivers = this.contexts.filter((c) => c.context.kind === 'content' && c.context.tabId === tabId);
            await this.deliver(receivers, message, { fromExtensionPage: true }).catch(() => undefined);
          }
        },
        onRemoved: (listener) => subscribe(this.removedListeners, listener),
        openExtensionPage: async (path) => {
          this.openedPages.push(path);
        },
      },
      action: {
        setBadge: async (tabId, text, color, title) => {
          this.badges.set(tabId, { text, color, title });
        },
      },
      i18n: {
        message: (key, substitutions) => this.message(key, substitutions),
        uiLanguage: () => this.language,
      },
      lifecycle: {
        onInstalledOrUpdated: (listener) => {
          this.installListeners.add(listener);
        },
      },
    };
  }

  /** Answers every `{type:'page-state'}` sent to a tab with this report (or null), like the top frame would. */
  answerPageState(report: unknown): void {
    this.tabAnswer = (message) => ((message as { type?: unknown }).type === 'page-state' ? report : undefined);
  }

  /** Puts values in storage without firing onChanged: the state left by an earlier session. */
  seed(items: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(items)) this.storage.set(key, clone(value));
  }

  /** The extension was installed or updated. */
  async install(reason: InstallReason = 'install'): Promise<void> {
    for (const listener of this.installListeners) listener(reason);
    await this.settle();
  }

  async removeTab(tabId: number): Promise<void> {
    for (const listener of this.removedListeners) listener(tabId);
    await this.settle();
  }

  /** Lets every queued promise, storage event and timer-free chain run to completion. */
  async settle(rounds = 10): Promise<void> {
    for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** The runtime messages of a given type, in the order they were sent. */
  messagesOfType(type: string): unknown[] {
    return this.sent.map((entry) => entry.message).filter((message) => (message as { type?: unknown })?.type === type);
  }

  private async write(items: Record<string, unknown>): Promise<void> {
    const index = this.writesAttempted++;
    if (this.holdWrites) await this.holdWrites;
    if (this.failWrites !== undefined) throw new Error(this.failWrites);
    if (this.failWriteAt?.index === index) throw new Error(this.failWriteAt.message);
    const changes: StorageChanges = {};
    for (const [key, value] of Object.entries(items)) {
      const oldValue = this.storage.get(key);
      const newValue = clone(value);
      this.storage.set(key, newValue);
      changes[key] = { oldValue: clone(oldValue), newValue: clone(newValue) };
    }
    // Browsers fire storage.onChanged after the write, asynchronously, in every context (the writer included).
    setTimeout(() => {
      for (const listener of [...this.storageListeners]) listener(clone(changes));
    }, 0);
  }

  private async deliver(receivers: ContextState[], message: unknown, sender: MessageSender): Promise<unknown> {
    const listeners = receivers.flatMap((c) => [...c.messageListeners]);
    if (listeners.length === 0) throw new Error(NO_RECEIVER);
    // The first listener that returns a promise answers; the others still see the message.
    let answer: Promise<unknown> | undefined;
    for (const listener of listeners) {
      const result = listener(clone(message), { ...sender });
      if (answer === undefined && result !== undefined) answer = result;
    }
    return clone(await answer);
  }

  private message(key: string, substitutions: string[] = []): string {
    const locale = this.language.toLowerCase().startsWith('zh') ? 'zh_CN' : 'en';
    let messages = this.messageCache.get(locale);
    if (!messages) {
      messages = JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Record<string, LocaleMessage>;
      this.messageCache.set(locale, messages);
    }
    // Chromium matches message and placeholder names case-insensitively and returns '' for an unknown key.
    const entry = Object.entries(messages).find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
    if (!entry) return '';
    const positional = (n: string): string => substitutions[Number(n) - 1] ?? '';
    const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
    // One pass, so a substituted value that happens to contain "$1" is not expanded again.
    return entry.message.replace(/\$([a-z0-9_@]+)\$|\$(\d)|\$\$/gi, (whole, name?: string, digit?: string) => {
      if (digit !== undefined) return positional(digit);
      if (name === undefined) return '$';
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? whole : content.replace(/\$(\d)/g, (_, n: string) => positional(n));
    });
  }
}

interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

function senderOf(context: FakeContext): MessageSender {
  if (context.kind === 'extension') return { fromExtensionPage: true, url: context.url };
  return { tabId: context.tabId, frameId: context.frameId ?? 0, url: context.url, fromExtensionPage: false };
}

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

/**
 * Messages and stored values are serialised by browsers: no shared references, no functions, no undefined in JSON.
 * Firefox, and Chrome from 148 with the build's `message_serialization`, use structured clone, which throws on what
 * it cannot copy (a function, a DOM node); Chrome before 148 uses JSON. A message must survive both, so both apply.
 */
function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(structuredClone(value))) as T);
}
