// Helpers for the navigation tests: load example folders into a service, find positions by text. Test helper only.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Location, Position } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/service';

export const EXAMPLES = path.resolve(__dirname, '../../examples');

/** A service holding every file of the given example folders (as `file:///ex/<folder>/<file>`). */
export function loadExamples(...folders: string[]): LanguageService {
  const s = createLanguageService();
  for (const folder of folders) {
    for (const f of fs.readdirSync(path.join(EXAMPLES, folder))) {
      if (f.endsWith('.md')) continue;
      s.setDocument(`file:///ex/${folder}/${f}`, fs.readFileSync(path.join(EXAMPLES, folder, f), 'utf8'), 1);
    }
  }
  return s;
}

/** Position of `word` on the first line (after `after` lines matched) containing `line`; `delta` moves inside the word. */
export function pos(text: string, line: string, word: string, delta = 1): Position {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(line));
  if (i < 0) throw new Error(`no line with ${line}`);
  const c = lines[i].indexOf(word, lines[i].indexOf(line));
  if (c < 0) throw new Error(`no ${word} on line ${i}`);
  return { line: i, character: c + delta };
}

/** `file:line:char-char` for compact assertions (file = base name). */
export function where(l: Location): string {
  const base = l.uri.replace(/^.*\//, '');
  return `${base}:${l.range.start.line}:${l.range.start.character}-${l.range.end.line === l.range.start.line ? '' : `${l.range.end.line}:`}${l.range.end.character}`;
}

/** The text a location covers. */
export function textAt(s: LanguageService, l: Location): string {
  const doc = s.getDocument(l.uri)!;
  const lines = doc.text.split('\n');
  if (l.range.start.line === l.range.end.line) return lines[l.range.start.line].slice(l.range.start.character, l.range.end.character);
  return lines[l.range.start.line].slice(l.range.start.character) + '…';
}
