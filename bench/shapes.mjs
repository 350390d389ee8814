// Generators of the hostile shapes of issue 15 (the inputs of /work/shared/repro, generated in memory), shared by
// bench/hostile.mjs. Pure functions: text out.

/** One RouterOS command continued with `\` over `n` physical lines. */
export function routerosContinuation(n) {
  const out = ['/ip firewall filter', 'add chain=forward \\'];
  for (let i = 1; i <= n - 3; i++) out.push(`    comment=c${i} \\`);
  out.push('    action=accept', '');
  return out.join('\n');
}

/** One RouterOS menu line with `n` `/`-separated segments (3 bytes each). */
export function routerosMenuPath(n) {
  return `/interface /${'ab/'.repeat(n)}\n`;
}

/** One RouterOS line whose menu path runs into an `n`-character word. */
export function routerosLongWord(n) {
  return `/routing bgp connection${'x'.repeat(n)}\n`;
}

/** `lines` lines of `ike }{}{…` (`pairs` `}{` pairs each): 40 × 25,000 is the 2 MB fuzz input. */
export function openbsdBraceSoup(lines, pairs = 25_000) {
  const line = `ike ${'}{'.repeat(pairs)}`;
  return `${Array.from({ length: lines }, () => line).join('\n')}\n`;
}

/** An ike rule whose destination opens `n` nested `{` lists. */
export function openbsdNested(n) {
  return `ike esp from ${'{ '.repeat(n)}\n`;
}

/** A swanctl.conf whose one `local_addrs` setting lists `n` space-separated addresses (fuzz: quadratic before). */
export function swanctlLongValue(n) {
  return `connections {\n  c {\n    version = 2\n    local_addrs = ${Array.from({ length: n }, (_, i) => `10.0.${(i >> 8) & 255}.${i & 255}`).join(' ')}\n  }\n}\n`;
}

/** An ipsec.secrets line of `n` `:` characters, the cursor at its end (fuzz: the secret-type test backtracked). */
export function secretsColons(n) {
  return `: PSK "k"\n${':'.repeat(n)}x`;
}

/** An IOS router with `n` pre-shared keys and `n` crypto map peers (fuzz: key selection was keys × peers). */
export function iosManyPeers(n) {
  const out = ['hostname many', 'crypto isakmp policy 10', ' encr aes 256', ' authentication pre-share', ' group 14'];
  const peer = (i) => `198.${18 + ((i >> 16) & 1)}.${(i >> 8) & 255}.${i & 255}`;
  for (let i = 0; i < n; i++) out.push(`crypto isakmp key k${i} address ${peer(i)}`);
  out.push('crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac');
  for (let i = 0; i < n; i++) out.push(`crypto map M ${i + 1} ipsec-isakmp`, ` set peer ${peer(i)}`, ' set transform-set TS', ' match address ACL');
  out.push('ip access-list extended ACL', ' permit ip 10.0.0.0 0.0.0.255 10.1.0.0 0.0.0.255', 'interface GigabitEthernet0/0', ' ip address 203.0.113.1 255.255.255.0', ' crypto map M', '');
  return out.join('\n');
}

/** `n` ordinary OpenBSD rules (for heap per line). */
export function openbsdLines(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(`ike esp from 10.${(i >> 8) & 255}.${i & 255}.0/24 to 10.200.${i & 255}.0/24 peer 192.0.2.${(i % 250) + 1} psk "k${i}"`);
  return `${out.join('\n')}\n`;
}

/** An IOS file with one extended ACL of `n` lines, plus an ISAKMP policy. */
export function iosAcl(n) {
  const out = ['hostname acl', 'crypto isakmp policy 10', ' encryption aes 256', ' group 14', 'ip access-list extended BIG'];
  for (let i = 1; i <= n; i++) out.push(` permit tcp any host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} eq ${(i % 65000) + 1}`);
  return `${out.join('\n')}\n`;
}


/** A realistic ipsec.conf of about `n` lines: per site a comment, a macro, an ike rule with both phases, a flow. */
export function openbsdConfig(n) {
  const out = [];
  for (let i = 0; out.length < n; i++) {
    const a = (i >> 8) & 255;
    const b = i & 255;
    out.push(`# site ${i}`, `gw${i} = "192.0.${a}.${b}"`);
    out.push(`ike esp from 10.1.${a}.${b} to 10.2.${a}.0/24 peer $gw${i} main auth hmac-sha2-256 enc aes-256 group modp2048 quick auth hmac-sha2-256 enc aes-256 group modp2048 psk "secret-${i}"`);
    out.push(`flow esp from 10.3.${a}.${b} to 10.4.${a}.0/24 peer $gw${i}`, '');
  }
  return `${out.join('\n')}\n`;
}

// ---- Fleet-scale shapes of issue 16 (`shapes` section of `npm run bench`): one big file of each dialect, about `n`
// lines of realistic syntax. Addresses come from a counter spread over valid octets.

/** One IOS router of about `n` lines: subinterfaces, extended ACLs, prefix lists, route maps, static routes. */
export function iosFile(n) {
  const out = ['!', 'version 17.9', 'hostname big', '!', 'crypto isakmp policy 10', ' encryption aes 256', ' hash sha256', ' authentication pre-share', ' group 14', '!'];
  out.push('interface GigabitEthernet0/0', ' description uplink', ' ip address 192.0.2.1 255.255.255.0', ' ip ospf 1 area 0', ' no shutdown', '!');
  out.push('router ospf 1', ' router-id 192.0.2.1', ' passive-interface default', ' no passive-interface GigabitEthernet0/0', '!');
  for (let i = 0; out.length < n - 2; i++) {
    const v = (i % 4000) + 1;
    switch (i % 4) {
      case 0:
        out.push(`interface GigabitEthernet1/0.${i + 1}`, ` description customer ${i}`, ` encapsulation dot1Q ${v}`, ` ip address 10.${(i >> 10) & 255}.${(i >> 2) & 255}.1 255.255.255.0`, ` ip access-group ACL-${i} in`, ' no ip redirects', ' no shutdown', '!');
        out.push(`ip access-list extended ACL-${i}`, ` permit tcp 10.${(i >> 8) & 255}.${i & 255}.0 0.0.0.255 any eq 443`, ` permit udp 10.${(i >> 8) & 255}.${i & 255}.0 0.0.0.255 any eq 53`, ' deny ip any any log');
        break;
      case 1:
        out.push(`ip prefix-list PL-${i} seq 5 permit 172.${16 + (i & 15)}.${(i >> 4) & 255}.0/24`, `route-map RM-${i} permit 10`, ` match ip address prefix-list PL-${i}`, ` set metric ${i % 1000}`, '!');
        break;
      default:
        out.push(`ip route 172.${16 + (i & 15)}.${(i >> 4) & 255}.0 255.255.255.0 192.0.2.${(i % 250) + 2} name r${i}`);
    }
  }
  out.push('end', '');
  return out.join('\n');
}

/** One ASA of about `n` lines: network objects, object-groups, extended ACL lines, NAT. */
export function asaFile(n) {
  const out = [': Saved', 'ASA Version 9.16(2)', '!', 'hostname bigasa', '!'];
  out.push('interface GigabitEthernet0/0', ' nameif outside', ' security-level 0', ' ip address 198.51.100.2 255.255.255.0', '!');
  out.push('interface GigabitEthernet0/1', ' nameif inside', ' security-level 100', ' ip address 10.0.0.1 255.255.0.0', '!');
  for (let i = 0; out.length < n - 2; i++) {
    if (i % 3 === 0) out.push(`object network H-${i}`, ` host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, ` nat (inside,outside) static 203.0.${113 + ((i >> 8) & 1)}.${i & 255}`);
    else if (i % 3 === 1) out.push(`object-group network G-${i}`, ` network-object object H-${i - 1}`, ` network-object 172.16.${(i >> 8) & 255}.0 255.255.255.0`);
    else out.push(`access-list OUTSIDE_IN extended permit tcp any object-group G-${i - 1} eq ${1000 + (i % 5000)}`);
  }
  out.push('access-group OUTSIDE_IN in interface outside', '');
  return out.join('\n');
}

/** One RouterOS export of about `n` lines: addresses, routes, firewall filter and NAT rules, address lists. */
export function routerosFile(n) {
  const out = ['# 2026-01-02 10:00:00 by RouterOS 7.15', '/system identity', 'set name=bigmt', '/interface bridge', 'add name=bridge-lan', '/interface vlan'];
  for (let v = 1; v <= 100; v++) out.push(`add interface=bridge-lan name=vlan${v} vlan-id=${v}`);
  const sections = ['/ip address', '/ip route', '/ip firewall address-list', '/ip firewall filter', '/ip firewall nat'];
  const per = Math.ceil((n - out.length) / sections.length);
  sections.forEach((section, s) => {
    out.push(section);
    for (let i = 0; i < per - 1; i++) {
      const a = `${(i >> 8) & 255}.${i & 255}`;
      if (s === 0) out.push(`add address=10.${a}.1/24 interface=vlan${(i % 100) + 1} comment="site ${i}"`);
      else if (s === 1) out.push(`add dst-address=172.16.${a}.0/24 gateway=10.${a}.254 distance=${(i % 10) + 1}`);
      else if (s === 2) out.push(`add address=192.168.${a}.0/24 list=customers-${i % 50}`);
      else if (s === 3) out.push(`add action=accept chain=forward dst-address=10.${a}.10 dst-port=${1000 + (i % 5000)} protocol=tcp src-address-list=customers-${i % 50} comment="rule ${i}"`);
      else out.push(`add action=dst-nat chain=dstnat dst-port=${1000 + (i % 5000)} protocol=tcp to-addresses=10.${a}.10 to-ports=${(i % 1000) + 80}`);
    }
  });
  out.push('');
  return out.join('\n');
}

/** RouterOS of about `n` lines where every command is continued with `\` over `width` physical lines. */
export function routerosContinuations(n, width = 25) {
  const out = ['# 2026-01-02 10:00:00 by RouterOS 7.15', '/ip firewall filter'];
  for (let i = 0; out.length < n - width; i++) {
    out.push(`add chain=forward action=accept protocol=tcp \\`);
    for (let k = 1; k < width - 1; k++) out.push(`    comment="rule ${i} part ${k}" \\`);
    out.push(`    dst-address=10.${(i >> 8) & 255}.${i & 255}.10 dst-port=${1000 + (i % 5000)}`);
  }
  out.push('');
  return out.join('\n');
}

/** An OpenBSD ipsec.conf of about `n` lines, mostly macros (macros of macros, lists), used by ike rules. */
export function openbsdMacros(n) {
  const out = ['# many macros', 'LOCAL_GW = "192.0.2.1"', 'LAN = "10.0.0.0/16"', 'ENC_ALG = "aes-256"', 'AUTH_ALG = "hmac-sha2-256"'];
  for (let i = 0; out.length < n - 1; i++) {
    const a = `${(i >> 8) & 255}.${i & 255}`;
    out.push(`gw${i} = "198.${18 + ((i >> 16) & 1)}.${a}"`, `net${i} = "172.${16 + ((i >> 8) & 15)}.${i & 255}.0/24"`, `nets${i} = "{ $net${i} 100.${64 + ((i >> 8) & 63)}.${i & 255}.0/24 }"`, `site${i} = $gw${i}`);
    if (i % 2 === 0) out.push(`ike esp from $LAN to $nets${i} local $LOCAL_GW peer $site${i} main auth $AUTH_ALG enc $ENC_ALG group modp2048 quick auth $AUTH_ALG enc $ENC_ALG group modp2048 psk "k${i}"`);
  }
  out.push('');
  return out.join('\n');
}

/** A BIRD 2 config of about `n` lines: static routes, filters, OSPF and BGP protocols. */
export function birdFile(n) {
  const out = ['router id 192.0.2.1;', 'log syslog all;', '', 'protocol device {', '\tscan time 10;', '}', ''];
  out.push('protocol ospf v2 core {', '\tipv4 { import all; export none; };', '\tarea 0 {', '\t\tinterface "eth0" { cost 10; hello 10; dead 40; };', '\t};', '}', '');
  for (let f = 0; out.length < n / 2; f++) {
    out.push(`filter f${f} {`, `\tif net ~ [ 10.${f & 255}.0.0/16+ ] then accept;`, `\tif bgp_path.len > ${(f % 10) + 1} then reject;`, `\tbgp_local_pref = ${100 + (f % 100)};`, '\taccept;', '}', '');
    out.push(`protocol bgp peer${f} {`, `\tlocal as 65000;`, `\tneighbor 192.0.${2 + ((f >> 8) & 63)}.${f & 255} as ${65001 + (f % 1000)};`, `\tipv4 { import filter f${f}; export none; };`, '}', '');
  }
  out.push('protocol static {', '\tipv4;');
  for (let i = 0; out.length < n - 2; i++) out.push(`\troute 172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}/32 via 192.0.2.${(i % 250) + 2};`);
  out.push('}', '');
  return out.join('\n');
}
