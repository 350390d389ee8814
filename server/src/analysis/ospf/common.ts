// Shared plumbing of the OSPF, DMVPN and L2TP checks: findings mirrored on both ends with related information,
// all-or-nothing quick fixes built from the Setters lowering attached, value descriptions with default sources.
// Imports only model/ (analysis layering).

import * as model from '../../model';
import type { Severity, TextRange } from '../../syntax';

/** One end of a cross-file finding. */
export interface End {
  device: model.Device;
  /** Where the finding is shown on this end. */
  range: TextRange;
  /** The message shown on this end. */
  message: string;
  /** Shown as related information on the OTHER end, pointing here. */
  relatedMessage: string;
  /** Edits that make this end match the other end; undefined when no (correct) fix can be rendered. */
  edits?: model.Edit[];
}

/** Range of a value when written, else the fallback (the enabling statement, the interface name …). */
export function at(v: { range?: TextRange } | undefined, fallback: TextRange): TextRange {
  return v?.range ?? fallback;
}

/** `30 (IOS default for non-broadcast)` / `10`: the value and, when implicit, where its default comes from. */
export function describe<T>(v: model.Value<T> | undefined, render: (x: T) => string = String): string {
  if (!v) return 'unknown';
  const text = render(v.value);
  return v.range || !v.default ? text : `${text} (${v.default})`;
}

/**
 * Runs several Setters as one fix: every step must render, else there is no fix at all (a partial fix would
 * leave the ends mismatched, which is worse than no fix). Steps with `undefined` setters fail the fix.
 */
export function allEdits(steps: (() => model.Edit[] | undefined)[]): model.Edit[] | undefined {
  const res: model.Edit[] = [];
  for (const step of steps) {
    const edits = step();
    if (!edits || edits.length === 0) return undefined;
    for (const e of edits) res.push(e);
  }
  return res.length ? res : undefined;
}

/** Calls a setter, or returns undefined when there is none. Never throws (a faulty setter just means no fix). */
export function run<T>(setter: model.Setter<T> | undefined, value: T): model.Edit[] | undefined {
  if (!setter) return undefined;
  try {
    return setter(value);
  } catch {
    return undefined;
  }
}

/** The two findings of a mismatch between two ends, each pointing at the other, each offering both fixes. */
export function mirrored(code: string, severity: Severity, a: End, b: End): model.Finding[] {
  return [one(code, severity, a, b), one(code, severity, b, a)];
}

/** The finding on end `self` of a mismatch with `other`. */
export function one(code: string, severity: Severity, self: End, other: End): model.Finding {
  const fixes: model.FixIntent[] = [];
  if (self.edits) fixes.push({ title: `Make this side match ${other.device.name}`, edits: self.edits, isPreferred: true });
  if (other.edits) fixes.push({ title: `Make ${other.device.name} match this side`, edits: other.edits });
  return {
    uri: self.device.uri,
    range: self.range,
    severity,
    code,
    message: self.message,
    related: [{ uri: other.device.uri, range: other.range, message: other.relatedMessage }],
    fixes,
  };
}

/** Canonical address text, or the input when it is not an address (names, `dynamic`). */
export function canon(address: string): string {
  return model.canonicalAddress(address) ?? address;
}

/** Caches one derived structure per device object (devices are immutable once lowered). */
export function perDevice<T>(build: (d: model.Device) => T): (d: model.Device) => T {
  const cache = new WeakMap<model.Device, T>();
  return (d) => {
    let v = cache.get(d);
    if (v === undefined) {
      v = build(d);
      cache.set(d, v);
    }
    return v;
  };
}

/** Interfaces of a device by name. */
export const interfacesByName = perDevice((d) => new Map(d.interfaces.map((i) => [i.name, i] as const)));

/** Interfaces of a device by name and by ASA `nameif` (a name wins over a nameif). */
const interfacesByAnyName = perDevice((d) => {
  const m = new Map<string, model.Interface>();
  for (const i of d.interfaces) if (i.nameif !== undefined && !m.has(i.nameif)) m.set(i.nameif, i);
  for (const i of d.interfaces) m.set(i.name, i);
  return m;
});

/** The interface called `name` (its name or ASA nameif), if the device defines it. */
export function interfaceNamed(device: model.Device, name: string | undefined): model.Interface | undefined {
  return name === undefined ? undefined : interfacesByAnyName(device).get(name);
}

/** Whether `itf` is shut by configuration, itself or through its parent (Cisco `Gi0/0` of `Gi0/0.10`). */
function shut(device: model.Device, itf: model.Interface): boolean {
  if (itf.shutdown) return true;
  if (device.dialect !== 'cisco-ios' && device.dialect !== 'cisco-asa') return false;
  const dot = itf.name.lastIndexOf('.');
  return dot > 0 && (interfaceNamed(device, itf.name.slice(0, dot))?.shutdown ?? false);
}

/**
 * Whether an interface is down by configuration, so it takes part in no cross-device check: shut itself (or its
 * parent), or a tunnel whose `tunnel source` interface is shut. Unknown interfaces are not down.
 */
export function interfaceDown(device: model.Device, itf: model.Interface | undefined): boolean {
  if (!itf) return false;
  if (shut(device, itf)) return true;
  const src = interfaceNamed(device, itf.tunnel?.sourceInterface);
  return src !== undefined && src !== itf && shut(device, src);
}

/** Addresses a device owns, canonical. */
export const ownedSet = perDevice((d) => new Set(model.ownedAddresses(d).map(canon)));
