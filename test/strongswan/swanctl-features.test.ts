// swanctl.conf editor features through the service and the LSP feature functions: outline per connection and
// child (secrets without their value), folding per section, hover with the catalog's default and docs link,
// completion of keys by section and of values (the paired peer's proposals first), include links, and no secret in
// any of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCompletions } from '../../server/src/features/completion';
import { getDocumentLinks } from '../../server/src/features/documentLinks';
import { getFoldingRanges } from '../../server/src/features/folding';
import { getHover } from '../../server/src/features/hover';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { createLanguageService } from '../../server/src/service';

const TEXT = `include conf.d/*.conf
include extra.conf
connections {
   r1 {
      version = 1
      remote_addrs = 192.168.23.3
      local_addrs = 10.0.0.2
      proposals = aes256-sha1-modp1024
      local {
         auth = psk
      }
      children {
         lan {
            local_ts = 192.168.88.0/24
            remote_ts = 192.168.0.0/24
            esp_proposals = aes256-sha1
            start_action = trap
         }
      }
   }
}
secrets {
   ike-r1 {
      id = 192.168.23.3
      secret = "TopSecret1"
   }
}
`;

const URI = 'file:///etc/swanctl/swanctl.conf';

function service() {
  const s = createLanguageService();
  s.setDocument(URI, TEXT, 1);
  return s;
}

function pos(needle: string, delta = 0) {
  const off = TEXT.indexOf(needle) + delta;
  const before = TEXT.slice(0, off).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

test('the file is the strongswan dialect, parsed as swanctl', () => {
  const s = service();
  assert.equal(s.getDocument(URI)?.dialect, 'strongswan');
  assert.equal(s.getDevice(URI)?.ipsecPeers[0]?.label, 'connection r1');
});

test('outline: connections with their children, secrets by name only', () => {
  const syms = getDocumentSymbols(service(), URI);
  const names = (list: typeof syms, depth = 0): string[] => list.flatMap((x) => [`${'  '.repeat(depth)}${x.name}${x.detail ? ` = ${x.detail}` : ''}`, ...names(x.children ?? [], depth + 1)]);
  const out = names(syms);
  assert.ok(out.includes('connections'));
  assert.ok(out.includes('  r1'));
  assert.ok(out.includes('      lan'));
  assert.ok(out.includes('    remote_addrs = 192.168.23.3'));
  assert.ok(out.includes('  ike-r1'));
  assert.ok(!out.join('\n').includes('TopSecret1'), 'no secret in the outline');
});

test('folding: one region per multi-line section', () => {
  const ranges = getFoldingRanges(service(), URI).map((r) => [r.startLine, r.endLine]);
  // connections, r1, local, children, lan, secrets, ike-r1: from the name's line to the `}` line.
  assert.deepEqual(ranges, [
    [2, 20],
    [3, 19],
    [8, 10],
    [11, 18],
    [12, 17],
    [21, 26],
    [22, 25],
  ]);
});

test('hover: key docs with the default and the swanctl.conf(5) link; section kinds too', () => {
  const s = service();
  const h = getHover(s, URI, pos('start_action', 2));
  const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  assert.match(md, /\*\*start_action\*\*/);
  assert.match(md, /Default: `none`/);
  assert.match(md, /docs\.strongswan\.org\/docs\/latest\/swanctl\/swanctlConf\.html/);
  const c = getHover(s, URI, pos('children', 3));
  const cmd = c && typeof c.contents === 'object' && 'value' in c.contents ? c.contents.value : '';
  assert.match(cmd, /CHILD_SA/);
  const sec = getHover(s, URI, pos('secret =', 2));
  const smd = sec && typeof sec.contents === 'object' && 'value' in sec.contents ? sec.contents.value : '';
  assert.ok(!smd.includes('TopSecret1'));
});

test('completion: keys of the section at the cursor, values of enumerations, the peer proposal first', () => {
  const s = createLanguageService();
  const text = TEXT.replace('            start_action = trap\n', '            \n').replace('      version = 1\n', '      version = 1\n      \n');
  s.setDocument(URI, text, 1);
  s.setDocument('file:///etc/r1.ios', 'hostname r1\ncrypto isakmp policy 1\n encr aes 256\n authentication pre-share\n group 14\ncrypto isakmp key k address 10.0.0.2\ncrypto ipsec transform-set T esp-aes 256 esp-sha-hmac\ncrypto map M 10 ipsec-isakmp\n set peer 10.0.0.2\n set transform-set T\n match address A\ninterface Fa0/0\n ip address 192.168.23.3 255.255.255.0\n crypto map M\nip access-list extended A\n permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255\n', 1);
  const lines = text.split('\n');
  const childLine = lines.findIndex((l, i) => i > 12 && l === '            ');
  const childKeys = getCompletions(s, URI, { line: childLine, character: 12 }).map((c) => c.label);
  assert.ok(childKeys.includes('start_action') && childKeys.includes('rekey_time'));
  assert.ok(!childKeys.includes('esp_proposals'), 'keys already set are not offered again');
  assert.ok(!childKeys.includes('remote_addrs'), 'connection keys are not offered in a child');
  const connLine = lines.findIndex((l) => l === '      ');
  const connKeys = getCompletions(s, URI, { line: connLine, character: 6 }).map((c) => c.label);
  assert.ok(connKeys.includes('dpd_delay') && connKeys.includes('children') && !connKeys.includes('version'));
  // Values: after `proposals = ` the paired router's phase 1 in strongSwan spelling.
  const pl = lines.findIndex((l) => l.includes('proposals = aes256-sha1-modp1024'));
  const vals = getCompletions(s, URI, { line: pl, character: lines[pl].length });
  const mine = vals.find((v) => v.label === 'aes256-sha1-modp2048');
  assert.ok(mine, JSON.stringify(vals.map((v) => v.label)));
  assert.match(String(mine.detail), /r1/);
});

test('include links: a file gets a link, a glob does not', () => {
  const links = getDocumentLinks(service(), URI);
  assert.deepEqual(
    links.map((l) => l.target),
    ['file:///etc/swanctl/extra.conf'],
  );
});
