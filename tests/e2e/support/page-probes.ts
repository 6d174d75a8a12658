// JavaScript run inside the test pages, shared by the Chromium and the Firefox tests so both check the same thing.
// Each is source text: Playwright and WebDriver BiDi both accept an expression or function declaration as a string.

/** What a test needs to know about LureWatch on the page right now (from the DOM contract). */
export interface BannerState {
  /** <html data-lurewatch-ready>: the content script has finished its first scan. */
  ready: boolean;
  /** data-severity of the banner host, or null when there is no banner. */
  severity: string | null;
  /** <body data-demo-final>: a chat page has appended its last message. */
  final: boolean;
}

export const BANNER_STATE = `(() => {
  const host = document.querySelector('lurewatch-banner[data-lurewatch="banner"]');
  return {
    ready: document.documentElement.hasAttribute('data-lurewatch-ready'),
    severity: host ? host.getAttribute('data-severity') : null,
    final: document.body !== null && document.body.getAttribute('data-demo-final') === 'true',
  };
})()`;

/**
 * Installed before any page script runs (Playwright addInitScript, BiDi script.addPreloadScript): timestamps, in the
 * page's own clock, each chat message added to the page and the banner's arrival. A page-world MutationObserver
 * sees the content script's DOM changes too, so both times come from one clock and one observer.
 */
export const CHAT_TIMING_PRELOAD = `() => {
  const timing = { messages: [], banner: null, final: null };
  Object.defineProperty(window, '__lurewatchTiming', { value: timing });
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      if (record.type === 'attributes') {
        if (timing.final === null && record.target.getAttribute('data-demo-final') === 'true') timing.final = now;
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.localName === 'lurewatch-banner') {
          if (timing.banner === null) timing.banner = now;
        } else if (node.localName === 'li' && record.target.id === 'messages') {
          timing.messages.push(now);
        }
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-demo-final'] });
}`;

export interface ChatTiming {
  messages: number[];
  banner: number | null;
  final: number | null;
}

export const CHAT_TIMING = `(window.__lurewatchTiming ?? null)`;

/** Milliseconds from the last message that arrived before the banner to the banner; null without a banner. */
export function bannerLatency(timing: ChatTiming): { latency: number; message: number } | null {
  if (timing.banner === null) return null;
  const before = timing.messages.filter((t) => t <= timing.banner!);
  const arrived = before.length > 0 ? before[before.length - 1]! : 0;
  return { latency: timing.banner - arrived, message: before.length };
}

/**
 * Computed style of the banner's role="alert" container inside the (test build's open) shadow root: proves the
 * banner is styled even where the page's CSP forbids every stylesheet.
 */
export const BANNER_STYLE = `(() => {
  const root = document.querySelector('lurewatch-banner[data-lurewatch="banner"]')?.shadowRoot;
  const box = root?.querySelector('[role="alert"]');
  if (!box) return null;
  const style = getComputedStyle(box);
  const rect = box.getBoundingClientRect();
  return {
    backgroundColor: style.backgroundColor,
    color: style.color,
    fontSize: style.fontSize,
    display: style.display,
    height: rect.height,
    width: rect.width,
    buttons: root.querySelectorAll('button[data-action]').length,
  };
})()`;

export interface BannerStyle {
  backgroundColor: string;
  color: string;
  fontSize: string;
  display: string;
  height: number;
  width: number;
  buttons: number;
}

/** Whether a computed colour is visible at all ("transparent" and alpha 0 are not). */
export function isOpaqueColor(color: string): boolean {
  if (color === 'transparent') return false;
  const alpha = /rgba\([^)]*,\s*([\d.]+)\)/.exec(color);
  return alpha === null || Number(alpha[1]) > 0;
}

/** The element for a banner button (for a real click), from the open shadow root of the TEST build. */
export function bannerButton(action: string): string {
  return `document.querySelector('lurewatch-banner[data-lurewatch="banner"]')?.shadowRoot?.querySelector('[data-action="${action}"]')`;
}

/**
 * Run in an extension page (the popup opened in a tab): merges a patch into the stored settings. Used to undo what a
 * scenario changed (so one failure does not cascade into the next) and to allow the site again: the popup's own site
 * toggle acts on the active tab, which for a popup opened in a tab is the popup itself.
 */
export function patchSettings(patch: Record<string, unknown>): string {
  return `(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { settings } = await api.storage.local.get('settings');
  await api.storage.local.set({ settings: { ...settings, ...${JSON.stringify(patch)} } });
  return true;
})()`;
}

export const ALLOW_ALL_SITES = patchSettings({ disabledSites: [] });
export const DEFAULT_SWITCHES = patchSettings({ enabled: true, sensitivity: 'medium' });
