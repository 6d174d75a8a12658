// Copying a report to the clipboard from a click, for the banner, the post hint and the popup. The clipboard API
// needs the click's user activation, so writeText is called before anything is awaited. Where the browser refuses
// (no clipboard API on an insecure http page, a page's permissions policy, a denied permission), the text is put in
// a read-only textarea, focused and selected, so the person copies it with the keyboard: nothing is lost, and
// nothing goes anywhere but where the person pastes it.

export type CopyOutcome = 'copied' | 'selected';

/** The part of navigator.clipboard used here; tests pass a fake. */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

export async function copyText(text: string, fallback: HTMLTextAreaElement, clipboard: ClipboardLike | undefined): Promise<CopyOutcome> {
  let writing: Promise<void>;
  try {
    if (!clipboard) throw new Error('no clipboard API here');
    writing = clipboard.writeText(text);
  } catch (error) {
    writing = Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  try {
    await writing;
    return 'copied';
  } catch {
    selectIn(fallback, text);
    return 'selected';
  }
}

/** The clipboard of the window the element lives in, if it has one (insecure pages have none). */
export function clipboardOf(element: Element): ClipboardLike | undefined {
  const view = element.ownerDocument.defaultView;
  try {
    return view?.navigator.clipboard ?? undefined;
  } catch {
    return undefined;
  }
}

function selectIn(area: HTMLTextAreaElement, text: string): void {
  area.readOnly = true;
  area.value = text;
  area.hidden = false;
  area.focus({ preventScroll: false });
  area.select();
  // select() alone leaves the selection's direction to the engine; the whole text is what the person copies.
  area.setSelectionRange(0, text.length);
}
