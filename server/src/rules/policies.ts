// Policy rules of a workspace's own (netcfg.yaml `policies:`): compliance checks a team writes once.
// - Line rules, for one dialect: `parent` (a regular expression on a block header line) with `require` / `forbid`
//   regular expressions on the block's child lines, or no `parent` for the top-level lines. Evaluated on the
//   document text, segmented per dialect (IOS/ASA blocks by indentation, RouterOS menu paths, BIRD braces,
//   OpenBSD ipsec.conf top-level statements, strongSwan `conn` sections or swanctl.conf sections), so batch mode, which drops parse trees, checks them too.
// - Model rules: a collection of the neutral model (`ipsecPeers`, `interfaces`…), a `where` filter and a `require`
//   or `forbid` condition in CEL (Common Expression Language, @marcbachmann/cel-js: a real parser, no code
//   execution, synchronous). The expression sees `self` (the item, `Value`s flattened to their values, secrets
//   reduced to their kind, ranges and setters removed) and `device` (name, dialect, platformVersion).
// A policy that cannot be compiled is a `config/invalid-policy` error on its netcfg.yaml line; the others still run.
// Pure: no LSP, no IO.

import { Environment } from '@marcbachmann/cel-js';
import type * as model from '../model';
import type { Severity, TextRange } from '../syntax';
import { POLICY_COLLECTIONS, POLICY_TYPES } from './policy-fields.generated';
import type { RuleInfo } from './registry';

export const LINE_DIALECTS: readonly model.DialectId[] = ['cisco-ios', 'cisco-asa', 'routeros', 'openbsd-ipsec', 'bird', 'strongswan'];

/** A policy as written in netcfg.yaml (every value with its range), before compilation. */
export interface PolicySpec {
  range: TextRange;
  id: { value: string; range: TextRange };
  message?: { value: string; range: TextRange };
  severity?: { value: Severity; range: TextRange };
  dialect?: { value: string; range: TextRange };
  parent?: { value: string; range: TextRange };
  target?: { value: string; range: TextRange };
  where?: { value: string; range: TextRange };
  require?: { value: string; range: TextRange };
  forbid?: { value: string; range: TextRange };
}

type CelProgram = ((ctx: Record<string, unknown>) => unknown) & { ast: unknown };

export interface CompiledPolicy {
  id: string;
  message: string;
  severity: Severity;
  dialect?: model.DialectId;
  kind: 'line' | 'model';
  /** Line rules. */
  parent?: RegExp;
  lineRequire?: RegExp;
  lineForbid?: RegExp;
  /** Model rules. */
  target?: string;
  where?: CelProgram;
  require?: CelProgram;
  forbid?: CelProgram;
  /** The `self` fields the condition reads, in expression order (where the finding goes). */
  fields: string[];
}

export interface PolicyError {
  range: TextRange;
  message: string;
}

/** Policy ids: `team/rule-name` (lower case, digits, dashes), so they read like built-in codes and select like them. */
export const POLICY_ID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;

/** Lines longer than this are matched on their first MAX_LINE characters only (bounds the regex work per line). */
export const MAX_LINE = 4096;

/**
 * Rejects the regular expressions that can backtrack catastrophically in a backtracking engine such as V8's
 * Irregexp: a quantified group that itself contains a quantifier or an alternation (`(a+)+`, `(a|aa)*`, `(\w*)*`),
 * and backreferences (no linear bound). Everything else runs in time polynomial of low degree in the (capped)
 * line length. Returns the reason, or undefined when the pattern is accepted.
 */
export function unsafeRegex(pattern: string): string | undefined {
  // Per open group: whether it holds a quantifier or an alternation.
  const stack: { risky: boolean }[] = [];
  let lastGroupRisky = false;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      if (!inClass && /[1-9k]/.test(n)) return 'backreferences are not allowed (they have no linear time bound)';
      i++;
      lastGroupRisky = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      lastGroupRisky = false;
      continue;
    }
    if (c === '(') {
      stack.push({ risky: false });
      lastGroupRisky = false;
      continue;
    }
    if (c === ')') {
      const g = stack.pop();
      lastGroupRisky = !!g?.risky;
      if (g?.risky && stack.length) stack[stack.length - 1].risky = true;
      continue;
    }
    const quantifier = c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
    if (quantifier) {
      // `?` right after `(` or after a quantifier is syntax (lookaround, lazy), not a repetition.
      const prev = pattern[i - 1];
      const lazyOrGroup = c === '?' && (prev === '(' || prev === '*' || prev === '+' || prev === '?' || prev === '}');
      if (!lazyOrGroup) {
        if (lastGroupRisky && c !== '?') return 'a repeated group that itself repeats or alternates (e.g. (a+)+ or (a|b)*) can take exponential time: rewrite it without the nested repetition';
        if (stack.length && c !== '?') stack[stack.length - 1].risky = true;
      }
      if (c === '{') i = pattern.indexOf('}', i);
      lastGroupRisky = false;
      continue;
    }
    if (c === '|' && stack.length) stack[stack.length - 1].risky = true;
    lastGroupRisky = false;
  }
  return undefined;
}

function compileRegex(spec: { value: string; range: TextRange }, what: string, errors: PolicyError[]): RegExp | undefined {
  const unsafe = unsafeRegex(spec.value);
  if (unsafe) {
    errors.push({ range: spec.range, message: `${what} '${spec.value}': ${unsafe}` });
    return undefined;
  }
  try {
    return new RegExp(spec.value);
  } catch (e) {
    errors.push({ range: spec.range, message: `${what} '${spec.value}' is not a valid regular expression: ${(e as Error).message}` });
    return undefined;
  }
}

const env = new Environment({ unlistedVariablesAreDyn: true, limits: { maxAstNodes: 2000, maxDepth: 50, maxListElements: 100, maxMapEntries: 100, maxCallArguments: 8 } });

function compileCel(spec: { value: string; range: TextRange }, what: string, itemType: string, fields: string[], errors: PolicyError[]): CelProgram | undefined {
  let program: CelProgram;
  try {
    program = env.parse(spec.value) as unknown as CelProgram;
  } catch (e) {
    errors.push({ range: spec.range, message: `${what} is not a valid CEL expression: ${firstLine((e as Error).message)}` });
    return undefined;
  }
  const unknown = checkFields(program.ast, itemType, fields);
  if (unknown) {
    errors.push({ range: spec.range, message: `${what}: ${unknown} (docs/policies.md lists the fields)` });
    return undefined;
  }
  return program;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

interface AstNode {
  op: string;
  args: unknown;
}
const isNode = (x: unknown): x is AstNode => typeof x === 'object' && x !== null && typeof (x as AstNode).op === 'string';

/**
 * Walks a CEL AST and checks every `self.a.b…` and `device.x` path against the generated field table, so a typo is
 * an invalid policy at once rather than a policy that silently never fires. Records the top-level `self` fields
 * read. Iterative (an explicit stack): expressions are small, but nothing recurses over input size.
 */
function checkFields(ast: unknown, itemType: string, fields: string[]): string | undefined {
  const stack: unknown[] = [ast];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
      continue;
    }
    if (!isNode(n)) continue;
    if (n.op === '.' || n.op === '.?') {
      // Collect the member chain down to its root.
      const path: string[] = [];
      let cur: unknown = n;
      while (isNode(cur) && (cur.op === '.' || cur.op === '.?') && Array.isArray(cur.args)) {
        path.unshift(String(cur.args[1]));
        cur = cur.args[0];
      }
      if (isNode(cur) && cur.op === 'id' && (cur.args === 'self' || cur.args === 'device')) {
        let type: string | undefined = cur.args === 'self' ? itemType : 'PolicyDevice';
        for (let i = 0; i < path.length && type; i++) {
          const t: Record<string, string> | undefined = POLICY_TYPES[type];
          if (!t) break;
          const f: string | undefined = t[path[i]];
          if (f === undefined) return `unknown field '${path[i]}' of ${cur.args === 'self' && i === 0 ? itemType : type} (fields: ${Object.keys(t).join(', ')})`;
          if (cur.args === 'self' && i === 0 && !fields.includes(path[0])) fields.push(path[0]);
          type = f.replace(/\[\]$/, '');
        }
        continue;
      }
      stack.push(cur);
      continue;
    }
    if (n.op === 'id' && typeof n.args === 'string' && n.args !== 'self' && n.args !== 'device') {
      // Comprehension variables (x in all(x, …)) are ids too; only a bare unknown root outside one is an error,
      // which CEL reports at evaluation: keep it permissive here.
      continue;
    }
    if (Array.isArray(n.args)) stack.push(n.args);
    else if (isNode(n.args)) stack.push(n.args);
  }
  return undefined;
}

/** Compiles the policies of a netcfg.yaml; each broken one is left out with an error at its range. */
export function compilePolicies(specs: readonly PolicySpec[]): { policies: CompiledPolicy[]; errors: PolicyError[] } {
  const policies: CompiledPolicy[] = [];
  const errors: PolicyError[] = [];
  for (const s of specs) {
    const errs: PolicyError[] = [];
    const base = { id: s.id.value, message: s.message?.value ?? `Policy ${s.id.value} is not met`, severity: s.severity?.value ?? ('warning' as Severity), fields: [] as string[] };
    let dialect: model.DialectId | undefined;
    if (s.dialect) {
      if ((LINE_DIALECTS as readonly string[]).includes(s.dialect.value)) dialect = s.dialect.value as model.DialectId;
      else errs.push({ range: s.dialect.range, message: `unknown dialect '${s.dialect.value}' (one of: ${LINE_DIALECTS.join(', ')})` });
    }
    if (s.require && s.forbid) errs.push({ range: s.forbid.range, message: 'a policy has either `require:` or `forbid:`, not both (write two policies)' });
    if (!s.require && !s.forbid) errs.push({ range: s.id.range, message: 'a policy needs `require:` or `forbid:`' });
    if (s.target) {
      if (s.parent) errs.push({ range: s.parent.range, message: '`parent:` belongs to line rules; a model rule (`target:`) filters with `where:`' });
      const itemType = POLICY_COLLECTIONS[s.target.value];
      if (!itemType) errs.push({ range: s.target.range, message: `unknown collection '${s.target.value}' (one of: ${Object.keys(POLICY_COLLECTIONS).join(', ')})` });
      if (itemType && errs.length === 0) {
        const p: CompiledPolicy = { ...base, kind: 'model', dialect, target: s.target.value };
        if (s.where) p.where = compileCel(s.where, '`where`', itemType, [], errs);
        if (s.require) p.require = compileCel(s.require, '`require`', itemType, p.fields, errs);
        if (s.forbid) p.forbid = compileCel(s.forbid, '`forbid`', itemType, p.fields, errs);
        if (errs.length === 0) policies.push(p);
      }
    } else {
      if (!s.dialect) errs.push({ range: s.id.range, message: 'a line rule needs `dialect:` (its regular expressions are written for one dialect); a model rule needs `target:`' });
      if (s.where) errs.push({ range: s.where.range, message: '`where:` belongs to model rules (`target:`); a line rule selects blocks with `parent:`' });
      if (dialect === 'openbsd-ipsec' && s.parent) errs.push({ range: s.parent.range, message: 'ipsec.conf has no blocks: a line rule for openbsd-ipsec matches top-level statements only (no `parent:`)' });
      const p: CompiledPolicy = { ...base, kind: 'line', dialect };
      if (s.parent) p.parent = compileRegex(s.parent, '`parent`', errs);
      if (s.require) p.lineRequire = compileRegex(s.require, '`require`', errs);
      if (s.forbid) p.lineForbid = compileRegex(s.forbid, '`forbid`', errs);
      if (errs.length === 0) policies.push(p);
    }
    for (const e of errs) errors.push({ range: e.range, message: `policy ${s.id.value}: ${e.message}` });
  }
  return { policies, errors };
}

/** The compiled policies as rule registry entries (for `netcfg rules`). */
export function policyRules(policies: readonly CompiledPolicy[]): RuleInfo[] {
  return policies.map((p) => ({ code: p.id, severity: p.severity, description: `${p.message} (${p.kind === 'line' ? `line rule, ${p.dialect}` : `model rule on ${p.target}`})` }));
}

// ---------------------------------------------------------------------------------------------------------------
// Line rules

/** One logical line: its text (continuations joined, comments removed) and the range of its first physical line. */
interface LogicalLine {
  text: string;
  range: TextRange;
}

interface Block {
  header: LogicalLine;
  children: LogicalLine[];
}

/** The document as top-level lines and blocks, per dialect. Linear in the text; cached per text. */
export interface Segmented {
  top: LogicalLine[];
  blocks: Block[];
  firstLine: TextRange;
}

const ROUTEROS_COMMANDS = new Set(['add', 'set', 'remove', 'enable', 'disable', 'print', 'export', 'edit', 'unset', 'move', 'comment', 'find', 'reset', 'monitor']);

/** Splits text into physical lines with their ranges (without the line break). */
function physicalLines(text: string): { text: string; start: number }[] {
  const res: { text: string; start: number }[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    res.push({ text: text.slice(start, lineEnd), start });
    if (end >= text.length) break;
    start = end + 1;
  }
  return res;
}

function trimmedRange(line: { text: string; start: number }): TextRange {
  const lead = line.text.length - line.text.trimStart().length;
  return { start: line.start + lead, end: line.start + line.text.trimEnd().length };
}

/** Joins `\`-continued lines (RouterOS, OpenBSD) into logical lines, dropping whole-line `#` comments. */
function hashLogicalLines(text: string, continues: boolean): { text: string; indent: number; range: TextRange }[] {
  const res: { text: string; indent: number; range: TextRange }[] = [];
  const lines = physicalLines(text);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const t = l.text.trim();
    if (t === '' || t.startsWith('#')) continue;
    let joined = t;
    const range = trimmedRange(l);
    while (continues && joined.endsWith('\\') && i + 1 < lines.length) {
      i++;
      joined = `${joined.slice(0, -1).trimEnd()} ${lines[i].text.trim()}`;
      if (joined.length > MAX_LINE) joined = joined.slice(0, MAX_LINE);
    }
    res.push({ text: joined, indent: l.text.length - l.text.trimStart().length, range });
  }
  return res;
}

export function segment(text: string, dialect: model.DialectId): Segmented {
  const top: LogicalLine[] = [];
  const blocks: Block[] = [];
  let firstLine: TextRange | undefined;
  const cap = (s: string) => (s.length > MAX_LINE ? s.slice(0, MAX_LINE) : s);
  if (dialect === 'cisco-ios' || dialect === 'cisco-asa') {
    firstLine = segmentIndented(text, top, blocks, (raw) => {
      const t = raw.trim();
      return t.startsWith('!') || (dialect === 'cisco-asa' && t.startsWith(':')) ? '' : t;
    });
  } else if (dialect === 'routeros') {
    // The menu path (`/ip service`) is the parent of the commands under it; `/ip service set www …` on one line is
    // a command under `/ip service`. Top-level lines are the commands qualified by their path.
    let block: Block | undefined;
    const byPath = new Map<string, Block>();
    for (const l of hashLogicalLines(text, true)) {
      firstLine ??= l.range;
      if (l.text.startsWith('/') || l.text.startsWith(':')) {
        const words = l.text.split(/\s+/);
        let n = 1;
        while (n < words.length && !ROUTEROS_COMMANDS.has(words[n]) && !words[n].includes('=') && !words[n].startsWith('[')) n++;
        const path = words.slice(0, n).join(' ');
        block = byPath.get(path);
        if (!block) {
          blocks.push((block = { header: { text: cap(path), range: l.range }, children: [] }));
          byPath.set(path, block);
        }
        if (n < words.length) {
          const cmd = words.slice(n).join(' ');
          block.children.push({ text: cap(cmd), range: l.range });
          top.push({ text: cap(`${path} ${cmd}`), range: l.range });
        }
      } else if (block) {
        block.children.push({ text: cap(l.text), range: l.range });
        top.push({ text: cap(`${block.header.text} ${l.text}`), range: l.range });
      } else top.push({ text: cap(l.text), range: l.range });
    }
  } else if (dialect === 'openbsd-ipsec') {
    for (const l of hashLogicalLines(text, true)) {
      firstLine ??= l.range;
      top.push({ text: cap(stripTrailingHash(l.text)), range: l.range });
    }
  } else if (dialect === 'strongswan') {
    // stroke ipsec.conf and ipsec.secrets: `conn gw`, `config setup`, `ca root` at column 0 head their parameters.
    firstLine = SWANCTL_SECTION.test(text) ? segmentSwanctl(text, top, blocks) : segmentIndented(text, top, blocks, (raw) => stripTrailingHash(raw).trim());
  } else {
    // BIRD: a line that opens a brace at depth 0 heads a block; every line inside (any depth) is its child.
    let depth = 0;
    let block: Block | undefined;
    let inComment = false;
    for (const l of physicalLines(text)) {
      let t = l.text;
      if (inComment) {
        const e = t.indexOf('*/');
        if (e < 0) continue;
        t = t.slice(e + 2);
        inComment = false;
      }
      const open = t.indexOf('/*');
      if (open >= 0 && t.indexOf('*/', open + 2) < 0) {
        t = t.slice(0, open);
        inComment = true;
      }
      t = stripTrailingHash(t.replace(/\/\*.*?\*\//g, ' ')).trim();
      if (t === '') continue;
      const line = { text: cap(t), range: trimmedRange(l) };
      firstLine ??= line.range;
      const opens = countChar(t, '{');
      const closes = countChar(t, '}');
      if (depth === 0) {
        top.push(line);
        if (opens > closes) blocks.push((block = { header: line, children: [] }));
      } else if (block && !(depth + opens - closes === 0 && t === '}')) block.children.push(line);
      depth = Math.max(0, depth + opens - closes);
      if (depth === 0) block = undefined;
    }
  }
  return { top, blocks, firstLine: firstLine ?? { start: 0, end: 0 } };
}

/** A swanctl.conf section opening (`connections {`, `gw : base {`): the file is in the vici format, not stroke. */
const SWANCTL_SECTION = /^[ \t]*[\w.-]+[ \t]*(?::[\w.,\t -]*)?\{/m; // disjoint classes: linear on any line
/** Sections nested deeper than this are no block headers (their lines still count for the enclosing ones). */
const MAX_SECTION_DEPTH = 8;

/**
 * A line at column 0 heads a block of the indented lines under it (IOS/ASA, stroke ipsec.conf). `clean` gives a
 * line's text without comments, trimmed; an empty result is no line.
 */
function segmentIndented(text: string, top: LogicalLine[], blocks: Block[], clean: (raw: string) => string): TextRange | undefined {
  let firstLine: TextRange | undefined;
  let block: Block | undefined;
  for (const l of physicalLines(text)) {
    const t = clean(l.text);
    if (t === '') continue;
    const line = { text: t.length > MAX_LINE ? t.slice(0, MAX_LINE) : t, range: trimmedRange(l) };
    firstLine ??= line.range;
    if (/^\s/.test(l.text) && block) block.children.push(line);
    else {
      top.push(line);
      blocks.push((block = { header: line, children: [] }));
    }
  }
  return firstLine;
}

/**
 * swanctl.conf: a line that opens a section (at any depth up to `MAX_SECTION_DEPTH`) heads a block of every line
 * inside it; the top-level lines are those at depth 0. Braces in quoted values and after `#` do not count.
 */
function segmentSwanctl(text: string, top: LogicalLine[], blocks: Block[]): TextRange | undefined {
  let firstLine: TextRange | undefined;
  /** The open sections, innermost last; `undefined` for a section too deep to head a block. */
  const open: (Block | undefined)[] = [];
  for (const l of physicalLines(text)) {
    const t = stripTrailingHash(l.text).trim();
    if (t === '') continue;
    const line = { text: t.length > MAX_LINE ? t.slice(0, MAX_LINE) : t, range: trimmedRange(l) };
    firstLine ??= line.range;
    let opens = 0;
    let closes = 0;
    let q = false;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 34 /* " */) q = !q;
      else if (!q && c === 123 /* { */) opens++;
      else if (!q && c === 125 /* } */) closes++;
    }
    if (open.length === 0) top.push(line);
    // A line of its own braces only (`}`) belongs to no block; any other line counts for every enclosing section.
    if (!/^[{}\s]*$/.test(t)) for (let i = 0; i < open.length && i < MAX_SECTION_DEPTH; i++) open[i]?.children.push(line);
    // A section on one line (`net { esp_proposals = aes256gcm16 }`) is a block whose only line is its header.
    if (opens > 0 && opens === closes && open.length < MAX_SECTION_DEPTH && !t.startsWith('{')) blocks.push({ header: line, children: [line] });
    if (opens > closes) {
      const block = open.length < MAX_SECTION_DEPTH ? { header: line, children: [] } : undefined;
      if (block) blocks.push(block);
      open.push(block);
      for (let k = 1; k < opens - closes; k++) open.push(undefined);
    } else for (let k = 0; k < closes - opens && open.length; k++) open.pop();
  }
  return firstLine;
}

function countChar(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/** `#` starts a comment outside double quotes (ipsec.conf and BIRD lexers). */
function stripTrailingHash(t: string): string {
  let q = false;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '"') q = !q;
    else if (t[i] === '#' && !q) return t.slice(0, i).trimEnd();
  }
  return t;
}

const segCache = new WeakMap<object, Segmented>();

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

export interface PolicyDocument {
  uri: string;
  text: string;
  dialect?: model.DialectId;
}

/** The findings the policies raise on one document and its device. Never throws: a failing item is skipped. */
export function policyFindings(policies: readonly CompiledPolicy[], doc: PolicyDocument, device: model.Device | undefined): model.Finding[] {
  if (policies.length === 0 || !doc.dialect) return [];
  const res: model.Finding[] = [];
  const out = (p: CompiledPolicy, range: TextRange, detail?: string) => res.push({ uri: doc.uri, range: firstLineOfRange(doc.text, range), severity: p.severity, code: p.id, message: detail ? `${p.message} (${detail})` : p.message, related: [], fixes: [] });
  let seg: Segmented | undefined;
  for (const p of policies) {
    if (p.dialect && p.dialect !== doc.dialect) continue;
    if (p.kind === 'line') {
      if (!seg) {
        seg = segCache.get(doc);
        if (!seg) segCache.set(doc, (seg = segment(doc.text, doc.dialect)));
      }
      linePolicy(p, seg, out);
    } else if (device) modelPolicy(p, device, seg?.firstLine ?? firstLineOf(doc.text), out);
  }
  return res;
}

/** A range cut at the end of its first line: a block's finding sits on its header, not on the whole block. */
function firstLineOfRange(text: string, r: TextRange): TextRange {
  const nl = text.indexOf('\n', r.start);
  if (nl < 0 || nl >= r.end) return r;
  return { start: r.start, end: nl > r.start && text[nl - 1] === '\r' ? nl - 1 : nl };
}

function firstLineOf(text: string): TextRange {
  for (const l of physicalLines(text)) if (l.text.trim() !== '') return trimmedRange(l);
  return { start: 0, end: 0 };
}

function linePolicy(p: CompiledPolicy, seg: Segmented, out: (p: CompiledPolicy, range: TextRange, detail?: string) => void): void {
  const re = p.lineRequire ?? p.lineForbid!;
  const check = (header: LogicalLine | undefined, lines: LogicalLine[]) => {
    if (p.lineRequire) {
      if (!lines.some((l) => re.test(l.text))) out(p, header?.range ?? seg.firstLine, header ? `no line under '${header.text}' matches ${re.source}` : `no line matches ${re.source}`);
    } else for (const l of lines) if (re.test(l.text)) out(p, l.range);
  };
  if (!p.parent) return check(undefined, seg.top);
  for (const b of seg.blocks) if (p.parent.test(b.header.text)) check(b.header, b.children);
}

// ---------------------------------------------------------------------------------------------------------------
// Model rules

/** A model value reduced to what an expression may read: plain data, no ranges, setters or secret text. */
function view(x: unknown, depth = 0): unknown {
  if (depth > 8) return null;
  if (typeof x === 'number') return Number.isInteger(x) ? BigInt(x) : x;
  if (typeof x === 'string' || typeof x === 'boolean' || typeof x === 'bigint') return x;
  if (x === null || x === undefined || typeof x === 'function') return null;
  if (x instanceof Set) return [...x].map((v) => view(v, depth + 1));
  if (Array.isArray(x)) return x.map((v) => view(v, depth + 1));
  if (typeof x !== 'object') return null;
  const o = x as Record<string, unknown>;
  if (isSecret(o)) return { kind: o.kind };
  if ('value' in o && ('range' in o || 'default' in o || 'set' in o) && Object.keys(o).every((k) => k === 'value' || k === 'range' || k === 'default' || k === 'set')) return view(o.value, depth + 1);
  const res: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || typeof v === 'function' || HIDDEN.has(k)) continue;
    if (isRange(v)) continue;
    res[k] = view(v, depth + 1);
  }
  return res;
}

/** Never shown to expressions: source positions, other secret positions, the whole-file symbol tables. */
const HIDDEN = new Set(['plain', 'otherSecrets', 'insertAt', 'uri', 'definitions', 'references', 'addressTable']);

function isSecret(o: Record<string, unknown>): boolean {
  return (o.kind === 'plain' || o.kind === 'type7' || o.kind === 'type6' || o.kind === 'masked') && isRange(o.range) && Object.keys(o).every((k) => k === 'kind' || k === 'plain' || k === 'range');
}

function isRange(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as TextRange).start === 'number' && typeof (v as TextRange).end === 'number' && Object.keys(v).length === 2;
}

/** The items of a collection, each with the model object it came from (for its ranges). */
function collect(device: model.Device, target: string): { raw: Record<string, unknown>; parentRange?: TextRange }[] {
  const d = device as unknown as Record<string, unknown>;
  if (target === 'devices') return [{ raw: d }];
  const dot = target.indexOf('.');
  if (dot < 0) return ((d[target] as Record<string, unknown>[] | undefined) ?? []).map((raw) => ({ raw }));
  const res: { raw: Record<string, unknown>; parentRange?: TextRange }[] = [];
  for (const parent of (d[target.slice(0, dot)] as Record<string, unknown>[] | undefined) ?? [])
    for (const raw of (parent[target.slice(dot + 1)] as Record<string, unknown>[] | undefined) ?? []) res.push({ raw, parentRange: parent.range as TextRange | undefined });
  return res;
}

function deviceView(device: model.Device): Record<string, unknown> {
  return { name: device.name, dialect: device.dialect, platformVersion: device.platformVersion ?? '' };
}

function modelPolicy(p: CompiledPolicy, device: model.Device, firstLine: TextRange, out: (p: CompiledPolicy, range: TextRange, detail?: string) => void): void {
  const dev = deviceView(device);
  for (const { raw, parentRange } of collect(device, p.target!)) {
    const self = p.target === 'devices' ? { ...(view(raw) as Record<string, unknown>), ...dev } : view(raw);
    const ctx = { self, device: dev };
    try {
      if (p.where && p.where(ctx) !== true) continue;
    } catch {
      continue; // a filter that fails on this item does not select it
    }
    try {
      const ok = p.require ? p.require(ctx) === true : p.forbid!(ctx) !== true;
      if (ok) continue;
    } catch {
      // An expression that fails on this item (a field absent here, a type mismatch) does not hold: `require`
      // reports it, `forbid` does not (has() guards optional fields).
      if (!p.require) continue;
    }
    out(p, findingRange(p, raw, parentRange, device, firstLine));
  }
}

/**
 * Where a model finding sits: the first field the condition reads that has a source range; a default value
 * (no range) or no field sits on the item (its own range, its parent's), else on the device's first line.
 */
function findingRange(p: CompiledPolicy, raw: Record<string, unknown>, parentRange: TextRange | undefined, device: model.Device, firstLine: TextRange): TextRange {
  for (const f of p.fields) {
    const v = raw[f] as { range?: TextRange; nameRange?: TextRange } | undefined;
    if (v && typeof v === 'object' && isRange(v.range)) return v.range!;
  }
  if (p.target === 'devices') return device.hostnameRange ?? firstLine;
  if (isRange(raw.nameRange)) return raw.nameRange as TextRange;
  if (isRange(raw.range)) return raw.range as TextRange;
  return parentRange ?? firstLine;
}
