// `npm run test:vscode`: the extension-host suite (test/vscode/suite.cjs) in a VS Code downloaded by
// @vscode/test-electron — for machines that can download VS Code. Offline, test/e2e/run.mjs runs the same suite
// inside code-server instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-ws-'));
fs.cpSync(path.join(root, 'examples'), ws, { recursive: true });
const report = path.join(ws, '..', `netcfg-ext-tests-${process.pid}.json`);
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test/vscode/suite.cjs'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { NETCFG_EXT_TEST_REPORT: report },
  });
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  console.log(`${r.passed} passed, ${r.failed} failed`);
} catch (err) {
  console.error(`extension-host tests failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
