// Both locales must stay in step: a key missing from zh_CN would show English (or the raw key) to Chinese readers,
// and a placeholder that differs between them breaks the substitution in one language only.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build.js';

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

const LOCALES = ['en', 'zh_CN'] as const;

function readMessages(locale: string): Record<string, Message> {
  return JSON.parse(readFileSync(join(ROOT, '_locales', locale, 'messages.json'), 'utf8')) as Record<string, Message>;
}

/** `$name$` references in a message, lower-cased: Chromium and Firefox match placeholder names case-insensitively. */
function referencedPlaceholders(message: string): string[] {
  return [...message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((match) => match[1]!.toLowerCase()).sort();
}

function definedPlaceholders(entry: Message): string[] {
  return Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase()).sort();
}

const messages = Object.fromEntries(LOCALES.map((locale) => [locale, readMessages(locale)])) as Record<
  (typeof LOCALES)[number],
  Record<string, Message>
>;

describe('_locales', () => {
  it('holds exactly the locales en and zh_CN', () => {
    expect(readdirSync(join(ROOT, '_locales')).sort()).toEqual([...LOCALES].sort());
  });

  it('has the same keys in en and zh_CN', () => {
    const en = Object.keys(messages.en).sort();
    const zh = Object.keys(messages.zh_CN).sort();
    expect({ missingInZhCN: en.filter((key) => !zh.includes(key)), missingInEn: zh.filter((key) => !en.includes(key)) }).toEqual({
      missingInZhCN: [],
      missingInEn: [],
    });
  });

  it.each(LOCALES)('%s: every key is a valid name and every message is a non-empty string', (locale) => {
    for (const [key, entry] of Object.entries(messages[locale])) {
      expect(key, `${locale}: bad key name`).toMatch(/^[A-Za-z0-9_]+$/);
      expect(key.startsWith('@@'), `${locale}: ${key} uses a reserved name`).toBe(false);
      expect(typeof entry.message, `${locale}.${key}.message`).toBe('string');
      expect(entry.message.trim(), `${locale}.${key}.message is empty`).not.toBe('');
    }
  });

  it.each(LOCALES)('%s: every $placeholder$ used is defined, and every one defined is used', (locale) => {
    for (const [key, entry] of Object.entries(messages[locale])) {
      const used = [...new Set(referencedPlaceholders(entry.message))];
      expect(used, `${locale}.${key}`).toEqual(definedPlaceholders(entry));
      for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
        expect(placeholder.content, `${locale}.${key}.placeholders.${name}.content`).toMatch(/\S/);
      }
    }
  });

  it('defines the same placeholders, with the same content, in both locales', () => {
    for (const [key, en] of Object.entries(messages.en)) {
      const zh = messages.zh_CN[key];
      if (zh === undefined) continue; // reported by the key test above
      expect(definedPlaceholders(zh), key).toEqual(definedPlaceholders(en));
      const contents = (entry: Message): Record<string, string> =>
        Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
      expect(contents(zh), key).toEqual(contents(en));
      // Positional substitutions ($1...$9) outside placeholders must agree too.
      const positional = (text: string): string[] => [...text.matchAll(/\$(\d)(?!\$)/g)].map((match) => match[1]!).sort();
      expect(positional(zh.message), key).toEqual(positional(en.message));
    }
  });

  it('names the extension and keeps the store description within 132 characters', () => {
    for (const locale of LOCALES) {
      expect(messages[locale].extName?.message).toBe('LureWatch');
      const description = messages[locale].extDescription?.message ?? '';
      expect(description.length, `${locale}.extDescription`).toBeGreaterThan(0);
      expect(description.length, `${locale}.extDescription`).toBeLessThan(132);
      expect(description, `${locale}.extDescription is one line`).not.toMatch(/\n/);
      expect(messages[locale].actionTitle?.message, `${locale}.actionTitle`).toMatch(/\S/);
    }
  });

  it('defines every __MSG_key__ the manifest uses', () => {
    const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    const used = [...manifest.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((match) => match[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const keys = Object.keys(messages[locale]).map((key) => key.toLowerCase());
      for (const key of used) expect(keys, `${locale} lacks ${key}`).toContain(key.toLowerCase());
    }
  });
});
