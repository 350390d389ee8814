// Issue 16, reuse across versions: an edit changes a few lines, and the next version's document symbols, folding
// ranges and semantic tokens keep the previous version's results outside them. Every result after a chain of random
// edits of real files (insertions, deletions, line breaks, CR LF halves, lines copied from elsewhere in the file)
// must equal a from-scratch computation of the same text in a fresh service; and the reuse must happen (an edit at
// the end keeps the first symbol's object).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getFoldingRanges } from '../../server/src/features/folding';
import { changedSpan, keepsPosition, positionReuse } from '../../server/src/features/reuse';
import { getSemanticTokens, semanticTokenStats } from '../../server/src/features/semanticTokens';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { createLanguageService } from '../../server/src/service';
import { lineStarts, positionAt } from '../../server/src/syntax';
import { filesUnder } from '../helpers/files';

const root = path.join(__dirname, '..', '..');
const corpus = path.join(root, '..', 'shared', 'corpus');

function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

/** One random edit of `text`: what a user's keystroke, paste or deletion does. */
function edit(text: string, rnd: (n: number) => number): string {
  const at = rnd(text.length + 1);
  const starts = lineStarts(text);
  const line = () => {
    const l = rnd(starts.length);
    return text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] : text.length);
  };
  switch (rnd(9)) {
    case 0:
      return text.slice(0, at) + 'x' + text.slice(at);
    case 1:
      return text.slice(0, at) + '\n' + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + rnd(3)));
    case 3:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + rnd(400)));
    case 4:
      return text.slice(0, at) + line() + text.slice(at);
    case 5:
      return text.slice(0, at) + ['\r', '\r\n', '\n\n', ' \\\n', '{', '}', '#', '!'][rnd(8)] + text.slice(at);
    case 6: {
      // A line replaced by another line of the file.
      const l = rnd(starts.length);
      const end = l + 1 < starts.length ? starts[l + 1] : text.length;
      return text.slice(0, starts[l]) + line() + text.slice(end);
    }
    case 7:
      return `${text}! edit ${rnd(1000)}\n`;
    default:
      return text.slice(0, at) + ' name=n1 ' + text.slice(at);
  }
}

function fresh(uri: string, text: string) {
  const s = createLanguageService();
  s.setDocument(uri, text, 1);
  return { symbols: JSON.stringify(getDocumentSymbols(s, uri)), folding: JSON.stringify(getFoldingRanges(s, uri)), tokens: JSON.stringify(getSemanticTokens(s, uri).data) };
}

test('reuse: changedSpan is the common prefix, then the common suffix of the rest', () => {
  const rnd = rng(7);
  const alphabet = 'ab\n\r';
  for (let round = 0; round < 3000; round++) {
    const big = rnd(4) === 0;
    const len = big ? 40_000 + rnd(20_000) : rnd(30);
    let a = '';
    for (let i = 0; i < len; i++) a += alphabet[rnd(big ? 2 : 4)];
    let b = a;
    for (let k = rnd(3); k >= 0; k--) {
      const at = rnd(b.length + 1);
      b = b.slice(0, at) + (rnd(2) ? alphabet[rnd(4)].repeat(rnd(3)) : '') + b.slice(Math.min(b.length, at + rnd(3)));
    }
    const c = changedSpan(a, b);
    if (a === b) {
      assert.equal(c, undefined);
      continue;
    }
    assert.ok(c);
    let p = 0;
    while (p < Math.min(a.length, b.length) && a[p] === b[p]) p++;
    let q = 0;
    while (q < Math.min(a.length, b.length) - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
    assert.deepEqual(c, { start: p, oldEnd: a.length - q, newEnd: b.length - q });
  }
});

test('reuse: keepsPosition says an offset keeps its line and character only when it does', () => {
  const rnd = rng(11);
  const alphabet = 'ab\n\r';
  let kept = 0;
  for (let round = 0; round < 2000; round++) {
    let a = '';
    for (let i = rnd(40); i > 0; i--) a += alphabet[rnd(4)];
    const at = rnd(a.length + 1);
    const b = a.slice(0, at) + ['x', '\r', '\n', '\r\n', ''][rnd(5)] + a.slice(Math.min(a.length, at + rnd(3)));
    const sa = lineStarts(a);
    const sb = lineStarts(b);
    const r = positionReuse(a, b, sa, sb);
    for (let x = 0; x <= b.length; x++) {
      for (const old of [x, x - r.delta]) {
        if (old < 0 || old > a.length || !keepsPosition(r, x, old)) continue;
        kept++;
        assert.deepEqual(positionAt(sb, x), positionAt(sa, old), `${JSON.stringify(a)} → ${JSON.stringify(b)} at ${x}`);
      }
    }
  }
  assert.ok(kept > 10_000, `${kept}`);
});

test('reuse: symbols, folding and tokens after random edits equal a fresh computation, on the corpus and examples', () => {
  const all = [...filesUnder(corpus, (p) => !/\.(md|tsv)$/.test(p)), ...filesUnder(path.join(root, 'examples'), () => true)];
  // Every dialect, a spread of sizes: every 4th file, plus each dialect's largest.
  const files = all.filter((_, i) => i % 4 === 0);
  const rnd = rng(16);
  let reused = 0;
  let checked = 0;
  for (const f of files) {
    const uri = `file://${f}`;
    let text = fs.readFileSync(f, 'utf8');
    const s = createLanguageService();
    s.setDocument(uri, text, 1);
    if (!s.getParse(uri)) continue;
    let prev = getDocumentSymbols(s, uri);
    getFoldingRanges(s, uri);
    getSemanticTokens(s, uri);
    for (let v = 2; v <= 6; v++) {
      text = edit(text, rnd);
      s.setDocument(uri, text, v);
      // Each kind first on some versions, skipped on others (the next version then reuses an older one).
      const kinds = rnd(4);
      const symbols = kinds !== 1 ? getDocumentSymbols(s, uri) : undefined;
      const folding = kinds !== 2 ? getFoldingRanges(s, uri) : undefined;
      const tokens = kinds !== 3 ? getSemanticTokens(s, uri).data : undefined;
      const want = fresh(uri, text);
      if (symbols) assert.equal(JSON.stringify(symbols), want.symbols, `${f} v${v}`);
      if (folding) assert.equal(JSON.stringify(folding), want.folding, `${f} v${v}`);
      if (tokens) assert.equal(JSON.stringify(tokens), want.tokens, `${f} v${v}`);
      if (symbols) {
        if (symbols.length && prev.includes(symbols[0])) reused++;
        prev = symbols;
      }
      checked++;
    }
  }
  assert.ok(files.length === 0 || (checked > 400 && reused > 100), `${checked} versions, ${reused} reused a symbol`);
});

test('reuse: an edit at the end keeps every symbol before it; one adding a line in the middle keeps those before it', () => {
  const uri = 'file:///reuse.rsc';
  const lines = ['/interface vlan'];
  for (let i = 0; i < 50; i++) lines.push(`add interface=ether1 name=vlan${i} vlan-id=${i + 1}`);
  lines.push('/ip address');
  for (let i = 0; i < 50; i++) lines.push(`add address=10.0.${i}.1/24 interface=vlan${i}`);
  const text = `${lines.join('\n')}\n`;
  const s = createLanguageService();
  s.setDocument(uri, text, 1);
  const a = getDocumentSymbols(s, uri);
  s.setDocument(uri, `${text}# edit\n`, 2);
  const b = getDocumentSymbols(s, uri);
  assert.equal(b.length, 2);
  assert.equal(b[0], a[0]);
  assert.equal(b[1], a[1]);
  // A line added in the first section: the first section is made again around its first 10 items, the second is moved.
  const mid = text.indexOf('add interface=ether1 name=vlan10 ');
  s.setDocument(uri, `${text.slice(0, mid)}add interface=ether1 name=new vlan-id=99\n${text.slice(mid)}# edit\n`, 3);
  const c = getDocumentSymbols(s, uri);
  assert.notEqual(c[0], b[0]);
  assert.equal(c[0].children!.length, 51);
  for (let i = 0; i < 10; i++) assert.equal(c[0].children![i], b[0].children![i]);
  assert.notEqual(c[0].children![11], b[0].children![10]);
  assert.equal(JSON.stringify(c), fresh(uri, s.getDocument(uri)!.text).symbols);
});

test('reuse: a dialect outline and folding given the previous ones equal those computed without them, after random edits', () => {
  const files = filesUnder(corpus, (p) => /\.(rsc|bird|conf|cfg|ios|txt)$/.test(p) || /routeros|bird|ios|asa/.test(p)).filter((_, i) => i % 2 === 0);
  const rnd = rng(23);
  let kept = 0;
  let keptFolds = 0;
  let versions = 0;
  for (const f of files) {
    const uri = `file://${f}`;
    let text = fs.readFileSync(f, 'utf8');
    const s = createLanguageService();
    s.setDocument(uri, text, 1);
    let parse = s.getParse(uri);
    if (!parse) continue;
    let outline = parse.dialect.outline(parse.parsed);
    let regions = parse.dialect.folding(parse.parsed);
    for (let v = 2; v <= 8; v++) {
      const before = text;
      text = edit(text, rnd);
      s.setDocument(uri, text, v);
      const next = s.getParse(uri);
      if (!next || next.dialect !== parse.dialect) break;
      parse = next;
      const span = changedSpan(before, text);
      const start = span?.start ?? text.length + 1;
      // The change's end and delta on most versions (what the service passes), only its start on the others.
      const change = span && v % 3 !== 0 ? { end: span.newEnd, delta: span.newEnd - span.oldEnd } : {};
      const got = parse.dialect.outline(parse.parsed, { outline, start, ...change });
      assert.deepEqual(got, parse.dialect.outline(parse.parsed), `${f} v${v}`);
      if (got.length && outline.includes(got[0])) kept++;
      outline = got;
      const folds = parse.dialect.folding(parse.parsed, { regions, start, ...change });
      assert.deepEqual(folds, parse.dialect.folding(parse.parsed), `${f} v${v} folding`);
      if (folds.length && regions.includes(folds[0])) keptFolds++;
      regions = folds;
      versions++;
    }
  }
  assert.ok(files.length === 0 || (versions > 300 && kept > 20 && keptFolds > 20), `${versions} versions, ${kept} kept a section, ${keptFolds} a region`);
});

test('reuse: semantic tokens follow a definition added or removed far from its references', () => {
  const uri = 'file:///tokens.rsc';
  const head = '# by RouterOS 7.12\n/ip address\nadd address=10.0.1.1/24 interface=vlan1\nadd address=10.0.2.1/24 interface=vlan2\n';
  const lists = '/interface vlan\nadd interface=ether1 name=vlan2 vlan-id=2\n';
  const versions = [head + lists, `${head + lists}add interface=ether1 name=vlan1 vlan-id=1\n`, `${head + lists}add interface=ether1 name=vlan1 vlan-id=1\n# c\n`, head + lists, head, `${head}# x\n`];
  const s = createLanguageService();
  let previous: number[] | undefined;
  versions.forEach((text, i) => {
    s.setDocument(uri, text, i + 1);
    const got = getSemanticTokens(s, uri).data;
    assert.equal(JSON.stringify(got), fresh(uri, text).tokens, `version ${i + 1}`);
    if (previous && i === 1) assert.notEqual(JSON.stringify(got.slice(0, 5)), JSON.stringify(previous.slice(0, 5)), 'L1 resolves');
    assert.ok(got.length >= 10, 'tokens');
    previous = got;
  });
});

test('reuse: a statement that ends before the edit now but ran past it before (a script string, a banner) is read again', () => {
  const cases: [string, string, string][] = [
    [
      'file:///script.rsc',
      '# by RouterOS 7.12\n/system/script add name=setvar source={\n/system/note set note="\ntime: $[:tostr $time]\\r\\n\ntopics: $topics\\r\\n\n/system/note set note="\nmessage: $message\\r\\n\nbuffer: $buffer"\n}\n\n/system/logging add topics="script" action=setvar\n',
      '/system/note set note="\n',
    ],
    ['file:///banner.ios', 'hostname r1\nbanner motd ^C\nline one\nline two\nline three\n^C\ninterface Loopback0\n ip address 10.0.0.1 255.255.255.255\n!\n', '^C\n'],
  ];
  for (const [uri, text, insert] of cases) {
    const at = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1) + 1) + 1;
    const edited = text.slice(0, at) + insert + text.slice(at);
    for (const [a, b] of [[text, edited], [edited, text]]) {
      const s = createLanguageService();
      s.setDocument(uri, a, 1);
      getDocumentSymbols(s, uri);
      getFoldingRanges(s, uri);
      s.setDocument(uri, b, 2);
      const want = fresh(uri, b);
      assert.equal(JSON.stringify(getDocumentSymbols(s, uri)), want.symbols, `${uri} symbols`);
      assert.equal(JSON.stringify(getFoldingRanges(s, uri)), want.folding, `${uri} folding`);
    }
  }
});

test('reuse: an ipsec.conf outline keeps the symbols of statements before the edit, and labels a statement continued into it again', () => {
  const uri = 'file:///reuse-ipsec.conf';
  const lines = ['# sites'];
  for (let i = 0; i < 30; i++) lines.push(`peer${i} = "192.0.2.${i + 1}"`, `ike esp from 10.${i}.0.0/24 to 10.200.${i}.0/24 peer $peer${i}  \\`, '    psk "k"');
  const text = `${lines.join('\n')}\n`;
  const s = createLanguageService();
  s.setDocument(uri, text, 1);
  const p1 = s.getParse(uri)!;
  assert.equal(p1.dialect.id, 'openbsd-ipsec');
  const first = p1.dialect.outline(p1.parsed);
  assert.equal(first.length, 60);
  const step = (next: string, version: number, outline: typeof first) => {
    const before = s.getDocument(uri)!.text;
    s.setDocument(uri, next, version);
    const p = s.getParse(uri)!;
    const got = p.dialect.outline(p.parsed, { outline, start: changedSpan(before, next)!.start });
    assert.deepEqual(got, p.dialect.outline(p.parsed), `version ${version}`);
    return got;
  };
  // An edit at the end keeps every symbol object but the last statement's (it ends right before the edit: the margin
  // of one character keeps only statements whose line break is unchanged too).
  const second = step(`${text}# edit\n`, 2, first);
  assert.equal(second.length, 60);
  for (let i = 0; i < 59; i++) assert.equal(second[i], first[i], `symbol ${i}`);
  // The continued line of the 11th rule edited: that rule is labelled again, those before it are kept.
  const at = text.indexOf('peer $peer10 ');
  const contAt = text.indexOf('psk "k"', at);
  const third = step(`${text.slice(0, contAt)}psk "other"${text.slice(contAt + 'psk "k"'.length)}# edit\n`, 3, second);
  for (let i = 0; i < 21; i++) assert.equal(third[i], second[i], `kept ${i}`);
  assert.notEqual(third[21], second[21]);
  // The backslash of that rule removed: the rule now ends before the edit, and is still labelled again (its range changed).
  const cur = s.getDocument(uri)!.text;
  const bs = cur.indexOf('\\', cur.indexOf('peer $peer10 '));
  const fourth = step(`${cur.slice(0, bs)}${cur.slice(bs + 1)}`, 4, third);
  assert.ok(fourth[21].range.end < bs - 1);
  assert.notEqual(fourth[21], third[21]);
  for (let i = 0; i < 21; i++) assert.equal(fourth[i], third[i], `kept ${i} after the backslash`);
});

/** Middle edits of a generated file of each dialect: lines typed, inserted and deleted in the middle, context changes. */
function middleEdits(text: string, rnd: (n: number) => number, extra: readonly string[]): string {
  const starts = lineStarts(text);
  const l = (starts.length >> 2) + rnd(starts.length >> 1);
  const at = starts[l];
  const lineEnd = l + 1 < starts.length ? starts[l + 1] : text.length;
  switch (rnd(6)) {
    case 0:
      return text.slice(0, at) + extra[rnd(extra.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(lineEnd);
    case 2:
      return text.slice(0, at + 1) + 'x' + text.slice(at + 1);
    case 3:
      return text.slice(0, at + 2) + text.slice(at + 3);
    case 4:
      return text.slice(0, at) + text.slice(at, lineEnd) + text.slice(at);
    default:
      return text.slice(0, at) + '\n' + text.slice(at);
  }
}

test('reuse: after edits in the middle, symbols and folding equal a fresh computation, and the symbols after the edit are kept', () => {
  const ros = ['/interface vlan'];
  for (let i = 0; i < 40; i++) ros.push(`add interface=ether1 name=vlan${i} vlan-id=${i + 1}`);
  ros.push('/ip firewall filter');
  for (let i = 0; i < 40; i++) ros.push(`add action=accept chain=forward dst-port=${i + 1} protocol=tcp comment="r${i}"`);
  ros.push('/ip ipsec policy');
  for (let i = 0; i < 40; i++) ros.push(`add src-address=10.0.${i}.0/24 dst-address=10.1.${i}.0/24 peer=p${i}`);
  ros.push('/ip address');
  for (let i = 0; i < 40; i++) ros.push(i % 3 ? `add address=10.${i}.0.1/24 interface=vlan${i}` : `set [ find interface=vlan${i} ] disabled=no`);
  const ios = ['hostname r1'];
  for (let i = 0; i < 40; i++) ios.push(`interface GigabitEthernet0/${i}`, ` description link ${i}`, ` ip address 10.0.${i}.1 255.255.255.0`, '!');
  for (let i = 0; i < 30; i++) ios.push(`access-list ${100 + (i % 4)} permit ip 10.${i}.0.0 0.0.0.255 any`);
  for (let i = 0; i < 20; i++) ios.push(`crypto isakmp key secret${i} address 192.0.2.${i}`, `route-map RM${i} permit 10`, ' match ip address 101', '!');
  const bird = ['router id 192.0.2.1;'];
  for (let i = 0; i < 40; i++) bird.push(`filter f${i} {`, '  accept;', '}', `protocol bgp peer${i} {`, '  local as 65000;', `  neighbor 198.51.100.${i} as ${64512 + i};`, '  ipv4 {', '    import all;', `    export filter f${i};`, '  };', '}');
  const cases: [string, string[], string[]][] = [
    ['file:///middle.rsc', ros, ['/interface vlan\n', '/ip address\n', 'add address=10.9.9.9/24 interface=x\n', '# note\n', 'add action=drop chain=input \\\n    comment="c"\n']],
    ['file:///middle.ios', ios, ['interface Loopback9\n', ' shutdown\n', '!\n', 'access-list 101 deny ip any any\n', 'banner motd ^C\nhello\n^C\n']],
    ['file:///middle.bird', bird, ['protocol static s9 { ipv4; }\n', '}\n', '# c\n', 'filter g { reject; }\n', '  ipv4 { import none; };\n']],
  ];
  const rnd = rng(19);
  let keptAfter = 0;
  for (const [uri, lines, extra] of cases) {
    let text = `${lines.join('\n')}\n`;
    const s = createLanguageService();
    s.setDocument(uri, text, 1);
    let prev = getDocumentSymbols(s, uri);
    getFoldingRanges(s, uri);
    for (let v = 2; v <= 40; v++) {
      text = middleEdits(text, rnd, extra);
      s.setDocument(uri, text, v);
      const symbols = getDocumentSymbols(s, uri);
      const folding = getFoldingRanges(s, uri);
      const want = fresh(uri, text);
      assert.equal(JSON.stringify(symbols), want.symbols, `${uri} v${v}`);
      assert.equal(JSON.stringify(folding), want.folding, `${uri} v${v} folding`);
      // The last symbol (after every middle edit) is the previous object when the edit added no line.
      const last = (l: typeof symbols) => {
        let x = l[l.length - 1];
        while (x?.children?.length) x = x.children[x.children.length - 1];
        return x;
      };
      if (last(symbols) === last(prev)) keptAfter++;
      prev = symbols;
    }
  }
  assert.ok(keptAfter > 20, `${keptAfter} versions kept the last symbol`);
});

test('reuse: semantic tokens after edits in the middle of every dialect equal a fresh computation, and most reuse the previous ones', () => {
  const ros = ['# by RouterOS 7.12', '/interface vlan'];
  for (let i = 0; i < 30; i++) ros.push(`add interface=ether1 name=vlan${i} vlan-id=${i + 1}`);
  ros.push('/ip firewall address-list');
  for (let i = 0; i < 30; i++) ros.push(`add address=192.0.2.${i} list=L${i % 7}`);
  ros.push('/ip firewall filter');
  for (let i = 0; i < 30; i++) ros.push(`add action=accept chain=forward src-address-list=L${i % 9} comment="r${i}"`);
  ros.push('/ip address');
  for (let i = 0; i < 30; i++) ros.push(`add address=10.${i}.0.1/24 interface=vlan${i % 33}`);
  ros.push('/ip ipsec peer');
  for (let i = 0; i < 10; i++) ros.push(`add address=198.51.100.${i}/32 name=peer${i} profile=P1`);
  ros.push('/ip ipsec identity');
  for (let i = 0; i < 10; i++) ros.push(`add peer=peer${i} secret=s3cret${i}`);
  const ios = ['hostname r1'];
  for (let i = 0; i < 30; i++) ios.push(`interface GigabitEthernet0/${i}`, ` ip address 10.0.${i}.1 255.255.255.0`, ` ip access-group ACL${i % 5} in`, '!');
  for (let i = 0; i < 30; i++) ios.push(`ip access-list extended ACL${i % 7}`, ` permit ip 10.${i}.0.0 0.0.0.255 any`);
  for (let i = 0; i < 10; i++) ios.push(`crypto isakmp key secret${i} address 192.0.2.${i}`, `route-map RM${i} permit 10`, ` match ip address ACL${i}`, '!');
  const asa = ['hostname fw1'];
  for (let i = 0; i < 20; i++) asa.push(`object-group network OG${i}`, ` network-object host 10.0.0.${i}`);
  for (let i = 0; i < 30; i++) asa.push(`access-list OUT${i % 4} extended permit ip object-group OG${i % 23} any`);
  for (let i = 0; i < 4; i++) asa.push(`access-group OUT${i} in interface if${i}`);
  for (let i = 0; i < 10; i++) asa.push(`crypto map CM ${i + 1} match address OUT${i % 5}`, `crypto map CM ${i + 1} set peer 192.0.2.${i}`, `tunnel-group 192.0.2.${i} type ipsec-l2l`, `tunnel-group 192.0.2.${i} ipsec-attributes`, ` ikev1 pre-shared-key key${i}`);
  const bird = ['router id 192.0.2.1;'];
  for (let i = 0; i < 30; i++) bird.push(`filter f${i} {`, '  accept;', '}', `protocol bgp peer${i} {`, '  local as 65000;', `  neighbor 198.51.100.${i} as ${64512 + i};`, '  ipv4 {', '    import all;', `    export filter f${i % 33};`, '  };', '}');
  const bsd = ['# sites'];
  for (let i = 0; i < 30; i++) bsd.push(`peer${i} = "192.0.2.${i + 1}"`, `ike esp from 10.${i}.0.0/24 to 10.200.${i}.0/24 peer $peer${i % 33} psk "k${i}"`);
  const cases: [string, string[], string[]][] = [
    ['file:///tokens.rsc', ros, ['/interface vlan\n', '/ip address\n', '/ip firewall filter\n', 'add address=192.0.2.99 list=L8\n', 'add interface=ether1 name=vlan31 vlan-id=31\n', '# note\n', 'add action=drop chain=input \\\n    src-address-list=L1\n', 'add peer=peer3 secret="x y"\n']],
    ['file:///tokens.ios', ios, ['ip access-list extended ACL5\n', ' permit ip any any\n', '!\n', 'interface Loopback9\n', 'banner motd ^C\nhello\n^C\n', 'crypto isakmp key other address 192.0.2.77\n']],
    ['file:///tokens.asa', asa, ['object-group network OG21\n', ' network-object host 10.9.9.9\n', 'access-list OUT4 extended deny ip any any\n', ' ikev1 pre-shared-key zz\n', '!\n']],
    ['file:///tokens.bird', bird, ['filter f31 { reject; }\n', '}\n', '# c\n', '  ipv4 { export filter f32; };\n', 'protocol static s9 { ipv4; }\n']],
    ['file:///tokens/ipsec.conf', bsd, ['peer31 = "192.0.2.99"\n', 'ike esp from 10.9.0.0/24 to any peer $peer31 psk "new"\n', '# c\n', 'peer2 = "192.0.2.98"\n', ' \\\n', '"\n']],
  ];
  const rnd = rng(29);
  const before = { ...semanticTokenStats };
  for (const [uri, lines, extra] of cases) {
    let text = `${lines.join('\n')}\n`;
    const s = createLanguageService();
    s.setDocument(uri, text, 1);
    assert.ok(getSemanticTokens(s, uri).data.length > 50, `${uri} has tokens`);
    for (let v = 2; v <= 40; v++) {
      // Two edits between two requests on some versions (the previous tokens are then two versions old).
      text = middleEdits(text, rnd, extra);
      if (rnd(3) === 0) {
        s.setDocument(uri, text, v * 2);
        text = rnd(2) ? middleEdits(text, rnd, extra) : edit(text, rnd);
      }
      s.setDocument(uri, text, v * 2 + 1);
      assert.equal(JSON.stringify(getSemanticTokens(s, uri).data), fresh(uri, text).tokens, `${uri} v${v}`);
    }
  }
  const reused = semanticTokenStats.reused - before.reused;
  assert.ok(reused > 100, `${reused} results reused the previous version's`);
});

test('reuse: semantic tokens follow an edit that changes the model far away (a RouterOS menu, a macro, a definition renamed)', () => {
  const lines = ['# by RouterOS 7.12', '/ip firewall address-list', 'add address=192.0.2.1 list=A', '/ip firewall filter'];
  for (let i = 0; i < 20; i++) lines.push(`add action=accept chain=forward src-address-list=A comment="r${i}"`);
  lines.push('/interface vlan', 'add interface=ether1 name=v1 vlan-id=1', '/ip address');
  for (let i = 0; i < 20; i++) lines.push(`add address=10.0.${i}.1/24 interface=v1`);
  const ros = `${lines.join('\n')}\n`;
  const bsd = 'p = "192.0.2.1"\nq = "192.0.2.2"\nike esp from 10.0.0.0/24 to any peer $p psk "a"\nike esp from 10.0.1.0/24 to any peer $q psk "b"\n';
  const steps: [string, string, string][] = [
    // The menu line of the address lines becomes another menu: no line after it refers to the interface any more.
    ['file:///far.rsc', ros, ros.replace('/ip address', '/ip pool')],
    // The interface definition renamed: every address line's reference becomes undefined.
    ['file:///far.rsc', ros, ros.replace('name=v1 ', 'name=v2 ')],
    // The interface's line removed: the address lines' references become undefined.
    ['file:///far.rsc', ros, ros.replace('add interface=ether1 name=v1 vlan-id=1\n', '')],
    // A macro renamed: the rule using it no longer resolves.
    ['file:///far/ipsec.conf', bsd, bsd.replace('p = ', 'pp = ')],
  ];
  for (const [uri, a, b] of steps) {
    const s = createLanguageService();
    s.setDocument(uri, a, 1);
    const first = JSON.stringify(getSemanticTokens(s, uri).data);
    s.setDocument(uri, b, 2);
    const got = JSON.stringify(getSemanticTokens(s, uri).data);
    assert.equal(got, fresh(uri, b).tokens, `${uri}: ${b.length}`);
    assert.notEqual(got, first);
  }
});

test('reuse: symbols moved by a line added in the middle share the position objects of the previous symbol on their line', () => {
  const uri = 'file:///donors.rsc';
  const lines = ['/interface vlan'];
  for (let i = 10; i < 90; i++) lines.push(`add interface=ether1 name=vlan${i} vlan-id=${i}`);
  const text = `${lines.join('\n')}\n`;
  const s = createLanguageService();
  s.setDocument(uri, text, 1);
  const a = getDocumentSymbols(s, uri);
  const mid = text.indexOf('add interface=ether1 name=vlan50 ');
  const edited = `${text.slice(0, mid)}# note\n${text.slice(mid)}`;
  s.setDocument(uri, edited, 2);
  const b = getDocumentSymbols(s, uri);
  assert.equal(JSON.stringify(b), fresh(uri, edited).symbols);
  const before = a[0].children!;
  const after = b[0].children!;
  // vlan60 moved from line 51 to 52, where vlan61 was: same characters, so the same objects.
  const moved = after[50];
  assert.equal(moved.name, 'vlan60');
  assert.equal(moved.range.start.line, 52);
  assert.notEqual(moved, before[50]);
  assert.equal(moved.selectionRange, before[51].selectionRange);
  assert.equal(moved.range, before[51].range);
  // Before the edit, the previous objects themselves.
  assert.equal(after[10], before[10]);
});
