// Document links for `include "file"` in BIRD configs, OpenBSD ipsec.conf and strongSwan/Libreswan files, resolved relative to the including
// file (an absolute path stays absolute). Read from the lossless token list, so it costs one pass over the tokens
// and needs no dialect hook. A glob (`include "conf.d/*.conf"`, BIRD) names no single file and gets no link.
// Pure: no connection, no IO (the target is not checked to exist).

import type { DocumentLink } from 'vscode-languageserver-types';
import type { LanguageService } from '../service';
import { toRange } from './positions';

/** Dialects with an `include "file"` statement. */
const INCLUDING = new Set(['bird', 'openbsd-ipsec', 'strongswan']);
/** Dialects whose `include` also takes a bare word (ipsec.conf(5) of OpenBSD and strongSwan/Libreswan, swanctl.conf). */
const BARE = new Set(['openbsd-ipsec', 'strongswan']);

export function getDocumentLinks(service: LanguageService, uri: string): DocumentLink[] {
  const doc = service.getDocument(uri);
  const parse = service.getParse(uri);
  if (!doc || !parse || !INCLUDING.has(parse.dialect.id)) return [];
  const tokens = parse.parsed.tokens;
  const res: DocumentLink[] = [];
  // Whether the next word starts a statement: the file's start, after a newline (ipsec.conf) or `;`, `{`, `}` (BIRD).
  let atStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'whitespace' || t.kind === 'comment') continue;
    if (t.kind === 'newline' || (t.kind === 'punct' && (t.text === ';' || t.text === '{' || t.text === '}'))) {
      atStart = true;
      continue;
    }
    const starts = atStart;
    atStart = false;
    if (!starts || t.kind !== 'word' || t.text !== 'include') continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j].kind === 'whitespace') j++;
    const s = tokens[j];
    // BIRD quotes the name; ipsec.conf's grammar takes a string, quoted or a bare word.
    const quoted = s?.kind === 'string' && s.text.length >= 2;
    if (!s || !(quoted || (s.kind === 'word' && BARE.has(parse.dialect.id)))) continue;
    const path = quoted ? s.text.slice(1, s.text.endsWith('"') ? -1 : undefined) : s.text;
    const target = resolveInclude(uri, path);
    if (!target) continue;
    const start = s.start + (quoted ? 1 : 0);
    res.push({ range: toRange(doc, { start, end: start + path.length }), target, tooltip: `Open ${path} (included here)` });
  }
  return res;
}

/** The URI of an included path: relative to the including file's folder; undefined for a glob or a non-file base. */
export function resolveInclude(base: string, path: string): string | undefined {
  if (!path || /[*?[]/.test(path)) return undefined;
  try {
    if (path.startsWith('/')) return new URL(`file://${encodePath(path)}`).href;
    if (!base.startsWith('file:')) return undefined;
    return new URL(encodePath(path), base).href;
  } catch {
    return undefined;
  }
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
