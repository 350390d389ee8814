// A tiny line-based test "dialect" that lowers into model Devices with real Setters, so the OSPF/DMVPN/L2TP
// analyses and their quick fixes can be tested before (and independently of) the real dialects.
// Format (one statement per line, interface settings indented by one space):
//   hostname r1 / platform cisco-ios|bird|routeros / router-id 1.1.1.1 / neighbor 10.0.0.2 / area 1 stub
//   interface Tunnel0 10.0.0.1/24      then: ` tunnel mode|source|destination|key|protection X`, ` nhrp nhs|auth X`,
//   ` nhrp map TUN NBMA`, ` nhrp multicast NBMA|dynamic`, ` ospf area|type|hello|dead|priority|mtu|neighbor|version X`,
//   ` ospf passive`, ` ospf mtu-ignore`, ` ospf auth none|simple KEY|md5 ID KEY|sha256 ID KEY`
//   l2tp enabled=yes use-ipsec=yes secret=K   /   peer any secret=K   /   peer 1.2.3.4 secret=K
// Defaults follow interop-rules §7.2 per platform. Imports only the model.

import * as model from '../../server/src/model';
import type { TextRange } from '../../server/src/syntax';
import { OSPF_DEVICE_CHECKS as DEVICE_CHECKS, OSPF_PAIR_CHECKS as PAIR_CHECKS, OSPF_WORKSPACE_CHECKS as WORKSPACE_CHECKS } from '../../server/src/analysis/ospf';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../server/src/analysis/types';

interface Tok {
  text: string;
  start: number;
  end: number;
}

interface Line {
  toks: Tok[];
  start: number;
  /** Offset after the newline (start of the next line). */
  next: number;
  indented: boolean;
}

function lines(text: string): Line[] {
  const res: Line[] = [];
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const toks: Tok[] = [];
    const re = /\S+/g;
    const body = text.slice(pos, eol);
    for (let m = re.exec(body); m; m = re.exec(body)) toks.push({ text: m[0], start: pos + m.index, end: pos + m.index + m[0].length });
    res.push({ toks, start: pos, next: Math.min(eol + 1, text.length), indented: body.startsWith(' ') });
    pos = eol + 1;
  }
  return res;
}

const span = (a: Tok, b: Tok = a): TextRange => ({ start: a.start, end: b.end });

type Platform = 'cisco-ios' | 'bird' | 'routeros';

export function uriOf(hostname: string): string {
  return `file:///${hostname}.cfg`;
}

/** Lowers one test config into a Device. */
export function buildDevice(text: string): model.Device {
  const all = lines(text);
  const host = all.find((l) => l.toks[0]?.text === 'hostname')?.toks[1]?.text ?? 'r';
  const platform = (all.find((l) => l.toks[0]?.text === 'platform')?.toks[1]?.text ?? 'cisco-ios') as Platform;
  const uri = uriOf(host);
  const device = model.emptyDevice(uri, platform, host);
  const replace = (r: TextRange, newText: string): model.Edit[] => [{ uri, range: r, newText }];
  const insert = (at: number, line: string): model.Edit[] => [{ uri, range: { start: at, end: at }, newText: line + '\n' }];

  const process: model.OspfProcess = { id: '1', range: { start: 0, end: 0 }, version: 2, areas: [], neighbors: [] };
  let processUsed = false;
  for (const l of all) {
    const [k, v, w] = l.toks;
    if (l.indented || !k) continue;
    if (k.text === 'router-id' && v) process.routerId = { value: v.text, range: span(v), set: (x) => replace(span(v), x) };
    if (k.text === 'neighbor' && v) process.neighbors.push({ value: v.text, range: span(v) });
    if (k.text === 'area' && v) process.areas.push({ id: v.text, type: (w?.text ?? 'normal') as 'normal', range: span(k, w ?? v) });
  }

  for (let i = 0; i < all.length; i++) {
    const l = all[i];
    const [k, v] = l.toks;
    if (!k || l.indented) continue;
    if (k.text === 'interface' && v) {
      const body: Line[] = [];
      let j = i + 1;
      while (j < all.length && all[j].indented) body.push(all[j++]);
      const headerEnd = l.next;
      const find = (a: string, b?: string) => body.find((x) => x.toks[0]?.text === a && (b === undefined || x.toks[1]?.text === b));
      const addrTok = l.toks[2];
      const [addr, len] = addrTok ? addrTok.text.split('/') : [];
      const itf: model.Interface = {
        name: v.text,
        nameRange: span(v),
        range: { start: l.start, end: (body.at(-1) ?? l).next },
        kind: v.text.startsWith('Tunnel') ? 'tunnel' : 'physical',
        addresses: addrTok ? [{ address: addr, prefixLength: Number(len), range: span(addrTok) }] : [],
        shutdown: false,
      };
      // Tunnel
      const tline = (what: string) => find('tunnel', what);
      const tval = (what: string): model.Value<string> | undefined => {
        const t = tline(what)?.toks[2];
        return t && { value: t.text, range: span(t), set: (x) => replace(span(t), x) };
      };
      if (itf.kind === 'tunnel') {
        const mode = tline('mode')?.toks[2];
        const tunnel: model.Tunnel = {
          mode: mode ? { value: mode.text as 'gre', range: span(mode) } : { value: 'gre', default: 'GRE by default' },
          source: tval('source'),
          destination: tval('destination'),
          key: tval('key'),
          protection: tval('protection'),
          insertAt: headerEnd,
        };
        const nh = body.filter((x) => x.toks[0]?.text === 'nhrp');
        if (nh.length) {
          const nhrp: model.Nhrp = { nhs: [], maps: [], multicastMaps: [] };
          for (const x of nh) {
            const [, what, a, b] = x.toks;
            if (what?.text === 'nhs' && a) nhrp.nhs.push({ value: a.text, range: span(a), set: (val) => replace(span(a), val) });
            if (what?.text === 'map' && a && b) nhrp.maps.push({ tunnelAddress: a.text, nbma: b.text, range: span(x.toks[0], b), set: (m) => replace(span(a, b), `${m.tunnelAddress} ${m.nbma}`) });
            if (what?.text === 'multicast' && a) nhrp.multicastMaps.push({ nbma: a.text, range: span(x.toks[0], a) });
            if (what?.text === 'auth' && a) nhrp.auth = { secret: { kind: 'plain', plain: a.text, range: span(a) }, range: span(x.toks[0], a), set: (val) => replace(span(a), val) };
          }
          tunnel.nhrp = nhrp;
        }
        itf.tunnel = tunnel;
      }
      device.interfaces.push(itf);

      // OSPF
      const areaLine = find('ospf', 'area');
      if (areaLine) {
        processUsed = true;
        const ospfVal = <T>(what: string, parse: (s: string) => T, render: (x: T) => string, dflt: () => { value: T; default: string }): model.Value<T> => {
          const x = find('ospf', what);
          const t = x?.toks[2];
          const set = (val: T) => (t ? replace(span(t), render(val)) : insert(headerEnd, ` ospf ${what} ${render(val)}`));
          return t ? { value: parse(t.text), range: span(t), set } : { ...dflt(), set };
        };
        const version = (Number(find('ospf', 'version')?.toks[2]?.text ?? 2) === 3 ? 3 : 2) as 2 | 3;
        const tunnelItf = itf.kind === 'tunnel';
        const networkType = ospfVal<model.OspfNetworkType>('type', (s) => s as model.OspfNetworkType, String, () =>
          platform === 'cisco-ios' ? { value: tunnelItf ? 'point-to-point' : 'broadcast', default: `IOS default on ${tunnelItf ? 'tunnels' : 'Ethernet'}` } : { value: 'broadcast', default: `${platform === 'bird' ? 'BIRD' : 'RouterOS'} default` },
        );
        const base = platform === 'cisco-ios' && !['broadcast', 'point-to-point'].includes(networkType.value) ? 30 : 10;
        const platformName = platform === 'cisco-ios' ? `IOS ${networkType.value}` : platform === 'bird' ? 'BIRD' : 'RouterOS';
        const hello = ospfVal('hello', Number, String, () => ({ value: base, default: `${platformName} default` }));
        const dead = ospfVal('dead', Number, String, () => ({ value: platform === 'routeros' ? 40 : 4 * hello.value, default: hello.range ? '4 × hello' : `${platformName} default` }));
        const priority = ospfVal('priority', Number, String, () => ({ value: platform === 'routeros' ? 128 : 1, default: `${platform} default` }));
        const mtuLine = find('ospf', 'mtu');
        const mtu: model.Value<number> | undefined = mtuLine?.toks[2] ? { value: Number(mtuLine.toks[2].text), range: span(mtuLine.toks[2]), set: (x) => replace(span(mtuLine.toks[2]), String(x)) } : undefined;
        const passiveLine = find('ospf', 'passive');
        const passive: model.Value<boolean> = {
          value: !!passiveLine,
          range: passiveLine ? span(passiveLine.toks[1]) : undefined,
          default: passiveLine ? undefined : 'not passive',
          set: (x) => (x ? (passiveLine ? [] : insert(headerEnd, ' ospf passive')) : passiveLine ? replace({ start: passiveLine.start, end: passiveLine.next }, '') : []),
        };
        const authLine = find('ospf', 'auth');
        const renderAuth = (a: model.OspfAuth) =>
          a.type === 'none' ? 'none' : a.type === 'simple' ? `simple ${a.key?.plain}` : `${a.type === 'keyed-md5' ? 'md5' : a.type.replace('hmac-', '')} ${a.keyId ?? 1} ${a.key?.plain}`;
        let authValue: model.OspfAuth = { type: 'none' };
        let keyTok: Tok | undefined;
        if (authLine) {
          const [, , t, p, q] = authLine.toks;
          if (t?.text === 'simple' && p) {
            keyTok = p;
            authValue = { type: 'simple', key: { kind: 'plain', plain: p.text, range: span(p) } };
          } else if (t && t.text !== 'none' && p && q) {
            keyTok = q;
            authValue = { type: t.text === 'md5' ? 'keyed-md5' : (`hmac-${t.text}` as 'hmac-sha256'), keyId: Number(p.text), key: { kind: 'plain', plain: q.text, range: span(q) } };
          }
        }
        const authRange = authLine ? span(authLine.toks[2], authLine.toks.at(-1)) : undefined;
        const auth: model.Value<model.OspfAuth> = {
          value: authValue,
          range: authRange,
          default: authLine ? undefined : 'no authentication by default',
          set: (a) => (authRange ? replace(authRange, renderAuth(a)) : insert(headerEnd, ` ospf auth ${renderAuth(a)}`)),
        };
        const areaTok = areaLine.toks[2];
        const areaId = areaTok?.text ?? '0';
        const o: model.OspfInterface = {
          processId: '1',
          interfaceName: itf.name,
          range: span(areaLine.toks[0], areaLine.toks.at(-1)),
          prefix: addrTok ? model.networkOf(addr, Number(len)) : undefined,
          address: addr,
          area: { value: areaId, range: areaTok && span(areaTok), set: (x) => replace(span(areaTok!), x) },
          areaType: process.areas.find((a) => a.id === areaId)?.type ?? 'normal',
          networkType,
          hello,
          dead,
          priority,
          passive,
          mtu,
          mtuIgnore: !!find('ospf', 'mtu-ignore'),
          auth,
          version,
          isTunnel: tunnelItf || undefined,
          neighbors: body.filter((x) => x.toks[0]?.text === 'ospf' && x.toks[1]?.text === 'neighbor' && x.toks[2]).map((x) => ({ value: x.toks[2].text, range: span(x.toks[2]) })),
          setAuthKey: keyTok ? (k) => replace(span(keyTok!), k) : undefined,
        };
        process.version = version;
        device.ospfInterfaces.push(o);
      }
      i = j - 1;
    }
    if (k.text === 'l2tp') {
      const kv = (name: string) => l.toks.find((t) => t.text.startsWith(name + '='));
      const valueRange = (t: Tok): TextRange => ({ start: t.start + t.text.indexOf('=') + 1, end: t.end });
      const valueOf = (t: Tok) => t.text.slice(t.text.indexOf('=') + 1);
      const en = kv('enabled');
      const ui = kv('use-ipsec');
      const sec = kv('secret');
      device.l2tp.push({
        range: span(k, l.toks.at(-1)),
        enabled: en ? { value: valueOf(en) === 'yes', range: valueRange(en) } : { value: false, default: 'disabled by default' },
        useIpsec: ui
          ? { value: valueOf(ui) as 'yes', range: valueRange(ui), set: (x) => replace(valueRange(ui), x) }
          : { value: 'no', default: 'RouterOS default', set: (x) => [{ uri, range: { start: l.toks.at(-1)!.end, end: l.toks.at(-1)!.end }, newText: ` use-ipsec=${x}` }] },
        ipsecSecret: sec ? { peer: '0.0.0.0/0', secret: { kind: 'plain', plain: valueOf(sec), range: valueRange(sec) }, range: span(k, l.toks.at(-1)), set: (x) => replace(valueRange(sec), x) } : undefined,
      });
    }
    if (k.text === 'peer' && v) {
      const sec = l.toks.find((t) => t.text.startsWith('secret='));
      const any = v.text === 'any';
      const secretRange = sec && { start: sec.start + 7, end: sec.end };
      device.ipsecPeers.push({
        id: `peer${device.ipsecPeers.length}`,
        label: `/ip ipsec peer ${v.text}`,
        range: span(k, l.toks.at(-1)),
        remote: any ? undefined : { value: v.text, range: span(v) },
        remoteAny: any ? '0.0.0.0/0' : undefined,
        role: any ? 'responder' : 'both',
        kind: 'routeros',
        ikeVersion: { value: 1, default: 'IKEv1' },
        exchangeMode: { value: 'main', default: 'main' },
        phase1: [],
        psk: sec && secretRange ? { peer: any ? '0.0.0.0/0' : v.text, secret: { kind: 'plain', plain: sec.text.slice(7), range: secretRange }, range: span(k, l.toks.at(-1)), set: (x) => replace(secretRange, x) } : undefined,
        phase2: [],
        pfs: { value: 'none', default: 'none' },
        selectors: [],
      });
    }
  }
  if (processUsed) device.ospf.push(process);
  return device;
}

/** Runs every registered analysis (device, all pairs, workspace) over a set of test configs. */
export function analyse(texts: string[]): { devices: model.Device[]; findings: model.Finding[] } {
  const devices = texts.map(buildDevice);
  const ctx = { settings: DEFAULT_ANALYSIS_SETTINGS };
  const findings: model.Finding[] = [];
  for (const d of devices) for (const c of DEVICE_CHECKS) findings.push(...c.check(d, ctx));
  for (let i = 0; i < devices.length; i++) for (let j = i + 1; j < devices.length; j++) for (const c of PAIR_CHECKS) findings.push(...c.check(devices[i], devices[j], ctx));
  for (const c of WORKSPACE_CHECKS) findings.push(...c.check(devices, ctx));
  return { devices, findings };
}

/** Findings rendered as `host severity code "text under the range"`, sorted: exact codes and ranges in one string. */
export function render(texts: string[], findings: model.Finding[]): string[] {
  const byUri = new Map(texts.map((t) => [uriOf(buildDevice(t).name), t] as const));
  return findings.map((f) => `${f.uri.replace(/^file:\/\/\/|\.cfg$/g, '')} ${f.severity} ${f.code} ${JSON.stringify(byUri.get(f.uri)!.slice(f.range.start, f.range.end))}`).sort();
}

/** Applies a fix's edits to the texts (by uri) and returns the new texts. */
export function applyFixToTexts(texts: string[], fix: model.FixIntent): string[] {
  return texts.map((t) => {
    const uri = uriOf(buildDevice(t).name);
    const edits = fix.edits.filter((e) => e.uri === uri).sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
    let res = t;
    for (const e of edits) res = res.slice(0, e.range.start) + e.newText + res.slice(e.range.end);
    return res;
  });
}

/** Dedents a template literal and drops its first/last empty lines. */
export function cfg(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const ls = raw.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...ls.filter((x) => x.trim()).map((x) => /^\s*/.exec(x)![0].length));
  return ls.map((x) => x.slice(indent)).join('\n') + '\n';
}
