// The CLI on odd paths and odd files, run as a child process (`node server/out/cli.js check …`): text decoded by
// its byte order mark, binary files skipped with detect/binary-file, only regular files read (a FIFO or /dev/zero
// never opened), the size cap checked before reading, every unreadable path named on stderr with exit 2 while
// the rest is still reported, names that are not UTF-8, link loops, and a closed or full stdout.

import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, ensureBuilt } from './build';
import { bytes, u8 } from './bytes';


const FIXTURES = path.join(__dirname, 'fixtures');
const PRELOAD = path.join(__dirname, 'rss-preload.cjs');
/** The CLI's default `maxFileSize` (DEFAULT_SETTINGS). */
const MAX_FILE_SIZE = 10 * 1024 * 1024;
/** The UTF-16LE reproducer's text: line 3 has an invalid address at columns 13-22. */
const UTF16_TEXT = 'hostname u16\r\ninterface Gi0/1\r\n ip address 10.9.0.300 255.255.255.0\r\n';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let tmp: string;

function run(args: string[], cwd: string, options: SpawnSyncOptions = {}, nodeArgs: string[] = []): Run {
  const started = Date.now();
  const res = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, ...options });
  assert.equal(res.error, undefined, `netcfg ${args.join(' ')}: ${res.error}`);
  return { status: res.status, stdout: String(res.stdout ?? ''), stderr: String(res.stderr ?? ''), ms: Date.now() - started };
}

function json(args: string[], cwd: string, options: SpawnSyncOptions = {}): { run: Run; report: any } {
  const r = run([...args, '--format', 'json'], cwd, options);
  assert.ok(r.stdout, `no report from ${args.join(' ')}; stderr: ${r.stderr}`);
  return { run: r, report: JSON.parse(r.stdout) };
}

/** A fresh directory under the test's temporary folder. */
function dir(name: string): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

function noStack(s: string): void {
  assert.doesNotMatch(s, /^\s+at /m, `a stack trace was printed:\n${s}`);
}

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-paths-'));
  // Readable by the unprivileged user the permission tests run as when the tests run as root.
  fs.chmodSync(tmp, 0o755);
});

after(() => {
  // Undo chmod 000 so the folder can be removed by a non-root user.
  const restore = (p: string) => {
    try {
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) return;
      fs.chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
      if (st.isDirectory()) for (const e of fs.readdirSync(p)) restore(path.join(p, e));
    } catch {
      /* gone */
    }
  };
  restore(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('encodings', () => {
  test('UTF-16LE, UTF-16BE and UTF-8 with a BOM give the same findings as the UTF-8 text, by name and by content', () => {
    const d = dir('enc');
    const le = fs.readFileSync(path.join(FIXTURES, 'encoding/utf16le.ios'));
    // The reproducer is the text above in UTF-16LE with a BOM.
    assert.deepEqual([le[0], le[1]], [0xff, 0xfe]);
    assert.equal(le.subarray(2).toString('utf16le'), UTF16_TEXT);
    const be = Buffer.from(UTF16_TEXT, 'utf16le').swap16();
    const variants: Record<string, Buffer> = {
      'utf8.ios': Buffer.from(UTF16_TEXT),
      'utf8bom.ios': bytes([0xef, 0xbb, 0xbf], Buffer.from(UTF16_TEXT)),
      'utf16le.ios': le,
      'utf16be.ios': bytes([0xfe, 0xff], be),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      fs.writeFileSync(path.join(d, name), u8(bytes));
      // The same bytes under a generic name: detected by content once decoded.
      fs.writeFileSync(path.join(d, name.replace('.ios', '.cfg')), u8(bytes));
    }
    const { run: r, report } = json(['check', '.'], d);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(report.files.length, 8);
    for (const f of report.files) assert.equal(f.dialect, 'cisco-ios', f.path);
    const byFile = new Map<string, string[]>();
    for (const diag of report.diagnostics) {
      const { file, ...rest } = diag;
      byFile.set(file, [...(byFile.get(file) ?? []), JSON.stringify(rest)]);
    }
    const expected = byFile.get('utf8.ios');
    assert.ok(expected?.some((x) => x.includes('"code":"syntax/invalid-address"') && x.includes('"line":3,"column":13,"endLine":3,"endColumn":23')), JSON.stringify(expected));
    for (const name of Object.keys(variants)) {
      assert.deepEqual(byFile.get(name), expected, name);
      assert.deepEqual(byFile.get(name.replace('.ios', '.cfg')), expected, name.replace('.ios', '.cfg'));
    }
  });

  test('the UTF-16 reproducers from the fixtures: the .ios and the generic .cfg both report the invalid address', () => {
    const { run: r, report } = json(['check', 'encoding'], FIXTURES);
    assert.equal(r.status, 1);
    assert.deepEqual(
      report.diagnostics.map((d: any) => [d.file, d.line, d.column, d.code]),
      [
        ['encoding/utf16le.cfg', 3, 13, 'syntax/invalid-address'],
        ['encoding/utf16le.ios', 3, 13, 'syntax/invalid-address'],
      ],
    );
  });
});

describe('binary files', () => {
  /** Deterministic bytes that look like a compressed blob (no BOM, many invalid UTF-8 sequences, some NULs). */
  function blob(n: number): Buffer {
    const b = Buffer.alloc(n);
    let x = 12345;
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      b[i] = x >>> 24;
    }
    b[0] = 0x1f; // gzip magic
    b[1] = 0x8b;
    return b;
  }

  test('a binary file with a config extension is skipped with detect/binary-file (information, 1:1), whatever its name', () => {
    const d = dir('binary');
    fs.writeFileSync(path.join(d, 'backup.ios'), u8(blob(4000)));
    fs.writeFileSync(path.join(d, 'firmware.cfg'), u8(blob(3000)));
    // A PE-like header: mostly NUL bytes, ASCII elsewhere.
    fs.writeFileSync(path.join(d, 'tool.rsc'), u8(bytes(Buffer.from('MZ'), Buffer.alloc(200), Buffer.from('This program cannot be run in DOS mode.\r\n'))));
    const { run: r, report } = json(['check', '.'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(
      report.files.map((f: any) => [f.path, f.dialect]),
      [['backup.ios', null], ['firmware.cfg', null], ['tool.rsc', null]],
    );
    assert.deepEqual(
      report.diagnostics.map((x: any) => [x.file, x.line, x.column, x.endLine, x.endColumn, x.severity, x.code]),
      [
        ['backup.ios', 1, 1, 1, 1, 'information', 'detect/binary-file'],
        ['firmware.cfg', 1, 1, 1, 1, 'information', 'detect/binary-file'],
        ['tool.rsc', 1, 1, 1, 1, 'information', 'detect/binary-file'],
      ],
    );
    assert.match(report.diagnostics[0].message, /^netcfg skipped this file: it looks binary \(\d+% of it is control characters or not valid UTF-8\)\.$/);
    assert.match(report.diagnostics[2].message, /^netcfg skipped this file: it looks binary \(\d+% of its characters are NUL\)\.$/);
  });

  test('UTF-16 without a BOM is binary, and the message says how to fix it', () => {
    const d = dir('nobom');
    fs.writeFileSync(path.join(d, 'r.ios'), u8(Buffer.from(UTF16_TEXT, 'utf16le')));
    const { report } = json(['check', 'r.ios'], d);
    assert.deepEqual(report.diagnostics.map((x: any) => x.code), ['detect/binary-file']);
    assert.match(report.diagnostics[0].message, /UTF-16 text without a byte order mark, save it as UTF-8/);
  });

  test('clean variant: text with a stray NUL and a Latin-1 banner is still checked', () => {
    const d = dir('almost');
    const text = `hostname r1\n${'!\n'.repeat(60)}banner motd ^Caccès réservé^C\ninterface Gi0/1\n ip address 10.9.0.300 255.255.255.0\n\u0000`;
    fs.writeFileSync(path.join(d, 'r.ios'), u8(Buffer.from(text, 'latin1')));
    const { report } = json(['check', 'r.ios'], d);
    assert.equal(report.files[0].dialect, 'cisco-ios');
    assert.ok(report.diagnostics.some((x: any) => x.code === 'syntax/invalid-address'), JSON.stringify(report.diagnostics));
    assert.ok(!report.diagnostics.some((x: any) => x.code.startsWith('detect/')));
  });
});

describe('only regular files are read', () => {
  test('a FIFO named explicitly: exit 2 with one line, without waiting for a writer', () => {
    const d = dir('fifo1');
    const res = spawnSync('mkfifo', [path.join(d, 'pipe.cfg')]);
    assert.equal(res.status, 0, 'mkfifo failed');
    const r = run(['check', 'pipe.cfg'], d, { timeout: 20_000 });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "netcfg: cannot read 'pipe.cfg': not a regular file (a FIFO)\n");
  });

  test('a FIFO inside a directory: skipped with a warning, the run goes on and reports the rest', () => {
    const d = dir('fifo2');
    assert.equal(spawnSync('mkfifo', [path.join(d, 'pipe.cfg')]).status, 0);
    fs.writeFileSync(path.join(d, 'r.ios'), UTF16_TEXT);
    const { run: r, report } = json(['check', '.'], d, { timeout: 20_000 });
    assert.equal(r.stderr, "netcfg: warning: skipped 'pipe.cfg': not a regular file (a FIFO)\n");
    assert.equal(r.status, 1, 'the finding of r.ios decides the status; a skipped FIFO is not a read failure');
    assert.deepEqual(report.files.map((f: any) => f.path), ['r.ios']);
    assert.deepEqual(report.diagnostics.map((x: any) => [x.file, x.line, x.code]), [['r.ios', 3, 'syntax/invalid-address']]);
  });

  test('/dev/zero named explicitly: exit 2 quickly with bounded memory (it is not a regular file)', (t) => {
    if (!fs.existsSync('/dev/zero')) return t.skip('no /dev/zero on this system');
    const rssFile = path.join(tmp, 'rss-zero');
    const r = run(['check', '/dev/zero'], tmp, { timeout: 20_000, env: { ...process.env, NETCFG_TEST_RSS_FILE: rssFile } }, ['--max-old-space-size=64', '-r', PRELOAD]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "netcfg: cannot read '/dev/zero': not a regular file (a character device)\n");
    assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
    const rssKiB = Number(fs.readFileSync(rssFile, 'utf8'));
    assert.ok(rssKiB > 0 && rssKiB < 300 * 1024, `peak RSS ${rssKiB} KiB`);
  });

  test('a file over maxFileSize is not read: a sparse 1 GiB file is skipped at once with the size in the message', () => {
    const d = dir('big');
    fs.writeFileSync(path.join(d, 'big.ios'), '');
    fs.truncateSync(path.join(d, 'big.ios'), 1024 ** 3);
    // Just over the cap, and a generic name over the cap inside a directory (not listed, as before).
    fs.writeFileSync(path.join(d, 'edge.ios'), '');
    fs.truncateSync(path.join(d, 'edge.ios'), MAX_FILE_SIZE + 1);
    fs.writeFileSync(path.join(d, 'dump.txt'), '');
    fs.truncateSync(path.join(d, 'dump.txt'), 1024 ** 3);
    const rssFile = path.join(tmp, 'rss-big');
    const started = Date.now();
    const res = spawnSync(process.execPath, ['-r', PRELOAD, CLI, 'check', '.', '--format', 'json'], {
      cwd: d,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NETCFG_TEST_RSS_FILE: rssFile },
    });
    const ms = Date.now() - started;
    assert.equal(res.status, 0, res.stderr);
    const report = JSON.parse(res.stdout);
    assert.deepEqual(
      report.diagnostics.map((x: any) => [x.file, x.line, x.column, x.severity, x.code, x.message]),
      [
        ['big.ios', 1, 1, 'information', 'detect/unknown-dialect', `netcfg skipped this file: file is larger than netcfg.maxFileSize (${1024 ** 3} > ${MAX_FILE_SIZE} bytes).`],
        ['edge.ios', 1, 1, 'information', 'detect/unknown-dialect', `netcfg skipped this file: file is larger than netcfg.maxFileSize (${MAX_FILE_SIZE + 1} > ${MAX_FILE_SIZE} bytes).`],
      ],
    );
    const rssKiB = Number(fs.readFileSync(rssFile, 'utf8'));
    assert.ok(rssKiB < 300 * 1024, `peak RSS ${rssKiB} KiB: the 1 GiB file was read`);
    assert.ok(ms < 20_000, `took ${ms} ms`);
  });
});

/**
 * How to run the CLI so that chmod 000 denies reads: as is when not root; as `nobody` when root (root reads
 * anything). Undefined (and the caller skips, saying why) when neither works here.
 */
function unprivileged(probe: string): SpawnSyncOptions | undefined {
  const options: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const res = spawnSync(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(probe)})`], { ...options, encoding: 'utf8' });
  if (res.error) return undefined; // cannot switch user
  return res.status !== 0 && /EACCES|EPERM/.test(String(res.stderr)) ? options : undefined;
}

describe('unreadable paths: named on stderr, the rest still reported, exit 2', () => {
  function workspace(name: string): string {
    const d = dir(name);
    // The readable pair: a PSK mismatch between a and b stays reported whatever else fails.
    fs.copyFileSync(path.join(FIXTURES, 'pair/a.ipsec.conf'), path.join(d, 'a.ipsec.conf'));
    fs.copyFileSync(path.join(FIXTURES, 'pair/b.ipsec.conf'), path.join(d, 'b.ipsec.conf'));
    return d;
  }

  function assertRestReported(report: any): void {
    assert.deepEqual(report.files.map((f: any) => f.path), ['a.ipsec.conf', 'b.ipsec.conf']);
    assert.ok(report.diagnostics.some((x: any) => x.file === 'a.ipsec.conf' && x.code === 'ipsec/psk-mismatch'), 'cross-file findings of the readable files');
  }

  test('chmod 000 on a file and on a sub-directory', (t) => {
    const d = workspace('perm');
    fs.writeFileSync(path.join(d, 'locked.ios'), UTF16_TEXT);
    fs.mkdirSync(path.join(d, 'site'));
    fs.writeFileSync(path.join(d, 'site', 'r.ios'), UTF16_TEXT);
    fs.chmodSync(path.join(d, 'locked.ios'), 0o000);
    fs.chmodSync(path.join(d, 'site'), 0o000);
    const as = unprivileged(path.join(d, 'locked.ios'));
    if (!as) return t.skip('chmod 000 does not deny reads here (root without a user to switch to): covered by the dangling-link test');
    const { run: r, report } = json(['check', '.'], d, as);
    assert.equal(r.status, 2);
    // The walk names the directory, reading names the file: one line each, in that order.
    assert.equal(r.stderr, "netcfg: cannot read 'site': permission denied\nnetcfg: cannot read 'locked.ios': permission denied\n");
    assertRestReported(report);
  });

  test('a file too large and unreadable is judged by its size, never opened', (t) => {
    const d = dir('bigperm');
    fs.writeFileSync(path.join(d, 'big.ios'), '');
    fs.truncateSync(path.join(d, 'big.ios'), MAX_FILE_SIZE + 1);
    fs.chmodSync(path.join(d, 'big.ios'), 0o000);
    const as = unprivileged(path.join(d, 'big.ios'));
    if (!as) return t.skip('chmod 000 does not deny reads here (root without a user to switch to)');
    const { run: r, report } = json(['check', 'big.ios'], d, as);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.deepEqual(report.diagnostics.map((x: any) => x.code), ['detect/unknown-dialect']);
  });

  test('a dangling link for a config and one for a sub-directory, and a link loop between two files', () => {
    const d = workspace('dangling');
    fs.symlinkSync('gone.ios', path.join(d, 'r1.ios'));
    fs.symlinkSync('missing-dir', path.join(d, 'site'));
    fs.symlinkSync('y.cfg', path.join(d, 'x.cfg'));
    fs.symlinkSync('x.cfg', path.join(d, 'y.cfg'));
    const { run: r, report } = json(['check', '.'], d);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      [
        "netcfg: cannot read 'r1.ios': no such file or directory",
        "netcfg: cannot read 'site': no such file or directory",
        "netcfg: cannot read 'x.cfg': too many symbolic links (a link loop?)",
        "netcfg: cannot read 'y.cfg': too many symbolic links (a link loop?)",
        '',
      ].join('\n'),
    );
    assertRestReported(report);
    // The text summary counts them too.
    const text = run(['check', '.'], d);
    assert.match(text.stdout, /^2 files checked, 4 unreadable: 2 errors, /m);
  });

  test('a missing path next to a good one: named, the good one reported, exit 2; only missing paths: no report', () => {
    const d = workspace('missing');
    const { run: r, report } = json(['check', 'a.ipsec.conf', 'b.ipsec.conf', 'nope.cfg'], d);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "netcfg: cannot read 'nope.cfg': no such file or directory\n");
    assertRestReported(report);
    const none = run(['check', 'nope.cfg', 'nope2.cfg'], d);
    assert.equal(none.status, 2);
    assert.equal(none.stdout, '');
    assert.equal(none.stderr.split('\n').length, 3);
  });

  test('clean variant: the same workspace with nothing unreadable exits 1 (the PSK mismatch), with no stderr', () => {
    const d = workspace('allgood');
    const r = run(['check', '.'], d);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
  });

  test('a file name that is not valid UTF-8 is found, read and reported (shown with U+FFFD)', () => {
    const d = dir('names');
    const raw = bytes(Buffer.from(d + '/r'), [0xff, 0xfe], Buffer.from('.ios'));
    fs.writeFileSync(raw, UTF16_TEXT);
    const { run: r, report } = json(['check', '.'], d);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    assert.deepEqual(report.files.map((f: any) => [f.path, f.dialect]), [['r\ufffd\ufffd.ios', 'cisco-ios']]);
    assert.deepEqual(report.diagnostics.map((x: any) => [x.line, x.column, x.code]), [[3, 13, 'syntax/invalid-address']]);
  });
});

describe('link loops', () => {
  test('a directory link back to an ancestor: the walk ends, each file is checked once', () => {
    const d = dir('loops');
    fs.mkdirSync(path.join(d, 'a/b'), { recursive: true });
    fs.writeFileSync(path.join(d, 'a/b/r.ios'), UTF16_TEXT);
    fs.symlinkSync('.', path.join(d, 'self'));
    fs.symlinkSync('../..', path.join(d, 'a/b/up'));
    fs.symlinkSync(path.join(d, 'a'), path.join(d, 'again'));
    const { run: r, report } = json(['check', '.'], d, { timeout: 30_000 });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    assert.deepEqual(report.files.map((f: any) => f.path), ['a/b/r.ios']);
    assert.equal(report.diagnostics.length, 1);
  });

  test('a linked directory outside the loop is followed', () => {
    const d = dir('linked');
    const target = dir('linked-target');
    fs.writeFileSync(path.join(target, 'r.ios'), UTF16_TEXT);
    fs.symlinkSync(target, path.join(d, 'site'));
    const { report } = json(['check', '.'], d);
    assert.deepEqual(report.files.map((f: any) => f.path), ['site/r.ios']);
  });
});

describe('a closed or full stdout', () => {
  test('> /dev/full: one line on stderr, no stack trace, exit 2', (t) => {
    if (!fs.existsSync('/dev/full')) return t.skip('no /dev/full on this system');
    const full = fs.openSync('/dev/full', 'w');
    try {
      const res = spawnSync(process.execPath, [CLI, 'check', 'encoding'], { cwd: FIXTURES, encoding: 'utf8', stdio: ['ignore', full, 'pipe'], timeout: 30_000 });
      assert.equal(res.status, 2);
      assert.equal(res.stderr, 'netcfg: cannot write the report: no space left on device\n');
      const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8', stdio: ['ignore', full, 'pipe'], timeout: 30_000 });
      assert.equal(help.status, 2);
      assert.equal(help.stderr, 'netcfg: cannot write the report: no space left on device\n');
    } finally {
      fs.closeSync(full);
    }
  });

  test('| head -1: the reader goes away; nothing on stderr, no stack, the check status', () => {
    const d = dir('many');
    // 3,000 unused ACLs: about 300 KB of hints, far more than a pipe holds.
    const lines = ['hostname many'];
    for (let i = 0; i < 3000; i++) lines.push(`ip access-list extended UNUSED-${i}`, ' permit ip any any');
    fs.writeFileSync(path.join(d, 'many.ios'), lines.join('\n') + '\n');
    const script = `set -o pipefail; "${process.execPath}" "${CLI}" check many.ios --min-severity hint | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
    const res = spawnSync('bash', ['-c', script], { cwd: d, encoding: 'utf8', timeout: 60_000 });
    assert.match(res.stdout, /^many\.ios:\d+:\d+ hint ref\/unused /);
    assert.equal(res.stdout.split('\n').length, 2, 'head printed one line');
    noStack(res.stderr);
    assert.equal(res.stderr, 'status=0\n');
  });
});
