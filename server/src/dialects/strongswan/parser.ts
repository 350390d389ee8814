// Lossless, error-tolerant parser of the strongSwan/Libreswan stroke format (ipsec.conf(5)) and of ipsec.secrets(5).
//
// ipsec.conf: sections start at column 0 (`config setup`, `conn NAME`, `ca NAME`); their parameters are the
// following indented `key=value` lines (a value may be double-quoted); `include FILE` at column 0; `#` after white
// space (or at a line's start) starts a comment. Libreswan also has `version 2.0` at column 0.
// ipsec.secrets: `[selectors] : TYPE secret` entries (`A B : PSK "key"`, `%any : PSK 0sBASE64`, `: RSA key.pem`),
// continued on indented lines, and `include FILE`.
//
// Every character belongs to exactly one token; the parser never throws. No LSP, no file system.

import type { ParseResult, SyntaxDiagnostic, TextRange, Token, TokenKind } from '../../syntax';

export const CODES = {
  unexpectedToken: 'syntax/unexpected-token',
  unterminatedString: 'syntax/unterminated-string',
  missingArgument: 'syntax/missing-argument',
  invalidValue: 'syntax/invalid-value',
  unknownCommand: 'syntax/unknown-command',
  duplicateKey: 'syntax/duplicate-keyword',
  invalidAddress: 'syntax/invalid-address',
  unknownAlgorithm: 'strongswan/unknown-algorithm',
} as const;

export interface SwanSetting {
  kind: 'SwanSetting';
  range: TextRange;
  tokens: Token[];
  children: [];
  /** Lower-cased key, as written otherwise (`leftsubnet`, `also`). */
  key: string;
  keyRange: TextRange;
  /** The value without quotes; '' when empty. */
  value: string;
  /** Range of the value text (inside the quotes); an empty range right after `=` when there is no value. */
  valueRange: TextRange;
  /** The value token as written (quotes included), absent when the value is empty. */
  valueToken?: Token;
  quoted: boolean;
}

export interface SwanSection {
  kind: 'SwanSection';
  range: TextRange;
  tokens: Token[];
  children: SwanSetting[];
  /** `config`, `conn`, `ca`. */
  type: string;
  typeRange: TextRange;
  name: string;
  nameRange: TextRange;
  /** End of the header line's content (where a new first setting is inserted after). */
  headerEnd: number;
  settings: SwanSetting[];
}

export interface SwanInclude {
  kind: 'SwanInclude';
  range: TextRange;
  tokens: Token[];
  children: [];
  path: string;
  pathRange: TextRange;
}

/** One ipsec.secrets entry: `selectors : TYPE secret`. */
export interface SwanSecretEntry {
  kind: 'SwanSecret';
  range: TextRange;
  tokens: Token[];
  children: [];
  selectors: { text: string; range: TextRange }[];
  /** Upper-cased type (`PSK`, `RSA`, `EAP`, `XAUTH`, …). */
  type: string;
  typeRange?: TextRange;
  /** The secret token (quoted or not, `0x…`/`0s…`), absent when missing. */
  secret?: Token;
  colonRange?: TextRange;
}

export type SwanStatement = SwanSection | SwanInclude | SwanSecretEntry;

export type SwanFileKind = 'stroke' | 'secrets' | 'swanctl';

export interface SwanFile {
  kind: 'SwanFile';
  range: TextRange;
  tokens: Token[];
  children: SwanStatement[];
  fileKind: SwanFileKind;
  sections: SwanSection[];
  includes: SwanInclude[];
  secrets: SwanSecretEntry[];
  /** `version 2.0` (Libreswan) or another top-level statement kept as written. */
  version?: { value: string; range: TextRange };
  /** The vici (swanctl.conf) tree when `fileKind` is `swanctl` (owned by ./swanctl). */
  vici?: unknown;
}

const SECRET_TYPES = /^(PSK|RSA|ECDSA|BLISS|PKCS8|P12|PIN|EAP|XAUTH|NTLM|PPK|PRIVATE)$/i;

/**
 * Which format a strongSwan-family file is in, from its content (the dialect sees no file name): stroke section
 * headers win, then ipsec.secrets entries (`… : PSK …`), then a vici block (`name {`); default stroke.
 */
export function fileKindOf(text: string): SwanFileKind {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (/^(?:config[ \t]+setup|conn[ \t]+[^\s=#"]+|ca[ \t]+[^\s=#"]+)[ \t]*(?:#.*)?$/m.test(head)) return 'stroke';
  if (/^[^#\n{}]*:[ \t]*(?:PSK|RSA|ECDSA|BLISS|PKCS8|P12|PIN|EAP|XAUTH|NTLM|PPK)\b/im.test(head)) return 'secrets';
  if (/^[ \t]*[\w.%-]+[ \t]*\{/m.test(head)) return 'swanctl';
  return 'stroke';
}

interface Line {
  start: number;
  /** End of content, before the line break. */
  end: number;
  /** After the line break. */
  next: number;
}

/** Splits into lines (\n, \r\n, \r). */
function* lines(text: string): Generator<Line> {
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    let next = j;
    if (next < text.length) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    yield { start: i, end: j, next };
    i = next;
  }
}

function tok(kind: TokenKind, text: string, start: number, end: number): Token {
  return { kind, start, end, text: text.slice(start, end) };
}

/**
 * Lexes one line's content into tokens (whitespace, words, `=`/`:`, strings, a trailing comment). Words stop at
 * white space, `=` (stroke keys only, `eqSplit`), and a `"` starts a string. Returns whether a string was left open.
 */
function lexLine(text: string, start: number, end: number, out: Token[], opts: { eqSplit: boolean; colon: boolean }, diags: SyntaxDiagnostic[]): void {
  let i = start;
  let firstEq = opts.eqSplit;
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      out.push(tok('whitespace', text, i, j));
      i = j;
      continue;
    }
    // `#` starts a comment at the line's start or after white space.
    if (c === '#' && (i === start || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      out.push(tok('comment', text, i, end));
      return;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < end && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < end) j++;
        j++;
      }
      if (j >= end) {
        out.push(tok('string', text, i, end));
        diags.push({ range: { start: i, end }, severity: 'error', code: CODES.unterminatedString, message: 'This string is not closed by " on its line.' });
        return;
      }
      out.push(tok('string', text, i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === '=' && firstEq) {
      out.push(tok('operator', text, i, i + 1));
      firstEq = false;
      i++;
      continue;
    }
    if (c === ':' && opts.colon && (i + 1 >= end || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      out.push(tok('punct', text, i, i + 1));
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end) {
      const d = text[j];
      if (d === ' ' || d === '\t' || d === '"' || (d === '=' && firstEq)) break;
      j++;
    }
    out.push(tok('word', text, i, j));
    i = j;
  }
}

const SECTION_TYPES = new Set(['config', 'conn', 'ca']);

/** Parses an ipsec.conf (stroke) or ipsec.secrets file. Never throws. */
export function parseStroke(text: string, kind: 'stroke' | 'secrets', options: { reportUnknownCommands?: boolean } = {}): ParseResult<SwanFile> {
  const tokens: Token[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  const file: SwanFile = { kind: 'SwanFile', range: { start: 0, end: text.length }, tokens: [], children: [], fileKind: kind, sections: [], includes: [], secrets: [] };
  let section: SwanSection | undefined;
  let secret: SwanSecretEntry | undefined;
  const closeSection = () => {
    section = undefined;
  };
  for (const line of lines(text)) {
    const lineTokens: Token[] = [];
    const secretsFile = kind === 'secrets';
    const indented = line.end > line.start && (text[line.start] === ' ' || text[line.start] === '\t');
    lexLine(text, line.start, line.end, lineTokens, { eqSplit: !secretsFile && indented, colon: secretsFile }, diagnostics);
    for (const t of lineTokens) tokens.push(t);
    if (line.next > line.end) tokens.push(tok('newline', text, line.end, line.next));
    const sig = lineTokens.filter((t) => t.kind !== 'whitespace' && t.kind !== 'comment');
    if (sig.length === 0) continue;
    const first = sig[0];
    const lineRange = { start: first.start, end: sig[sig.length - 1].end };
    if (secretsFile) {
      if (!indented && first.kind === 'word' && first.text === 'include') {
        secret = undefined;
        addInclude(file, sig, lineRange, diagnostics);
        continue;
      }
      if (indented && secret && !secret.secret) {
        // A continued entry: the type/secret on the next line.
        continueSecret(secret, sig, lineRange);
        continue;
      }
      secret = parseSecretLine(sig, lineRange, diagnostics);
      if (secret) {
        file.secrets.push(secret);
        file.children.push(secret);
      }
      continue;
    }
    if (!indented) {
      closeSection();
      const head = first.text;
      if (first.kind === 'word' && SECTION_TYPES.has(head)) {
        const name = sig[1];
        if (!name) {
          diagnostics.push({ range: { start: first.start, end: first.end }, severity: 'error', code: CODES.missingArgument, message: `\`${head}\` needs a name (\`${head === 'config' ? 'config setup' : `${head} NAME`}\`).` });
        }
        for (const extra of sig.slice(2)) diagnostics.push({ range: { start: extra.start, end: extra.end }, severity: 'error', code: CODES.unexpectedToken, message: `Unexpected \`${extra.text}\` after the section name.` });
        section = {
          kind: 'SwanSection',
          range: { ...lineRange },
          tokens: sig,
          children: [],
          type: head,
          typeRange: { start: first.start, end: first.end },
          name: name ? unquote(name.text) : '',
          nameRange: name ? { start: name.start, end: name.end } : { start: first.end, end: first.end },
          headerEnd: lineRange.end,
          settings: [],
        };
        file.sections.push(section);
        file.children.push(section);
        continue;
      }
      if (first.kind === 'word' && head === 'include') {
        addInclude(file, sig, lineRange, diagnostics);
        continue;
      }
      if (first.kind === 'word' && head === 'version' && sig.length === 2) {
        file.version = { value: sig[1].text, range: { start: sig[1].start, end: sig[1].end } };
        continue;
      }
      diagnostics.push({
        range: lineRange,
        severity: 'error',
        code: CODES.unexpectedToken,
        message: `\`${head}\` at the start of a line: ipsec.conf expects a section (\`config setup\`, \`conn NAME\`, \`ca NAME\`) or \`include\` there; parameters are indented.`,
      });
      continue;
    }
    // Indented: a parameter of the open section.
    const setting = parseSetting(text, sig, lineRange, diagnostics);
    if (!setting) continue;
    if (!section) {
      diagnostics.push({ range: setting.keyRange, severity: 'error', code: CODES.unexpectedToken, message: `\`${setting.key}=\` outside any section: parameters belong to the \`conn\`, \`ca\` or \`config setup\` section above them.` });
      continue;
    }
    section.settings.push(setting);
    section.children.push(setting);
    section.range = { start: section.range.start, end: setting.range.end };
  }
  // An entry may continue on indented lines: its type is checked once the file is read.
  for (const entry of file.secrets) {
    if (!entry.type) diagnostics.push({ range: entry.colonRange ?? entry.range, severity: 'error', code: CODES.missingArgument, message: 'A secret type (`PSK`, `RSA`, `EAP`, …) must follow `:`.' });
    else if (!SECRET_TYPES.test(entry.type)) diagnostics.push({ range: entry.typeRange!, severity: 'error', code: CODES.invalidValue, message: `\`${entry.type}\` is not a secret type (PSK, RSA, ECDSA, EAP, XAUTH, NTLM, P12, PIN, BLISS, PKCS8, PPK).` });
  }
  diagnostics.sort((a, b) => a.range.start - b.range.start);
  void options;
  return { text, tree: file, tokens, diagnostics };
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s.startsWith('"') ? s.slice(1) : s;
}

function addInclude(file: SwanFile, sig: Token[], lineRange: TextRange, diagnostics: SyntaxDiagnostic[]): void {
  const p = sig[1];
  if (!p) {
    diagnostics.push({ range: { start: sig[0].start, end: sig[0].end }, severity: 'error', code: CODES.missingArgument, message: '`include` needs a file name.' });
    return;
  }
  const quoted = p.kind === 'string';
  const path = unquote(p.text);
  const pathStart = p.start + (quoted ? 1 : 0);
  const inc: SwanInclude = { kind: 'SwanInclude', range: lineRange, tokens: sig, children: [], path, pathRange: { start: pathStart, end: pathStart + path.length } };
  file.includes.push(inc);
  file.children.push(inc);
}

function parseSetting(text: string, sig: Token[], lineRange: TextRange, diagnostics: SyntaxDiagnostic[]): SwanSetting | undefined {
  const key = sig[0];
  const eq = sig[1];
  if (key.kind !== 'word' || !eq || eq.kind !== 'operator') {
    diagnostics.push({ range: lineRange, severity: 'error', code: CODES.unexpectedToken, message: `Expected \`key=value\`, found \`${text.slice(lineRange.start, lineRange.end)}\`.` });
    return undefined;
  }
  const vals = sig.slice(2);
  const v = vals[0];
  // White space ends an unquoted value; anything after it is not part of the value (ipsec.conf(5)).
  for (const extra of vals.slice(1)) diagnostics.push({ range: { start: extra.start, end: extra.end }, severity: 'error', code: CODES.unexpectedToken, message: `Unexpected \`${extra.text}\` after the value of \`${key.text}\`: quote a value that contains white space.` });
  const quoted = v?.kind === 'string';
  const value = v ? unquote(v.text) : '';
  const valueStart = v ? v.start + (quoted ? 1 : 0) : eq.end;
  return {
    kind: 'SwanSetting',
    range: lineRange,
    tokens: sig,
    children: [],
    key: key.text.toLowerCase(),
    keyRange: { start: key.start, end: key.end },
    value,
    valueRange: { start: valueStart, end: valueStart + value.length },
    valueToken: v,
    quoted,
  };
}

function parseSecretLine(sig: Token[], lineRange: TextRange, diagnostics: SyntaxDiagnostic[]): SwanSecretEntry | undefined {
  const colon = sig.findIndex((t) => t.kind === 'punct' && t.text === ':');
  if (colon < 0) {
    diagnostics.push({ range: lineRange, severity: 'error', code: CODES.unexpectedToken, message: 'Expected `[selectors] : TYPE secret` (e.g. `192.0.2.1 198.51.100.1 : PSK "key"`).' });
    return undefined;
  }
  const entry: SwanSecretEntry = {
    kind: 'SwanSecret',
    range: lineRange,
    tokens: sig.slice(0, colon + 1),
    children: [],
    selectors: sig.slice(0, colon).map((t) => ({ text: unquote(t.text), range: { start: t.start, end: t.end } })),
    type: '',
  };
  entry.colonRange = { start: sig[colon].start, end: sig[colon].end };
  continueSecret(entry, sig.slice(colon + 1), lineRange);
  return entry;
}

function continueSecret(entry: SwanSecretEntry, rest: Token[], lineRange: TextRange): void {
  let i = 0;
  if (!entry.type && rest[i]) {
    entry.type = rest[i].text.toUpperCase();
    entry.typeRange = { start: rest[i].start, end: rest[i].end };
    i++;
  }
  if (!entry.secret && rest[i]) entry.secret = rest[i];
  entry.range = { start: entry.range.start, end: Math.max(entry.range.end, lineRange.end) };
  for (const t of rest) entry.tokens.push(t);
}
