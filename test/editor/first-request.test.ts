// Issue 16, the first editor request after an edit: folding of OpenBSD and BIRD is computed from the statements and
// comments the parser keeps, never from the lossless token list (built on first use: a pass over the whole file);
// its comment runs must equal what a walk of the lossless list finds (the reference walks below are the algorithms
// they replace). Checked on every corpus file and fixture of both dialects and on seeded mutations of them (comment
// lines, trailing comments, blank lines, continuations, CRLF). Semantic tokens are checked against the object-based
// computation they replace on every corpus file of every dialect; a range request's first call on a version (only
// its window computed) against the same range cut from the whole file's tokens, on the corpus and on models with
// overlapping and multi-line candidates across the window's ends; document symbols and folding (positions by a
// forward line cursor; a symbol's positions on its first line read from that line, equal ones shared) against the
// binary-search conversion they replace, on the corpus and on seeded crafted outlines.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { birdDialect } from '../../server/src/dialects/bird';
import { openbsdDialect } from '../../server/src/dialects/openbsd';
import type { FoldingRegion, OutlineSymbol } from '../../server/src/dialects/types';
import { getFoldingRanges } from '../../server/src/features/folding';
import { LineCursor, rangeOf } from '../../server/src/features/positions';
import { getDocumentSymbols, symbolName } from '../../server/src/features/symbols';
import { getSemanticTokens, getSemanticTokensRange, tokenTypeOfKind, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/features/semanticTokens';
import * as model from '../../server/src/model';
import { createLanguageService, type DocumentState } from '../../server/src/service';
import { lineOf, positionAt, type ParseResult, type Token } from '../../server/src/syntax';
import { SymbolKind } from 'vscode-languageserver-types';
import { filesUnder } from '../helpers/files';

const root = path.join(__dirname, '..', '..');
const corpus = path.join(root, '..', 'shared', 'corpus');

/** The old OpenBSD comment-run walk over the lossless token list. */
function openbsdCommentRuns(tokens: readonly Token[]): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  let lineHasCode = false;
  let prevNewline = false;
  const flush = () => {
    if (count >= 2) res.push({ start: runStart, end: runEnd, kind: 'comment' });
    count = 0;
    runStart = -1;
  };
  for (const t of tokens) {
    if (t.kind === 'newline') {
      if (prevNewline || lineHasCode) flush();
      lineHasCode = false;
      prevNewline = true;
      continue;
    }
    if (t.kind === 'whitespace') continue;
    prevNewline = false;
    if (t.kind === 'comment' && !lineHasCode) {
      if (count === 0) runStart = t.start;
      runEnd = t.end;
      count++;
      continue;
    }
    lineHasCode = true;
    flush();
  }
  flush();
  return res;
}

/** The old BIRD comment-run walk over the lossless token list. */
function birdCommentRuns(tokens: readonly Token[], text: string): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const blankLineAhead = (at: number) => {
    let i = at;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    return text[i] === '\n' || text[i] === '\r';
  };
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  const flush = () => {
    const nl = text.indexOf('\n', runStart);
    if (runStart >= 0 && (count > 1 || (nl >= 0 && nl < runEnd))) res.push({ start: runStart, end: runEnd, kind: 'comment' });
    runStart = -1;
    count = 0;
  };
  for (const t of tokens) {
    if (t.kind === 'comment') {
      if (runStart < 0) runStart = t.start;
      runEnd = t.end;
      count++;
    } else if (t.kind === 'whitespace' || (t.kind === 'newline' && !blankLineAhead(t.end))) continue;
    else flush();
  }
  flush();
  return res;
}

const comments = (regions: FoldingRegion[]) => regions.filter((r) => r.kind === 'comment');

/** Folding with `tokens` trapped: reading the lossless list fails the test. */
function foldWithoutTokenList(fold: (p: ParseResult<never>) => FoldingRegion[], parsed: ParseResult<unknown>, name: string): FoldingRegion[] {
  const trap = { get: () => assert.fail(`${name}: folding read the lossless token list`) };
  if (Object.getOwnPropertyDescriptor(parsed, 'tokens')?.configurable) {
    Object.defineProperty(parsed, 'tokens', trap); // in place: the dialect keeps per-parse data keyed on the object
    return fold(parsed as ParseResult<never>);
  }
  const trapped = Object.create(parsed) as ParseResult<never>;
  Object.defineProperty(trapped, 'tokens', trap);
  return fold(trapped);
}

/** Seeded variants of a text: comment lines, trailing comments, blank lines and continuations put in at random lines. */
function mutations(text: string, seed: number, comment: string, count = 6): string[] {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const out: string[] = [];
  const pieces = [`${comment} note`, `   ${comment} indented`, '', '  ', `${comment}`, `${comment} a\\`, ' \\'];
  for (let v = 0; v < count; v++) {
    const lines = text.split('\n');
    for (let k = 0; k < 1 + rnd(12); k++) {
      const at = rnd(lines.length + 1);
      if (rnd(3) === 0 && at < lines.length) lines[at] = `${lines[at]} ${comment} trailing`;
      else lines.splice(at, 0, pieces[rnd(pieces.length)]);
    }
    out.push(v % 3 === 2 ? lines.join('\r\n') : lines.join('\n'));
  }
  return out;
}

test('OpenBSD folding: comment runs from the comments equal the lossless-list walk; the list is never built', () => {
  const files = [...filesUnder(path.join(corpus, 'openbsd-ipsec'), () => true), ...filesUnder(path.join(root, 'test'), (p) => /ipsec\.conf$/.test(p))];
  const texts = ['# a\n# b\n\n# c\nike esp from 10.0.0.0/8 to 10.1.0.0/16 peer 192.0.2.1 # x\n# d\n# e\n', ...files.map((f) => fs.readFileSync(f, 'utf8'))];
  let runs = 0;
  let checked = 0;
  texts.forEach((text, i) => {
    for (const t of [text, ...mutations(text, i + 1, '#')]) {
      const parsed = openbsdDialect.parse(t, {});
      const got = foldWithoutTokenList(openbsdDialect.folding as never, parsed, `openbsd #${i}`);
      const want = openbsdCommentRuns(parsed.tokens);
      assert.deepEqual(comments(got), want, `openbsd text #${i}`);
      runs += want.length;
      checked++;
    }
  });
  assert.ok(runs > 0 && checked > 7, `${checked} texts, ${runs} runs`);
});

test('BIRD folding: comment runs from the significant tokens equal the lossless-list walk; the list is never built', () => {
  const files = [...filesUnder(path.join(corpus, 'bird2'), () => true), ...filesUnder(path.join(root, 'test'), (p) => /\.(bird|conf)$/.test(p) && /bird/.test(p))];
  const texts = ['# a\n# b\n\n# c\nprotocol device { } # x\n/* d\n e */ # f\n\n# g\n', ...files.map((f) => fs.readFileSync(f, 'utf8'))];
  let runs = 0;
  let checked = 0;
  texts.forEach((text, i) => {
    for (const t of [text, ...mutations(text, i + 7, '#')]) {
      const got = foldWithoutTokenList(birdDialect.folding as never, birdDialect.parse(t, {}), `bird #${i}`);
      const want = birdCommentRuns(birdDialect.parse(t, {}).tokens, t);
      assert.deepEqual(comments(got).sort((a, b) => a.start - b.start), want, `bird text #${i}`);
      runs += want.length;
      checked++;
    }
  });
  assert.ok(runs > 0 && checked > 7, `${checked} texts, ${runs} runs`);
});

/** The old semantic-token computation: candidate objects, one sort, token objects, then the encoding. */
function referenceTokens(text: string, starts: number[], device: model.Device): number[] {
  type C = { start: number; end: number; type: string; mods: number; rank: number };
  const all: C[] = [];
  const add = (r: { start: number; end: number }, type: string, mods: number, rank: number) => {
    const start = Math.max(0, r.start);
    const end = Math.min(text.length, r.end);
    if (end > start) all.push({ start, end, type, mods, rank });
  };
  for (const r of model.secretRanges(device)) add(r, 'secret', 0, 0);
  const defined = new Map<string, Map<string, model.Definition>>();
  for (const d of device.definitions) {
    if (!defined.has(d.kind)) defined.set(d.kind, new Map());
    if (!defined.get(d.kind)!.has(d.name)) defined.get(d.kind)!.set(d.name, d);
    add(d.range, tokenTypeOfKind(d.kind), 1, 1);
  }
  for (const r of device.references) {
    let hit = defined.get(r.kind)?.get(r.name);
    if (!hit && r.alsoKinds) for (const k of r.alsoKinds) if ((hit = defined.get(k)?.get(r.name))) break;
    if (hit) add(r.range, tokenTypeOfKind(hit.kind), 0, 2);
    else add(r.range, tokenTypeOfKind(r.kind), 2, 3);
  }
  all.sort((a, b) => a.start - b.start || a.rank - b.rank || b.end - a.end);
  const kept: C[] = [];
  for (const c of all) {
    const last = kept[kept.length - 1];
    if (!last || last.end <= c.start) kept.push(c);
    else if (c.rank < last.rank) kept[kept.length - 1] = c;
  }
  const data: number[] = [];
  let line = 0;
  let prevLine = 0;
  let prevChar = 0;
  for (const c of kept) {
    let start = c.start;
    while (start < c.end) {
      while (line + 1 < starts.length && starts[line + 1] <= start) line++;
      const next = line + 1 < starts.length ? starts[line + 1] : text.length;
      let end = Math.min(c.end, next);
      while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
      if (end > start) {
        const ch = start - starts[line];
        data.push(line - prevLine, line === prevLine ? ch - prevChar : ch, end - start, TOKEN_TYPES.indexOf(c.type as never), c.mods);
        prevLine = line;
        prevChar = ch;
      }
      start = next;
    }
  }
  return data;
}

test('semantic tokens: the typed-array computation equals the object-based one on every corpus file', () => {
  assert.deepEqual([...TOKEN_MODIFIERS], ['declaration', 'undefined']); // the bits the reference writes
  const files = [...filesUnder(corpus, (p) => !/\.(md|tsv)$/.test(p)), ...filesUnder(path.join(root, 'examples'), () => true)];
  let tokens = 0;
  for (const f of files) {
    const uri = `file://${f}`;
    const s = createLanguageService();
    s.setDocument(uri, fs.readFileSync(f, 'utf8'), 1);
    const device = s.getDevice(uri);
    const doc = s.getDocument(uri)!;
    if (!device) continue;
    const got = getSemanticTokens(s, uri).data;
    assert.deepEqual(got, referenceTokens(doc.text, doc.lineStarts, device), f);
    tokens += got.length / 5;
  }
  assert.ok(files.length === 0 || tokens > 1000, `${tokens} tokens`);
});

/** Seeded line ranges of a text of `lines` lines: a few lines, a screen, whole-file, inverted and past the end. */
function seededRanges(lines: number, seed: number, count: number) {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return n <= 0 ? 0 : s % n;
  };
  const res = [
    { start: { line: 0, character: 0 }, end: { line: lines + 1, character: 0 } },
    { start: { line: lines + 3, character: 0 }, end: { line: lines + 9, character: 0 } },
  ];
  for (let i = 0; i < count; i++) {
    const line = rnd(lines + 1);
    const span = [0, 1, 3, 60][rnd(4)];
    res.push({ start: { line, character: rnd(3) === 0 ? rnd(40) : 0 }, end: { line: i % 9 === 8 ? Math.max(0, line - 1) : line + span, character: rnd(2) === 0 ? rnd(60) : 0 } });
  }
  return res;
}

/**
 * A range request on a version's first call (no whole-file result cached: `windowTokens`) against the same request
 * answered from the whole file's tokens (binary search in the cached result), for `ranges`.
 */
function compareRanges(uri: string, text: string, ranges: ReturnType<typeof seededRanges>, edit?: (device: model.Device) => void): number {
  const fresh = createLanguageService();
  fresh.setDocument(uri, text, 1);
  const device = fresh.getDevice(uri);
  if (!device) return 0;
  edit?.(device);
  const windowed = ranges.map((r) => getSemanticTokensRange(fresh, uri, r).data);
  const full = getSemanticTokens(fresh, uri).data; // now cached: the next range requests binary-search it
  let tokens = 0;
  ranges.forEach((r, i) => {
    const want = getSemanticTokensRange(fresh, uri, r).data;
    assert.deepEqual(windowed[i], want, `${uri} ${JSON.stringify(r)}`);
    tokens += want.length / 5;
  });
  assert.ok(full.length >= 0);
  return tokens;
}

test('semantic tokens range: a first call computes only its window, equal to the whole file result on every corpus file', () => {
  const files = [...filesUnder(corpus, (p) => !/\.(md|tsv)$/.test(p)), ...filesUnder(path.join(root, 'examples'), () => true)];
  let tokens = 0;
  files.forEach((f, i) => {
    const text = fs.readFileSync(f, 'utf8');
    tokens += compareRanges(`file://${f}`, text, seededRanges(text.split('\n').length, i + 1, 12));
  });
  assert.ok(files.length === 0 || tokens > 1000, `${tokens} tokens`);
});

test('semantic tokens range: overlapping and multi-line candidates across the window ends resolve as in the whole file', () => {
  // An IOS router whose model gets extra candidates (definitions spanning lines, overlapping names and secrets) at
  // the edges of the requested lines: the window must grow until no candidate straddles it, and the overlap
  // resolution then keep inside it what the whole file keeps.
  const lines = ['hostname R1'];
  for (let i = 0; i < 40; i++) lines.push(`ip access-list extended A${i}`, ` permit ip host 10.0.0.${i} any`, `crypto isakmp key K${i}secret address 192.0.2.${i}`, `route-map RM${i} permit 10`, ` match ip address A${i} B${i}`);
  const text = `${lines.join('\n')}\n`;
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  let seed = 5;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let tokens = 0;
  for (let round = 0; round < 40; round++) {
    const extra: model.Definition[] = [];
    const refs: model.Reference[] = [];
    for (let k = 0; k < 12; k++) {
      const line = rnd(starts.length - 1);
      const start = starts[line] + rnd(20);
      // Up to four lines long, and some chains of overlaps.
      const end = start + 1 + rnd(k % 3 === 0 ? 200 : 12);
      if (k % 2 === 0) extra.push({ kind: 'acl', name: `X${k}`, range: { start, end } } as model.Definition);
      else refs.push({ kind: 'acl', name: k % 4 === 1 ? 'A3' : `Y${k}`, range: { start, end } } as model.Reference);
    }
    tokens += compareRanges('file:///w/r1.ios', text, seededRanges(starts.length - 1, round + 3, 10), (device) => {
      for (const d of extra) (device.definitions as model.Definition[]).push(d);
      for (const r of refs) (device.references as model.Reference[]).push(r);
    });
  }
  assert.ok(tokens > 500, `${tokens} tokens`);
});

test('LineCursor answers as lineOf for offsets in any order, before, inside and past the text', () => {
  const text = 'a\n\nbc\r\nd\n\n\nlong line here\nx';
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  let s = 11;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const cursor = new LineCursor(starts);
  for (let i = 0; i < 2000; i++) {
    // Runs forward by small and large steps, with jumps back.
    const offset = i % 7 === 0 ? rnd(text.length + 6) - 3 : Math.min(text.length + 2, (i * 3) % (text.length + 3));
    assert.equal(cursor.lineOf(offset), lineOf(starts, offset), `offset ${offset}`);
    assert.deepEqual(cursor.positionAt(offset), positionAt(starts, offset));
  }
});

/** The old conversions: `rangeOf` (a binary search per position) for symbols, `lineOf` for folding. */
function referenceSymbols(doc: DocumentState, outline: readonly OutlineSymbol[]): unknown[] {
  const convert = (s: OutlineSymbol): unknown => {
    const start = Math.min(s.range.start, s.selectionRange.start);
    const end = Math.max(s.range.end, s.selectionRange.end);
    const sym: Record<string, unknown> = {
      name: s.name.trim() || '(unnamed)',
      kind: SYMBOL_KINDS[s.kind] ?? SymbolKind.Object,
      range: rangeOf(doc, start, end),
      selectionRange: rangeOf(doc, s.selectionRange.start, s.selectionRange.end),
      children: s.children.map(convert),
    };
    if (s.detail) sym.detail = s.detail;
    return sym;
  };
  return outline.map(convert);
}

const SYMBOL_KINDS: Record<string, SymbolKind> = {
  interface: SymbolKind.Interface,
  crypto: SymbolKind.Key,
  routing: SymbolKind.Namespace,
  acl: SymbolKind.Array,
  object: SymbolKind.Object,
  section: SymbolKind.Module,
  user: SymbolKind.Constant,
  policy: SymbolKind.Struct,
  protocol: SymbolKind.Event,
  filter: SymbolKind.Function,
  variable: SymbolKind.Variable,
};

function referenceFolding(doc: DocumentState, regions: readonly FoldingRegion[]): unknown[] {
  const res: unknown[] = [];
  for (const region of regions) {
    const startLine = lineOf(doc.lineStarts, region.start);
    const end = Math.min(region.end, doc.text.length);
    const last = lineOf(doc.lineStarts, end);
    const endLine = end === doc.lineStarts[last] && last > startLine ? last - 1 : last;
    if (endLine <= startLine) continue;
    const range: Record<string, unknown> = { startLine, endLine };
    if (region.kind === 'comment') range.kind = 'comment';
    else if (region.kind === 'region') range.kind = 'region';
    res.push(range);
  }
  return res;
}

test('document symbols and folding: positions by line cursor equal the binary-search conversion on every corpus file', () => {
  const files = [...filesUnder(corpus, (p) => !/\.(md|tsv)$/.test(p)), ...filesUnder(path.join(root, 'examples'), () => true)];
  let symbols = 0;
  let folds = 0;
  files.forEach((f, i) => {
    const uri = `file://${f}`;
    const text = fs.readFileSync(f, 'utf8');
    for (const t of i % 5 === 0 ? [text, ...mutations(text, i + 3, '#', 1)] : [text]) {
      const s = createLanguageService();
      s.setDocument(uri, t, 1);
      const parse = s.getParse(uri);
      const doc = s.getDocument(uri)!;
      if (!parse) continue;
      const got = getDocumentSymbols(s, uri);
      assert.deepEqual(JSON.parse(JSON.stringify(got)), referenceSymbols(doc, parse.dialect.outline(parse.parsed)), f);
      const fold = getFoldingRanges(s, uri);
      assert.deepEqual(JSON.parse(JSON.stringify(fold)), referenceFolding(doc, parse.dialect.folding(parse.parsed)), f);
      symbols += got.length;
      folds += fold.length;
    }
  });
  assert.ok(files.length === 0 || (symbols > 1000 && folds > 1000), `${symbols} symbols, ${folds} folds`);
});

test('document symbols: a name is its trim, or (unnamed), with or without the ASCII fast path', () => {
  const names = ['vlan12', ' vlan12', 'vlan12 ', '\tx\t', '', '   ', 'a', '\u00a0a', 'a\u00a0', '\ufeffa', 'a\u2028', 'é', 'aé', 'éa', 'x y', '~', '\u007f', 'a\r\n', '!'];
  for (const n of names) assert.equal(symbolName(n), n.trim() || '(unnamed)', JSON.stringify(n));
});

test('document symbols: crafted outlines (multi-line, selections outside the range, offsets past the text, equal ends) convert as the binary-search conversion', () => {
  const uri = 'file:///crafted.rsc';
  const text = '/ip address\r\nadd address=10.0.0.1/24 interface=ether1\r\n\r\n/interface vlan\nadd interface=ether1 \\\n    name=v1 vlan-id=1\n# end';
  let seed = 16;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const kinds: OutlineSymbol['kind'][] = ['interface', 'section', 'filter', 'object'];
  const offset = () => (rnd(10) === 0 ? text.length + rnd(5) - 2 : rnd(text.length + 1));
  const pair = () => {
    const a = offset();
    const b = rnd(3) === 0 ? a : rnd(6) === 0 ? a - rnd(4) : a + rnd(50);
    return { start: a, end: b };
  };
  const craft = (depth: number): OutlineSymbol => {
    const range = pair();
    const r = rnd(4);
    // The selection: the range itself, one of its ends, inside it, or anywhere (dialects may hand a name outside).
    const selectionRange = r === 0 ? { ...range } : r === 1 ? { start: range.start, end: range.start } : r === 2 ? { start: range.end, end: range.end + rnd(3) } : pair();
    const children = depth < 2 && rnd(3) === 0 ? Array.from({ length: 1 + rnd(3) }, () => craft(depth + 1)) : [];
    return { name: [' x', 'vlan1', '', 'a b '][rnd(4)], detail: rnd(2) ? 'set' : undefined, kind: kinds[rnd(4)], range, selectionRange, children };
  };
  for (let round = 0; round < 300; round++) {
    const s = createLanguageService();
    s.setDocument(uri, text, 1);
    const parse = s.getParse(uri)!;
    const outline = Array.from({ length: 1 + rnd(4) }, () => craft(0));
    const dialect = parse.dialect as { outline: (p: unknown) => OutlineSymbol[] };
    const own = Object.getOwnPropertyDescriptor(dialect, 'outline');
    dialect.outline = () => outline; // this call only: restored below
    try {
      const got = getDocumentSymbols(s, uri);
      assert.deepEqual(JSON.parse(JSON.stringify(got)), referenceSymbols(s.getDocument(uri)!, outline), JSON.stringify(outline));
    } finally {
      if (own) Object.defineProperty(dialect, 'outline', own);
      else delete (dialect as Partial<typeof dialect>).outline;
    }
  }
});
