// The host helpers the LSP server's workspace scan and the CLI share (server/src/host/read.ts, scan.ts): decoding
// by byte order mark, the binary rule, bounded reads of regular files only, and a walk that reports what it
// cannot use and ends on link loops.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeConfig, decodeRead, readConfigFile, readConfigFileSync } from '../../server/src/host/read';
import { scanDirectory, type Candidate, type ScanProblem } from '../../server/src/host/scan';
import { bytes, u8 } from './bytes';


const TEXT = 'hostname r1\r\ninterface Gi0/1\r\n description caf\u00e9 \u{1F600}\r\n';
let tmp: string;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-host-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('decodeConfig', () => {
  test('UTF-8, UTF-8 with BOM, UTF-16LE and UTF-16BE with BOM decode to the same text (BOM dropped)', () => {
    const le = Buffer.from(TEXT, 'utf16le');
    const cases: [Buffer, string][] = [
      [Buffer.from(TEXT), 'utf-8'],
      [bytes([0xef, 0xbb, 0xbf], Buffer.from(TEXT)), 'utf-8-bom'],
      [bytes([0xff, 0xfe], le), 'utf-16le'],
      [bytes([0xfe, 0xff], bytes(le).swap16()), 'utf-16be'],
    ];
    for (const [bytes, encoding] of cases) assert.deepEqual(decodeConfig(bytes), { ok: true, text: TEXT, encoding });
  });

  test('an odd trailing byte of UTF-16 is dropped; an empty file is text', () => {
    const odd = bytes([0xff, 0xfe], Buffer.from('ab', 'utf16le'), [0x63]);
    assert.deepEqual(decodeConfig(odd), { ok: true, text: 'ab', encoding: 'utf-16le' });
    assert.deepEqual(decodeConfig(Buffer.alloc(0)), { ok: true, text: '', encoding: 'utf-8' });
  });

  test('NUL share: 1% is text, above is binary', () => {
    const text = 'x'.repeat(99) + '\u0000';
    assert.equal(decodeConfig(Buffer.from(text)).ok, true);
    const binary = decodeConfig(Buffer.from('x'.repeat(98) + '\u0000\u0000'));
    assert.equal(binary.ok, false);
    assert.deepEqual(!binary.ok && binary.skip, { code: 'detect/binary-file', reason: 'it looks binary (2% of its characters are NUL)' });
  });

  test('invalid UTF-8 and control characters: up to 20% is text (a Latin-1 banner), above is binary', () => {
    assert.equal(decodeConfig(Buffer.from('ab\u00e9cd', 'latin1')).ok, true); // 1 invalid in 5 = 20%
    const res = decodeConfig(Buffer.from('a\u00e9\u00e8', 'latin1'));
    assert.equal(res.ok, false);
    assert.match(!res.ok ? res.reason : '', /^it looks binary \(67% of it is control characters or not valid UTF-8\)$/);
    // U+FFFD spelled in the file is text, not an invalid sequence.
    assert.equal(decodeConfig(Buffer.from('\ufffd\ufffd\ufffd')).ok, true);
    // Tabs, line breaks, form feeds and ESC are text; other C0 controls are not.
    assert.equal(decodeConfig(Buffer.from('a\tb\r\n\f\u001b[0m')).ok, true);
    assert.equal(decodeConfig(Buffer.from('\u0001\u0002\u0003abc')).ok, false);
  });

  test('UTF-16: lone surrogates count as invalid, pairs do not', () => {
    const pairs = bytes([0xff, 0xfe], Buffer.from('\u{1F600}\u{1F600}ab', 'utf16le'));
    assert.equal(decodeConfig(pairs).ok, true);
    const lone = bytes([0xff, 0xfe], Buffer.from('\ud800\ud800\udc00x', 'utf16le'));
    // One lone high surrogate in 4 code units: 25%.
    const res = decodeConfig(lone);
    assert.equal(res.ok, false);
    assert.match(!res.ok ? res.reason : '', /not valid UTF-16/);
  });
});

describe('decodeRead (the Node reads: an ASCII fast path in front of decodeConfig)', () => {
  test('gives what decodeConfig gives for every byte value, alone, dominating or in a line of text, and for BOMs', () => {
    const inputs: Buffer[] = [Buffer.alloc(0), Buffer.from(TEXT), Buffer.from('hostname r1\r\ninterface Gi0/0\r\n\f\u000b\t\u001b[0m\n')];
    for (let b = 0; b < 256; b++) {
      inputs.push(Buffer.from([b]));
      inputs.push(bytes(Buffer.from('ab'), Buffer.alloc(10, b))); // the byte is most of the file: binary if suspect
      inputs.push(bytes(Buffer.from('interface GigabitEthernet0/1\n description '), [b], Buffer.from('\n')));
    }
    inputs.push(bytes([0xef, 0xbb, 0xbf], Buffer.from('hostname r1\n')), bytes([0xff, 0xfe], Buffer.from('ab', 'utf16le')), bytes([0xfe, 0xff], Buffer.from('ab', 'utf16le').swap16()));
    inputs.push(Buffer.from('x'.repeat(98) + '\u0000\u0000'), Buffer.from('caf\u00e9\n'), Buffer.from('ab\u00e9cd', 'latin1'));
    for (const buf of inputs) assert.deepEqual(decodeRead(buf), decodeConfig(buf), JSON.stringify([...buf.subarray(0, 48)]));
    // The fast path's text is a string like any other (equal, and usable as a key).
    const r = decodeRead(Buffer.from(TEXT));
    assert.ok(r.ok && r.text === TEXT && r.encoding === 'utf-8');
  });
});

describe('readConfigFile', () => {
  test('a regular file: sync and async read the same; over the cap it is a skip, never the content', async () => {
    const f = path.join(tmp, 'r.ios');
    fs.writeFileSync(f, u8(bytes([0xff, 0xfe], Buffer.from(TEXT, 'utf16le'))));
    assert.deepEqual(readConfigFileSync(f, { maxFileSize: 1000 }), { ok: true, text: TEXT, encoding: 'utf-16le' });
    assert.deepEqual(await readConfigFile(f, { maxFileSize: 1000 }), { ok: true, text: TEXT, encoding: 'utf-16le' });
    const size = fs.statSync(f).size;
    const reason = `file is larger than netcfg.maxFileSize (${size} > ${size - 1} bytes)`;
    const over = { ok: false, reason, skip: { code: 'detect/unknown-dialect', reason } };
    assert.deepEqual(readConfigFileSync(f, { maxFileSize: size - 1 }), over);
    assert.deepEqual(await readConfigFile(f, { maxFileSize: size - 1 }), over);
    assert.equal(readConfigFileSync(f, { maxFileSize: size }).ok, true);
  });

  test('not a regular file: refused without opening (a FIFO would block), missing: the reason', async () => {
    const fifo = path.join(tmp, 'p.cfg');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    assert.deepEqual(readConfigFileSync(fifo, { maxFileSize: 100 }), { ok: false, reason: 'not a regular file (a FIFO)' });
    assert.deepEqual(await readConfigFile(fifo, { maxFileSize: 100 }), { ok: false, reason: 'not a regular file (a FIFO)' });
    assert.deepEqual(readConfigFileSync(tmp, { maxFileSize: 100 }), { ok: false, reason: 'is a directory' });
    assert.deepEqual(await readConfigFile(path.join(tmp, 'none.ios'), { maxFileSize: 100 }), { ok: false, reason: 'no such file or directory' });
    if (fs.existsSync('/dev/zero')) assert.deepEqual(await readConfigFile('/dev/zero', { maxFileSize: 100 }), { ok: false, reason: 'not a regular file (a character device)' });
  });
});

describe('scanDirectory (the server workspace scan and the CLI walk)', () => {
  async function scan(root: string): Promise<{ found: Candidate[]; problems: ScanProblem[] }> {
    const found: Candidate[] = [];
    const problems: ScanProblem[] = [];
    for await (const c of scanDirectory(root, { maxFileSize: 1000, onProblem: (p) => problems.push(p) })) found.push(c);
    return { found, problems };
  }

  test('FIFO: a warning, not yielded; dangling link: an error; link loops: the walk ends, each file once', async () => {
    const root = path.join(tmp, 'ws');
    fs.mkdirSync(path.join(root, 'a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a', 'r.ios'), TEXT);
    fs.writeFileSync(path.join(root, 'netcfg.yaml'), 'devices: {}\n');
    fs.writeFileSync(path.join(root, 'notes.md'), 'not a config');
    assert.equal(spawnSync('mkfifo', [path.join(root, 'pipe.cfg')]).status, 0);
    fs.symlinkSync('missing.ios', path.join(root, 'gone.ios'));
    fs.symlinkSync('..', path.join(root, 'a', 'up'));
    fs.symlinkSync('a/r.ios', path.join(root, 'alias.ios'));
    fs.symlinkSync('missing.md', path.join(root, 'gone.md')); // not a config name: ignored
    const { found, problems } = await scan(root);
    assert.deepEqual(
      found.map((c) => [path.relative(root, c.path), c.kind]),
      [['alias.ios', 'config'], ['netcfg.yaml', 'project']],
    );
    assert.deepEqual(
      problems.map((p) => [path.relative(root, p.path), p.severity, p.reason]),
      [
        ['gone.ios', 'error', 'no such file or directory'],
        ['pipe.cfg', 'warning', 'not a regular file (a FIFO)'],
      ],
    );
  });

  test('an unreadable root is one error; a name that is not UTF-8 is walked by its bytes', async () => {
    const missing = await scan(path.join(tmp, 'nothing-here'));
    assert.deepEqual(missing.problems.map((p) => p.reason), ['no such file or directory']);
    const root = path.join(tmp, 'bytes');
    fs.mkdirSync(root);
    const raw = bytes(Buffer.from(root + '/r'), [0xff], Buffer.from('.ios'));
    fs.writeFileSync(raw, TEXT);
    const { found, problems } = await scan(root);
    assert.deepEqual(problems, []);
    assert.equal(found.length, 1);
    assert.equal(path.basename(found[0].path), 'r\ufffd.ios');
    assert.ok(Buffer.isBuffer(found[0].fsPath));
    assert.deepEqual(readConfigFileSync(found[0].fsPath, { maxFileSize: 1000 }), { ok: true, text: TEXT, encoding: 'utf-8' });
    // The lossy string does not name the file: that is why fsPath exists.
    assert.equal(readConfigFileSync(found[0].path, { maxFileSize: 1000 }).ok, false);
  });
});
