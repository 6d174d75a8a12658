// @vitest-environment jsdom
// Copying from a click: the clipboard API when the browser allows it, else the text selected in a read-only
// textarea for the person to copy with the keyboard.
import { describe, expect, it, vi } from 'vitest';
import { copyText } from '../../src/clipboard.js';

const area = (): HTMLTextAreaElement => {
  const element = document.createElement('textarea');
  element.hidden = true;
  document.body.append(element);
  return element;
};

describe('copyText', () => {
  it('writes to the clipboard, called at once (within the click), and leaves the textarea alone', async () => {
    const writeText = vi.fn(async () => undefined);
    const fallback = area();
    const copying = copyText('report', fallback, { writeText });
    expect(writeText).toHaveBeenCalledWith('report'); // before anything was awaited
    expect(await copying).toBe('copied');
    expect(fallback.hidden).toBe(true);
    expect(document.activeElement).not.toBe(fallback);
  });

  it('when the clipboard refuses, selects the whole text in a read-only textarea and focuses it', async () => {
    const fallback = area();
    const outcome = await copyText('the report\nsecond line', fallback, { writeText: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
    expect(outcome).toBe('selected');
    expect(fallback.hidden).toBe(false);
    expect(fallback.readOnly).toBe(true);
    expect(fallback.value).toBe('the report\nsecond line');
    expect(document.activeElement).toBe(fallback);
    expect([fallback.selectionStart, fallback.selectionEnd]).toEqual([0, fallback.value.length]);
  });

  it('falls back too where there is no clipboard API, or it throws at once', async () => {
    expect(await copyText('a', area(), undefined)).toBe('selected');
    const throwing = { writeText: (): Promise<void> => { throw new TypeError('not in this context'); } };
    expect(await copyText('b', area(), throwing)).toBe('selected');
  });
});
