// Build time only: derives the fold table from Unicode (through the JavaScript engine's own NFKC and case
// mapping) and a character-level Traditional-to-Simplified table, then keeps only the entries that can change
// what the rules match, so the content script ships a few kilobytes rather than Unicode.

import { EXPAND, encodeFoldRuns, type FoldData, type FoldTable } from '../fold/table.js';

/**
 * Latin look-alikes used to disguise words (Cyrillic and Greek letters that render like Latin ones). Applied to
 * both cases before lower-casing, since the upper-case forms are the convincing ones ("В" for "B").
 */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g',
  А: 'a', В: 'b', Е: 'e', Ё: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', У: 'y', Х: 'x',
  І: 'i', Ї: 'i', Ј: 'j', Ѕ: 's', Ԁ: 'd', Ԛ: 'q', Ԝ: 'w', Һ: 'h', Ӏ: 'l',
  // Greek
  α: 'a', ο: 'o', ρ: 'p', ι: 'i', κ: 'k', ν: 'v', τ: 't', υ: 'u', χ: 'x', ϲ: 'c', ε: 'e',
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
};

// Invisible characters, and the combining marks used to disguise Latin words ("zalgo" text, stacked accents).
// Marks of other scripts are part of their letters and stay.
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/u;
// Everything that is not a letter, digit or mark separates words (punctuation, symbols, emoji, controls):
// folding all of it to one space lets phrases be anchored on spaces. Unassigned code points stay as they are.
const WORDLIKE = /^[\p{L}\p{N}\p{M}\p{Cn}]$/u;
const isSeparator = (ch: string): boolean => !WORDLIKE.test(ch);
const DECIMAL = /^\p{Nd}$/u;
const MARKS = /\p{M}/gu;
const ALPHABETIC_SCRIPT = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

/** Folds one character completely: '' when it vanishes, a string of one or more units otherwise. */
function foldCharacter(ch: string, t2s: ReadonlyMap<string, string>): string {
  if (IGNORABLE.test(ch)) return '';
  // NFKC first: compatibility symbols such as "㎞" or "①" carry letters and digits.
  let s = (LOOKALIKES[ch] ?? ch).normalize('NFKC').toLowerCase();
  let result = '';
  for (const part of s) {
    let x = LOOKALIKES[part] ?? part;
    // Accents are dropped on alphabetic scripts only: NFD would also take Hangul syllables apart.
    if (ALPHABETIC_SCRIPT.test(x)) x = x.normalize('NFD').replace(MARKS, '').normalize('NFC');
    x = t2s.get(x) ?? x;
    for (const y of x) {
      if (IGNORABLE.test(y)) continue;
      else if (isSeparator(y)) result += ' ';
      else if (DECIMAL.test(y)) result += '0';
      else result += y;
    }
  }
  s = result.replace(/ +/g, ' ');
  return s;
}

export interface FullFold {
  /** Folded form of every BMP code unit (surrogates excluded: they are folded at run time). */
  forms: string[];
}

/** The complete fold of every BMP code unit, before filtering. Takes about a second. */
export function buildFullFold(t2s: ReadonlyMap<string, string>): FullFold {
  const forms: string[] = new Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    forms[c] = c >= 0xd800 && c <= 0xdfff ? ch : foldCharacter(ch, t2s);
  }
  return { forms };
}

/** A fold table over the full fold (used to fold the phrases themselves, before the alphabet is known). */
export function tableFromForms(forms: readonly string[], keep: (c: number, form: string) => boolean): {
  table: FoldTable;
  data: FoldData;
} {
  const units = new Uint16Array(0x10000);
  const expansions = new Map<number, string>();
  for (let c = 0; c < 0x10000; c++) {
    const form = forms[c]!;
    if (c >= 0xd800 && c <= 0xdfff) units[c] = EXPAND; // surrogates take the slow path
    else if (form === String.fromCharCode(c) || !keep(c, form)) units[c] = c;
    else if (form.length === 0) units[c] = 0;
    else if (form.length === 1 && form.charCodeAt(0) !== EXPAND) units[c] = form.charCodeAt(0);
    else {
      units[c] = EXPAND;
      expansions.set(c, form);
    }
  }
  const runsSource = Uint16Array.from(units, (u, c) => (expansions.has(c) ? c : u));
  const data: FoldData = { runs: encodeFoldRuns(runsSource), expansions: Object.fromEntries(expansions) };
  return { table: { units, expansions }, data };
}

/**
 * Keeps the entries that matter for matching: characters that vanish or become spaces or digits, and those
 * whose fold contains a unit some phrase uses. Everything else folds to itself at run time, which changes no match.
 */
export function relevantTo(alphabet: ReadonlySet<number>): (c: number, form: string) => boolean {
  return (_c, form) => {
    if (form === '' || form === ' ' || form === '0') return true;
    // A multi-unit form matters only if it spells part of a phrase; "(1)" and the like may stay as one symbol.
    for (let k = 0; k < form.length; k++) {
      const u = form.charCodeAt(k);
      if (u !== 0x20 && u !== 0x30 && alphabet.has(u)) return true;
    }
    return false;
  };
}

/** Character-level Traditional to Simplified, from OpenCC's data through opencc-js (build time only). */
export async function loadTraditionalToSimplified(): Promise<Map<string, string>> {
  const OpenCC = (await import('opencc-js')) as unknown as {
    Converter: (options: { from: string; to: string }) => (text: string) => string;
  };
  const converters = ['t', 'tw', 'hk'].map((from) => OpenCC.Converter({ from, to: 'cn' }));
  const table = new Map<string, string>();
  const ranges: Array<[number, number]> = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      for (const convert of converters) {
        const simplified = convert(ch);
        if (simplified !== ch && [...simplified].length === 1) {
          table.set(ch, simplified);
          break;
        }
      }
    }
  }
  return table;
}
