// @vitest-environment jsdom
// The hint's placement against measured boxes: beside the field when there is room, else below, above or to the
// left, never over the field; hidden while the field is out of view; its host on <html>, texts set as text.
import { afterEach, describe, expect, it } from 'vitest';
import { Hint, type HintContent } from '../../src/content/hint.js';

const CONTENT: HintContent = {
  lang: 'en',
  title: 'Think before you post this',
  noticed: 'Your clearance',
  quote: '<img src=x onerror=alert(1)>',
  why: 'Why.',
  saferLabel: 'Safer:',
  safer: 'nothing',
  labels: { dismiss: 'Dismiss', notOnSite: 'Not on this site', wrong: 'Was this wrong?', local: 'Local.', region: 'LureWatch hint' },
  kind: 'clearance',
};
const HINT = { width: 340, height: 180 };
const VIEW = { width: 1280, height: 800 };

interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}
function rect({ top, left, width, height }: Box): DOMRect {
  return { top, left, width, height, bottom: top + height, right: left + width, x: left, y: top, toJSON: () => ({}) } as DOMRect;
}

let hint: Hint | undefined;
afterEach(() => {
  hint?.hide();
  document.body.replaceChildren();
});

function placeBeside(field: Box): { host: HTMLElement; box: DOMRect } {
  Object.assign(window, { innerWidth: VIEW.width, innerHeight: VIEW.height });
  const anchor = document.createElement('textarea');
  document.body.append(anchor);
  anchor.getBoundingClientRect = () => rect(field);
  hint = new Hint(document, true);
  hint.show(CONTENT, anchor, { dismiss: () => undefined, notOnSite: () => undefined, wrong: () => undefined });
  const host = document.querySelector<HTMLElement>('[data-lurewatch="hint"]')!;
  host.getBoundingClientRect = () => rect({ top: 0, left: 0, ...HINT });
  hint.place();
  const top = parseFloat(host.style.top);
  const left = parseFloat(host.style.left);
  return { host, box: rect({ top, left, ...HINT }) };
}
const overlaps = (a: DOMRect, b: DOMRect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('Hint placement', () => {
  it.each([
    ['beside a narrow field', { top: 100, left: 100, width: 400, height: 80 }, 'right'],
    ['below a wide field', { top: 100, left: 100, width: 1000, height: 80 }, 'below'],
    ['above a wide field at the bottom', { top: 650, left: 100, width: 1000, height: 80 }, 'above'],
    ['left of a field at the right edge', { top: 100, left: 500, width: 760, height: 640 }, 'left'],
  ])('%s', (_name, field, where) => {
    const { host, box } = placeBeside(field);
    const f = rect(field);
    expect(overlaps(box, f)).toBe(false);
    expect(host.getAttribute('data-placed')).toBe('yes');
    if (where === 'right') expect(box.left).toBeGreaterThanOrEqual(f.right);
    if (where === 'below') expect(box.top).toBeGreaterThanOrEqual(f.bottom);
    if (where === 'above') expect(box.bottom).toBeLessThanOrEqual(f.top);
    if (where === 'left') expect(box.right).toBeLessThanOrEqual(f.left);
    expect(box.left).toBeGreaterThanOrEqual(8);
    expect(box.right).toBeLessThanOrEqual(VIEW.width - 8);
  });

  it('is hidden while its field is scrolled out of view, and lives on <html> with its text as text', () => {
    const { host } = placeBeside({ top: -300, left: 100, width: 400, height: 80 });
    expect(host.getAttribute('data-placed')).toBe('no');
    expect(host.parentElement).toBe(document.documentElement);
    expect(host.shadowRoot!.querySelector('img')).toBeNull();
    expect(host.shadowRoot!.querySelector('.quote')!.textContent).toBe('“<img src=x onerror=alert(1)>”');
  });
});

describe('Hint host', () => {
  it('still shows when the page took its tag name first, under a name the page cannot know', () => {
    customElements.define(
      'lurewatch-hint',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<p>page content</p>';
        }
      },
    );
    const { host } = placeBeside({ top: 100, left: 100, width: 400, height: 80 });
    expect(host.localName).toMatch(/^lurewatch-hint-[a-z0-9]+$/);
    expect(host.shadowRoot!.querySelector('[role="status"]')).not.toBeNull();
    // Page text stays text.
    expect(host.shadowRoot!.querySelector('img')).toBeNull();
  });
});
