// Grammar tests: every fixture under test/syntaxes/fixtures/<dialect>/ is tokenised by the real TextMate engine
// and compared with its golden dump under test/syntaxes/results/<dialect>/ (written when missing; rewritten with
// UPDATE_SNAPSHOTS=1), plus explicit assertions on the scopes an engineer relies on. Depends only on the
// grammar and language-configuration files, never on the language server.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DIALECT_IDS, ROOT, renderTokens, tokenize, tokenizeDocument, type DialectId, type Token } from './textmate';

const FIXTURES = path.join(ROOT, 'test/syntaxes/fixtures');
const RESULTS = path.join(ROOT, 'test/syntaxes/results');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

function fixtureFiles(id: DialectId): string[] {
  const dir = path.join(FIXTURES, id);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort() : [];
}

const hasScope = (t: Token, prefix: string) => t.scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
const invalidTokens = (lines: Token[][]) => lines.flatMap((l, i) => l.filter((t) => t.scopes.some((s) => s.includes('invalid'))).map((t) => `line ${i + 1}: ${JSON.stringify(t.text)} ${t.scopes.join(' ')}`));

/** Tokenises one line (or a few) and returns the tokens of the given line. */
async function line(id: DialectId, text: string, index = 0): Promise<Token[]> {
  return (await tokenize(id, text))[index];
}

function tokenWith(tokens: Token[], text: string): Token {
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t;
}

function assertScope(tokens: Token[], text: string, prefix: string): void {
  const t = tokenWith(tokens, text);
  assert.ok(hasScope(t, prefix), `${JSON.stringify(text)} has scopes [${t.scopes.join(', ')}], expected ${prefix}`);
}

describe('golden token dumps', () => {
  for (const id of DIALECT_IDS) {
    for (const file of fixtureFiles(id)) {
      test(`${id}/${file}`, async () => {
        const text = fs.readFileSync(path.join(FIXTURES, id, file), 'utf8');
        const { lines, endsInside } = await tokenizeDocument(id, text);
        assert.equal(endsInside, false, 'every multi-line construct is closed');
        // Lossless: token texts joined give every line back.
        text.split(/\r?\n/).forEach((src, i) => assert.equal(lines[i].map((t) => t.text).join(''), src, `line ${i + 1}`));
        if (file.startsWith('invalid')) assert.ok(invalidTokens(lines).length > 0, 'an invalid fixture must produce invalid scopes');
        else assert.deepEqual(invalidTokens(lines), [], 'valid configs never get invalid.* scopes');
        const dump = renderTokens(text, lines);
        const golden = path.join(RESULTS, id, `${file}.txt`);
        if (UPDATE || !fs.existsSync(golden)) {
          fs.mkdirSync(path.dirname(golden), { recursive: true });
          fs.writeFileSync(golden, dump);
        }
        assert.equal(dump, fs.readFileSync(golden, 'utf8'), `golden dump ${path.relative(ROOT, golden)} differs (UPDATE_SNAPSHOTS=1 rewrites it)`);
      });
    }
  }

  test('every dialect has seed and crafted fixtures', () => {
    for (const id of DIALECT_IDS) {
      const files = fixtureFiles(id);
      assert.ok(files.some((f) => f.startsWith('seed-')), `${id} has a seed fixture`);
      assert.ok(files.some((f) => f.startsWith('crafted')), `${id} has a crafted fixture`);
    }
  });
});

describe('package.json contributions', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  test('each grammar file exists with the scope name package.json declares', () => {
    for (const id of DIALECT_IDS) {
      const entry = pkg.contributes.grammars.find((g: { language: string }) => g.language === id);
      assert.ok(entry, id);
      const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, entry.path), 'utf8'));
      assert.equal(grammar.scopeName, `source.${id}`);
      assert.equal(entry.scopeName, `source.${id}`);
    }
  });
  test('each language configuration exists and declares its comment markers', () => {
    const expected: Record<DialectId, { line: string; block?: [string, string] }> = {
      'cisco-ios': { line: '!' },
      'cisco-asa': { line: '!' },
      routeros: { line: '#' },
      'openbsd-ipsec': { line: '#' },
      bird: { line: '#', block: ['/*', '*/'] },
      strongswan: { line: '#' },
    };
    for (const id of DIALECT_IDS) {
      const entry = pkg.contributes.languages.find((l: { id: string }) => l.id === id);
      const conf = JSON.parse(fs.readFileSync(path.join(ROOT, entry.configuration), 'utf8'));
      assert.equal(conf.comments.lineComment, expected[id].line, id);
      assert.deepEqual(conf.comments.blockComment, expected[id].block, id);
      if (id === 'cisco-ios' || id === 'cisco-asa') assert.equal(conf.folding.offSide, true, `${id} folds by indentation`);
    }
  });
});

describe('the swanctl language (swanctl.conf)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  test('package.json contributes `swanctl` for swanctl.conf and *.swanctl.conf with the source.swanctl grammar; `strongswan` no longer claims them', () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'swanctl');
    assert.deepEqual([lang.filenames, lang.filenamePatterns], [['swanctl.conf'], ['*.swanctl.conf']]);
    const conf = JSON.parse(fs.readFileSync(path.join(ROOT, lang.configuration), 'utf8'));
    assert.equal(conf.comments.lineComment, '#');
    assert.deepEqual(conf.brackets[0], ['{', '}']);
    const grammar = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'swanctl');
    assert.equal(grammar.scopeName, 'source.swanctl');
    assert.equal(JSON.parse(fs.readFileSync(path.join(ROOT, grammar.path), 'utf8')).scopeName, 'source.swanctl');
    const swan = pkg.contributes.languages.find((l: { id: string }) => l.id === 'strongswan');
    assert.ok(![...(swan.filenames ?? []), ...(swan.filenamePatterns ?? [])].some((n: string) => n.includes('swanctl')), 'strongswan claims swanctl.conf');
    assert.ok(pkg.activationEvents.includes('onLanguage:swanctl'));
  });
});

describe('word pattern', () => {
  const WHOLE = ['GigabitEthernet0/0/1', 'Tunnel0', '10.0.0.1/24', '2001:db8::1/64', 'esp-sha-hmac', 'aes-256-cbc', 'MY_KEY', '::/0', 'fa1/0'];
  for (const id of DIALECT_IDS) {
    test(`${id} keeps interface names, prefixes, algorithm names and identifiers whole`, () => {
      const conf = JSON.parse(fs.readFileSync(path.join(ROOT, 'language-configuration', `${id}.json`), 'utf8'));
      const words = (s: string) => s.match(new RegExp(conf.wordPattern, 'g')) ?? [];
      for (const w of WHOLE) assert.deepEqual(words(` ${w} `), [w], w);
      // ...and stops at the separators the dialects use around values.
      assert.deepEqual(words('enc-algorithms=aes-256-cbc,3des'), ['enc-algorithms', 'aes-256-cbc', '3des']);
      assert.deepEqual(words('interface "vlan7";'), ['interface', 'vlan7']);
      assert.deepEqual(words('{ 10.1.0.0/16, 10.2.0.0/16 }'), ['10.1.0.0/16', '10.2.0.0/16']);
      assert.deepEqual(words('description Link.'), ['description', 'Link']);
    });
  }
});

describe('key scopes', () => {
  test('IOS: a command keyword and a comment get different scopes', async () => {
    const lines = await tokenize('cisco-ios', '!\ncrypto isakmp policy 1\n! crypto map in a comment');
    assertScope(lines[0], '!', 'comment.line.exclamation');
    assertScope(lines[1], 'crypto', 'keyword.other.command');
    assert.ok(!hasScope(tokenWith(lines[1], 'crypto'), 'comment'));
    assert.ok(lines[2].every((t) => hasScope(t, 'comment.line') && !t.scopes.some((s) => s.startsWith('keyword'))));
  });

  test('an address with a prefix length is one numeric ip token in every dialect', async () => {
    const cases: [DialectId, string][] = [
      ['cisco-ios', 'ip route 10.0.0.1/24 Null0'],
      ['cisco-asa', 'ipv6 route outside 10.0.0.1/24 2001:db8::1'],
      ['routeros', '/ip address add address=10.0.0.1/24 interface=ether1'],
      ['openbsd-ipsec', 'ike esp from 10.0.0.1/24 to any'],
      ['bird', 'stubnet 10.0.0.1/24;'],
      ['strongswan', '\tleftsubnet=10.0.0.1/24'],
    ];
    for (const [id, text] of cases) {
      const tokens = await line(id, text);
      assertScope(tokens, '10.0.0.1/24', 'constant.numeric.ip');
    }
    assertScope(await line('cisco-ios', 'ipv6 address 2001:db8::1/64'), '2001:db8::1/64', 'constant.numeric.ip.ipv6');
    const mask = await line('cisco-ios', ' permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255');
    assertScope(mask, '0.0.0.255', 'constant.numeric.ip');
    assertScope(mask, '192.168.88.0', 'constant.numeric.ip');
  });

  test('IOS banner bodies (any delimiter, several lines) are not keyword-coloured', async () => {
    const text = 'banner motd ^C\ncrypto map interface permit 10.0.0.1\n! not a comment\n^C\nbanner login %one line interface%\ninterface Tunnel0';
    const lines = await tokenize('cisco-ios', text);
    for (const i of [1, 2]) {
      assert.equal(lines[i].length, 1, `line ${i} is one token`);
      assert.ok(hasScope(lines[i][0], 'string.unquoted.banner'), lines[i][0].scopes.join(' '));
      assert.ok(!lines[i][0].scopes.some((s) => s.startsWith('keyword') || s.startsWith('comment')));
    }
    assertScope(lines[3], '^C', 'punctuation.definition.string.end');
    assertScope(lines[4], 'one line interface', 'string.unquoted.banner');
    assert.equal((await tokenizeDocument('cisco-ios', text)).endsInside, false);
    assert.equal((await tokenizeDocument('cisco-ios', 'banner motd ^C\nno closing delimiter')).endsInside, true);
    // The banner ended: the next line is a command again.
    assertScope(lines[5], 'interface', 'keyword.other.command');
    assertScope(lines[5], 'Tunnel0', 'entity.name.interface');
  });

  test('description and remark are free text', async () => {
    const lines = await tokenize('cisco-ios', ' description to 10.0.0.2 via crypto map\naccess-list 10 remark permit any host\n remark deny any');
    assertScope(lines[0], 'to 10.0.0.2 via crypto map', 'string.unquoted.description');
    assertScope(lines[1], 'permit any host', 'string.unquoted.remark');
    assertScope(lines[2], 'deny any', 'string.unquoted.remark');
    const asa = await line('cisco-asa', ' description identify SSH traffic, so we can apply policy');
    assertScope(asa, 'identify SSH traffic, so we can apply policy', 'string.unquoted.description');
  });

  test('IOS no-forms and defined names', async () => {
    const lines = await tokenize(
      'cisco-ios',
      [
        'no ip redirects',
        'interface GigabitEthernet0/0/1',
        'crypto ipsec transform-set MYTS esp-aes 256 esp-sha-hmac',
        'crypto map MYMAP 10 ipsec-isakmp',
        'ip access-list extended ACLTRAFF',
        'crypto ipsec profile myDMVPN',
        'ip local pool POOL1 10.9.0.1 10.9.0.50',
        ' crypto map MYMAP',
        ' match address ACLTRAFF',
      ].join('\n'),
    );
    assertScope(lines[0], 'no', 'keyword.operator.negation');
    assertScope(lines[0], 'ip', 'keyword.other.command');
    assertScope(lines[1], 'GigabitEthernet0/0/1', 'entity.name.interface');
    assertScope(lines[2], 'MYTS', 'entity.name.transform-set');
    assertScope(lines[2], 'esp-aes', 'constant.language.algorithm');
    assertScope(lines[2], 'esp-sha-hmac', 'constant.language.algorithm');
    assertScope(lines[3], 'MYMAP', 'entity.name.crypto-map');
    assertScope(lines[4], 'ACLTRAFF', 'entity.name.acl');
    assertScope(lines[5], 'myDMVPN', 'entity.name.profile');
    assertScope(lines[6], 'POOL1', 'entity.name.pool');
    // Uses are references, not definitions.
    assertScope(lines[7], 'MYMAP', 'variable.other.reference');
    assertScope(lines[8], 'ACLTRAFF', 'variable.other.reference');
  });

  test('ASA specifics: comments, version, nameif, tunnel-group, group-policy', async () => {
    const lines = await tokenize(
      'cisco-asa',
      [': Saved', 'ASA Version 9.1(2)', ' nameif outside', ' security-level 100', 'tunnel-group RA_TG type remote-access', 'group-policy RA_GP internal', ' ikev1 pre-shared-key S3cret', 'crypto ikev1 policy 1', ' encryption aes-256'].join('\n'),
    );
    assert.ok(lines[0].every((t) => hasScope(t, 'comment.line')));
    assertScope(lines[1], '9.1(2)', 'constant.numeric.version');
    assertScope(lines[2], 'outside', 'entity.name.interface.nameif');
    assertScope(lines[3], '100', 'constant.numeric');
    assertScope(lines[4], 'RA_TG', 'entity.name.tunnel-group');
    assertScope(lines[5], 'RA_GP', 'entity.name.group-policy');
    assertScope(lines[6], 'S3cret', 'string.other.secret');
    assertScope(lines[8], 'aes-256', 'constant.language.algorithm');
  });

  test('secrets get a secret scope in every dialect', async () => {
    assertScope(await line('cisco-ios', 'crypto isakmp key MYKEY address 10.0.0.2 no-xauth'), 'MYKEY', 'string.other.secret');
    assertScope(await line('cisco-ios', 'snmp-server user myuser mygroup v3 auth md5 authsecret priv des privsecret'), 'privsecret', 'string.other.secret');
    assertScope(await line('routeros', '/ip ipsec peer add address=192.168.23.3 secret=MY_KEY'), 'MY_KEY', 'string.other.secret');
    assertScope(await line('openbsd-ipsec', '        psk mekmitasdigoat'), 'mekmitasdigoat', 'string.other.secret');
    assertScope(await line('bird', 'password "s3cret";'), 's3cret', 'string.quoted.double.secret');
    assertScope(await line('strongswan', '192.0.2.1 198.51.100.2 : PSK "s3cret"'), '"s3cret"', 'string.other.secret');
    // `tunnel key 1` (a GRE key) and `crypto key generate` are not secrets.
    const gre = await line('cisco-ios', ' tunnel key 1');
    assertScope(gre, '1', 'constant.numeric');
    const gen = await line('cisco-ios', 'crypto key generate rsa modulus 2048');
    assertScope(gen, 'generate', 'keyword.other');
  });

  test('RouterOS: menu paths, commands, key=value, name=, strings, [find], script', async () => {
    const lines = await tokenize(
      'routeros',
      [
        '/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none',
        'ip firewall filter add chain=input proto=udp port=500 action=accept',
        'set [find default=yes] comment="a \\"b\\""',
        ':local peer "10.0.0.2"',
        '/ip ipsec peer add address=10.0.0.1 \\',
        '    secret=MY_KEY',
      ].join('\n'),
    );
    assertScope(lines[0], '/ip ipsec proposal', 'entity.name.namespace.menu');
    assertScope(lines[0], 'add', 'keyword.other.command');
    assertScope(lines[0], 'enc-algorithms', 'variable.parameter');
    assertScope(lines[0], 'aes-256-cbc', 'constant.language.algorithm');
    assertScope(lines[0], 'MyProposal', 'entity.name');
    assertScope(lines[1], 'ip firewall filter', 'entity.name.namespace.menu');
    assertScope(lines[1], '500', 'constant.numeric');
    assertScope(lines[2], '[', 'punctuation.section.brackets.begin');
    assertScope(lines[2], 'find', 'keyword.other.command');
    assertScope(lines[2], '\\"', 'constant.character.escape');
    assertScope(lines[3], ':local', 'storage.type.variable');
    assertScope(lines[3], 'peer', 'variable.other.definition');
    assertScope(lines[4], '\\', 'punctuation.separator.continuation');
    assertScope(lines[5], 'secret', 'variable.parameter');
  });

  test('OpenBSD ipsec.conf: macros, options, algorithms, lists, continuation', async () => {
    const lines = await tokenize('openbsd-ipsec', ['gw = "192.0.2.1"  # the peer', 'ike esp from { 10.1.0.0/16, 10.2.0.0/16 } to any peer $gw \\', '  main auth hmac-sha1 enc 3des group modp1024 lifetime 28800'].join('\n'));
    assertScope(lines[0], 'gw', 'entity.name.variable.macro');
    assertScope(lines[0], '# the peer'.slice(0, 1), 'comment.line');
    assertScope(lines[1], 'ike', 'keyword.other.command');
    assertScope(lines[1], 'from', 'variable.parameter.option');
    assertScope(lines[1], '{', 'punctuation.section.braces.begin');
    assertScope(lines[1], '$gw', 'variable.other.macro');
    assertScope(lines[1], '\\', 'punctuation.separator.continuation');
    assertScope(lines[2], 'main', 'variable.parameter.option');
    assertScope(lines[2], '3des', 'constant.language.algorithm');
    assertScope(lines[2], 'modp1024', 'constant.language.algorithm');
    assertScope(lines[2], '28800', 'constant.numeric');
  });

  test('BIRD: comments, definitions, filter language, prefix patterns', async () => {
    const lines = await tokenize(
      'bird',
      ['/* block', 'comment protocol */ # line', 'protocol ospf v2 core {', 'filter f1 { if net ~ [ 10.0.0.0/8+ ] then accept; else reject; }', 'function fn() { return true; }', 'template bgp T1 {', 'define AS = 65000;', 'include "x.conf";'].join('\n'),
    );
    assertScope(lines[0], '/*', 'comment.block');
    assertScope(lines[1], 'comment protocol ', 'comment.block');
    assertScope(lines[1], '#', 'comment.line.number-sign');
    assertScope(lines[2], 'core', 'entity.name.protocol');
    assertScope(lines[2], 'ospf', 'support.type.protocol');
    assertScope(lines[3], 'f1', 'entity.name.filter');
    assertScope(lines[3], 'if', 'keyword.control');
    assertScope(lines[3], 'accept', 'keyword.control');
    assertScope(lines[3], '10.0.0.0/8+', 'constant.numeric.ip.ipv4.prefix');
    assertScope(lines[3], '~', 'keyword.operator');
    assertScope(lines[4], 'fn', 'entity.name.function');
    assertScope(lines[5], 'T1', 'entity.name.template');
    assertScope(lines[6], 'AS', 'entity.name.constant');
    assertScope(lines[7], 'include', 'keyword.control.import');
  });

  test('strongSwan/Libreswan: sections, key=value, also=, algorithms, strict !, %keywords, comments, include', async () => {
    const lines = await tokenize(
      'strongswan',
      ['config setup', '\tcharondebug="ike 2"  # debug', 'conn net-net', '\talso=base', '\tright=%any', '\tike=aes256gcm16-prfsha384-ecp384!', '\tleftid=@moon.strongswan.org', 'include /etc/ipsec.d/*.conf', '# conn commented'].join('\n'),
    );
    assertScope(lines[0], 'config', 'keyword.other.section');
    assertScope(lines[0], 'setup', 'entity.name.section');
    assertScope(lines[1], 'charondebug', 'variable.parameter');
    assertScope(lines[1], '"ike 2"', 'string.quoted.double');
    assertScope(lines[1], '#', 'comment.line');
    assertScope(lines[2], 'conn', 'keyword.other.section');
    assertScope(lines[2], 'net-net', 'entity.name.section');
    assertScope(lines[3], 'also', 'keyword.other.also');
    assertScope(lines[4], '%any', 'constant.language');
    assertScope(lines[5], 'aes256gcm16', 'constant.language.algorithm');
    assertScope(lines[5], 'prfsha384', 'constant.language.algorithm');
    assertScope(lines[5], 'ecp384', 'constant.language.algorithm');
    assertScope(lines[5], '!', 'keyword.operator.strict');
    assertScope(lines[6], '@moon.strongswan.org', 'string.unquoted.identity');
    assertScope(lines[7], 'include', 'keyword.control.import');
    assert.ok(lines[8].every((t) => hasScope(t, 'comment.line') && !t.scopes.some((s) => s.startsWith('keyword'))));
  });

  test('invalid.illegal only on known-bad tokens', async () => {
    assertScope(await line('cisco-ios', 'ip route 192.0.2.0 255.255.255.0 999.1.1.1'), '999.1.1.1', 'invalid.illegal');
    assertScope(await line('cisco-ios', 'ip route 10.0.0.0/33 Null0'), '10.0.0.0/33', 'invalid.illegal');
    // Look-alikes that are valid: OIDs, versions, times, image names.
    for (const [id, text] of [
      ['cisco-ios', 'snmp-server view myview 1.3.6.1.4.1.9 included'],
      ['cisco-ios', 'boot system flash:c870-advsecurityk9-mz.124-15.T9.bin'],
      ['routeros', '# jan/02/1970 00:00:00 by RouterOS 6.48.6'],
      ['routeros', '/system scheduler add start-time=00:00:00 interval=1d'],
    ] as [DialectId, string][]) {
      assert.deepEqual(invalidTokens([await line(id, text)]), [], text);
    }
  });
});

describe('real configs', () => {
  // The shared corpus of public configs lives next to the repository; skip cleanly when it is absent.
  const corpus = path.resolve(ROOT, '..', 'shared', 'corpus');
  const dirs: Record<string, DialectId> = { ios: 'cisco-ios', asa: 'cisco-asa', routeros: 'routeros', 'openbsd-ipsec': 'openbsd-ipsec', bird2: 'bird', bird1: 'bird' };
  test('no corpus file gets an invalid scope or ends inside a multi-line construct', { skip: !fs.existsSync(corpus) && 'shared corpus absent' }, async () => {
    const problems: string[] = [];
    for (const [dir, id] of Object.entries(dirs)) {
      const full = path.join(corpus, dir);
      if (!fs.existsSync(full)) continue;
      for (const f of (fs.readdirSync(full, { recursive: true }) as string[]).sort()) {
        if (!fs.statSync(path.join(full, f)).isFile()) continue;
        const text = fs.readFileSync(path.join(full, f), 'utf8');
        const { lines, endsInside } = await tokenizeDocument(id, text);
        for (const p of invalidTokens(lines)) problems.push(`${dir}/${f} ${p}`);
        // Every banner, string and block comment of a complete config is closed. (The RouterOS corpus holds
        // forum snippets, some cut in the middle of a string, so it is left out of this check.)
        if (endsInside && dir !== 'routeros') problems.push(`${dir}/${f} ends inside a banner, string or comment`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
