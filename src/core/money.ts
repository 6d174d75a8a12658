// Amounts written with a currency sign ("$50 a photo", "€3,000", "¥800"). Folding turns every symbol into a space
// so that phrases can be anchored on words, which leaves the automaton blind to "$": this one regular expression
// finds them instead, and their hits count for the rule that holds the worded amounts ("50 dollars", "800 元").
import type { PhraseHit } from './match/scan.js';
import type { Pack } from './pack.js';

/** The rule whose concept and explanation a currency amount takes. */
export const MONEY_RULE_ID = 'pay-amount-en';

const CURRENCY = /[$€£¥￥₩₹]\s?\d|\d\s?[$€£¥￥](?![\p{L}\p{N}])/gu;

const ruleIndex = new WeakMap<Pack, number>();

/** Hits for currency amounts in `text`, in order; none when the pack has no money rule. */
export function moneyHits(text: string, pack: Pack): PhraseHit[] {
  let rule = ruleIndex.get(pack);
  if (rule === undefined) {
    rule = pack.rules.findIndex((r) => r.id === MONEY_RULE_ID);
    ruleIndex.set(pack, rule);
  }
  if (rule < 0) return [];
  const hits: PhraseHit[] = [];
  for (const match of text.matchAll(CURRENCY)) {
    const start = match.index;
    let end = start + match[0].length;
    // The whole number, so the banner can quote "$2,500" rather than "$2".
    while (end < text.length && /[\d,.]/.test(text[end]!) && /\d/.test(text[end + (text[end] === ',' || text[end] === '.' ? 1 : 0)] ?? '')) end++;
    hits.push({ rule, pattern: -1, foldedStart: start, foldedEnd: end, start, end });
  }
  return hits;
}
