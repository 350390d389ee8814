// Plain-data views of a RouterOS parse for the incremental tests (re-parse and re-lowering compare them with a
// full parse's): everything a consumer may read of a statement.
import type { RosStatement } from '../../server/src/dialects/routeros/parser';
import type { Token } from '../../server/src/syntax';

export const tok = (t: Token) => [t.kind, t.start, t.end, t.text];

/** Everything a consumer may read of a statement, as plain data. */
export function statement(s: RosStatement): unknown {
  const base = { kind: s.kind, range: { ...s.range }, tokens: s.tokens.map(tok) };
  switch (s.kind) {
    case 'RosCommand':
      return {
        ...base,
        path: s.path,
        pathRange: s.pathRange && { ...s.pathRange },
        pathAbsolute: s.pathAbsolute,
        verb: s.verb && { name: s.verb.name, range: { ...s.verb.range } },
        find: s.find && JSON.parse(JSON.stringify(s.find)),
        target: s.target && JSON.parse(JSON.stringify(s.target)),
        args: JSON.parse(JSON.stringify(s.args)),
        menu: s.menu?.path,
        children: s.children.length,
        params: s.params.map((p) => ({ kind: p.kind, name: p.name, key: p.key, range: { ...p.range }, nameRange: { ...p.nameRange }, value: p.value, valueRange: p.valueRange && { ...p.valueRange }, quoted: p.quoted, expression: p.expression, spec: p.spec, tokens: p.tokens.map(tok), children: p.children.length })),
      };
    case 'RosMenu':
      return { ...base, path: s.path, children: s.children.length };
    case 'RosComment':
      return { ...base, text: s.text, children: s.children.length };
    default:
      return { ...base, children: s.children.length };
  }
}
