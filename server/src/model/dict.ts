// Lookup tables keyed by user words. A plain object literal answers `constructor`, `__proto__`, `toString`, … from
// Object.prototype, so a config word such as `ip ospf network constructor` found a function where a table value
// was expected (issue 15). Tables built with `dict` have no prototype: those names are simply absent keys.

/** A copy of `entries` without a prototype: `in`, `[]` and `??` see only the table's own keys. */
export function dict<T>(entries: { readonly [key: string]: T }): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** `table[key]` for a table that may have a prototype (an inline literal): own keys only. */
export function lookup<T>(table: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** A table of tables, both levels without a prototype (e.g. parameter kinds per menu). */
export function nestedDict<T>(entries: { readonly [key: string]: { readonly [key: string]: T } }): Record<string, Record<string, T>> {
  const res = Object.create(null) as Record<string, Record<string, T>>;
  for (const key of Object.keys(entries)) res[key] = dict(entries[key]);
  return res;
}
