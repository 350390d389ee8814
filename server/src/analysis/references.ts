// `ref/undefined` and `ref/unused`, written once for every dialect from the definitions and references
// that lowering records.

import * as model from '../model';
import type { DeviceCheck } from './types';

export const referenceCheck: DeviceCheck = {
  name: 'references',
  check(device) {
    const res: model.Finding[] = [];
    // By kind, then name: no `kind\0name` string made and hashed per definition and per reference (a fleet router
    // defines ~130 interfaces; this check was ~2% of a 1M-line check). A group (the definitions of one kind and
    // name) is a number: its first definition in `firsts` (the order the findings follow), whether a reference hit
    // it in `used`, and its other definitions (rare) in `more`; an object and an array per definition were ~5% of
    // the bytes a 1M-line check allocates (docs/performance.md, branch fleet-after).
    const byKind = new Map<string, Map<string, number>>();
    const defs = device.definitions;
    const firsts: model.Definition[] = [];
    const used = new Uint8Array(defs.length);
    let more: Map<number, model.Definition[]> | undefined;
    for (const d of defs) {
      let names = byKind.get(d.kind);
      if (!names) byKind.set(d.kind, (names = new Map()));
      const group = names.get(d.name);
      if (group === undefined) {
        names.set(d.name, firsts.length);
        firsts.push(d);
      } else {
        more ??= new Map();
        const list = more.get(group);
        if (list) list.push(d);
        else more.set(group, [d]);
      }
    }
    for (const r of device.references) {
      let hit = byKind.get(r.kind)?.get(r.name);
      if (hit === undefined && r.alsoKinds) {
        for (const k of r.alsoKinds) {
          hit = byKind.get(k)?.get(r.name);
          if (hit !== undefined) break;
        }
      }
      if (hit !== undefined) {
        used[hit] = 1;
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
    for (let g = 0; g < firsts.length; g++) {
      if (used[g]) continue;
      unused(firsts[g], device.uri, res);
      const others = more?.get(g);
      if (others) for (const d of others) unused(d, device.uri, res);
    }
    return res;
  },
};

/** `ref/unused` for a definition no reference hit, unless it is built in or used implicitly. */
function unused(d: model.Definition, uri: string, res: model.Finding[]): void {
  if (d.builtin || d.implicitlyUsed) return;
  res.push({
    uri,
    range: d.range,
    severity: 'hint',
    code: 'ref/unused',
    message: `${d.kind} '${d.name}' is defined but never used`,
    related: [],
    fixes: [],
    tags: ['unnecessary'],
  });
}
