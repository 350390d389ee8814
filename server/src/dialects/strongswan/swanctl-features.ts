// Editor features of swanctl.conf: outline (connections with their children, secrets without their values, pools),
// folding per section and comment run, completion of keys and values from ./swanctl-catalog.ts (and the paired
// peer's proposals), hover with the key's default and docs link. Iterative over the section tree (no recursion).

import * as model from '../../model';
import type { TextRange, Token } from '../../syntax';
import type { CompletionData, FeatureContext, FoldingRegion, HoverData, OutlineSymbol } from '../types';
import { contextOf, keyDoc, SWANCTL_DOC_URL, SWANCTL_KEYS, type SwanctlContext, type SwanctlKey } from './swanctl-catalog';
import { renderEspProposal, renderIkeProposal } from './proposals';
import type { SwanctlFile, SwanctlItem, SwanctlSection, SwanctlSetting } from './swanctl-parse';

/** Outline: every section, nested; settings only where they name the tunnel (addresses, selectors, proposals). */
export function outlineSwanctl(tree: SwanctlFile): OutlineSymbol[] {
  const root: OutlineSymbol[] = [];
  const stack: { items: readonly SwanctlItem[]; out: OutlineSymbol[]; path: string[] }[] = [{ items: tree.items, out: root, path: [] }];
  while (stack.length) {
    const { items, out, path } = stack.pop()!;
    for (const it of items) {
      if (it.kind === 'SwanctlInclude') {
        out.push({ name: `include ${it.pattern}`, kind: 'object', range: it.range, selectionRange: it.patternRange.end > it.patternRange.start ? it.patternRange : it.range, children: [] });
        continue;
      }
      if (it.kind === 'SwanctlSetting') {
        if (SHOWN.has(it.key) && contextOf(path) !== 'secret') out.push({ name: it.key, detail: it.value.length > 60 ? `${it.value.slice(0, 60)}…` : it.value, kind: 'variable', range: it.range, selectionRange: it.keyRange, children: [] });
        continue;
      }
      const p = [...path, it.name];
      const ctx = contextOf(p);
      const kind: OutlineSymbol['kind'] = ctx === 'connection' || ctx === 'child' ? 'crypto' : ctx === 'secret' ? 'user' : ctx === 'pool' ? 'object' : 'section';
      const sym: OutlineSymbol = { name: it.refs.length ? `${it.name} : ${it.refs.map((r) => r.name).join(', ')}` : it.name, kind, range: it.range, selectionRange: it.nameRange, children: [] };
      out.push(sym);
      // strongSwan's own sections nest a few levels (secrets, connections > conn > children > child > ts); deeper
      // nesting is shown down to a bound only, so the outline (and the editor's conversion of it) stays shallow.
      if (p.length < MAX_OUTLINE_DEPTH) stack.push({ items: it.items, out: sym.children, path: p });
    }
  }
  return root;
}

/** How deep the outline follows nested sections (a fuzzed file nested 10,000 deep overflowed the stack). */
const MAX_OUTLINE_DEPTH = 32;

const SHOWN = new Set(['local_addrs', 'remote_addrs', 'proposals', 'esp_proposals', 'local_ts', 'remote_ts', 'version', 'auth', 'id']);

/** Folds each section spanning lines (from its name to its `}`) and runs of two or more comment lines. */
export function foldingSwanctl(text: string, tree: SwanctlFile, tokens: readonly Token[]): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const stack: (readonly SwanctlItem[])[] = [tree.items];
  while (stack.length) {
    const items = stack.pop()!;
    for (const it of items) {
      if (it.kind !== 'SwanctlSection') continue;
      const nl = text.indexOf('\n', it.range.start);
      if (nl >= 0 && nl < it.range.end) res.push({ start: it.range.start, end: it.range.end, kind: 'region' });
      stack.push(it.items);
    }
  }
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  let lineHasCode = false;
  let prevNewline = false;
  const flush = () => {
    if (count >= 2) res.push({ start: runStart, end: runEnd, kind: 'comment' });
    count = 0;
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
  return res.sort((a, b) => a.start - b.start);
}

/** The sections enclosing `offset` (outermost first) and the setting under it, found by descending the tree. */
function locate(tree: SwanctlFile, offset: number): { sections: SwanctlSection[]; setting?: SwanctlSetting } {
  const sections: SwanctlSection[] = [];
  let items: readonly SwanctlItem[] = tree.items;
  for (;;) {
    let next: SwanctlSection | undefined;
    for (const it of items) {
      if (it.range.start > offset) break;
      if (it.kind === 'SwanctlSection' && offset > it.open.start && (it.close ? offset <= it.close.start : offset <= it.range.end)) next = it;
      else if (it.kind === 'SwanctlSetting' && offset >= it.range.start && offset <= it.range.end) return { sections, setting: it };
    }
    if (!next) return { sections };
    sections.push(next);
    items = next.items;
  }
}

function keyMarkdown(k: SwanctlKey, where: string): string {
  const lines = [`**${k.key}**${k.section ? ' { … }' : ''} — ${where}`, '', k.doc];
  if (k.default !== undefined) lines.push('', `Default: \`${k.default}\``);
  if (k.values) lines.push('', `Values: ${k.values.map((v) => `\`${v}\``).join(', ')}`);
  lines.push('', `[swanctl.conf(5)](${SWANCTL_DOC_URL})`);
  return lines.join('\n');
}

const WHERE: Record<SwanctlContext, string> = {
  top: 'swanctl.conf',
  connection: 'connections.<conn>',
  local: 'connections.<conn>.local',
  remote: 'connections.<conn>.remote',
  child: 'connections.<conn>.children.<child>',
  secret: 'secrets.ike<suffix>',
  pool: 'pools.<name>',
  authority: 'authorities.<name>',
};

export function hoverSwanctl(text: string, tree: SwanctlFile, offset: number): HoverData | undefined {
  const { sections, setting } = locate(tree, offset);
  const path = sections.map((s) => s.name);
  if (setting && offset <= setting.keyRange.end) {
    const ctx = contextOf(path);
    const k = ctx && keyDoc(ctx, setting.key);
    if (!k || !ctx) return undefined;
    return { markdown: keyMarkdown(k, WHERE[ctx]), range: setting.keyRange };
  }
  // A section name: the section kind's own entry (`children`, `local`, `connections`).
  const s = sections[sections.length - 1];
  if (!setting) {
    for (const sec of sections) {
      if (offset >= sec.nameRange.start && offset <= sec.nameRange.end) {
        const i = sections.indexOf(sec);
        const parent = contextOf(path.slice(0, i));
        const name = /^local/.test(sec.name) ? 'local' : /^remote/.test(sec.name) ? 'remote' : sec.name;
        const k = parent && keyDoc(parent, name);
        if (k) return { markdown: keyMarkdown(k, WHERE[parent]), range: sec.nameRange };
      }
    }
    // The name of a section that does not contain the offset yet (the cursor on `gw` of `gw {`).
    const items = s ? s.items : tree.items;
    for (const it of items) {
      if (it.kind === 'SwanctlSection' && offset >= it.nameRange.start && offset <= it.nameRange.end) {
        const parent = contextOf(path);
        const name = /^local/.test(it.name) ? 'local' : /^remote/.test(it.name) ? 'remote' : it.name;
        const k = parent && keyDoc(parent, name);
        if (k) return { markdown: keyMarkdown(k, WHERE[parent]), range: it.nameRange };
      }
    }
  }
  void text;
  return undefined;
}

export function completeSwanctl(text: string, tree: SwanctlFile, offset: number, ctx: FeatureContext): CompletionData[] {
  const { sections, setting } = locate(tree, offset);
  const path = sections.map((s) => s.name);
  // The word being typed.
  let ws = offset;
  while (ws > 0 && /[\w.%-]/.test(text[ws - 1])) ws--;
  const replaceRange: TextRange = { start: ws, end: offset };
  const context = contextOf(path);
  if (!context) return [];
  if (setting && offset > setting.keyRange.end) {
    // A value: the key's fixed values, or proposals matching the paired peer.
    const k = keyDoc(context, setting.key);
    const res: CompletionData[] = [];
    for (const v of k?.values ?? []) res.push({ label: v, kind: 'enum', detail: setting.key, replaceRange });
    if (setting.key === 'proposals' || setting.key === 'esp_proposals') {
      for (const item of peerProposals(setting.key, ctx)) res.push({ ...item, replaceRange });
    }
    return res;
  }
  // A key at the start of a line.
  const lineStart = text.lastIndexOf('\n', ws - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, ws))) return [];
  const present = new Set<string>();
  const here = sections.length ? sections[sections.length - 1].items : tree.items;
  for (const it of here) if (it.kind === 'SwanctlSetting') present.add(it.key);
  const res: CompletionData[] = [];
  for (const k of SWANCTL_KEYS[context]) {
    if (present.has(k.key)) continue;
    res.push({
      label: k.key,
      kind: k.section ? 'keyword' : 'parameter',
      detail: k.default !== undefined ? `default ${k.default}` : undefined,
      documentation: keyMarkdown(k, WHERE[context]),
      insertText: k.section ? `${k.key} {\n\t$0\n}` : `${k.key} = $0`,
      isSnippet: true,
      replaceRange,
    });
  }
  return res;
}

/** The paired peers' first proposals in strongSwan spelling (`aes256-sha1-modp1024`), marked as theirs. */
function peerProposals(key: string, ctx: FeatureContext): CompletionData[] {
  const res: CompletionData[] = [];
  const seen = new Set<string>();
  for (const dev of ctx.peers) {
    for (const p of dev.ipsecPeers) {
      let text: string | undefined;
      if (key === 'proposals') {
        const p1 = p.phase1[0];
        if (p1) {
          const encryption = p1.encryption.value[0] === model.AES_ANY ? 'aes-cbc-128' : p1.encryption.value[0];
          const hash = p1.hash.value[0];
          const dh = p1.dh.value[0];
          if (encryption && hash && dh) text = renderIkeProposal({ encryption, hash, dh }, 'strongswan');
        }
      } else {
        const p2 = p.phase2[0];
        if (p2) text = renderEspProposal({ encryption: p2.encryption.value[0] ?? 'null', integrity: p2.integrity.value[0], pfs: p.pfs.value }, 'strongswan');
      }
      if (!text || seen.has(text)) continue;
      seen.add(text);
      res.push({ label: text, kind: 'value', detail: `what ${dev.name} uses (${p.label})`, sortText: `0${text}` });
    }
  }
  return res;
}
