// BIRD lexer/parser: lossless tokens and never-throws on the corpus and on garbage, tree shapes, token classes,
// content detection, outline and folding.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { birdDialect, parseBird } from '../../server/src/dialects/bird';
import { lex } from '../../server/src/dialects/bird/lexer';
import type { SyntaxNode } from '../../server/src/syntax';
import { SEED_V4, SEED_V6_STUBNET } from './snippets';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

function corpusFiles(): string[] {
  const res: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else res.push(full);
    }
  };
  for (const d of ['bird1', 'bird2']) if (fs.existsSync(path.join(CORPUS, d))) walk(path.join(CORPUS, d));
  return res;
}

/** Renders a tree compactly: statements as their token texts, blocks as `{ … }`. */
function render(node: SyntaxNode): string {
  if (node.kind === 'BirdBlock') return `{ ${node.children.map(render).join(' ')} }`;
  if (node.kind === 'BirdRoot') return node.children.map(render).join('\n');
  const parts: string[] = [];
  let bi = 0;
  for (const t of node.tokens) {
    const block = node.children[bi];
    if (block && block.range.start < t.start) {
      parts.push(render(block));
      bi++;
    }
    parts.push(t.text);
  }
  for (; bi < node.children.length; bi++) parts.push(render(node.children[bi]));
  return `[${parts.join(' ')}]`;
}

describe('bird lexer and parser', () => {
  it('is lossless and never throws on every BIRD corpus file', { skip: corpusFiles().length === 0 && 'corpus not present' }, () => {
    const files = corpusFiles();
    assert.ok(files.length >= 20);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const parsed = birdDialect.parse(text, {});
      assert.equal(parsed.tokens.map((t) => t.text).join(''), text, f);
      assert.doesNotThrow(() => birdDialect.lower(parsed, `file:///${path.basename(f)}`, {}));
      assert.doesNotThrow(() => birdDialect.outline(parsed));
      assert.doesNotThrow(() => birdDialect.folding(parsed));
    }
  });

  it('is lossless and never throws on garbage', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = ['{', '}', ';', '"', "'", '/*', '*/', '#', '\n', '\r\n', ' ', 'protocol', 'ospf', 'area', 'interface', '0', '10.0.0.0/8', '::', '2001:db8::/32{33,48}', '(', ')', '[', ']', 'hello', '-', '+', '\u00e9', '\ud83d\ude00', '\ud800', '\u0000', 'password', 'if', 'else', 'function', '->', '.'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = Math.floor(rnd() * 80);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const parsed = parseBird(text);
      assert.equal(parsed.tokens.map((t) => t.text).join(''), text);
      assert.doesNotThrow(() => birdDialect.lower(parsed, 'file:///g.bird', {}));
      assert.doesNotThrow(() => birdDialect.outline(parsed));
    }
    // Deep nesting must not overflow the stack.
    const deep = '{'.repeat(200_000) + '}'.repeat(100_000);
    const parsed = parseBird(deep);
    assert.equal(parsed.tokens.length, 300_000);
    assert.doesNotThrow(() => birdDialect.lower(parsed, 'file:///deep.bird', {}));
  });

  it('lexes addresses, prefixes with range suffixes, strings and comments as single tokens', () => {
    const text = 'net ~ [ 10.0.0.0/8{16,24}, 2001:db8::/32+, 192.0.2.0/24- ] && x = "a \\" b" /* c\n d */ # e\n1:2 deaf 0x1F ::1';
    const toks = lex(text).tokens.filter((t) => t.kind !== 'whitespace' && t.kind !== 'newline');
    assert.deepEqual(
      toks.map((t) => `${t.kind}:${t.text}`),
      [
        'word:net', 'operator:~', 'punct:[', 'number:10.0.0.0/8{16,24}', 'punct:,', 'number:2001:db8::/32+', 'punct:,', 'number:192.0.2.0/24-', 'punct:]',
        'operator:&&', 'word:x', 'operator:=', 'string:"a \\" b"', 'comment:/* c\n d */', 'comment:# e', 'number:1', 'punct::', 'number:2', 'word:deaf', 'number:0x1F', 'number:::1',
      ],
    );
  });

  it('builds statements and blocks for the seed 003 bird.conf', () => {
    const parsed = parseBird(SEED_V4);
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(
      render(parsed.tree),
      '[protocol ospf { [tick 2 ;] [area 0 { [stub no ;] [interface "vlan7" , "vlan500" { [cost 5 ;] [hello 2 ;] [dead 10 ;] [authentication cryptographic ;] [password "password" ;] } ;] [interface "lo1" , "vlan1001" { [stub ;] } ;] } ;] }]',
    );
    const area = parsed.tree.info.protocols[0].areas[0];
    assert.equal(area.id, '0.0.0.0');
    assert.equal(area.type, 'normal');
    assert.deepEqual(area.interfaces.map((i) => i.patterns.map((p) => p.text)), [['vlan7', 'vlan500'], ['lo1', 'vlan1001']]);
  });

  it('keeps filter bodies brace-balanced: if/else, case, sets, old-style function locals', () => {
    const text = `function f(int a)
int set s;
{
  s = [1, 2];
  if a ~ s then { print "in"; } else { print "out"; }
  case a { 1: print "one"; else: print "other"; }
}
filter g { if net ~ [ 10.0.0.0/8{8,24} ] then accept; reject; }
protocol device {}
`;
    const parsed = parseBird(text);
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.tree.children.length, 3);
    const fn = parsed.tree.children[0];
    assert.equal(fn.tokens.map((t) => t.text).join(' '), 'function f ( int a ) int set s ;');
    assert.equal(fn.children[0].children.length, 3, 'three statements in the body');
    assert.equal(render(fn.children[0].children[1]), '[if a ~ s then { [print "in" ;] } else { [print "out" ;] }]');
    assert.deepEqual(parsed.tree.info.named.map((n) => `${n.kind} ${n.name}`), ['bird-function f', 'bird-filter g']);
  });

  it('records includes without following them, and defines', () => {
    const parsed = parseBird('include "filters/*.conf";\ndefine ASN = 65000;\nrouter id 192.0.2.1;\nprotocol device {}\n');
    assert.deepEqual(parsed.tree.info.includes.map((i) => i.value), ['filters/*.conf']);
    assert.deepEqual(parsed.tree.info.named.map((n) => `${n.kind} ${n.name}`), ['bird-constant ASN']);
    assert.equal(parsed.tree.info.routerId?.value, '192.0.2.1');
  });

  it('parses 100k lines in linear time (no quadratic scans)', () => {
    const block = 'protocol ospf v2 o%N {\n  ipv4 { import all; export none; };\n  area 0 {\n    interface "eth%N" { hello 10; dead 40; cost 5; };\n  };\n}\n';
    let text = '';
    for (let i = 0; i < 100_000 / 6; i++) text += block.replace(/%N/g, String(i));
    const parsed = parseBird(text);
    assert.equal(parsed.tree.info.protocols.length, Math.ceil(100_000 / 6));
    const low = birdDialect.lower(parsed, 'file:///big.bird', {});
    assert.equal(low.device.ospfInterfaces.length, Math.ceil(100_000 / 6));
  });
});

describe('bird detection, outline and folding', () => {
  it('detects BIRD content and not IOS, RouterOS or OpenBSD', () => {
    assert.ok(birdDialect.detect(SEED_V4) > 0.5);
    assert.ok(birdDialect.detect('router id 192.0.2.1;\nprotocol device {\n}\n') > 0.5);
    assert.ok(birdDialect.detect('define ASN = 65000;\nfilter f\n{\n accept;\n}\nipv4 {\n') > 0.5);
    assert.equal(birdDialect.detect('hostname r1\n!\ninterface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n!\nrouter ospf 1\n network 10.0.0.0 0.0.0.255 area 0\n'), 0);
    assert.equal(birdDialect.detect('# by RouterOS 7.11\n/routing ospf instance\nadd name=default router-id=1.1.1.1\n/interface bridge\n'), 0);
    assert.equal(birdDialect.detect('ike esp from 10.0.0.0/24 to 10.0.1.0/24 peer 192.0.2.2 psk "x"\n'), 0);
    // Included fragments: templates, functions using route attributes.
    assert.ok(birdDialect.detect('template bgp transit {\n  local as ASN;\n  ipv4 { import all; };\n}\n') > 0.5);
    assert.ok(birdDialect.detect('function is_bogon() {\n  return net ~ [ 10.0.0.0/8+ ];\n}\n') > 0.5);
    // Every non-BIRD corpus file scores 0.
    if (fs.existsSync(CORPUS)) {
      for (const d of ['ios', 'asa', 'routeros', 'openbsd-ipsec']) {
        for (const f of fs.readdirSync(path.join(CORPUS, d))) assert.equal(birdDialect.detect(fs.readFileSync(path.join(CORPUS, d, f), 'utf8')), 0, f);
      }
    }
  });

  it('outlines protocols with channels, areas and interfaces, and filters/functions/defines', () => {
    const parsed = parseBird(`define X = 1;
filter f { accept; }
template bgp peers { local as 65000; }
protocol ospf v3 o6 {
  ipv6 { import all; };
  area 0 { interface "eth0" { hello 5; }; stubnet 2001:db8::/64; };
}
`);
    const outline = birdDialect.outline(parsed);
    const flat = (s: typeof outline, depth = 0): string[] => s.flatMap((x) => [`${'  '.repeat(depth)}${x.kind} ${x.name}${x.detail ? ` (${x.detail})` : ''}`, ...flat(x.children, depth + 1)]);
    assert.deepEqual(flat(outline), [
      'variable X (constant)',
      'filter f (filter)',
      'object peers (template bgp)',
      'protocol o6 (protocol ospf v3)',
      '  section ipv6 (import all)',
      '  routing area 0.0.0.0',
      '    interface "eth0" (hello 5)',
      '    routing stubnet 2001:db8::/64',
    ]);
  });

  it('folds every multi-line block and comment runs', () => {
    const text = '# one\n# two\nprotocol ospf {\n  area 0 {\n    interface "e";\n  };\n}\nprotocol device { }\n/* a\n b */\n';
    const folds = birdDialect.folding(parseBird(text)).map((f) => `${f.kind} ${JSON.stringify(text.slice(f.start, f.end).slice(0, 8))}`);
    assert.deepEqual(folds, ['comment "# one\\n# "', 'region "{\\n  area"', 'region "{\\n    in"', 'comment "/* a\\n b "']);
  });
});

describe('bird seed 003 trees', () => {
  it('the final bird6.conf has the stubnet in area 0', () => {
    const parsed = parseBird(SEED_V6_STUBNET);
    const area = parsed.tree.info.protocols[0].areas[0];
    assert.deepEqual(area.stubnets.map((s) => s.prefix), ['2620:0:2d0:200::7/128']);
    assert.equal(parsed.tree.info.protocols[0].name?.value, 'ospf_v6');
  });
});
