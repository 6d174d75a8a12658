// Labelled texts for training and evaluation: the project's own examples (src/core/examples) and the shared dev
// files (../shared/corpus/lures_dev_*.jsonl), read in place. A third of the shared dev files, chosen by a hash of
// the id, is held out: never read while writing vocabulary or fitting, only measured, as a check that the work
// learned the lures rather than the lines.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readDocuments } from './documents.js';

export const EXPECTS = ['warn', 'quiet', 'awareness'] as const;
export type Expect = (typeof EXPECTS)[number];

export interface LabelledText {
  id: string;
  text: string;
  expect: Expect;
  /** espionage | fraud | none, as the file says. */
  family: string;
  lang: string;
  category: string;
  /** Where it came from: "own" examples or the shared dev files. */
  origin: 'own' | 'dev';
}

/** The project's own examples, kept in the repository as data. */
export const EXAMPLES_DIR = new URL('../core/examples/', import.meta.url).pathname;
/** The shared corpus beside the checkout, when it is there. */
export const SHARED_CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname;
export const DEV_FILES = ['lures_dev_en.jsonl', 'lures_dev_zh.jsonl'];

/** FNV-1a over the id's UTF-8 bytes: the same on every machine and in every language we might check it from. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Which part of the shared dev files an id is in: one third is held out. */
export function devPart(id: string): 'work' | 'holdout' {
  return fnv1a(id) % 3 === 0 ? 'holdout' : 'work';
}

/** Reads a labelled file (fields `expect`, `family`, `lang`, `category`); lines without `expect` are refused. */
export function readLabelled(path: string, origin: LabelledText['origin']): LabelledText[] {
  return readDocuments(path, () => '').map((doc) => {
    const f = doc.fields;
    if (!(EXPECTS as readonly unknown[]).includes(f.expect)) {
      throw new Error(`${path}: ${doc.id}: "expect" must be one of ${EXPECTS.join(', ')}`);
    }
    return {
      id: doc.id,
      text: doc.text,
      expect: f.expect as Expect,
      family: typeof f.family === 'string' ? f.family : 'none',
      lang: typeof f.lang === 'string' ? f.lang : 'en',
      category: typeof f.category === 'string' ? f.category : 'other',
      origin,
    };
  });
}

/** The project's own examples, every file. */
export function ownExamples(dir = EXAMPLES_DIR): LabelledText[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => readLabelled(join(dir, name), 'own'));
}

/** The worked-from part of the shared dev files, or null when ../shared is not beside the checkout. */
export function devWorkPart(dir = SHARED_CORPUS): LabelledText[] | null {
  const paths = DEV_FILES.map((name) => join(dir, name));
  if (!paths.every((path) => existsSync(path))) return null;
  return paths.flatMap((path) => readLabelled(path, 'dev')).filter((text) => devPart(text.id) === 'work');
}

/** A labelled field text for the post hints: `hint` when it discloses the writer's own sensitive affiliation. */
export interface DisclosureText {
  id: string;
  text: string;
  expect: 'hint' | 'quiet';
  /** The kind of site it is typed on: job, social, dating, hobby or other. */
  site: string;
  lang: string;
  origin: 'own' | 'dev';
}

export const DISCLOSURE_EXAMPLES_DIR = new URL('../core/examples/disclosures/', import.meta.url).pathname;
export const DISCLOSURE_DEV_FILES = ['disclosure_dev_en.jsonl', 'disclosure_dev_zh.jsonl'];

/** Reads a disclosure file (fields `expect`: hint | quiet, `site`, `lang`); other lines are refused. */
export function readDisclosureTexts(path: string, origin: DisclosureText['origin']): DisclosureText[] {
  return readDocuments(path, () => '').map((doc) => {
    const f = doc.fields;
    if (f.expect !== 'hint' && f.expect !== 'quiet') throw new Error(`${path}: ${doc.id}: "expect" must be hint or quiet`);
    return {
      id: doc.id,
      text: doc.text,
      expect: f.expect,
      site: typeof f.site === 'string' ? f.site : 'other',
      lang: typeof f.lang === 'string' ? f.lang : 'en',
      origin,
    };
  });
}

export function ownDisclosures(dir = DISCLOSURE_EXAMPLES_DIR): DisclosureText[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) => readDisclosureTexts(join(dir, name), 'own'));
}

/** The worked-from part of the shared disclosure dev files, or null when ../shared is absent. */
export function disclosureDevWorkPart(dir = SHARED_CORPUS): DisclosureText[] | null {
  const paths = DISCLOSURE_DEV_FILES.map((name) => join(dir, name));
  if (!paths.every((path) => existsSync(path))) return null;
  return paths.flatMap((path) => readDisclosureTexts(path, 'dev')).filter((text) => devPart(text.id) === 'work');
}
