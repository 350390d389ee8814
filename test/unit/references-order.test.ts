// `ref/unused` and `ref/undefined` (analysis/references.ts) on a model built by hand: the findings follow the order of
// each name's first definition, a name defined twice reports both definitions together, a reference of another kind
// (or of one of its `alsoKinds`) uses only what it names, and built-in or implicitly used definitions are never unused.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { referenceCheck } from '../../server/src/analysis/references';
import type * as model from '../../server/src/model';
import { createLanguageService } from '../../server/src/service';

function device(definitions: Partial<model.Definition>[], references: Partial<model.Reference>[]): model.Device {
  const s = createLanguageService();
  s.setDocument('file:///w/r.ios', 'hostname r\n', 1);
  const base = s.getDevice('file:///w/r.ios')!;
  let at = 100;
  const range = () => ({ start: at, end: (at += 10) });
  return {
    ...base,
    definitions: definitions.map((d) => ({ kind: 'acl', name: 'X', range: range(), ...d }) as model.Definition),
    references: references.map((r) => ({ kind: 'acl', name: 'X', range: range(), ...r }) as model.Reference),
  };
}

test('references: unused definitions in first-definition order, a name defined twice reported at both, builtins skipped', () => {
  const d = device(
    [
      { kind: 'route-map', name: 'B' }, // 100
      { kind: 'acl', name: 'A' }, // 110
      { kind: 'route-map', name: 'A' }, // 120: same name, another kind
      { kind: 'acl', name: 'USED' }, // 130
      { kind: 'route-map', name: 'B' }, // 140: B again, reported right after the first B
      { kind: 'acl', name: 'BUILTIN', builtin: true }, // 150
      { kind: 'acl', name: 'IMPLICIT', implicitlyUsed: true }, // 160
      { kind: 'prefix-list', name: 'ALSO' }, // 170
    ],
    [
      { kind: 'acl', name: 'USED' }, // 180
      { kind: 'acl', name: 'MISSING' }, // 190
      { kind: 'acl', name: 'ALSO', alsoKinds: ['prefix-list'] }, // 200
      { kind: 'acl', name: 'GONE', tolerated: 'may be defined by the platform' }, // 210
    ],
  );
  const res = referenceCheck.check(d, { settings: {} as never });
  assert.deepEqual(
    res.map((f) => [f.code, f.range.start, f.severity, f.message]),
    [
      ['ref/undefined', 190, 'error', "acl 'MISSING' is not defined in this configuration"],
      ['ref/undefined', 210, 'warning', "acl 'GONE' is not defined in this configuration (may be defined by the platform)"],
      ['ref/unused', 100, 'hint', "route-map 'B' is defined but never used"],
      ['ref/unused', 140, 'hint', "route-map 'B' is defined but never used"],
      ['ref/unused', 110, 'hint', "acl 'A' is defined but never used"],
      ['ref/unused', 120, 'hint', "route-map 'A' is defined but never used"],
    ],
  );
});

test('references: a name defined twice and used once reports neither definition; nothing defined, nothing unused', () => {
  const used = device([{ name: 'T' }, { name: 'T' }, { name: 'T' }], [{ name: 'T' }]);
  assert.deepEqual(referenceCheck.check(used, { settings: {} as never }), []);
  const none = device([], [{ name: 'T' }]);
  assert.deepEqual(referenceCheck.check(none, { settings: {} as never }).map((f) => f.code), ['ref/undefined']);
});
