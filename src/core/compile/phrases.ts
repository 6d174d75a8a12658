// Build time only: expands the phrase mini-syntax of schema.ts into literal phrases.

export interface ExpandedPhrase {
  text: string;
  /** True when the phrase ended in `*`: no word boundary is required after it. */
  prefix: boolean;
}

/** `interest( |)free loan(s|)` -> four literal phrases. Assumes checkPhraseSyntax passed. */
export function expandPhrase(phrase: string): ExpandedPhrase[] {
  const prefix = phrase.endsWith('*');
  const body = prefix ? phrase.slice(0, -1) : phrase;
  let variants = [''];
  const pattern = /\(([^()]*)\)|([^()]+)/g;
  for (const part of body.matchAll(pattern)) {
    const options = part[1] !== undefined ? part[1].split('|') : [part[2]!];
    variants = variants.flatMap((start) => options.map((option) => start + option));
  }
  return variants
    .map((text) => text.replace(/ +/g, ' ').trim())
    .filter((text) => text !== '')
    .map((text) => ({ text, prefix }));
}
