// strongSwan / Libreswan dialect entry point: the stroke ipsec.conf (`config setup`, `conn NAME`, `also=`,
// `%default`, `include`), ipsec.secrets, and (plugged in by ./swanctl) swanctl.conf in the vici format.
// One dialect id, `strongswan`; the file kind is told from the content (the dialect never sees a file name), and
// each kind has its own parser and lowering. Libreswan is a flavour of the stroke format (./flavour.ts).
// Knows nothing about LSP, the file system or other files.

import type { ParseResult, Token } from '../../syntax';
import { internalErrorDiagnostic } from '../../syntax';
import { lowerOrCrash } from '../guard';
import type { Dialect, DialectOptions, FoldingRegion, LowerResult, OutlineSymbol } from '../types';
import { detectStrongswan } from './detect';
import { completeStroke, hoverStroke } from './features';
import { lowerStroke } from './lower';
import { fileKindOf, parseStroke, type SwanFile } from './parser';

export { classifyIpsecConf, detectStrongswan, looksLikeStroke } from './detect';
export { fileKindOf, parseStroke } from './parser';
export type { SwanFile, SwanSection, SwanSetting, SwanSecretEntry, SwanInclude } from './parser';
export { lowerStroke } from './lower';

// ---- swan-vici hook -------------------------------------------------------------------------------------------
// swanctl.conf (vici format) plugs in here: `parseSwanctl(text, options)` returns a ParseResult<SwanFile> whose
// tree has `fileKind: 'swanctl'` (its own tree in `tree.vici`, every character in one token), and
// `lowerSwanctl(parsed, uri, options)` a LowerResult. Until then a swanctl.conf parses as one lossless run of
// tokens and lowers to an empty device.
function parseSwanctl(text: string, _options: DialectOptions): ParseResult<SwanFile> {
  const tokens: Token[] = text.length ? [{ kind: 'word', start: 0, end: text.length, text }] : [];
  return { text, tree: emptyTree(text, 'swanctl'), tokens, diagnostics: [] };
}
function lowerSwanctl(parsed: ParseResult<SwanFile>, uri: string, options: DialectOptions): LowerResult {
  return lowerStroke(parsed, uri, options);
}
// ---- end of the swan-vici hook --------------------------------------------------------------------------------

function emptyTree(text: string, fileKind: SwanFile['fileKind']): SwanFile {
  return { kind: 'SwanFile', range: { start: 0, end: text.length }, tokens: [], children: [], fileKind, sections: [], includes: [], secrets: [] };
}

/** Fallback when a parser itself failed: one bogus token keeps the tree lossless. */
function crashed(text: string, err: unknown): ParseResult<SwanFile> {
  const tokens: Token[] = text.length ? [{ kind: 'bogus', start: 0, end: text.length, text }] : [];
  return { text, tree: emptyTree(text, 'stroke'), tokens, diagnostics: [internalErrorDiagnostic(err)] };
}

export function parseStrongswan(text: string, options: DialectOptions = {}): ParseResult<SwanFile> {
  try {
    const kind = fileKindOf(text);
    if (kind === 'swanctl') return parseSwanctl(text, options);
    return parseStroke(text, kind, options);
  } catch (err) {
    return crashed(text, err);
  }
}

export const strongswanDialect: Dialect<SwanFile> = {
  id: 'strongswan',
  displayName: 'strongSwan / Libreswan',
  detect: detectStrongswan,
  parse: (text, options) => parseStrongswan(text, options),
  lower: (parsed, uri, options) =>
    lowerOrCrash('strongswan', parsed, uri, () => (parsed.tree.fileKind === 'swanctl' ? lowerSwanctl(parsed, uri, options) : lowerStroke(parsed, uri, options))),
  outline: outlineStrongswan,
  folding: foldingStrongswan,
  complete: (parsed, offset, ctx) => (parsed.tree.fileKind === 'swanctl' ? [] : completeStroke(parsed, offset, ctx)),
  hover: (parsed, offset, ctx) => (parsed.tree.fileKind === 'swanctl' ? undefined : hoverStroke(parsed, offset, ctx)),
};

export function outlineStrongswan(parsed: ParseResult<SwanFile>): OutlineSymbol[] {
  const res: OutlineSymbol[] = [];
  for (const st of parsed.tree.children) {
    if (st.kind === 'SwanSection') {
      const children: OutlineSymbol[] = [];
      for (const s of st.settings) {
        if (s.key === 'also' || s.key === 'right' || s.key === 'left' || s.key === 'leftsubnet' || s.key === 'rightsubnet' || s.key === 'ike' || s.key === 'esp' || s.key === 'phase2alg') {
          children.push({ name: `${s.key}=${s.value}`, kind: 'variable', range: s.range, selectionRange: s.keyRange, children: [] });
        }
      }
      res.push({ name: `${st.type} ${st.name}`.trim(), kind: st.type === 'conn' ? 'crypto' : 'section', range: st.range, selectionRange: st.nameRange.end > st.nameRange.start ? st.nameRange : st.typeRange, children });
    } else if (st.kind === 'SwanInclude') {
      res.push({ name: `include ${st.path}`, kind: 'object', range: st.range, selectionRange: st.pathRange, children: [] });
    } else if (st.kind === 'SwanSecret') {
      res.push({ name: `${st.selectors.map((x) => x.text).join(' ') || '(any)'} : ${st.type}`, kind: 'user', range: st.range, selectionRange: st.range, children: [] });
    }
  }
  return res;
}

/** One fold per section with parameters, from the header to its last parameter. */
export function foldingStrongswan(parsed: ParseResult<SwanFile>): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  for (const st of parsed.tree.sections) if (st.settings.length) res.push({ start: st.range.start, end: st.range.end, kind: 'region' });
  return res;
}
