// Kept apart from disclosure.ts so that the content script, which only needs this number, does not carry the
// disclosure model with it.

/** A field is read up to this many characters: a CV fits, and a keystroke stays cheap on a pasted book. */
export const MAX_FIELD_CHARS = 20_000;
