// Extension-host tests: mocha running inside VS Code's extension host with the real `vscode` API.
// Run by @vscode/test-electron (`npm run test:vscode`, where VS Code can be downloaded) and inside code-server by
// test/e2e/run.mjs (offline). Opens the example workspace, which the runner passes as the folder.
const fs = require('node:fs');
const assert = require('node:assert/strict');
const vscode = require('vscode');
const m = require('mocha');
const Mocha = m.Mocha || m.default || m;

function folder() {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder: run with the examples folder open');
  return f.uri;
}

async function open(rel) {
  const uri = vscode.Uri.joinPath(folder(), rel);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function until(fn, what, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function positionOf(doc, needle, delta = 0) {
  const idx = doc.getText().indexOf(needle);
  assert.ok(idx >= 0, `'${needle}' not in ${doc.uri.path}`);
  return doc.positionAt(idx + delta);
}

function defineTests(mocha) {
  const suite = Mocha.Suite.create(mocha.suite, 'netcfg in VS Code');
  const add = (title, fn) => suite.addTest(new Mocha.Test(title, fn));

  add('the IOS example gets its language mode and the PSK mismatch on both ends', async () => {
    const ios = await open('site-to-site-ios-routeros/r1.ios');
    assert.equal(ios.languageId, 'cisco-ios');
    const ros = vscode.Uri.joinPath(folder(), 'site-to-site-ios-routeros/mikrotik.rsc');
    const both = await until(() => {
      const a = vscode.languages.getDiagnostics(ios.uri).filter((d) => String(d.code?.value ?? d.code) === 'ipsec/psk-mismatch');
      const b = vscode.languages.getDiagnostics(ros).filter((d) => String(d.code?.value ?? d.code) === 'ipsec/psk-mismatch');
      return a.length && b.length ? [a[0], b[0]] : undefined;
    }, 'psk-mismatch diagnostics on both files');
    for (const d of both) {
      assert.equal(d.source, 'netcfg');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(!/MY_KEY|MYKEY/.test(d.message), 'secret in message');
      assert.ok(d.relatedInformation && d.relatedInformation.length > 0, 'related information for the other end');
    }
  });

  add('completion inside crypto isakmp policy lists the policy subcommands', async () => {
    const doc = await open('site-to-site-ios-routeros/r1.ios');
    const line = doc.lineAt(positionOf(doc, 'crypto isakmp policy').line + 1);
    const pos = new vscode.Position(line.lineNumber, line.firstNonWhitespaceCharacterIndex);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const want of ['encryption', 'hash', 'group', 'authentication', 'lifetime']) assert.ok(labels.includes(want), `missing ${want} in ${labels.join(',')}`);
  });

  add('hover on group 2 shows documentation', async () => {
    const doc = await open('site-to-site-ios-routeros/r1.ios');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'group 2', 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /group/i);
    assert.ok(!/MY_KEY|MYKEY/.test(text));
  });

  add('the PSK mismatch has quick fixes for both ends, none showing the secret', async () => {
    const doc = await open('site-to-site-ios-routeros/mikrotik.rsc');
    const diag = await until(() => vscode.languages.getDiagnostics(doc.uri).find((d) => String(d.code?.value ?? d.code) === 'ipsec/psk-mismatch'), 'psk-mismatch on mikrotik.rsc');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diag.range);
    const fixes = actions.filter((a) => /match|pre-shared key/i.test(a.title));
    assert.ok(fixes.length >= 2, `expected two fixes, got ${actions.map((a) => a.title).join(' | ')}`);
    for (const f of fixes) assert.ok(!/MY_KEY|MYKEY/.test(f.title));
  });

  add('semantic tokens from the server mark the PSK as a secret', async () => {
    const doc = await open('site-to-site-ios-routeros/r1.ios');
    const legend = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', doc.uri);
    assert.ok(legend && legend.tokenTypes.includes('secret'), `legend: ${JSON.stringify(legend)}`);
    const tokens = await until(async () => {
      const t = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', doc.uri);
      return t && t.data.length ? t : undefined;
    }, 'semantic tokens for r1.ios');
    const key = positionOf(doc, 'isakmp key ', 'isakmp key '.length);
    let line = 0;
    let char = 0;
    let found;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
      if (line === key.line && char === key.character) found = legend.tokenTypes[tokens.data[i + 3]];
    }
    assert.equal(found, 'secret');
  });

  add('document symbols of the IOS example list interfaces and crypto', async () => {
    const doc = await open('site-to-site-ios-routeros/r1.ios');
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = JSON.stringify(symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]));
    assert.match(names, /FastEthernet1\/0/);
    assert.match(names, /crypto/i);
  });
}

exports.run = async function run() {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  defineTests(mocha);
  const failures = [];
  let passed = 0;
  await new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', (test, err) => failures.push(`${test.title}: ${err && err.message}`));
  });
  const report = process.env.NETCFG_EXT_TEST_REPORT;
  if (report) fs.writeFileSync(report, JSON.stringify({ passed, failed: failures.length, failures }));
  if (failures.length) throw new Error(`${failures.length} extension-host test(s) failed`);
};
