// IOS/ASA lowering, IKE: IKEv1 isakmp policies, keys, keyrings and isakmp profiles; IKEv2 proposals, policies,
// keyrings and profiles; pre-shared key selection by peer address; phase-1 lists and setters.

import * as model from '../../../model';
import type { Token } from '../../../syntax';
import { expandKeyword } from '../catalog';
import type { IosNode } from '../parser';
import { IOS_P1_ENC, IOS_P1_HASH, P1_AUTH, IKEV2_ENC, IKEV2_INTEG, iosEncryptionKeyword, iosHashKeyword, looksNumericAddress, asaEncryptionKeyword } from './tables';
import type { Phase1Info } from './core';
import { IosOspfLowering } from './ospf';

/** One direction's IKEv2 key (`pre-shared-key [local|remote] …`, `authentication … pre-share key …`). */
interface Ikev2KeyPart {
  secret: model.Secret;
  range: model.PresharedKey['range'];
  set?: model.Setter<string>;
}

/** What an IKEv2 profile says about keys, authentication and the IKE SA. */
interface Ikev2ProfileInfo {
  keyring?: string;
  localKey?: Ikev2KeyPart;
  remoteKey?: Ikev2KeyPart;
  authLocal?: string;
  authRemote?: string;
  lifetime?: { value: number; range: model.PresharedKey['range'] };
}

/** An IKEv2 policy: the local addresses it matches (none: any) and its proposals in order. */
interface Ikev2PolicyInfo {
  local: string[];
  proposals: string[];
}


/** Keys of one group by family, then prefix length (longest first) and network (the first key of each wins). */
interface KeyIndex {
  v4: { lengths: number[]; byLength: Map<number, Map<bigint, model.PresharedKey>> };
  v6: { lengths: number[]; byLength: Map<number, Map<bigint, model.PresharedKey>> };
  /** The first `/0` key of either family: what a peer without an address (a dynamic map) uses. */
  catchAll?: model.PresharedKey;
}

export abstract class IosIkeLowering extends IosOspfLowering {
  protected iosIkev2Policies: Ikev2PolicyInfo[] = [];
  protected ikev2Profiles = new Map<string, Ikev2ProfileInfo>();

  // ------------------------------------------------------------------ IKE phase 1

  protected lowerIsakmpPolicy(node: IosNode): void {
    const prio = this.int(this.arg(node, 0), node, 1, 65535, 'policy priority');
    if (prio === undefined) return;
    const children = new Map<string, IosNode>();
    let enc: model.Value<string[]> = { value: ['des'], default: 'IOS default when `encryption` is absent: DES [S8]' };
    let hash: model.Value<string[]> = { value: ['sha1'], default: 'IOS default when `hash` is absent: SHA-1 [S8]' };
    let auth: model.Phase1Proposal['auth'] = { value: 'rsa-sig', default: 'IOS default when `authentication` is absent: rsa-sig [S8]' };
    let dh: model.Value<string[]> = { value: ['modp768'], default: 'IOS default when `group` is absent: group 1 (modp768) [S8]' };
    let life: model.Value<number> = { value: 86400, default: 'IOS default when `lifetime` is absent: 86400 s [S8]' };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const k = c.path[0];
      const a = this.args(c);
      if (!k) continue;
      children.set(k, c);
      if (k === 'encryption') {
        if (!a.length) this.missing(c, 'an algorithm');
        else {
          const kw = [this.lw(a[0]), ...(a[1] ? [a[1].text] : [])].join(' ');
          const v = IOS_P1_ENC[kw] ?? (a.length === 1 ? IOS_P1_ENC[expandKeyword(a[0].text, ['des', '3des', 'aes']) ?? ''] : undefined);
          if (v) enc = { value: [v], range: c.range };
          else this.error({ start: a[0].start, end: a[a.length - 1].end }, 'syntax/invalid-value', `'${kw}' is not an IKEv1 encryption algorithm (des, 3des, aes [128|192|256])`);
        }
      } else if (k === 'hash') {
        const v = a[0] ? IOS_P1_HASH[expandKeyword(a[0].text, Object.keys(IOS_P1_HASH)) ?? ''] : undefined;
        if (!a[0]) this.missing(c, 'a hash algorithm');
        else if (v) hash = { value: [v], range: c.range };
        else this.error(a[0], 'syntax/invalid-value', `'${a[0].text}' is not an IKEv1 hash (md5, sha, sha256, sha384, sha512)`);
      } else if (k === 'authentication') {
        const v = a[0] ? P1_AUTH[expandKeyword(a[0].text, Object.keys(P1_AUTH)) ?? ''] : undefined;
        if (!a[0]) this.missing(c, 'an authentication method');
        else if (v) auth = { value: v, range: c.range };
        else this.error(a[0], 'syntax/invalid-value', `'${a[0].text}' is not an IKEv1 authentication method`);
      } else if (k === 'group') {
        if (!a[0]) this.missing(c, 'a DH group number');
        else if (model.DH_GROUPS[a[0].text]) dh = { value: [model.DH_GROUPS[a[0].text]], range: c.range };
        else this.error(a[0], 'syntax/invalid-value', `'${a[0].text}' is not a Diffie-Hellman group number`);
      } else if (k === 'lifetime') {
        const v = this.int(a[0], c, 60, 86400, 'lifetime in seconds');
        if (v !== undefined) life = { value: v, range: c.range };
      }
    }
    const p: model.Phase1Proposal = { label: `crypto isakmp policy ${prio}`, range: node.range, priority: prio, encryption: enc, hash, dh, auth, lifetime: life };
    if (this.setters) this.attachPhase1Setters(p, node, children, 'ios');
    this.phase1.push({ proposal: p, node, children });
  }

  protected attachPhase1Setters(p: model.Phase1Proposal, node: IosNode, children: Map<string, IosNode>, style: 'ios' | 'asa'): void {
    const encKw = (c: string) => (style === 'ios' ? iosEncryptionKeyword(c) : asaEncryptionKeyword(c));
    p.encryption.set = (v) => {
      const kw = v[0] && encKw(v[0]);
      return kw ? this.setSub(node, children.get('encryption'), `encryption ${kw}`) : undefined;
    };
    p.hash.set = (v) => {
      const kw = v[0] && iosHashKeyword(v[0]);
      return kw ? this.setSub(node, children.get('hash'), `hash ${kw}`) : undefined;
    };
    p.dh.set = (v) => {
      const n = v[0] && model.DH_NUMBERS[v[0]];
      return n ? this.setSub(node, children.get('group'), `group ${n}`) : undefined;
    };
    p.lifetime.set = (v) => this.setSub(node, children.get('lifetime'), `lifetime ${v}`);
  }

  protected lowerIsakmpKey(node: IosNode): void {
    const a = this.args(node);
    let i = 0;
    let typeTok: Token | undefined;
    if (a.length > 1 && /^[067]$/.test(a[0].text) && !['address', 'hostname'].includes(this.lw(a[1]))) {
      typeTok = a[0];
      i = 1;
    }
    const keyTok = a[i];
    if (!keyTok || ['address', 'hostname'].includes(this.lw(keyTok))) return this.missing(node, 'a key');
    const how = this.lw(a[i + 1]);
    let peer: string | undefined;
    if (how === 'address') {
      // `address ipv6 PREFIX/LEN` for IPv6 peers.
      const at = this.lw(a[i + 2]) === 'ipv6' ? a[i + 3] : a[i + 2];
      if (at && at.text.includes(':')) peer = model.canonicalPrefix(at.text) ?? at.text;
      else {
        const addr = this.address(at, node);
        if (!addr) return;
        const maskTok = a[i + 3];
        let len = wildcardDefaultLength(addr);
        if (maskTok && looksNumericAddress(maskTok.text)) {
          const l = this.mask(maskTok, node);
          if (l === undefined) return;
          len = l;
        }
        peer = model.networkOf(addr, len);
      }
    } else if (how === 'hostname') {
      const h = a[i + 2];
      if (!h) return this.missing(node, 'a host name');
      peer = h.text;
    } else return this.missing(node, '`address A [MASK]` or `hostname H`');
    if (!peer) return;
    const secret = this.secretFrom(typeTok, keyTok);
    const first = typeTok ?? keyTok;
    const key: model.PresharedKey = { peer, secret, range: node.range };
    if (this.setters) key.set = (v) => [this.edit({ start: first.start, end: keyTok.end }, v)];
    this.keys.push({ key });
    this.device.keys.push(key);
  }

  protected lowerKeyring(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a keyring name');
    this.define('keyring', name.text, name, node.range, { implicitlyUsed: true });
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0] !== 'pre-shared-key') continue;
      const a = this.args(c);
      const how = this.lw(a[0]);
      const ki = a.findIndex((t) => this.lw(t) === 'key');
      if (ki < 0 || !a[ki + 1]) {
        this.missing(c, '`key KEY`');
        continue;
      }
      let typeTok: Token | undefined;
      let keyTok = a[ki + 1];
      if (a.length > ki + 2 && /^[067]$/.test(keyTok.text)) {
        typeTok = keyTok;
        keyTok = a[ki + 2];
      }
      let peer: string | undefined;
      if (how === 'address') {
        const addr = this.address(a[1], c);
        if (!addr) continue;
        let len = wildcardDefaultLength(addr);
        if (a[2] && ki > 2 && looksNumericAddress(a[2].text)) {
          const l = this.mask(a[2], c);
          if (l === undefined) continue;
          len = l;
        }
        peer = model.networkOf(addr, len);
      } else if (how === 'hostname') peer = a[1]?.text;
      if (!peer) continue;
      const first = typeTok ?? keyTok;
      const kt = keyTok;
      const key: model.PresharedKey = { peer, secret: this.secretFrom(typeTok, keyTok), range: c.range };
      if (this.setters) key.set = (v) => [this.edit({ start: first.start, end: kt.end }, v)];
      this.keys.push({ key, keyring: name.text });
      this.device.keys.push(key);
    }
  }

  protected lowerIsakmpProfile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    const prof: { keyring?: string } = {};
    let byIdentity = false;
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      if (c.path[0] === 'keyring') {
        const k = this.arg(c, 0);
        if (k) {
          prof.keyring = k.text;
          this.ref('keyring', k);
        }
      } else if (c.path[0] === 'match' && (c.path[1] === 'identity' || this.lw(this.arg(c, 0)) === 'identity')) byIdentity = true;
    }
    // A responder selects the ISAKMP profile whose `match identity` covers the peer's identity: used without a reference.
    this.define('isakmp-profile', name.text, name, node.range, byIdentity ? { implicitlyUsed: true } : {});
    this.isakmpProfiles.set(name.text, prof);
  }

  // ------------------------------------------------------------------ IKEv2

  /**
   * IKEv2 Smart Defaults: with no `crypto ikev2 policy` configured IOS uses its built-in `default` policy (any local
   * address, any front-door VRF) offering the built-in `default` proposal, and a configured proposal that no policy
   * names is not used in negotiation (Cisco "FlexVPN and Internet Key Exchange Version 2 Configuration Guide",
   * sections "IKEv2 Smart Defaults" and "IKEv2 Proposal"). The default proposal differs per release, as
   * `show crypto ikev2 proposal default` prints it: IOS 15.x AES-CBC-256/192/128, integrity and PRF
   * SHA-512/384/256/SHA-1/MD5, DH groups 5 and 2; IOS-XE 16.x/17.x AES-CBC-256, integrity and PRF SHA-512/384,
   * DH groups 19, 14, 21 and 5. The config's `version` line picks the list; without one, the newer list.
   */
  protected ikev2SmartDefault(): model.Phase1Proposal {
    const v = this.device.platformVersion;
    const major = v ? Number(/^(\d+)/.exec(v)?.[1] ?? NaN) : NaN;
    const old = major < 16;
    const src = '(IKEv2 Smart Defaults, Cisco FlexVPN and IKEv2 Configuration Guide)';
    const why = old ? `IOS ${v} IKEv2 smart default proposal ${src}` : v ? `IOS-XE ${v} IKEv2 smart default proposal, as on IOS-XE 16 and later ${src}` : `IKEv2 smart default proposal of IOS-XE 16 and later: the config has no \`version\` line ${src}`;
    return {
      label: 'crypto ikev2 proposal default',
      encryption: { value: old ? ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128'] : ['aes-cbc-256'], default: why },
      hash: { value: old ? ['sha512', 'sha384', 'sha256', 'sha1', 'md5'] : ['sha512', 'sha384'], default: why },
      dh: { value: old ? ['modp1536', 'modp1024'] : ['ecp256', 'modp2048', 'ecp521', 'modp1536'], default: why },
      auth: { value: 'psk', default: 'IKEv2 authentication is set in the profile' },
      lifetime: { value: 86400, default: 'IOS default IKEv2 SA lifetime 86400 s' },
    };
  }

  protected lowerIkev2Proposal(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a proposal name');
    // `crypto ikev2 proposal default` edits the built-in proposal: what it does not set keeps the smart default.
    const base = name.text === 'default' ? this.ikev2SmartDefault() : undefined;
    this.define('ikev2-proposal', name.text, name, node.range, base ? { builtin: true } : {});
    let enc: model.Value<string[]> = base?.encryption ?? { value: [], default: 'no encryption configured' };
    let integ: model.Value<string[]> = base?.hash ?? { value: [], default: 'no integrity configured' };
    let prf: model.Value<string[]> | undefined;
    let dh: model.Value<string[]> = base?.dh ?? { value: [], default: 'no group configured' };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const a = this.args(c);
      const k = c.path[0];
      const conv = (table: Record<string, string>, what: string) => this.convertArgs(a, table, `IKEv2 ${what}`);
      if (k === 'encryption') enc = { value: conv(IKEV2_ENC, 'encryption algorithm'), range: c.range };
      else if (k === 'integrity') integ = { value: conv(IKEV2_INTEG, 'integrity algorithm'), range: c.range };
      else if (k === 'prf') prf = { value: conv(IKEV2_INTEG, 'PRF algorithm'), range: c.range };
      else if (k === 'group') {
        const out: string[] = [];
        for (const t of a) {
          if (model.DH_GROUPS[t.text]) out.push(model.DH_GROUPS[t.text]);
          else this.error(t, 'syntax/invalid-value', `'${t.text}' is not a Diffie-Hellman group number`);
        }
        dh = { value: out, range: c.range };
      }
    }
    // The PRF is negotiated too. Without `prf` IOS takes the integrity algorithms as PRFs; an AEAD (GCM) proposal has
    // no integrity algorithm and names its PRFs with `prf` (IOS-XE): those are then what both ends must share.
    const hash = integ.value.length || !prf ? integ : prf;
    this.ikev2Proposals.set(name.text, {
      label: `crypto ikev2 proposal ${name.text}`,
      range: node.range,
      encryption: enc,
      hash,
      dh,
      auth: { value: 'psk', default: 'IKEv2 authentication is set in the profile' },
      lifetime: { value: 86400, default: 'IOS default IKEv2 SA lifetime 86400 s' },
    });
  }

  protected lowerIkev2Policy(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a policy name');
    // Policies are selected by local address / front-door VRF: used without a reference.
    this.define('ikev2-policy', name.text, name, node.range, { implicitlyUsed: true });
    const pol: Ikev2PolicyInfo = { local: [], proposals: [] };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const a = this.args(c);
      if (c.path[0] === 'proposal') {
        if (!a.length) this.missing(c, 'a proposal name');
        for (const t of a) {
          pol.proposals.push(t.text);
          if (t.text !== 'default') this.ref('ikev2-proposal', t);
        }
      } else if (c.path[0] === 'match' && this.lw(a[0]) === 'address' && this.lw(a[1]) === 'local') {
        for (const t of a.slice(2)) {
          const ad = model.canonicalAddress(t.text);
          if (ad) pol.local.push(ad);
        }
      }
    }
    this.iosIkev2Policies.push(pol);
  }

  /** `[0|6|7] KEY` of a keyring key or an inline profile key. */
  protected ikev2KeyPart(a: Token[], c: IosNode): Ikev2KeyPart | undefined {
    let i = 0;
    let typeTok: Token | undefined;
    if (a.length > 1 && /^[067]$/.test(a[0].text)) typeTok = a[i++];
    const keyTok = a[i];
    if (!keyTok) {
      this.missing(c, 'a key');
      return undefined;
    }
    const first = typeTok ?? keyTok;
    const part: Ikev2KeyPart = { secret: this.secretFrom(typeTok, keyTok), range: c.range };
    if (this.setters) part.set = (v) => [this.edit({ start: first.start, end: keyTok.end }, v)];
    return part;
  }

  /** One key for a peer from its local and remote parts (`PresharedKey.remote` only when they differ). */
  protected ikev2Key(peer: string, local: Ikev2KeyPart | undefined, remote: Ikev2KeyPart | undefined): model.PresharedKey | undefined {
    const own = local ?? remote;
    if (!own) return undefined;
    const key: model.PresharedKey = { peer, secret: own.secret, range: own.range, set: own.set };
    if (remote && remote !== own) key.remote = { secret: remote.secret, range: remote.range, set: remote.set };
    return key;
  }

  /** `address A [MASK]` / `address A/LEN` of an IKEv2 keyring peer, as a canonical prefix. */
  protected ikev2PeerAddress(a: Token[], c: IosNode): string | undefined {
    const t = a[0];
    if (!t) {
      this.missing(c, 'an address');
      return undefined;
    }
    if (t.text.includes('/')) {
      const p = model.canonicalPrefix(t.text);
      if (!p) this.error(t, 'syntax/invalid-value', `'${t.text}' is not an address prefix`);
      return p;
    }
    const ad = t.text.includes(':') ? model.canonicalAddress(t.text) : this.address(t, c);
    if (!ad) return undefined;
    let len = ad.includes(':') ? 128 : 32;
    if (a[1] && looksNumericAddress(a[1].text)) len = this.mask(a[1], c) ?? len;
    return model.canonicalPrefix(`${ad}/${len}`) ?? ad;
  }

  protected lowerIkev2Keyring(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a keyring name');
    this.define('ikev2-keyring', name.text, name, node.range);
    for (const peer of node.children) {
      if (peer.kind !== 'IosCommand' || peer.negated || peer.path[0] !== 'peer') continue;
      let addr: string | undefined;
      let ident: string | undefined;
      let both: Ikev2KeyPart | undefined;
      let local: Ikev2KeyPart | undefined;
      let remote: Ikev2KeyPart | undefined;
      for (const c of peer.children) {
        if (c.kind !== 'IosCommand' || c.negated) continue;
        const a = this.args(c);
        if (c.path[0] === 'address') addr = this.ikev2PeerAddress(a, c) ?? addr;
        else if (c.path[0] === 'identity') {
          // A responder also finds the entry by the peer's IKE identity; stands in for the address when none is given.
          if (this.lw(a[0]) === 'address' && a[1]) ident = model.canonicalPrefix(a[1].text.includes('/') ? a[1].text : `${a[1].text}/${a[1].text.includes(':') ? 128 : 32}`) ?? ident;
          else if (a[1]) ident ??= a[1].text;
        } else if (c.path[0] === 'pre-shared-key') {
          const dir = this.lw(a[0]);
          const part = this.ikev2KeyPart(dir === 'local' || dir === 'remote' ? a.slice(1) : a, c);
          if (!part) continue;
          if (dir === 'local') local = part;
          else if (dir === 'remote') remote = part;
          else both = part;
        }
      }
      const key = this.ikev2Key(addr ?? ident ?? this.arg(peer, 0)?.text ?? '?', local ?? both, remote ?? both);
      if (!key) continue;
      this.keys.push({ key, keyring: name.text, ikev2: true });
      this.device.keys.push(key);
    }
  }

  protected lowerIkev2Profile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    this.define('ikev2-profile', name.text, name, node.range);
    const prof: Ikev2ProfileInfo = {};
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const a = this.args(c);
      const k = c.path[0];
      if (k === 'keyring') {
        if (this.lw(a[0]) === 'aaa') continue; // an AAA method list, not a keyring
        const t = this.lw(a[0]) === 'local' ? a[1] : a[0];
        if (!t) {
          this.missing(c, 'a keyring name');
          continue;
        }
        prof.keyring = t.text;
        this.ref('ikev2-keyring', t);
      } else if (k === 'authentication') {
        const dir = this.lw(a[0]);
        if (dir !== 'local' && dir !== 'remote') continue;
        const method = this.lw(a[1]);
        if (dir === 'local') prof.authLocal = method;
        else prof.authRemote = method;
        // `authentication local|remote pre-share key K` overrides the keyring for that direction.
        if (method === 'pre-share' && this.lw(a[2]) === 'key') {
          const part = this.ikev2KeyPart(a.slice(3), c);
          if (part && dir === 'local') prof.localKey = part;
          else if (part) prof.remoteKey = part;
        }
      } else if (k === 'lifetime') {
        const v = this.int(a[0], c, 120, 86400, 'lifetime in seconds');
        if (v !== undefined) prof.lifetime = { value: v, range: c.range };
      }
    }
    this.ikev2Profiles.set(name.text, prof);
  }

  /** The inline keys of `prof` applied over keyring key `base` (either may be missing). */
  protected withInlineKeys(base: model.PresharedKey | undefined, prof: Ikev2ProfileInfo, peer: string): model.PresharedKey | undefined {
    if (!prof.localKey && !prof.remoteKey) return base;
    const baseLocal: Ikev2KeyPart | undefined = base && { secret: base.secret, range: base.range, set: base.set };
    const baseRemote = base?.remote ?? baseLocal;
    return this.ikev2Key(base?.peer ?? peer, prof.localKey ?? baseLocal, prof.remoteKey ?? baseRemote);
  }

  /** The key an IKEv2 peer of profile `profName` uses for `remote`: its keyring's most specific entry, inline keys over it. */
  protected ikev2KeyFor(remote: string | undefined, profName: string | undefined): model.PresharedKey | undefined {
    const prof = profName !== undefined ? this.ikev2Profiles.get(profName) : undefined;
    if (!prof) return this.selectKey(remote, { ikev2: true });
    const base = prof.keyring !== undefined ? this.selectKey(remote, { keyring: prof.keyring, ikev2: true }) : undefined;
    return this.withInlineKeys(base, prof, '0.0.0.0/0');
  }

  private ikev2CandidateCache = new Map<string, model.PresharedKey[]>();
  /** The keys a wildcard IKEv2 responder of profile `profName` selects from (`IpsecPeer.keys`). */
  protected ikev2Candidates(profName: string | undefined): model.PresharedKey[] | undefined {
    const prof = profName !== undefined ? this.ikev2Profiles.get(profName) : undefined;
    if (!prof || profName === undefined) return undefined;
    let res = this.ikev2CandidateCache.get(profName);
    if (!res) {
      const list: model.PresharedKey[] = [];
      if (prof.keyring !== undefined) for (const k of this.keys) if (k.ikev2 && k.keyring === prof.keyring) list.push(k.key);
      res = [];
      for (const k of list) {
        const w = this.withInlineKeys(k, prof, k.peer);
        if (w) res.push(w);
      }
      if (!res.length) {
        const w = this.withInlineKeys(undefined, prof, '0.0.0.0/0');
        if (w) res.push(w);
      }
      this.ikev2CandidateCache.set(profName, res);
    }
    return res;
  }

  private ikev2SmartDefaultCache?: model.Phase1Proposal;
  /** Proposals the IKEv2 policies offer for local address `local` (the smart default when there is no policy). */
  protected ikev2PolicyProposals(local: string | undefined): model.Phase1Proposal[] {
    const dflt = () => this.ikev2Proposals.get('default') ?? (this.ikev2SmartDefaultCache ??= this.ikev2SmartDefault());
    if (!this.iosIkev2Policies.length) return [dflt()];
    const addr = local ? model.canonicalAddress(local) : undefined;
    let pols = addr ? this.iosIkev2Policies.filter((p) => p.local.includes(addr)) : [];
    if (!pols.length) pols = this.iosIkev2Policies.filter((p) => !p.local.length);
    // No policy for this local address would mean no proposal at all; the address may be seen wrongly (NAT, a
    // loopback source), so offer every policy's proposals rather than report a failure that may not be.
    if (!pols.length) pols = this.iosIkev2Policies;
    const res: model.Phase1Proposal[] = [];
    const seen = new Set<string>();
    for (const p of pols) {
      for (const n of p.proposals) {
        if (seen.has(n)) continue;
        seen.add(n);
        const pr = n === 'default' ? dflt() : this.ikev2Proposals.get(n);
        if (pr) res.push(pr);
      }
    }
    return res;
  }

  private ikev2Phase1Cache = new Map<string, model.Phase1Proposal[]>();
  /** Phase-1 proposals of an IKEv2 peer: the policy's proposals with the profile's lifetime and authentication. */
  protected ikev2Phase1(local: string | undefined, profName: string | undefined): model.Phase1Proposal[] {
    const cacheKey = `${profName ?? ''}\u0000${local ?? ''}`;
    let res = this.ikev2Phase1Cache.get(cacheKey);
    if (res) return res;
    const prof = profName !== undefined ? this.ikev2Profiles.get(profName) : undefined;
    // IKEv2 does not negotiate the SA lifetime: each end rekeys on its own (RFC 7296 §2.8).
    const lifetime: model.Value<number> = prof?.lifetime ? { value: prof.lifetime.value, range: prof.lifetime.range } : { value: 86400, default: 'IOS default IKEv2 SA lifetime 86400 s (`lifetime` of the IKEv2 profile)' };
    const methods = [prof?.authLocal, prof?.authRemote].filter((m): m is string => !!m);
    const auth: model.Phase1Proposal['auth'] =
      !methods.length || methods.includes('pre-share')
        ? { value: 'psk', default: 'IKEv2 authentication is set in the profile' }
        : { value: methods[0] === 'rsa-sig' ? 'rsa-sig' : 'other', default: `IKEv2 profile authentication ${methods.join('/')}` };
    res = this.ikev2PolicyProposals(local).map((p) => ({ ...p, lifetime, auth }));
    this.ikev2Phase1Cache.set(cacheKey, res);
    return res;
  }

  // ------------------------------------------------------------------ key selection, phase-1 lists

  /**
   * The most specific key covering `remote` (CIDR containment; the first of equally specific ones), optionally
   * restricted to one keyring; with no remote, the first catch-all (`/0`) key. Keys are indexed by family, prefix
   * length and network once per group (IKE version and keyring), so a peer costs one lookup per prefix length in use
   * instead of a pass over every key (a fuzzed file of 1,900 keys and 1,900 peers took seconds).
   */
  protected selectKey(remote: string | undefined, opts: { keyring?: string; ikev2?: boolean } = {}): model.PresharedKey | undefined {
    const index = this.keyIndex(!!opts.ikev2, opts.keyring);
    if (remote === undefined) return index.catchAll;
    const r = model.parsePrefix(remote);
    if (!r) return undefined;
    const fam = r.family === 4 ? index.v4 : index.v6;
    const width = r.family === 4 ? 32 : 128;
    for (const len of fam.lengths) {
      if (len > r.length) continue;
      const net = len === 0 ? 0n : (r.network >> BigInt(width - len)) << BigInt(width - len);
      const hit = fam.byLength.get(len)?.get(net);
      if (hit) return hit;
    }
    return undefined;
  }

  private keyIndexes = new Map<string, KeyIndex>();
  private keyIndexedCount = -1;

  /** The key index of one group (rebuilt when keys were added since: lowering adds them before peers are built). */
  private keyIndex(ikev2: boolean, keyring: string | undefined): KeyIndex {
    if (this.keyIndexedCount !== this.keys.length) {
      this.keyIndexes.clear();
      this.keyIndexedCount = this.keys.length;
    }
    const id = `${ikev2 ? 2 : 1}\u0000${keyring === undefined ? '*' : `=${keyring}`}`;
    let index = this.keyIndexes.get(id);
    if (index) return index;
    index = { v4: { lengths: [], byLength: new Map() }, v6: { lengths: [], byLength: new Map() } };
    for (const k of this.keys) {
      if (!!k.ikev2 !== ikev2) continue;
      if (keyring !== undefined && k.keyring !== keyring) continue;
      const p = model.parsePrefix(k.key.peer);
      if (!p) continue;
      if (p.length === 0 && !index.catchAll) index.catchAll = k.key;
      const fam = p.family === 4 ? index.v4 : index.v6;
      let nets = fam.byLength.get(p.length);
      if (!nets) {
        fam.byLength.set(p.length, (nets = new Map()));
        fam.lengths.push(p.length);
      }
      if (!nets.has(p.network)) nets.set(p.network, k.key);
    }
    index.v4.lengths.sort((a, b) => b - a);
    index.v6.lengths.sort((a, b) => b - a);
    this.keyIndexes.set(id, index);
    return index;
  }

  /** All phase-1 proposals of the device in priority order (shared by every peer; computed once). */
  protected phase1List(ikeVersion: 1 | 2): model.Phase1Proposal[] {
    let res = this.phase1Cache.get(ikeVersion);
    if (!res) {
      res = ikeVersion === 2 ? [...this.ikev2Proposals.values()] : this.sortedPhase1().map((p) => p.proposal);
      this.phase1Cache.set(ikeVersion, res);
    }
    return res;
  }

  protected sortedPhase1(): Phase1Info[] {
    this.sortedPhase1Cache ??= this.phase1.slice().sort((a, b) => (a.proposal.priority ?? 0) - (b.proposal.priority ?? 0));
    return this.sortedPhase1Cache;
  }

  protected phase1Setter(): model.IpsecPeer['setPhase1'] {
    if (!this.setters) return undefined;
    const first = this.sortedPhase1()[0];
    if (!first) return undefined;
    return (v) => {
      const edits: model.Edit[] = [];
      for (const e of [first.proposal.encryption.set?.([v.encryption]), first.proposal.hash.set?.([v.hash]), first.proposal.dh.set?.([v.dh])]) {
        if (!e) return undefined;
        for (const x of e) edits.push(x);
      }
      return edits;
    };
  }
}

/**
 * Prefix length of a key's `address A` written without a mask: a host, except `0.0.0.0`, which is the wildcard key
 * (IOS writes `crypto isakmp key K address 0.0.0.0 0.0.0.0` as `… address 0.0.0.0` in the running config, and
 * `show crypto isakmp key` lists it for every peer).
 */
function wildcardDefaultLength(addr: string): number {
  return addr === '0.0.0.0' ? 0 : 32;
}
