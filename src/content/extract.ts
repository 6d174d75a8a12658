// Visible text of a document or subtree, as a person reads it, in document order: no script, style, noscript or template content,
// nothing hidden, nothing of LureWatch's own UI; open shadow roots included. Shared by the content script and the
// `scan` command (through jsdom), so both see the same text.
import { narrowCopy, type NarrowText } from '../narrow-text.js';

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

export interface ExtractedText {
  /** With a narrow copy, joined when first read: what matters of the text then is its `length` and `narrow`. */
  readonly text: string;
  /** The text's length (reading it does not join a text that has a narrow copy). */
  length: number;
  /**
   * Text nodes in reading order, and the offset of each one's first character in the text, side by side, so evidence
   * can be mapped back to the page: two flat arrays, not an object per node (a 200,000-node page has 92,000 text
   * nodes), which the stream takes over as they are.
   */
  nodes: Text[];
  starts: number[];
  /** True when maxChars stopped the walk early. */
  truncated: boolean;
  /** The text's narrow copy for sending (see narrow-text.ts), when asked for and worth it. */
  narrow?: NarrowText | null;
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
  /** Make the narrow copy of a big text, from the text nodes themselves (the page sends it to the matcher). */
  narrow?: boolean;
}

export function extractVisibleText(root: Node, options: ExtractOptions = {}): ExtractedText {
  const reader = new VisibleTextReader(root, options);
  reader.read(() => true);
  return reader.result();
}

/** How many nodes the reader visits between two questions whether it may go on (a clock read is not free). */
const NODES_PER_CHECK = 64;

/**
 * extractVisibleText, resumable: `read` walks until the caller says stop, and the next call goes on from there, so
 * a huge page is read in slices of a few milliseconds instead of one long task. Read to the end in one call, it is
 * extractVisibleText exactly (that function is this reader run without stopping).
 *
 * Between slices the page may change: what the walk has not reached yet is read as it is when reached; what it
 * has passed is the caller's to read again (see `hasPassed`). A walk whose current node left the page cannot go
 * on (a detached walker ends early): `lost` says so, and the caller reads the page again in one go.
 */
export class VisibleTextReader {
  private readonly maxChars: number;
  private readonly isHidden: (element: Element) => boolean;
  private readonly parts: string[] = [];
  private readonly nodes: Text[] = [];
  private readonly starts: number[] = [];
  private length = 0;
  private truncated = false;
  private lastParent: Element | null = null;
  private lastHidden = false;
  private lastBlock: Node | null = null;
  private parentBlock: Node | null = null;
  /** A walk per tree: the document's, then one for each open shadow root being read, innermost last. */
  private readonly walkers: Walk[] = [];
  private started = false;
  private finished = false;
  private detached = false;

  constructor(
    private readonly root: Node,
    private readonly options: ExtractOptions = {},
  ) {
    this.maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
    this.isHidden = options.isHidden ?? hiddenInPage;
  }

  /** The walk ended early because the node it stood on left the page; what was read is incomplete. */
  get lost(): boolean {
    return this.detached;
  }

  /** Walks on until the end (returns true) or until `goOn()` says no (returns false; call again to resume). */
  read(goOn: () => boolean): boolean {
    if (this.finished) return true;
    if (!this.started) {
      this.started = true;
      // A changed subtree is read only where the walker would have entered it: a <script> the page adds, a
      // paragraph typed inside a contenteditable or an SVG document's root are no more page text than they are in
      // a full survey.
      if (!insideReadableTree(this.root)) return this.finish();
      // A text node added on its own (element.textContent = "...") is read as itself: a walker sees no children.
      if (this.root.nodeType === 3) {
        this.readText(this.root as Text);
        return this.finish();
      }
      this.enter(this.root);
    } else if (this.walkers.some((walker) => walker.current !== walker.root && !walker.root.contains(walker.current))) {
      this.detached = true;
      return this.finish();
    }
    let visited = 0;
    while (this.walkers.length > 0 && !this.truncated) {
      if (++visited % NODES_PER_CHECK === 0 && !goOn()) return false;
      const walker = this.walkers[this.walkers.length - 1]!;
      const node = nextNode(walker);
      if (!node) {
        this.walkers.pop();
        // Back in the host's tree after a shadow root: what follows the host starts a new run.
        if (this.walkers.length > 0) this.lastBlock = null;
        continue;
      }
      if (node.nodeType === 3) {
        this.readText(node as Text);
        continue;
      }
      const element = node as Element;
      if (element.tagName.toUpperCase() === 'BR') this.breakLine();
      const shadow = element.shadowRoot;
      if (shadow) {
        this.options.onShadowRoot?.(shadow);
        this.breakLine();
        this.enter(shadow);
      }
    }
    return this.finish();
  }

  /**
   * Whether the walk has already passed `node` (read it, or gone beyond it in reading order), so a change there
   * is not in what the walk will read. Open shadow roots are placed where their hosts stand.
   */
  hasPassed(node: Node): boolean {
    if (this.finished) return true;
    const here = this.walkers[this.walkers.length - 1]?.current;
    if (!here || !this.started) return false;
    // The current node and the hosts it is inside, innermost first.
    const chain: Node[] = [];
    for (let n: Node | null = here; n; n = (n.getRootNode() as Partial<ShadowRoot>).host ?? null) chain.push(n);
    for (let n: Node | null = node; n; n = (n.getRootNode() as Partial<ShadowRoot>).host ?? null) {
      const tree = n.getRootNode();
      const mark = chain.find((c) => c.getRootNode() === tree);
      if (!mark) continue;
      // The text node the walk stands on has been read; an element it stands on has not had its content read.
      if (n === mark) return n === here && n.nodeType === 3;
      const position = mark.compareDocumentPosition(n);
      if (position & 8 /* CONTAINS: n holds the current node */) return false;
      return (position & 2 /* PRECEDING */) !== 0;
    }
    return false;
  }

  result(): ExtractedText {
    const { parts, nodes, starts, truncated, length } = this;
    const narrow = this.options.narrow ? narrowCopy(parts, length) : undefined;
    if (!narrow) return { text: parts.join(''), length, nodes, starts, truncated, narrow };
    // What is sent is the narrow copy and its spans' text (see TextStream): the whole is joined only if asked for.
    let text: string | undefined;
    return {
      get text() {
        return (text ??= parts.join(''));
      },
      length,
      nodes,
      starts,
      truncated,
      narrow,
    };
  }

  private finish(): true {
    this.finished = true;
    this.walkers.length = 0;
    return true;
  }

  private enter(tree: Node): void {
    this.walkers.push(startWalk(tree));
  }

  private breakLine(): void {
    if (this.length > 0 && this.parts[this.parts.length - 1] !== '\n') {
      this.parts.push('\n');
      this.length++;
    }
  }

  private readText(text: Text): void {
    const value = text.data;
    if (value.trim().length === 0) return;
    const parent = text.parentElement;
    if (parent !== this.lastParent) {
      this.lastParent = parent;
      this.lastHidden = parent !== null && this.isHidden(parent);
      this.parentBlock = nearestBlock(text);
    }
    if (this.lastHidden) return;
    // Words of two blocks never run together: a change of block is a line break.
    if (this.lastBlock !== null && this.parentBlock !== this.lastBlock) this.breakLine();
    this.lastBlock = this.parentBlock;
    const room = this.maxChars - this.length;
    const taken = value.length > room ? value.slice(0, room) : value;
    this.nodes.push(text);
    this.starts.push(this.length);
    this.parts.push(taken);
    this.length += taken.length;
    if (taken.length < value.length) this.truncated = true;
  }
}

/**
 * Where a walk through one tree stands: the node it returned last, and whether its children are to be read (the
 * root, and elements `accept` let in). Iterative, so a page nested 10,000 levels deep cannot overflow the stack.
 * It reads what a TreeWalker over elements and text with `accept` as its filter would, in the same order, but
 * about three times faster on a big page: a TreeWalker calls back into JavaScript for every element.
 */
export interface Walk {
  readonly root: Node;
  current: Node;
  open: boolean;
}

/** A walk through the tree under `root` (not entering shadow roots: the reader does that), before its first node. */
export function startWalk(root: Node): Walk {
  return { root, current: root, open: true };
}

/** The next text node or accepted element after the walk's current node, in document order; null at the end. */
export function nextNode(walk: Walk): Node | null {
  let node: Node | null = following(walk.current, walk.root, walk.open);
  while (node) {
    const type = node.nodeType;
    if (type === 3) {
      walk.current = node;
      walk.open = false;
      return node;
    }
    if (type === 1 && accept(node) === 1) {
      walk.current = node;
      walk.open = true;
      return node;
    }
    // A skipped subtree, or a comment or other node that holds no text.
    node = following(node, walk.root, false);
  }
  return null;
}

/** The node after `node` in document order within `root`: its first child when `descend`, else what follows it. */
function following(node: Node, root: Node, descend: boolean): Node | null {
  if (descend) {
    const child = node.firstChild;
    if (child) return child;
  }
  for (let at: Node | null = node; at && at !== root; at = at.parentNode) {
    const next = at.nextSibling;
    if (next) return next;
  }
  return null;
}

/** Neither the root nor any ancestor (across shadow hosts) is one the walker skips. */
function insideReadableTree(root: Node): boolean {
  for (let node: Node | null = root; node; node = node.parentNode ?? (node as Partial<ShadowRoot>).host ?? null) {
    if (node.nodeType === 1 && accept(node) !== 1) return false;
  }
  return true;
}

/** What the walker enters: never skipped tags, our own UI, hidden-attribute subtrees or editable regions. */
export function accept(node: Node): number {
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
