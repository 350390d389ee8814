// Shared by the generate tests (issue 19): generate the far end of a real scenario, check both files in one
// workspace with the full service, and re-generate from the generated side.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import type * as model from '../../server/src/model';
import { TARGETS } from '../../server/src/generate/emit';
import { extractSpec } from '../../server/src/generate/extract';
import type { PeerSpec, TargetId } from '../../server/src/generate/spec';

export const ROOT = path.resolve(__dirname, '../..');

export interface Source {
  /** Test name part. */
  name: string;
  /** Files of the source's workspace: [file name, text]; the first is the source. */
  files: [string, string][];
  peer: string;
  targets: TargetId[];
  /** The source uses weak algorithms: ipsec/weak-crypto warnings are expected on both ends. */
  weak?: boolean;
  binding?: 'policy' | 'route';
  lan?: string;
}

export function example(rel: string): [string, string] {
  return [path.basename(rel), fs.readFileSync(path.join(ROOT, 'examples', rel), 'utf8')];
}

export function verdictFile(rel: string): [string, string] {
  return [path.basename(rel), fs.readFileSync(path.join(ROOT, 'test/verdicts/scenarios', rel), 'utf8')];
}

export const EXT: Record<TargetId, string> = { 'cisco-ios': 'ios', 'cisco-asa': 'asa', routeros6: 'rsc', routeros7: 'rsc', openbsd: 'conf', bird: 'conf' };

/** The name a generated file gets in the workspace (so dialect detection by name agrees with the target). */
export function generatedName(target: TargetId): string {
  // `.conf` files are told apart by content (an OpenBSD source may itself be called ipsec.conf).
  return target === 'openbsd' ? 'generated-ipsec.conf' : target === 'bird' ? 'generated-bird.conf' : `generated.${EXT[target]}`;
}

/** The target a source dialect is re-generated in. */
export function targetOfDialect(d: model.DialectId, text: string): TargetId {
  if (d === 'cisco-ios') return 'cisco-ios';
  if (d === 'cisco-asa') return 'cisco-asa';
  if (d === 'openbsd-ipsec') return 'openbsd';
  if (d === 'bird') return 'bird';
  return /by RouterOS 7|\/routing ospf instance\s*\n\s*add .*version=|\/interface wireguard/.test(text) ? 'routeros7' : 'routeros6';
}

export interface Generated {
  svc: LanguageService;
  sourceUri: string;
  genUri: string;
  text: string;
  spec: PeerSpec;
}

export function generate(src: Source, target: TargetId, includeSecrets = true): Generated {
  const svc = createLanguageService();
  const dir = `file:///ws/${src.name}/`;
  for (const [n, t] of src.files) svc.setDocument(dir + n, t, 1);
  const sourceUri = dir + src.files[0][0];
  const g = svc.generatePeer(sourceUri, src.peer, { target, includeSecrets, binding: src.binding, facts: src.lan ? { lan: src.lan } : undefined });
  // The generated device lives in its own folder next to the source's (as a new file in the same workspace).
  const genUri = `${dir}${generatedName(target)}`;
  svc.setDocument(genUri, g.text, 1);
  return { svc, sourceUri, genUri, text: g.text, spec: g.spec };
}

const CROSS = /^(ipsec|dmvpn|ospf|l2tp|pairing)\//;

/**
 * Findings that say the two ends disagree (warning or error): the pair checks between them, and the cross-file
 * families on the generated file; weak-crypto excepted when the source is weak.
 */
export function crossFindings(g: Generated, weak: boolean): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const all = [...g.svc.pairFindings(g.sourceUri, g.genUri), ...g.svc.getFindings(g.genUri).filter((f) => CROSS.test(f.code))];
  for (const f of all) {
    if (f.suppressed || (f.severity !== 'error' && f.severity !== 'warning')) continue;
    if (weak && f.code === 'ipsec/weak-crypto') continue;
    const line = `${f.uri.split('/').pop()} ${f.severity} ${f.code}: ${f.message}`;
    if (!seen.has(line)) out.push(line);
    seen.add(line);
  }
  return out;
}

export function syntaxFindings(g: Generated): string[] {
  return g.svc
    .getFindings(g.genUri)
    .filter((f) => f.code.startsWith('syntax/') || f.code === 'internal/parser-crash' || (f.code.startsWith('ref/') && f.severity === 'error'))
    .map((f) => `${f.severity} ${f.code}: ${f.message}`);
}

/** The spec of the source, re-generated from the generated side (in the source's dialect). */
export function regenerate(g: Generated, src: Source): PeerSpec {
  const dev = g.svc.getDevice(g.genUri)!;
  const srcDev = g.svc.getDevice(g.sourceUri)!;
  const back = targetOfDialect(srcDev.dialect, src.files[0][1]);
  return extractSpec(dev, g.spec.remote.includes('/') ? sourceLinkAddress(g) : g.spec.remote, { target: back, includeSecrets: true }, (a) => g.svc.addressOwners(a).length > 0);
}

/** A BIRD source names no address on its link: any other host of the link stands for it. */
function sourceLinkAddress(g: Generated): string {
  const [net, len] = g.spec.remote.split('/');
  const parts = net.split('.').map(Number);
  parts[3] += Number(len) >= 31 ? 0 : 1;
  const cand = parts.join('.');
  return cand === g.spec.local ? [...parts.slice(0, 3), parts[3] + 1].join('.') : cand;
}

export function mirror(sel: PeerSpec['ipsec'] extends infer I ? (I extends { selectors: infer S } ? S : never) : never) {
  return sel.map((s) => ({ local: s.remote, remote: s.local, protocol: s.protocol, localPort: s.remotePort, remotePort: s.localPort }));
}

export { TARGETS };
