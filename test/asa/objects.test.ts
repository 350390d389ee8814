// ASA network objects and object-groups (issue 14 §2): the addresses they stand for in crypto ACL selectors
// (object, object-group, nested groups, ranges, FQDN, name aliases, interface), the expansion cap, cycles, service
// objects in the protocol and port positions, split-tunnel lists, and references (undefined, NAT-only, built-ins).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asaDialect } from '../../server/src/dialects/asa';
import { AsaLowering } from '../../server/src/dialects/asa/lower';
import { ASA_EXPANSION_LIMIT, rangeToPrefixes } from '../../server/src/dialects/asa/objects';
import { checkDiagnostics } from '../helpers/fixture';

function lower(text: string) {
  return asaDialect.lower(asaDialect.parse(text, {}), 'file:///fw.asa', {});
}

/** An ASA with one crypto map entry per ACL given (`crypto map M 10|20|… match address ACL`). */
function asa(body: string, acls: string[]): string {
  const map = acls.map((a, i) => `crypto map M ${(i + 1) * 10} match address ${a}\ncrypto map M ${(i + 1) * 10} set peer 203.0.113.${i + 2}\n`).join('');
  return `ASA Version 9.8(4)
hostname fw
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 198.51.100.1 255.255.255.0
${body}${map}crypto map M interface outside
`;
}

/** `local > remote [protocol]` of each peer's selectors, in order. */
function selectors(text: string): string[][] {
  const { device } = lower(text);
  return device.ipsecPeers.map((p) => p.selectors.map((s) => `${s.local} > ${s.remote}${s.protocol === 'ip' ? '' : ` ${s.protocol}`}${s.remotePort ? ` :${s.remotePort}` : ''}`));
}

describe('ASA objects in crypto ACL selectors', () => {
  it('object network (subnet, host, IPv6 subnet) resolves to its prefix', () => {
    const body = `object network LAN-A
 subnet 10.2.0.0 255.255.0.0
object network LAN-B
 subnet 10.1.0.0 255.255.0.0
object network SRV
 host 10.2.5.5
object network V6-A
 subnet 2001:db8:2::/48
object network V6-B
 host 2001:db8:1::10
access-list VPN extended permit ip object LAN-A object LAN-B
access-list VPN extended permit tcp object SRV 10.1.9.0 255.255.255.0 eq 443
access-list VPN extended permit ip object V6-A object V6-B
`;
    assert.deepEqual(selectors(asa(body, ['VPN'])), [['10.2.0.0/16 > 10.1.0.0/16', '10.2.5.5/32 > 10.1.9.0/24 tcp :443', '2001:db8:2::/48 > 2001:db8:1::10/128']]);
  });

  it('object-group network: one selector per source × destination member; nested groups resolved transitively', () => {
    const body = `object network LAN-A
 subnet 10.2.0.0 255.255.0.0
object-group network REMOTE-CORE
 description core networks behind R1
 network-object 10.1.0.0 255.255.0.0
 network-object host 10.5.5.5
object-group network REMOTE-ALL
 group-object REMOTE-CORE
 network-object 10.6.0.0 255.255.255.0
object-group network LOCAL
 network-object object LAN-A
 network-object 10.3.0.0 255.255.0.0
access-list VPN extended permit ip object-group LOCAL object-group REMOTE-ALL
`;
    assert.deepEqual(selectors(asa(body, ['VPN'])), [
      [
        '10.2.0.0/16 > 10.1.0.0/16',
        '10.2.0.0/16 > 10.5.5.5/32',
        '10.2.0.0/16 > 10.6.0.0/24',
        '10.3.0.0/16 > 10.1.0.0/16',
        '10.3.0.0/16 > 10.5.5.5/32',
        '10.3.0.0/16 > 10.6.0.0/24',
      ],
    ]);
  });

  it('a range is the exact list of prefixes covering it', () => {
    assert.deepEqual(rangeToPrefixes('10.9.0.5', '10.9.0.20'), ['10.9.0.5/32', '10.9.0.6/31', '10.9.0.8/29', '10.9.0.16/30', '10.9.0.20/32']);
    assert.deepEqual(rangeToPrefixes('10.0.0.0', '10.0.0.255'), ['10.0.0.0/24']);
    assert.deepEqual(rangeToPrefixes('0.0.0.0', '255.255.255.255'), ['0.0.0.0/0']);
    assert.deepEqual(rangeToPrefixes('2001:db8::', '2001:db8::3'), ['2001:db8::/126']);
    assert.equal(rangeToPrefixes('10.0.0.9', '10.0.0.1'), undefined);
    const body = `object network POOL
 range 10.2.0.0 10.2.1.255
access-list VPN extended permit ip object POOL 10.1.0.0 255.255.0.0
`;
    assert.deepEqual(selectors(asa(body, ['VPN'])), [['10.2.0.0/23 > 10.1.0.0/16']]);
  });

  it('a range with its last address below the first is an error on the two addresses', () => {
    checkDiagnostics(
      `
      //- fw.asa
      ASA Version 9.8(4)
      object network POOL
       range 10.2.0.9 10.2.0.1
      !      ^^^^^^^^^^^^^^^^^ error syntax/invalid-value
      `,
    );
  });

  it('`name` aliases, `interface IF`, `any`/`any4` resolve; IPv4 and IPv6 members never pair', () => {
    const body = `names
name 10.1.7.0 BRANCH-NET
object-group network MIXED
 network-object 10.1.0.0 255.255.0.0
 network-object 2001:db8:1::/48
access-list VPN extended permit ip interface outside BRANCH-NET 255.255.255.0
access-list VPN extended permit ip 10.2.0.0 255.255.0.0 object-group MIXED
access-list VPN extended permit ip 2001:db8:2::/48 object-group MIXED
access-list VPN extended permit ip any4 10.8.0.0 255.255.0.0
`;
    assert.deepEqual(selectors(asa(body, ['VPN'])), [['198.51.100.1/32 > 10.1.7.0/32', '10.2.0.0/16 > 10.1.0.0/16', '2001:db8:2::/48 > 2001:db8:1::/48', '0.0.0.0/0 > 10.8.0.0/16']]);
  });

  it('an FQDN object cannot be compared: the map entry carries no selectors (the selector check skips it)', () => {
    const body = `object network WEB
 fqdn v4 www.example.com
access-list VPN extended permit ip 10.2.0.0 255.255.0.0 10.1.0.0 255.255.0.0
access-list VPN extended permit ip 10.2.0.0 255.255.0.0 object WEB
access-list PLAIN extended permit ip 10.2.0.0 255.255.0.0 10.1.0.0 255.255.0.0
`;
    assert.deepEqual(selectors(asa(body, ['VPN', 'PLAIN'])), [[], ['10.2.0.0/16 > 10.1.0.0/16']]);
  });

  it('nested groups that contain each other terminate and are not compared', () => {
    const body = `object-group network A
 network-object 10.1.0.0 255.255.0.0
 group-object B
object-group network B
 network-object 10.3.0.0 255.255.0.0
 group-object A
object-group network C
 group-object A
access-list VPN extended permit ip 10.2.0.0 255.255.0.0 object-group C
access-list VPN2 extended permit ip 10.2.0.0 255.255.0.0 object-group B
`;
    const { device, diagnostics } = lower(asa(body, ['VPN', 'VPN2']));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(device.ipsecPeers.map((p) => p.selectors.length), [0, 0]);
  });

  it('deep nesting is resolved without recursion', () => {
    const n = 20000;
    const groups: string[] = [];
    for (let i = 0; i < n; i++) groups.push(`object-group network G${i}\n network-object host 10.0.${(i >> 8) & 255}.${i & 255}\n${i + 1 < n ? ` group-object G${i + 1}\n` : ''}`);
    const body = `${groups.join('')}access-list VPN extended permit ip 10.2.0.0 255.255.0.0 object-group G${n - ASA_EXPANSION_LIMIT}\n`;
    const sel = selectors(asa(body, ['VPN']))[0];
    assert.equal(sel.length, ASA_EXPANSION_LIMIT);
    assert.equal(sel[0], `10.2.0.0/16 > 10.0.${((n - ASA_EXPANSION_LIMIT) >> 8) & 255}.${(n - ASA_EXPANSION_LIMIT) & 255}/32`);
  });

  it(`more than ${ASA_EXPANSION_LIMIT} combinations: an information diagnostic on the line, and no selectors`, () => {
    const hosts = (base: number, count: number) => Array.from({ length: count }, (_, i) => ` network-object host 10.${base}.${i >> 8}.${i & 255}\n`).join('');
    const big = 'access-list BIG extended permit ip object-group SRC object-group DST';
    const body = `object-group network SRC\n${hosts(2, 65)}object-group network DST\n${hosts(1, 64)}access-list OK extended permit ip object-group SRC 10.1.0.0 255.255.0.0
access-list BIG extended permit ip 10.2.0.0 255.255.0.0 10.1.0.0 255.255.0.0
${big}
`;
    const text = asa(body, ['BIG', 'OK']);
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.code, text.slice(d.range.start, d.range.end)]), [['information', 'asa/selector-expansion-limit', big]]);
    assert.deepEqual(device.ipsecPeers.map((p) => p.selectors.length), [0, 65]);
    // 64 × 64 = 4096 is still expanded.
    const fits = lower(text.replace(hosts(2, 65), hosts(2, 64)).replace('access-list BIG extended permit ip 10.2.0.0 255.255.0.0 10.1.0.0 255.255.0.0\n', ''));
    assert.deepEqual(fits.diagnostics, []);
    assert.equal(fits.device.ipsecPeers[0].selectors.length, 4096);
  });
});

describe('ASA service objects and port groups do not break address resolution', () => {
  const body = `object network LAN-A
 subnet 10.2.0.0 255.255.0.0
object service HTTPS
 service tcp destination eq 443
object service ANY-TCP
 service tcp
object-group service WEB tcp
 port-object eq 80
 port-object eq 443
object-group network REMOTE
 network-object 10.1.0.0 255.255.0.0
access-list SVC extended permit object HTTPS object LAN-A object-group REMOTE
access-list PORTS extended permit tcp object LAN-A object-group WEB object-group REMOTE object-group WEB
access-list TCP extended permit object ANY-TCP object LAN-A object-group REMOTE
access-list ICMP extended permit object icmp-echo object LAN-A object-group REMOTE
`;
  it('the addresses resolve on every line', () => {
    const l = new AsaLowering(asaDialect.parse(asa(body, []), {}), 'file:///fw.asa');
    const { diagnostics } = l.run();
    assert.deepEqual(diagnostics, []);
    for (const acl of ['SVC', 'PORTS', 'TCP', 'ICMP']) {
      const lines = l.resolveAcl(acl);
      assert.deepEqual(lines.map((x) => [x.src.prefixes, x.dst?.prefixes]), [[['10.2.0.0/16'], ['10.1.0.0/16']]], acl);
    }
  });
  it('a plain service object gives the protocol; ports from service objects or port groups skip the comparison', () => {
    assert.deepEqual(selectors(asa(body, ['SVC', 'PORTS', 'TCP', 'ICMP'])), [[], [], ['10.2.0.0/16 > 10.1.0.0/16 tcp'], ['10.2.0.0/16 > 10.1.0.0/16 icmp']]);
  });
});

describe('ASA split-tunnel list with an object-group', () => {
  const fx = (group: string) => `
    //- fw.asa
    ASA Version 9.8(4)
    object network HQ
     subnet 10.0.0.0 255.255.0.0
    object-group network CORP
     network-object object HQ
     network-object 172.16.0.0 255.240.0.0
    access-list SPLIT extended permit ip object-group ${group} any4
    group-policy GP internal
    group-policy GP attributes
     split-tunnel-policy tunnelspecified
     split-tunnel-network-list value SPLIT
    tunnel-group RA type remote-access
    tunnel-group RA general-attributes
     default-group-policy GP
    `;
  it('the list resolves to the group members, every name resolved and used', () => {
    const { service, files } = checkDiagnostics(fx('CORP'), { codes: ['ref/undefined', 'ref/unused'] });
    const l = new AsaLowering(asaDialect.parse(files[0].text, {}), files[0].uri);
    l.run();
    assert.deepEqual(l.resolveAcl('SPLIT').map((x) => x.src.prefixes), [['10.0.0.0/16', '172.16.0.0/12']]);
    assert.ok(service.getDevice(files[0].uri));
  });
  it('failing variant: a misspelt group is ref/undefined and the defined one ref/unused', () => {
    checkDiagnostics(
      fx('CROP')
        .replace('    object-group network CORP\n', '    object-group network CORP\n    !                    ^^^^ hint ref/unused\n')
        .replace('object-group CROP any4\n', 'object-group CROP any4\n    !                                                 ^^^^ error ref/undefined\n'),
      { codes: ['ref/undefined', 'ref/unused'] },
    );
  });
});

describe('ASA object references', () => {
  it('undefined object and object-group in an ACL are ref/undefined; the peer skips the selector comparison', () => {
    const { service, files } = checkDiagnostics(
      `
      //- fw.asa
      ASA Version 9.8(4)
      interface GigabitEthernet0/0
       nameif outside
       ip address 198.51.100.1 255.255.255.0
      access-list VPN extended permit ip object LAN-A object-group REMOTE
      !                                         ^^^^^ error ref/undefined
      !                                                            ^^^^^^ error ref/undefined
      crypto map M 10 match address VPN
      crypto map M 10 set peer 203.0.113.2
      crypto map M interface outside
      `,
      { codes: ['ref/undefined'] },
    );
    assert.deepEqual(service.getDevice(files[0].uri)!.ipsecPeers[0].selectors, []);
  });

  it('objects used only in NAT (object NAT or twice NAT) and members of groups are not ref/unused', () => {
    checkDiagnostics(
      `
      //- fw.asa
      ASA Version 9.8(4)
      object network WEB
       host 10.0.0.5
       nat (inside,outside) static 203.0.113.5
      object network INSIDE-NET
       subnet 10.0.0.0 255.255.255.0
      object network VPN-NET
       subnet 10.1.0.0 255.255.0.0
      object network MEMBER
       host 10.0.0.7
      object-group network USED-BY-GROUP
       network-object object MEMBER
      object-group network OUTER
       group-object USED-BY-GROUP
      object network UNUSED
      !              ^^^^^^ hint ref/unused
       host 10.0.0.9
      nat (inside,outside) source static INSIDE-NET INSIDE-NET destination static VPN-NET VPN-NET no-proxy-arp route-lookup
      access-list IN extended permit ip object-group OUTER any
      access-group IN in interface inside
      `,
      { codes: ['ref/unused'] },
    );
  });

  it('`service-object object icmp` names a built-in service object; an undefined service object is ref/undefined', () => {
    checkDiagnostics(
      `
      //- fw.asa
      ASA Version 9.9
      object-group service OGS_BUILTIN_REF
       service-object object icmp
      object-group service OGS_UNDEF_OS
       service-object object OS_UNDEFINED
      !                      ^^^^^^^^^^^^ error ref/undefined
      access-list A extended permit object-group OGS_BUILTIN_REF any any
      access-list A extended permit object-group OGS_UNDEF_OS any any
      access-group A global
      `,
      { codes: ['ref/undefined'] },
    );
  });
});
