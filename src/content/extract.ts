// Visible text of a document or subtree, as a person reads it, read with a TreeWalker: no script, style, noscript or template content,
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
  /** Told of each open shadow root the walk enters, so the caller can watch it for changes as well. */
  onShadowRoot?: (root: ShadowRoot) => void;
}

export function extractVisibleText(root: Node, options: ExtractOptions = {}): ExtractedText {
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  const isHidden = options.isHidden ?? hiddenInPage;
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let length = 0;
  let truncated = false;
  let lastParent: Element | null = null;
  let lastHidden = false;
  let lastBlock: Node | null = null;
  let parentBlock: Node | null = null;

  const breakLine = (): void => {
    if (length > 0 && parts[parts.length - 1] !== '\n') {
      parts.push('\n');
      length++;
    }
  };
  const readText = (text: Text): void => {
    const value = text.data;
    if (value.trim().length === 0) return;
    const parent = text.parentElement;
    if (parent !== lastParent) {
      lastParent = parent;
      lastHidden = parent !== null && isHidden(parent);
      parentBlock = nearestBlock(text);
    }
    if (lastHidden) return;
    // Words of two blocks never run together: a change of block is a line break.
    if (lastBlock !== null && parentBlock !== lastBlock) breakLine();
    lastBlock = parentBlock;
    const room = maxChars - length;
    const taken = value.length > room ? value.slice(0, room) : value;
    segments.push({ node: text, start: length });
    parts.push(taken);
    length += taken.length;
    if (taken.length < value.length) truncated = true;
  };
  // A TreeWalker per tree (the document, then each open shadow root where its host stands): native, iterative,
  // so a page nested 10,000 levels deep cannot overflow the call stack. Shadow roots nest as deep as hosts do.
  const walk = (tree: Node): void => {
    const doc = tree.nodeType === 9 ? (tree as Document) : tree.ownerDocument;
    if (!doc) return;
    const walker = doc.createTreeWalker(tree, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, { acceptNode: accept });
    for (let node = walker.nextNode(); node && !truncated; node = walker.nextNode()) {
      if (node.nodeType === 3) {
        readText(node as Text);
        continue;
      }
      const element = node as Element;
      if (element.tagName.toUpperCase() === 'BR') breakLine();
      const shadow = element.shadowRoot;
      if (shadow) {
        options.onShadowRoot?.(shadow);
        breakLine();
        walk(shadow);
        lastBlock = null;
      }
    }
  };
  // A changed subtree is read only where the walker would have entered it: a <script> the page adds, a paragraph
  // typed inside a contenteditable or an SVG document's root are no more page text than they are in a full survey.
  if (!insideReadableTree(root)) return { text: '', segments, truncated };
  // A text node added on its own (element.textContent = "...") is read as itself: a walker sees no children in it.
  if (root.nodeType === 3) readText(root as Text);
  else walk(root);
  return { text: parts.join(''), segments, truncated };
}

/** Neither the root nor any ancestor (across shadow hosts) is one the walker skips. */
function insideReadableTree(root: Node): boolean {
  for (let node: Node | null = root; node; node = node.parentNode ?? (node as Partial<ShadowRoot>).host ?? null) {
    if (node.nodeType === 1 && accept(node) !== 1) return false;
  }
  return true;
}

/** What the walker enters: never skipped tags, our own UI, hidden-attribute subtrees or editable regions. */
function accept(node: Node): number {
  if (node.nodeType !== 1) return 1; // FILTER_ACCEPT
  const element = node as Element;
  if (SKIPPED_TAGS.has(element.tagName.toUpperCase())) return 2; // FILTER_REJECT: skip the subtree
  if (element.hasAttribute(OWN_UI_ATTRIBUTE) || element.hasAttribute('hidden')) return 2;
  // What the person is typing is theirs, not the page's offer.
  const editable = element.getAttribute('contenteditable');
  if (editable === 'true' || editable === '' || editable === 'plaintext-only') return 2;
  return 1;
}

/** The nearest ancestor that is not an inline element: text in the same block reads as one run. */
function nearestBlock(text: Text): Node | null {
  let node: Node | null = text.parentNode;
  while (node && node.nodeType === 1 && INLINE_TAGS.has((node as Element).tagName.toUpperCase())) node = node.parentNode;
  return node;
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
