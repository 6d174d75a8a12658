// @vitest-environment jsdom
// The banner: attributes the tests and the page can see, text set as text, buttons and Esc.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Banner, type BannerContent } from '../../src/content/banner.js';

const content = (quote: string): BannerContent => ({
  severity: 'warning',
  lang: 'en',
  title: 'This looks like an approach used to get information about your work or the places near you',
  labels: { noticed: 'Noticed', why: 'Why', todo: 'Do', report: 'Report', show: 'Show me', dismiss: 'Dismiss', notOnSite: 'Not on this site', settings: 'Settings', wrong: 'Was this wrong?', local: 'Local' },
  evidence: [{ label: 'Offer', quote, context: `before ${quote} after` }],
  story: 'A story.',
  advice: 'Advice.',
  report: '12339',
  canShow: true,
  notice: '',
});

const actions = () => ({ show: vi.fn(), dismiss: vi.fn(), notOnSite: vi.fn(), settings: vi.fn(), wrong: vi.fn() });

describe('Banner', () => {
  beforeEach(() => document.querySelectorAll('lurewatch-banner').forEach((e) => e.remove()));

  it('renders into a shadow root on a host carrying its state', () => {
    document.documentElement.replaceChildren(document.createElement('body'));
    const banner = new Banner(document, true);
    banner.render(content('interest-free loan'), 'bottom', actions());
    const host = document.querySelector('lurewatch-banner')!;
    expect(host.getAttribute('data-lurewatch')).toBe('banner');
    expect(host.getAttribute('data-severity')).toBe('warning');
    expect(host.getAttribute('data-position')).toBe('bottom');
    const root = host.shadowRoot!;
    expect(root.querySelector('[role="alert"]')).not.toBeNull();
    expect(root.querySelectorAll('[data-part="evidence"]')).toHaveLength(1);
    expect([...root.querySelectorAll('button')].map((b) => b.getAttribute('data-action'))).toEqual(['show', 'dismiss', 'not-on-site', 'settings', 'wrong']);
  });

  it('shows a notice line only when there is one', () => {
    const banner = new Banner(document, true);
    banner.render(content('interest-free loan'), 'top', actions());
    const root = document.querySelector('lurewatch-banner')!.shadowRoot!;
    expect(root.querySelector('.notice')).toBeNull();
    banner.render({ ...content('interest-free loan'), notice: 'Could not save.' }, 'top', actions());
    expect(root.querySelector('.notice')?.textContent).toBe('Could not save.');
    expect(root.querySelector('.notice')?.getAttribute('role')).toBe('status');
  });

  it('sets page text as text, never as markup', () => {
    const banner = new Banner(document, true);
    banner.render(content('<img src=x onerror="window.pwned=1">'), 'top', actions());
    const root = document.querySelector('lurewatch-banner')!.shadowRoot!;
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror="window.pwned=1">');
  });

  it('calls the actions from its buttons and from Esc, keeping keys from the page', () => {
    const banner = new Banner(document, true);
    const handlers = actions();
    banner.render(content('paid reports'), 'top', handlers);
    const root = document.querySelector('lurewatch-banner')!.shadowRoot!;
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    for (const action of ['show', 'dismiss', 'not-on-site', 'settings', 'wrong']) {
      (root.querySelector(`[data-action="${action}"]`) as HTMLButtonElement).click();
    }
    expect(handlers.show).toHaveBeenCalledOnce();
    expect(handlers.notOnSite).toHaveBeenCalledOnce();
    expect(handlers.settings).toHaveBeenCalledOnce();
    expect(handlers.wrong).toHaveBeenCalledOnce();
    root.querySelector('button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(handlers.dismiss).toHaveBeenCalledTimes(2);
    expect(pageKeys).not.toHaveBeenCalled();
  });

  it('is closed to the page outside the test build, and goes away when removed', () => {
    document.querySelectorAll('lurewatch-banner').forEach((e) => e.remove());
    const banner = new Banner(document, false);
    banner.render(content('x'), 'top', actions());
    expect(document.querySelector('lurewatch-banner')!.shadowRoot).toBeNull();
    expect(banner.shown).toBe(true);
    banner.remove();
    expect(document.querySelector('lurewatch-banner')).toBeNull();
    expect(banner.shown).toBe(false);
  });
  it('still shows when the page took its tag name first, under a name the page cannot know', () => {
    // A custom element defined by the page under the banner's own tag, taking the shadow root in its constructor.
    customElements.define(
      'lurewatch-banner',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<p>page content</p>';
        }
      },
    );
    const banner = new Banner(document, true);
    banner.render(content('interest-free loan'), 'top', actions());
    const host = document.querySelector('[data-lurewatch="banner"]')!;
    expect(host.localName).toMatch(/^lurewatch-banner-[a-z0-9]+$/);
    expect(host.shadowRoot!.querySelector('[role="alert"]')).not.toBeNull();
    banner.remove();
  });

  it('makes an HTML host even in a non-HTML document (an SVG image opened as a page)', () => {
    const svg = new DOMParser().parseFromString('<svg xmlns="http://www.w3.org/2000/svg"><text>hi</text></svg>', 'image/svg+xml');
    const banner = new Banner(svg, true);
    banner.render(content('interest-free loan'), 'top', actions());
    const host = svg.querySelector('[data-lurewatch="banner"]')!;
    expect(host.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    expect(host.shadowRoot!.querySelector('[role="alert"]')).not.toBeNull();
  });
});
