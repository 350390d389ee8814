// `netcfg check --jobs N` (issue 16): files are read, parsed and lowered on worker threads, and the report must be
// the one of `--jobs 1` (no worker) byte for byte: on the real corpus, the fixtures and the examples, on config words
// that are Object.prototype names, and when a parser throws or a worker dies. NETCFG_POOL_MIN_BYTES=0 sends even a
// two-file folder through the workers; NETCFG_POOL_STATS=1 makes the CLI say on stderr that it did.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { collectPlain, restorePlain } from '../../server/src/host/plain';
import { workerCount } from '../../server/src/host/pool';
import { dict } from '../../server/src/model/dict';
import { dropSetters } from '../../server/src/model';
import { createLanguageService, MAX_HYDRATED } from '../../server/src/service';
import { CLI, ensureBuilt, ROOT } from './build';

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const POOL_LINE = /^netcfg: pool: (\d+) workers, (\d+) chunks, (\d+) redone in-process, (\d+) not plain, (\d+) on the main thread\n/m;

interface PoolLine {
  workers: number;
  chunks: number;
  redone: number;
  notPlain: number;
  /** Chunks the main thread lowered itself. */
  local: number;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const res = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NETCFG_POOL_MIN_BYTES: '0', NETCFG_POOL_STATS: '1', ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Runs with `--jobs 1` and `--jobs 2`; asserts the same status, stdout and stderr (but the pool line); returns both. */
function same(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { one: Run; two: Run; pool: PoolLine } {
  const one = run(['--jobs', '1', ...args], cwd, env);
  const two = run(['--jobs', '2', ...args], cwd, env);
  assert.ok(!POOL_LINE.test(one.stderr), '--jobs 1 starts no worker');
  const m = POOL_LINE.exec(two.stderr);
  assert.ok(m, `--jobs 2 ran the pool: ${two.stderr}`);
  assert.equal(two.status, one.status);
  assert.equal(two.stderr.replace(POOL_LINE, ''), one.stderr);
  assert.ok(two.stdout === one.stdout, `--jobs 2 output differs from --jobs 1 for ${args.join(' ')} in ${cwd}`);
  return { one, two, pool: { workers: Number(m[1]), chunks: Number(m[2]), redone: Number(m[3]), notPlain: Number(m[4]), local: Number(m[5]) } };
}

let tmp: string;

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-jobs-'));
});

describe('--jobs: option', () => {
  test('listed in --help', () => {
    const r = run(['--help'], ROOT);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^ {2}--jobs N {2,}read, parse and lower files on N threads, the main one and N-1 workers/m);
  });

  for (const bad of ['0', 'abc', '-1', '1.5', '']) {
    test(`--jobs '${bad}' is a usage error: exit 2, one line`, () => {
      const r = run([`--jobs=${bad}`, 'examples'], ROOT);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `netcfg: invalid --jobs '${bad}' (expected a number of threads from 1 to 9999)\n`);
    });
  }

  test('--jobs without a value: exit 2, one line', () => {
    const r = run(['examples', '--jobs'], ROOT);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `netcfg: option '--jobs' needs a value\n`);
  });

  test('small inputs start no worker; a worker needs 2 MiB of input by default', () => {
    const saved = process.env.NETCFG_POOL_MIN_BYTES;
    delete process.env.NETCFG_POOL_MIN_BYTES;
    const MiB = 1024 * 1024;
    try {
      assert.equal(workerCount(1, 10_000, 1000 * MiB), 0);
      assert.equal(workerCount(2, 1000, 4 * MiB - 1), 0);
      assert.equal(workerCount(2, 1000, 4 * MiB), 2);
      assert.equal(workerCount(8, 1000, 7 * MiB), 3);
      assert.equal(workerCount(8, 2, 100 * MiB), 2, 'never more workers than files');
      assert.equal(workerCount(2, 1000, 26 * MiB), 2);
    } finally {
      if (saved !== undefined) process.env.NETCFG_POOL_MIN_BYTES = saved;
    }
    // A folder of two files with the default threshold: in-process even with --jobs 2.
    const r = spawnSync(process.execPath, [CLI, 'check', '--jobs', '2', 'examples/bird-ospf'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NETCFG_POOL_MIN_BYTES: '', NETCFG_POOL_STATS: '1' } });
    assert.equal(r.status, 0);
    assert.ok(!POOL_LINE.test(r.stderr), r.stderr);
  });
});

describe('--jobs 2 reports what --jobs 1 reports, byte for byte', () => {
  test('the real corpus (../shared/corpus), JSON', { skip: !fs.existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
    const { one, two, pool } = same(['--format', 'json', '.'], CORPUS);
    const report = JSON.parse(one.stdout);
    assert.ok(report.files.length > 300, `the corpus has ${report.files.length} files`);
    assert.ok(report.diagnostics.length > 0);
    // --jobs 2: the main thread and one worker both lower.
    assert.equal(pool.workers, 1);
    assert.ok(pool.local > 0 && pool.local < pool.chunks, `the main thread lowered ${pool.local} of ${pool.chunks} chunks`);
    assert.equal(pool.redone, 0);
    assert.equal(pool.notPlain, 0, 'every corpus model is plain data');
    // Two workers and a main thread that only receives: every file crosses a thread boundary.
    const onlyWorkers = run(['--jobs', '2', '--format', 'json', '.'], CORPUS, { NETCFG_POOL_LOCAL: '0' });
    assert.match(onlyWorkers.stderr, /^netcfg: pool: 2 workers, \d+ chunks, 0 redone in-process, 0 not plain, 0 on the main thread$/m);
    assert.ok(onlyWorkers.stdout === two.stdout, 'the same report when no file is lowered on the main thread');
  });

  test('test fixtures and examples, JSON, text and SARIF', () => {
    for (const format of ['json', 'text', 'sarif']) {
      const { pool } = same(['--format', format, 'test/cli/fixtures', 'examples'], ROOT);
      assert.equal(pool.redone + pool.notPlain, 0);
      // examples/netcfg.yaml has policies: the files it governs cross whole, the others without their definitions.
      same(['--format', format, 'test/cli/fixtures', 'examples'], ROOT, { NETCFG_POOL_LOCAL: '0' });
    }
    // With a netcfg.yaml (applied by the lowering threads, which hold it too) and non-default settings.
    same(['--format', 'json', '--weak-crypto', 'error', '--dialect', 'cisco-ios', 'test/cli/fixtures/yaml', 'test/cli/fixtures/basic', 'examples/openbsd-meraki'], ROOT);
    same(['--format', 'json', '--weak-crypto', 'error', '--dialect', 'cisco-ios', 'test/cli/fixtures/yaml', 'test/cli/fixtures/basic', 'examples/openbsd-meraki'], ROOT, { NETCFG_POOL_LOCAL: '0' });
  });

  test('strongSwan: lowering diagnostics and keys from ipsec.secrets are the same on a lowering thread', () => {
    // A conn's device findings are computed again on the main thread once its folder's ipsec.secrets is
    // attached, so its model must cross whole (with its lowering diagnostics, here an unknown algorithm).
    const dir = path.join(tmp, 'swan');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'ipsec.conf'),
      ['config setup', '', 'conn hq', '\tleft=198.51.100.1', '\tleftsubnet=10.1.0.0/24', '\tright=203.0.113.2', '\trightsubnet=10.2.0.0/24', '\tauthby=secret', '\tkeyexchange=ikev2', '\tike=aes256-sha256-modp2048!', '\tesp=aes256-frobnicate!', '\tauto=start', ''].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'ipsec.secrets'), '198.51.100.1 203.0.113.2 : PSK "swan-secret-1"\n');
    fs.writeFileSync(
      path.join(dir, 'branch.ios'),
      [
        'hostname branch',
        '!',
        'crypto ikev2 proposal P',
        ' encryption aes-cbc-256',
        ' integrity sha256',
        ' group 14',
        'crypto ikev2 policy P',
        ' proposal P',
        'crypto ikev2 keyring K',
        ' peer hq',
        '  address 198.51.100.1',
        '  pre-shared-key swan-secret-2',
        'crypto ikev2 profile PR',
        ' match identity remote address 198.51.100.1 255.255.255.255',
        ' authentication remote pre-share',
        ' authentication local pre-share',
        ' keyring local K',
        'crypto ipsec transform-set T esp-aes 256 esp-sha256-hmac',
        ' mode tunnel',
        'ip access-list extended VPN',
        ' permit ip 10.2.0.0 0.0.0.255 10.1.0.0 0.0.0.255',
        'crypto map M 10 ipsec-isakmp',
        ' set peer 198.51.100.1',
        ' set transform-set T',
        ' set ikev2-profile PR',
        ' match address VPN',
        'interface GigabitEthernet0/0',
        ' ip address 203.0.113.2 255.255.255.0',
        ' crypto map M',
        'end',
        '',
      ].join('\n'),
    );
    for (const env of [{}, { NETCFG_POOL_LOCAL: '0' }]) {
      const { two } = same(['--format', 'json', '.'], dir, env);
      const codes = JSON.parse(two.stdout).diagnostics.map((d: any) => `${d.file} ${d.code}`);
      assert.ok(codes.includes('ipsec.conf strongswan/unknown-algorithm'), codes.join('\n'));
      assert.ok(codes.includes('ipsec.secrets ipsec/psk-mismatch'), codes.join('\n'));
      assert.ok(!two.stdout.includes('swan-secret'), 'no secret in the report');
    }
  });

  test('config words named like Object.prototype members cross the thread boundary as words', () => {
    const dir = path.join(tmp, 'proto');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'bird.conf'),
      [
        'router id 10.50.0.1;',
        'protocol device {',
        '}',
        'protocol ospf v2 constructor {',
        '\tipv4 { import all; export none; };',
        '\tarea 0 {',
        '\t\tinterface "vlan500" 10.50.0.0/24 {',
        '\t\t\thello 10;',
        '\t\t\tdead 40;',
        '\t\t};',
        '\t};',
        '}',
        'protocol ospf v2 __proto__ {',
        '\tipv4 { import all; };',
        '\tarea 0 {',
        '\t\tinterface "toString" { cost 5; };',
        '\t};',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'core.ios'),
      [
        'hostname constructor',
        '!',
        'interface GigabitEthernet0/0',
        ' ip address 10.50.0.2 255.255.255.0',
        ' ip ospf network constructor',
        ' ip ospf hello-interval 5',
        ' ip ospf 1 area 0',
        '!',
        'interface Tunnel0',
        ' ip address 10.60.0.1 255.255.255.252',
        ' ip ospf network __proto__',
        '!',
        'router ospf 1',
        ' router-id 10.255.0.2',
        '!',
        'crypto isakmp policy 10',
        ' encr constructor',
        ' hash __proto__',
        ' authentication pre-share',
        ' group 14',
        '!',
        'end',
        '',
      ].join('\n'),
    );
    const { two, pool } = same(['--format', 'json', '.'], dir, { NETCFG_POOL_LOCAL: '0' });
    assert.equal(pool.workers, 2);
    assert.equal(pool.notPlain, 0);
    const report = JSON.parse(two.stdout);
    assert.deepEqual(report.files, [
      { path: 'bird.conf', dialect: 'bird', device: '10.50.0.1' },
      { path: 'core.ios', dialect: 'cisco-ios', device: 'constructor' },
    ]);
    assert.deepEqual(
      report.diagnostics.map((d: any) => `${d.file}:${d.line}:${d.column} ${d.code}`),
      [
        // The two ends still pair across threads: the BIRD interface and the IOS one share 10.50.0.0/24.
        'bird.conf:8:10 ospf/timer-mismatch',
        'core.ios:5:18 syntax/invalid-value',
        'core.ios:6:2 ospf/timer-mismatch',
        'core.ios:11:18 syntax/invalid-value',
        'core.ios:17:7 syntax/invalid-value',
        'core.ios:18:7 syntax/invalid-value',
      ],
    );
    assert.ok(!two.stderr.includes('internal'), two.stderr);
  });
});

describe('--jobs: faults', () => {
  test('a parser that throws in a worker gives internal/parser-crash for that file only, as in-process', () => {
    const { two, pool } = same(['--format', 'json', 'examples'], ROOT, { NETCFG_TEST_FAULT: 'parse-throw:hostname hub1' });
    const report = JSON.parse(two.stdout);
    const crashed = report.diagnostics.filter((d: any) => d.code === 'internal/parser-crash');
    assert.deepEqual(crashed.map((d: any) => d.file), ['examples/dmvpn-dual-hub/hub1.ios']);
    assert.equal(pool.redone, 0);
    assert.match(two.stderr, /^netcfg: internal error in a check: injected parser fault$/m);
    assert.ok(report.files.length > 10 && report.diagnostics.some((d: any) => d.file !== 'examples/dmvpn-dual-hub/hub1.ios'), 'the other files are checked');
  });

  test('device checks that throw on a lowering thread: the same internal errors, in the same order, as in-process', () => {
    for (const local of ['1', '0']) {
      const { one, two } = same(['--format', 'json', 'examples'], ROOT, { NETCFG_TEST_FAULT: 'check-throw:hub', NETCFG_POOL_LOCAL: local });
      const lines = one.stderr.split('\n').filter((l) => l.startsWith('netcfg: internal error'));
      // Every device check throws on hub1 and hub2 of examples/dmvpn-dual-hub (and the other hubs): the first three are printed.
      assert.equal(lines.length, 3, one.stderr);
      assert.ok(lines.every((l) => /^netcfg: internal error in a check: injected check fault on hub/.test(l)), one.stderr);
      assert.equal(two.status, one.status);
    }
  });

  test('a worker that dies mid-run: its files are redone in-process, the report is complete and the same', () => {
    const { one, pool } = same(['--format', 'json', 'examples', 'test/cli/fixtures'], ROOT, { NETCFG_TEST_FAULT: 'worker-exit:hostname hub1', NETCFG_POOL_LOCAL: '0' });
    assert.ok(pool.redone >= 1, `files redone in-process: ${pool.redone}`);
    const report = JSON.parse(one.stdout);
    assert.ok(report.files.some((f: any) => f.path === 'examples/dmvpn-dual-hub/hub1.ios' && f.dialect === 'cisco-ios'));
  });

  test('unreadable paths keep their rules with workers: exit 2, one line each, the rest checked', () => {
    const { two } = same(['--format', 'json', 'examples', 'no-such-dir', 'no-such.ios'], ROOT);
    assert.equal(two.status, 2);
    assert.equal(two.stderr.replace(POOL_LINE, ''), "netcfg: cannot read 'no-such-dir': no such file or directory\nnetcfg: cannot read 'no-such.ios': no such file or directory\n");
    assert.ok(JSON.parse(two.stdout).files.length > 10);
  });
});

describe('plain data across threads (host/plain.ts)', () => {
  test('prototype-free tables get their null prototype back after a structured clone', () => {
    const table = dict({ p2p: 'point-to-point' });
    const value = { device: { name: 'r1', networkTypes: table, list: [table], byName: new Map([['x', { t: table }]]) } };
    const nullProtos: object[] = [];
    assert.equal(collectPlain(value, nullProtos), true);
    // A shared table is reached (and listed) once per path: no visited set is kept for a tree-shaped model.
    assert.equal(nullProtos.length, 3);
    assert.deepEqual(new Set(nullProtos), new Set([table]));
    const cloned = structuredClone({ value, nullProtos });
    // Without the restore, a config word `constructor` finds Object.prototype's function in the table.
    assert.equal(typeof (cloned.value.device.networkTypes as Record<string, unknown>).constructor, 'function');
    restorePlain(cloned.nullProtos);
    const t = cloned.value.device.networkTypes as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(t), null);
    assert.equal(t.constructor, undefined);
    assert.equal('__proto__' in t, false);
    assert.equal(t.p2p, 'point-to-point');
    assert.equal(cloned.value.device.list[0], t, 'shared references stay shared');
    assert.equal(cloned.value.device.byName.get('x')!.t, t);
  });

  test('values that structured clone would change are refused', () => {
    class Box {
      constructor(readonly v: number) {}
    }
    const hidden = {};
    Object.defineProperty(hidden, 'secret', { value: 1, enumerable: false });
    for (const bad of [{ set: () => [] }, { box: new Box(1) }, [Symbol('s')], { [Symbol('k')]: 1 }, hidden, new Map([['f', () => 1]])]) {
      assert.equal(collectPlain({ nested: [bad] }, []), false);
    }
    assert.equal(collectPlain({ a: [1, 'x', null, undefined, -0, NaN, 10n], s: new Set([1]) }, []), true);
  });

  test('a cycle, or sharing that multiplies the paths, ends the fast walk: the walk with a visited set answers', () => {
    const table = dict({ a: '1' });
    const loop: Record<string, unknown> = { table };
    loop.self = { back: loop };
    const nullProtos: object[] = [];
    assert.equal(collectPlain({ loop }, nullProtos), true);
    assert.deepEqual(nullProtos, [table], 'listed once, by the walk with a visited set');
    const cloned = structuredClone({ loop, nullProtos });
    restorePlain(cloned.nullProtos);
    assert.equal(Object.getPrototypeOf(cloned.loop.table), null);
    assert.equal((cloned.loop.self as { back: unknown }).back, cloned.loop);
    // 2^30 paths to one leaf through 30 levels of shared pairs: refused nothing, done in a bounded walk.
    let node: unknown = { leaf: dict({ x: 'y' }), f: 1 };
    for (let i = 0; i < 30; i++) node = [node, node];
    assert.equal(collectPlain(node, []), true);
    let bad: unknown = { f: () => 1 };
    for (let i = 0; i < 30; i++) bad = [bad, bad];
    assert.equal(collectPlain(bad, []), false);
  });

  test('dropSetters: every Setter dropped, on a cyclic model too (the walk with a visited set)', () => {
    const itf: Record<string, unknown> = { name: 'Tunnel0', setMtu: () => [], range: { start: 0, end: 1 } };
    const device: Record<string, unknown> = { interfaces: [itf], addName: () => [] };
    itf.device = device;
    dropSetters(device);
    assert.deepEqual(Object.keys(device), ['interfaces']);
    assert.deepEqual(Object.keys(itf), ['name', 'range', 'device']);
    let node: unknown = { setX: () => [], keep: 1 };
    const leaf = node as Record<string, unknown>;
    for (let i = 0; i < 30; i++) node = [node, node];
    dropSetters(node);
    assert.deepEqual(leaf, { keep: 1 });
  });
});

describe('LanguageService.setLowered', () => {
  // The two ends of test/cli/fixtures/pair: one tunnel whose pre-shared keys differ.
  const R1 = 'file:///ws/a.ipsec.conf';
  const R2 = 'file:///ws/b.ipsec.conf';
  const r1 = fs.readFileSync(path.join(__dirname, 'fixtures/pair/a.ipsec.conf'), 'utf8');
  const r2 = fs.readFileSync(path.join(__dirname, 'fixtures/pair/b.ipsec.conf'), 'utf8');
  /** The lowering a worker posts: a batch service's own, through a structured clone. */
  const lowerElsewhere = (uri: string, text: string) => {
    const w = createLanguageService({ batch: true });
    return structuredClone(w.precompute(uri, text)!);
  };
  const codes = (svc: ReturnType<typeof createLanguageService>, uri: string) => svc.getFindings(uri).map((f) => `${f.code}@${f.range.start}`);

  test('a precomputed lowering gives the findings setDocument gives, across files', () => {
    const ref = createLanguageService({ batch: true });
    ref.setDocument(R1, r1, 1);
    ref.setDocument(R2, r2, 1);
    const svc = createLanguageService({ batch: true });
    const pre1 = lowerElsewhere(R1, r1);
    svc.setLowered(R1, r1, 1, pre1);
    svc.setLowered(R2, r2, 1, lowerElsewhere(R2, r2));
    assert.equal(svc.getDevice(R1), pre1.lowered.device, 'used as given, not lowered again');
    assert.deepEqual(codes(ref, R1), ['ipsec/psk-mismatch@220']);
    assert.deepEqual(codes(svc, R1), codes(ref, R1));
    assert.deepEqual(codes(svc, R2), codes(ref, R2));
    assert.deepEqual(svc.partners(R1), [R2]);
  });

  test('precompute: the device findings travel with a model cut to what the cross-file checks read', () => {
    const dir = path.join(ROOT, 'examples/dmvpn-dual-hub');
    // spoke1 gets a prefix list nothing uses (ref/unused, a device check), spoke2 a tunnel key its hubs do not have (a pair check).
    const unused = (f: string, t: string) => (f === 'spoke1.ios' ? t.replace(/\nend\s*$/, '\nip prefix-list NEVER-USED seq 5 permit 10.99.0.0/16\nend\n') : f === 'spoke2.ios' ? t.replace(/ tunnel key 1\n/g, ' tunnel key 7\n') : t);
    const texts = fs.readdirSync(dir).filter((f) => f.endsWith('.ios')).map((f) => [`file:///ws/${f}`, unused(f, fs.readFileSync(path.join(dir, f), 'utf8'))] as const);
    const ref = createLanguageService({ batch: true });
    const lowerer = createLanguageService({ batch: true });
    const svc = createLanguageService({ batch: true });
    for (const [uri, text] of texts) {
      ref.setDocument(uri, text, 1);
      const pre = structuredClone(lowerer.precompute(uri, text)!);
      assert.deepEqual(pre.lowered.device.references, [], 'references serve the device checks only');
      assert.ok(pre.lowered.device.definitions.every((d) => d.kind === 'ipsec-profile'), 'only the IPsec profiles the DMVPN pair check names');
      assert.deepEqual(pre.lowered.diagnostics, []);
      svc.setLowered(uri, text, 1, pre);
    }
    assert.ok(texts.length >= 4);
    const all = (s: ReturnType<typeof createLanguageService>) => texts.map(([uri]) => s.getFindings(uri).map((f) => `${f.code}@${f.range.start} ${f.message}`));
    const expected = all(ref);
    assert.ok(expected.flat().some((f) => f.startsWith('ref/')), 'device checks report something here');
    assert.ok(expected.flat().some((f) => /^(ipsec|ospf|dmvpn)\//.test(f)), 'pair checks report something here');
    assert.deepEqual(all(svc), expected);
    assert.equal(lowerer.uris().length, 0, 'precompute keeps no document');
  });

  test('precompute: a file under netcfg.yaml policies keeps its whole model', () => {
    const yaml = 'policies:\n  - id: corp/dh-group-14\n    message: IKE phase 1 must use DH group 14\n    severity: warning\n    target: ipsecPeers.phase1\n    forbid: self.dh.exists(g, g in ["modp768", "modp1024"])\n';
    const lowerer = createLanguageService({ batch: true });
    lowerer.setDocument('file:///ws/netcfg.yaml', yaml, 1);
    const text = fs.readFileSync(path.join(ROOT, 'examples/dmvpn-dual-hub/hub1.ios'), 'utf8');
    const pre = lowerer.precompute('file:///ws/hub1.ios', text)!;
    assert.ok(pre.lowered.device.references.length > 0);
    assert.ok(pre.lowered.device.definitions.some((d) => d.kind !== 'ipsec-profile'));
    const outside = lowerer.precompute('file:///elsewhere/hub1.ios', text)!;
    assert.deepEqual(outside.lowered.device.references, []);
  });

  test('ignored when the service resolves another dialect, or outside batch mode', () => {
    const svc = createLanguageService({ batch: true });
    const wrong = { ...lowerElsewhere(R1, r1), dialect: 'cisco-ios' as const };
    svc.setLowered(R1, r1, 1, wrong);
    assert.notEqual(svc.getDevice(R1), wrong.lowered.device);
    assert.equal(svc.getDocument(R1)!.dialect, 'openbsd-ipsec');
    assert.ok(svc.getDevice(R1));
    const editor = createLanguageService();
    const pre = lowerElsewhere(R1, r1);
    editor.setLowered(R1, r1, 1, pre);
    assert.notEqual(editor.getDevice(R1), pre.lowered.device, 'the editor keeps its own lowering (with quick-fix Setters)');
  });
});

describe('LanguageService.setIndexed (the language server indexing on workers)', () => {
  const R1 = 'file:///ws/a.ipsec.conf';
  const R2 = 'file:///ws/b.ipsec.conf';
  const r1 = fs.readFileSync(path.join(__dirname, 'fixtures/pair/a.ipsec.conf'), 'utf8');
  const r2 = fs.readFileSync(path.join(__dirname, 'fixtures/pair/b.ipsec.conf'), 'utf8');
  /** What an indexing worker posts: the whole model of a batch service's `precompute`, through a structured clone. */
  const indexedElsewhere = (uri: string, text: string) => structuredClone(createLanguageService({ batch: true }).precompute(uri, text, { whole: true })!);
  const shown = (svc: ReturnType<typeof createLanguageService>, uri: string) => svc.getFindings(uri).map((f) => ({ code: f.code, range: f.range, message: f.message, fixes: f.fixes }));

  test('two closed files: the findings of setDocument without fixes, from the models as posted', () => {
    const ref = createLanguageService();
    ref.setDocument(R1, r1, 1);
    ref.setDocument(R2, r2, 2);
    const svc = createLanguageService();
    const pre1 = indexedElsewhere(R1, r1);
    assert.ok(pre1.lowered.device.references.length > 0 || pre1.lowered.device.definitions.length > 0 || pre1.lowered.device.ipsecPeers.length > 0);
    svc.setIndexed(R1, r1, 1, pre1);
    svc.setIndexed(R2, r2, 2, indexedElsewhere(R2, r2));
    assert.equal(svc.getDevice(R1), pre1.lowered.device, 'not lowered again');
    for (const uri of [R1, R2]) {
      assert.deepEqual(shown(svc, uri), shown(ref, uri).map((f) => ({ ...f, fixes: [] })));
    }
    assert.ok(shown(ref, R1).some((f) => f.code === 'ipsec/psk-mismatch' && f.fixes.length === 2), 'fix either end, in the editor');
  });

  test('an open file paired with an indexed one: the fix on the indexed end is offered (its Setters made again)', () => {
    const ref = createLanguageService();
    ref.setDocument(R1, r1, 1);
    ref.setDocument(R2, r2, 2);
    const svc = createLanguageService();
    const pre2 = indexedElsewhere(R2, r2);
    svc.setIndexed(R2, r2, 2, pre2);
    svc.setDocument(R1, r1, 3);
    const fixes = svc.getFindings(R1).find((f) => f.code === 'ipsec/psk-mismatch')!.fixes;
    assert.deepEqual(fixes, ref.getFindings(R1).find((f) => f.code === 'ipsec/psk-mismatch')!.fixes);
    assert.ok(fixes.some((x) => x.edits.some((e) => e.uri === R2)), 'an edit of the closed file');
    assert.notEqual(svc.getDevice(R2), pre2.lowered.device, 'lowered again, with Setters');
    // Its own findings are the editor's (the pair's come with their fixes now, its device findings as posted).
    const bare = (list: ReturnType<typeof shown>) => list.map(({ fixes: _fixes, ...f }) => f);
    assert.deepEqual(bare(shown(svc, R2)), bare(shown(ref, R2)));
  });

  test(`at most MAX_HYDRATED (${MAX_HYDRATED}) indexed files keep a tree made again; the oldest goes back to its posted model`, () => {
    const svc = createLanguageService();
    const uris = Array.from({ length: MAX_HYDRATED + 1 }, (_, i) => `file:///ws/site${i}/b.ipsec.conf`);
    const posted = uris.map((u) => indexedElsewhere(u, r2));
    uris.forEach((u, i) => svc.setIndexed(u, r2, i + 1, posted[i]));
    for (const u of uris.slice(0, MAX_HYDRATED)) assert.ok(svc.getParse(u));
    assert.ok(svc.getDocument(uris[0])!.parsed, 'the first still parsed');
    assert.ok(svc.getParse(uris[MAX_HYDRATED]));
    assert.equal(svc.getDocument(uris[0])!.parsed, undefined, 'the oldest dropped its tree');
    assert.ok(svc.getDocument(uris[1])!.parsed);
    assert.equal(svc.getDevice(uris[0]), posted[0].lowered.device);
    // Asked again, it is parsed again.
    assert.ok(svc.getParse(uris[0])?.parsed.tree);
  });

  test(`an open file with more than MAX_HYDRATED closed partners: their Setters are made once, not again at each edit`, () => {
    const svc = createLanguageService();
    // A hub with MAX_HYDRATED + 2 closed sites, each with another key.
    const n = MAX_HYDRATED + 2;
    const crypto = 'main auth hmac-sha2-256 enc aes-256 group modp2048 quick auth hmac-sha2-256 enc aes-256 group modp2048';
    const site = (i: number) => `ike esp from 10.${100 + i}.0.0/16 to 10.1.0.0/16 local 198.51.100.${i + 1} peer 192.0.2.1 ${crypto} psk "site-key-${i}"\n`;
    const hub = Array.from({ length: n }, (_, i) => `ike esp from 10.1.0.0/16 to 10.${100 + i}.0.0/16 local 192.0.2.1 peer 198.51.100.${i + 1} ${crypto} psk "hub-key-${i}x"\n`).join('');
    const uris = Array.from({ length: n }, (_, i) => `file:///ws/b${i}.ipsec.conf`);
    uris.forEach((u, i) => svc.setIndexed(u, site(i), i + 1, indexedElsewhere(u, site(i))));
    svc.setDocument(R1, hub, 1);
    const first = svc.getFindings(R1).filter((f) => f.code === 'ipsec/psk-mismatch');
    assert.equal(first.length, uris.length, 'one mismatch per closed partner');
    assert.ok(first.every((f) => f.fixes.some((x) => x.edits.some((e) => e.uri !== R1))), 'each with a fix on its closed end');
    const devices = uris.map((u) => svc.getDevice(u));
    // The user types in the open file: every pair is checked again, against the same models of the closed ends.
    svc.setDocument(R1, `${hub}\n`, 2);
    assert.equal(svc.getFindings(R1).filter((f) => f.code === 'ipsec/psk-mismatch').length, uris.length);
    uris.forEach((u, i) => assert.equal(svc.getDevice(u), devices[i], `${u} not lowered again`));
  });

  test('a settings change lowers indexed files again in-process', () => {
    const svc = createLanguageService();
    const pre = indexedElsewhere(R1, r1);
    svc.setIndexed(R1, r1, 1, pre);
    svc.updateSettings({ reportUnknownCommands: true });
    assert.notEqual(svc.getDevice(R1), pre.lowered.device);
    assert.ok(svc.getDevice(R1));
  });
});
