// swanctl.conf parser: trees with ranges, lossless tokens, error recovery without throwing, deep nesting without
// recursion. Snippets in strongSwan's own swanctl.conf(5) syntax.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listItems, parseSwanctl, sectionOf, settingOf, type SwanctlItem, type SwanctlSection, type SwanctlSetting } from '../../server/src/dialects/strongswan/swanctl-parse';

const SITE = `# site-to-site to the branch router
connections {
   gw-gw {
      local_addrs  = 192.0.2.1
      remote_addrs = 198.51.100.2

      local {
         auth = psk
         id = 192.0.2.1
      }
      remote {
         auth = psk
      }
      children {
         net-net {
            local_ts  = 10.1.0.0/16
            remote_ts = 10.2.0.0/16, 10.3.0.0/24
            esp_proposals = aes256-sha256-modp2048 # PFS with group 14
            start_action = trap
         }
      }
      version = 2
      proposals = aes256-sha256-modp2048
   }
}

secrets {
   ike-branch {
      id-1 = 198.51.100.2
      secret = "v3ry s3cret"
   }
}
include conf.d/*.conf
`;

function lossless(text: string): void {
  const { tokens } = parseSwanctl(text);
  assert.equal(tokens.map((t) => t.text).join(''), text);
  let at = 0;
  for (const t of tokens) {
    assert.equal(t.start, at, `token ${JSON.stringify(t.text)} starts where the previous ended`);
    assert.ok(t.end > t.start, 'no empty token');
    assert.equal(text.slice(t.start, t.end), t.text);
    at = t.end;
  }
  assert.equal(at, text.length);
}

function section(items: readonly SwanctlItem[], ...path: string[]): SwanctlSection {
  let cur: SwanctlSection | undefined;
  let list = items;
  for (const name of path) {
    cur = sectionOf(list, name);
    assert.ok(cur, `section ${path.join('.')}`);
    list = cur.items;
  }
  return cur!;
}

test('site-to-site: sections, settings, values and ranges', () => {
  const res = parseSwanctl(SITE);
  assert.deepEqual(res.diagnostics, []);
  lossless(SITE);
  const conn = section(res.tree.items, 'connections', 'gw-gw');
  assert.equal(SITE.slice(conn.nameRange.start, conn.nameRange.end), 'gw-gw');
  assert.equal(SITE.slice(conn.range.start, conn.range.end).split('\n').pop()!.trim(), '}');
  const remote = settingOf(conn.items, 'remote_addrs')!;
  assert.equal(remote.value, '198.51.100.2');
  assert.equal(SITE.slice(remote.valueRange!.start, remote.valueRange!.end), '198.51.100.2');
  assert.equal(SITE.slice(remote.keyRange.start, remote.keyRange.end), 'remote_addrs');
  const child = section(conn.items, 'children', 'net-net');
  const ts = settingOf(child.items, 'remote_ts')!;
  assert.equal(ts.value, '10.2.0.0/16, 10.3.0.0/24');
  assert.deepEqual(listItems(ts, SITE).map((i) => [i.text, SITE.slice(i.range.start, i.range.end)]), [['10.2.0.0/16', '10.2.0.0/16'], ['10.3.0.0/24', '10.3.0.0/24']]);
  // A comment ends the value.
  assert.equal(settingOf(child.items, 'esp_proposals')!.value, 'aes256-sha256-modp2048');
  const secret = settingOf(section(res.tree.items, 'secrets', 'ike-branch').items, 'secret')!;
  assert.equal(secret.value, 'v3ry s3cret');
  assert.deepEqual(secret.parts.map((p) => p.quoted), [true]);
  assert.equal(SITE.slice(secret.valueRange!.start, secret.valueRange!.end), '"v3ry s3cret"');
  const inc = res.tree.items[res.tree.items.length - 1];
  assert.equal(inc.kind, 'SwanctlInclude');
  assert.equal(inc.kind === 'SwanctlInclude' && inc.pattern, 'conf.d/*.conf');
  assert.equal(inc.kind === 'SwanctlInclude' && SITE.slice(inc.patternRange.start, inc.patternRange.end), 'conf.d/*.conf');
  // Comments and whitespace are tokens of their own.
  assert.equal(res.tokens[0].kind, 'comment');
  assert.equal(res.tokens.filter((t) => t.kind === 'string').length, 1);
});

test('values: parts joined by one space, quoted escapes, multi-line strings, empty values', () => {
  const text = 'a = one   two\nb = "x\\"y" z\nc = "line1\nline2"\nd =\ne = "a\\\nb" # merged\nf = x}\n';
  const res = parseSwanctl(text);
  lossless(text);
  const get = (k: string) => settingOf(res.tree.items, k)!;
  assert.equal(get('a').value, 'one two');
  assert.equal(get('b').value, 'x"y z');
  assert.equal(get('c').value, 'line1\nline2');
  assert.equal(get('d').value, '');
  assert.equal(get('d').valueRange, undefined);
  assert.equal(get('e').value, 'ab');
  // `}` ends a value: here it closes nothing.
  assert.equal(get('f').value, 'x');
  assert.deepEqual(res.diagnostics.map((d) => [d.code, text.slice(d.range.start, d.range.end)]), [['syntax/unexpected-brace', '}']]);
});

test('section name on its own line, templates, and `key` then `=` on the next line', () => {
  const text = 'connections\n{\n  base { version = 2 }\n  tunnel : base, other {\n    remote_addrs\n      = 192.0.2.9\n  }\n}\n';
  const res = parseSwanctl(text);
  assert.deepEqual(res.diagnostics, []);
  lossless(text);
  const tunnel = section(res.tree.items, 'connections', 'tunnel');
  assert.deepEqual(tunnel.refs.map((r) => r.name), ['base', 'other']);
  assert.equal(settingOf(tunnel.items, 'remote_addrs')!.value, '192.0.2.9');
  assert.equal(settingOf(section(res.tree.items, 'connections', 'base').items, 'version')!.value, '2');
});

test('errors: unclosed section, stray brace, unterminated string, dangling name, quoted name', () => {
  const cases: [string, [string, string][]][] = [
    ['connections {\n  a {\n    version = 2\n', [['syntax/unclosed-block', 'a'], ['syntax/unclosed-block', 'connections']]],
    ['}\nx = 1\n', [['syntax/unexpected-brace', '}']]],
    ['secrets {\n  ike { secret = "abc\n}\n', [['syntax/unterminated-string', '"'], ['syntax/unclosed-block', 'ike'], ['syntax/unclosed-block', 'secrets']]],
    ['dangling\nother = 1\n', [['syntax/unexpected-token', 'dangling']]],
    ['"quoted" = 1\n', [['syntax/unexpected-token', '"quoted"']]],
    ['= 5\n{\n', [['syntax/unexpected-token', '='], ['syntax/unexpected-token', '{']]],
    ['t : {\n}\n', [['syntax/unexpected-token', ':']]],
  ];
  for (const [text, expected] of cases) {
    const res = parseSwanctl(text);
    lossless(text);
    assert.deepEqual(
      res.diagnostics.map((d) => [d.code, text.slice(d.range.start, d.range.end)]),
      expected,
      JSON.stringify(text),
    );
  }
});

test('include: bare, quoted, escaped space; `include = x` is a setting', () => {
  const text = 'include /etc/swanctl/conf.d/*.conf\ninclude "with space.conf"\ninclude a\\ b.conf\ninclude = x\n';
  const res = parseSwanctl(text);
  lossless(text);
  assert.deepEqual(res.diagnostics, []);
  const kinds = res.tree.items.map((i) => (i.kind === 'SwanctlInclude' ? `inc:${i.pattern}` : i.kind === 'SwanctlSetting' ? `set:${i.key}=${i.value}` : i.kind));
  assert.deepEqual(kinds, ['inc:/etc/swanctl/conf.d/*.conf', 'inc:with space.conf', 'inc:a b.conf', 'set:include=x']);
});

test('CRLF line ends and a file without a final newline', () => {
  const text = 'connections {\r\n  a {\r\n    version = 1\r\n  }\r\n}';
  const res = parseSwanctl(text);
  lossless(text);
  assert.deepEqual(res.diagnostics, []);
  assert.equal(settingOf(section(res.tree.items, 'connections', 'a').items, 'version')!.value, '1');
});

test('hostile input: deep nesting and long garbage, linear and without recursion', () => {
  const depth = 50_000;
  const deep = 'a {'.repeat(depth) + '}'.repeat(depth);
  const t0 = Date.now();
  const res = parseSwanctl(deep);
  assert.deepEqual(res.diagnostics, []);
  let s: SwanctlSection | undefined = res.tree.items[0] as SwanctlSection;
  let n = 0;
  while (s) {
    n++;
    s = s.items[0] as SwanctlSection | undefined;
  }
  assert.equal(n, depth);
  const garbage = '={}":,#\n'.repeat(50_000);
  const g = parseSwanctl(garbage);
  assert.equal(g.tokens.map((t) => t.text).join(''), garbage);
  assert.ok(g.diagnostics.length <= 1001);
  // Generous for a loaded machine; a quadratic pass over these 400,000 characters would take minutes.
  assert.ok(Date.now() - t0 < 30_000, 'linear');
  // Random bytes never throw and stay lossless.
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const alphabet = 'ab =\n{}"#\\,:\r\t.x1';
  for (let k = 0; k < 200; k++) {
    let str = '';
    for (let i = 0; i < 200; i++) str += alphabet[Math.floor(rnd() * alphabet.length)];
    lossless(str);
  }
});

test('setting tokens are the key, `=` and the value parts', () => {
  const text = 'x = a "b c"\n';
  const st = parseSwanctl(text).tree.items[0] as SwanctlSetting;
  assert.deepEqual(st.tokens.map((t) => t.text), ['x', '=', 'a', '"b c"']);
});
