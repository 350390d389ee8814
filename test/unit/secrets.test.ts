// No secret of any example config reaches a diagnostic message, related message, fix title, outline name, hover or
// code lens: every secret the model knows (pre-shared keys, OSPF keys, NHRP auth) is looked for in all of them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getCodeLenses } from '../../server/src/features/codeLens';
import { getHover } from '../../server/src/features/hover';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import * as model from '../../server/src/model';
import { createLanguageService } from '../../server/src/service';
import { positionAt } from '../../server/src/syntax';

const root = path.resolve(__dirname, '../..');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (!e.name.endsWith('.md')) out.push(full);
  }
  return out;
}

test('no secret of the examples is shown by diagnostics, outline, hover or code lens', () => {
  const service = createLanguageService();
  const files = walk(path.join(root, 'examples'));
  for (const f of files) service.setDocument(`file://${f}`, fs.readFileSync(f, 'utf8'), 1);
  const secrets = new Set<string>();
  for (const d of service.devices()) {
    for (const k of d.keys) if (k.secret.plain && k.secret.plain.length >= 4) secrets.add(k.secret.plain);
    for (const p of d.ipsecPeers) if (p.psk?.secret.plain && p.psk.secret.plain.length >= 4) secrets.add(p.psk.secret.plain);
    for (const o of d.ospfInterfaces) if (o.auth.value.key?.plain && o.auth.value.key.plain.length >= 4) secrets.add(o.auth.value.key.plain);
    for (const l of d.l2tp) if (l.ipsecSecret?.secret.plain) secrets.add(l.ipsecSecret.secret.plain);
  }
  assert.ok(secrets.size >= 3, `expected the examples to hold secrets, found ${secrets.size}`);
  const leaks: string[] = [];
  const check = (where: string, text: string) => {
    for (const s of secrets) if (text.includes(s)) leaks.push(`${where}: ${JSON.stringify(text.slice(0, 120))}`);
  };
  for (const f of files) {
    const uri = `file://${f}`;
    const rel = path.relative(root, f);
    for (const d of service.getFindings(uri)) {
      check(`${rel} ${d.code} message`, d.message);
      for (const r of d.related) check(`${rel} ${d.code} related`, r.message);
      for (const x of d.fixes) check(`${rel} ${d.code} fix title`, x.title);
    }
    check(`${rel} outline`, JSON.stringify(getDocumentSymbols(service, uri)));
    check(`${rel} lenses`, JSON.stringify(getCodeLenses(service, uri)));
    const doc = service.getDocument(uri)!;
    const re = /\S+/g;
    for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
      const pos = positionAt(doc.lineStarts, m.index);
      const hover = getHover(service, uri, pos);
      if (hover) check(`${rel}:${pos.line + 1} hover`, JSON.stringify(hover.contents));
    }
  }
  assert.deepEqual(leaks, []);
});

test('a mask shows no character of the secret, only one star per character and the length', () => {
  // Characters the mask itself never uses (it is stars, digits, spaces, parentheses and "chars").
  const alphabet = 'MYKEQZ_!@#%&+=$XWVUTBDFGIJLNOP';
  for (let n = 1; n <= 20; n++) {
    const plain = alphabet.slice(0, n);
    const mask = model.maskSecret({ kind: 'plain', plain, range: { start: 0, end: n } });
    assert.equal(mask, `${'*'.repeat(n)} (${n} ${n === 1 ? 'char' : 'chars'})`);
    for (const ch of plain) assert.ok(!mask.includes(ch), `${JSON.stringify(ch)} of a ${n}-character secret is in ${mask}`);
  }
  assert.equal(model.maskSecret({ kind: 'plain', plain: '', range: { start: 0, end: 0 } }), '(empty)');
  assert.equal(model.maskSecret({ kind: 'masked', range: { start: 0, end: 5 } }), '***** (masked by the device)');
  assert.equal(model.maskSecret({ kind: 'type6', range: { start: 0, end: 5 } }), '(type 6 encrypted)');
});

test('messages, hovers, code lenses and the outline of the examples mask keys without a leading character', () => {
  const service = createLanguageService();
  const files = walk(path.join(root, 'examples'));
  for (const f of files) service.setDocument(`file://${f}`, fs.readFileSync(f, 'utf8'), 1);
  // The old mask kept one or two leading characters (`M***** (6 chars)`): no stars may follow a letter or digit.
  const prefixed = /[A-Za-z0-9_-]\*+ \(\d+ chars?\)/;
  let masks = 0;
  const check = (where: string, text: string) => {
    assert.ok(!prefixed.test(text), `${where}: ${text.match(prefixed)?.[0]}`);
    masks += (text.match(/\*+ \(\d+ chars?\)/g) ?? []).length;
  };
  for (const f of files) {
    const uri = `file://${f}`;
    for (const d of service.getFindings(uri)) {
      check(`${f} ${d.code}`, d.message);
      for (const r of d.related) check(`${f} ${d.code} related`, r.message);
    }
    check(`${f} outline`, JSON.stringify(getDocumentSymbols(service, uri)));
    check(`${f} lenses`, JSON.stringify(getCodeLenses(service, uri)));
    const doc = service.getDocument(uri)!;
    const re = /\S+/g;
    for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
      const hover = getHover(service, uri, positionAt(doc.lineStarts, m.index));
      if (hover) check(`${f} hover`, JSON.stringify(hover.contents));
    }
  }
  assert.ok(masks >= 3, `expected masked keys in the examples' messages and hovers, found ${masks}`);
});
