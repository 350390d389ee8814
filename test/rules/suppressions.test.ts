// Rules applied by the service (server/src/rules): severity layers and their precedence, inline netcfg-ignore
// comments in each dialect's syntax (line before, trailing where the dialect has trailing comments), netcfg.yaml
// `ignore:` entries, fingerprints, and the suppression/* codes. Real configs in each vendor's syntax.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as model from '../../server/src/model';
import { findingFingerprint, visibleFindings } from '../../server/src/rules/apply';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../../server/src/service';

const IOS = `hostname r1
crypto isakmp policy 10
 encryption des
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key secret123 address 10.0.0.2
crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
access-list 101 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
crypto map VPN 10 ipsec-isakmp
 set peer 10.0.0.2
 set transform-set TS
 match address 101
interface Gi0/0
 ip address 10.0.0.1 255.255.255.0
 crypto map VPN
`;

const ASA = `hostname asa1
crypto ikev1 policy 10
 authentication pre-share
 encryption des
 hash sha
 group 14
crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac
access-list VPN extended permit ip 10.1.0.0 255.255.0.0 10.2.0.0 255.255.0.0
crypto map CM 10 match address VPN
crypto map CM 10 set peer 10.0.0.2
crypto map CM 10 set ikev1 transform-set TS
crypto map CM interface outside
tunnel-group 10.0.0.2 type ipsec-l2l
tunnel-group 10.0.0.2 ipsec-attributes
 ikev1 pre-shared-key secret123
`;

const ROS = `/ip ipsec peer
add address=10.0.0.2/32 name=peer1 profile=MISSING
`;

const OBSD = `ike esp from 10.1.0.0/16 to 10.2.0.0/16 peer 198.51.100.1 \\
  main auth hmac-sha2-256 enc des group modp2048 \\
  quick auth hmac-sha2-256 enc aes-256 group modp2048 \\
  psk "abc"
`;

const BIRD = `protocol ospf v2 {
  ipv4 { import all; export all; };
  area 0 {
    interface "eth0" {
      hello 10;
      dead 5;
    };
  };
}
`;

interface Doc {
  uri: string;
  text: string;
}

function service(docs: Doc[], settings: Partial<ServiceSettings> = {}): LanguageService {
  const s = createLanguageService(settings);
  for (const d of docs) s.setDocument(d.uri, d.text, 1);
  return s;
}

/** `code severity "covered text" [suppressed kind: reason]` for each finding, in document order. */
function show(s: LanguageService, uri: string): string[] {
  const text = s.getDocument(uri)!.text;
  return [...s.getFindings(uri)]
    .sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code))
    .map((f) => `${f.code} ${f.severity} ${JSON.stringify(text.slice(f.range.start, f.range.end))}${f.suppressed ? ` [${f.suppressed.kind}${f.suppressed.justification ? `: ${f.suppressed.justification}` : ''}]` : ''}`);
}

describe('rule severities', () => {
  const doc = { uri: 'file:///w/r1.ios', text: IOS };
  test('default: the check decides', () => {
    assert.deepEqual(show(service([doc]), doc.uri), ['ipsec/weak-crypto warning "encryption des"']);
  });
  test('netcfg.yaml rules: sets a code, a family; off removes; the code beats its family', () => {
    const yaml = (rules: string) => ({ uri: 'file:///w/netcfg.yaml', text: `rules:\n${rules}` });
    assert.deepEqual(show(service([yaml('  ipsec/weak-crypto: error\n'), doc]), doc.uri), ['ipsec/weak-crypto error "encryption des"']);
    assert.deepEqual(show(service([yaml('  ipsec/*: information\n'), doc]), doc.uri), ['ipsec/weak-crypto information "encryption des"']);
    assert.deepEqual(show(service([yaml('  ipsec/weak-crypto: off\n'), doc]), doc.uri), []);
    assert.deepEqual(show(service([yaml('  ipsec/*: off\n  ipsec/weak-crypto: hint\n'), doc]), doc.uri), ['ipsec/weak-crypto hint "encryption des"']);
    assert.deepEqual(show(service([yaml('  "*": error\n'), doc]), doc.uri), ['ipsec/weak-crypto error "encryption des"']);
  });
  test('precedence: user rules (CLI --rule / netcfg.rules) > netcfg.yaml rules: > default', () => {
    const yaml = { uri: 'file:///w/netcfg.yaml', text: 'rules:\n  ipsec/weak-crypto: off\n' };
    assert.deepEqual(show(service([yaml, doc], { rules: { 'ipsec/weak-crypto': 'error' } }), doc.uri), ['ipsec/weak-crypto error "encryption des"']);
    // A user family setting beats a yaml code setting: the user layer decides first.
    assert.deepEqual(show(service([yaml, doc], { rules: { 'ipsec/*': 'hint' } }), doc.uri), ['ipsec/weak-crypto hint "encryption des"']);
    assert.deepEqual(show(service([yaml, doc], { rules: { 'ospf/*': 'off' } }), doc.uri), []);
  });
  test('the nearest netcfg.yaml governs a file', () => {
    const top = { uri: 'file:///w/netcfg.yaml', text: 'rules:\n  ipsec/weak-crypto: off\n' };
    const sub = { uri: 'file:///w/site/netcfg.yaml', text: 'rules:\n  ipsec/weak-crypto: error\n' };
    const inSub = { uri: 'file:///w/site/r1.ios', text: IOS };
    const s = service([top, sub, doc, inSub]);
    assert.deepEqual(show(s, doc.uri), []);
    assert.deepEqual(show(s, inSub.uri), ['ipsec/weak-crypto error "encryption des"']);
  });
  test('a rules: entry with an unknown code or severity is a config diagnostic at its range', () => {
    const text = 'rules:\n  ipsec/weak-crypt: off\n  ospf/*: loud\n';
    const s = service([{ uri: 'file:///w/netcfg.yaml', text }]);
    assert.deepEqual(show(s, 'file:///w/netcfg.yaml'), ['config/unknown-code warning "ipsec/weak-crypt"', 'config/invalid-value error "loud"']);
  });
});

describe('inline netcfg-ignore comments', () => {
  const cases: { name: string; uri: string; text: string; expect: string[] }[] = [
    {
      name: 'IOS: `!` on the line before, at the statement\'s indentation, with a reason',
      uri: 'file:///w/r1.ios',
      text: IOS.replace(' encryption des\n', ' ! netcfg-ignore ipsec/weak-crypto -- legacy peer until 2027-06\n encryption des\n'),
      expect: ['ipsec/weak-crypto warning "encryption des" [inSource: legacy peer until 2027-06]'],
    },
    {
      name: 'ASA: `:` comment line, two codes, one of them unused',
      uri: 'file:///w/asa1.asa',
      text: ASA.replace(' encryption des\n', ' : netcfg-ignore ipsec/weak-crypto,ref/undefined\n encryption des\n'),
      expect: ['suppression/unused hint "ref/undefined"', 'ipsec/weak-crypto warning "encryption des" [inSource]', 'ref/undefined error "outside"'],
    },
    {
      name: 'ASA: `!` comment line, a family',
      uri: 'file:///w/asa1.asa',
      text: ASA.replace('crypto map CM interface outside\n', '! netcfg-ignore ref/*\ncrypto map CM interface outside\n'),
      expect: ['ipsec/weak-crypto warning "encryption des"', 'ref/undefined error "outside" [inSource]'],
    },
    {
      name: 'RouterOS: `#` line before',
      uri: 'file:///w/r.rsc',
      text: ROS.replace('add address', '# netcfg-ignore ref/undefined -- profile comes from the template\nadd address'),
      expect: ['ipsec/weak-crypto warning "add address=10.0.0.2/32 name=peer1 profile=MISSING"', 'ref/undefined error "MISSING" [inSource: profile comes from the template]'],
    },
    {
      name: 'RouterOS: trailing `; # …`',
      uri: 'file:///w/r.rsc',
      text: ROS.replace('profile=MISSING\n', 'profile=MISSING ; # netcfg-ignore ref/undefined\n'),
      expect: ['ipsec/weak-crypto warning "add address=10.0.0.2/32 name=peer1 profile=MISSING"', 'ref/undefined error "MISSING" [inSource]'],
    },
    {
      name: 'OpenBSD: `#` before a statement continued over several lines',
      uri: 'file:///w/gw.ipsec.conf',
      text: `# netcfg-ignore ipsec/weak-crypto,openbsd/insecure-algorithm -- partner upgrade pending\n${OBSD}`,
      expect: ['ipsec/weak-crypto warning "des" [inSource: partner upgrade pending]', 'openbsd/insecure-algorithm warning "des" [inSource: partner upgrade pending]'],
    },
    {
      name: 'OpenBSD: trailing `#` on the statement\'s line',
      uri: 'file:///w/gw.ipsec.conf',
      text: OBSD.replace('group modp2048 \\\n  quick', 'group modp2048 \\\n  quick').replace('ike esp from 10.1.0.0/16 to 10.2.0.0/16 peer 198.51.100.1 \\\n  main auth hmac-sha2-256 enc des group modp2048 \\\n', 'ike esp from 10.1.0.0/16 to 10.2.0.0/16 peer 198.51.100.1 main auth hmac-sha2-256 enc des group modp2048 quick auth hmac-sha2-256 enc aes-256 group modp2048 psk "abc" # netcfg-ignore openbsd/insecure-algorithm\n').replace(/  quick auth hmac-sha2-256 enc aes-256 group modp2048 \\\n  psk "abc"\n/, ''),
      expect: ['ipsec/weak-crypto warning "des"', 'openbsd/insecure-algorithm warning "des" [inSource]'],
    },
    {
      name: 'BIRD: `#` line before and trailing `#`',
      uri: 'file:///w/bird.conf',
      text: BIRD.replace('      dead 5;\n', '      # netcfg-ignore bird/dead-below-hello -- lab timers\n      dead 5;\n'),
      expect: ['bird/dead-below-hello warning "5" [inSource: lab timers]'],
    },
    {
      name: 'BIRD: trailing `#`',
      uri: 'file:///w/bird.conf',
      text: BIRD.replace('      dead 5;\n', '      dead 5; # netcfg-ignore bird/dead-below-hello\n'),
      expect: ['bird/dead-below-hello warning "5" [inSource]'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const s = service([{ uri: c.uri, text: c.text }]);
      const got = show(s, c.uri);
      assert.deepEqual(got, c.expect);
    });
  }

  test('without the comment the same findings are not suppressed (clean variants)', () => {
    assert.deepEqual(show(service([{ uri: 'file:///w/r.rsc', text: ROS }]), 'file:///w/r.rsc'), ['ipsec/weak-crypto warning "add address=10.0.0.2/32 name=peer1 profile=MISSING"', 'ref/undefined error "MISSING"']);
    assert.deepEqual(show(service([{ uri: 'file:///w/bird.conf', text: BIRD }]), 'file:///w/bird.conf'), ['bird/dead-below-hello warning "5"']);
  });

  test('IOS has no trailing comments: `!` after a command is part of it, and does not suppress', () => {
    const text = IOS.replace(' encryption des\n', ' encryption des ! netcfg-ignore ipsec/weak-crypto\n');
    const s = service([{ uri: 'file:///w/r1.ios', text }]);
    assert.ok(show(s, 'file:///w/r1.ios').every((l) => !l.includes('[inSource')));
  });

  test('a `#` inside a quoted BIRD string is not a comment', () => {
    const text = BIRD.replace('      dead 5;\n', '      dead 5;\n      password "a # netcfg-ignore bird/dead-below-hello";\n');
    const s = service([{ uri: 'file:///w/bird.conf', text }]);
    assert.ok(show(s, 'file:///w/bird.conf').includes('bird/dead-below-hello warning "5"'));
  });

  test('suppression/unused on an ignore that suppresses nothing, suppression/unknown-code on an unknown code', () => {
    const text = IOS.replace('crypto isakmp policy 10\n', '! netcfg-ignore ipsec/weak-crypto\n! netcfg-ignore ipsec/weak-krypto\n! netcfg-ignore\ncrypto isakmp policy 10\n');
    const s = service([{ uri: 'file:///w/r1.ios', text }]);
    assert.deepEqual(show(s, 'file:///w/r1.ios'), [
      'suppression/unused hint "ipsec/weak-crypto"',
      'suppression/unknown-code warning "ipsec/weak-krypto"',
      'suppression/unknown-code warning "! netcfg-ignore"',
      'ipsec/weak-crypto warning "encryption des"',
    ]);
    const unused = s.getFindings('file:///w/r1.ios').find((f) => f.code === 'suppression/unused')!;
    assert.deepEqual(unused.tags, ['unnecessary']);
    // The suppression codes are rules like any other.
    const quiet = service([{ uri: 'file:///w/r1.ios', text }], { rules: { 'suppression/*': 'off' } });
    assert.deepEqual(show(quiet, 'file:///w/r1.ios'), ['ipsec/weak-crypto warning "encryption des"']);
  });

  test('the editor never shows suppressed findings; baselined ones as hints or not at all', () => {
    const f = (extra: Partial<model.Finding>): model.Finding => ({ uri: 'u', range: { start: 0, end: 1 }, severity: 'error', code: 'ref/undefined', message: 'm', related: [], fixes: [], ...extra });
    const list = [f({}), f({ suppressed: { kind: 'inSource' } }), f({ baselined: true })];
    assert.deepEqual(visibleFindings(list, 'hint').map((x) => x.severity), ['error', 'hint']);
    assert.deepEqual(visibleFindings(list, 'hide').map((x) => x.severity), ['error']);
  });
});

describe('netcfg.yaml ignore: and fingerprints', () => {
  const uri = 'file:///w/site/r1.ios';
  const fpOf = (s: LanguageService, u = uri) => findingFingerprint(s, s.getFindings(u).find((f) => f.code === 'ipsec/weak-crypto')!)!;

  test('a fingerprint survives lines inserted above, and stops matching when the statement changes', () => {
    const base = fpOf(service([{ uri, text: IOS }]));
    assert.match(base, /^[0-9a-f]{32}$/);
    const shifted = IOS.replace('hostname r1\n', 'hostname r1\n!\nbanner motd ^Cauthorised only^C\nntp server 10.9.9.9\n');
    assert.equal(fpOf(service([{ uri, text: shifted }])), base);
    assert.equal(fpOf(service([{ uri: 'file:///elsewhere/renamed.ios', text: shifted }], {}), 'file:///elsewhere/renamed.ios'), base, 'the device, not the path, is in the fingerprint');
    assert.notEqual(fpOf(service([{ uri, text: IOS.replace('encryption des', 'encryption 3des') }])), base);
    assert.notEqual(fpOf(service([{ uri, text: IOS.replace('crypto isakmp policy 10', 'crypto isakmp policy 20') }])), base, 'the parent block is part of the statement');
    assert.notEqual(fpOf(service([{ uri, text: IOS.replace('hostname r1', 'hostname r2') }])), base, 'the device is part of it');
  });

  test('secrets are masked before hashing: the key does not change the fingerprint of the statement it is on', () => {
    const a = { uri: 'file:///w/a.ipsec.conf', text: 'ike esp from 10.1.0.0/16 to 10.2.0.0/16 local 192.0.2.1 peer 198.51.100.1 psk "site-a-secret-9x"\n' };
    const b = { uri: 'file:///w/b.ipsec.conf', text: 'ike esp from 10.2.0.0/16 to 10.1.0.0/16 local 198.51.100.1 peer 192.0.2.1 psk "site-b-other-7q"\n' };
    const fp = (s: LanguageService) => findingFingerprint(s, s.getFindings(a.uri).find((f) => f.code === 'ipsec/psk-mismatch')!);
    const one = fp(service([a, b]));
    assert.ok(one);
    assert.equal(fp(service([{ ...a, text: a.text.replace('site-a-secret-9x', 'another-key-42') }, b])), one);
  });

  test('ignore: by code and files glob, by device, by fingerprint; every criterion must match; kind external with the reason', () => {
    const fp = fpOf(service([{ uri, text: IOS }]));
    const check = (ignore: string) => {
      const s = service([{ uri: 'file:///w/netcfg.yaml', text: `ignore:\n${ignore}` }, { uri, text: IOS }]);
      return [show(s, uri), show(s, 'file:///w/netcfg.yaml')];
    };
    const suppressed = ['ipsec/weak-crypto warning "encryption des" [external: legacy peer]'];
    const open = ['ipsec/weak-crypto warning "encryption des"'];
    assert.deepEqual(check('  - code: ipsec/weak-crypto\n    files: "site/*.ios"\n    reason: legacy peer\n'), [suppressed, []]);
    assert.deepEqual(check('  - code: ipsec/weak-crypto\n    files: "other/**"\n    reason: legacy peer\n'), [open, []]);
    assert.deepEqual(check('  - code: ipsec/*\n    device: r1\n    reason: legacy peer\n'), [suppressed, []]);
    assert.deepEqual(check('  - code: ipsec/*\n    device: r2\n'), [open, []]);
    assert.deepEqual(check(`  - code: ipsec/weak-crypto\n    fingerprint: ${fp}\n    reason: legacy peer\n`), [suppressed, []]);
    assert.deepEqual(check(`  - code: ipsec/weak-crypto\n    fingerprint: ${'0'.repeat(32)}\n`), [open, []]);
    assert.deepEqual(check(`  - code: ipsec/weak-crypto\n    fingerprint: "${fp}"\n    reason: legacy peer\n`), [suppressed, []]);
    assert.deepEqual(check(`  - code: ipsec/weak-crypto\n    fingerprint: XYZ\n`)[1], ['config/invalid-value error "XYZ"']);
    assert.deepEqual(check(`  - code: ipsec/nope\n`)[1], ['config/unknown-code warning "ipsec/nope"']);
    assert.deepEqual(check(`  - device: r1\n`)[1], ['config/invalid-value error "device: r1\\n"']);
  });
});
