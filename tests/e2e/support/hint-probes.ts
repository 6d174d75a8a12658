// What the post-hint end-to-end tests look at, as expressions both drivers evaluate in a page: Playwright (a
// function's source) and WebDriver BiDi (an expression string). The test build opens the hint's shadow root.

/** The texts typed in every scenario: one disclosure per kind of field, and ordinary look-alikes. */
export const TYPED = {
  clearance: 'Happy to help with the review. I hold an active TS/SCI clearance and can start in May.',
  employer: 'I work at Lockheed Martin as a test technician on the final assembly line.',
  editor: 'Busy month at work. I work on a classified project, so no pictures from the plant, sorry.',
  frame: 'Hi Sam, my badge gets me into the hangar, so I can tell you what the new one looks like.',
  chat: "Nice! I'm stationed at the air base next to the show, my squadron flies there on Saturday.",
  ordinary: 'Senior engineer with ten years in manufacturing. I love hiking and model trains.',
} as const;

/** Words of the typed texts that must never reach the extension's storage. */
export const TYPED_PIECES = ['TS/SCI', 'Lockheed', 'classified project', 'my badge', 'squadron', 'Senior engineer', 'hiking'];

export interface HintState {
  present: boolean;
  placed: string | null;
  kind: string | null;
  /** The host's parent: must be <html>, never the field's surroundings. */
  parent: string | null;
  role: string | null;
  live: string | null;
  text: string;
  /** The hint's box and the field's box, to check that the hint never covers the field. */
  box: Rect | null;
  field: Rect | null;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** An expression giving the hint's state in this document, next to the field the CSS selector names. */
export function hintState(fieldSelector: string | null): string {
  return `(${HINT_STATE})(${JSON.stringify(fieldSelector)})`;
}

const HINT_STATE = `(field) => {
  const host = document.querySelector('[data-lurewatch="hint"]');
  if (!host) return { present: false, placed: null, kind: null, parent: null, role: null, live: null, text: '', box: null, field: null };
  const section = host.shadowRoot && host.shadowRoot.querySelector('section');
  const r = host.getBoundingClientRect();
  const f = field ? document.querySelector(field) : null;
  const fr = f ? f.getBoundingClientRect() : null;
  return {
    present: true,
    placed: host.getAttribute('data-placed'),
    kind: host.getAttribute('data-kind'),
    parent: host.parentElement ? host.parentElement.tagName : null,
    role: section ? section.getAttribute('role') : null,
    live: section ? section.getAttribute('aria-live') : null,
    text: section ? section.textContent : '',
    box: { top: r.top, left: r.left, bottom: r.bottom, right: r.right },
    field: fr ? { top: fr.top, left: fr.left, bottom: fr.bottom, right: fr.right } : null,
  };
}`;

export function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Run in an extension context (Chromium's service worker, Firefox's popup page): everything in storage.local. */
export const STORAGE_DUMP = `(globalThis.browser ?? globalThis.chrome).storage.local.get(null)`;
