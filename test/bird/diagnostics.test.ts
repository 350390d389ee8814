// Exact codes and ranges of every BIRD diagnostic, on crafted snippets (test/bird/snippets.ts) and the seed 003 configs.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, checkDiagnostics, loadFixture } from '../helpers/fixture';
import { SEED_V4, SEED_V6_STUB, SEED_V6_STUBNET, SNIPPETS } from './snippets';

describe('bird diagnostics', () => {
  for (const s of SNIPPETS) {
    it(s.name, () => {
      checkDiagnostics(s.fixture, { codes: s.codes });
    });
  }
});

describe('bird seed 003 (blogger wrote BIRD 1.x configs)', () => {
  it('bird.conf gets one bird1-syntax hint and the short-hello warning, no errors', () => {
    const { service } = loadFixture(`//- bird.conf\n${SEED_V4}`);
    const findings = service.getFindings('file:///fixture/bird.conf');
    const summary = findings.map((f) => `${f.severity} ${f.code}`).sort();
    assert.deepEqual(summary, ['hint bird/bird1-syntax', 'warning bird/short-hello-crypto']);
    const hint = findings.find((f) => f.code === 'bird/bird1-syntax')!;
    assert.match(hint.message, /channel/);
  });

  it('bird6.conf gets exactly one bird1-syntax hint, is read as OSPFv3 and flags the stub loopback', () => {
    const { service, files } = loadFixture(`//- bird6.conf\n${SEED_V6_STUB}`);
    const findings = service.getFindings(files[0].uri);
    const summary = findings.map((f) => `${f.severity} ${f.code}`).sort();
    assert.deepEqual(summary, ['hint bird/bird1-syntax', 'warning bird/ospfv3-stub-loopback']);
    const loop = findings.find((f) => f.code === 'bird/ospfv3-stub-loopback')!;
    assert.equal(files[0].text.slice(loop.range.start, loop.range.end), '"lo1"');
    assert.equal(loop.fixes.length, 0, 'no prefix known: diagnostic only');
    assert.match(findings.find((f) => f.code === 'bird/bird1-syntax')!.message, /OSPFv3/);
    assert.equal(service.getDevice(files[0].uri)!.ospf[0].version, 3);
  });

  it('the final bird6.conf with stubnet checks clean apart from the 1.x hint', () => {
    const { service, files } = loadFixture(`//- bird6.conf\n${SEED_V6_STUBNET}`);
    assert.deepEqual(service.getFindings(files[0].uri).map((f) => f.code), ['bird/bird1-syntax']);
  });

  it('the verbatim blog excerpt (closing braces lost) reports the unclosed blocks once and the error BIRD reports, no cascade', () => {
    const verbatim = SEED_V4.replace(/};\n(?=interface "lo1")/, '').replace(/};\n}\n$/, '');
    const { service, files } = loadFixture(`//- bird.conf\n${verbatim}`);
    const errors = service.getFindings(files[0].uri).filter((f) => f.severity === 'error');
    const lineOf = (o: number) => files[0].text.slice(0, o).split('\n').length;
    // Three `{` never closed (one error on the outermost, as BIRD has one "unexpected END"), and — where `bird -p` stops
    // too ("unexpected INTERFACE"; line 12 here because the fixture starts with an empty line) — the nested interface.
    assert.deepEqual(
      errors.map((f) => `${lineOf(f.range.start)} ${f.code}`),
      ['2 syntax/unclosed-block', '12 syntax/unknown-keyword'],
    );
    assert.equal(errors[0].message, 'This `{` and 2 more after it are never closed: 3 `}` are missing before the end of the file (the innermost open `{` is on line 6)');
  });

  it('BIRD 1.x kernel and table syntax: one hint, no BIRD 2 errors', () => {
    const { service, files } = loadFixture(`
      //- old.conf
      router id 192.0.2.1;
      table t2;
      protocol kernel {
        export all;
        scan time 20;
      }
      protocol static {
        table t2;
        route 10.0.0.0/8 via 192.0.2.254;
      }
    `, { dialect: 'bird' });
    const summary = service.getFindings(files[0].uri).map((f) => `${f.severity} ${f.code}`);
    assert.deepEqual(summary, ['hint bird/bird1-syntax']);
  });
});

describe('bird stub loopback quick fix', () => {
  it('replaces the stub loopback interface with a stubnet line when the prefix is written', () => {
    const { service, files } = loadFixture(`
      //- r.bird
      protocol ospf v3 {
        area 0 {
          interface "eth0";
          interface "lo1" 2001:db8::1/128 { stub; };
        };
      }
    `);
    const f = service.getFindings(files[0].uri).find((x) => x.code === 'bird/ospfv3-stub-loopback')!;
    assert.ok(f, 'finding present');
    assert.equal(f.fixes.length, 1);
    const texts = applyFix(service, f.fixes[0]);
    const fixed = texts.get(files[0].uri)!;
    assert.match(fixed, /\n {4}stubnet 2001:db8::1\/128;\n {2}\};/);
    assert.doesNotMatch(fixed, /lo1/);
    assert.deepEqual(service.getFindings(files[0].uri).filter((x) => x.severity !== 'hint').map((x) => x.code), []);
  });

  it('drops only the loopback from a pattern list', () => {
    const { service, files } = loadFixture(`
      //- r.bird
      protocol ospf v3 {
        area 0 {
          interface "lo1" 2001:db8::1/128, "vlan1001" { stub; };
        };
      }
    `);
    const f = service.getFindings(files[0].uri).find((x) => x.code === 'bird/ospfv3-stub-loopback')!;
    const fixed = applyFix(service, f.fixes[0]).get(files[0].uri)!;
    assert.match(fixed, /stubnet 2001:db8::1\/128;\n {4}interface "vlan1001" \{ stub; \};/);
  });
});
