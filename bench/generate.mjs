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
