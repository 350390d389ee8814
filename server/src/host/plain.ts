// What crosses between threads. A worker posts a lowered model with `postMessage` (structured clone), which keeps
// arrays, plain objects, Map, Set and shared references within one message, but gives every object without a
// prototype (`model.dict`, `Object.create(null)`) back WITH Object.prototype — so a config word `constructor`
// would find a function again — loses class prototypes and cannot clone functions. `collectPlain` checks that a
// value is made only of what survives, and lists the prototype-free objects; `restorePlain` gives those back their
// null prototype on receipt (the list travels in the same message, so it names the very clones inside the value).
// Iterative walk, linear in the value's size. No IO, no threads: the pool and its worker use it.

/**
 * Walks `root`; pushes every object without a prototype onto `nullProtos`. Returns false when the value holds
 * something structured clone would change (a function, a symbol, a class instance): it must not be posted.
 * A model is a tree but for shared frozen defaults, so the walk keeps no set of visited objects (an object reached
 * twice is listed twice, which `restorePlain` does not mind); past `PLAIN_BUDGET` objects (a cycle, or sharing
 * that multiplies the paths) it starts again with one.
 */
export function collectPlain(root: unknown, nullProtos: object[]): boolean {
  const mark = nullProtos.length;
  const res = walkPlain(root, nullProtos, undefined);
  if (res !== undefined) return res;
  nullProtos.length = mark;
  return walkPlain(root, nullProtos, new Set<object>())!;
}

/** Objects one `collectPlain` walk without a visited set may reach before it starts again with one. */
const PLAIN_BUDGET = 1 << 22;

/** One walk of `collectPlain`; undefined when it gave up (no `seen` and past `PLAIN_BUDGET` objects). */
function walkPlain(root: unknown, nullProtos: object[], seen: Set<object> | undefined): boolean | undefined {
  const stack: object[] = [];
  let budget = PLAIN_BUDGET;
  const visit = (v: unknown): boolean => {
    if (v === null) return true;
    const t = typeof v;
    if (t === 'object') {
      stack.push(v as object);
      return true;
    }
    return t !== 'function' && t !== 'symbol';
  };
  if (!visit(root)) return false;
  while (stack.length) {
    const o = stack.pop()!;
    if (seen) {
      if (seen.has(o)) continue;
      seen.add(o);
    } else if (--budget < 0) return undefined;
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) if (!visit(o[i])) return false;
      continue;
    }
    const proto = Object.getPrototypeOf(o);
    if (proto === Map.prototype) {
      for (const [k, v] of o as Map<unknown, unknown>) if (!visit(k) || !visit(v)) return false;
      continue;
    }
    if (proto === Set.prototype) {
      for (const v of o as Set<unknown>) if (!visit(v)) return false;
      continue;
    }
    if (proto === null) nullProtos.push(o);
    else if (proto !== Object.prototype) return false;
    // Symbol keys and non-enumerable properties would be dropped silently by the clone.
    if (Object.getOwnPropertySymbols(o).length) return false;
    const rec = o as Record<string, unknown>;
    const keys = Object.keys(rec);
    if (Object.getOwnPropertyNames(o).length !== keys.length) return false;
    for (let i = 0; i < keys.length; i++) if (!visit(rec[keys[i]])) return false;
  }
  return true;
}

/** On receipt: the objects `collectPlain` listed get their null prototype back. */
export function restorePlain(nullProtos: readonly object[]): void {
  for (const o of nullProtos) Object.setPrototypeOf(o, null);
}
