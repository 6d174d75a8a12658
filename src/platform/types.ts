// The slice of the WebExtension API that LureWatch uses, as an interface: extension pages and the background wrap
// webextension-polyfill (browser.ts), content scripts use a lean adapter of their own (page.ts); tests use an
// in-memory fake (tests/helpers/fake-platform.ts).

export type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;

export interface MessageSender {
  tabId?: number;
  frameId?: number;
  /** The sender's URL (a content script's page, or an extension page). */
  url?: string;
  /** True when the sender is one of this extension's own pages (popup, background), not a content script. */
  fromExtensionPage: boolean;
}

export interface Platform {
  storage: {
    get(key: string): Promise<unknown>;
    set(items: Record<string, unknown>): Promise<void>;
    /** Calls back on changes to the local area; returns a function that stops listening. */
    onChanged(listener: (changes: StorageChanges) => void): () => void;
  };
  runtime: {
    /**
     * `aside`: a string that reaches the receiver as the message's `aside` field, but travels in a port message of its
     * own: a message with any two-byte character is dearer to send as a whole, so the page's wide text goes aside and
     * the rest stays one-byte (see narrow-text.ts).
     */
    sendMessage(message: unknown, aside?: string): Promise<unknown>;
    onMessage(listener: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined): () => void;
    /** False once the extension was reloaded or updated under a running content script. */
    isConnected(): boolean;
  };
  tabs: {
    activeTab(): Promise<{ id: number } | undefined>;
    sendMessage(tabId: number, message: unknown, frameId?: number): Promise<unknown>;
    /** To every frame of every tab, unanswered; tabs without LureWatch's content script are skipped. */
    broadcast(message: unknown): Promise<void>;
    onRemoved(listener: (tabId: number) => void): () => void;
    /** Opens one of the extension's own pages in a new tab. */
    openExtensionPage(path: string): Promise<void>;
  };
  action: {
    setBadge(tabId: number, text: string, color: string, title: string): Promise<void>;
  };
  i18n: {
    message(key: string, substitutions?: string[]): string;
    uiLanguage(): string;
  };
  lifecycle: {
    onInstalledOrUpdated(listener: (reason: 'install' | 'update' | 'browser_update' | 'other') => void): void;
  };
}

/** What a content script uses: no tabs, badge or install events there. */
export interface PagePlatform {
  /** Read only: pages ask the background to write (one queue, see background/service.ts). */
  storage: Omit<Platform['storage'], 'set'>;
  runtime: Platform['runtime'];
  i18n: Platform['i18n'];
}

/**
 * Content scripts reach the background over one long-lived port per frame rather than with runtime.sendMessage:
 * in Chrome each sendMessage opens and closes a channel, which costs the page about a millisecond of main thread,
 * where a message on an open port costs a fraction of that. Requests go out as `{id, message}`; answers come back as
 * `{id, answer}` or `{id, error}`.
 */
export const REQUEST_PORT = 'lurewatch-requests';

/** A request; one with an `aside` (see runtime.sendMessage) is preceded by `{id, aside}` on the same port. */
export interface PortRequest {
  id: number;
  message: unknown;
}
export interface PortAside {
  id: number;
  aside: string;
}
export interface PortReply {
  id: number;
  answer?: unknown;
  error?: string;
}

/** The message as its receiver sees it: with the aside that travelled apart (see runtime.sendMessage) put back. */
export function withAside(message: unknown, aside: string | undefined): unknown {
  if (aside === undefined || typeof message !== 'object' || message === null) return message;
  return { ...message, aside };
}
