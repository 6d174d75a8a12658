// Visible text of a document or subtree, as a person reads it: no script, style, noscript or template content,
// nothing hidden, nothing of LureWatch's own UI; open shadow roots included. Shared by the content script and the
// `scan` command (through jsdom), so both see the same text.

/** Elements whose content is never read as page text. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'TEXTAREA', 'SELECT',
  'OPTION', 'HEAD', 'TITLE', 'META', 'LINK', 'AUDIO', 'VIDEO', 'MATH',
]);

/** Inline elements do not break words; every other element ends a line, so words of two blocks never merge. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'KBD', 'MARK', 'Q', 'RUBY',
  'RT', 'RP', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR', 'INS', 'DEL', 'LABEL',
]);

/** Marks LureWatch's own elements (banner, hint); their text is never read. */
export const OWN_UI_ATTRIBUTE = 'data-lurewatch';

export interface TextSegment {
  node: Text;
  /** Offset of the node's first character in the extracted text. */
  start: number;
}

export interface ExtractedText {
  text: string;
  /** Text nodes in reading order with their offsets, so evidence can be mapped back to the page. */
  segments: TextSegment[];
  /** True when maxChars stopped the walk early. */
  truncated: boolean;
}

export interface ExtractOptions {
  /** Stop after this many characters (huge pages). */
  maxChars?: number;
  /**
   * Whether the element holding a text node is hidden, ancestors included. Asked once per element that holds
   * text (not for every element), since style checks are the expensive part of reading a page.
   */
  isHidden?: (element: Element) => boolean;
}

export function extractVisibleText(root: Node, options: ExtractOptions = {}): ExtractedText {
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  const isHidden = options.isHidden ?? hiddenInPage;
  let lastParent: Element | null = null;
  let lastHidden = false;
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let length = 0;
  let truncated = false;

  const breakLine = (): void => {
    if (length > 0 && parts[parts.length - 1] !== '\n') {
      parts.push('\n');
      length++;
    }
  };
  // An explicit stack rather than recursion: a page nested 10,000 levels deep must not overflow the call stack.
  const END_OF_BLOCK = null;
  const stack: Array<Node | null> = [root];
  while (stack.length > 0 && !truncated) {
    const node = stack.pop()!;
    if (node === END_OF_BLOCK) {
      breakLine();
      continue;
    }
    if (node.nodeType === 3) {
      const value = (node as Text).data;
      if (value.trim().length === 0) continue;
      const parent = node.parentElement;
      if (parent && parent !== lastParent) {
        lastParent = parent;
        lastHidden = isHidden(parent);
      }
      if (parent && lastHidden) continue;
      const room = maxChars - length;
      const taken = value.length > room ? value.slice(0, room) : value;
      segments.push({ node: node as Text, start: length });
      parts.push(taken);
      length += taken.length;
      if (taken.length < value.length) truncated = true;
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    let block = false;
    if (node.nodeType === 1) {
      const element = node as Element;
      const tag = element.tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      if (element.hasAttribute(OWN_UI_ATTRIBUTE) || element.hasAttribute('hidden')) continue;
      // What the person is typing is theirs, not the page's offer.
      if (element.getAttribute('contenteditable') === 'true' || element.getAttribute('contenteditable') === '') continue;
      if (tag === 'BR') {
        breakLine();
        continue;
      }
      block = !INLINE_TAGS.has(tag);
    }
    if (block) {
      breakLine();
      stack.push(END_OF_BLOCK);
    }
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
    const shadow = node.nodeType === 1 ? (node as Element).shadowRoot : null;
    if (shadow) stack.push(shadow); // a shadow root renders before the light children it slots in
  }
  return { text: parts.join(''), segments, truncated };
}

/**
 * Hidden by style, ancestors included. Browsers answer with checkVisibility; elsewhere (jsdom, older engines) the
 * computed display and visibility of the element and its ancestors are read, cached for one walk.
 */
function hiddenInPage(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return !check.call(element, { visibilityProperty: true });
  const view = element.ownerDocument?.defaultView;
  if (!view) return false;
  for (let e: Element | null = element; e; e = e.parentElement) {
    const style = view.getComputedStyle(e);
    if (style.display === 'none') return true;
    if (e === element && (style.visibility === 'hidden' || style.visibility === 'collapse')) return true;
  }
  return false;
}
