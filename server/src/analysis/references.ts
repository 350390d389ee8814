// `ref/undefined` and `ref/unused`, written once for every dialect from the definitions and references
// that lowering records.

import * as model from '../model';
import type { DeviceCheck } from './types';

export const referenceCheck: DeviceCheck = {
  name: 'references',
  check(device) {
    const res: model.Finding[] = [];
    const defined = new Map<string, model.Definition[]>();
    for (const d of device.definitions) {
      const key = `${d.kind}\u0000${d.name}`;
      const list = defined.get(key);
      if (list) list.push(d);
      else defined.set(key, [d]);
    }
    const used = new Set<string>();
    for (const r of device.references) {
      const kinds = [r.kind, ...(r.alsoKinds ?? [])];
      const hit = kinds.find((k) => defined.has(`${k}\u0000${r.name}`));
      if (hit) {
        used.add(`${hit}\u0000${r.name}`);
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
    for (const [key, defs] of defined) {
      if (used.has(key)) continue;
      for (const d of defs) {
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
