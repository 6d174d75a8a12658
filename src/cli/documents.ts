// Reading the scan and eval inputs into documents. Everything is read and checked before anything is printed,
// so a bad line stops the command with a message naming the file and line, and no partial output.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from './errors.js';
import { visibleTextOfHtml } from './html.js';

export interface InputDocument {
  id: string;
  text: string;
  /** Any other fields of a JSON line (label, category, lang for the corpus). */
  fields: Record<string, unknown>;
}

export type InputKind = 'html' | 'text' | 'jsonl' | 'stdin';

export function kindOf(path: string): InputKind {
  if (path === '-') return 'stdin';
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  if (extension === '.jsonl') return 'jsonl';
  return 'text';
}

export function readDocuments(path: string, readStdin: () => string): InputDocument[] {
  const kind = kindOf(path);
  if (kind === 'stdin') return [{ id: '-', text: readStdin(), fields: {} }];
  const content = readInput(path);
  if (kind === 'html') return [{ id: path, text: visibleTextOfHtml(content), fields: {} }];
  if (kind === 'text') return [{ id: path, text: content, fields: {} }];
  return parseJsonLines(content, path);
}

function readInput(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (error as Error).message;
    throw new UsageError(`${path}: ${why}`);
  }
}

/** One document a line: {"id": ..., "text": ...} or {"id": ..., "html": ...}; blank lines are skipped. */
export function parseJsonLines(content: string, path: string): InputDocument[] {
  const documents: InputDocument[] = [];
  const lines = content.split('\n');
  lines.forEach((line, index) => {
    const where = `${path}:${index + 1}`;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new UsageError(`${where}: expected a JSON object with "text" or "html"`);
    }
    const fields = value as Record<string, unknown>;
    let text: string;
    if (typeof fields.text === 'string') text = fields.text;
    else if (typeof fields.html === 'string') text = visibleTextOfHtml(fields.html);
    else throw new UsageError(`${where}: needs a string "text" or "html" field`);
    const id = typeof fields.id === 'string' || typeof fields.id === 'number' ? String(fields.id) : where;
    documents.push({ id, text, fields });
  });
  return documents;
}
