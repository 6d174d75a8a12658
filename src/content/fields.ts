// Which fields the post hint may read, and how it reads them. The rule is: free text the person writes to publish
// or send (a CV, a profile, a post, a comment, a mail, a chat line) and nothing else. Passwords, payment details,
// one-time codes and hidden fields are never read, not even once, whatever they contain.

export type FieldKind = 'input' | 'textarea' | 'editable';

export interface Field {
  element: HTMLElement;
  kind: FieldKind;
}

/** Input types that hold free text. Email, URL, number, tel and the rest hold an address or a value, not prose. */
const FREE_TEXT_TYPES = new Set(['text', 'search']);
/** autocomplete tokens of secrets and payment: cc-number, cc-csc, current-password, one-time-code, ... */
const SECRET_AUTOCOMPLETE = /(^|\s)(cc-[a-z-]+|current-password|new-password|one-time-code|transaction-[a-z-]+)(\s|$)/i;
/**
 * Names, ids and labels that mark a secret or a payment field where autocomplete is missing. Matched on the
 * element's own attributes only, so a page cannot hide a CV field by calling its form "checkout".
 */
const SECRET_NAME = /pass(word|wd)|\bpass(code)?\b|pwd|\bpin\b|\botp|one.?time|verif(y|ication).?code|security.?code|\bcvv|\bcvc|card.?(number|no|num)|credit.?card|\bcc.?(num|number)|\biban\b|\bbic\b|swift|sort.?code|account.?(number|no)|routing|\bssn\b|密码|验证码|银行卡|卡号/i;

/** The field the person is typing into, or null when it is not one the hint may read. */
export function readableField(target: EventTarget | Node | null): Field | null {
  // Not `instanceof Element`: a field in a same-origin frame comes from that frame's realm, whose Element differs.
  if (!isElement(target)) return null;
  const view = target.ownerDocument.defaultView;
  if (!view) return null;
  let field: Field | null = null;
  if (target instanceof view.HTMLInputElement) {
    const type = (target.getAttribute('type') ?? 'text').toLowerCase();
    if (FREE_TEXT_TYPES.has(type) && !target.readOnly && !target.disabled) field = { element: target, kind: 'input' };
  } else if (target instanceof view.HTMLTextAreaElement) {
    if (!target.readOnly && !target.disabled) field = { element: target, kind: 'textarea' };
  } else if (target instanceof view.HTMLElement && isEditable(target)) {
    field = { element: editingHost(target), kind: 'editable' };
  }
  if (!field || isSecret(field.element) || isHidden(field.element)) return null;
  return field;
}

export function isElement(value: unknown): value is Element {
  return typeof value === 'object' && value !== null && (value as Node).nodeType === 1 && (value as Node).ownerDocument !== null;
}

/**
 * Still in a page. False, not an exception, for a node of a document that is gone: Firefox throws "can't access
 * dead object" at any touch of one, as when a page replaces a frame's document under a field we follow.
 */
export function isLive(node: Node): boolean {
  try {
    return node.isConnected;
  } catch {
    return false;
  }
}

/** The outermost editable element: rich editors nest paragraphs, and the whole editor is the field. */
function editingHost(element: HTMLElement): HTMLElement {
  let host = element;
  for (let parent = host.parentElement; parent && isEditable(parent); parent = parent.parentElement) host = parent;
  return host;
}

/** isContentEditable, with the attribute rule where an engine lacks it (jsdom, which the unit tests run in). */
function isEditable(element: HTMLElement): boolean {
  if (typeof element.isContentEditable === 'boolean') return element.isContentEditable;
  const owner = element.closest('[contenteditable]');
  return owner !== null && owner.getAttribute('contenteditable') !== 'false';
}

function isSecret(element: HTMLElement): boolean {
  if (element.getAttribute('inputmode') === 'numeric') return true; // codes, card and account numbers
  if (SECRET_AUTOCOMPLETE.test(element.getAttribute('autocomplete') ?? '')) return true;
  const names = ['name', 'id', 'aria-label', 'placeholder', 'data-testid'].map((a) => element.getAttribute(a) ?? '').join(' ');
  // "userPassword", "card_number", "cc-csc": split words so the patterns see them.
  return SECRET_NAME.test(names.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' '));
}

function isHidden(element: HTMLElement): boolean {
  if (element.closest('[hidden], [aria-hidden="true"], [inert]')) return true;
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  return style !== undefined && (style.display === 'none' || style.visibility === 'hidden');
}

/** Block elements end a line: "I work at" and "Lockheed" in two paragraphs are two lines, not "atLockheed". */
const BLOCK = /^(P|DIV|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|TR|TABLE|SECTION|ARTICLE|HEADER|FOOTER|FIGCAPTION)$/;

/**
 * The field's text, at most `maxChars`. Reads only: never sets a value, a selection or the DOM. Rich editors are
 * walked node by node rather than through innerText, which would force a layout on every check.
 */
export function fieldText(field: Field, maxChars: number): string {
  const element = field.element;
  if (field.kind !== 'editable') return (element as HTMLInputElement | HTMLTextAreaElement).value.slice(0, maxChars);
  let text = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child && text.length < maxChars; child = child.nextSibling) {
      if (child.nodeType === 3) {
        text += (child as Text).data;
      } else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === 'BR') {
          text += '\n';
        } else if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'TEMPLATE') {
          const block = BLOCK.test(tag);
          if (block && text !== '' && !text.endsWith('\n')) text += '\n';
          walk(child);
          if (block && !text.endsWith('\n')) text += '\n';
        }
      }
    }
  };
  walk(element);
  return text.slice(0, maxChars);
}
