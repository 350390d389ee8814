// A toy "dialect" for the IPsec analysis tests: a tiny line format lowered straight into model.Device with
// real ranges and real Setters (text edits), so quick fixes can be applied and the devices re-checked.
// Test-only; depends on model/ alone.
//
//   device r1
//   dialect routeros                 (default cisco-ios)   platform Meraki MX
//   addr 10.0.0.1
//   key 10.0.0.2/32 MYKEY            (kind=masked|type6 for unverifiable keys)
//   peer p remote=10.0.0.2 ike=1 mode=main pfs=none role=both kind=crypto-map any=0.0.0.0/0 local=… p2life=3600
//   p1 enc=aes-cbc-256 hash=sha1 dh=modp1024 auth=psk life=86400 prio=10
//   p2 proto=esp enc=aes-cbc-256 integ=sha1 mode=tunnel
//   sel 192.168.1.0/24 192.168.2.0/24 proto=ip
//
// A missing key=value is a default (Value.default set, no range); its Setter inserts ` key=value` at the line end.

import * as model from '../../server/src/model';

interface Tok {
  text: string;
  start: number;
  end: number;
}

interface Line {
  start: number;
  end: number;
  toks: Tok[];
  kv: Map<string, Tok>;
}

function lex(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    const toks: Tok[] = [];
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(raw))) toks.push({ text: m[0], start: pos + m.index, end: pos + m.index + m[0].length });
    const kv = new Map<string, Tok>();
    for (const t of toks) {
      const eq = t.text.indexOf('=');
      if (eq > 0) kv.set(t.text.slice(0, eq), { text: t.text.slice(eq + 1), start: t.start + eq + 1, end: t.end });
    }
    lines.push({ start: pos, end: pos + raw.length, toks, kv });
    pos += raw.length + 1;
  }
  return lines;
}

const DEFAULTS: Record<string, string> = {
  ike: '1',
  mode: 'main',
  pfs: 'none',
  enc: 'aes-cbc-128',
  hash: 'sha1',
  dh: 'modp1024',
  auth: 'psk',
  life: '86400',
  proto: 'esp',
  integ: 'sha1',
  p2mode: 'tunnel',
};

/** Lowers the toy format. `uri` names the document; edits from Setters refer to it. */
export function buildDevice(text: string, uri: string): model.Device {
  const lines = lex(text);
  const dev = model.emptyDevice(uri, 'cisco-ios', uri.split('/').pop()!);
  const itf: model.Interface = { name: 'eth0', nameRange: { start: 0, end: 0 }, range: { start: 0, end: 0 }, kind: 'physical', addresses: [], shutdown: false };
  dev.interfaces.push(itf);
  let peer: model.IpsecPeer | undefined;
  let peerLine: Line | undefined;
  const p1Lines = new Map<model.IpsecPeer, Line[]>();
  const p2Lines = new Map<model.IpsecPeer, Line[]>();

  /** A Value from `key=` on `line`, or a default whose Setter appends ` key=value` to the line. */
  function val<T>(line: Line, key: string, parse: (s: string) => T, show: (v: T) => string = String, dflt = DEFAULTS[key]): model.Value<T> {
    const t = line.kv.get(key);
    const set: model.Setter<T> = (v) => [t ? { uri, range: { start: t.start, end: t.end }, newText: show(v) } : { uri, range: { start: line.end, end: line.end }, newText: ` ${key}=${show(v)}` }];
    return t ? { value: parse(t.text), range: { start: t.start, end: t.end }, set } : { value: parse(dflt), default: `toy default ${key}=${dflt}`, set };
  }
  const list = (s: string) => s.split(',');
  const showList = (v: string[] | string) => (Array.isArray(v) ? v.join(',') : v);

  for (const line of lines) {
    const head = line.toks[0]?.text;
    if (!head) continue;
    const arg = (i: number) => line.toks[i];
    if (head === 'dialect') {
      dev.dialect = arg(1).text as model.DialectId;
    } else if (head === 'platform') {
      dev.platformVersion = line.toks.slice(1).map((t) => t.text).join(' ');
    } else if (head === 'device') {
      dev.name = arg(1).text;
      dev.hostnameRange = { start: arg(1).start, end: arg(1).end };
    } else if (head === 'addr') {
      itf.addresses.push({ address: arg(1).text, prefixLength: 24, range: { start: arg(1).start, end: arg(1).end } });
    } else if (head === 'key') {
      const kindTok = line.kv.get('kind');
      const kind = (kindTok?.text ?? 'plain') as model.Secret['kind'];
      const s = arg(2);
      dev.keys.push({
        peer: arg(1).text,
        secret: { kind, plain: kind === 'plain' ? s.text : undefined, range: { start: s.start, end: s.end } },
        range: { start: line.start, end: line.end },
        set: (v) => [{ uri, range: { start: s.start, end: s.end }, newText: v }],
      });
    } else if (head === 'peer') {
      peerLine = line;
      const remote = line.kv.get('remote');
      const local = line.kv.get('local');
      const pl = line;
      const p: model.IpsecPeer = {
        id: arg(1).text,
        label: `peer ${arg(1).text}`,
        range: { start: line.start, end: line.end },
        remote: remote ? { value: remote.text, range: { start: remote.start, end: remote.end } } : undefined,
        remoteAny: line.kv.get('any')?.text,
        local: local ? { value: local.text, range: { start: local.start, end: local.end } } : undefined,
        role: (line.kv.get('role')?.text ?? (remote ? 'both' : 'responder')) as model.IpsecPeer['role'],
        kind: (line.kv.get('kind')?.text ?? (remote ? 'crypto-map' : 'dynamic-map')) as model.IpsecPeer['kind'],
        ikeVersion: val(line, 'ike', (s) => Number(s) as 1 | 2),
        exchangeMode: val(line, 'mode', (s) => s as 'main' | 'aggressive'),
        phase1: [],
        phase2: [],
        pfs: val(line, 'pfs', (s) => s),
        phase2Lifetime: line.kv.has('p2life') ? val(line, 'p2life', Number) : undefined,
        proposalCheck: line.kv.has('check') ? val(line, 'check', (s) => s as 'obey' | 'claim' | 'strict' | 'exact') : undefined,
        selectors: [],
        addPsk: remote ? (secret) => [{ uri, range: { start: text.length, end: text.length }, newText: `${text.endsWith('\n') ? '' : '\n'}key ${remote.text}/32 ${secret}\n` }] : undefined,
      };
      peer = p;
      p.setPfs = (g) => p.pfs.set!(g);
      p.setPhase1 = (v) => {
        const l = p1Lines.get(p)?.[0];
        if (!l) return [{ uri, range: { start: pl.end, end: pl.end }, newText: `\np1 enc=${v.encryption} hash=${v.hash} dh=${v.dh}` }];
        const pr = p.phase1[0];
        return [...pr.encryption.set!([v.encryption])!, ...pr.hash.set!([v.hash])!, ...pr.dh.set!([v.dh])!];
      };
      p.setPhase2 = (v) => {
        const pr = p.phase2[0];
        if (!pr) return [{ uri, range: { start: pl.end, end: pl.end }, newText: `\np2 enc=${v.encryption} integ=${v.integrity}` }];
        return [...pr.encryption.set!([v.encryption])!, ...pr.integrity.set!([v.integrity])!];
      };
      dev.ipsecPeers.push(peer);
      p1Lines.set(peer, []);
      p2Lines.set(peer, []);
    } else if (head === 'p1' && peer) {
      p1Lines.get(peer)!.push(line);
      const prio = line.kv.get('prio');
      peer.phase1.push({
        label: `p1#${peer.phase1.length + 1}`,
        range: { start: line.start, end: line.end },
        priority: prio ? Number(prio.text) : undefined,
        encryption: val(line, 'enc', list, showList),
        hash: val(line, 'hash', list, showList),
        dh: val(line, 'dh', list, showList),
        auth: val(line, 'auth', (s) => s as model.Phase1Proposal['auth']['value']),
        lifetime: val(line, 'life', Number),
      });
    } else if (head === 'p2' && peer) {
      p2Lines.get(peer)!.push(line);
      peer.phase2.push({
        label: `p2#${peer.phase2.length + 1}`,
        range: { start: line.start, end: line.end },
        protocol: val(line, 'proto', (s) => s as 'esp' | 'ah'),
        encryption: val(line, 'enc', list, showList),
        integrity: val(line, 'integ', list, showList),
        mode: val(line, 'mode', (s) => s as 'tunnel' | 'transport', String, 'tunnel'),
      });
    } else if (head === 'sel' && peer) {
      peer.selectors.push({
        local: arg(1).text,
        remote: arg(2).text,
        protocol: line.kv.get('proto')?.text ?? 'ip',
        localPort: line.kv.get('lport')?.text,
        remotePort: line.kv.get('rport')?.text,
        range: { start: line.start, end: line.end },
      });
    }
  }
  void peerLine;
  // Key selection as IOS does it: the most specific key covering the peer's address.
  for (const p of dev.ipsecPeers) {
    const addr = p.remote?.value;
    let best: model.PresharedKey | undefined;
    let bestLen = -1;
    for (const k of dev.keys) {
      const pre = model.parsePrefix(k.peer);
      if (!pre) continue;
      if (addr ? !model.prefixContains(k.peer, addr) : pre.length !== 0) continue;
      if (pre.length > bestLen) {
        best = k;
        bestLen = pre.length;
      }
    }
    p.psk = best;
  }
  return dev;
}

/** Applies edits to a text (offsets in the original). */
export function applyEdits(text: string, edits: readonly model.Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let res = text;
  for (const e of sorted) res = res.slice(0, e.range.start) + e.newText + res.slice(e.range.end);
  return res;
}

/** Two toy documents with their devices; `apply` runs a fix and re-lowers both. */
export class Pair {
  texts: Map<string, string>;
  constructor(a: string, b: string) {
    this.texts = new Map([
      ['toy:///a', a],
      ['toy:///b', b],
    ]);
  }
  get a(): model.Device {
    return buildDevice(this.texts.get('toy:///a')!, 'toy:///a');
  }
  get b(): model.Device {
    return buildDevice(this.texts.get('toy:///b')!, 'toy:///b');
  }
  apply(fix: model.FixIntent): void {
    const byUri = new Map<string, model.Edit[]>();
    for (const e of fix.edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
    for (const [uri, edits] of byUri) this.texts.set(uri, applyEdits(this.texts.get(uri)!, edits));
  }
  /** Offset range of the first occurrence of `needle` in a document (for exact range assertions). */
  rangeOf(side: 'a' | 'b', needle: string, nth = 0): { start: number; end: number } {
    const text = this.texts.get(`toy:///${side}`)!;
    let idx = -1;
    for (let i = 0; i <= nth; i++) idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`${needle} not found`);
    return { start: idx, end: idx + needle.length };
  }
}
