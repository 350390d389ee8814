// swanctl.conf (strongSwan 5.x vici configuration, the libstrongswan settings syntax): a lossless, error-tolerant
// parser. Sections are `name { … }` (also `name` then `{` on a later line, and `name : template, … {` since 5.7),
// settings are `key = value` (the value runs to the end of the line, a `#` or a `}`; its whitespace-separated parts,
// quoted strings included, are joined with one space), `#` starts a comment, `include PATTERN` reads more files.
// Follows src/libstrongswan/settings/settings_lexer.l and settings_parser.y of strongSwan.
// Never throws; every character is in exactly one token; sections nest on an explicit stack (no recursion).

import type { SyntaxDiagnostic, SyntaxNode, TextRange, Token } from '../../syntax';
import { DiagnosticCollector } from '../../syntax';

export const SWANCTL_CODES = {
  unterminatedString: 'syntax/unterminated-string',
  unclosedBlock: 'syntax/unclosed-block',
  unexpectedBrace: 'syntax/unexpected-brace',
  unexpectedToken: 'syntax/unexpected-token',
} as const;

/** One whitespace-separated part of a value: a bare word or a quoted string (unescaped in `value`). */
export interface SwanctlValuePart {
  value: string;
  range: TextRange;
  quoted: boolean;
}

export interface SwanctlSetting extends SyntaxNode {
  kind: 'SwanctlSetting';
  key: string;
  keyRange: TextRange;
  /** The value as strongSwan reads it: parts joined with one space; empty for `key =`. */
  value: string;
  /** From the first to the last part; absent for an empty value. */
  valueRange?: TextRange;
  parts: SwanctlValuePart[];
}

export interface SwanctlSection extends SyntaxNode {
  kind: 'SwanctlSection';
  name: string;
  nameRange: TextRange;
  /** `name : a, b {` templates (strongSwan 5.7+). */
  refs: { name: string; range: TextRange }[];
  open: TextRange;
  /** Absent when the section is never closed. */
  close?: TextRange;
  items: SwanctlItem[];
}

export interface SwanctlInclude extends SyntaxNode {
  kind: 'SwanctlInclude';
  /** The pattern, unquoted (a glob is allowed). */
  pattern: string;
  patternRange: TextRange;
}

export type SwanctlItem = SwanctlSection | SwanctlSetting | SwanctlInclude;

export interface SwanctlFile extends SyntaxNode {
  kind: 'SwanctlFile';
  items: SwanctlItem[];
}

export interface SwanctlParse {
  tree: SwanctlFile;
  tokens: Token[];
  diagnostics: SyntaxDiagnostic[];
}

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Comma = 44,
  Colon = 58,
  Eq = 61,
  Backslash = 92,
  LBrace = 123,
  RBrace = 125,
}

/** A character that may be part of a section or key name (settings_lexer.l `NAME`, dots allowed as in 5.x). */
function isNameChar(c: number): boolean {
  return !(c === C.Hash || c === C.LBrace || c === C.RBrace || c === C.Colon || c === C.Comma || c === C.Eq || c === C.Quote || c === C.Cr || c === C.Lf || c === C.Tab || c === C.Space) && c === c;
}

/** A character of an unquoted value part (settings_lexer.l `<val>` state). */
function isValueChar(c: number): boolean {
  return !(c === C.Hash || c === C.RBrace || c === C.Quote || c === C.Cr || c === C.Lf || c === C.Tab || c === C.Space) && c === c;
}

export function parseSwanctl(text: string): SwanctlParse {
  return new SwanctlParser(text).run();
}

class SwanctlParser {
  private pos = 0;
  private readonly n: number;
  private readonly tokens: Token[] = [];
  private readonly diags = new DiagnosticCollector();
  private readonly root: SwanctlFile;
  /** Open sections, innermost last; the root file is below them. */
  private readonly stack: SwanctlSection[] = [];
  /** A name read at statement start with nothing after it yet on its line (`name` then `{` on a later line). */
  private pending: Token | undefined;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.root = { kind: 'SwanctlFile', range: { start: 0, end: text.length }, tokens: [], children: [], items: [] };
  }

  run(): SwanctlParse {
    while (this.pos < this.n) this.statement();
    this.dropPending();
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i];
      this.error(s.nameRange, SWANCTL_CODES.unclosedBlock, `Section \`${s.name}\` is never closed: add \`}\``);
      s.range = { start: s.range.start, end: this.n };
    }
    this.stack.length = 0;
    return { tree: this.root, tokens: this.tokens, diagnostics: this.diags.finish() };
  }

  private error(range: TextRange, code: string, message: string): void {
    this.diags.push({ range, severity: 'error', code, message });
  }

  private token(kind: Token['kind'], start: number, end: number): Token {
    const t: Token = { kind, start, end, text: this.text.slice(start, end) };
    this.tokens.push(t);
    return t;
  }

  private items(): SwanctlItem[] {
    return this.stack.length ? this.stack[this.stack.length - 1].items : this.root.items;
  }

  private add(item: SwanctlItem): void {
    this.items().push(item);
    (this.stack.length ? this.stack[this.stack.length - 1].children : this.root.children).push(item);
  }

  /** Whitespace, newlines and comments: true when one was consumed. */
  private trivia(): boolean {
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    if (c === C.Space || c === C.Tab) {
      let e = this.pos + 1;
      while (e < this.n && (text.charCodeAt(e) === C.Space || text.charCodeAt(e) === C.Tab)) e++;
      this.token('whitespace', this.pos, e);
      this.pos = e;
      return true;
    }
    if (c === C.Lf || c === C.Cr) {
      const e = c === C.Cr && text.charCodeAt(this.pos + 1) === C.Lf ? this.pos + 2 : this.pos + 1;
      this.token('newline', this.pos, e);
      this.pos = e;
      return true;
    }
    if (c === C.Hash) {
      let e = this.pos + 1;
      while (e < this.n && text.charCodeAt(e) !== C.Lf && text.charCodeAt(e) !== C.Cr) e++;
      this.token('comment', this.pos, e);
      this.pos = e;
      return true;
    }
    return false;
  }

  /** Whitespace on the current line only. */
  private spaces(): void {
    const { text } = this;
    let e = this.pos;
    while (e < this.n && (text.charCodeAt(e) === C.Space || text.charCodeAt(e) === C.Tab)) e++;
    if (e > this.pos) this.token('whitespace', this.pos, e);
    this.pos = e;
  }

  private dropPending(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    this.error(p, SWANCTL_CODES.unexpectedToken, `\`${p.text}\` is neither a setting nor a section: write \`${p.text} = value\` or \`${p.text} { … }\``);
  }

  private statement(): void {
    if (this.trivia()) return;
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    if (c === C.RBrace) {
      this.dropPending();
      const t = this.token('punct', this.pos, this.pos + 1);
      this.pos++;
      const s = this.stack.pop();
      if (!s) {
        this.error(t, SWANCTL_CODES.unexpectedBrace, 'This `}` closes no section');
        return;
      }
      s.close = { start: t.start, end: t.end };
      s.tokens.push(t);
      s.range = { start: s.range.start, end: t.end };
      return;
    }
    if (this.pending && (c === C.LBrace || c === C.Eq || c === C.Colon)) {
      // The name was on an earlier line: the lexer skips newlines between a name and its `=`, `{` or `:`.
      const name = this.pending;
      this.pending = undefined;
      this.afterName(name);
      return;
    }
    if (c === C.LBrace) {
      const t = this.token('punct', this.pos, this.pos + 1);
      this.pos++;
      this.error(t, SWANCTL_CODES.unexpectedToken, 'A section needs a name before `{`');
      return;
    }
    if (c === C.Quote) {
      this.dropPending();
      const start = this.pos;
      this.quoted();
      this.error({ start, end: this.pos }, SWANCTL_CODES.unexpectedToken, 'A quoted string belongs after `=`: a name cannot be quoted');
      this.spaces();
      if (text.charCodeAt(this.pos) === C.Eq) {
        // `"name" = value`: one error is enough; the value is read so it is not reported again.
        this.token('punct', this.pos, this.pos + 1);
        this.pos++;
        this.value();
      }
      return;
    }
    if (!isNameChar(c)) {
      // `=`, `:` or `,` where a name is expected.
      this.dropPending();
      const t = this.token('punct', this.pos, this.pos + 1);
      this.pos++;
      this.error(t, SWANCTL_CODES.unexpectedToken, `Unexpected \`${t.text}\`: a setting starts with its name (\`key = value\`)`);
      if (c === C.Eq) this.value();
      return;
    }
    this.dropPending();
    const name = this.name();
    if (name.text === 'include') {
      const c2 = text.charCodeAt(this.pos);
      if (c2 === C.Space || c2 === C.Tab) {
        let e = this.pos;
        while (e < this.n && (text.charCodeAt(e) === C.Space || text.charCodeAt(e) === C.Tab)) e++;
        if (text.charCodeAt(e) !== C.Eq) {
          this.include(name);
          return;
        }
      }
    }
    this.spaces();
    this.afterName(name);
  }

  /** What follows a name: `=` (setting), `{` (section), `:` (templates), else it waits for one of them. */
  private afterName(name: Token): void {
    const { text } = this;
    const d = text.charCodeAt(this.pos);
    if (d === C.Eq) {
      const eq = this.token('punct', this.pos, this.pos + 1);
      this.pos++;
      const first = this.tokens.length;
      const parts = this.value();
      const setting: SwanctlSetting = {
        kind: 'SwanctlSetting',
        key: name.text,
        keyRange: { start: name.start, end: name.end },
        value: parts.map((p) => p.value).join(' '),
        valueRange: parts.length ? { start: parts[0].range.start, end: parts[parts.length - 1].range.end } : undefined,
        parts,
        range: { start: name.start, end: parts.length ? parts[parts.length - 1].range.end : eq.end },
        tokens: [name, eq],
        children: [],
      };
      // The parts' tokens were pushed in order since `first`: one forward walk (a backward search per part was
      // quadratic in a value of many parts).
      let at = first;
      for (const p of parts) {
        while (at < this.tokens.length - 1 && this.tokens[at].start < p.range.start) at++;
        setting.tokens.push(this.tokens[at < this.tokens.length && this.tokens[at].start === p.range.start ? at : this.tokens.length - 1]);
      }
      this.add(setting);
      return;
    }
    if (d === C.LBrace) {
      const t = this.token('punct', this.pos, this.pos + 1);
      this.pos++;
      this.openSection(name, [], t);
      return;
    }
    if (d === C.Colon) {
      this.refs(name);
      return;
    }
    // End of line, a comment, the end of the file or something else: maybe `{` follows on a later line.
    this.pending = name;
  }

  private name(): Token {
    let e = this.pos;
    while (e < this.n && isNameChar(this.text.charCodeAt(e))) e++;
    const t = this.token('word', this.pos, e);
    this.pos = e;
    return t;
  }

  private openSection(name: Token, refs: SwanctlSection['refs'], open: Token): void {
    const section: SwanctlSection = {
      kind: 'SwanctlSection',
      name: name.text,
      nameRange: { start: name.start, end: name.end },
      refs,
      open: { start: open.start, end: open.end },
      items: [],
      range: { start: name.start, end: open.end },
      tokens: [name, open],
      children: [],
    };
    this.add(section);
    this.stack.push(section);
  }

  /** `name : ref1, ref2 {` (names may span lines and carry comments, as in the lexer's `ref` state). */
  private refs(name: Token): void {
    const colon = this.token('punct', this.pos, this.pos + 1);
    this.pos++;
    const refs: SwanctlSection['refs'] = [];
    const { text } = this;
    for (;;) {
      if (this.pos >= this.n) break;
      if (this.trivia()) continue;
      const c = text.charCodeAt(this.pos);
      if (c === C.Comma) {
        this.token('punct', this.pos, this.pos + 1);
        this.pos++;
        continue;
      }
      if (c === C.LBrace) {
        const open = this.token('punct', this.pos, this.pos + 1);
        this.pos++;
        if (!refs.length) this.error(colon, SWANCTL_CODES.unexpectedToken, `\`${name.text} :\` names no section to inherit from`);
        this.openSection(name, refs, open);
        return;
      }
      if (c === C.Colon || c === C.Eq || c === C.Quote || c === C.RBrace) break;
      let e = this.pos;
      while (e < this.n && isNameChar(text.charCodeAt(e))) e++;
      const t = this.token('word', this.pos, e);
      this.pos = e;
      refs.push({ name: t.text, range: { start: t.start, end: t.end } });
    }
    this.error({ start: name.start, end: colon.end }, SWANCTL_CODES.unexpectedToken, `Section \`${name.text}\` with templates needs \`{\` after their names`);
  }

  /** The parts of a value up to the end of the line, a `#` or a `}` (not consumed). */
  private value(): SwanctlValuePart[] {
    const parts: SwanctlValuePart[] = [];
    const { text } = this;
    for (;;) {
      this.spaces();
      if (this.pos >= this.n) break;
      const c = text.charCodeAt(this.pos);
      if (c === C.Lf || c === C.Cr || c === C.Hash || c === C.RBrace) break;
      const start = this.pos;
      if (c === C.Quote) {
        const v = this.quoted();
        parts.push({ value: v, range: { start, end: this.pos }, quoted: true });
        continue;
      }
      let e = this.pos;
      while (e < this.n && isValueChar(text.charCodeAt(e))) e++;
      this.token('word', start, e);
      this.pos = e;
      parts.push({ value: text.slice(start, e), range: { start, end: e }, quoted: false });
    }
    return parts;
  }

  /** A quoted string at `pos` (one `string` token, possibly over several lines); returns its unescaped content. */
  private quoted(): string {
    const { text } = this;
    const start = this.pos;
    let i = start + 1;
    let out = '';
    let from = i;
    let closed = false;
    while (i < this.n) {
      const c = text.charCodeAt(i);
      if (c === C.Quote) {
        out += text.slice(from, i);
        i++;
        closed = true;
        break;
      }
      if (c === C.Cr) {
        // settings_lexer.l drops carriage returns inside strings.
        out += text.slice(from, i);
        i++;
        from = i;
        continue;
      }
      if (c === C.Backslash) {
        out += text.slice(from, i);
        const d = text.charCodeAt(i + 1);
        if (i + 1 >= this.n) {
          i++;
          from = i;
          break;
        }
        if (d === 110) out += '\n';
        else if (d === 114) out += '\r';
        else if (d === 116) out += '\t';
        else if (d === C.Lf) {
          // escaped end of line: the lines are merged
        } else if (d === C.Cr && text.charCodeAt(i + 2) === C.Lf) i++;
        else out += text[i + 1];
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    if (!closed) out += text.slice(from, Math.min(i, this.n));
    const t = this.token('string', start, Math.min(i, this.n));
    this.pos = t.end;
    if (!closed) this.error({ start, end: start + 1 }, SWANCTL_CODES.unterminatedString, 'This string is never closed by `"`');
    return out;
  }

  /** `include PATTERN`: a bare pattern (`\"`, `\#`, `\}` and `\ ` escape) or a quoted one. */
  private include(keyword: Token): void {
    this.spaces();
    const { text } = this;
    const start = this.pos;
    let pattern = '';
    if (text.charCodeAt(this.pos) === C.Quote) {
      pattern = this.quoted();
    } else {
      let e = this.pos;
      while (e < this.n) {
        const c = text.charCodeAt(e);
        if (c === C.Backslash && e + 1 < this.n) {
          const d = text.charCodeAt(e + 1);
          if (d === C.Quote || d === C.Hash || d === C.RBrace || d === C.Space) {
            pattern += text[e + 1];
            e += 2;
            continue;
          }
          pattern += '\\';
          e++;
          continue;
        }
        if (c === C.Quote || c === C.Hash || c === C.RBrace || c === C.Cr || c === C.Lf || c === C.Tab || c === C.Space) break;
        pattern += text[e];
        e++;
      }
      if (e > this.pos) this.token('word', this.pos, e);
      this.pos = e;
    }
    const end = this.pos;
    if (end === start) this.error(keyword, SWANCTL_CODES.unexpectedToken, '`include` needs a file name or pattern');
    const node: SwanctlInclude = {
      kind: 'SwanctlInclude',
      pattern,
      patternRange: { start, end },
      range: { start: keyword.start, end: Math.max(end, keyword.end) },
      tokens: end > start ? [keyword, this.tokens[this.tokens.length - 1]] : [keyword],
      children: [],
    };
    this.add(node);
  }
}

/** One item of a comma-separated value (`10.1.0.0/16, 10.2.0.0/16`), trimmed, with its source range. */
export interface ListItem {
  text: string;
  range: TextRange;
}

/**
 * Splits a setting's value on commas as strongSwan does (on the joined value, items trimmed; empty items dropped).
 * Ranges are exact for bare parts and for quoted parts without escapes; an escaped quoted part's items get the
 * whole string's range.
 */
export function listItems(setting: SwanctlSetting, text: string): ListItem[] {
  const res: ListItem[] = [];
  let cur = '';
  let start = -1;
  let end = -1;
  const flush = () => {
    const t = cur.trim();
    if (t) res.push({ text: t, range: { start, end } });
    cur = '';
    start = -1;
    end = -1;
  };
  for (let p = 0; p < setting.parts.length; p++) {
    const part = setting.parts[p];
    if (p > 0 && cur) cur += ' ';
    const raw = part.quoted ? text.slice(part.range.start + 1, part.range.end - (text.charCodeAt(part.range.end - 1) === C.Quote && part.range.end - part.range.start >= 2 ? 1 : 0)) : part.value;
    const exact = !part.quoted || raw === part.value;
    const base = part.quoted ? part.range.start + 1 : part.range.start;
    const v = part.value;
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      if (ch === ',') {
        flush();
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\n') {
        if (cur) cur += ch;
        continue;
      }
      const s = exact ? base + i : part.range.start;
      const e = exact ? base + i + 1 : part.range.end;
      if (start < 0) start = s;
      end = Math.max(end, e);
      cur += ch;
    }
  }
  flush();
  return res;
}

/** The settings and subsections of a section by name (the last setting of a name wins, as in strongSwan). */
export function settingOf(items: readonly SwanctlItem[], key: string): SwanctlSetting | undefined {
  let found: SwanctlSetting | undefined;
  for (const it of items) if (it.kind === 'SwanctlSetting' && it.key === key) found = it;
  return found;
}

export function sectionOf(items: readonly SwanctlItem[], name: string): SwanctlSection | undefined {
  for (const it of items) if (it.kind === 'SwanctlSection' && it.name === name) return it;
  return undefined;
}

export function sectionsOf(items: readonly SwanctlItem[]): SwanctlSection[] {
  const res: SwanctlSection[] = [];
  for (const it of items) if (it.kind === 'SwanctlSection') res.push(it);
  return res;
}
