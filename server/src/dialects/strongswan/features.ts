// Completion and hover for the stroke format (ipsec.conf, ipsec.secrets), from the key catalog (./catalog.ts), the
// proposal vocabulary (./proposals.ts) and the lowered model (effective values, where defaults come from).
// Plain data out; no LSP here. Secrets are never shown, only masked.

import * as model from '../../model';
import type { ParseResult, TextRange } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import { docLink, keyInfo, keysOf, SECRETS_MAN, SECTION_DOCS, type KeyInfo } from './catalog';
import { detectFlavour } from './flavour';
import { lowerStroke } from './lower';
import { classify, knownKeywords } from './proposals';
import type { SwanFile, SwanSection, SwanSetting } from './parser';

const PROPOSAL_KEYS = new Set(['ike', 'esp', 'ah', 'phase2alg']);

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The section whose header is the last one at or before `offset` (sections are in file order). */
function sectionAt(tree: SwanFile, offset: number): SwanSection | undefined {
  const list = tree.sections;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].typeRange.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}

function settingAt(section: SwanSection | undefined, offset: number): SwanSetting | undefined {
  return section?.settings.find((s) => s.range.start <= offset && offset <= s.range.end);
}

function keyDoc(info: KeyInfo, flavour: 'strongswan' | 'libreswan'): string {
  const parts = [info.doc];
  if (info.default) parts.push(`Default: \`${info.default}\`.`);
  if (info.values) parts.push(`Values: ${info.values.map((v) => `\`${v}\``).join(', ')}.`);
  if (info.only) parts.push(`${info.only === 'libreswan' ? 'Libreswan' : 'strongSwan'} only.`);
  parts.push(`[ipsec.conf(5)](${docLink(info.only ?? flavour)})`);
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Completion

/** Where the word before the cursor starts: the last run of characters other than whitespace and `=,:"-` (a backward scan). */
function wordStartBefore(before: string): number {
  let i = before.length;
  while (i > 0 && !/[\s=,:"-]/.test(before[i - 1])) i--;
  return i;
}

/**
 * In ipsec.secrets, whether the cursor is where the secret type goes: after the `:` and at most one word, before any
 * space that follows that word. Linear scans (the expressions `/:\s*\S*$/` and `/:\s*\S+\s/` backtracked over
 * every `:` of a long line).
 */
function secretTypeExpected(before: string): boolean {
  // `:` then spaces then non-spaces to the end: the last `:` decides (any later `:` lies in the non-space run).
  const last = before.lastIndexOf(':');
  if (last < 0) return false;
  let i = last + 1;
  while (i < before.length && /\s/.test(before[i])) i++;
  while (i < before.length && !/\s/.test(before[i])) i++;
  if (i < before.length) return false;
  // No `:` followed by spaces, a word and a space: the first `:` decides (a later one is inside its word or after).
  let j = before.indexOf(':') + 1;
  while (j < before.length && /\s/.test(before[j])) j++;
  const wordStart = j;
  while (j < before.length && !/\s/.test(before[j])) j++;
  return !(j > wordStart && j < before.length);
}

export function completeStroke(parsed: ParseResult<SwanFile>, offset: number, ctx: FeatureContext): CompletionData[] {
  const text = parsed.text;
  const ls = lineStartOf(text, offset);
  const before = text.slice(ls, offset);
  const word = before.slice(wordStartBefore(before));
  const replaceRange: TextRange = { start: offset - word.length, end: offset };
  if (parsed.tree.fileKind === 'secrets') {
    if (secretTypeExpected(before)) {
      return ['PSK', 'RSA', 'ECDSA', 'EAP', 'XAUTH', 'NTLM', 'P12', 'PIN', 'PPK'].map((t) => ({ label: t, kind: 'keyword', detail: 'secret type', documentation: `[ipsec.secrets(5)](${SECRETS_MAN})`, replaceRange }));
    }
    return [];
  }
  const flavour = detectFlavour(parsed.tree).flavour;
  const indented = /^[ \t]/.test(before);
  if (!indented) {
    if (before.includes(' ')) return [];
    return [
      { label: 'conn', kind: 'keyword', detail: 'section', documentation: SECTION_DOCS.conn, insertText: 'conn ${1:name}\n\t$0', isSnippet: true, replaceRange },
      { label: 'config setup', kind: 'keyword', detail: 'section', documentation: SECTION_DOCS.config, replaceRange },
      { label: 'ca', kind: 'keyword', detail: 'section', documentation: SECTION_DOCS.ca, insertText: 'ca ${1:name}\n\t$0', isSnippet: true, replaceRange },
      { label: 'include', kind: 'keyword', documentation: SECTION_DOCS.include, replaceRange },
    ];
  }
  const section = sectionAt(parsed.tree, offset);
  const eq = before.indexOf('=');
  if (eq < 0) {
    const type = section?.type ?? 'conn';
    return keysOf(type)
      .filter((k) => !k.only || k.only === flavour)
      .map((k) => ({ label: k.key, kind: 'keyword' as const, detail: k.default ? `default ${k.default}` : undefined, documentation: keyDoc(k, flavour), insertText: `${k.key}=`, replaceRange }));
  }
  const key = before.slice(0, eq).trim().toLowerCase();
  if (PROPOSAL_KEYS.has(key)) return algorithmItems(key, replaceRange);
  if (key === 'also') {
    return parsed.tree.sections.filter((s) => s.type === 'conn' && s.name && s.name !== '%default' && s !== section).map((s) => ({ label: s.name, kind: 'reference' as const, detail: 'conn', replaceRange }));
  }
  if ((key === 'right' || key === 'left') && ctx.peers.length) {
    // Addresses of the paired devices, for the peer's address.
    const res: CompletionData[] = [];
    for (const d of ctx.peers) for (const a of model.ownedAddresses(d)) res.push({ label: a, kind: 'value', detail: d.name, replaceRange });
    return res;
  }
  const info = keyInfo(key, section?.type);
  const values = info?.values ?? info?.examples ?? [];
  return values.map((v) => ({ label: v, kind: 'enum' as const, detail: info?.default === v ? 'default' : undefined, replaceRange }));
}

function algorithmItems(key: string, replaceRange: TextRange): CompletionData[] {
  const phase2 = key !== 'ike';
  const res: CompletionData[] = [];
  for (const [kw, canonical, kind] of knownKeywords()) {
    if (phase2 && kind === 'prf') continue;
    const weak = model.WEAK_ENCRYPTION.has(canonical) || model.WEAK_HASH.has(canonical) || model.WEAK_DH.has(canonical);
    res.push({
      label: kw,
      kind: 'enum',
      detail: `${kind === 'dh' ? (phase2 ? 'PFS group' : 'DH group') : kind}: ${kind === 'dh' ? model.dhLabel(canonical) : canonical}${weak ? ' (weak)' : ''}`,
      sortText: `${weak ? '1' : '0'}${kw}`,
      replaceRange,
    });
  }
  return res;
}

// ---------------------------------------------------------------------------------------------------------------
// Hover

export function hoverStroke(parsed: ParseResult<SwanFile>, offset: number, ctx: FeatureContext): HoverData | undefined {
  const tree = parsed.tree;
  if (tree.fileKind === 'secrets') {
    const e = tree.secrets.find((s) => s.range.start <= offset && offset <= s.range.end);
    if (!e) return undefined;
    const secret = e.secret ? ` ${maskToken(e.secret.text)}` : '';
    return { markdown: `**${e.type || '?'}** secret for ${e.selectors.length ? e.selectors.map((s) => `\`${s.text}\``).join(', ') : 'any connection'}:${secret}\n\n[ipsec.secrets(5)](${SECRETS_MAN})`, range: e.range };
  }
  const flavour = detectFlavour(tree).flavour;
  const section = sectionAt(tree, offset);
  if (section && offset >= section.typeRange.start && offset <= section.nameRange.end) {
    const device = deviceOf(parsed, ctx);
    const peer = device.ipsecPeers.find((p) => p.id === `conn ${section.name}`);
    const head = `**${section.type} ${section.name}**: ${SECTION_DOCS[section.type] ?? ''}`;
    return { markdown: peer ? `${head}\n\n${peerSummary(peer)}` : head, range: { start: section.typeRange.start, end: section.nameRange.end } };
  }
  const setting = settingAt(section, offset);
  if (!setting) {
    const inc = tree.includes.find((i) => i.range.start <= offset && offset <= i.range.end);
    return inc ? { markdown: SECTION_DOCS.include, range: inc.range } : undefined;
  }
  if (PROPOSAL_KEYS.has(setting.key) && offset >= setting.valueRange.start && offset <= setting.valueRange.end) {
    const m = /[^-+;,!\s]+/g;
    let w: RegExpExecArray | null;
    const rel = offset - setting.valueRange.start;
    while ((w = m.exec(setting.value))) {
      if (w.index <= rel && rel <= w.index + w[0].length) {
        const c = classify(w[0]);
        const what =
          c.kind === 'unknown'
            ? 'not an algorithm keyword netcfg knows'
            : c.kind === 'additional-ke'
              ? `additional key exchange ${c.canonical!.slice(0, 3).toUpperCase()} (RFC 9370, strongSwan 6.0+): ${model.dhLabel(c.canonical!.slice(4))}; netcfg does not compare it`
              : `${c.kind === 'dh' ? (setting.key === 'ike' ? 'DH group' : 'PFS group') : c.kind} ${c.kind === 'dh' ? model.dhLabel(c.canonical!) : c.canonical}`;
        const start = setting.valueRange.start + w.index;
        return { markdown: `\`${w[0]}\`: ${what}`, range: { start, end: start + w[0].length } };
      }
    }
  }
  const info = keyInfo(setting.key, section?.type);
  if (!info) return undefined;
  let md = `**${setting.key}**: ${keyDoc(info, flavour)}`;
  if (section?.type === 'conn' && PROPOSAL_KEYS.has(setting.key)) {
    const device = deviceOf(parsed, ctx);
    // In `conn %default` the values of the first conn that inherits them are shown.
    const p = section.name === '%default' ? device.ipsecPeers[0] : device.ipsecPeers.find((x) => x.id === `conn ${section.name}`);
    if (p) md += `\n\nEffective for ${p.label}${section.name === '%default' ? ' (first conn)' : ''}:\n\n${setting.key === 'ike' ? p.phase1.map((x) => `- ${x.label}: ${x.encryption.value.join(',')} / ${x.hash.value.join(',')} / ${x.dh.value.join(',')}${x.range ? '' : ' (default)'}`).join('\n') : p.phase2.map((x) => `- ${x.label}: ${x.encryption.value.join(',')} / ${x.integrity.value.join(',') || 'none'}${x.range ? '' : ' (default)'}`).join('\n')}`;
  }
  return { markdown: md, range: setting.keyRange };
}

function maskToken(text: string): string {
  const plain = text.replace(/^["']|["']$/g, '');
  return model.maskSecret({ kind: 'plain', plain, range: { start: 0, end: 0 } });
}

function deviceOf(parsed: ParseResult<SwanFile>, ctx: FeatureContext): model.Device {
  if (ctx.device && ctx.device.dialect === 'strongswan') return ctx.device;
  return lowerStroke(parsed, 'untitled:hover', {}).device;
}

function val<T>(v: model.Value<T> | undefined, show: (x: T) => string = String): string {
  if (!v) return '—';
  return `${show(v.value)}${v.default ? ` (${v.default})` : ''}`;
}

/** Effective values of a conn, as its peer in the model. */
function peerSummary(p: model.IpsecPeer): string {
  const lines = [
    `- peer: ${p.remote ? `\`${p.remote.value}\`` : `any (${p.remoteAny ?? '?'})`}${p.local ? `, local \`${p.local.value}\`` : ''}`,
    `- IKE: v${val(p.ikeVersion)}, auth ${p.phase1[0]?.auth.value ?? '?'}, lifetime ${val(p.phase1[0]?.lifetime, (n) => `${n} s`)}`,
    `- IKE proposals: ${p.phase1.map((x) => `\`${x.label.replace(/^ike /, '')}\``).join(', ')}`,
    `- ESP proposals: ${p.phase2.map((x) => `\`${x.label.replace(/^esp /, '')}\``).join(', ')}`,
    `- PFS: ${val(p.pfs, (g) => (g === 'none' ? 'none' : model.dhLabel(g)))}; lifetime ${val(p.phase2Lifetime, (n) => `${n} s`)}`,
    `- traffic: ${p.selectors.map((s) => `${s.local} ↔ ${s.remote}${s.protocol === 'ip' ? '' : ` (${s.protocol}${s.remotePort ? `/${s.remotePort}` : ''})`}`).join(', ') || '—'}`,
  ];
  if (p.phase1.some((x) => x.auth.value === 'psk')) lines.push(`- pre-shared key: ${p.psk ? model.maskSecret(p.psk.secret) : 'none found in the ipsec.secrets of this folder'}`);
  return lines.join('\n');
}
