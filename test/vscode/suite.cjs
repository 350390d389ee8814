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

function describe(v) {
  let t;
  try {
    t = typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    t = String(v);
  }
  if (t === undefined) t = String(v);
  return t.length > 2000 ? `${t.slice(0, 2000)}… (${t.length} chars)` : t;
}

/**
 * Polls `probe()` until `predicate(value)` holds and returns that value; on timeout throws with the last value seen.
 * Everything the server computes (diagnostics, completion, hover, code actions, semantic tokens, symbols) arrives
 * asynchronously and may be empty or stale while the extension starts or the workspace is indexed: never read it once.
 */
async function waitFor(description, probe, predicate, timeoutMs = 30000) {
  const t0 = Date.now();
  let last = '(never probed)';
  let polls = 0;
  for (;;) {
    polls++;
    try {
      const v = await probe();
      if (predicate(v)) return v;
      last = v;
    } catch (err) {
      last = `probe failed: ${err && err.message}`;
    }
    if (Date.now() - t0 >= timeoutMs) break;
    await new Promise((r) => setTimeout(r, polls < 8 ? 100 : 250));
  }
  throw new Error(`timed out after ${Date.now() - t0} ms (${polls} polls) waiting for ${description}; last seen: ${describe(last)}`);
}

const codeOf = (d) => String(d.code?.value ?? d.code);
const pskMismatch = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'ipsec/psk-mismatch');
const diagSummary = (uri) => vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`);

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
    const state = await waitFor(
      'ipsec/psk-mismatch diagnostics on r1.ios and mikrotik.rsc',
      () => ({ ios: pskMismatch(ios.uri), ros: pskMismatch(ros), all: { ios: diagSummary(ios.uri), ros: diagSummary(ros) } }),
      (s) => s.ios.length > 0 && s.ros.length > 0,
    );
    for (const d of [state.ios[0], state.ros[0]]) {
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
    const wants = ['encryption', 'hash', 'group', 'authentication', 'lifetime'];
    await waitFor(
      `completion at ${pos.line}:${pos.character} to list ${wants.join(', ')}`,
      async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos);
        return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      },
      (labels) => wants.every((w) => labels.includes(w)),
    );
  });

  add('hover on group 2 shows documentation', async () => {
    const doc = await open('site-to-site-ios-routeros/r1.ios');
    const text = await waitFor(
      'a hover on group 2 mentioning the DH group',
      async () => {
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'group 2', 1));
        return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      },
      (t) => /group/i.test(t),
    );
    assert.ok(!/MY_KEY|MYKEY/.test(text));
  });

  add('the PSK mismatch has quick fixes for both ends, none showing the secret', async () => {
    const doc = await open('site-to-site-ios-routeros/mikrotik.rsc');
    const diag = await waitFor('psk-mismatch on mikrotik.rsc', () => pskMismatch(doc.uri)[0] ?? diagSummary(doc.uri), (d) => !Array.isArray(d));
    const titles = await waitFor(
      'two PSK quick fixes (one per end) for the mismatch on mikrotik.rsc',
      async () => ((await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diag.range)) ?? []).map((a) => a.title),
      (all) => all.filter((t) => /match|pre-shared key/i.test(t)).length >= 2,
    );
    for (const t of titles) assert.ok(!/MY_KEY|MYKEY/.test(t), `a fix title shows the secret: ${t}`);
  });

  add('semantic tokens from the server mark the PSK as a secret', async () => {
    const doc = await open('site-to-site-ios-routeros/r1.ios');
    const legend = await waitFor(
      'the semantic tokens legend with a secret token type',
      () => vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', doc.uri),
      (l) => Boolean(l && l.tokenTypes.includes('secret')),
    );
    const key = positionOf(doc, 'isakmp key ', 'isakmp key '.length);
    await waitFor(
      `a secret token at ${key.line}:${key.character} (the isakmp key) in r1.ios`,
      async () => {
        const tokens = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', doc.uri);
        if (!tokens || !tokens.data.length) return { tokens: tokens ? 0 : 'none', atKey: null };
        let line = 0;
        let char = 0;
        let atKey = null;
        for (let i = 0; i < tokens.data.length; i += 5) {
          line += tokens.data[i];
          char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
          if (line === key.line && char === key.character) atKey = legend.tokenTypes[tokens.data[i + 3]];
        }
        return { tokens: tokens.data.length / 5, atKey };
      },
      (s) => s.atKey === 'secret',
    );
  });

  add('every command the manifest contributes is registered (the status bar menu and its entries)', async () => {
    await open('site-to-site-ios-routeros/r1.ios');
    const ext = vscode.extensions.all.find((e) => e.packageJSON && e.packageJSON.name === 'netcfg');
    assert.ok(ext, 'the netcfg extension is installed');
    const wanted = ext.packageJSON.contributes.commands.map((c) => c.command);
    assert.ok(wanted.includes('netcfg.statusMenu') && wanted.includes('netcfg.showTopology'), wanted.join(', '));
    await waitFor(
      `the commands ${wanted.join(', ')} to be registered`,
      async () => {
        const all = new Set(await vscode.commands.getCommands(true));
        return wanted.filter((c) => !all.has(c));
      },
      (missing) => missing.length === 0,
    );
  });

  add('document symbols of the IOS example list interfaces and crypto', async () => {
    const doc = await open('site-to-site-ios-routeros/r1.ios');
    await waitFor(
      'document symbols naming FastEthernet1/0 and a crypto section',
      async () => {
        const symbols = (await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
        return JSON.stringify(symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]));
      },
      (names) => /FastEthernet1\/0/.test(names) && /crypto/i.test(names),
    );
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
