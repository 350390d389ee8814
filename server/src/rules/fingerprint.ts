// Fingerprints: a stable identity of a finding that survives edits elsewhere in the file (no line numbers), so
// netcfg.yaml `ignore:` entries and baselines can select it. A hash of the code, the device, the normalised text of
// the statement the finding sits on (with its parent block header or RouterOS menu path, secrets masked) and the
// peer's device name. Only the hash is ever stored: the statement text (which may hold a key) never leaves memory.
// Pure: no LSP, no IO (node:crypto hashes in memory).

import { createHash } from 'node:crypto';
import * as model from '../model';
import type { TextRange } from '../syntax';
import { lineEnd, lineOf, LINE_COMMENT } from './inline';

/** What a fingerprint needs to know about the finding's document. */
export interface FingerprintSource {
  text: string;
  lineStarts: readonly number[];
  dialect?: model.DialectId;
  /** The device's name (hostname), or the file's base name when it has none. */
  device: string;
  /** Where the device's secrets are written, sorted by start (`sortedSecrets`): masked before hashing. */
  secrets: readonly TextRange[];
}

/** How far up the parent header / menu path is looked for (bounds the work per finding). */
const MAX_PARENT_SCAN = 2000;

/**
 * The statement a finding sits on, normalised: its line with every secret replaced by `*`, whitespace collapsed,
 * preceded by its parent (IOS/ASA: the nearest less-indented line above; RouterOS: the menu path line above it)
 * so that ` encryption des` in two ISAKMP policies are two statements.
 */
export function statementText(src: FingerprintSource, offset: number): string {
  const line = lineOf(src.lineStarts, Math.min(offset, src.text.length));
  const own = lineText(src, line);
  const parent = parentLine(src, line);
  return parent === undefined ? own : `${lineText(src, parent)}\n${own}`;
}

function lineText(src: FingerprintSource, line: number): string {
  const ls = src.lineStarts[line];
  const le = lineEnd(src.text, src.lineStarts, line);
  let res = '';
  let at = ls;
  // Secrets are sorted by start: begin at the last one starting before the line (it may run into it), stop past it.
  const secrets = src.secrets;
  let lo = 0;
  let hi = secrets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (secrets[mid].start < ls) lo = mid + 1;
    else hi = mid;
  }
  for (let i = Math.max(0, lo - 1); i < secrets.length; i++) {
    const r = secrets[i];
    if (r.start >= le) break;
    if (r.end <= ls || r.start < at) continue;
    res += src.text.slice(at, r.start) + '*';
    at = Math.min(r.end, le);
  }
  res += src.text.slice(at, le);
  return res.replace(/\s+/g, ' ').trim();
}

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

function parentLine(src: FingerprintSource, line: number): number | undefined {
  const d = src.dialect;
  if (d !== 'cisco-ios' && d !== 'cisco-asa' && d !== 'routeros') return undefined;
  const get = (l: number) => src.text.slice(src.lineStarts[l], lineEnd(src.text, src.lineStarts, l));
  const own = get(line);
  const comment = LINE_COMMENT[d];
  if (d === 'routeros') {
    if (own.trimStart().startsWith('/')) return undefined;
    for (let l = line - 1; l >= 0 && l >= line - MAX_PARENT_SCAN; l--) if (get(l).trimStart().startsWith('/')) return l;
    return undefined;
  }
  const ind = indentOf(own);
  if (ind === 0) return undefined;
  for (let l = line - 1; l >= 0 && l >= line - MAX_PARENT_SCAN; l--) {
    const s = get(l);
    if (s.trim() === '' || comment.includes(s.trimStart()[0])) continue;
    if (indentOf(s) < ind) return l;
  }
  return undefined;
}

/** The fingerprint of a finding: 32 hex digits of SHA-256 over code, device, statement and peer device. */
export function fingerprint(code: string, device: string, statement: string, peer: string | undefined): string {
  return createHash('sha256').update(`netcfg-fp-1\u0000${code}\u0000${device}\u0000${statement}\u0000${peer ?? ''}`).digest('hex').slice(0, 32);
}

/** Secret ranges of a device sorted by start (masking walks them in order). */
export function sortedSecrets(device: model.Device | undefined): TextRange[] {
  return device ? [...model.secretRanges(device)].sort((a, b) => a.start - b.start) : [];
}

/** The base name of a uri, for devices without a hostname. */
export function baseNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
