// One fuzz input through the whole language service and every editor feature, with the oracles:
// no throw (features, and checks through the internal-error handler), no internal/parser-crash, lossless tokens,
// every range inside its text, no planted secret in any text shown to the user. Used by the fuzz worker and by
// test/fuzz/repro.test.ts. Never throws itself.

import type { Position, Range } from 'vscode-languageserver-types';
import { getCodeActions } from '../../server/src/features/codeActions';
import { getCodeLenses } from '../../server/src/features/codeLens';
import { getCompletions } from '../../server/src/features/completion';
import { getDiagnostics } from '../../server/src/features/diagnostics';
import { getFoldingRanges } from '../../server/src/features/folding';
import { featureContext, getHover } from '../../server/src/features/hover';
import { getDefinition, getReferences, getRename, prepareRename } from '../../server/src/features/navigation';
import { getSemanticTokens } from '../../server/src/features/semanticTokens';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import type { OutlineSymbol } from '../../server/src/dialects/types';
import * as model from '../../server/src/model';
import { createLanguageService, setInternalErrorHandler, type LanguageService } from '../../server/src/service';
import { lineStarts, positionAt, type TextRange } from '../../server/src/syntax';
import { SECRET } from './mutate';

export type FailureKind = 'throw' | 'parser-crash' | 'lossless' | 'range' | 'secret' | 'slow' | 'hang' | 'incremental';

export interface Failure {
  kind: FailureKind;
  /** Where: parse, lower, findings, check, hover, completion, … */
  stage: string;
  message: string;
  /** Offset of the request position for per-position features. */
  offset?: number;
  /** First frames of the stack, for the reproducer header. */
  stack?: string;
}

export interface FuzzDoc {
  uri: string;
  text: string;
  languageId?: string;
}

export interface FuzzCase {
  /** The mutated document (checked by every oracle). */
  doc: FuzzDoc;
  /** Other documents of the workspace (an example peer). */
  peers?: FuzzDoc[];
  /** Offsets in doc.text where per-position features are asked. */
  positions: number[];
  /** CLI mode of the service. */
  batch?: boolean;
}

/** What the incremental oracle types: syntax that changes how lines, blocks, strings and comments are read. */
const INCREMENTAL_PIECES = ['x', '\n', '{', '}', ';', '"', '\\\n', '#', '/*', ' '];
/**
 * What it types into an IOS/ASA document besides (issue 16, `reparseIos`): comment lines, exits, banner delimiters,
 * pasted prompts and unindented sub-mode lines, which change how the lines after them nest.
 */
const IOS_INCREMENTAL_PIECES = [...INCREMENTAL_PIECES, '!', '!\n', ':', 'exit\n', 'end\n', '^C', 'banner motd ^C', 'R1(config)#', 'shutdown\n', 'interface Loopback9\n'];
/**
 * What it types into an OpenBSD ipsec.conf besides (issue 16, `reparseIpsecConf`): macro uses and definitions, quotes,
 * lists, continuations and a rule line, which change how the statements after them expand and end.
 */
const OPENBSD_INCREMENTAL_PIECES = [...INCREMENTAL_PIECES, '$', '$gw', 'gw = "192.0.2.9"\n', '=', "'", '\\', ',', '(', ')', '/', 'ike esp from 10.0.0.0/8 to any peer $gw psk "k"\n'];

export interface OracleResult {
  failures: Failure[];
  /** Milliseconds per stage (summed over positions). */
  times: Record<string, number>;
  totalMs: number;
}

function describe(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: `${err.name}: ${err.message}`, stack: err.stack?.split('\n').slice(1, 6).map((l) => l.trim()).join('\n') };
  return { message: String(err) };
}

/** Lines of a text as [start, end-without-terminator), by the service's own line rule. */
function lineBounds(text: string): { starts: number[]; ends: number[] } {
  const starts = lineStarts(text);
  const ends = starts.map((s, i) => {
    if (i + 1 >= starts.length) return text.length;
    let e = starts[i + 1];
    if (text.charCodeAt(e - 1) === 10) e--;
    if (text.charCodeAt(e - 1) === 13) e--;
    return Math.max(s, e);
  });
  return { starts, ends };
}

/** `onStage` hears each stage as it starts (the fuzz worker forwards it, so a hang names its stage). */
export function runOracles(c: FuzzCase, onStage?: (stage: string) => void): OracleResult {
  const failures: Failure[] = [];
  const times: Record<string, number> = {};
  const t0 = performance.now();
  const fail = (kind: FailureKind, stage: string, message: string, offset?: number, stack?: string) => {
    if (failures.length < 50) failures.push({ kind, stage, message: message.length > 500 ? message.slice(0, 500) + '…' : message, offset, stack });
  };
  const guard = <T>(stage: string, fn: () => T, offset?: number): T | undefined => {
    onStage?.(stage);
    const s = performance.now();
    try {
      return fn();
    } catch (err) {
      const d = describe(err);
      fail('throw', stage, d.message, offset, d.stack);
      return undefined;
    } finally {
      times[stage] = (times[stage] ?? 0) + performance.now() - s;
    }
  };
  setInternalErrorHandler((err) => {
    const d = describe(err);
    fail('throw', 'check', d.message, undefined, d.stack);
  });

  const docs = [c.doc, ...(c.peers ?? [])];
  const texts = new Map(docs.map((d) => [d.uri, d.text]));
  const bounds = new Map<string, { starts: number[]; ends: number[] }>();
  const boundsOf = (uri: string) => {
    let b = bounds.get(uri);
    if (!b) bounds.set(uri, (b = lineBounds(texts.get(uri) ?? '')));
    return b;
  };

  // ---- range oracles
  const checkOffsets = (stage: string, uri: string, r: TextRange | undefined, what: string, offset?: number) => {
    if (!r) return;
    const text = texts.get(uri.includes('#') ? uri.slice(0, uri.indexOf('#')) : uri);
    if (text === undefined) return; // another document (e.g. a netcfg.yaml external peer)
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= text.length)) {
      fail('range', stage, `${what} range [${r.start}, ${r.end}) outside the text (length ${text.length})`, offset);
    }
  };
  const checkRange = (stage: string, uri: string, r: Range | undefined, what: string, offset?: number) => {
    if (!r) return;
    const { starts, ends } = boundsOf(uri);
    const ok = (p: Position) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < starts.length && p.character >= 0 && p.character <= ends[p.line] - starts[p.line];
    const before = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
    if (!ok(r.start) || !ok(r.end) || !before) fail('range', stage, `${what} range ${JSON.stringify(r)} outside the text (${starts.length} lines)`, offset);
  };

  // ---- secret oracle: only when every occurrence of the planted secret is a secret the model knows
  let judgeSecrets = false;
  const shown = (stage: string, s: string | undefined, offset?: number) => {
    if (judgeSecrets && s && s.includes(SECRET)) fail('secret', stage, `planted secret in ${stage} text: ${JSON.stringify(s.slice(Math.max(0, s.indexOf(SECRET) - 60), s.indexOf(SECRET) + 40))}`, offset);
  };

  // ---- workspace
  const service: LanguageService = createLanguageService({ batch: c.batch });
  for (const d of docs) guard('setDocument', () => service.setDocument(d.uri, d.text, 1, d.languageId));
  const uri = c.doc.uri;
  const text = c.doc.text;

  // parse: lossless tokens, syntax diagnostics
  const parse = guard('parse', () => service.getParse(uri));
  if (parse) {
    const toks = parse.parsed.tokens;
    let at = 0;
    let bad: string | undefined;
    for (let i = 0; i < toks.length && !bad; i++) {
      const t = toks[i];
      if (t.start !== at) bad = `token ${i} starts at ${t.start}, expected ${at}`;
      else if (t.end < t.start || text.slice(t.start, t.end) !== t.text) bad = `token ${i} [${t.start}, ${t.end}) text ${JSON.stringify(t.text.slice(0, 40))} differs from the input there`;
      at = t.end;
    }
    if (!bad && at !== text.length) bad = `tokens end at ${at}, the text at ${text.length}`;
    if (bad) fail('lossless', 'parse', bad);
    if (parse.parsed.text !== text) fail('lossless', 'parse', 'ParseResult.text differs from the input');
    for (const d of parse.parsed.diagnostics) {
      checkOffsets('parse', uri, d.range, `syntax diagnostic ${d.code}`);
      if (d.code === 'internal/parser-crash') fail('parser-crash', 'parse', d.message);
    }
    // outline and folding, raw
    const outline = guard('outline', () => parse.dialect.outline(parse.parsed));
    const stack: OutlineSymbol[] = [...(outline ?? [])];
    for (let n = 0; stack.length && n < 100_000; n++) {
      const s = stack.pop()!;
      checkOffsets('outline', uri, s.range, `outline ${s.kind}`);
      checkOffsets('outline', uri, s.selectionRange, `outline ${s.kind} selection`);
      shown('outline', s.name);
      shown('outline', s.detail);
      for (const ch of s.children) stack.push(ch);
    }
    for (const f of guard('folding', () => parse.dialect.folding(parse.parsed)) ?? []) checkOffsets('folding', uri, f, 'folding region');
  }

  // lowering
  const device = guard('lower', () => service.getDevice(uri));
  if (device) {
    for (const def of device.definitions) checkOffsets('lower', uri, def.range, `definition ${def.kind}`);
    for (const ref of device.references) checkOffsets('lower', uri, ref.range, `reference ${ref.kind}`);
  }
  // decide whether the secret oracle applies: every occurrence of SECRET in every document is a modelled secret
  judgeSecrets = true;
  for (const d of docs) {
    if (!d.text.includes(SECRET)) continue;
    const dev = guard('lower', () => service.getDevice(d.uri));
    const ranges = dev ? model.secretRanges(dev) : [];
    for (let i = d.text.indexOf(SECRET); i >= 0; i = d.text.indexOf(SECRET, i + 1)) {
      if (!ranges.some((r) => r.start <= i && i + SECRET.length <= r.end)) judgeSecrets = false;
    }
  }

  // findings of every document (the peer's change with the mutated file)
  for (const d of docs) {
    const findings = guard('findings', () => service.getFindings(d.uri)) ?? [];
    for (const f of findings) {
      checkOffsets('findings', f.uri, f.range, `finding ${f.code}`);
      shown('findings', f.message);
      if (f.code === 'internal/parser-crash') fail('parser-crash', d.uri === uri ? 'findings' : 'findings(peer)', f.message);
      for (const r of f.related) {
        checkOffsets('findings', r.uri, r.range, `related of ${f.code}`);
        shown('findings', r.message);
      }
      for (const fix of f.fixes) {
        shown('findings', fix.title);
        for (const e of fix.edits) checkOffsets('findings', e.uri, e.range, `fix edit of ${f.code}`);
      }
    }
    for (const diag of guard('diagnostics', () => getDiagnostics(service, d.uri)) ?? []) {
      checkRange('diagnostics', d.uri, diag.range, `diagnostic ${diag.code}`);
      shown('diagnostics', typeof diag.message === 'string' ? diag.message : diag.message.value);
    }
  }

  // whole-document editor features
  const walkSymbols = (list: { name: string; detail?: string; range: Range; selectionRange: Range; children?: any[] }[]) => {
    const st = [...list];
    for (let n = 0; st.length && n < 100_000; n++) {
      const s = st.pop()!;
      checkRange('symbols', uri, s.range, 'symbol');
      checkRange('symbols', uri, s.selectionRange, 'symbol selection');
      shown('symbols', s.name);
      shown('symbols', s.detail);
      for (const ch of s.children ?? []) st.push(ch);
    }
  };
  walkSymbols(guard('symbols', () => getDocumentSymbols(service, uri)) ?? []);
  const lineCount = boundsOf(uri).starts.length;
  for (const f of guard('folding', () => getFoldingRanges(service, uri)) ?? []) {
    if (!(0 <= f.startLine && f.startLine <= f.endLine && f.endLine < lineCount)) fail('range', 'folding', `folding lines ${f.startLine}-${f.endLine} outside ${lineCount} lines`);
  }
  const sem = guard('semanticTokens', () => getSemanticTokens(service, uri));
  if (sem) {
    const { starts, ends } = boundsOf(uri);
    let line = 0;
    let ch = 0;
    for (let i = 0; i + 4 < sem.data.length + 0 && i < sem.data.length; i += 5) {
      const [dl, ds, len] = [sem.data[i], sem.data[i + 1], sem.data[i + 2]];
      line += dl;
      ch = dl ? ds : ch + ds;
      if (line >= starts.length || ch + len > ends[line] - starts[line] || len < 0) {
        fail('range', 'semanticTokens', `semantic token ${i / 5} at ${line}:${ch} length ${len} outside the text`);
        break;
      }
    }
  }
  for (const l of guard('codeLens', () => getCodeLenses(service, uri)) ?? []) {
    checkRange('codeLens', uri, l.range, 'code lens');
    shown('codeLens', l.command?.title);
  }
  const starts = boundsOf(uri).starts;
  const whole: Range = { start: { line: 0, character: 0 }, end: positionAt(starts, text.length) };
  for (const a of guard('codeActions', () => getCodeActions(service, { uri, range: whole })) ?? []) shown('codeActions', a.title);

  // per-position features
  const ctx = guard('featureContext', () => featureContext(service, uri));
  for (const offset of c.positions) {
    let o = Math.max(0, Math.min(offset, text.length));
    if (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) o--; // no editor puts a cursor inside a CRLF
    const pos = positionAt(starts, o);
    if (parse && ctx) {
      const raw = guard('hover', () => parse.dialect.hover?.(parse.parsed, o, ctx), o);
      if (raw) checkOffsets('hover', uri, raw.range, 'dialect hover', o);
      for (const p of guard('completion', () => parse.dialect.complete?.(parse.parsed, o, ctx), o) ?? []) if (p.replaceRange) checkOffsets('completion', uri, p.replaceRange, 'dialect completion item', o);
    }
    const hover = guard('hover', () => getHover(service, uri, pos), o);
    if (hover) {
      checkRange('hover', uri, hover.range, 'hover', o);
      const contents = hover.contents as { value?: string } | string;
      shown('hover', typeof contents === 'string' ? contents : contents.value, o);
    }
    for (const item of guard('completion', () => getCompletions(service, uri, pos), o) ?? []) {
      const te = item.textEdit as { range?: Range } | undefined;
      checkRange('completion', uri, te?.range, 'completion item', o);
      shown('completion', item.label, o);
      shown('completion', item.detail, o);
      const doc = item.documentation as { value?: string } | string | undefined;
      shown('completion', typeof doc === 'string' ? doc : doc?.value, o);
    }
    for (const l of guard('definition', () => getDefinition(service, uri, pos), o) ?? []) checkRange('definition', l.uri, l.range, 'definition', o);
    for (const l of guard('references', () => getReferences(service, uri, pos, true), o) ?? []) checkRange('references', l.uri, l.range, 'reference', o);
    const prep = guard('rename', () => prepareRename(service, uri, pos), o);
    if (prep) {
      checkRange('rename', uri, prep.range, 'prepareRename', o);
      const edit = guard('rename', () => getRename(service, uri, pos, 'fuzzRenamed'), o);
      for (const ch of edit?.documentChanges ?? []) if ('edits' in ch) for (const e of ch.edits) checkRange('rename', ch.textDocument.uri, (e as { range: Range }).range, 'rename edit', o);
    }
    for (const a of guard('codeActions', () => getCodeActions(service, { uri, range: { start: pos, end: pos } }), o) ?? []) shown('codeActions', a.title, o);
  }
  setInternalErrorHandler(() => {});
  // ---- incremental oracle (issue 16): an edit at the first request position, given to the service as the editor's
  // change (so a dialect that can re-parses only around it), then undone the same way: the findings (and so every
  // range, message and fix) equal those of a fresh service given each text whole. Its time (two fresh services) is
  // not counted against the slow budget (`times.incremental` has it; a hang is still one).
  const totalMs = performance.now() - t0;
  if (!c.batch && c.positions.length > 0) {
    const at = Math.min(c.positions[0], c.doc.text.length);
    const dialect = service.getDocument(uri)?.dialect;
    const pieces = dialect === 'cisco-ios' || dialect === 'cisco-asa' ? IOS_INCREMENTAL_PIECES : dialect === 'openbsd-ipsec' ? OPENBSD_INCREMENTAL_PIECES : INCREMENTAL_PIECES;
    const piece = pieces[at % pieces.length];
    const end = Math.min(c.doc.text.length, at + (at % 3));
    const edited = c.doc.text.slice(0, at) + piece + c.doc.text.slice(end);
    const steps = [
      { text: edited, change: { start: at, end, text: piece } },
      { text: c.doc.text, change: { start: at, end: at + piece.length, text: c.doc.text.slice(at, end) } },
    ];
    steps.forEach((step, k) => {
      guard('incremental', () => {
        service.setDocument(uri, step.text, 2 + k, c.doc.languageId, undefined, [step.change]);
        const fresh = createLanguageService();
        for (const d of docs) fresh.setDocument(d.uri, d.uri === uri ? step.text : d.text, 1, d.languageId);
        const got = JSON.stringify(service.getFindings(uri));
        const want = JSON.stringify(fresh.getFindings(uri));
        if (got !== want) fail('incremental', 'incremental', `findings after ${k === 0 ? 'the edit' : 'undoing the edit'} ${JSON.stringify(step.change)} differ from a fresh service's`, at);
      });
    });
  }

  return { failures, times, totalMs };
}
