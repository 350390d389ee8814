// `ref/undefined` and `ref/unused`, written once for every dialect from the definitions and references
// that lowering records.

import * as model from '../model';
import type { DeviceCheck } from './types';

/** The definitions of one kind and name, in the order they were first defined, and whether a reference hit them. */
interface Group {
  defs: model.Definition[];
  used: boolean;
}

export const referenceCheck: DeviceCheck = {
  name: 'references',
  check(device) {
    const res: model.Finding[] = [];
    // By kind, then name: no `kind\0name` string made and hashed per definition and per reference (a fleet router
    // defines ~130 interfaces; this check was ~2% of a 1M-line check). `groups` keeps the first-definition order
    // the findings follow.
    const byKind = new Map<string, Map<string, Group>>();
    const groups: Group[] = [];
    for (const d of device.definitions) {
      let names = byKind.get(d.kind);
      if (!names) byKind.set(d.kind, (names = new Map()));
      const group = names.get(d.name);
      if (group) group.defs.push(d);
      else {
        const g = { defs: [d], used: false };
        names.set(d.name, g);
        groups.push(g);
      }
    }
    for (const r of device.references) {
      let hit = byKind.get(r.kind)?.get(r.name);
      if (!hit && r.alsoKinds) {
        for (const k of r.alsoKinds) {
          hit = byKind.get(k)?.get(r.name);
          if (hit) break;
        }
      }
      if (hit) {
        hit.used = true;
        continue;
      }
      res.push({
        uri: device.uri,
        range: r.range,
        severity: r.tolerated ? 'warning' : 'error',
        code: 'ref/undefined',
        message: `${r.kind} '${r.name}' is not defined in this configuration${r.tolerated ? ` (${r.tolerated})` : ''}`,
        related: [],
        fixes: [],
      });
    }
    for (const g of groups) {
      if (g.used) continue;
      for (const d of g.defs) {
        if (d.builtin || d.implicitlyUsed) continue;
        res.push({
          uri: device.uri,
          range: d.range,
          severity: 'hint',
          code: 'ref/unused',
          message: `${d.kind} '${d.name}' is defined but never used`,
          related: [],
          fixes: [],
          tags: ['unnecessary'],
        });
      }
    }
    return res;
  },
};
