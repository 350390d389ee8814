// Inlay hints: what the device really uses where the config leaves it implicit, read from the model's effective
// values (a `Value` without a range is implicit, and its `default` says where the value comes from — the same text
// hover and the checks show, so no default is written twice). After an IKE phase 1 policy/profile/peer, an IPsec
// proposal, and each OSPF interface: `hash sha1 · group 1 · lifetime 86400 s (IOS default)`. The tooltip names the
// source of each default. Pure: no connection, no IO.

import { MarkupKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import * as model from '../model';
import type { DocumentState, LanguageService } from '../service';
import type { TextRange } from '../syntax';
import { toOffset, toRange } from './positions';

/** Whose default it is, by dialect (the suffix of a hint's label). */
const SOURCE: Record<model.DialectId, string> = {
  'cisco-ios': 'IOS',
  'cisco-asa': 'ASA',
  routeros: 'RouterOS',
  'openbsd-ipsec': 'isakmpd',
  bird: 'BIRD',
  strongswan: 'strongSwan',
};

/** One implicit value shown in a hint: its label (`group 1`) and where its default comes from. */
interface Part {
  label: string;
  source: string;
}

type Implicit<T> = model.Value<T> | undefined;

/** The value is implicit (no range) and the model says why. */
function implicit<T>(v: Implicit<T>): v is model.Value<T> & { default: string } {
  return !!v && !v.range && typeof v.default === 'string' && v.default.length > 0;
}

function list(v: string[]): string {
  return v.join(',');
}

/** `group 1` for numbered groups (the word every vendor's docs use), else the canonical names. */
function dhParts(v: string[]): string {
  const numbers = v.map((g) => model.DH_NUMBERS[g]);
  return numbers.every((n) => n) ? `group ${numbers.join(',')}` : `dh ${list(v)}`;
}

function phase1Parts(p: model.Phase1Proposal): Part[] {
  const res: Part[] = [];
  if (implicit(p.encryption) && p.encryption.value.length) res.push({ label: `encryption ${list(p.encryption.value)}`, source: p.encryption.default });
  if (implicit(p.hash) && p.hash.value.length) res.push({ label: `hash ${list(p.hash.value)}`, source: p.hash.default });
  if (implicit(p.dh) && p.dh.value.length) res.push({ label: dhParts(p.dh.value), source: p.dh.default });
  if (implicit(p.auth)) res.push({ label: `auth ${p.auth.value}`, source: p.auth.default });
  if (implicit(p.lifetime)) res.push({ label: `lifetime ${p.lifetime.value} s`, source: p.lifetime.default });
  return res;
}

function phase2Parts(p: model.Phase2Proposal): Part[] {
  const res: Part[] = [];
  if (implicit(p.encryption) && p.encryption.value.length) res.push({ label: `encryption ${list(p.encryption.value)}`, source: p.encryption.default });
  if (implicit(p.integrity) && p.integrity.value.length) res.push({ label: `integrity ${list(p.integrity.value)}`, source: p.integrity.default });
  return res;
}

function pfsLifetimeParts(peer: model.IpsecPeer): Part[] {
  const res: Part[] = [];
  if (implicit(peer.pfs)) res.push({ label: `pfs ${peer.pfs.value}`, source: peer.pfs.default });
  if (implicit(peer.phase2Lifetime)) res.push({ label: `lifetime ${peer.phase2Lifetime.value} s`, source: peer.phase2Lifetime.default });
  return res;
}

function ospfParts(o: model.OspfInterface): Part[] {
  const res: Part[] = [];
  if (implicit(o.hello)) res.push({ label: `hello ${o.hello.value}`, source: o.hello.default });
  if (implicit(o.dead)) res.push({ label: `dead ${o.dead.value}`, source: o.dead.default });
  if (implicit(o.networkType)) res.push({ label: `network ${o.networkType.value}`, source: o.networkType.default });
  return res;
}

/** End of the line where `r` starts, blanks dropped: where a block's header or a statement ends. */
function headerEnd(text: string, r: TextRange): number {
  let end = text.indexOf('\n', r.start);
  if (end < 0) end = text.length;
  // A RouterOS command continued with `\` ends on a later line: the hint goes after the whole command.
  while (end < r.end && text[end - 1] === '\\') {
    const next = text.indexOf('\n', end + 1);
    end = next < 0 ? text.length : next;
  }
  while (end > r.start && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === '\r')) end--;
  return end;
}

/**
 * Every hint of a device, keyed by the offset it follows: phase 1 and phase 2 proposals (each once, however many
 * peers use them), then OSPF interfaces (after the interface's own header when the file defines it, else after
 * the statement enabling OSPF there).
 */
export function defaultHints(device: model.Device, text: string, policies: readonly model.Phase1Proposal[] = []): { offset: number; parts: Part[] }[] {
  const at = new Map<number, Part[]>();
  const add = (r: TextRange | undefined, parts: Part[]) => {
    if (!r || parts.length === 0) return;
    const offset = headerEnd(text, r);
    if (!at.has(offset)) at.set(offset, parts);
  };
  for (const peer of device.ipsecPeers) {
    // A phase 1 the config does not write at all (OpenBSD `ike` without `main`) shows on the peer's rule.
    for (const p of peer.phase1) add(p.range ?? peer.range, phase1Parts(p));
    // RouterOS keeps PFS and the SA lifetime on the proposal (`pfs-group=`, `lifetime=`), so its hint names them too;
    // IOS writes them on the crypto map or profile, not on the transform set the proposal is.
    const proposalExtras = device.dialect === 'routeros' ? pfsLifetimeParts(peer) : [];
    for (const p of peer.phase2) add(p.range, [...phase2Parts(p), ...proposalExtras]);
  }
  // Policies no peer uses yet (an ISAKMP policy written before its crypto map) still show what they would negotiate.
  for (const p of policies) add(p.range, phase1Parts(p));
  const interfaces = new Map<string, model.Interface>();
  for (const itf of device.interfaces) interfaces.set(itf.name, itf);
  for (const o of device.ospfInterfaces) {
    const itf = interfaces.get(o.interfaceName);
    add(itf && itf.range.end > itf.range.start ? { start: itf.range.start, end: itf.range.end } : o.range, ospfParts(o));
  }
  return [...at].map(([offset, parts]) => ({ offset, parts })).sort((a, b) => a.offset - b.offset);
}

export function getInlayHints(service: LanguageService, uri: string, range?: Range): InlayHint[] {
  const doc: DocumentState | undefined = service.getDocument(uri);
  const device = service.getDevice(uri);
  if (!doc || !device) return [];
  const from = range ? toOffset(doc, range.start) : 0;
  const to = range ? toOffset(doc, range.end) : doc.text.length;
  const source = SOURCE[device.dialect] ?? device.dialect;
  const res: InlayHint[] = [];
  const policies = doc.lowered?.device === device ? doc.lowered.phase1Policies : undefined;
  for (const h of defaultHints(device, doc.text, policies)) {
    if (h.offset < from || h.offset > to) continue;
    res.push({
      position: toRange(doc, { start: h.offset, end: h.offset }).start,
      label: `${h.parts.map((p) => p.label).join(' · ')} (${source} default)`,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: h.parts.map((p) => `- \`${p.label}\`: ${p.source}`).join('\n') },
    });
  }
  return res;
}
