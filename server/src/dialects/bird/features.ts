// Editor features of the BIRD dialect computed from the tree alone: content detection, outline and folding.
// Imports nothing but syntax/, dialects/types and this dialect's files.

import type { SyntaxNode, Token } from '../../syntax';
import type { FoldingRegion, OutlineSymbol } from '../types';
import type { BirdInfo } from './analyze';
import { unquote } from './analyze';

/** A parsed BIRD document: the structural tree plus what the analysis extracted. */
export interface BirdTree extends SyntaxNode {
  info: BirdInfo;
}

/**
 * Confidence that `text` is a BIRD config. Looks for BIRD's block statements at the start of a line
 * (`protocol ospf … {`, `router id 1.2.3.4;`, `filter x {`, `ipv4 {`, `define X =`) and for `;`-terminated
 * statements; IOS (`router ospf 1` without `;`), RouterOS (`/routing ospf`) and OpenBSD (`ike esp from`) lack them.
 */
export function detectBird(text: string): number {
  let score = 0;
  if (/^[ \t]*protocol[ \t]+(device|direct|kernel|static|ospf|bgp|rip|babel|bfd|rpki|pipe|radv)\b[^\n;]*\{/m.test(text)) score += 0.6;
  if (/^[ \t]*router[ \t]+id[ \t]+\d+\.\d+\.\d+\.\d+[ \t]*;/m.test(text)) score += 0.4;
  if (/^[ \t]*filter[ \t]+\w+[ \t]*\r?\n?[ \t]*\{/m.test(text)) score += 0.3;
  if (/^[ \t]*function[ \t]+\w+[ \t]*\(/m.test(text)) score += 0.3;
  if (/^[ \t]*ipv[46][ \t]*\{/m.test(text)) score += 0.3;
  if (/^[ \t]*define[ \t]+\w+[ \t]*=/m.test(text)) score += 0.3;
  if (/^[ \t]*log[ \t]+(syslog|stderr|")/m.test(text)) score += 0.2;
  if (/^[ \t]*template[ \t]+(bgp|ospf|kernel|static|direct|device|rip|babel|bfd|pipe|rpki|radv)[ \t]+\w+[^\n;]*\{/m.test(text)) score += 0.5;
  // The filter language: route attributes and set matches.
  if (/\b(bgp_(path|community|large_community|ext_community|local_pref|med|next_hop)|ospf_metric[12]|net\.len|source[ \t]*=[ \t]*RTS_)\b|\bnet[ \t]*~[ \t]*\[/.test(text)) score += 0.3;
  if (/^[ \t]*include[ \t]+"[^"\n]*"[ \t]*;/m.test(text)) score += 0.2;
  if ((text.match(/^[ \t]*define[ \t]+\w+[ \t]*=/gm)?.length ?? 0) >= 3) score += 0.3;
  if (/^[ \t]*interface[ \t]+"[^"\n]*"[^\n]*[{;]/m.test(text)) score += 0.2;
  // Strong signs of other dialects.
  if (/^\/(ip|interface|routing|system)\b/m.test(text)) score -= 1;
  if (/^(hostname|interface [A-Z]\w*\d|crypto (isakmp|map|ikev[12])|ASA Version|: Saved)/m.test(text)) score -= 1;
  if (/^[ \t]*ike[ \t]+(esp|ah|passive|active|dynamic)\b/m.test(text)) score -= 1;
  return Math.max(0, Math.min(1, score));
}

const kindOfName = (t: Token | undefined) => (t ? unquote(t.text) : '');

/** Document symbols: protocols (with channels, areas, interfaces), templates, filters, functions, defines, tables. */
export function birdOutline(tree: BirdTree): OutlineSymbol[] {
  const res: OutlineSymbol[] = [];
  const info = tree.info;
  for (const p of info.protocols) {
    const children: OutlineSymbol[] = [];
    for (const ch of p.channels) children.push({ name: ch.type, detail: [ch.import && `import ${ch.import.value}`, ch.export && `export ${ch.export.value}`].filter(Boolean).join(', ') || 'channel', kind: 'section', range: ch.stmt.range, selectionRange: ch.range, children: [] });
    for (const a of p.areas) {
      const ifs: OutlineSymbol[] = a.interfaces.map((itf) => ({
        name: itf.patterns.map((x) => `"${x.text}"`).join(', ') || 'interface',
        detail: [itf.type && `type ${itf.type.value}`, itf.stub?.value && 'stub', itf.hello && `hello ${itf.hello.value}`, itf.auth && `authentication ${itf.auth.value}`].filter(Boolean).join(', '),
        kind: 'interface',
        range: itf.stmt.range,
        selectionRange: itf.patterns[0]?.range ?? itf.stmt.range,
        children: [],
      }));
      for (const sn of a.stubnets) ifs.push({ name: `stubnet ${sn.prefix}`, kind: 'routing', range: sn.stmt, selectionRange: sn.range, children: [] });
      children.push({ name: `area ${a.id}`, detail: a.type === 'normal' ? undefined : a.type, kind: 'routing', range: a.stmt.range, selectionRange: a.idRange, children: ifs });
    }
    const title = `${p.template ? 'template' : 'protocol'} ${p.kind}${p.ospfVersion ? ` v${p.ospfVersion.value}` : ''}`;
    res.push({
      name: p.name ? p.name.value : title,
      detail: p.name ? title + (p.from ? ` from ${p.from.value}` : '') : p.from ? `from ${p.from.value}` : undefined,
      kind: p.template ? 'object' : 'protocol',
      range: p.stmt.range,
      selectionRange: p.name?.range ?? p.kindRange,
      children,
    });
  }
  for (const n of info.named) {
    if (n.kind === 'bird-protocol' || n.kind === 'bird-template') continue;
    const kind = n.kind === 'bird-filter' ? 'filter' : n.kind === 'bird-function' ? 'filter' : n.kind === 'bird-constant' ? 'variable' : 'object';
    const detail = n.kind.replace('bird-', '');
    res.push({ name: n.name, detail, kind, range: n.fullRange, selectionRange: n.range, children: [] });
  }
  res.sort((a, b) => a.range.start - b.range.start);
  return res;
}

/** Folding: every multi-line brace block and every run of comments spanning several lines. */
export function birdFolding(tree: SyntaxNode, tokens: Token[], text: string): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const stack: SyntaxNode[] = [tree];
  // Newline offsets, once: a block spans lines when the first newline after its start lies before its end. (Searching
  // the text from each block start is quadratic for thousands of blocks opened on one long line.)
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const spansLines = (start: number, end: number) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newlines[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < newlines.length && newlines[lo] < end;
  };
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'BirdBlock' && spansLines(n.range.start, n.range.end)) res.push({ start: n.range.start, end: n.range.end, kind: 'region' });
    for (const c of n.children) stack.push(c);
  }
  // Comment runs: consecutive comment tokens separated only by whitespace/newlines.
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  const flush = () => {
    if (runStart >= 0 && (count > 1 || hasNewline(text, runStart, runEnd))) res.push({ start: runStart, end: runEnd, kind: 'comment' });
    runStart = -1;
    count = 0;
  };
  for (const t of tokens) {
    if (t.kind === 'comment') {
      if (runStart < 0) runStart = t.start;
      runEnd = t.end;
      count++;
    } else if (t.kind === 'whitespace' || (t.kind === 'newline' && !blankLineAhead(text, t.end))) continue;
    else if (t.kind === 'newline') flush();
    else flush();
  }
  flush();
  return res.sort((a, b) => a.start - b.start);
}

function hasNewline(text: string, start: number, end: number): boolean {
  const i = text.indexOf('\n', start);
  return i >= 0 && i < end;
}

function blankLineAhead(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === '\n' || text[i] === '\r';
}

export { kindOfName };
