// Issue 15: lookups keyed by user words must not see Object.prototype. `ip ospf network constructor` (IOS hover)
// and a BIRD line starting with `constructor` (completion) threw, because `TABLE[word]` found
// Object.prototype.constructor. This sweeps every prototype name through every word of a small config per dialect
// and asks completion, hover, definition, references, symbols, semantic tokens and findings at every word of that line.
// Repros: /work/shared/repro/ios-hover-proto-key.ios, bird-completion-proto-key.bird, bird-throw-small-aeed61f2.txt.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { getCompletions } from '../../server/src/features/completion';
import { getHover } from '../../server/src/features/hover';
import { getDefinition, getReferences } from '../../server/src/features/navigation';
import { getSemanticTokens } from '../../server/src/features/semanticTokens';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { createLanguageService } from '../../server/src/service';

const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

const CONFIGS: Record<string, { uri: string; text: string }> = {
  ios: {
    uri: 'file:///w/r1.ios',
    text: `hostname r1
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key Secret1 address 10.0.0.2
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto map CM 10 ipsec-isakmp
 set peer 10.0.0.2
 set transform-set TS
 set pfs group14
 match address VPN
interface GigabitEthernet0/0
 ip address 10.0.0.1 255.255.255.0
 ip ospf network point-to-point
 ip ospf hello-interval 10
 crypto map CM
ip access-list extended VPN
 permit ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255
router ospf 1
 network 10.0.0.0 0.0.0.255 area 0
`,
  },
  asa: {
    uri: 'file:///w/fw.asa',
    text: `ASA Version 9.8(2)
hostname fw
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 10.0.0.1 255.255.255.0
object network LAN
 subnet 192.168.1.0 255.255.255.0
access-list VPN extended permit ip object LAN 192.168.2.0 255.255.255.0
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
 lifetime 86400
crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac
crypto map CM 10 match address VPN
crypto map CM 10 set peer 10.0.0.2
crypto map CM 10 set ikev1 transform-set TS
crypto map CM interface outside
tunnel-group 10.0.0.2 type ipsec-l2l
tunnel-group 10.0.0.2 ipsec-attributes
 ikev1 pre-shared-key Secret1
`,
  },
  routeros: {
    uri: 'file:///w/r2.rsc',
    text: `/ip address
add address=10.0.0.1/24 interface=ether1
/ip ipsec profile
add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 name=p1
/ip ipsec peer
add address=10.0.0.2/32 name=peer1 profile=p1
/ip ipsec proposal
add auth-algorithms=sha256 enc-algorithms=aes-256-cbc name=p2 pfs-group=modp2048
/ip ipsec identity
add peer=peer1 secret=Secret1
/ip ipsec policy
add dst-address=192.168.2.0/24 peer=peer1 proposal=p2 src-address=192.168.1.0/24 tunnel=yes
/routing ospf instance
add name=default-v2 router-id=10.0.0.1
/routing ospf area
add instance=default-v2 name=backbone area-id=0.0.0.0
/routing ospf interface-template
add area=backbone interfaces=ether1 type=ptp hello-interval=10s
`,
  },
  openbsd: {
    uri: 'file:///w/ipsec.conf',
    text: `local_ip = "10.0.0.1"
ike esp from 192.168.1.0/24 to 192.168.2.0/24 peer 10.0.0.2 \\
  main auth hmac-sha2-256 enc aes-256 group modp2048 \\
  quick auth hmac-sha2-256 enc aes-256 group modp2048 \\
  psk "Secret1"
flow esp from 192.168.3.0/24 to 192.168.4.0/24 peer $local_ip
`,
  },
  bird: {
    uri: 'file:///w/bird.conf',
    text: `router id 10.0.0.1;
protocol device {
}
protocol ospf v2 core {
  ipv4 {
    import all;
    export none;
  };
  area 0 {
    interface "eth0" {
      type ptp;
      hello 10;
      dead 40;
      authentication cryptographic;
      password "Secret1" {
        algorithm hmac sha256;
      };
    };
  };
}
protocol static {
  ipv4;
  route 192.168.2.0/24 via 10.0.0.2;
}
`,
  },
};

/** Words of a text: maximal runs of characters that are not blanks or punctuation, with their offsets. */
function words(text: string): { start: number; end: number }[] {
  const res: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\s;{}=,"\\$]+/g)) res.push({ start: m.index!, end: m.index! + m[0].length });
  return res;
}

function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('prototype names as user words', () => {
  test('the sweep reaches the repro lines (IOS network type, BIRD first word of a line)', () => {
    const ios = CONFIGS.ios.text;
    const at = ios.indexOf('point-to-point');
    assert.ok(words(ios).some((w) => w.start === at));
    const bird = CONFIGS.bird.text;
    assert.ok(words(bird).some((w) => w.start === bird.indexOf('type ptp')));
  });

  for (const [name, cfg] of Object.entries(CONFIGS)) {
    test(`${name}: completion, hover, navigation, symbols, tokens and findings never throw`, () => {
      const failures: string[] = [];
      const base = cfg.text;
      for (const w of words(base)) {
        for (const proto of PROTO_NAMES) {
          const text = base.slice(0, w.start) + proto + base.slice(w.end);
          const service = createLanguageService();
          service.setDocument(cfg.uri, text, 1);
          const lineStart = text.lastIndexOf('\n', w.start - 1) + 1;
          const lineEnd = text.indexOf('\n', w.start);
          const offsets = new Set<number>([lineEnd]);
          for (const v of words(text.slice(lineStart, lineEnd))) {
            offsets.add(lineStart + v.start);
            offsets.add(lineStart + v.end);
            if (text[lineStart + v.end] === ' ') offsets.add(lineStart + v.end + 1);
          }
          const where = `${proto} for '${base.slice(w.start, w.end)}' at ${JSON.stringify(position(base, w.start))}`;
          const run = (what: string, fn: () => unknown) => {
            try {
              fn();
            } catch (err) {
              failures.push(`${what} with ${where}: ${err instanceof Error ? err.message : String(err)}`);
            }
          };
          run('findings', () => {
            const crash = service.getFindings(cfg.uri).find((f) => f.code === 'internal/parser-crash');
            if (crash) throw new Error(crash.message);
          });
          run('symbols', () => getDocumentSymbols(service, cfg.uri));
          run('semantic tokens', () => getSemanticTokens(service, cfg.uri));
          for (const off of offsets) {
            const pos = position(text, off);
            run(`completion at ${JSON.stringify(pos)}`, () => getCompletions(service, cfg.uri, pos));
            run(`hover at ${JSON.stringify(pos)}`, () => getHover(service, cfg.uri, pos));
            run(`definition at ${JSON.stringify(pos)}`, () => getDefinition(service, cfg.uri, pos));
            run(`references at ${JSON.stringify(pos)}`, () => getReferences(service, cfg.uri, pos, true));
          }
        }
      }
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
    });
  }

  test('repro: hover on `ip ospf network constructor` answers (IOS)', () => {
    const text = 'hostname r1\ninterface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n ip ospf network constructor\n!\nrouter ospf 1\n network 10.0.0.0 0.0.0.255 area 0\n';
    const service = createLanguageService();
    service.setDocument('file:///w/r1.ios', text, 1);
    const hover = getHover(service, 'file:///w/r1.ios', { line: 3, character: 18 });
    assert.ok(hover, 'a hover for the network-type command');
  });

  test('repro: completion after `constructor ` in a BIRD interface block answers', () => {
    const text = 'protocol ospf v2 {\n  ipv4;\n  area 0 {\n    interface "eth0" {\n      constructor \n    };\n  };\n}\n';
    const service = createLanguageService();
    service.setDocument('file:///w/bird.conf', text, 1);
    const items = getCompletions(service, 'file:///w/bird.conf', { line: 4, character: 18 });
    assert.ok(Array.isArray(items));
  });

  test('repro bird-throw-small-aeed61f2: completion anywhere around a `__defineGetter__` line answers', () => {
    const text = fs.readFileSync(path.join(__dirname, 'fixtures/bird-throw-small-aeed61f2.txt'), 'utf8');
    const service = createLanguageService();
    service.setDocument('file:///w/bird.conf', text, 1);
    const lines = text.split('\n');
    const at = lines.indexOf('__defineGetter__');
    assert.ok(at > 0);
    for (let line = at - 1; line <= at + 1; line++) {
      for (let character = 0; character <= lines[line].length; character++) assert.ok(Array.isArray(getCompletions(service, 'file:///w/bird.conf', { line, character })));
    }
    // Typed further, with a space: the case where the first word was looked up in the value table.
    service.setDocument('file:///w/bird.conf', text.replace('\n__defineGetter__\n', '\n__defineGetter__ \n'), 2);
    assert.ok(Array.isArray(getCompletions(service, 'file:///w/bird.conf', { line: at, character: 17 })));
  });
});
