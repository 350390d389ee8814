// OpenBSD ipsec.conf(5) dialect entry point (ipsecctl → isakmpd, IKEv1): detection, parse, lower, outline, folding,
// completion and hover. Knows nothing about LSP, the file system or other files.

import type { ParseResult, Token } from '../../syntax';
import { internalErrorDiagnostic } from '../../syntax';
import type { Dialect, FoldingRegion, OutlineSymbol } from '../types';
import { completeIpsecConf, hoverIpsecConf } from './features';
import { lowerIpsecConf } from './lower';
import { parseIpsecConf, type ObsdFile, type ObsdStatement } from './parser';
import { lowerOrCrash } from '../guard';

export { parseIpsecConf, CODES } from './parser';
export type { ObsdFile, ObsdStatement, RuleSyntax, HostSyntax } from './parser';
export { lowerIpsecConf, MACRO_KIND } from './lower';
export { expandPairs, renderFlows, hostText, hostPrefix } from './expand';

export const openbsdDialect: Dialect<ObsdFile> = {
  id: 'openbsd-ipsec',
  displayName: 'OpenBSD ipsec.conf',
  detect: detectIpsecConf,
  parse(text, options): ParseResult<ObsdFile> {
    try {
      const res = parseIpsecConf(text, { reportUnknownCommands: options.reportUnknownCommands });
      // `tokens` is built on first use (a getter): copy it over as one, not as a value.
      const out = { text, tree: res.tree, diagnostics: res.diagnostics } as ParseResult<ObsdFile>;
      Object.defineProperty(out, 'tokens', { enumerable: true, get: () => res.tokens });
      return out;
    } catch (err) {
      return crashed(text, err);
    }
  },
  lower: (parsed, uri, options) => lowerOrCrash('openbsd-ipsec', parsed, uri, () => lowerIpsecConf(parsed, uri, options)),
  outline: outlineIpsecConf,
  folding: foldingIpsecConf,
  complete: (parsed, offset, ctx) => completeIpsecConf(parsed, offset, ctx),
  hover: (parsed, offset, ctx) => hoverIpsecConf(parsed, offset, ctx),
};


/** Fallback when the parser itself failed: one bogus token keeps the tree lossless. */
function crashed(text: string, err: unknown): ParseResult<ObsdFile> {
  const tokens: Token[] = text.length ? [{ kind: 'bogus', start: 0, end: text.length, text }] : [];
  const tree: ObsdFile = { kind: 'ObsdFile', range: { start: 0, end: text.length }, tokens: [], children: [], statements: [], macros: [] };
  return { text, tree, tokens, diagnostics: [internalErrorDiagnostic(err)] };
}

/**
 * Content detection: rule lines (`ike … from … to …`, `ike esp|ah|passive|active|dynamic …`, `flow esp|ah …`)
 * are decisive; macros alone are not (pf.conf has them too). Cisco, RouterOS and BIRD files never start a line
 * with `ike ` or `flow ` followed by these keywords.
 */
export function detectIpsecConf(text: string): number {
  const rule = /^[ \t]*(?:ike|flow)[ \t]+(?:(?:active|passive|dynamic|esp|ah|ipcomp|ipip|in|out|tunnel|transport)\b|(?:proto[ \t]+\S+[ \t]+)?from[ \t])/m;
  if (!rule.test(text)) return 0;
  // Other dialects' hallmarks lower the score (a pasted snippet in a Cisco config is still Cisco).
  if (/^(?:crypto |interface |hostname |\/ip |\/interface |protocol |router |ASA Version)/m.test(text)) return 0.3;
  return 0.9;
}

/**
 * Linux strongSwan (starter) and Libreswan share the name ipsec.conf but not the syntax: `config setup`, `ca NAME`
 * and `conn NAME` section headers at the start of a line, then indented `key=value` lines. True when the text has
 * such a section header and no OpenBSD rule line (`ike …`/`flow …`); the registry then gives the file to the
 * `strongswan` dialect (dialects/strongswan/detect.ts).
 */
export function looksLikeSwanIpsecConf(text: string): boolean {
  const section = /^(?:config[ \t]+setup|conn[ \t]+[^\s=#"]+|ca[ \t]+[^\s=#"]+)[ \t]*(?:#.*)?$/m;
  return section.test(text) && detectIpsecConf(text) === 0;
}

function statementLabel(st: ObsdStatement): string {
  const r = st.rule!;
  const parts: string[] = [r.keyword.value];
  if (r.mode) parts.push(r.mode.value);
  if (r.satype && r.satype !== r.keyword) parts.push(r.satype.value);
  if (r.dir) parts.push(r.dir.value);
  const hosts = (list: { written: string }[]) => (list.length === 1 ? list[0].written : `{ ${list.map((h) => h.written).join(', ')} }`);
  if (r.iface?.value) parts.push('interface', r.iface.value.value);
  if (r.hosts?.src.length) parts.push('from', hosts(r.hosts.src));
  if (r.hosts?.dst.length) parts.push('to', hosts(r.hosts.dst));
  if (r.peer?.host) parts.push('peer', r.peer.host.written);
  return parts.join(' ');
}

export function outlineIpsecConf(parsed: ParseResult<ObsdFile>): OutlineSymbol[] {
  const res: OutlineSymbol[] = [];
  for (const st of parsed.tree.statements) {
    if (st.rule) {
      res.push({ name: statementLabel(st), kind: st.rule.type === 'ike' ? 'crypto' : 'policy', range: st.range, selectionRange: st.rule.keyword.range, children: [] });
    } else if (st.macro) {
      res.push({ name: st.macro.name, detail: st.macro.value.length > 60 ? `${st.macro.value.slice(0, 60)}…` : st.macro.value, kind: 'variable', range: st.range, selectionRange: st.macro.nameRange, children: [] });
    } else if (st.include) {
      res.push({ name: `include "${st.include.path}"`, kind: 'object', range: st.range, selectionRange: st.include.range, children: [] });
    }
  }
  return res;
}

/** Folds statements continued over several lines and runs of two or more comment lines. */
export function foldingIpsecConf(parsed: ParseResult<ObsdFile>): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const text = parsed.text;
  for (const st of parsed.tree.statements) {
    // A line break inside the statement, found without copying it (issue 16: one substring per statement).
    const nl = text.indexOf('\n', st.range.start);
    if (nl >= 0 && nl < st.range.end) res.push({ start: st.range.start, end: st.range.end, kind: 'region' });
  }
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  let lineHasCode = false;
  const flush = () => {
    if (count >= 2) res.push({ start: runStart, end: runEnd, kind: 'comment' });
    count = 0;
    runStart = -1;
  };
  let prevNewline = false;
  for (const t of parsed.tokens) {
    if (t.kind === 'newline') {
      // A blank line ends a comment run.
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
  return res.sort((a, b) => a.start - b.start);
}
