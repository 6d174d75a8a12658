// "Show me": marks the evidence in the page and scrolls to it without touching the page's DOM, through the CSS
// Custom Highlight API where the browser has it, and the text selection where it does not.
import { HIGHLIGHT_CSS, HIGHLIGHT_NAME } from './banner-style.js';

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

export function highlightRanges(doc: Document, ranges: Range[], reducedMotion: boolean): boolean {
  if (ranges.length === 0) return false;
  const view = doc.defaultView as (Window & typeof globalThis & { Highlight?: new (...r: Range[]) => unknown }) | null;
  const registry = (view?.CSS as unknown as { highlights?: HighlightRegistry } | undefined)?.highlights;
  if (registry && view?.Highlight) {
    ensureHighlightStyle(doc);
    registry.set(HIGHLIGHT_NAME, new view.Highlight(...ranges));
  } else {
    const selection = doc.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(ranges[0]!);
  }
  const target = ranges[0]!.startContainer.parentElement;
  target?.scrollIntoView({ block: 'center', behavior: reducedMotion ? 'auto' : 'smooth' });
  return true;
}

/** Marks a finding's evidence, located by its offsets in the frame's text stream; text changed since is skipped. */
export function highlightEvidence(
  doc: Document,
  evidence: ReadonlyArray<{ start: number; end: number }>,
  stream: { locate(offset: number): { node: Text; offset: number } | null },
): void {
  const ranges: Range[] = [];
  for (const item of evidence) {
    const from = stream.locate(item.start);
    const to = stream.locate(item.end);
    if (!from || !to) continue;
    try {
      const range = doc.createRange();
      range.setStart(from.node, Math.min(from.offset, from.node.length));
      range.setEnd(to.node, Math.min(to.offset, to.node.length));
      ranges.push(range);
    } catch {
      // The text changed under us; skip this piece of evidence.
    }
  }
  const reduced = doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  highlightRanges(doc, ranges, reduced);
}

export function clearHighlight(doc: Document): void {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  (view?.CSS as unknown as { highlights?: HighlightRegistry } | undefined)?.highlights?.delete(HIGHLIGHT_NAME);
}

let styled = new WeakSet<Document>();

/** The ::highlight rule must live in the document's styles; an adopted sheet adds no element to the page. */
function ensureHighlightStyle(doc: Document): void {
  if (styled.has(doc)) return;
  try {
    const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    styled.add(doc);
  } catch {
    // Without the rule the highlight is invisible, but the scroll still shows the place.
  }
}

/** For tests that reuse a document. */
export function resetHighlightStyles(): void {
  styled = new WeakSet<Document>();
}
