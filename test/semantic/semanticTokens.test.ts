// Semantic tokens from the lowered model: declarations, references that resolve and that do not (the same
// resolution as ref/undefined), secrets; exact decoded positions for IOS and RouterOS, CRLF, and the legend
// agreeing with package.json. In-process language service, no server.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { encodeSemanticTokens, getSemanticTokens, SEMANTIC_TOKENS_LEGEND } from '../../server/src/features/semanticTokens';
import { createLanguageService } from '../../server/src/service';
import { positionAt } from '../../server/src/syntax';
import { decodeTokens, tokenTexts } from './decode';
import { getRename } from '../../server/src/features/navigation';

const IOS = `hostname R1
crypto isakmp key s3cretKey! address 203.0.113.2
crypto ipsec transform-set TS esp-aes esp-sha-hmac
crypto map VPN 10 ipsec-isakmp
 set peer 203.0.113.2
 set transform-set TS MISSING
 match address CRYPTO-ACL
interface GigabitEthernet0/0
 ip address 203.0.113.1 255.255.255.252
 crypto map VPN
ip access-list extended LAN
 permit ip any any
`;

const IOS_TOKENS = [
  { line: 1, char: 18, length: 10, type: 'secret', modifiers: [] },
  { line: 2, char: 27, length: 2, type: 'class', modifiers: ['declaration'] },
  { line: 3, char: 11, length: 3, type: 'class', modifiers: ['declaration'] },
  { line: 5, char: 19, length: 2, type: 'class', modifiers: [] },
  { line: 5, char: 22, length: 7, type: 'class', modifiers: ['undefined'] },
  { line: 6, char: 15, length: 10, type: 'type', modifiers: ['undefined'] },
  { line: 7, char: 10, length: 18, type: 'variable', modifiers: ['declaration'] },
  { line: 9, char: 12, length: 3, type: 'class', modifiers: [] },
  { line: 10, char: 24, length: 3, type: 'type', modifiers: ['declaration'] },
];

function tokensOf(uri: string, text: string) {
  const s = createLanguageService();
  s.setDocument(uri, text, 1);
  return { service: s, tokens: decodeTokens(getSemanticTokens(s, uri).data, SEMANTIC_TOKENS_LEGEND) };
}

test('IOS: declarations, resolved and undefined references, and the pre-shared key', () => {
  const { service, tokens } = tokensOf('file:///w/r1.ios', IOS);
  assert.deepEqual(tokens, IOS_TOKENS);
  assert.deepEqual(tokenTexts(IOS, tokens), ['s3cretKey!', 'TS', 'VPN', 'TS', 'MISSING', 'CRYPTO-ACL', 'GigabitEthernet0/0', 'VPN', 'LAN']);
  // Exactly the names marked undefined are the ones ref/undefined reports.
  const undefinedRanges = tokens.filter((t) => t.modifiers.includes('undefined')).map((t) => `${t.line}:${t.char}`);
  const doc = service.getDocument('file:///w/r1.ios')!;
  const reported = service
    .getFindings('file:///w/r1.ios')
    .filter((f) => f.code === 'ref/undefined')
    .map((f) => {
      const p = positionAt(doc.lineStarts, f.range.start);
      return `${p.line}:${p.character}`;
    });
  assert.deepEqual(undefinedRanges, reported);
});

test('a secret that spells an object name stays a secret token, not a reference to the object', () => {
  // IOS lowering's generic scan of words that name objects once counted the key word `TS` as a use of transform-set
  // TS (so renaming the transform set rewrote the key); the scan now skips secrets, and the token is a secret.
  const text = ['crypto ipsec transform-set TS esp-aes esp-sha-hmac', 'crypto isakmp key TS address 203.0.113.2', 'crypto map VPN 10 ipsec-isakmp', ' set peer 203.0.113.2', ' set transform-set TS', ''].join('\n');
  const { service, tokens } = tokensOf('file:///w/r2.ios', text);
  assert.ok(!service.getDevice('file:///w/r2.ios')!.references.some((r) => r.range.start === text.indexOf('key TS') + 4), 'the key is not a reference');
  const rename = getRename(service, 'file:///w/r2.ios', { line: 0, character: 27 }, 'NEW');
  const edits = JSON.stringify(rename);
  assert.equal((edits.match(/"newText":"NEW"/g) ?? []).length, 2, `renames the definition and the one real use only: ${edits}`);
  assert.deepEqual(tokens, [
    { line: 0, char: 27, length: 2, type: 'class', modifiers: ['declaration'] },
    { line: 1, char: 18, length: 2, type: 'secret', modifiers: [] },
    { line: 2, char: 11, length: 3, type: 'class', modifiers: ['declaration'] },
    { line: 4, char: 19, length: 2, type: 'class', modifiers: [] },
  ]);
});

test('IOS with CRLF line ends: same tokens, no line end inside a token', () => {
  const { tokens } = tokensOf('file:///w/r1.ios', IOS.replace(/\n/g, '\r\n'));
  assert.deepEqual(tokens, IOS_TOKENS);
});

test('RouterOS: profile and peer names, an undefined proposal and a quoted identity secret', () => {
  const text = [
    '# by RouterOS 7.11',
    '/ip ipsec profile',
    'add name=p1 dh-group=modp2048 enc-algorithm=aes-256',
    '/ip ipsec peer',
    'add name=hq address=198.51.100.1/32 profile=p1',
    '/ip ipsec identity',
    'add peer=hq secret="branch key 1"',
    '/ip ipsec policy',
    'add peer=hq proposal=nope src-address=10.1.0.0/24 dst-address=10.2.0.0/24 tunnel=yes',
    '',
  ].join('\n');
  const { tokens } = tokensOf('file:///w/gw.rsc', text);
  assert.deepEqual(tokens, [
    { line: 2, char: 9, length: 2, type: 'class', modifiers: ['declaration'] },
    { line: 4, char: 9, length: 2, type: 'class', modifiers: ['declaration'] },
    { line: 4, char: 44, length: 2, type: 'class', modifiers: [] },
    { line: 6, char: 9, length: 2, type: 'class', modifiers: [] },
    { line: 6, char: 19, length: 14, type: 'secret', modifiers: [] },
    { line: 8, char: 9, length: 2, type: 'class', modifiers: [] },
    { line: 8, char: 21, length: 4, type: 'class', modifiers: ['undefined'] },
  ]);
  assert.deepEqual(tokenTexts(text, tokens), ['p1', 'hq', 'p1', 'hq', '"branch key 1"', 'hq', 'nope']);
});

test('files without a device (netcfg.yaml, unknown dialect, unknown uri) have no tokens', () => {
  const s = createLanguageService();
  s.setDocument('file:///w/netcfg.yaml', 'devices: []\n', 1);
  s.setDocument('file:///w/notes.txt', 'just some text\n', 1);
  for (const uri of ['file:///w/netcfg.yaml', 'file:///w/notes.txt', 'file:///w/missing.ios']) assert.deepEqual(getSemanticTokens(s, uri), { data: [] });
});

test('encoding is relative to the previous token, with modifier bits in legend order', () => {
  assert.deepEqual(
    encodeSemanticTokens([
      { line: 1, character: 4, length: 3, type: 'class', modifiers: ['declaration'] },
      { line: 1, character: 10, length: 2, type: 'secret', modifiers: [] },
      { line: 3, character: 2, length: 5, type: 'type', modifiers: ['declaration', 'undefined'] },
    ]),
    [1, 4, 3, 2, 1, 0, 6, 2, 6, 0, 2, 2, 5, 1, 3],
  );
});

test('package.json declares the custom token type and modifier of the legend', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
  const types = pkg.contributes.semanticTokenTypes as { id: string; superType?: string }[];
  const modifiers = pkg.contributes.semanticTokenModifiers as { id: string }[];
  assert.deepEqual(types.map((t) => [t.id, t.superType]), [['secret', 'string']]);
  assert.deepEqual(modifiers.map((m) => m.id), ['undefined']);
  const scopes = (pkg.contributes.semanticTokenScopes as { scopes: Record<string, string[]> }[])[0].scopes;
  assert.ok(scopes.secret?.length, 'secret has TextMate scopes for themes without semantic colouring');
  const standard = ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator'];
  for (const t of SEMANTIC_TOKENS_LEGEND.tokenTypes) assert.ok(standard.includes(t) || types.some((x) => x.id === t), `token type ${t} is standard or declared`);
  for (const m of SEMANTIC_TOKENS_LEGEND.tokenModifiers) assert.ok(m === 'declaration' || modifiers.some((x) => x.id === m), `modifier ${m} is standard or declared`);
});

test('IOS: every secret argument by its keyword is a secret token, and ids and RSA key commands are not', () => {
  const lines: [string, string[]][] = [
    ['enable secret 5 $1$abcd$Efgh', ['$1$abcd$Efgh']],
    ['username admin privilege 15 secret 9 $9$xyz', ['$9$xyz']],
    ['snmp-server community S3cr3tRO RO', ['S3cr3tRO']],
    ['snmp-server user u1 G1 v3 auth sha AuthPass1 priv aes 128 PrivPass1', ['AuthPass1', 'PrivPass1']],
    ['ntp authentication-key 1 md5 NtpKey 7', ['NtpKey']],
    ['radius-server key 7 0822455D0A16', ['0822455D0A16']],
    ['crypto key generate rsa modulus 2048', []],
    ['tunnel key 100', []],
    ['key chain OSPF-KEYS', []],
    ['standby 1 authentication md5 key-string HsrpKey', ['HsrpKey']],
  ];
  const text = lines.map(([l]) => l).join('\n') + '\ncrypto ikev2 keyring KR\n peer P\n  pre-shared-key local LocalKey\n';
  const s = createLanguageService();
  s.setDocument('file:///w/r.ios', text, 1, 'cisco-ios');
  const tokens = decodeTokens(getSemanticTokens(s, 'file:///w/r.ios').data, SEMANTIC_TOKENS_LEGEND);
  const texts = tokenTexts(text, tokens);
  const secrets = texts.filter((_, i) => tokens[i].type === 'secret');
  assert.deepEqual(secrets, [...lines.flatMap(([, want]) => want), 'LocalKey']);
});

test('RouterOS: password, secret, Wi-Fi and WireGuard key parameters on any menu are secret tokens', () => {
  const text = '/ppp secret add name=u1 password=PppPass1 service=l2tp\n/user add name=ops group=full password=UserPass1\n/interface wireless security-profiles add name=p1 wpa2-pre-shared-key=WifiKey123\n/interface wireguard add name=wg0 private-key="WgPriv="\n';
  const s = createLanguageService();
  s.setDocument('file:///w/r.rsc', text, 1, 'routeros');
  const tokens = decodeTokens(getSemanticTokens(s, 'file:///w/r.rsc').data, SEMANTIC_TOKENS_LEGEND);
  const texts = tokenTexts(text, tokens);
  const secrets = texts.filter((_, i) => tokens[i].type === 'secret');
  assert.deepEqual(secrets, ['PppPass1', 'UserPass1', 'WifiKey123', '"WgPriv="']);
});
