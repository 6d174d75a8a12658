// The accessibility checks shared by the Chromium and Firefox suites, as expressions both drivers evaluate in a page
// (Playwright takes a function's source, WebDriver BiDi an expression string), and the pure judgements on what they
// return. What is checked, on the banner, the post hint, the popup and the first-run page, in both schemes:
// - keyboard: every control of ours is reached by Tab, in document order (tab order follows the markup);
// - visible focus: a control reached by keyboard shows an outline of 2 px or more that contrasts 3:1 with what
//   surrounds it;
// - contrast: every visible piece of text meets WCAG AA against the background it sits on (4.5:1, large text 3:1);
// - reduced motion: with prefers-reduced-motion: reduce, nothing of ours animates or transitions.
// Our in-page UI lives in shadow roots, open in the test build; the walks below go through them.

/** Where a check looks: the whole document (an extension page), or one of our hosts on a page. */
export type Scope = 'document' | 'banner' | 'hint';

const HOSTS: Record<Exclude<Scope, 'document'>, string> = {
  banner: 'lurewatch-banner[data-lurewatch="banner"]',
  hint: '[data-lurewatch="hint"]',
};

/** Helpers defined in the page before each probe: the scope's root, a deep walk, colours and contrast. */
const PRELUDE = `
const scopeRoot = (scope) => scope === 'document' ? document : (document.querySelector(${JSON.stringify(HOSTS)}[scope])?.shadowRoot ?? null);
const walk = (root, visit) => {
  for (const el of root.querySelectorAll('*')) { visit(el); if (el.shadowRoot) walk(el.shadowRoot, visit); }
};
const parent = (el) => el.parentElement ?? (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
const rgba = (text) => { const m = /rgba?\\(([^)]+)\\)/.exec(text); if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
const over = (top, below) => ({ r: top.r * top.a + below.r * (1 - top.a), g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1 });
const canvas = () => matchMedia('(prefers-color-scheme: dark)').matches ? { r: 18, g: 18, b: 18, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
const backgroundOf = (el) => {
  const layers = [];
  for (let node = el; node; node = parent(node)) {
    const c = rgba(getComputedStyle(node).backgroundColor);
    if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
  }
  let colour = layers.length && layers[layers.length - 1].a >= 1 ? layers.pop() : canvas();
  while (layers.length) colour = over(layers.pop(), colour);
  return colour;
};
const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
const shown = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0; };
const label = (el) => el.id ? '#' + el.id : el.getAttribute('data-action') ? '[data-action=' + el.getAttribute('data-action') + ']'
  : el.getAttribute('data-part') ? '[data-part=' + el.getAttribute('data-part') + ']' : el.tagName.toLowerCase() + '.' + el.className;
// A control drawn by a sibling (the popup's switch: a transparent checkbox over its track) is focusable all the same.
const focusable = (el) => { if (!el.matches('button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])') || el.disabled) return false;
  const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
`;

const probe = (body: string) => (scope: Scope): string => `(() => { ${PRELUDE} const scope = ${JSON.stringify(scope)}; ${body} })()`;

/** Our controls in the scope, in document (and shadow tree) order: what Tab must reach, in this order. */
export const CONTROLS = probe(`
  const root = scopeRoot(scope); if (!root) return null;
  const out = []; walk(root, (el) => { if (focusable(el)) out.push(label(el)); }); return out;
`);

/**
 * The focused element now, through shadow roots: whether it is one of ours in the scope, and how its focus shows
 * (the element's own outline, or the visible sibling that draws it for a visually hidden control, as the popup's
 * switch does).
 */
export const FOCUSED = probe(`
  let el = document.activeElement; while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return { label: null, ours: false };
  const root = scopeRoot(scope);
  const ours = root !== null && (scope === 'document' ? true : el.getRootNode() === root);
  const drawn = Number(getComputedStyle(el).opacity) === 0 && el.nextElementSibling ? el.nextElementSibling : el;
  const s = getComputedStyle(drawn);
  const width = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  const ring = rgba(s.outlineColor);
  const around = backgroundOf(parent(drawn) ?? drawn);
  return { label: label(el), ours, outline: width, contrast: ring ? ratio(over(ring, around), around) : 0 };
`);

/** Text below AA in the scope: each with its ratio, colours and size; an empty list passes. */
export const LOW_CONTRAST = probe(`
  const root = scopeRoot(scope); if (!root) return null;
  const failures = []; let checked = 0;
  walk(root, (el) => {
    if (el.closest('select, option, script, style, noscript') || !shown(el)) return;
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    if (!text) return;
    const s = getComputedStyle(el);
    const fg = rgba(s.color); if (!fg) return;
    const bg = backgroundOf(el);
    const size = parseFloat(s.fontSize); const bold = Number(s.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const r = ratio(over(fg, bg), bg); checked++;
    if (r < need) failures.push({ element: label(el), text: text.slice(0, 40), ratio: Math.round(r * 100) / 100, need, color: s.color, background: 'rgb(' + [bg.r, bg.g, bg.b].map(Math.round).join(', ') + ')' });
  });
  return { checked, failures };
`);

/** Elements of ours that animate or transition now; with reduced motion the list must be empty. */
export const MOVING = probe(`
  const root = scopeRoot(scope); if (!root) return null;
  const seconds = (list) => Math.max(0, ...list.split(',').map((v) => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1)));
  const out = [];
  const check = (el) => {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      const animated = s.animationName !== 'none' && seconds(s.animationDuration) > 0;
      const transition = seconds(s.transitionDuration) > 0 && s.transitionProperty !== 'none';
      if (animated || transition) out.push(label(el) + (pseudo ?? '') + (animated ? ' animation ' + s.animationName : ' transition ' + s.transitionProperty));
    }
  };
  if (root instanceof ShadowRoot) [...root.children].forEach(check);
  walk(root, check);
  return out;
`);

/** Which scheme and motion preference the page sees: the checks first prove they run under what they claim. */
export const MEDIA = `({ dark: matchMedia('(prefers-color-scheme: dark)').matches, reduce: matchMedia('(prefers-reduced-motion: reduce)').matches })`;

export interface Focused {
  label: string | null;
  ours: boolean;
  outline?: number;
  contrast?: number;
}

export interface Contrast {
  checked: number;
  failures: Array<{ element: string; text: string; ratio: number; need: number; color: string; background: string }>;
}

/**
 * Focus on the body itself (focusable for the moment, outside the tab order): the next Tab goes to the document's
 * first control, wherever focus was before (after a blur, both browsers go on from the element that had it).
 */
export const START_AT_TOP = `(() => { document.body.tabIndex = -1; document.body.focus({ preventScroll: true }); return document.activeElement === document.body; })()`;

/** Whether Tab has reached every control of ours yet. */
export function reachedAll(expected: readonly string[], reached: readonly Focused[]): boolean {
  return expected.every((label) => reached.some((f) => f.ours && f.label === label));
}

/** Focus lands in document order: what Tab reached of ours, against the controls of ours in markup order. */
export function focusOrderProblems(expected: readonly string[], reached: readonly Focused[]): string[] {
  const ours = reached.filter((f) => f.ours && f.label !== null).map((f) => f.label!);
  const once = ours.filter((label, i) => ours.indexOf(label) === i);
  // Tab goes round: where the walk began (wherever focus was) does not matter, the order does.
  const first = once.indexOf(expected[0] ?? '');
  const seen = first < 0 ? once : [...once.slice(first), ...once.slice(0, first)];
  const problems: string[] = [];
  if (JSON.stringify(seen.slice(0, expected.length)) !== JSON.stringify(expected)) {
    problems.push(`Tab order ${JSON.stringify(seen)} is not the markup's ${JSON.stringify(expected)}`);
  }
  for (const f of reached) {
    if (!f.ours || f.label === null) continue;
    if ((f.outline ?? 0) < 2) problems.push(`${f.label}: no visible focus outline (${f.outline ?? 0} px)`);
    else if ((f.contrast ?? 0) < 3) problems.push(`${f.label}: focus outline contrast ${f.contrast?.toFixed(2)} < 3`);
  }
  return problems;
}
