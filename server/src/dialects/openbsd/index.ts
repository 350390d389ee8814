// OpenBSD ipsec.conf(5) dialect entry point (ipsecctl → isakmpd, IKEv1): detection, parse, lower, outline, folding,
// completion and hover. Knows nothing about LSP, the file system or other files.

import type { ParseResult, Token } from '../../syntax';
import { internalErrorDiagnostic } from '../../syntax';
import type { Dialect } from '../types';
import { completeIpsecConf, hoverIpsecConf } from './features';
import { foldingIpsecConf, outlineIpsecConf } from './outline';
import { lowerIpsecConf } from './lower';
import { parseIpsecConf, reparseIpsecConf, type ObsdFile } from './parser';
import { lowerOrCrash } from '../guard';

export { parseIpsecConf, reparseIpsecConf, CODES } from './parser';
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
  // Incremental re-parse (issue 16): the statements around the edit read again, the others kept or moved.
  reparse(previous, change, text, options): ParseResult<ObsdFile> | undefined {
    const res = reparseIpsecConf(previous.tree, change, text, { reportUnknownCommands: options.reportUnknownCommands });
    if (!res) return undefined;
    const out = { text, tree: res.tree, diagnostics: res.diagnostics } as ParseResult<ObsdFile>;
    Object.defineProperty(out, 'tokens', { enumerable: true, get: () => res.tokens });
    return out;
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

export { outlineIpsecConf, foldingIpsecConf } from './outline';
