// Immutable model values shared between the objects of many lowerings: a default that thousands of peers carry
// (`ipsecctl default: main mode`, `[aes-cbc-any]`) is allocated once per distinct value instead of once per peer.
// Shared objects are frozen, so a consumer that tried to write into one would fail loudly instead of changing
// every peer at once; they carry no Setter (a Setter belongs to one place in one document).

import type { TextRange } from '../syntax';
import type { Value } from './index';

const values = new Map<string, Value<unknown>>();
const lists = new Map<string, readonly string[]>();

/** Upper bound of distinct shared values: defaults are few; past it, new values are fresh (still frozen). */
const MAX_SHARED = 4096;

/**
 * A frozen `{ value, default }` (or `{ value, range }` when `range` is given), the same object for the same
 * arguments. `value` must be a primitive or a list of strings (lists are shared and frozen too).
 */
export function sharedDefault<T>(value: T, note: string): Value<T> {
  const key = `${Array.isArray(value) ? `l:${(value as readonly string[]).join('\u0001')}` : `${typeof value}:${String(value)}`}\u0000${note}`;
  let v = values.get(key);
  if (!v) {
    v = Object.freeze({ value: Array.isArray(value) ? sharedList(value as readonly string[]) : value, default: note });
    if (values.size < MAX_SHARED) values.set(key, v);
  }
  return v as Value<T>;
}

/** A frozen list of strings, the same array for the same items (`['aes-256']` once per distinct algorithm). */
export function sharedList(items: readonly string[]): string[] {
  const key = items.join('\u0001');
  let l = lists.get(key);
  if (!l) {
    l = Object.freeze([...items]);
    if (lists.size < MAX_SHARED) lists.set(key, l);
  }
  return l as string[];
}

/** `{ value, range }` whose value list is shared (`xfValue` of a written transform): one object, one range. */
export function listValue(items: readonly string[], range: TextRange): Value<string[]> {
  return { value: sharedList(items), range };
}
