// IOS/ASA lowering, IKE: IKEv1 isakmp policies, keys, keyrings and isakmp profiles; IKEv2 proposals, policies,
// keyrings and profiles; pre-shared key selection by peer address; phase-1 lists and setters.

import * as model from '../../../model';
import type { Token } from '../../../syntax';
import { expandKeyword } from '../catalog';
import type { IosNode } from '../parser';
import { IOS_P1_ENC, IOS_P1_HASH, P1_AUTH, IKEV2_ENC, IKEV2_INTEG, iosEncryptionKeyword, iosHashKeyword, looksNumericAddress, asaEncryptionKeyword } from './tables';
import type { Phase1Info } from './core';
import { IosOspfLowering } from './ospf';

export abstract class IosIkeLowering extends IosOspfLowering {
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
    this.attachPhase1Setters(p, node, children, 'ios');
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
        let len = 32;
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
    const key: model.PresharedKey = { peer, secret, range: node.range, set: (v) => [this.edit({ start: first.start, end: keyTok.end }, v)] };
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
        let len = 32;
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
      const key: model.PresharedKey = { peer, secret: this.secretFrom(typeTok, keyTok), range: c.range, set: (v) => [this.edit({ start: first.start, end: kt.end }, v)] };
      this.keys.push({ key, keyring: name.text });
      this.device.keys.push(key);
    }
  }

  protected lowerIsakmpProfile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    this.define('isakmp-profile', name.text, name, node.range);
    const prof: { keyring?: string } = {};
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      if (c.path[0] === 'keyring') {
        const k = this.arg(c, 0);
        if (k) {
          prof.keyring = k.text;
          this.ref('keyring', k);
        }
      }
    }
    this.isakmpProfiles.set(name.text, prof);
  }

  protected lowerIkev2Proposal(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a proposal name');
    this.define('ikev2-proposal', name.text, name, node.range, { implicitlyUsed: true });
    let enc: model.Value<string[]> = { value: [], default: 'no encryption configured' };
    let integ: model.Value<string[]> = { value: [], default: 'no integrity configured' };
    let dh: model.Value<string[]> = { value: [], default: 'no group configured' };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const a = this.args(c);
      const k = c.path[0];
      const conv = (table: Record<string, string>, what: string) => this.convertArgs(a, table, `IKEv2 ${what}`);
      if (k === 'encryption') enc = { value: conv(IKEV2_ENC, 'encryption algorithm'), range: c.range };
      else if (k === 'integrity') integ = { value: conv(IKEV2_INTEG, 'integrity algorithm'), range: c.range };
      else if (k === 'group') {
        const out: string[] = [];
        for (const t of a) {
          if (model.DH_GROUPS[t.text]) out.push(model.DH_GROUPS[t.text]);
          else this.error(t, 'syntax/invalid-value', `'${t.text}' is not a Diffie-Hellman group number`);
        }
        dh = { value: out, range: c.range };
      }
    }
    this.ikev2Proposals.set(name.text, {
      label: `crypto ikev2 proposal ${name.text}`,
      range: node.range,
      encryption: enc,
      hash: integ,
      dh,
      auth: { value: 'psk', default: 'IKEv2 authentication is set in the profile' },
      lifetime: { value: 86400, default: 'IOS IKEv2 default SA lifetime 86400 s' },
    });
  }

  protected lowerIkev2Policy(node: IosNode): void {
    const name = this.arg(node, 0);
    if (name) this.define('ikev2-policy', name.text, name, node.range, { implicitlyUsed: true });
    for (const c of node.children) if (c.kind === 'IosCommand' && !c.negated && c.path[0] === 'proposal') this.ref('ikev2-proposal', this.arg(c, 0));
  }

  protected lowerIkev2Keyring(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a keyring name');
    this.define('ikev2-keyring', name.text, name, node.range);
    for (const peer of node.children) {
      if (peer.path[0] !== 'peer') continue;
      let addr: string | undefined;
      const keys: { typeTok?: Token; keyTok: Token; node: IosNode }[] = [];
      for (const c of peer.children) {
        if (c.kind !== 'IosCommand' || c.negated) continue;
        const a = this.args(c);
        if (c.path[0] === 'address') {
          const ad = a[0] && a[0].text.includes(':') ? a[0].text : this.address(a[0], c);
          if (!ad) continue;
          let len = ad.includes(':') ? 128 : 32;
          if (a[1] && looksNumericAddress(a[1].text)) len = this.mask(a[1], c) ?? len;
          addr = model.canonicalPrefix(`${ad}/${len}`) ?? ad;
        } else if (c.path[0] === 'pre-shared-key') {
          let i = 0;
          if (['local', 'remote'].includes(this.lw(a[0]))) i = 1;
          let typeTok: Token | undefined;
          if (a.length > i + 1 && /^[067]$/.test(a[i].text)) typeTok = a[i++];
          if (!a[i]) {
            this.missing(c, 'a key');
            continue;
          }
          keys.push({ typeTok, keyTok: a[i], node: c });
        }
      }
      const peerName = this.arg(peer, 0)?.text ?? '?';
      for (const k of keys) {
        const first = k.typeTok ?? k.keyTok;
        const key: model.PresharedKey = { peer: addr ?? peerName, secret: this.secretFrom(k.typeTok, k.keyTok), range: k.node.range, set: (v) => [this.edit({ start: first.start, end: k.keyTok.end }, v)] };
        this.keys.push({ key, keyring: name.text, ikev2: true });
        this.device.keys.push(key);
      }
    }
  }

  protected lowerIkev2Profile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    this.define('ikev2-profile', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      if (c.path[0] === 'keyring') {
        const a = this.args(c);
        this.ref('ikev2-keyring', this.lw(a[0]) === 'local' ? a[1] : a[0]);
      }
    }
  }

  // ------------------------------------------------------------------ key selection, phase-1 lists

  /** The most specific key covering `remote` (CIDR containment), optionally restricted to one keyring. */
  protected selectKey(remote: string | undefined, opts: { keyring?: string; ikev2?: boolean } = {}): model.PresharedKey | undefined {
    let best: model.PresharedKey | undefined;
    let bestLen = -1;
    for (const k of this.keys) {
      if (!!k.ikev2 !== !!opts.ikev2) continue;
      if (opts.keyring !== undefined && k.keyring !== opts.keyring) continue;
      const p = model.parsePrefix(k.key.peer);
      if (!p) continue;
      if (remote === undefined ? p.length !== 0 : !model.prefixContains(k.key.peer, remote)) continue;
      if (p.length > bestLen) {
        best = k.key;
        bestLen = p.length;
      }
    }
    return best;
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
    const first = this.sortedPhase1()[0];
    if (!first) return undefined;
    return (v) => {
      const edits: model.Edit[] = [];
      for (const e of [first.proposal.encryption.set?.([v.encryption]), first.proposal.hash.set?.([v.hash]), first.proposal.dh.set?.([v.dh])]) {
        if (!e) return undefined;
        edits.push(...e);
      }
      return edits;
    };
  }
}
