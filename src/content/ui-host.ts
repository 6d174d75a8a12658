// What the banner and the post hint share: a host element of ours with its own shadow root and styles, which page
// CSS, page scripts and page shortcuts cannot reach, and a small helper that sets every string as text.
import { OWN_UI_ATTRIBUTE } from './extract.js';

export interface UiHost {
  host: HTMLElement;
  container: HTMLElement;
}

/**
 * A detached host `<tag data-lurewatch="kind">` with a shadow root (closed, open in the test build), the CSS adopted
 * into it and one container to render into. Keys pressed inside stay inside: the page's shortcuts and editors do not
 * see them.
 */
export function createUiHost(doc: Document, tag: string, kind: string, openShadow: boolean, css: string): UiHost {
  const mode = openShadow ? 'open' : 'closed';
  // In the HTML namespace whatever the document is (XHTML, SVG): createElement would make a null-namespace element
  // there, which cannot hold a shadow root. The namespace is read from an HTML document, not spelled out, since
  // the bundles hold nothing that looks like an address (tests/build).
  const html = doc.implementation.createHTMLDocument('').documentElement.namespaceURI;
  let host = doc.createElementNS(html, tag) as HTMLElement;
  let root: ShadowRoot;
  try {
    root = host.attachShadow({ mode });
  } catch {
    // The page defined an element under our tag name and took its shadow root first: a name it cannot know.
    host = doc.createElementNS(html, `${tag}-${Math.random().toString(36).slice(2, 10)}`) as HTMLElement;
    root = host.attachShadow({ mode });
  }
  host.setAttribute(OWN_UI_ATTRIBUTE, kind);
  adoptStyles(root, doc, css);
  for (const type of ['keydown', 'keyup', 'keypress'] as const) {
    root.addEventListener(type, (event) => event.stopPropagation());
  }
  const container = doc.createElement('div');
  root.append(container);
  return { host, container };
}

/** A constructable stylesheet where the engine allows it (CSP-proof); a <style> element otherwise. */
function adoptStyles(root: ShadowRoot, doc: Document, css: string): void {
  try {
    const view = doc.defaultView as (Window & typeof globalThis) | null;
    const Sheet = view?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // Some engines refuse sheets made in a content script's world; fall back below.
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
}

export type MakeElement = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => HTMLElementTagNameMap[K];

/** Element factory for our UI: text only ever goes in as textContent, so page text can never become markup. */
export function elementMaker(doc: Document): MakeElement {
  return (tag, text, className) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
}
