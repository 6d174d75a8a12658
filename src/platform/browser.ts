// The only module that imports webextension-polyfill. Everything else talks to the Platform interface, so unit
// tests can replace this file with an in-memory fake.
import browser from 'webextension-polyfill';
import { REQUEST_PORT, type MessageSender, type Platform, type PortAside, type PortReply, type PortRequest, type StorageChanges, withAside } from './types.js';

export function createBrowserPlatform(): Platform {
  return {
    storage: {
      async get(key) {
        const items = await browser.storage.local.get(key);
        return items[key];
      },
      async set(items) {
        await browser.storage.local.set(items);
      },
      onChanged(listener) {
        const wrapped = (changes: Record<string, browser.Storage.StorageChange>, area: string): void => {
          if (area === 'local') listener(changes as StorageChanges);
        };
        browser.storage.onChanged.addListener(wrapped);
        return () => browser.storage.onChanged.removeListener(wrapped);
      },
    },
    runtime: {
      sendMessage: (message, aside) => browser.runtime.sendMessage(withAside(message, aside)),
      onMessage(listener) {
        const wrapped = (message: unknown, sender: browser.Runtime.MessageSender): Promise<unknown> | undefined =>
          listener(message, senderOf(sender));
        // Content scripts send their requests over a port (see REQUEST_PORT): same listener, same answers.
        const onConnect = (port: browser.Runtime.Port): void => {
          if (port.name !== REQUEST_PORT || !port.sender) return;
          const from = senderOf(port.sender);
          /** An aside waits for its request, which follows it on this port (at most one at a time). */
          let aside: PortAside | null = null;
          port.onMessage.addListener((raw: unknown) => {
            const request = raw as PortRequest;
            if (typeof request?.id !== 'number') return;
            if (typeof (raw as Partial<PortAside>).aside === 'string' && !('message' in request)) {
              aside = raw as PortAside;
              return;
            }
            const held = aside?.id === request.id ? aside.aside : undefined;
            aside = null;
            const reply = (body: Omit<PortReply, 'id'>): void => {
              try {
                port.postMessage({ id: request.id, ...body } satisfies PortReply);
              } catch {
                // The frame went away (navigated, closed) before its answer: nobody is waiting.
              }
            };
            Promise.resolve(listener(withAside(request.message, held), from)).then(
              (answer) => reply({ answer }),
              (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
            );
          });
        };
        browser.runtime.onMessage.addListener(wrapped);
        browser.runtime.onConnect.addListener(onConnect);
        return () => {
          browser.runtime.onMessage.removeListener(wrapped);
          browser.runtime.onConnect.removeListener(onConnect);
        };
      },
      isConnected: () => {
        try {
          return typeof browser.runtime.id === 'string' && browser.runtime.id.length > 0;
        } catch {
          return false; // "Extension context invalidated"
        }
      },
    },
    tabs: {
      async activeTab() {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        return tab?.id === undefined ? undefined : { id: tab.id };
      },
      sendMessage: (tabId, message, frameId) =>
        browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }),
      async broadcast(message) {
        // No "tabs" permission needed: only the ids are read.
        const tabs = await browser.tabs.query({});
        await Promise.all(
          tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message).catch(() => undefined))),
        );
      },
      onRemoved(listener) {
        browser.tabs.onRemoved.addListener(listener);
        return () => browser.tabs.onRemoved.removeListener(listener);
      },
      async openExtensionPage(path) {
        await browser.tabs.create({ url: browser.runtime.getURL(path) });
      },
    },
    action: {
      async setBadge(tabId, text, color, title) {
        await browser.action.setBadgeText({ tabId, text });
        if (text) await browser.action.setBadgeBackgroundColor({ tabId, color });
        await browser.action.setTitle({ tabId, title });
      },
    },
    i18n: {
      message: (key, substitutions) => browser.i18n.getMessage(key, substitutions),
      uiLanguage: () => browser.i18n.getUILanguage(),
    },
    lifecycle: {
      onInstalledOrUpdated(listener) {
        browser.runtime.onInstalled.addListener((details) => {
          const reason = details.reason;
          listener(reason === 'install' || reason === 'update' || reason === 'browser_update' ? reason : 'other');
        });
      },
    },
  };
}

function senderOf(sender: browser.Runtime.MessageSender): MessageSender {
  return {
    tabId: sender.tab?.id,
    frameId: sender.frameId,
    url: sender.url,
    fromExtensionPage: sender.tab === undefined && sender.id === browser.runtime.id,
  };
}
