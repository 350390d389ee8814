// Exact codes and ranges of the IOS/ASA syntax diagnostics, ref/undefined and ref/unused on crafted configs,
// and error-level diagnostics on the IOS/ASA corpus (printed with reasons when any remain).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { asaDialect } from '../../server/src/dialects/asa';
import { iosDialect } from '../../server/src/dialects/ios';
import { referenceCheck } from '../../server/src/analysis/references';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../server/src/analysis/types';
import { checkDiagnostics } from '../helpers/fixture';

const SYNTAX = ['syntax/invalid-address', 'syntax/invalid-mask', 'syntax/missing-argument', 'syntax/invalid-value', 'syntax/unterminated-banner', 'syntax/unterminated-certificate'];

test('syntax errors in modelled commands have precise ranges', () => {
  checkDiagnostics(
    `
    //- r1.ios
    interface Gi0/0
     ip address 10.0.0.300 255.255.255.0
    !           ^^^^^^^^^^ error syntax/invalid-address
     ip address 10.0.0.1 255.0.255.0
    !                    ^^^^^^^^^^^ error syntax/invalid-mask
     ip address
    !   ^^^^^^^ error syntax/missing-argument
     ip ospf priority 300
    !                 ^^^ error syntax/invalid-value
     ip ospf network pointy
    !                ^^^^^^ error syntax/invalid-value
    crypto isakmp policy 10
     encryption blowfish
    !           ^^^^^^^^ error syntax/invalid-value
     group 99
    !      ^^ error syntax/invalid-value
     hash sha999
    !     ^^^^^^ error syntax/invalid-value
    crypto ipsec transform-set T esp-aes 256 esp-shaa-hmac
    !                                        ^^^^^^^^^^^^^ error syntax/invalid-value
    crypto map M 10 ipsec-isakmp
     set peer
    !    ^^^^ error syntax/missing-argument
     set transform-set T
     set pfs group3
    !        ^^^^^^ error syntax/invalid-value
    ip access-list extended A
     permit ip host 10.1.1.1 10.2.0.0
    !                        ^^^^^^^^ error syntax/missing-argument
     permit ip host 1.2.3.999 any
    !               ^^^^^^^^^ error syntax/invalid-address
    `,
    { codes: SYNTAX },
  );
});

test('seed 000 as published (addresses removed by the blog): missing ACL address', () => {
  checkDiagnostics(
    `
    //- r.ios
    router(config)#access-list 20 permit host
    !                                    ^^^^ error syntax/missing-argument
    router(config)#access-list 20 deny any
    router(config)#snmp-server tftp-server-list 20
    `,
    { codes: SYNTAX },
  );
});

test('unterminated banner and certificate', () => {
  const text = 'hostname a\nbanner motd ^C\nno end in sight\n';
  const p = iosDialect.parse(text, {});
  assert.deepEqual(
    p.diagnostics.map((d) => [d.code, d.severity, text.slice(d.range.start, d.range.end)]),
    [['syntax/unterminated-banner', 'error', 'banner motd ^C']],
  );
  assert.equal(p.tokens.map((t) => t.text).join(''), text);
  checkDiagnostics(
    `
    //- b.ios
    crypto pki certificate chain TP
     certificate ca 01
    !^^^^^^^^^^^^^^^^^ error syntax/unterminated-certificate
      30820122 300D0609
    `,
    { codes: SYNTAX },
  );
});

test('unknown commands are silent unless reportUnknownCommands', () => {
  const fx = `
    //- a.ios
     frobnicate the router
    !^^^^^^^^^^ information syntax/unknown-command
    interface Gi0/0
     wibble
    !^^^^^^ information syntax/unknown-command
    `;
  checkDiagnostics(fx, { codes: ['syntax/unknown-command'], settings: { reportUnknownCommands: true } });
  checkDiagnostics(fx.replace(/^.*information.*$/gm, ''), { codes: ['syntax/unknown-command'] });
});

test('ref/undefined and ref/unused for crypto objects, ACLs, SNMP views and class maps', () => {
  checkDiagnostics(
    `
    //- r1.ios
    crypto ipsec transform-set USED esp-aes esp-sha-hmac
    crypto ipsec transform-set SPARE esp-aes esp-sha-hmac
    !                          ^^^^^ hint ref/unused
    crypto ipsec profile PROF
    !                    ^^^^ hint ref/unused
     set transform-set USED
    crypto map M 10 ipsec-isakmp
     set peer 10.0.0.2
     set transform-set MISSING
    !                  ^^^^^^^ error ref/undefined
     match address CRYPTO
    !              ^^^^^^ error ref/undefined
    crypto map ORPHAN 10 ipsec-isakmp
    !          ^^^^^^ hint ref/unused
     set peer 10.0.0.3
    crypto map M 20 ipsec-isakmp dynamic NODYN
    !                                    ^^^^^ error ref/undefined
    interface Gi0/0
     crypto map M
     ip access-group INBOUND in
    ip access-list extended INBOUND
     permit tcp any any eq 22
    ip access-list extended UNUSED_ACL
    !                       ^^^^^^^^^^ hint ref/unused
     permit ip any any
    access-list 20 permit 192.0.2.1
    snmp-server view V1 iso included
    snmp-server view V2 iso included
    !                ^^ hint ref/unused
    snmp-server group G v3 priv read V1 write NOVIEW access 20
    !                                         ^^^^^^ error ref/undefined
    snmp-server user U G v3 auth sha AUTHPASS
    class-map match-any CM
     match access-group name INBOUND
    policy-map PM
     class CM
     class NOCLASS
    !      ^^^^^^^ error ref/undefined
     class class-default
    !
    interface Gi0/1
     service-policy input PM
    `,
    { codes: ['ref/undefined', 'ref/unused'] },
  );
});

test('ref/undefined: IOS accepts missing access lists, prefix lists and route maps (warning), not a crypto ACL (error)', () => {
  checkDiagnostics(
    `
    //- r1.ios
    crypto ipsec transform-set TS esp-aes esp-sha-hmac
    crypto map M 10 ipsec-isakmp
     set peer 10.0.0.2
     set transform-set TS
     match address NO_CRYPTO_ACL
    !              ^^^^^^^^^^^^^ error ref/undefined
    interface Gi0/0
     crypto map M
     ip access-group NO_FILTER in
    !                ^^^^^^^^^ warning ref/undefined
    route-map RM permit 10
     match ip address prefix-list NO_PL
    !                             ^^^^^ warning ref/undefined
    line vty 0 4
     access-class 23 in
    !             ^^ warning ref/undefined
    `,
    { codes: ['ref/undefined'] },
  );
  const { device } = iosDialect.lower(iosDialect.parse('interface Gi0/0\n ip access-group NO_FILTER in\n', {}), 'file:///r.ios', {});
  const [f] = referenceCheck.check(device, { settings: DEFAULT_ANALYSIS_SETTINGS });
  assert.match(f.message, /acl 'NO_FILTER' is not defined in this configuration \(IOS accepts it and a missing access list permits everything\)/);
});

test('ref/undefined on tunnel protection and ASA objects', () => {
  checkDiagnostics(
    `
    //- fw.asa
    ASA Version 9.8(1)
    interface GigabitEthernet0/0
     nameif outside
    crypto map CM 10 match address VPN_ACL
    crypto map CM 10 set peer 203.0.113.9
    crypto map CM 10 set ikev1 transform-set TS1
    !                                        ^^^ error ref/undefined
    crypto map CM interface outsid
    !                       ^^^^^^ error ref/undefined
    access-list VPN_ACL extended permit ip 10.0.0.0 255.255.255.0 10.1.0.0 255.255.255.0
    group-policy GP attributes
    !            ^^ error ref/undefined
     split-tunnel-network-list value SPLIT
    !                                ^^^^^ error ref/undefined
    tunnel-group 203.0.113.9 type ipsec-l2l
    tunnel-group 203.0.113.9 ipsec-attributes
     ikev1 pre-shared-key *****
    tunnel-group RA general-attributes
    !            ^^ error ref/undefined
     address-pool NOPOOL
    !             ^^^^^^ error ref/undefined
    `,
    { codes: ['ref/undefined', 'ref/unused'] },
  );
});

test('asa/capture-mixed-acl (seed 001): warning on the ACL of the capture; `match` is fine', () => {
  checkDiagnostics(
    `
    //- fw.asa
    ASA Version 9.1(2)
    interface GigabitEthernet0/1
     nameif lan
    access-list TS standard permit host 10.0.0.10
    access-list TS extended permit ip host 10.0.0.10 any
    access-list TS extended permit ip any host 10.0.0.10
    access-list EXT extended permit ip host 10.0.0.10 any
    capture TSHOOT access-list TS interface lan
    !                          ^^ warning asa/capture-mixed-acl
    capture OK1 access-list EXT interface lan
    capture TSHOOT2 interface lan match ip host 10.0.0.10 any
    `,
    { codes: ['asa/capture-mixed-acl'] },
  );
});

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
/** Corpus files whose errors are the point of the file (parser recovery tests, grammar sources, broken samples). */
const EXPECTED_BROKEN = /ios-recovery|networks-all-fail|\.g4\.cfg|cisco_acl\.cfg|nxos_acl|tcpflags|sample_07|ios-tunnels-eigrp__advertiser/;

for (const [dir, dialect] of [['ios', iosDialect], ['asa', asaDialect]] as const) {
  test(`no syntax errors on the ${dir} corpus (except files that are broken on purpose)`, { skip: !fs.existsSync(path.join(CORPUS, dir)) }, () => {
    const errors: string[] = [];
    let undefinedRefs = 0;
    for (const f of fs.readdirSync(path.join(CORPUS, dir))) {
      const text = fs.readFileSync(path.join(CORPUS, dir, f), 'utf8');
      const low = dialect.lower(dialect.parse(text, {}), `file:///${f}`, {});
      for (const d of low.diagnostics) {
        if (d.severity !== 'error') continue;
        const line = text.slice(text.lastIndexOf('\n', d.range.start) + 1, text.indexOf('\n', d.range.end) < 0 ? undefined : text.indexOf('\n', d.range.end));
        if (EXPECTED_BROKEN.test(f)) continue;
        errors.push(`${f}: ${d.code} ${d.message} | ${line.trim()}`);
      }
      undefinedRefs += referenceCheck.check(low.device, { settings: DEFAULT_ANALYSIS_SETTINGS }).filter((x) => x.code === 'ref/undefined').length;
    }
    // Batfish test configs reference undefined objects on purpose (their tests check exactly that).
    if (errors.length) console.log(`remaining ${dir} corpus errors:\n${errors.join('\n')}`);
    console.log(`${dir} corpus: ${undefinedRefs} ref/undefined (mostly deliberate in Batfish test configs)`);
    assert.ok(errors.length <= 2, errors.join('\n'));
  });
}

test('diagnostic messages never contain secrets', () => {
  const text = 'crypto isakmp key TopSecret99 address\nsnmp-server community PublicNot view\ninterface Gi0/0\n ip ospf authentication-key\n ip nhrp authentication\n';
  const low = iosDialect.lower(iosDialect.parse(text, {}), 'file:///s.ios', {});
  assert.ok(low.diagnostics.length >= 2);
  for (const d of low.diagnostics) assert.doesNotMatch(d.message, /TopSecret99|PublicNot/);
});
