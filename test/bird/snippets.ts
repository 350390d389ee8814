// BIRD snippets shared by the diagnostics tests and the `bird -p` agreement test. Each is a fixture
// (`//- name` header, `#` caret lines) whose verdict — ok, or error on a line — must match BIRD 2.0.12's.

/** Seed 003 (blog "Using FreeBSD loopback interfaces with BIRD"), IPv4 bird.conf, closing braces restored. */
export const SEED_V4 = `
protocol ospf {
tick 2;
area 0 {
stub no;
interface "vlan7", "vlan500" {
cost 5;
hello 2;
dead 10;
authentication cryptographic;
password "password";
};
interface "lo1", "vlan1001" { stub; };
};
}
`;

/** Seed 003, the first bird6.conf (loopback as a stub interface), closing braces restored. */
export const SEED_V6_STUB = `
protocol ospf ospf_v6 {
tick 2;
area 0 {
stub no;
interface "vlan7", "vlan500" {
cost 5;
hello 2;
dead 10;
# Authentication is not supported by OSPFv3, supposed to be IPSec AH authenticated.
#authentication cryptographic;
#password "password";
};
interface "lo1", "vlan1001" { stub; };
};
}
`;

/** Seed 003, the final bird6.conf: the loopback address is advertised with `stubnet`. */
export const SEED_V6_STUBNET = `
protocol ospf ospf_v6 {
tick 2;
area 0 {
stub no;
interface "vlan7", "vlan500" {
cost 5;
hello 2;
dead 10;
};
interface "vlan1001" { stub; };
stubnet 2620:0:2d0:200::7/128;
};
}
`;

export interface Snippet {
  name: string;
  /** Fixture text (one file). */
  fixture: string;
  /** Diagnostic codes the fixture's caret lines describe (checked exactly). */
  codes: string[];
}

/** Crafted snippets, one or more per diagnostic code, with exact ranges. */
export const SNIPPETS: Snippet[] = [
  {
    name: 'seed 003 bird.conf in BIRD 2 form',
    codes: ['bird/short-hello-crypto', 'bird/bird1-syntax'],
    fixture: `
      //- r.bird
      protocol ospf v2 o4 {
        ipv4 { import all; export none; };
        tick 2;
        area 0 {
          interface "vlan7", "vlan500" {
            cost 5;
            hello 2;
      #           ^ warning bird/short-hello-crypto
            dead 10;
            authentication cryptographic;
            password "password";
          };
          interface "lo1", "vlan1001" { stub; };
        };
      }
    `,
  },
  {
    name: 'seed 003 bird6.conf in BIRD 2 form: stub loopback',
    codes: ['bird/ospfv3-stub-loopback', 'bird/bird1-syntax'],
    fixture: `
      //- r.bird
      protocol ospf v3 ospf_v6 {
        ipv6;
        area 0 {
          interface "vlan7", "vlan500" { cost 5; hello 2; dead 10; };
          interface "lo1", "vlan1001" { stub; };
      #             ^^^^^ warning bird/ospfv3-stub-loopback
        };
      }
    `,
  },
  {
    name: 'seed 003 bird6.conf in BIRD 2 form with stubnet',
    codes: ['bird/ospfv3-stub-loopback', 'bird/bird1-syntax'],
    fixture: `
      //- r.bird
      protocol ospf v3 ospf_v6 {
        ipv6;
        area 0 {
          interface "vlan7", "vlan500" { cost 5; hello 2; dead 10; };
          interface "vlan1001" { stub; };
          stubnet 2620:0:2d0:200::7/128;
        };
      }
    `,
  },
  {
    name: 'backbone cannot be stub',
    codes: ['bird/backbone-stub'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0.0.0.0 {
          stub;
          interface "eth0";
        };
      # ^ error bird/backbone-stub
      }
    `,
  },
  {
    name: 'backbone cannot be nssa, area 1 can',
    codes: ['bird/backbone-stub'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 1 { nssa; interface "eth1"; };
        area 0 { nssa; interface "eth0"; };
      #                                  ^ error bird/backbone-stub
      }
    `,
  },
  {
    name: 'no areas',
    codes: ['bird/no-areas'],
    fixture: `
      //- r.bird
        protocol ospf {
          tick 2;
        }
      # ^ error bird/no-areas
    `,
  },
  {
    name: 'algorithm without cryptographic authentication',
    codes: ['bird/algorithm-without-crypto', 'bird/password-without-auth'],
    fixture: `
      //- r.bird
      protocol ospf v2 {
        area 0 {
          interface "eth0" {
            password "secret1" {
      #     ^^^^^^^^^^^^^^^^^^ warning bird/password-without-auth
              algorithm hmac sha256;
            };
          };
      #   ^ error bird/algorithm-without-crypto
        };
      }
    `,
  },
  {
    name: 'OSPFv3 keyed hash',
    codes: ['bird/ospfv3-keyed-hash'],
    fixture: `
      //- r.bird
      protocol ospf v3 {
        area 0 {
          interface "eth0" {
            authentication cryptographic;
            password "secret1" { algorithm keyed md5; };
          };
      #   ^ error bird/ospfv3-keyed-hash
        };
      }
    `,
  },
  {
    name: 'OSPFv3 plaintext authentication',
    codes: ['bird/ospfv3-plaintext'],
    fixture: `
      //- r.bird
      protocol ospf v3 {
        area 0 {
          interface "eth0" {
            authentication simple;
      #                    ^^^^^^ error bird/ospfv3-plaintext
          };
        };
      }
    `,
  },
  {
    name: 'OSPFv3 HMAC is fine, short hello is only an OSPFv2 warning',
    codes: ['bird/short-hello-crypto', 'bird/ospfv3-keyed-hash'],
    fixture: `
      //- r.bird
      protocol ospf v3 {
        area 0 {
          interface "eth0" {
            authentication cryptographic;
            hello 2;
            password "secret1" { id 5; algorithm hmac sha512; };
          };
        };
      }
    `,
  },
  {
    name: 'hello out of range',
    codes: ['bird/value-out-of-range'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" {
            hello 0;
      #           ^ error bird/value-out-of-range
          };
        };
      }
    `,
  },
  {
    name: 'dead count must be greater than one',
    codes: ['bird/value-out-of-range'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" { dead count 1; };
      #                                 ^ error bird/value-out-of-range
        };
      }
    `,
  },
  {
    name: 'priority out of range',
    codes: ['bird/value-out-of-range'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" {
            priority 256;
      #              ^^^ error bird/value-out-of-range
          };
        };
      }
    `,
  },
  {
    name: 'OSPFv2 with an IPv6 channel',
    codes: ['bird/channel-type'],
    fixture: `
      //- r.bird
      protocol ospf v2 {
        ipv6;
      # ^^^^ error bird/channel-type
        area 0 { interface "eth0"; };
      }
    `,
  },
  {
    name: 'OSPFv3 with an IPv4 channel is RFC 5838, fine',
    codes: ['bird/channel-type'],
    fixture: `
      //- r.bird
      protocol ospf v3 {
        ipv4;
        area 0 { interface "eth0"; };
      }
    `,
  },
  {
    name: 'OSPFv3 interface with a prefix',
    codes: ['bird/ospfv3-interface-prefix'],
    fixture: `
      //- r.bird
      protocol ospf v3 {
        area 0 { interface "eth0" 2001:db8::/64; };
      #                           ^^^^^^^^^^^^^ error bird/ospfv3-interface-prefix
      }
    `,
  },
  {
    name: 'dead not longer than hello, long simple password, nbma without neighbors, neighbors on broadcast',
    codes: ['bird/dead-below-hello', 'bird/simple-password-too-long', 'bird/nbma-without-neighbors', 'bird/neighbors-on-broadcast'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" {
            hello 10;
            dead 5;
      #          ^ warning bird/dead-below-hello
            authentication simple;
            password "longer-than-8";
      #              ^^^^^^^^^^^^^^^ warning bird/simple-password-too-long
          };
          interface "eth1" {
            type nbma;
      #          ^^^^ warning bird/nbma-without-neighbors
          };
          interface "eth2" {
            type broadcast;
            neighbors { 10.0.0.2; 10.0.0.3 eligible; };
      #     ^^^^^^^^^ warning bird/neighbors-on-broadcast
          };
          interface "eth3" {
            type ptmp;
            neighbors { 10.0.1.2; };
            dead count 2;
          };
        };
      }
    `,
  },
  {
    name: 'missing semicolon between statements',
    codes: ['syntax/missing-semicolon'],
    fixture: `
      //- r.bird
        router id 192.0.2.1
        protocol device {
      # ^^^^^^^^ error syntax/missing-semicolon
        }
    `,
  },
  {
    name: 'missing semicolon before a closing brace',
    codes: ['syntax/missing-semicolon'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" {
            hello 5
          };
      #   ^ error syntax/missing-semicolon
        };
      }
    `,
  },
  {
    name: 'missing semicolon after an interface block',
    codes: ['syntax/missing-semicolon'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" { hello 5; }
          interface "eth1";
      #   ^^^^^^^^^ error syntax/missing-semicolon
        };
      }
    `,
  },
  {
    name: 'too many values',
    codes: ['syntax/missing-semicolon'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" { hello 5 6; };
      #                              ^ error syntax/missing-semicolon
        };
      }
    `,
  },
  {
    name: 'unknown keyword in an OSPF interface',
    codes: ['syntax/unknown-keyword'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" {
            helo 5;
      #     ^^^^ error syntax/unknown-keyword
          };
        };
      }
    `,
  },
  {
    name: 'unknown network type',
    codes: ['syntax/expected-value'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" { type p2p; };
      #                           ^^^ error syntax/expected-value
        };
      }
    `,
  },
  {
    name: 'hello needs a number',
    codes: ['syntax/expected-value'],
    fixture: `
      //- r.bird
      protocol ospf {
        area 0 {
          interface "eth0" { hello -1; };
      #                            ^ error syntax/expected-value
        };
      }
    `,
  },
  {
    name: 'protocol without a block',
    codes: ['syntax/expected-block'],
    fixture: `
      //- r.bird
      protocol device {}
      protocol kernel;
      #              ^ error syntax/expected-block
    `,
  },
  {
    name: 'unexpected closing brace',
    codes: ['syntax/unexpected-brace'],
    fixture: `
      //- r.bird
        protocol device {
        }
        }
      # ^ error syntax/unexpected-brace
    `,
  },
  {
    name: 'unclosed block',
    codes: ['syntax/unclosed-block'],
    fixture: `
      //- r.bird
      protocol device {
      #               ^ error syntax/unclosed-block
        scan time 10;
    `,
  },
  {
    name: 'unterminated string',
    codes: ['syntax/unterminated-string'],
    fixture: `
      //- r.bird
      protocol device {}
      log "bird.log all;
      #   ^^^^^^^^^^^^^^ error syntax/unterminated-string
    `,
  },
  {
    name: 'unterminated comment',
    codes: ['syntax/unterminated-comment'],
    fixture: `
      //- r.bird
        protocol device {}
        /* the end
      # ^^ error syntax/unterminated-comment
    `,
  },
  {
    name: 'typed function result needs BIRD 2.14',
    codes: ['bird/newer-syntax'],
    fixture: `
      //- r.bird
      function is_small() -> bool {
      #                   ^ warning bird/newer-syntax
        return net.len > 24;
      }
      protocol static { ipv4 { import where is_small(); }; route 10.0.0.0/25 blackhole; }
    `,
  },
  {
    name: 'method call on an expression needs BIRD 2.14',
    codes: ['bird/newer-syntax'],
    fixture: `
      //- r.bird
      protocol static {
        ipv4 { import filter { bgp_community = -empty-.add((65000, 1)); accept; }; };
      #                                                ^^^ warning bird/newer-syntax
        route 10.0.0.0/8 blackhole;
      }
    `,
  },
  {
    name: 'ASPA tables and the static ASPA channel need BIRD 2.16 (not unknown keywords)',
    codes: ['bird/newer-syntax', 'syntax/unknown-keyword'],
    fixture: `
      //- r.bird
        aspa table at;
      # ^^^^ warning bird/newer-syntax
      protocol static {
        aspa { table at; };
      # ^^^^ warning bird/newer-syntax
        route aspa 65540 providers 65544, 65549;
      }
    `,
  },
  {
    name: 'flowspec numeric component with a mask',
    codes: ['syntax/expected-value'],
    fixture: `
      //- r.bird
      flow4 table ft4;
      protocol static {
        flow4 { table ft4; };
        route flow4 {
          dst 10.0.0.0/8;
          dscp 0x03/0x0f;
      #            ^ error syntax/expected-value
          tcp flags 0x03/0x0f;
        };
      }
    `,
  },
  {
    name: 'a complete BIRD 2 config with filters, templates, defines and tables',
    codes: ['ref/undefined', 'ref/unused'],
    fixture: `
      //- r.bird
      log syslog all;
      router id 192.0.2.1;
      define MY_AS = 65000;
      define UNUSED_CONST = 1;
      #      ^^^^^^^^^^^^ hint ref/unused
      ipv4 table t_ospf;
      filter only_small {
        if net.len > 24 then reject;
        if bgp_path.len > MY_AS then reject;
        accept;
      }
      function is_local() {
        return net ~ [ 10.0.0.0/8+, 192.168.0.0/16{24,32} ];
      }
      template bgp peers {
        local as MY_AS;
      }
      protocol device { scan time 10; }
      protocol kernel {
        ipv4 { export filter only_small; import none; };
        learn;
      }
      protocol ospf v2 ospf4 {
        ipv4 { table t_ospf; export where is_local(); };
        area 0 { interface "eth*" { cost 20; }; };
      }
      protocol bgp up1 from peers {
        neighbor 192.0.2.2 as 65001;
        ipv4 { import filter missing_filter; export none; };
      #                      ^^^^^^^^^^^^^^ error ref/undefined
      }
    `,
  },
];
