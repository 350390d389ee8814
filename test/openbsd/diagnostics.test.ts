// Exact codes and ranges of every OpenBSD ipsec.conf diagnostic, through the language service.
import { test } from 'node:test';
import { checkDiagnostics } from '../helpers/fixture';

test('clean rules report nothing', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
    # Meraki peer, blog seed 000 with documentation addresses
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 \\
            peer 203.0.113.1 \\
            main auth hmac-sha1 enc 3des group modp1024 lifetime 28800 \\
            quick auth hmac-sha1 enc aes-256 group none lifetime 28800 \\
            psk mekmitasdigoat
    ike passive esp transport proto udp from 192.0.2.1 port 1701 to any
    flow esp from 192.0.2.0/24 to 198.51.100.0/24 peer 203.0.113.1
  `);
});

test('missing from/to, missing arguments and unexpected tokens', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
     ike esp from to 198.51.100.0/24 peer 203.0.113.1
    #        ^^^^ error syntax/missing-argument
     ike esp peer 203.0.113.1
    #^^^ error syntax/missing-keyword
     ike esp from 192.0.2.0/24 peer 203.0.113.1
    #        ^^^^ error syntax/missing-keyword
     ike esp from 192.0.2.0/24 to 198.51.100.0/24 pear 203.0.113.1
    #                                             ^^^^ error syntax/unexpected-token
    #                                                  ^^^^^^^^^^^ error syntax/unexpected-token
     ike esp from 192.0.2.0/24 to 198.51.100.0/24 quick auth
    #                                                   ^^^^ error syntax/missing-argument
  `);
});

test('clause order and duplicates follow parse.y', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 psk "k" main enc aes
    #                                                    ^^^^ error syntax/out-of-order
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 main enc aes enc 3des
    #                                                         ^^^ error syntax/duplicate-keyword
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 main lifetime 3600 enc aes
    #                                                               ^^^ error syntax/out-of-order
  `);
});

test('addresses', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
    ike esp from 192.0.2.300 to 198.51.100.0/24 peer 203.0.113.1
    #            ^^^^^^^^^^^ error syntax/invalid-address
    ike esp from 192.0.2.0/33 to 198.51.100.0/24 peer 203.0.113.1
    #            ^^^^^^^^^^^^ error syntax/invalid-address
    ike esp from 2001:db8::/64 to 198.51.100.0/24 peer 203.0.113.1
    #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error openbsd/address-family-mismatch
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 (10.0.0.0/24)
    #                                            ^^^^^^^^^^^^^ error syntax/unexpected-token
  `);
});

test('algorithm names, lifetimes and keys', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 main auth sha1 enc aes-128-gcm
    #                                                      ^^^^ error syntax/invalid-value
    #                                                               ^^^^^^^^^^^ error syntax/invalid-value
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 main auth hmac-sha lifetime 3600s
    #                                                      ^^^^^^^^ warning openbsd/abbreviated-algorithm
    #                                                                        ^^^^^ error syntax/invalid-value
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 quick enc des group grp14 psk 12345678
    #                                                      ^^^ warning openbsd/insecure-algorithm
    #                                                                          ^^^^^^^^ error syntax/invalid-value
  `);
});

test('unterminated quote', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 psk "secret
    #                                                ^^^^^^^ error syntax/unterminated-string
  `);
});

test('macros: before definition, undefined, unused, unquoted values', () => {
  checkDiagnostics(
    `
    //- gw.ipsec.conf
     ike esp from $local_net to $remote_net peer $gw
    #             ^^^^^^^^^^ error syntax/macro-used-before-definition
    #                           ^^^^^^^^^^^ error syntax/macro-used-before-definition
    #                                            ^^^ error ref/undefined
     local_net = "192.0.2.0/24"
     remote_net = "198.51.100.0/24"
     spare = "x"
    #^^^^^ hint ref/unused
     bad = 10.0.0.0/24
    #              ^ error syntax/unexpected-token
    #^^^ hint ref/unused
  `,
    { codes: ['syntax/macro-used-before-definition', 'ref/undefined', 'ref/unused', 'syntax/unexpected-token'] },
  );
});

test('flows: peer and ports', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
    flow esp from 192.0.2.0/24 to 198.51.100.0/24
    #                             ^^^^^^^^^^^^^^^ error openbsd/flow-without-peer
    ike esp from 192.0.2.0/24 port 500 to 198.51.100.0/24 peer 203.0.113.1
    #                         ^^^^ error openbsd/port-without-protocol
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 peer psk "k"
    #                                            ^^^^ warning openbsd/empty-peer
  `);
});

test('a macro value is re-lexed at its use: a key with a space breaks the rule, as in ipsecctl', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
    key = "two words"
    ike esp from 192.0.2.0/24 to 198.51.100.0/24 peer 203.0.113.1 psk $key
    #                                                                 ^^^^ error syntax/unexpected-token
  `);
});

test('SA, tcpmd5 and sec(4) interface rules are tolerated; unknown statements only on request', () => {
  checkDiagnostics(`
    //- gw.ipsec.conf
    esp tunnel from 192.0.2.1 to 198.51.100.1 spi 0x1000:0x1001 auth hmac-sha2-256 enc aes authkey file "/etc/ak" enckey file "/etc/ek"
    tcpmd5 from 192.0.2.1 to 198.51.100.1 spi 0x2000:0x2001 authkey 0xdeadbeef
    ike interface sec0 local 192.0.2.1 peer 198.51.100.1 psk "k"
    ike interface eth0 peer 198.51.100.1
    #             ^^^^ error syntax/invalid-value
    match from any to any
  `);
  checkDiagnostics(
    `
    //- gw.ipsec.conf
    ike esp from 192.0.2.1 to 198.51.100.1
     match from any to any
    #^^^^^ information syntax/unknown-command
  `,
    { settings: { reportUnknownCommands: true } },
  );
});
