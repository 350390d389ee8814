// Seeded generator of a synthetic IOS/ASA fleet for `npm run bench`: hub-and-spoke IPsec (crypto maps with
// mirrored ACLs and matching keys), OSPF on shared subnets, ACLs, SNMP, padding interfaces — realistic shapes,
// so the benchmark exercises parsing, lowering, pairing and the cross-file checks.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Small deterministic PRNG (mulberry32) so every run generates the same workspace. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function iosDevice(i, nDevices, rand, linesPerDevice) {
  const out = [];
  const hub = i % 10 === 0;
  const wan = `172.16.${i >> 8}.${(i & 255) || 1}`;
  const hubIndex = i - (i % 10);
  const hubWan = `172.16.${hubIndex >> 8}.${(hubIndex & 255) || 1}`;
  out.push('!', `version 15.${Math.floor(rand() * 9)}`, `hostname r${i}`, '!');
  out.push('crypto isakmp policy 10', ' encryption aes 256', ' hash sha256', ' authentication pre-share', ' group 14', '!');
  out.push('crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac', ' mode tunnel', '!');
  const peers = hub ? Array.from({ length: 9 }, (_, k) => i + k + 1).filter((p) => p < nDevices) : [hubIndex];
  peers.forEach((p, k) => {
    const pw = `172.16.${p >> 8}.${(p & 255) || 1}`;
    out.push(`crypto isakmp key bench-key-${Math.min(i, p)}-${Math.max(i, p)} address ${hub ? pw : hubWan}`);
    out.push(`ip access-list extended VPN-${p}`);
    const [a, b] = hub ? [i, p] : [i, p];
    out.push(` permit ip 10.${a >> 8}.${a & 255}.0 0.0.0.255 10.${b >> 8}.${b & 255}.0 0.0.0.255`);
    out.push(`crypto map VPN ${10 + k * 10} ipsec-isakmp`, ` set peer ${hub ? pw : hubWan}`, ' set transform-set TS', ' set pfs group14', ` match address VPN-${p}`, '!');
  });
  out.push('interface GigabitEthernet0/0', ' description WAN', ` ip address ${wan} 255.255.0.0`, ' crypto map VPN', ' no shutdown', '!');
  out.push('interface GigabitEthernet0/1', ' description LAN', ` ip address 10.${i >> 8}.${i & 255}.1 255.255.255.0`, ' ip ospf 1 area 0', '!');
  out.push('router ospf 1', ` router-id 192.0.${i >> 8}.${i & 255}`, ' passive-interface default', ' no passive-interface GigabitEthernet0/1', '!');
  out.push('access-list 20 permit host 192.0.2.10', 'access-list 20 deny any', 'snmp-server group NMS v3 priv access 20', '!');
  let n = 0;
  while (out.length < linesPerDevice - 2) {
    const v = 100 + n++;
    out.push(`interface GigabitEthernet1/0.${v}`, ` description customer ${Math.floor(rand() * 1e6)}`, ` encapsulation dot1Q ${v}`, ` ip address 10.${100 + (v >> 8)}.${v & 255}.${(i % 250) + 1} 255.255.255.0`, ' no ip redirects', ' no shutdown', '!');
  }
  out.push('end', '');
  return out.join('\n');
}

function asaDevice(i, rand, linesPerDevice) {
  const out = [': Saved', `ASA Version 9.${Math.floor(rand() * 16)}(1)`, `hostname asa${i}`, '!'];
  out.push('interface GigabitEthernet0/0', ' nameif outside', ' security-level 0', ` ip address 198.51.${i >> 8}.${(i & 255) || 1} 255.255.255.0`, '!');
  out.push('interface GigabitEthernet0/1', ' nameif inside', ' security-level 100', ` ip address 10.200.${i & 255}.1 255.255.255.0`, '!');
  out.push('crypto ikev1 policy 10', ' authentication pre-share', ' encryption aes-256', ' hash sha', ' group 14', ' lifetime 86400');
  out.push('crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac', 'crypto dynamic-map DYN 10 set ikev1 transform-set TS', 'crypto map OUT 65535 ipsec-isakmp dynamic DYN', 'crypto map OUT interface outside', 'crypto ikev1 enable outside');
  out.push('ip local pool RA 10.201.0.1-10.201.0.254 mask 255.255.255.0', 'group-policy GP internal', 'group-policy GP attributes', ' split-tunnel-policy tunnelspecified', ' split-tunnel-network-list value SPLIT');
  out.push('access-list SPLIT standard permit 10.200.0.0 255.255.0.0', 'tunnel-group RA type remote-access', 'tunnel-group RA general-attributes', ' address-pool RA', ' default-group-policy GP', 'tunnel-group RA ipsec-attributes', ' ikev1 pre-shared-key *****');
  let n = 0;
  while (out.length < linesPerDevice - 1) {
    n++;
    out.push(`access-list OUTSIDE_IN extended permit tcp any host 198.51.${i >> 8}.${(n & 127) + 2} eq ${1000 + Math.floor(rand() * 5000)}`);
    out.push(`object network OBJ-${n}`, ` host 10.200.${i & 255}.${(n % 250) + 2}`);
  }
  out.push('');
  return out.join('\n');
}

/**
 * Writes `devices` config files with about `lines` lines in total under `dir` (90% IOS, 10% ASA).
 * Returns { files, lines }.
 */
export function generate(dir, { devices = 200, lines = 200_000, seed = 42 } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const rand = rng(seed);
  const perDevice = Math.max(60, Math.floor(lines / devices));
  let total = 0;
  for (let i = 0; i < devices; i++) {
    const asa = i % 10 === 5;
    const text = asa ? asaDevice(i, rand, perDevice) : iosDevice(i, devices, rand, perDevice);
    total += text.split('\n').length - 1;
    fs.writeFileSync(path.join(dir, asa ? `asa${i}.asa` : `r${i}.ios`), text);
  }
  return { files: devices, lines: total };
}

// ---- DMVPN-heavy fleet (issue 16): one IOS hub, IOS spokes on one mGRE /16 with NHRP, tunnel protection and
// OSPF (broadcast, spokes priority 0) over the tunnel; ASA and RouterOS branches with crypto-map IPsec to the hub;
// BIRD cores on ten LAN segments shared with the hub. Real syntax of each dialect (checked without syntax errors).

const HUB_NBMA = '198.51.100.1';
const spokeNbma = (i) => `100.${64 + (i >> 8)}.${i & 255}.2`;
const branchNbma = (i) => `203.${i >> 8}.${i & 255}.1`;

/** IOS padding lines: static routes and a standard ACL, `n` lines. */
function iosPadding(out, i, n, rand) {
  const target = out.length + n;
  let k = 0;
  while (out.length < target - 3) {
    const v = k++;
    if (v % 3 === 0) out.push(`ip route 10.${128 + ((v >> 8) & 63)}.${v & 255}.0 255.255.255.0 Tunnel0 ${Math.floor(rand() * 200) + 1}`);
    else out.push(`access-list ${(i % 90) + 10} permit 10.${(v >> 8) & 255}.${v & 255}.0 0.0.0.255`);
  }
  out.push('!', 'end', '');
}

function dmvpnHub({ spokes, asas, routeros, segments }, lines, rand) {
  const out = ['!', 'version 15.9', 'service timestamps log datetime msec', 'hostname hub', '!'];
  out.push('crypto isakmp policy 10', ' encr aes 256', ' hash sha256', ' authentication pre-share', ' group 14', '!');
  out.push('crypto isakmp key DMVPN-cloud-key address 0.0.0.0 0.0.0.0');
  const branches = asas + routeros;
  for (let b = 0; b < branches; b++) out.push(`crypto isakmp key branch-key-${b} address ${branchNbma(b)}`);
  out.push('!', 'crypto ipsec transform-set DMVPN-TS esp-aes 256 esp-sha256-hmac', ' mode transport', '!');
  out.push('crypto ipsec transform-set BRANCH-TS esp-aes 256 esp-sha256-hmac', ' mode tunnel', '!');
  out.push('crypto ipsec profile DMVPN', ' set transform-set DMVPN-TS', ' set pfs group14', '!');
  for (let b = 0; b < branches; b++) {
    out.push(`ip access-list extended BRANCH-${b}`, ` permit ip 10.0.0.0 0.255.255.255 172.${16 + (b >> 8)}.${b & 255}.0 0.0.0.255`);
    out.push(`crypto map BRANCHES ${10 + b * 10} ipsec-isakmp`, ` set peer ${branchNbma(b)}`, ' set transform-set BRANCH-TS', ' set pfs group14', ` match address BRANCH-${b}`, '!');
  }
  out.push('interface Loopback0', ' ip address 192.0.2.1 255.255.255.255', '!');
  out.push('interface Tunnel0', ' description DMVPN cloud', ' ip address 10.0.0.1 255.255.0.0', ' no ip redirects', ' ip mtu 1400', ' ip tcp adjust-mss 1360');
  out.push(' ip nhrp authentication NHRPauth', ' ip nhrp map multicast dynamic', ' ip nhrp network-id 100', ' ip nhrp redirect');
  out.push(' ip ospf network broadcast', ' ip ospf priority 255', ' tunnel source GigabitEthernet0/0', ' tunnel mode gre multipoint', ' tunnel key 100', ' tunnel protection ipsec profile DMVPN', '!');
  out.push('interface GigabitEthernet0/0', ' description Internet', ` ip address ${HUB_NBMA} 255.255.255.0`, ' crypto map BRANCHES', ' no shutdown', '!');
  out.push('interface GigabitEthernet0/1', ' no ip address', ' no shutdown', '!');
  for (let g = 0; g < segments; g++) out.push(`interface GigabitEthernet0/1.${10 + g}`, ` description core segment ${g}`, ` encapsulation dot1Q ${10 + g}`, ` ip address 10.254.${g}.1 255.255.255.0`, '!');
  out.push('router ospf 1', ' router-id 192.0.2.1', ' network 10.0.0.0 0.0.255.255 area 0', ' network 10.254.0.0 0.0.255.255 area 0', ' network 192.0.2.1 0.0.0.0 area 0', '!');
  out.push(`ip route 0.0.0.0 0.0.0.0 198.51.100.254`, '!');
  iosPadding(out, 0, Math.max(10, lines - out.length), rand);
  return out.join('\n');
}

function dmvpnSpoke(i, lines, rand) {
  const out = ['!', `version 15.${4 + (i % 6)}`, `hostname spoke${i}`, '!'];
  out.push('crypto isakmp policy 10', ' encr aes 256', ' hash sha256', ' authentication pre-share', ' group 14', '!');
  out.push('crypto isakmp key DMVPN-cloud-key address 0.0.0.0 0.0.0.0', '!');
  out.push('crypto ipsec transform-set DMVPN-TS esp-aes 256 esp-sha256-hmac', ' mode transport', '!');
  out.push('crypto ipsec profile DMVPN', ' set transform-set DMVPN-TS', ' set pfs group14', '!');
  out.push('interface Tunnel0', ' description DMVPN spoke', ` ip address 10.0.${i >> 8}.${i & 255} 255.255.0.0`, ' no ip redirects', ' ip mtu 1400', ' ip tcp adjust-mss 1360');
  out.push(' ip nhrp authentication NHRPauth', ` ip nhrp map 10.0.0.1 ${HUB_NBMA}`, ` ip nhrp map multicast ${HUB_NBMA}`, ' ip nhrp network-id 100', ' ip nhrp nhs 10.0.0.1', ' ip nhrp shortcut');
  out.push(' ip ospf network broadcast', ' ip ospf priority 0', ' tunnel source GigabitEthernet0/0', ' tunnel mode gre multipoint', ' tunnel key 100', ' tunnel protection ipsec profile DMVPN', '!');
  out.push('interface GigabitEthernet0/0', ' description Internet', ` ip address ${spokeNbma(i)} 255.255.255.0`, ' no shutdown', '!');
  out.push('interface GigabitEthernet0/1', ' description LAN', ` ip address 10.${1 + (i >> 8)}.${i & 255}.1 255.255.255.0`, ' no shutdown', '!');
  out.push('router ospf 1', ` router-id 192.0.${2 + (i >> 8)}.${i & 255}`, ' passive-interface GigabitEthernet0/1', ' network 10.0.0.0 0.0.255.255 area 0', ` network 10.${1 + (i >> 8)}.${i & 255}.0 0.0.0.255 area 0`, '!');
  out.push(`ip route 0.0.0.0 0.0.0.0 100.${64 + (i >> 8)}.${i & 255}.1`, '!');
  iosPadding(out, i, Math.max(10, lines - out.length), rand);
  return out.join('\n');
}

function dmvpnAsa(b, lines, rand) {
  const out = [': Saved', `ASA Version 9.${8 + (b % 8)}(2)`, '!', `hostname branch-asa${b}`, '!'];
  out.push('interface GigabitEthernet0/0', ' nameif outside', ' security-level 0', ` ip address ${branchNbma(b)} 255.255.255.0`, '!');
  out.push('interface GigabitEthernet0/1', ' nameif inside', ' security-level 100', ` ip address 172.${16 + (b >> 8)}.${b & 255}.1 255.255.255.0`, '!');
  out.push(`access-list TO-HUB extended permit ip 172.${16 + (b >> 8)}.${b & 255}.0 255.255.255.0 10.0.0.0 255.0.0.0`);
  out.push('crypto ipsec ikev1 transform-set BRANCH-TS esp-aes-256 esp-sha256-hmac');
  out.push('crypto map OUT 10 match address TO-HUB', `crypto map OUT 10 set peer ${HUB_NBMA}`, 'crypto map OUT 10 set ikev1 transform-set BRANCH-TS', 'crypto map OUT 10 set pfs group14', 'crypto map OUT interface outside');
  out.push('crypto ikev1 enable outside', 'crypto ikev1 policy 10', ' authentication pre-share', ' encryption aes-256', ' hash sha256', ' group 14', ' lifetime 86400');
  out.push(`tunnel-group ${HUB_NBMA} type ipsec-l2l`, `tunnel-group ${HUB_NBMA} ipsec-attributes`, ` ikev1 pre-shared-key branch-key-${b}`);
  out.push(`route outside 0.0.0.0 0.0.0.0 ${branchNbma(b).replace(/\d+$/, '254')} 1`);
  let n = 0;
  while (out.length < lines - 1) {
    n++;
    out.push(`object network SRV-${n}`, ` host 172.${16 + (b >> 8)}.${b & 255}.${(n % 250) + 2}`);
    out.push(`access-list OUTSIDE_IN extended permit tcp any object SRV-${n} eq ${1000 + Math.floor(rand() * 5000)}`);
  }
  out.push('');
  return out.join('\n');
}

function dmvpnRouteros(r, b, lines, rand) {
  const lan = `172.${16 + (b >> 8)}.${b & 255}`;
  const out = [`# 2026-01-02 10:00:00 by RouterOS 7.${12 + (r % 4)}`, '/system identity', `set name=branch-mt${r}`];
  out.push('/ip address', `add address=${branchNbma(b)}/24 interface=ether1`, `add address=${lan}.1/24 interface=bridge-lan`);
  out.push('/ip route', `add gateway=${branchNbma(b).replace(/\d+$/, '254')}`);
  out.push('/ip ipsec profile', 'add name=hub dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 lifetime=1d');
  out.push('/ip ipsec peer', `add address=${HUB_NBMA}/32 exchange-mode=main name=hub profile=hub`);
  out.push('/ip ipsec proposal', 'add auth-algorithms=sha256 enc-algorithms=aes-256-cbc lifetime=1h name=hub pfs-group=modp2048');
  out.push('/ip ipsec identity', `add peer=hub secret=branch-key-${b}`);
  out.push('/ip ipsec policy', `add dst-address=10.0.0.0/8 peer=hub proposal=hub src-address=${lan}.0/24 tunnel=yes`);
  out.push('/ip firewall filter');
  let n = 0;
  while (out.length < lines - 1) {
    n++;
    out.push(`add action=accept chain=forward dst-address=${lan}.${(n % 250) + 2} dst-port=${1000 + Math.floor(rand() * 5000)} protocol=tcp comment="service ${n}"`);
  }
  out.push('');
  return out.join('\n');
}

function dmvpnBird(c, segments, lines) {
  const g = c % segments;
  const out = [`# core${c}: BIRD 2 on core segment ${g}`, `router id 10.253.${c >> 8}.${(c & 255) + 1};`, '', 'protocol device {', '\tscan time 10;', '}', ''];
  out.push('protocol kernel {', '\tipv4 {', '\t\timport none;', '\t\texport where source = RTS_OSPF;', '\t};', '}', '');
  out.push('protocol ospf v2 core {', '\tipv4 {', '\t\timport all;', '\t\texport where source = RTS_STATIC;', '\t};', '\tarea 0 {', `\t\tinterface "eth0" 10.254.${g}.0/24 {`, '\t\t\tcost 10;', '\t\t\thello 10;', '\t\t\tdead 40;', '\t\t};', '\t};', '}', '');
  out.push('protocol static {', '\tipv4;');
  let n = 0;
  while (out.length < lines - 2) {
    n++;
    out.push(`\troute 10.${192 + ((c >> 4) & 31)}.${((c & 15) << 4) + ((n >> 8) & 15)}.${n & 255}/32 via 10.254.${g}.1;`);
  }
  out.push('}', '');
  return out.join('\n');
}

/**
 * The DMVPN-heavy fleet as `{ name: text }`: a hub, `spokes` IOS spokes, `asas` ASA and `routeros` RouterOS branches
 * (IPsec to the hub), `bird` BIRD cores; `lines` in total (about). Spoke addresses stay unique up to 16,000 spokes.
 */
export function dmvpnFleet({ spokes = 699, asas = 100, routeros = 100, bird = 100, lines = 940_000, seed = 16 } = {}) {
  const rand = rng(seed);
  const files = 1 + spokes + asas + routeros + bird;
  const per = Math.max(60, Math.floor(lines / files));
  const segments = Math.max(1, Math.min(10, bird));
  const res = {};
  res['hub.ios'] = dmvpnHub({ spokes, asas, routeros, segments }, per, rand);
  for (let i = 2; i < spokes + 2; i++) res[`spoke${i}.ios`] = dmvpnSpoke(i, per, rand);
  for (let b = 0; b < asas; b++) res[`branch-asa${b}.asa`] = dmvpnAsa(b, per, rand);
  for (let r = 0; r < routeros; r++) res[`branch-mt${r}.rsc`] = dmvpnRouteros(r, asas + r, per, rand);
  for (let c = 0; c < bird; c++) res[`core${c}.conf`] = dmvpnBird(c, segments, per);
  return res;
}

/** Writes `dmvpnFleet(options)` under `dir`. Returns { files, lines }. */
export function generateDmvpn(dir, options = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let files = 0;
  let total = 0;
  for (const [name, text] of Object.entries(dmvpnFleet(options))) {
    fs.writeFileSync(path.join(dir, name), text);
    files++;
    total += text.split('\n').length - 1;
  }
  return { files, lines: total };
}
