// The concrete IOS lowering: run(), the global command dispatch, finish() (tunnel sources, OSPF, peers, setters),
// the other-secrets collection and the word scan behind ref/unused. ASA lowering extends this class.

import * as model from '../../../model';
import type { ParseResult, SyntaxDiagnostic, TextRange } from '../../../syntax';
import type { IosNode } from '../parser';
import { mayHoldSecretIn, secretArgs } from '../secrets';
import { IosIpsecLowering } from './ipsec';
import { OffsetSet } from './core';

/** The shared IOS/ASA lowering. One instance per lowering run. */
export class IosLowering extends IosIpsecLowering {
  /** Runs the lowering. */
  run(): { device: model.Device; diagnostics: SyntaxDiagnostic[] } {
    const top = this.root.children;
    for (let k = 0; k < top.length; k++) {
      const node = top[k];
      if (node.kind !== 'IosCommand' && node.kind !== 'IosBanner' && node.kind !== 'IosCertificate') continue;
      if (node.kind === 'IosCommand') this.lastGlobal = node;
      try {
        if (node.negated) this.globalNegated(node);
        else this.global(node);
      } catch {
        // A lowering bug on one command must not lose the rest of the file.
      }
    }
    this.finish();
    return { device: this.device, diagnostics: [...this.parsed.diagnostics, ...this.diagnostics] };
  }

  /** Phase-1 proposals (ISAKMP / IKEv1 policies) in priority order, for hover. Valid after `run()`. */
  phase1Proposals(): model.Phase1Proposal[] {
    return this.phase1List(1);
  }

  // ------------------------------------------------------------------ global commands

  protected globalNegated(node: IosNode): void {
    // `no` forms at global level only matter for a few defaults; nothing to model yet.
    void node;
  }

  protected global(node: IosNode): void {
    switch (this.key(node)) {
      case 'hostname': {
        const t = this.arg(node, 0);
        if (!t) return this.missing(node, 'a host name');
        this.device.name = t.text.replace(/^"|"$/g, '');
        this.device.hostnameRange = { start: t.start, end: t.end };
        return;
      }
      case 'version': {
        const t = this.arg(node, 0);
        if (t) this.device.platformVersion = t.text;
        return;
      }
      case 'interface':
        return this.lowerInterface(node);
      case 'router ospf':
        return this.lowerOspf(node);
      case 'crypto isakmp policy':
        return this.lowerIsakmpPolicy(node);
      case 'crypto isakmp key':
        return this.lowerIsakmpKey(node);
      case 'crypto keyring':
        return this.lowerKeyring(node);
      case 'crypto isakmp profile':
        return this.lowerIsakmpProfile(node);
      case 'crypto ikev2 proposal':
        return this.lowerIkev2Proposal(node);
      case 'crypto ikev2 policy':
        return this.lowerIkev2Policy(node);
      case 'crypto ikev2 keyring':
        return this.lowerIkev2Keyring(node);
      case 'crypto ikev2 profile':
        return this.lowerIkev2Profile(node);
      case 'crypto ipsec transform-set':
        return this.lowerTransformSet(node);
      case 'crypto ipsec profile':
        return this.lowerIpsecProfile(node);
      case 'crypto ipsec security-association': {
        const a = this.args(node).map((t) => t.text.toLowerCase());
        const i = a.indexOf('seconds');
        if (a[0] === 'lifetime' && i >= 0) {
          const v = this.int(this.arg(node, i + 1), node, 60, 86400 * 7, 'lifetime in seconds');
          if (v !== undefined) this.globalP2Lifetime = { value: v, range: node.range };
        }
        return;
      }
      case 'crypto map':
        return this.lowerCryptoMap(node, false);
      case 'crypto dynamic-map':
        return this.lowerCryptoMap(node, true);
      case 'ip access-list standard':
      case 'ip access-list extended':
        return this.lowerNamedAcl(node, node.path[2] === 'standard' ? 'standard' : 'extended');
      case 'access-list':
        return this.lowerAccessListLine(node);
      case 'route-map':
        return this.lowerRouteMap(node);
      case 'object-group':
        return this.lowerObjectGroup(node);
      case 'ipv6 access-list':
        return this.lowerIpv6Acl(node);
      case 'ipv6 prefix-list':
      case 'ip prefix-list': {
        const t = this.arg(node, 0);
        if (t && this.lw(t) !== 'sequence-number') this.define('prefix-list', t.text, t, node.range);
        return;
      }
      case 'mac access-list extended': {
        const t = this.lastArg(node);
        if (t) this.aclInfo(t, node);
        return;
      }
      case 'ip local pool': {
        const t = this.arg(node, 0);
        if (!t) return this.missing(node, 'a pool name');
        this.define('pool', t.text, t, node.range);
        if (!this.arg(node, 1)) return this.missing(node, 'the first address of the pool');
        return;
      }
      case 'class-map':
        return this.lowerClassMap(node);
      case 'policy-map':
        return this.lowerPolicyMap(node);
      case 'snmp-server community':
      case 'snmp-server view':
      case 'snmp-server group':
      case 'snmp-server user':
      case 'snmp-server tftp-server-list':
        return this.lowerSnmp(node);
      case 'line':
        for (const c of node.children) if (c.path[0] === 'access-class') this.ref('acl', this.arg(c, 0));
        return;
      case 'key chain': {
        const t = this.arg(node, 0);
        if (t) this.define('key-chain', t.text, t, node.range);
        return;
      }
      case 'vlan': {
        const t = this.arg(node, 0);
        if (t) this.define('vlan', t.text, t, node.range, { builtin: true });
        return;
      }
      case 'crypto pki trustpoint':
      case 'crypto ca trustpoint': {
        const t = this.arg(node, 0);
        if (t) this.define('trustpoint', t.text, t, node.range, { implicitlyUsed: true });
        return;
      }
      case 'control-plane':
        for (const c of node.children) if (c.path[0] === 'service-policy') this.ref('policy-map', this.lastArg(c));
        return;
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ finish

  protected finish(): void {
    // Resolve tunnel sources to addresses.
    for (let ii = 0; ii < this.interfaces.length; ii++) {
      const info = this.interfaces[ii];
      const t = info.itf.tunnel;
      if (t && info.tunnelSourceRef && !t.source) {
        const addr = this.tunnelSourceAddress(info);
        if (addr) t.source = { value: addr, range: info.tunnelSourceRef.token };
      }
    }
    try {
      if (this.setters)
        for (let ii = 0; ii < this.interfaces.length; ii++) {
          const info = this.interfaces[ii];
          this.attachTunnelSetters(info);
        }
    } catch {
      // Quick-fix setters are optional: a bug here must not lose the model.
    }
    this.buildOspfInterfaces();
    try {
      this.attachOspfSetters();
    } catch {
      // as above
    }
    this.buildPeers();
    this.attachIpsecFixSetters();
    this.collectSecretsAndUses();
  }

  /**
   * One walk over the tree for two results: every argument that is a secret by its keyword (`password`, `secret`,
   * `community`, `key`, `key-string`, `md5` …, after an optional encryption-type digit; SNMPv3 `auth sha P` /
   * `priv aes 128 P`), for display features and the reference scan (rules in `secrets.ts`; keys the model already
   * holds are included again), then the uses of defined names (`scanUses`). Words are read from the token store in
   * place (no token object per word); an explicit stack, not recursion.
   */
  protected collectSecretsAndUses(): void {
    const out: TextRange[] = [];
    const store = this.root.store;
    const { starts, ends } = store;
    // Names a word may use (`scanUses`); built before the walk, from the definitions lowering made.
    const names = new Map<string, model.Definition[]>();
    for (const d of this.device.definitions) {
      if (d.builtin || d.kind === 'interface') continue;
      const list = names.get(d.name);
      if (list) list.push(d);
      else names.set(d.name, [d]);
    }
    // A secret that happens to spell a defined name is not a use of it (and must never be renamed with it): the
    // model's secrets here, the keyword-found ones (`otherSecrets`) per command as the walk finds them.
    const secrets = new OffsetSet();
    if (names.size) for (const r of model.secretRanges(this.device)) secrets.add(r.start);
    // The lengths and first characters of the defined names: a word of another length or first character is passed
    // over without reading its text (one bit per length and ASCII first character; 127 stands for any other).
    const LONG = 255;
    const firsts = new Uint32Array((LONG + 1) * 4);
    for (const name of names.keys()) {
      const c = Math.min(name.charCodeAt(0), 127);
      firsts[Math.min(name.length, LONG) * 4 + (c >>> 5)] |= 1 << (c & 31);
    }
    const src = store.source;
    // Pre-order over the tree (document order), on an explicit stack.
    const stack: IosNode[] = [];
    for (let k = this.root.children.length - 1; k >= 0; k--) stack.push(this.root.children[k]);
    while (stack.length) {
      const c = stack.pop()!;
      if (c.kind === 'IosCommand') {
        const first = c.wordFirst;
        const last = first + c.wordCount;
        let lineSecrets: number[] | undefined;
        if (mayHoldSecretIn(store, first, c.wordCount, c.path)) {
          const texts: string[] = new Array(c.wordCount);
          for (let i = 0; i < c.wordCount; i++) texts[i] = store.text(first + i);
          lineSecrets = secretArgs(texts, c.mode, c.path);
          for (const i of lineSecrets) out.push({ start: starts[first + i], end: ends[first + i] });
        }
        if (names.size) {
          for (let i = first + 1; i < last; i++) {
            const c = Math.min(src.charCodeAt(starts[i]), 127);
            if ((firsts[Math.min(ends[i] - starts[i], LONG) * 4 + (c >>> 5)] & (1 << (c & 31))) === 0) continue;
            const text = store.text(i);
            const defs = names.get(text);
            if (!defs || this.defTokens.has(starts[i]) || secrets.has(starts[i]) || (lineSecrets !== undefined && lineSecrets.includes(i - first))) continue;
            for (const d of defs) this.device.references.push({ kind: d.kind, name: d.name, range: { start: starts[i], end: ends[i] } });
            names.delete(text);
          }
        }
      }
      const kids = c.children;
      for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
    }
    if (out.length) this.device.otherSecrets = out;
  }
}

/** Lowers an IOS parse into a device. */
export function lowerIos(parsed: ParseResult<IosNode>, uri: string): { device: model.Device; diagnostics: SyntaxDiagnostic[] } {
  return new IosLowering(parsed, uri).run();
}
