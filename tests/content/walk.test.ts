// @vitest-environment jsdom
// The reader's own walk must visit exactly what a TreeWalker over elements and text, filtered by `accept`, visits,
// in the same order: on random trees with skipped elements, hidden and editable subtrees and comments, deep nesting,
// and when the walk is resumed after the page changed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accept, nextNode, startWalk } from '../../src/content/extract.js';

type Tree = { tag: string; attrs: Record<string, string>; children: Array<Tree | string | { comment: string }> };

const TAGS = ['div', 'p', 'span', 'b', 'script', 'style', 'template', 'textarea', 'section', 'br', 'svg'];
const ATTRS: Array<Record<string, string>> = [{}, {}, {}, { hidden: '' }, { contenteditable: 'true' }, { 'data-lurewatch': 'banner' }];

const tree: fc.Memo<Tree> = fc.memo((depth) =>
  fc.record({
    tag: fc.constantFrom(...TAGS),
    attrs: fc.constantFrom(...ATTRS),
    children:
      depth <= 1
        ? fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.record({ comment: fc.string({ maxLength: 3 }) })), { maxLength: 3 })
        : fc.array(fc.oneof(tree(depth - 1), fc.string({ maxLength: 4 }), fc.record({ comment: fc.string({ maxLength: 3 }) })), { maxLength: 4 }),
  }),
);

function build(doc: Document, t: Tree): Element {
  const element = doc.createElement(t.tag);
  for (const [name, value] of Object.entries(t.attrs)) element.setAttribute(name, value);
  for (const child of t.children) {
    if (typeof child === 'string') element.append(doc.createTextNode(child));
    else if ('comment' in child) element.append(doc.createComment(child.comment));
    else element.append(build(doc, child));
  }
  return element;
}

function reference(root: Node): Node[] {
  const walker = document.createTreeWalker(root, 0x1 | 0x4, { acceptNode: accept });
  const nodes: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

function ours(root: Node): Node[] {
  const walk = startWalk(root);
  const nodes: Node[] = [];
  for (let node = nextNode(walk); node; node = nextNode(walk)) nodes.push(node);
  return nodes;
}

describe('the reader’s walk', () => {
  it('visits what a filtered TreeWalker visits, in the same order', () => {
    fc.assert(
      fc.property(fc.array(tree(4), { maxLength: 4 }), (trees) => {
        const root = document.createElement('main');
        for (const t of trees) root.append(build(document, t));
        expect(ours(root)).toEqual(reference(root));
      }),
      { numRuns: 300 },
    );
  });

  it('resumes where it stood after the page changed ahead of it and behind it', () => {
    const root = document.createElement('main');
    root.innerHTML = '<p>one</p><div><span>two</span><script>x</script></div><p>three</p>';
    const walk = startWalk(root);
    const walker = document.createTreeWalker(root, 0x1 | 0x4, { acceptNode: accept });
    const first = [nextNode(walk), nextNode(walk), nextNode(walk)];
    expect(first).toEqual([walker.nextNode(), walker.nextNode(), walker.nextNode()]);
    root.insertAdjacentHTML('afterbegin', '<p>zero</p>'); // behind the walk: not read
    root.insertAdjacentHTML('beforeend', '<p>four</p>'); // ahead: read
    expect(oursRest(walk)).toEqual(rest(walker));
  });

  // 2,000 levels: jsdom itself slows down past a few thousand; the hostile end-to-end pages nest 10,000 deep.
  it('walks deep nesting without recursion', () => {
    let node: Element = document.createElement('main');
    const root = node;
    for (let i = 0; i < 2_000; i++) {
      const child = document.createElement('div');
      node.append(child);
      node = child;
    }
    node.append('deep');
    const visited = ours(root);
    expect(visited).toHaveLength(2_001);
    expect(visited.at(-1)?.textContent).toBe('deep');
  });
});

function oursRest(walk: ReturnType<typeof startWalk>): string[] {
  const out: string[] = [];
  for (let node = nextNode(walk); node; node = nextNode(walk)) out.push(node.nodeName + ':' + (node.nodeType === 3 ? node.textContent : ''));
  return out;
}
function rest(walker: TreeWalker): string[] {
  const out: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node.nodeName + ':' + (node.nodeType === 3 ? node.textContent : ''));
  return out;
}
