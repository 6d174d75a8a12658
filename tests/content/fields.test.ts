// @vitest-environment jsdom
// Which fields the post hint may read: free text only; never passwords, payment, one-time codes or hidden fields;
// a rich editor is read whole from its editing host, line breaks kept, and nothing is ever written.
import { beforeEach, describe, expect, it } from 'vitest';
import { fieldText, readableField } from '../../src/content/fields.js';

beforeEach(() => {
  document.body.replaceChildren();
});
const make = (html: string): HTMLElement => {
  document.body.innerHTML = html;
  return document.querySelector('[data-t]') as HTMLElement;
};

describe('readableField', () => {
  it.each([
    ['<input data-t>', 'input'],
    ['<input data-t type="text" name="headline">', 'input'],
    ['<input data-t type="search">', 'input'],
    ['<textarea data-t name="summary"></textarea>', 'textarea'],
    ['<div data-t contenteditable="true"></div>', 'editable'],
    ['<input data-t name="passport_country">', 'input'],
  ])('reads the free-text field %s', (html, kind) => {
    expect(readableField(make(html))?.kind).toBe(kind);
  });

  it.each([
    '<input data-t type="password">',
    '<input data-t type="email">',
    '<input data-t type="number">',
    '<input data-t type="tel">',
    '<input data-t type="hidden">',
    '<input data-t autocomplete="cc-number">',
    '<input data-t autocomplete="cc-csc">',
    '<input data-t autocomplete="one-time-code">',
    '<input data-t autocomplete="current-password">',
    '<input data-t name="cardNumber">',
    '<input data-t name="card_no">',
    '<input data-t id="cvv">',
    '<input data-t name="iban">',
    '<input data-t name="otp">',
    '<input data-t name="userPassword">',
    '<input data-t aria-label="验证码">',
    '<input data-t inputmode="numeric" maxlength="6">',
    '<input data-t readonly>',
    '<input data-t disabled>',
    '<textarea data-t hidden></textarea>',
    '<div aria-hidden="true"><textarea data-t></textarea></div>',
    '<textarea data-t style="display:none"></textarea>',
    '<textarea data-t style="visibility:hidden"></textarea>',
    '<div data-t contenteditable="false"></div>',
    '<button data-t>Send</button>',
  ])('never reads %s', (html) => {
    expect(readableField(make(html))).toBeNull();
  });

  it('takes a rich editor from its editing host, wherever the caret is inside it', () => {
    document.body.innerHTML = '<div id="editor" contenteditable="true"><p>One</p><p><b data-t>two</b></p></div>';
    const inner = document.querySelector('[data-t]')!;
    expect(readableField(inner)?.element.id).toBe('editor');
    expect(readableField(null)).toBeNull();
    expect(readableField(document)).toBeNull();
  });
});

describe('fieldText', () => {
  it('reads values of inputs and text areas, up to the cap, and changes nothing', () => {
    const area = make('<textarea data-t></textarea>') as HTMLTextAreaElement;
    area.value = 'I hold an active TS/SCI clearance';
    area.setSelectionRange(3, 7);
    const field = readableField(area)!;
    expect(fieldText(field, 1000)).toBe('I hold an active TS/SCI clearance');
    expect(fieldText(field, 6)).toBe('I hold');
    expect(area.value).toBe('I hold an active TS/SCI clearance');
    expect([area.selectionStart, area.selectionEnd]).toEqual([3, 7]);
  });

  it('keeps the lines of a rich editor apart and skips scripts and styles', () => {
    const editor = make('<div data-t contenteditable><p>I work at</p><p>Lockheed<br>Martin</p><style>p{}</style><div>end</div></div>');
    const before = editor.innerHTML;
    expect(fieldText(readableField(editor)!, 1000)).toBe('I work at\nLockheed\nMartin\nend\n');
    expect(editor.innerHTML).toBe(before);
  });
});
