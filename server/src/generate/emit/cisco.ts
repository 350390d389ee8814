// Cisco IOS/IOS-XE and ASA emitters: running-config text in each platform's own order (`!`-separated blocks,
// crypto before interfaces, routing and ACLs last; the ASA's single-line crypto map entries and tunnel-group).
import { DH_NUMBERS, formatIpv4, formatIpv6, lengthToMask, parseIpv4, parsePrefix } from '../../model';
import { GenerateError, isAnyPrefix, isIpv6Text, PSK_PLACEHOLDER, type IpsecSpec, type OspfSpec, type PeerSpec, type Phase2Spec, type SelectorSpec, type TargetCapabilities } from '../spec';

/** IOS `encr` keyword for a canonical phase-1 cipher (as the IOS lowering reads it back). */
function iosEncryptionKeyword(canonical: string): string | undefined {
  return ({ des: 'des', '3des': '3des', 'aes-cbc-128': 'aes', 'aes-cbc-192': 'aes 192', 'aes-cbc-256': 'aes 256' } as Record<string, string>)[canonical];
}

export const IOS_CAPS: TargetCapabilities = {
  id: 'cisco-ios',
  label: 'Cisco IOS / IOS-XE',
  dialect: 'cisco-ios',
  languageId: 'cisco-ios',
  ikeVersions: [1, 2],
  phase1Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase1Hash: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'],
  dh: ['ecp521', 'ecp384', 'ecp256', 'modp4096', 'modp3072', 'modp2048', 'modp1536', 'modp1024', 'modp768'],
  phase2Encryption: ['aes-gcm-256', 'aes-gcm-128', 'aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase2Integrity: ['sha512', 'sha384', 'sha256', 'sha1', 'md5', 'none'],
  scenarios: ['site-to-site', 'dmvpn-spoke', 'ospf-neighbor'],
  routeBased: true,
  ipv6RouteBased: true,
  defaultWan: 'GigabitEthernet0/0',
  defaultLanInterface: 'GigabitEthernet0/1',
};

export const ASA_CAPS: TargetCapabilities = {
  id: 'cisco-asa',
  label: 'Cisco ASA',
  dialect: 'cisco-asa',
  languageId: 'cisco-asa',
  ikeVersions: [1, 2],
  phase1Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase1Hash: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'],
  dh: ['ecp521', 'ecp384', 'ecp256', 'modp2048', 'modp1536', 'modp1024'],
  phase2Encryption: ['aes-gcm-256', 'aes-gcm-128', 'aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase2Integrity: ['sha512', 'sha384', 'sha256', 'sha1', 'md5', 'none'],
  // ASA IKEv1 transform sets: esp-des/3des/aes/aes-192/aes-256/null with esp-md5-hmac/esp-sha-hmac/esp-none only.
  ikev1Phase2Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  ikev1Phase2Integrity: ['sha1', 'md5'],
  scenarios: ['site-to-site', 'ospf-neighbor'],
  // Route-based: an IPsec VTI (ASA 9.7+); the ASA has no GRE.
  routeBased: true,
  noGre: true,
  defaultWan: 'outside',
  defaultLanInterface: 'inside',
};


// ------------------------------------------------------------------ shared helpers

/** Appends `lines` one by one (a selector list is input-sized: no spread into arguments). */
function pushAll(out: string[], lines: readonly string[], after?: string): void {
  for (const l of lines) out.push(l);
  if (after !== undefined) out.push(after);
}

const dhNumber = (dh: string): string => {
  const n = DH_NUMBERS[dh];
  if (!n) throw new GenerateError(`DH group ${dh} has no Cisco group number`);
  return n;
};

function mask(len: number): string {
  return lengthToMask(len);
}

/** `192.168.0.0/24` → `192.168.0.0 255.255.255.0` (mask) or `192.168.0.0 0.0.0.255` (wildcard). */
function prefixWords(cidr: string, wildcard: boolean): string {
  const [addr, lenText] = cidr.split('/');
  const len = Number(lenText ?? '32');
  if (wildcard) {
    if (len === 32) return `host ${addr}`;
    if (len === 0) return 'any';
    const m = mask(len).split('.').map((o) => String(255 - Number(o)));
    return `${addr} ${m.join('.')}`;
  }
  return `${addr} ${mask(len)}`;
}

function prefixLength(cidr: string): number {
  return Number(cidr.split('/')[1] ?? '32');
}

/** The LAN interface's own address: the first host of the LAN prefix. */
function lanAddress(lan: string): { address: string; length: number } | undefined {
  const p = parsePrefix(lan);
  if (!p) return undefined;
  if (p.family === 6) return p.length >= 127 ? undefined : { address: formatIpv6(p.network + 1n), length: p.length };
  if (p.length >= 31) return undefined;
  return { address: formatIpv4((Number(p.network) + 1) >>> 0), length: p.length };
}

/** An IOS interface address line in the address's own family (`ip address A MASK`, `ipv6 address A/LEN`). */
function iosAddressLine(address: string, length: number): string {
  return isIpv6Text(address) ? ` ipv6 address ${address}/${length}` : ` ip address ${address} ${mask(length)}`;
}

/** An IOS static route into an interface or to a next hop, in the prefix's own family. */
function iosRoute(prefix: string, via: string): string {
  return isIpv6Text(prefix) ? `ipv6 route ${prefix} ${via}` : `ip route ${prefixWords(prefix, false)} ${via}`;
}

/** Area id as IOS prints it: a number when it was one (`0.0.0.10` → `10`). */
function areaText(area: string): string {
  const n = parseIpv4(area);
  return n !== undefined && n < 65536 ? String(n) : area;
}

function header(spec: PeerSpec, marker: string, dialectName: string): string[] {
  const out = [`${marker} ${spec.facts.hostname}: ${dialectName} config generated by netcfg from ${spec.source.name} (${fileName(spec.source.uri)}).`];
  out.push(`${marker} Scenario: ${scenarioText(spec)}; this side ${spec.local}, ${spec.source.name} ${spec.remote.includes('/') ? 'on ' : ''}${spec.remote}.`);
  for (const n of spec.notes) out.push(`${marker} ${n}`);
  return out;
}

function fileName(uri: string): string {
  const i = uri.lastIndexOf('/');
  return decodeURIComponent(i >= 0 ? uri.slice(i + 1) : uri);
}

export function scenarioText(spec: PeerSpec): string {
  const s = spec.scenario;
  const v = spec.ipsec ? `IKEv${spec.ipsec.ikeVersion}` : '';
  switch (s.kind) {
    case 'site-to-site':
      return `site-to-site ${v}, ${s.binding === 'route' ? 'route-based' : 'policy-based'}`;
    case 'dmvpn-spoke':
      return `DMVPN spoke${spec.ipsec ? ` (${v})` : ''}`;
    case 'l2tp-client':
      return `L2TP/IPsec client (${v})`;
    case 'ospf-neighbor':
      return 'OSPF neighbour on a shared link';
  }
}

const IOS_DEFAULT_TIMERS: Record<string, [number, number]> = {
  broadcast: [10, 40],
  'point-to-point': [10, 40],
  'non-broadcast': [30, 120],
  'point-to-multipoint': [30, 120],
  'point-to-multipoint-non-broadcast': [30, 120],
};

const IOS_NETWORK_KEYWORD: Record<string, string> = {
  broadcast: 'broadcast',
  'point-to-point': 'point-to-point',
  'non-broadcast': 'non-broadcast',
  'point-to-multipoint': 'point-to-multipoint',
  'point-to-multipoint-non-broadcast': 'point-to-multipoint non-broadcast',
};

// ------------------------------------------------------------------ IOS

const IOS_ESP_ENC: Record<string, string> = {
  des: 'esp-des',
  '3des': 'esp-3des',
  'aes-cbc-128': 'esp-aes',
  'aes-cbc-192': 'esp-aes 192',
  'aes-cbc-256': 'esp-aes 256',
  'aes-gcm-128': 'esp-gcm',
  'aes-gcm-256': 'esp-gcm 256',
};
const IOS_ESP_INTEG: Record<string, string> = { md5: 'esp-md5-hmac', sha1: 'esp-sha-hmac', sha256: 'esp-sha256-hmac', sha384: 'esp-sha384-hmac', sha512: 'esp-sha512-hmac' };

function iosTransforms(p2: Phase2Spec): string {
  const e = IOS_ESP_ENC[p2.encryption];
  const i = p2.integrity === 'none' ? '' : IOS_ESP_INTEG[p2.integrity];
  if (!e || i === undefined) throw new GenerateError(`IOS has no transform for ${p2.encryption}/${p2.integrity}`);
  return i ? `${e} ${i}` : e;
}

interface IosParts {
  crypto: string[];
  interfaces: string[][];
  ospf: string[];
  tail: string[];
}

function iosIke(spec: PeerSpec, ipsec: IpsecSpec, peerAddress: string, parts: IosParts): { profile?: string } {
  const p1 = ipsec.phase1;
  const key = ipsec.psk.value;
  if (ipsec.ikeVersion === 1) {
    const enc = iosEncryptionKeyword(p1.encryption);
    const hash = { md5: 'md5', sha1: 'sha', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' }[p1.hash];
    if (!enc || !hash) throw new GenerateError(`IOS IKEv1 has no ${p1.encryption}/${p1.hash}`);
    parts.crypto.push('crypto isakmp policy 10', ` encr ${enc}`, ` hash ${hash}`, ' authentication pre-share', ` group ${dhNumber(p1.dh)}`, ` lifetime ${p1.lifetime}`);
    // IPv6: `address ipv6 PREFIX` (Cisco, "Implementing IPsec in IPv6 Security": `crypto isakmp key … address ipv6 …/128`).
    parts.crypto.push(`crypto isakmp key ${key} address ${isIpv6Text(peerAddress) ? `ipv6 ${peerAddress}/128` : peerAddress}`, '!');
    return {};
  }
  const integ = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' }[p1.hash];
  if (!integ || !/^(3?des|aes-cbc-\d+)$/.test(p1.encryption)) throw new GenerateError(`IOS IKEv2 proposal cannot express ${p1.encryption}/${p1.hash}`);
  parts.crypto.push('crypto ikev2 proposal NETCFG-IKEV2', ` encryption ${p1.encryption}`, ` integrity ${integ}`, ` group ${dhNumber(p1.dh)}`, '!');
  parts.crypto.push('crypto ikev2 policy NETCFG-IKEV2', ' proposal NETCFG-IKEV2', '!');
  // An IPv6 keyring peer and identity take a prefix (`address 2001:db8::1/128`), an IPv4 one an address and mask.
  const v6 = isIpv6Text(peerAddress);
  parts.crypto.push('crypto ikev2 keyring NETCFG-KEYRING', ` peer ${spec.source.name.replace(/\s+/g, '-')}`, `  address ${v6 ? `${peerAddress}/128` : peerAddress}`, `  pre-shared-key ${key}`, '!');
  parts.crypto.push(
    'crypto ikev2 profile NETCFG-PROFILE',
    ` match identity remote address ${v6 ? `${peerAddress}/128` : `${peerAddress} 255.255.255.255`}`,
    ' authentication remote pre-share',
    ' authentication local pre-share',
    ' keyring local NETCFG-KEYRING',
    ` lifetime ${Math.min(p1.lifetime, 86400)}`,
    '!',
  );
  return { profile: 'NETCFG-PROFILE' };
}

function iosPhase2Lines(ipsec: IpsecSpec, profile: string | undefined): string[] {
  const out: string[] = [];
  if (ipsec.pfs !== 'none') out.push(` set pfs group${dhNumber(ipsec.pfs)}`);
  out.push(` set security-association lifetime seconds ${ipsec.phase2Lifetime}`);
  if (profile) out.push(` set ikev2-profile ${profile}`);
  return out;
}

function iosOspfInterface(o: OspfSpec, tunnel: boolean): string[] {
  const out: string[] = [];
  const key = o.auth.key?.value;
  if (o.auth.type === 'simple') out.push(' ip ospf authentication', ` ip ospf authentication-key ${key ?? PSK_PLACEHOLDER}`);
  else if (o.auth.type === 'keyed-md5') out.push(' ip ospf authentication message-digest', ` ip ospf message-digest-key ${o.auth.keyId ?? 1} md5 ${key ?? PSK_PLACEHOLDER}`);
  else if (o.auth.type !== 'none') throw new GenerateError(`OSPF ${o.auth.type} authentication needs an IOS key chain, which netcfg does not generate`);
  const nt = IOS_NETWORK_KEYWORD[o.networkType];
  if (!nt) throw new GenerateError(`IOS has no OSPF network type ${o.networkType} on an interface`);
  // A tunnel's default type is point-to-point, an Ethernet's broadcast: write the type unless it is the default.
  if (tunnel || o.networkType !== 'broadcast') out.push(` ip ospf network ${nt}`);
  const [h, d] = IOS_DEFAULT_TIMERS[o.networkType];
  if (o.hello !== h) out.push(` ip ospf hello-interval ${o.hello}`);
  if (o.dead !== d || o.hello !== h) out.push(` ip ospf dead-interval ${o.dead}`);
  if (o.priority !== undefined) out.push(` ip ospf priority ${o.priority}`);
  if (o.cost !== undefined) out.push(` ip ospf cost ${o.cost}`);
  return out;
}

function iosRouterOspf(o: OspfSpec): string[] {
  const out = [`router ospf ${o.processId}`];
  if (o.routerId) out.push(` router-id ${o.routerId}`);
  const area = areaText(o.area);
  if (o.areaType !== 'normal') out.push(` area ${area} ${o.areaType}`);
  out.push(` network ${prefixWords(o.prefix, true)} area ${area}`);
  for (const n of o.networks) out.push(` network ${prefixWords(n, true)} area ${area}`);
  for (const n of o.neighbors) out.push(` neighbor ${n}`);
  out.push('!');
  return out;
}

export function emitIos(spec: PeerSpec): string {
  const parts: IosParts = { crypto: [], interfaces: [], ospf: [], tail: [] };
  const f = spec.facts;
  const wan = f.wan;
  const lanItf = f.lanInterface ?? 'GigabitEthernet0/1';
  const wanLines = [`interface ${wan}`, ` description WAN${spec.scenario.kind === 'ospf-neighbor' ? '' : ` (to ${spec.source.name} ${spec.remote})`}`, iosAddressLine(spec.local, f.wanPrefixLength ?? 24)];
  const lan = lanAddress(f.lan);
  const lanLines = lan ? [`interface ${lanItf}`, ' description LAN', iosAddressLine(lan.address, lan.length)] : [];
  const s = spec.scenario;

  if (s.kind === 'site-to-site' && spec.ipsec) {
    const ipsec = spec.ipsec;
    const { profile } = iosIke(spec, ipsec, spec.remote, parts);
    parts.crypto.push(`crypto ipsec transform-set NETCFG-TS ${iosTransforms(ipsec.phase2)}`, ` mode ${ipsec.phase2.mode}`, '!');
    if (s.binding === 'policy') {
      parts.crypto.push('crypto map NETCFG-MAP 10 ipsec-isakmp', ` description to ${spec.source.name}`, ` set peer ${spec.remote}`, ' set transform-set NETCFG-TS');
      pushAll(parts.crypto, iosPhase2Lines(ipsec, profile));
      parts.crypto.push(' match address NETCFG-ACL', '!');
      wanLines.push(' crypto map NETCFG-MAP');
      parts.tail.push('ip access-list extended NETCFG-ACL');
      for (const sel of ipsec.selectors) parts.tail.push(` permit ${iosAclLine(sel)}`);
      parts.tail.push('!');
    } else {
      const t = spec.tunnel;
      parts.crypto.push('crypto ipsec profile NETCFG-IPSEC', ' set transform-set NETCFG-TS');
      pushAll(parts.crypto, iosPhase2Lines(ipsec, profile), '!');
      const tl = ['interface Tunnel0', ` description to ${spec.source.name}`];
      if (t?.address && t.prefixLength !== undefined) tl.push(iosAddressLine(t.address, t.prefixLength));
      // The mode names the underlay's family: `gre ip`/`gre ipv6`, `ipsec ipv4`/`ipsec ipv6`.
      const under6 = isIpv6Text(spec.local);
      tl.push(` tunnel source ${wan}`, ` tunnel mode ${t?.mode === 'gre' ? (under6 ? 'gre ipv6' : 'gre ip') : under6 ? 'ipsec ipv6' : 'ipsec ipv4'}`, ` tunnel destination ${spec.remote}`);
      if (t?.key) tl.push(` tunnel key ${t.key}`);
      tl.push(' tunnel protection ipsec profile NETCFG-IPSEC');
      parts.interfaces.push(tl);
      for (const sel of ipsec.selectors) if (!isAnyPrefix(sel.remote)) parts.tail.push(iosRoute(sel.remote, 'Tunnel0'));
      if (parts.tail.length) parts.tail.push('!');
    }
  } else if (s.kind === 'dmvpn-spoke' && spec.tunnel && spec.nhrp) {
    const t = spec.tunnel;
    const n = spec.nhrp;
    let profile: string | undefined;
    if (spec.ipsec) {
      profile = iosIke(spec, spec.ipsec, n.nbma, parts).profile;
      parts.crypto.push(`crypto ipsec transform-set NETCFG-TS ${iosTransforms(spec.ipsec.phase2)}`, ` mode ${spec.ipsec.phase2.mode}`, '!');
      parts.crypto.push('crypto ipsec profile NETCFG-DMVPN', ' set transform-set NETCFG-TS');
      pushAll(parts.crypto, iosPhase2Lines(spec.ipsec, profile), '!');
    }
    const tl = ['interface Tunnel0', ` description DMVPN spoke of ${spec.source.name}`];
    if (t.address && t.prefixLength !== undefined) tl.push(` ip address ${t.address} ${mask(t.prefixLength)}`);
    if (t.mtu) tl.push(` ip mtu ${t.mtu}`);
    tl.push(' no ip redirects');
    if (n.auth) tl.push(` ip nhrp authentication ${n.auth.value}`);
    tl.push(` ip nhrp map ${n.nhs} ${n.nbma}`);
    if (n.multicastToHub) tl.push(` ip nhrp map multicast ${n.nbma}`);
    if (n.networkId) tl.push(` ip nhrp network-id ${n.networkId}`);
    if (n.holdtime) tl.push(` ip nhrp holdtime ${n.holdtime}`);
    tl.push(` ip nhrp nhs ${n.nhs}`);
    if (spec.ospf) pushAll(tl, iosOspfInterface(spec.ospf, true));
    tl.push(` tunnel source ${wan}`, ' tunnel mode gre multipoint');
    if (t.key) tl.push(` tunnel key ${t.key}`);
    if (spec.ipsec) tl.push(' tunnel protection ipsec profile NETCFG-DMVPN');
    parts.interfaces.push(tl);
    if (spec.ospf) pushAll(parts.ospf, iosRouterOspf(spec.ospf));
  } else if (s.kind === 'ospf-neighbor' && spec.ospf) {
    const o = spec.ospf;
    wanLines[0] = `interface ${o.interfaceName}`;
    wanLines[1] = ` description OSPF link to ${spec.source.name}`;
    wanLines[2] = ` ip address ${o.address} ${mask(prefixLength(o.prefix))}`;
    pushAll(wanLines, iosOspfInterface(o, false));
    pushAll(parts.ospf, iosRouterOspf(o));
  } else {
    throw new GenerateError(`Cisco IOS is not a target for ${scenarioText(spec)}`);
  }

  const out: string[] = [...header(spec, '!', 'Cisco IOS / IOS-XE'), '!', `hostname ${f.hostname}`, '!'];
  pushAll(out, parts.crypto);
  for (const itf of parts.interfaces) pushAll(out, itf, '!');
  pushAll(out, wanLines, '!');
  if (lanLines.length && spec.scenario.kind !== 'ospf-neighbor') pushAll(out, lanLines, '!');
  else if (lanLines.length && spec.ospf?.networks.length) pushAll(out, lanLines, '!');
  pushAll(out, parts.ospf);
  if (f.gateway) out.push(isIpv6Text(f.gateway) ? `ipv6 route ::/0 ${f.gateway}` : `ip route 0.0.0.0 0.0.0.0 ${f.gateway}`, '!');
  pushAll(out, parts.tail);
  out.push('end', '');
  return out.join('\n');
}

function iosAclLine(sel: SelectorSpec): string {
  const proto = sel.protocol === 'ip' || sel.protocol === 'all' ? 'ip' : sel.protocol;
  const lp = sel.localPort ? ` eq ${sel.localPort}` : '';
  const rp = sel.remotePort ? ` eq ${sel.remotePort}` : '';
  return `${proto} ${prefixWords(sel.local, true)}${lp} ${prefixWords(sel.remote, true)}${rp}`;
}

// ------------------------------------------------------------------ ASA

const ASA_ESP_ENC_V1: Record<string, string> = { des: 'esp-des', '3des': 'esp-3des', 'aes-cbc-128': 'esp-aes', 'aes-cbc-192': 'esp-aes-192', 'aes-cbc-256': 'esp-aes-256' };
const ASA_ESP_INTEG_V1: Record<string, string> = { md5: 'esp-md5-hmac', sha1: 'esp-sha-hmac' };
const ASA_ENC_V2: Record<string, string> = { des: 'des', '3des': '3des', 'aes-cbc-128': 'aes', 'aes-cbc-192': 'aes-192', 'aes-cbc-256': 'aes-256', 'aes-gcm-128': 'aes-gcm', 'aes-gcm-192': 'aes-gcm-192', 'aes-gcm-256': 'aes-gcm-256' };
const ASA_ESP_INTEG_V2: Record<string, string> = { md5: 'md5', sha1: 'sha-1', sha256: 'sha-256', sha384: 'sha-384', sha512: 'sha-512', none: 'null' };
const ASA_HASH: Record<string, string> = { md5: 'md5', sha1: 'sha', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

function asaAclLine(sel: SelectorSpec): string {
  const w = (cidr: string) => (prefixLength(cidr) === 32 ? `host ${cidr.split('/')[0]}` : prefixLength(cidr) === 0 ? 'any4' : prefixWords(cidr, false));
  const proto = sel.protocol === 'ip' || sel.protocol === 'all' ? 'ip' : sel.protocol;
  const lp = sel.localPort ? ` eq ${sel.localPort}` : '';
  const rp = sel.remotePort ? ` eq ${sel.remotePort}` : '';
  return `${proto} ${w(sel.local)}${lp} ${w(sel.remote)}${rp}`;
}

export function emitAsa(spec: PeerSpec): string {
  const f = spec.facts;
  const nameif = f.wan;
  const out: string[] = [...header(spec, ':', 'Cisco ASA'), `hostname ${f.hostname}`, '!'];
  const lan = lanAddress(f.lan);
  const s = spec.scenario;
  const o = spec.ospf;
  out.push('interface GigabitEthernet0/0', ` nameif ${nameif}`, ' security-level 0');
  if (s.kind === 'ospf-neighbor' && o) {
    out.push(` ip address ${o.address} ${mask(prefixLength(o.prefix))}`);
    const key = o.auth.key?.value ?? PSK_PLACEHOLDER;
    if (o.auth.type === 'simple') out.push(' ospf authentication', ` ospf authentication-key ${key}`);
    else if (o.auth.type === 'keyed-md5') out.push(' ospf authentication message-digest', ` ospf message-digest-key ${o.auth.keyId ?? 1} md5 ${key}`);
    else if (o.auth.type !== 'none') throw new GenerateError(`the ASA has no OSPF ${o.auth.type} authentication on an interface`);
    if (o.networkType !== 'broadcast') throw new GenerateError(`the ASA cannot match OSPF network type ${o.networkType} (broadcast or point-to-point non-broadcast only)`);
    if (o.hello !== 10) out.push(` ospf hello-interval ${o.hello}`);
    if (o.dead !== 40 || o.hello !== 10) out.push(` ospf dead-interval ${o.dead}`);
  } else out.push(` ip address ${spec.local} ${mask(f.wanPrefixLength ?? 24)}`);
  out.push('!');
  if (lan && (s.kind !== 'ospf-neighbor' || o?.networks.length)) out.push('interface GigabitEthernet0/1', ` nameif ${f.lanInterface ?? 'inside'}`, ' security-level 100', ` ip address ${lan.address} ${mask(lan.length)}`, '!');

  if (s.kind === 'ospf-neighbor' && o) {
    out.push(`router ospf ${o.processId}`);
    if (o.routerId) out.push(` router-id ${o.routerId}`);
    const area = areaText(o.area);
    out.push(` network ${prefixWords(o.prefix, false)} area ${area}`);
    for (const n of o.networks) out.push(` network ${prefixWords(n, false)} area ${area}`);
    if (o.areaType !== 'normal') out.push(` area ${area} ${o.areaType}`);
    out.push('!');
  } else if (s.kind === 'site-to-site' && spec.ipsec) {
    const ipsec = spec.ipsec;
    const route = s.binding === 'route';
    const t = spec.tunnel;
    // A VTI (ASA 9.7+): the ASA has no GRE, and its VTIs are IPsec tunnels only.
    if (route && t?.mode !== 'ipsec') throw new GenerateError(`the ASA has no GRE: ${spec.source.name}'s tunnel is GRE over IPsec, which an ASA cannot terminate (make it \`tunnel mode ipsec ipv4\`, or generate policy-based)`);
    if (!route) {
      for (const sel of ipsec.selectors) out.push(`access-list NETCFG-ACL extended permit ${asaAclLine(sel)}`);
      out.push('!');
    }
    const p2 = ipsec.phase2;
    const v = ipsec.ikeVersion;
    if (v === 1) {
      const e = ASA_ESP_ENC_V1[p2.encryption];
      const i = ASA_ESP_INTEG_V1[p2.integrity];
      if (!e || !i) throw new GenerateError(`ASA IKEv1 transform sets have no ${p2.encryption}/${p2.integrity}`);
      out.push(`crypto ipsec ikev1 transform-set NETCFG-TS ${e} ${i}`);
      if (p2.mode === 'transport') out.push('crypto ipsec ikev1 transform-set NETCFG-TS mode transport');
    } else {
      const e = ASA_ENC_V2[p2.encryption];
      const i = ASA_ESP_INTEG_V2[p2.integrity];
      if (!e || !i) throw new GenerateError(`ASA IKEv2 IPsec proposals have no ${p2.encryption}/${p2.integrity}`);
      out.push('crypto ipsec ikev2 ipsec-proposal NETCFG-PROP', ` protocol esp encryption ${e}`, ` protocol esp integrity ${i}`);
    }
    if (route) {
      out.push('crypto ipsec profile NETCFG-VTI', v === 1 ? ' set ikev1 transform-set NETCFG-TS' : ' set ikev2 ipsec-proposal NETCFG-PROP');
      if (ipsec.pfs !== 'none') out.push(` set pfs group${dhNumber(ipsec.pfs)}`);
      out.push(` set security-association lifetime seconds ${ipsec.phase2Lifetime}`);
    } else {
      out.push('crypto map NETCFG-MAP 10 match address NETCFG-ACL', `crypto map NETCFG-MAP 10 set peer ${spec.remote}`);
      out.push(v === 1 ? 'crypto map NETCFG-MAP 10 set ikev1 transform-set NETCFG-TS' : 'crypto map NETCFG-MAP 10 set ikev2 ipsec-proposal NETCFG-PROP');
      if (ipsec.pfs !== 'none') out.push(`crypto map NETCFG-MAP 10 set pfs group${dhNumber(ipsec.pfs)}`);
      out.push(`crypto map NETCFG-MAP 10 set security-association lifetime seconds ${ipsec.phase2Lifetime}`);
      out.push(`crypto map NETCFG-MAP interface ${nameif}`);
    }
    const p1 = ipsec.phase1;
    const enc = ASA_ENC_V2[p1.encryption];
    const hash = ASA_HASH[p1.hash];
    if (!enc || !hash || /gcm/.test(p1.encryption)) throw new GenerateError(`ASA IKE policies have no ${p1.encryption}/${p1.hash}`);
    if (v === 1) out.push('crypto ikev1 enable ' + nameif, 'crypto ikev1 policy 10', ' authentication pre-share', ` encryption ${enc}`, ` hash ${hash}`, ` group ${dhNumber(p1.dh)}`, ` lifetime ${p1.lifetime}`);
    else out.push('crypto ikev2 policy 10', ` encryption ${enc}`, ` integrity ${hash}`, ` group ${dhNumber(p1.dh)}`, ` prf ${hash}`, ` lifetime seconds ${p1.lifetime}`, 'crypto ikev2 enable ' + nameif);
    out.push('!', `tunnel-group ${spec.remote} type ipsec-l2l`, `tunnel-group ${spec.remote} ipsec-attributes`);
    if (v === 1) out.push(` ikev1 pre-shared-key ${ipsec.psk.value}`);
    else out.push(` ikev2 remote-authentication pre-shared-key ${ipsec.psk.value}`, ` ikev2 local-authentication pre-shared-key ${ipsec.psk.value}`);
    out.push('!');
    if (route) {
      out.push('interface Tunnel1', ' nameif vti');
      if (t?.address && t.prefixLength !== undefined) out.push(` ip address ${t.address} ${mask(t.prefixLength)}`);
      out.push(` tunnel source interface ${nameif}`, ` tunnel destination ${spec.remote}`, ' tunnel mode ipsec ipv4', ' tunnel protection ipsec profile NETCFG-VTI', '!');
      // An ASA static route names a next hop: the source's tunnel address.
      const routes = ipsec.selectors.filter((sel) => !isAnyPrefix(sel.remote));
      if (routes.length && t?.remoteAddress) {
        for (const sel of routes) out.push(`route vti ${prefixWords(sel.remote, false)} ${t.remoteAddress} 1`);
        out.push('!');
      }
    }
    if (f.gateway) out.push(`route ${nameif} 0.0.0.0 0.0.0.0 ${f.gateway} 1`, '!');
  } else {
    throw new GenerateError(`Cisco ASA is not a target for ${scenarioText(spec)} (site-to-site and OSPF only)`);
  }
  out.push('end', '');
  return out.join('\n');
}
