// The only module that imports webextension-polyfill. Everything else talks to the Platform interface, so unit
// tests can replace this file with an in-memory fake.
import browser from 'webextension-polyfill';
import type { MessageSender, Platform, StorageChanges } from './types.js';

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
      sendMessage: (message) => browser.runtime.sendMessage(message),
      onMessage(listener) {
        const wrapped = (message: unknown, sender: browser.Runtime.MessageSender): Promise<unknown> | undefined => {
          const from: MessageSender = {
            tabId: sender.tab?.id,
            frameId: sender.frameId,
            url: sender.url,
            fromExtensionPage: sender.tab === undefined && sender.id === browser.runtime.id,
          };
          return listener(message, from);
        };
        browser.runtime.onMessage.addListener(wrapped);
        return () => browser.runtime.onMessage.removeListener(wrapped);
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
