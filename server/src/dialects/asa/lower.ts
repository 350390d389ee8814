// Lowers an ASA tree into the neutral model by extending the IOS lowering: nameif/security-level, single-line
// crypto map entries, crypto ikev1/ikev2 policies, IKEv1 transform sets and IKEv2 IPsec proposals, tunnel-group
// keys (`*****` = masked), group policies, captures (asa/capture-mixed-acl), OSPF `network A MASK area N`, and VTIs
// (ASA 9.7+: `crypto ipsec profile`, `tunnel source interface NAMEIF`, `tunnel protection ipsec profile`). Objects,
// object-groups and ACL address resolution (crypto selectors) come from objects.ts, the layer below.
// Depends only on model/, syntax/ and the IOS dialect's parser/lowering.

import * as model from '../../model';
import type { ParseResult, TextRange, Token } from '../../syntax';
import { expandKeyword } from '../ios/catalog';
import { asaEncryptionKeyword, type IfaceInfo, type MapEntry, type OspfProcInfo } from '../ios/lower';
import type { IpsecProfileInfo } from '../ios/lower/core';
import type { IosNode } from '../ios/parser';
import { AsaObjectLowering } from './objects';
import { WordRun } from '../ios/lower/core';
import { dict } from '../../model/dict';

const U5 = 'unconfirmed: interop-rules U-5';
const ASA_IKEV2_ENC: Record<string, string> = dict({
  des: 'des', '3des': '3des', aes: 'aes-cbc-128', 'aes-192': 'aes-cbc-192', 'aes-256': 'aes-cbc-256',
  'aes-gcm': 'aes-gcm-128', 'aes-gcm-192': 'aes-gcm-192', 'aes-gcm-256': 'aes-gcm-256', null: 'null',
});
const ASA_IKEV2_INTEG: Record<string, string> = dict({ md5: 'md5', sha: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512', null: 'none' });
const ASA_ESP_INTEG: Record<string, string> = dict({ md5: 'md5', 'sha-1': 'sha1', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512', null: 'none' });

interface TunnelGroup {
  name: string;
  type?: string;
  keys: { version: 1 | 2; key: model.PresharedKey; node: IosNode }[];
  lastNode: IosNode;
}

interface IpsecProposal {
  proposal: model.Phase2Proposal;
  node: IosNode;
  encNode?: IosNode;
  integNode?: IosNode;
}

/** ASA transform keywords for canonical ids (`esp-aes-256 esp-sha-hmac`). */
export function asaTransforms(enc: string, integ: string): string | undefined {
  const e = { des: 'esp-des', '3des': 'esp-3des', 'aes-cbc-128': 'esp-aes', 'aes-cbc-192': 'esp-aes-192', 'aes-cbc-256': 'esp-aes-256', null: 'esp-null' }[enc];
  const i = { md5: 'esp-md5-hmac', sha1: 'esp-sha-hmac', none: 'esp-none' }[integ];
  return e && i ? `${e} ${i}` : undefined;
}

export class AsaLowering extends AsaObjectLowering {
  protected override readonly platform = 'ASA' as const;
  protected tunnelGroups = new Map<string, TunnelGroup>();
  protected ipsecProposals = new Map<string, IpsecProposal>();
  protected asaEntries = new Map<string, MapEntry>();
  protected captures: { acl: Token; node: IosNode }[] = [];
  protected ikev2Policies: model.Phase1Proposal[] = [];
  private ikev2Sorted?: model.Phase1Proposal[];

  protected override dialectId(): model.DialectId {
    return 'cisco-asa';
  }

  protected override global(node: IosNode): void {
    switch (this.key(node)) {
      case 'asa version': {
        const t = this.arg(node, 0);
        if (t) this.device.platformVersion = t.text;
        return;
      }
      case 'crypto ikev1 policy':
      case 'crypto isakmp policy':
        return this.lowerIkev1Policy(node);
      case 'crypto ikev2 policy':
        return this.lowerAsaIkev2Policy(node);
      case 'crypto ipsec ikev1 transform-set':
      case 'crypto ipsec transform-set':
        return this.lowerAsaTransformSet(node);
      case 'crypto ipsec ikev2 ipsec-proposal':
        return this.lowerIpsecProposal(node);
      case 'crypto ipsec profile':
        return this.lowerAsaIpsecProfile(node);
      case 'crypto map':
        return this.lowerAsaCryptoMap(node, false);
      case 'crypto dynamic-map':
        return this.lowerAsaCryptoMap(node, true);
      case 'crypto ikev1 enable':
      case 'crypto ikev2 enable':
      case 'crypto isakmp enable':
        this.ref('nameif', this.arg(node, 0));
        return;
      case 'tunnel-group':
        return this.lowerTunnelGroup(node);
      case 'group-policy':
        return this.lowerGroupPolicy(node);
      case 'access-list':
        return this.lowerAsaAccessList(node);
      case 'access-group':
        return this.lowerAccessGroup(node);
      case 'capture':
        return this.lowerCapture(node);
      case 'service-policy': {
        const a = this.args(node);
        this.ref('policy-map', a[0]);
        if (this.lw(a[1]) === 'interface') this.ref('nameif', a[2]);
        return;
      }
      case 'username':
        return; // password is a secret; nothing to model
      default:
        return super.global(node);
    }
  }

  protected override interfaceCommand(info: IfaceInfo, c: IosNode, block: IosNode): void {
    const k = this.key(c);
    if (!c.negated && k.startsWith('tunnel ')) return this.asaTunnelCommand(info, c, block, k);
    if (!c.negated && k === 'nameif') {
      const t = this.arg(c, 0);
      if (!t) return this.missing(c, 'an interface name');
      info.itf.nameif = t.text;
      this.define('nameif', t.text, t, block.range, { builtin: true });
      return;
    }
    if (!c.negated && k === 'security-level') {
      this.int(this.arg(c, 0), c, 0, 100, 'security level');
      return;
    }
    super.interfaceCommand(info, c, block);
  }

  protected override ospfNetwork(info: OspfProcInfo, c: IosNode, a: Token[]): void {
    if (a.length < 4 || this.lw(a[2]) !== 'area') return this.missing(c, 'ADDRESS MASK area AREA');
    const addr = this.address(a[0], c);
    if (!addr) return;
    const len = this.mask(a[1], c);
    if (len === undefined) return;
    const area = /^\d+$/.test(a[3].text) ? model.formatIpv4(Number(a[3].text) >>> 0) : a[3].text;
    info.networks.push({ prefix: model.networkOf(addr, len)!, length: len, area, range: c.range });
  }

  protected override ospfLine(setting: string, value: string | number): string {
    return `ospf ${setting} ${value}`;
  }

  // ------------------------------------------------------------------ VTI (ASA 9.7+)

  /** Tunnel interfaces that name their source by nameif (`tunnel source interface outside`), resolved in finish(). */
  protected pendingTunnelSources: { info: IfaceInfo; nameif: Token }[] = [];

  /**
   * A tunnel interface command. The ASA has no GRE: a tunnel interface is an IPsec VTI (`tunnel mode ipsec ipv4|ipv6`),
   * and `tunnel source interface NAMEIF` names the source by its nameif; the rest is the IOS command.
   */
  protected asaTunnelCommand(info: IfaceInfo, c: IosNode, block: IosNode, k: string): void {
    const itf = info.itf;
    if (!itf.tunnel) itf.tunnel = { mode: { value: 'ipsec', default: 'ASA: a tunnel interface is an IPsec VTI (`tunnel mode ipsec ipv4`)' }, insertAt: block.lineEnd };
    if (k === 'tunnel source') {
      const a = this.args(c);
      if (this.lw(a[0]) === 'interface') {
        if (!a[1]) return this.missing(c, 'an interface name (nameif)');
        this.ref('nameif', a[1]);
        this.pendingTunnelSources.push({ info, nameif: a[1] });
        return;
      }
    }
    super.interfaceCommand(info, c, block);
  }

  /**
   * `crypto ipsec profile NAME` on the ASA (VTI): `set ikev1 transform-set T…`, `set ikev2 ipsec-proposal P…`,
   * `set pfs [groupN]` (alone: group 2, as on a crypto map), `set security-association lifetime seconds N`.
   */
  protected lowerAsaIpsecProfile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    this.define('ipsec-profile', name.text, name, node.range);
    const prof: IpsecProfileInfo = { node, transformSets: [], ikev2Proposals: [] };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0]?.toLowerCase() !== 'set') continue;
      this.asaSet(c.words, c, prof, false);
    }
    this.ipsecProfiles.set(name.text, prof);
  }

  /** Like a crypto map entry: IKEv2 when the profile sets IKEv2 IPsec proposals and no IKEv1 transform set. */
  protected override tunnelIkeVersion(prof: IpsecProfileInfo | undefined): 1 | 2 {
    return prof?.ikev2Proposals?.length && !prof.transformSets.length ? 2 : 1;
  }
  protected override tunnelIkeVersionDefault(): string {
    return 'ASA: IKEv1 unless the IPsec profile sets only IKEv2 IPsec proposals';
  }
  /** The key of the tunnel group named by the peer's address (`ikev1 pre-shared-key` or the IKEv2 keys). */
  protected override tunnelKey(remote: string | undefined, ikeVersion: 1 | 2): model.PresharedKey | undefined {
    return this.selectKeyFor(remote, undefined, ikeVersion);
  }
  protected override tunnelPhase2(prof: IpsecProfileInfo): model.Phase2Proposal[] {
    return this.phase2Of2(prof.transformSets, prof.ikev2Proposals ?? []);
  }
  protected override tunnelPhase2Setter(prof: IpsecProfileInfo): model.IpsecPeer['setPhase2'] {
    return this.phase2Setter2(prof.transformSets, prof.ikev2Proposals ?? []);
  }

  // ------------------------------------------------------------------ IKE

  protected lowerIkev1Policy(node: IosNode): void {
    const prio = this.int(this.arg(node, 0), node, 1, 65535, 'policy priority');
    if (prio === undefined) return;
    const children = new Map<string, IosNode>();
    let enc: model.Value<string[]> = { value: ['3des'], default: `ASA default when \`encryption\` is absent: 3DES (${U5})` };
    let hash: model.Value<string[]> = { value: ['sha1'], default: `ASA default when \`hash\` is absent: SHA-1 (${U5})` };
    let auth: model.Phase1Proposal['auth'] = { value: 'psk', default: `ASA default when \`authentication\` is absent: pre-share (${U5})` };
    let dh: model.Value<string[]> = { value: ['modp1024'], default: `ASA default when \`group\` is absent: group 2 (${U5})` };
    let life: model.Value<number> = { value: 86400, default: `ASA default when \`lifetime\` is absent: 86400 s (${U5})` };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || !c.path[0]) continue;
      const k = c.path[0];
      const t = this.arg(c, 0);
      children.set(k, c);
      if (k === 'encryption') {
        const v = t && { des: 'des', '3des': '3des', aes: 'aes-cbc-128', 'aes-192': 'aes-cbc-192', 'aes-256': 'aes-cbc-256' }[t.text.toLowerCase()];
        if (!t) this.missing(c, 'an algorithm');
        else if (v) enc = { value: [v], range: c.range };
        else this.error(t, 'syntax/invalid-value', `'${t.text}' is not an ASA IKEv1 encryption algorithm (des, 3des, aes, aes-192, aes-256)`);
      } else if (k === 'hash') {
        const v = t && { md5: 'md5', sha: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' }[t.text.toLowerCase()];
        if (!t) this.missing(c, 'a hash');
        else if (v) hash = { value: [v], range: c.range };
        else this.error(t, 'syntax/invalid-value', `'${t.text}' is not an ASA IKEv1 hash (md5, sha)`);
      } else if (k === 'authentication') {
        const kw = expandKeyword(t?.text, ['pre-share', 'rsa-sig', 'crack']);
        if (!t) this.missing(c, 'an authentication method');
        else if (kw) auth = { value: kw === 'pre-share' ? 'psk' : kw === 'rsa-sig' ? 'rsa-sig' : 'other', range: c.range };
        else this.error(t, 'syntax/invalid-value', `'${t.text}' is not an IKEv1 authentication method`);
      } else if (k === 'group') {
        if (!t) this.missing(c, 'a DH group');
        else if (model.DH_GROUPS[t.text]) dh = { value: [model.DH_GROUPS[t.text]], range: c.range };
        else this.error(t, 'syntax/invalid-value', `'${t.text}' is not a Diffie-Hellman group number`);
      } else if (k === 'lifetime') {
        if (this.lw(t) === 'none') continue;
        const v = this.int(t, c, 120, 2147483647, 'lifetime in seconds');
        if (v !== undefined) life = { value: v, range: c.range };
      }
    }
    const p: model.Phase1Proposal = { label: `crypto ikev1 policy ${prio}`, range: node.range, priority: prio, encryption: enc, hash, dh, auth, lifetime: life };
    if (this.setters) this.attachPhase1Setters(p, node, children, 'asa');
    this.phase1.push({ proposal: p, node, children });
  }

  protected lowerAsaIkev2Policy(node: IosNode): void {
    const prio = this.int(this.arg(node, 0), node, 1, 65535, 'policy priority');
    if (prio === undefined) return;
    const p: model.Phase1Proposal = {
      label: `crypto ikev2 policy ${prio}`,
      range: node.range,
      priority: prio,
      encryption: { value: ['3des'], default: `ASA IKEv2 default encryption 3DES (${U5})` },
      hash: { value: ['sha1'], default: `ASA IKEv2 default integrity SHA-1 (${U5})` },
      dh: { value: ['modp1024'], default: `ASA IKEv2 default group 2 (${U5})` },
      auth: { value: 'psk', default: 'IKEv2 authentication is set in the tunnel group' },
      lifetime: { value: 86400, default: 'ASA default IKEv2 lifetime 86400 s' },
    };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const a = this.args(c);
      const conv = (table: Record<string, string>, what: string) => this.convertArgs(a, table, `IKEv2 ${what}`);
      if (c.path[0] === 'encryption') p.encryption = { value: conv(ASA_IKEV2_ENC, 'encryption algorithm'), range: c.range };
      else if (c.path[0] === 'integrity') p.hash = { value: conv(ASA_IKEV2_INTEG, 'integrity algorithm'), range: c.range };
      else if (c.path[0] === 'group') {
        const out: string[] = [];
        for (const t of a) {
          if (model.DH_GROUPS[t.text]) out.push(model.DH_GROUPS[t.text]);
          else this.error(t, 'syntax/invalid-value', `'${t.text}' is not a Diffie-Hellman group number`);
        }
        p.dh = { value: out, range: c.range };
      } else if (c.path[0] === 'lifetime' && this.lw(a[0]) === 'seconds') {
        const v = this.int(a[1], c, 120, 2147483647, 'lifetime in seconds');
        if (v !== undefined) p.lifetime = { value: v, range: c.range };
      }
    }
    this.ikev2Policies.push(p);
  }

  protected lowerAsaTransformSet(node: IosNode): void {
    const a = this.args(node);
    const name = a[0];
    if (!name) return this.missing(node, 'a transform-set name');
    if (this.lw(a[1]) === 'mode') {
      // `crypto ipsec ikev1 transform-set NAME mode transport` is its own line on the ASA.
      const ts = this.transformSets.get(name.text);
      const m = expandKeyword(a[2]?.text, ['tunnel', 'transport']);
      this.defTokens.add(name.start);
      if (!m) return a[2] ? this.error(a[2], 'syntax/invalid-value', `'${a[2].text}' is not an IPsec mode`) : this.missing(node, '`tunnel` or `transport`');
      if (ts) {
        ts.proposal.mode = { value: m as 'tunnel' | 'transport', range: node.range };
        if (this.setters) ts.proposal.mode.set = (v) => [this.replaceLine(node, `${node.words.slice(0, node.path.length + 2).map((w) => w.text).join(' ')} ${v}`)];
      }
      return;
    }
    this.define('transform-set', name.text, name, node.range);
    const toks = a.slice(1);
    const p = this.parseTransforms(toks, node, `crypto ipsec ikev1 transform-set ${name.text}`, 'asa');
    if (!p) return;
    if (this.setters) {
      const prefix = node.words.slice(0, node.path.length + 1).map((w) => w.text).join(' ');
      p.mode.set = (v) => [this.insertAfter(node, [`${prefix} mode ${v}`])];
    }
    this.transformSets.set(name.text, { proposal: p, node, transforms: toks });
  }

  protected lowerIpsecProposal(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a proposal name');
    this.define('ipsec-proposal', name.text, name, node.range);
    const prop: IpsecProposal = {
      node,
      proposal: {
        label: `crypto ipsec ikev2 ipsec-proposal ${name.text}`,
        range: node.range,
        protocol: { value: 'esp', default: 'ESP' },
        encryption: { value: [], default: 'no `protocol esp encryption` configured' },
        integrity: { value: ['none'], default: 'no `protocol esp integrity` configured' },
        mode: { value: 'tunnel', default: 'ASA default `mode tunnel`' },
      },
    };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const a = this.args(c);
      const table = c.path[2] === 'encryption' ? ASA_IKEV2_ENC : c.path[2] === 'integrity' ? ASA_ESP_INTEG : undefined;
      if (!table) continue;
      if (!a.length) {
        this.missing(c, 'at least one algorithm');
        continue;
      }
      const out: string[] = [];
      for (const t of a) {
        const v = table[t.text.toLowerCase()];
        if (v) out.push(v);
        else this.error(t, 'syntax/invalid-value', `'${t.text}' is not an ESP ${c.path[2]} algorithm`);
      }
      if (c.path[2] === 'encryption') {
        prop.proposal.encryption = { value: out, range: c.range };
        prop.encNode = c;
      } else {
        prop.proposal.integrity = { value: out, range: c.range };
        prop.integNode = c;
      }
    }
    this.ipsecProposals.set(name.text, prop);
  }

  protected lowerAsaCryptoMap(node: IosNode, dynamic: boolean): void {
    const a = this.args(node);
    const name = a[0];
    if (!name) return this.missing(node, 'a crypto map name');
    if (!dynamic && this.lw(a[1]) === 'interface') {
      const ifTok = a[2];
      if (!ifTok) return this.missing(node, 'an interface name (nameif)');
      this.ref('crypto-map', name);
      this.ref('nameif', ifTok);
      const itf = this.interfaces.find((i) => i.itf.nameif === ifTok.text);
      if (itf && !itf.itf.cryptoMap) itf.itf.cryptoMap = { value: name.text, range: { start: name.start, end: name.end } };
      else if (!itf) this.pendingMapInterfaces.push({ map: name.text, ifName: ifTok.text, token: name });
      return;
    }
    if (!a[1]) return this.missing(node, 'a sequence number');
    if (!/^\d+$/.test(a[1].text)) {
      if (['client', 'isakmp', 'redundancy'].includes(this.lw(a[1]))) return;
      return this.error(a[1], 'syntax/invalid-value', `'${a[1].text}' is not a crypto map sequence number`);
    }
    const key = `${dynamic ? 'd' : 's'}\u0000${name.text}\u0000${a[1].text}`;
    let entry = this.asaEntries.get(key);
    if (!entry) {
      entry = { name: name.text, seq: Number(a[1].text), dynamic, node, lastNode: node, nameToken: name, peers: [], transformSets: [], ikev2Proposals: [], ranges: [] };
      this.asaEntries.set(key, entry);
      this.mapEntries.push(entry);
      this.define(dynamic ? 'dynamic-map' : 'crypto-map', name.text, name, node.range);
    } else {
      this.defTokens.add(name.start);
      this.singleDefs.get(dynamic ? 'dynamic-map' : 'crypto-map')!.get(name.text)!.fullRange.end = node.range.end;
    }
    entry.lastNode = node;
    entry.ranges.push(node.range);
    const rest = a.slice(2);
    const w = rest.map((t) => t.text.toLowerCase());
    if (w[0] === 'match' && w[1] === 'address') {
      if (!rest[2]) return this.missing(node, 'an ACL name');
      entry.acl = { name: rest[2].text, range: rest[2] };
      this.ref('acl', rest[2]);
    } else if (w[0] === 'ipsec-isakmp' && w[1] === 'dynamic') {
      if (!rest[2]) return this.missing(node, 'a dynamic map name');
      entry.dynamicMap = rest[2].text;
      this.ref('dynamic-map', rest[2]);
    } else if (w[0] === 'set') {
      const what = w[1];
      if (what === 'peer') {
        if (!rest[2]) return this.missing(node, 'a peer address');
        for (const t of rest.slice(2)) {
          const addr = /^[\d.]+$/.test(t.text) ? this.address(t, node) : t.text;
          if (addr) entry.peers.push(this.setters ? { value: addr, range: t, set: (v) => [this.edit(t, v)] } : { value: addr, range: t });
        }
      } else this.asaSet(rest, node, entry, true);
    }
  }

  /**
   * A `set …` command of a crypto map entry or of a VTI's IPsec profile, the same words on the ASA (`set` is
   * `words[0]`): `set ikev1 transform-set T…` (`set transform-set T…`, ASA 8.2, on a map entry only: `legacy`),
   * `set ikev2 ipsec-proposal P…`, `set pfs [groupN]` (alone: group 2), `set security-association lifetime seconds N`.
   */
  protected asaSet(words: Token[], node: IosNode, target: Pick<MapEntry, 'transformSets' | 'pfs' | 'lifetime'> & { ikev2Proposals?: string[] }, legacy: boolean): void {
    const w = words.map((t) => this.lw(t));
    const what = w[1];
    if ((what === 'ikev1' && w[2] === 'transform-set') || (legacy && what === 'transform-set')) {
      const names = words.slice(what === 'ikev1' ? 3 : 2);
      if (!names.length) return this.missing(node, 'a transform-set name');
      for (const t of names) {
        target.transformSets.push({ name: t.text, range: t, node, tokens: names });
        this.ref('transform-set', t);
      }
    } else if (what === 'ikev2' && w[2] === 'ipsec-proposal') {
      const names = words.slice(3);
      if (!names.length) return this.missing(node, 'an IPsec proposal name');
      for (const t of names) {
        target.ikev2Proposals?.push(t.text);
        this.ref('ipsec-proposal', t);
      }
    } else if (what === 'pfs') {
      const g = w[2];
      const m = g ? /^group(\d+)$/.exec(g) : undefined;
      if (!g) target.pfs = { value: 'modp1024', node, range: node.range };
      else if (m && model.DH_GROUPS[m[1]]) target.pfs = { value: model.DH_GROUPS[m[1]], node, range: node.range };
      else this.error(words[2], 'syntax/invalid-value', `'${words[2].text}' is not a PFS group (group1, group2, group5, group14, …)`);
    } else if (what === 'security-association' && w[2] === 'lifetime') {
      const si = w.indexOf('seconds');
      if (si >= 0) {
        const v = this.int(words[si + 1], node, 120, 2147483647, 'lifetime in seconds');
        if (v !== undefined) target.lifetime = { value: v, range: node.range };
      }
    }
  }

  protected pendingMapInterfaces: { map: string; ifName: string; token: Token }[] = [];

  protected lowerTunnelGroup(node: IosNode): void {
    const a = this.args(node);
    const name = a[0];
    if (!name) return this.missing(node, 'a tunnel-group name');
    const what = this.lw(a[1]);
    let tg = this.tunnelGroups.get(name.text);
    if (!tg) {
      tg = { name: name.text, keys: [], lastNode: node };
      this.tunnelGroups.set(name.text, tg);
    }
    tg.lastNode = node;
    const builtin = /^Default(L2L|RA|WEBVPN)Group$/.test(name.text);
    if (what === 'type') {
      if (!a[2]) return this.missing(node, 'a tunnel-group type');
      tg.type = this.lw(a[2]);
      // Used by the platform: L2L groups by peer address, remote-access groups by the name clients send.
      this.define('tunnel-group', name.text, name, node.range, { implicitlyUsed: true });
      return;
    }
    if (!what) return this.missing(node, '`type` or an attributes keyword');
    if (builtin) this.defTokens.add(name.start);
    else this.ref('tunnel-group', name);
    if (what === 'general-attributes') {
      for (const c of node.children) {
        if (c.kind !== 'IosCommand' || c.negated) continue;
        const ca = this.args(c);
        if (c.path[0] === 'address-pool') for (const t of ca) if (!t.text.startsWith('(')) this.ref('pool', t);
        if (c.path[0] === 'default-group-policy' && ca[0] && ca[0].text !== 'DfltGrpPolicy') this.ref('group-policy', ca[0]);
      }
    } else if (what === 'ipsec-attributes') {
      for (const c of node.children) {
        if (c.kind !== 'IosCommand' || c.negated) continue;
        const k = this.key(c);
        const ca = this.args(c);
        let version: 1 | 2 | undefined;
        let keyTok: Token | undefined;
        let typeTok: Token | undefined;
        if (k === 'ikev1 pre-shared-key' || k === 'pre-shared-key') {
          version = 1;
          if (ca.length > 1 && /^\d$/.test(ca[0].text)) typeTok = ca[0];
          keyTok = ca[typeTok ? 1 : 0];
        } else if (k === 'ikev2 remote-authentication' || k === 'ikev2 local-authentication') {
          if (this.lw(ca[0]) !== 'pre-shared-key') continue;
          version = 2;
          if (ca.length > 2 && /^\d$/.test(ca[1].text)) typeTok = ca[1];
          keyTok = ca[typeTok ? 2 : 1];
          if (k === 'ikev2 local-authentication') continue; // the key we send; the peer checks it
        }
        if (!version) continue;
        if (!keyTok) {
          this.missing(c, 'a key');
          continue;
        }
        const kt = keyTok;
        const first = typeTok ?? keyTok;
        const secret: model.Secret = kt.text === '*****' ? { kind: 'masked', range: { start: kt.start, end: kt.end } } : typeTok?.text === '8' ? { kind: 'type6', range: { start: kt.start, end: kt.end } } : { kind: 'plain', plain: kt.text, range: { start: kt.start, end: kt.end } };
        const peer = model.isAddress(name.text) ? model.canonicalPrefix(name.text)! : name.text === 'DefaultL2LGroup' ? '0.0.0.0/0' : name.text;
        const key: model.PresharedKey = { peer, secret, range: c.range };
        if (this.setters) key.set = (v) => [this.edit({ start: first.start, end: kt.end }, v)];
        tg.keys.push({ version, key, node: c });
        this.device.keys.push(key);
      }
    }
  }

  protected lowerGroupPolicy(node: IosNode): void {
    const a = this.args(node);
    const name = a[0];
    if (!name) return this.missing(node, 'a group-policy name');
    const what = this.lw(a[1]);
    if (what === 'internal' || what === 'external') {
      this.define('group-policy', name.text, name, node.range);
      return;
    }
    if (what !== 'attributes') return;
    if (name.text !== 'DfltGrpPolicy') this.ref('group-policy', name);
    else this.defTokens.add(name.start);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const ca = this.args(c);
      const k = c.path[0];
      if ((k === 'split-tunnel-network-list' || k === 'vpn-filter') && this.lw(ca[0]) === 'value') {
        if (!ca[1]) this.missing(c, 'an ACL name');
        else this.ref('acl', ca[1]);
      } else if (k === 'address-pools' && this.lw(ca[0]) === 'value') for (const t of ca.slice(1)) this.ref('pool', t);
    }
  }

  protected lowerAsaAccessList(node: IosNode): void {
    // The words are read in place (a run of the store): a token is made only for the name and what is reported.
    const a = new WordRun(node, node.path.length);
    const name = a.tok(0);
    if (!name) return this.missing(node, 'an access-list name');
    let i = 1;
    if (a.lw(i) === 'line') i += 2;
    const info = this.aclInfo(name, node);
    const kw = a.lw(i);
    if (kw === 'remark') {
      info.acl.flavours.add('remark');
      return;
    }
    if (kw === 'webtype' || kw === 'ethertype') {
      info.acl.flavours.add(kw);
      return;
    }
    if (!kw) return this.missing(node, '`extended`, `standard` or `remark`');
    let flavour: 'standard' | 'extended' = 'extended';
    if (kw === 'standard' || kw === 'extended') {
      flavour = kw;
      i++;
    }
    const act = a.lw(i);
    if (act !== 'permit' && act !== 'deny') {
      if (!a.has(i)) return this.missing(node, '`permit` or `deny`');
      return this.error(a.tok(i)!, 'syntax/invalid-value', `'${a.text(i)}' is not \`permit\` or \`deny\``);
    }
    this.aclEntry(info, node, act, a.sub(i + 1), flavour, 'mask');
  }

  /** `access-group ACL in|out interface NAMEIF` (apart from `global`: its closure would make a context per line). */
  protected lowerAccessGroup(node: IosNode): void {
    const a = this.args(node);
    this.ref('acl', a[0]);
    const i = a.findIndex((t) => this.lw(t) === 'interface');
    if (i >= 0) this.ref('nameif', a[i + 1]);
  }

  protected lowerCapture(node: IosNode): void {
    const a = this.args(node);
    if (!a[0]) return this.missing(node, 'a capture name');
    for (let i = 1; i < a.length; i++) {
      const l = this.lw(a[i]);
      if (l === 'access-list') {
        if (!a[i + 1]) return this.missing(node, 'an ACL name');
        this.ref('acl', a[i + 1]);
        this.captures.push({ acl: a[i + 1], node });
        i++;
      } else if (l === 'interface') {
        if (!a[i + 1]) return this.missing(node, 'an interface name');
        this.ref('nameif', a[i + 1]);
        i++;
      } else if (l === 'match') break;
    }
  }

  // ------------------------------------------------------------------ peers

  protected groupKey(name: string, version: 1 | 2): model.PresharedKey | undefined {
    return this.tunnelGroups.get(name)?.keys.find((k) => k.version === version)?.key;
  }

  protected override selectKeyFor(remote: string | undefined, e: MapEntry | undefined, ikeVersion: 1 | 2): model.PresharedKey | undefined {
    if (remote) {
      for (const [name] of this.tunnelGroups) if (model.sameAddress(name, remote)) return this.groupKey(name, ikeVersion);
      return this.groupKey('DefaultL2LGroup', ikeVersion);
    }
    void e;
    for (const [name, tg] of this.tunnelGroups) if (tg.type === 'remote-access' && this.groupKey(name, ikeVersion)) return this.groupKey(name, ikeVersion);
    return this.groupKey('DefaultL2LGroup', ikeVersion) ?? this.groupKey('DefaultRAGroup', ikeVersion);
  }

  protected override exchangeMode(e: MapEntry): model.Value<'main' | 'aggressive'> {
    if (e.dynamic && [...this.tunnelGroups.values()].some((t) => t.type === 'remote-access') && !this.tunnelGroups.has('DefaultL2LGroup')) {
      return { value: 'aggressive', default: 'ASA: IKEv1 remote-access clients with pre-shared keys use aggressive mode (the group name is their identity)' };
    }
    return { value: 'main', default: 'ASA: main mode for site-to-site peers keyed by address' };
  }

  protected override phase1List(ikeVersion: 1 | 2): model.Phase1Proposal[] {
    if (ikeVersion === 2) {
      this.ikev2Sorted ??= this.ikev2Policies.slice().sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
      return this.ikev2Sorted;
    }
    return super.phase1List(1);
  }

  protected override phase2ForEntry(e: MapEntry): model.Phase2Proposal[] {
    return this.phase2Of2(e.transformSets, e.ikev2Proposals);
  }

  /** Phase 2 of a crypto map entry or a VTI's profile: its IKEv1 transform sets, else its IKEv2 IPsec proposals. */
  protected phase2Of2(transformSets: MapEntry['transformSets'], ikev2Proposals: readonly string[]): model.Phase2Proposal[] {
    if (transformSets.length || !ikev2Proposals.length) return this.phase2Of(transformSets);
    return ikev2Proposals.map((n) => this.ipsecProposals.get(n)?.proposal).filter((p): p is model.Phase2Proposal => !!p);
  }

  protected override lifetimeValue(l: MapEntry['lifetime']): model.Value<number> {
    if (l) return { value: l.value, range: l.range };
    if (this.globalP2Lifetime) return { value: this.globalP2Lifetime.value, range: this.globalP2Lifetime.range };
    return { value: 28800, default: 'ASA default phase-2 lifetime 28800 s (unconfirmed)' };
  }

  protected override renderTransforms(enc: string, integ: string): string | undefined {
    return asaTransforms(enc, integ);
  }

  protected override phase2SetterForEntry(e: MapEntry): model.IpsecPeer['setPhase2'] {
    return this.phase2Setter2(e.transformSets, e.ikev2Proposals);
  }

  protected phase2Setter2(transformSets: MapEntry['transformSets'], ikev2Proposals: readonly string[]): model.IpsecPeer['setPhase2'] {
    if (transformSets.length || !ikev2Proposals.length) return this.phase2Setter(transformSets);
    const prop = this.ipsecProposals.get(ikev2Proposals[0]);
    if (!prop) return undefined;
    return (v) => {
      const enc = Object.entries(ASA_IKEV2_ENC).find(([, c]) => c === v.encryption)?.[0];
      const integ = Object.entries(ASA_ESP_INTEG).find(([, c]) => c === v.integrity)?.[0];
      if (!enc || !integ) return undefined;
      return [...this.setSub(prop.node, prop.encNode, `protocol esp encryption ${enc}`), ...this.setSub(prop.node, prop.integNode, `protocol esp integrity ${integ}`)];
    };
  }

  protected override entryPfsSetter(e: MapEntry): model.Setter<string> {
    const prefix = `${e.dynamic ? 'crypto dynamic-map' : 'crypto map'} ${e.name} ${e.seq}`;
    return (v) => {
      if (v === 'none') return e.pfs ? [this.deleteLine(e.pfs.node)] : [];
      const n = model.DH_NUMBERS[v];
      if (!n) return undefined;
      const line = `${prefix} set pfs group${n}`;
      return e.pfs ? [this.replaceLine(e.pfs.node, line)] : [this.insertAfter(e.lastNode, [line])];
    };
  }

  /** A tunnel group for `remote` with the key in the form the peer's IKE version reads (IKEv2: both directions). */
  protected override addPskFor(remote: string, e: MapEntry | undefined, ikeVersion?: 1 | 2): model.Setter<string> {
    const v = ikeVersion ?? (e && e.ikev2Proposals.length && !e.transformSets.length ? 2 : 1);
    return (k) => {
      let anchor: IosNode | undefined;
      for (const tg of this.tunnelGroups.values()) if (!anchor || tg.lastNode.range.end > anchor.range.end) anchor = tg.lastNode;
      anchor ??= this.globalInsertPoint();
      const keyLines = v === 2 ? [` ikev2 remote-authentication pre-shared-key ${k}`, ` ikev2 local-authentication pre-shared-key ${k}`] : [` ikev1 pre-shared-key ${k}`];
      const lines = [`tunnel-group ${remote} type ipsec-l2l`, `tunnel-group ${remote} ipsec-attributes`, ...keyLines];
      if (!anchor) return [this.edit({ start: this.text.length, end: this.text.length }, lines.join(this.eol) + this.eol)];
      return [this.insertAfter(anchor, lines)];
    };
  }

  protected override finish(): void {
    // `tunnel source interface NAMEIF`: the source is that interface (its address is resolved as on IOS).
    for (const p of this.pendingTunnelSources) {
      const src = this.interfaces.find((i) => i.itf.nameif === p.nameif.text);
      const t = p.info.itf.tunnel;
      if (!src || !t) continue;
      t.sourceInterface = src.itf.name;
      p.info.tunnelSourceRef = { name: src.itf.name, token: p.nameif };
    }
    for (const p of this.pendingMapInterfaces) {
      const itf = this.interfaces.find((i) => i.itf.nameif === p.ifName);
      if (itf && !itf.itf.cryptoMap) itf.itf.cryptoMap = { value: p.map, range: { start: p.token.start, end: p.token.end } };
    }
    super.finish();
    for (const c of this.captures) {
      const acl = this.acls.get(c.acl.text);
      if (acl && acl.acl.flavours.has('standard') && acl.acl.flavours.has('extended')) {
        const r: TextRange = { start: c.acl.start, end: c.acl.end };
        this.error(
          r,
          'asa/capture-mixed-acl',
          `access-list '${c.acl.text}' mixes standard and extended entries; the ASA refuses it for captures ("Capture doesn't support access-list containing mixed policies"). Use an extended-only list or an inline \`match\` filter`,
          'warning',
        );
      }
    }
  }
}

/** Lowers an ASA parse into a device. */
export function lowerAsa(parsed: ParseResult<IosNode>, uri: string): { device: model.Device; diagnostics: import('../../syntax').SyntaxDiagnostic[] } {
  return new AsaLowering(parsed, uri).run();
}

export { asaEncryptionKeyword };
