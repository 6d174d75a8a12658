// The text of a report the person copies ("Was this wrong?" on the banner and the post hint, "Report a missed lure"
// in the popup) to paste into the project's issue tracker or an e-mail. Nothing here sends anything: the person
// reads the text, copies it, and decides where it goes. It names rule and concept ids, the severity and the
// version, never the page's address; quoted text only when the person ticked the box, and their own note. Field
// names stay English in both languages, so that whoever reads the tracker can sort reports without translating.
// Pure.

export type ReportKind = 'false-alarm' | 'missed-lure';

export interface ReportFacts {
  kind: ReportKind;
  /** What the report is about: the banner, the post hint, or what the popup knows of the current page. */
  where: 'banner' | 'post hint' | 'popup';
  /** The finding's severity ('hint' for a post hint); null when LureWatch found nothing there. */
  severity: string | null;
  rules: readonly string[];
  /** Concept ids: the facets of the evidence (a post hint's kind of disclosure). */
  concepts: readonly string[];
  /** The quoted evidence, only when the person chose to include it; null otherwise. */
  quotes: readonly string[] | null;
  /** The person's own words (the popup's note); empty for none. */
  note?: string;
  version: string;
}

/** Quotes and the note are cut here: a report is a few lines, not a copy of the page. */
export const MAX_QUOTE_CHARS = 200;
export const MAX_NOTE_CHARS = 1000;
const MAX_IDS = 50;

const TITLES: Record<ReportKind, string> = {
  'false-alarm': 'LureWatch report: false alarm',
  'missed-lure': 'LureWatch report: missed lure',
};

export function reportText(facts: ReportFacts): string {
  const lines = [TITLES[facts.kind], `Version: ${oneLine(facts.version, 40)}`, `About: ${facts.where}`];
  lines.push(`Severity: ${facts.severity === null ? 'nothing found' : oneLine(facts.severity, 20)}`);
  if (facts.severity !== null) {
    lines.push(`Rules: ${ids(facts.rules)}`, `Concepts: ${ids(facts.concepts)}`);
  }
  if (facts.quotes !== null && facts.quotes.length > 0) {
    lines.push('Quoted evidence:', ...facts.quotes.map((quote) => `- "${oneLine(quote, MAX_QUOTE_CHARS)}"`));
  }
  const note = (facts.note ?? '').trim();
  if (note) lines.push('Note:', note.slice(0, MAX_NOTE_CHARS));
  return `${lines.join('\n')}\n`;
}

/** Distinct ids in order, or "none". */
function ids(list: readonly string[]): string {
  const distinct = [...new Set(list.map((id) => oneLine(id, 80)).filter((id) => id !== ''))].slice(0, MAX_IDS);
  return distinct.length > 0 ? distinct.join(', ') : 'none';
}

/** Page text on one line, cut short: a quote can hold line breaks or be very long. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
