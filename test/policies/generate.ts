// Generates, from the model types (server/src/model/index.ts, read with the TypeScript parser), the field table
// the policy engine checks expressions against (server/src/rules/policy-fields.generated.ts) and the reference
// of the fields a policy can read (docs/policies.md, between its GENERATED markers). test/policies/docs.test.ts
// fails when either is stale; `npm run policies:docs` (UPDATE_SNAPSHOTS=1) rewrites both.

import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const ROOT = path.join(__dirname, '../..');
export const FIELDS_FILE = path.join(ROOT, 'server/src/rules/policy-fields.generated.ts');
export const DOC_FILE = path.join(ROOT, 'docs/policies.md');

/** Collections a model rule can target: a Device list, or a list of each item of one. */
const COLLECTIONS: Record<string, string> = {
  devices: 'Device',
  interfaces: 'Interface',
  ipsecPeers: 'IpsecPeer',
  'ipsecPeers.phase1': 'Phase1Proposal',
  'ipsecPeers.phase2': 'Phase2Proposal',
  'ipsecPeers.selectors': 'Selector',
  keys: 'PresharedKey',
  ospf: 'OspfProcess',
  ospfInterfaces: 'OspfInterface',
  l2tp: 'L2tpServer',
  acls: 'Acl',
};

/** Fields never shown to expressions (kept equal to HIDDEN in server/src/rules/policies.ts). */
const HIDDEN = new Set(['plain', 'otherSecrets', 'insertAt', 'uri', 'definitions', 'references', 'addressTable']);

interface Field {
  name: string;
  /** A model type name (`Phase1Proposal`, `Phase1Proposal[]`) or a CEL type description. */
  type: string;
  optional: boolean;
  doc: string;
}

export function generate(): { fields: string; doc: string } {
  const file = path.join(ROOT, 'server/src/model/index.ts');
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  sf.forEachChild((n) => {
    if (ts.isInterfaceDeclaration(n)) interfaces.set(n.name.text, n);
    if (ts.isTypeAliasDeclaration(n)) aliases.set(n.name.text, n);
  });
  const types = new Map<string, Field[]>();
  const queue = [...new Set(Object.values(COLLECTIONS))];

  const docOf = (n: ts.Node): string =>
    ts
      .getJSDocCommentsAndTags(n)
      .map((d) => (typeof d.comment === 'string' ? d.comment : ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();

  /** The type an expression sees for a TypeScript type node. */
  const describe = (t: ts.TypeNode, owner: string, field: string): string | undefined => {
    if (ts.isTypeReferenceNode(t)) {
      const name = t.typeName.getText(sf);
      if (name === 'Setter' || name === 'TextRange') return undefined;
      if (name === 'Value' && t.typeArguments?.[0]) return describe(t.typeArguments[0], owner, field);
      if (name === 'Set' && t.typeArguments?.[0]) {
        const inner = describe(t.typeArguments[0], owner, field);
        return inner && `list<${inner}>`;
      }
      if (name === 'Secret') return 'Secret';
      if (interfaces.has(name)) {
        if (!queue.includes(name)) queue.push(name);
        return name;
      }
      const alias = aliases.get(name);
      if (alias) return describe(alias.type, owner, field);
      return 'string';
    }
    if (ts.isArrayTypeNode(t)) {
      const inner = describe(t.elementType, owner, field);
      return inner && `${inner}[]`;
    }
    if (ts.isTypeLiteralNode(t)) {
      const name = `${owner}.${field}`;
      types.set(name, membersOf(t.members, name));
      return name;
    }
    if (ts.isUnionTypeNode(t)) {
      const parts = t.types.map((x) => describe(x, owner, field)).filter((x): x is string => !!x && x !== 'undefined');
      return [...new Set(parts)].join(' | ');
    }
    if (ts.isLiteralTypeNode(t)) return ts.isNumericLiteral(t.literal) ? t.literal.text : t.literal.getText(sf).replace(/'/g, '"');
    if (ts.isParenthesizedTypeNode(t)) return describe(t.type, owner, field);
    if (t.kind === ts.SyntaxKind.StringKeyword) return 'string';
    if (t.kind === ts.SyntaxKind.NumberKeyword) return 'int';
    if (t.kind === ts.SyntaxKind.BooleanKeyword) return 'bool';
    if (t.kind === ts.SyntaxKind.UndefinedKeyword) return 'undefined';
    return undefined;
  };

  const membersOf = (members: ts.NodeArray<ts.TypeElement>, owner: string): Field[] => {
    const res: Field[] = [];
    for (const m of members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const name = m.name.getText(sf);
      if (HIDDEN.has(name)) continue;
      const type = describe(m.type, owner, name);
      if (!type) continue;
      res.push({ name, type, optional: !!m.questionToken, doc: docOf(m) });
    }
    return res;
  };

  for (let i = 0; i < queue.length; i++) {
    const decl = interfaces.get(queue[i]);
    if (decl && !types.has(queue[i])) types.set(queue[i], membersOf(decl.members, queue[i]));
  }
  // Secrets are reduced to their kind; the device variable has three fields.
  types.set('Secret', [{ name: 'kind', type: '"plain" | "type7" | "type6" | "masked"', optional: false, doc: 'How the secret is stored. Its text is never readable by an expression.' }]);
  types.set('PolicyDevice', [
    { name: 'name', type: 'string', optional: false, doc: 'Hostname, or the file name when none is configured.' },
    { name: 'dialect', type: '"cisco-ios" | "cisco-asa" | "routeros" | "openbsd-ipsec" | "bird" | "strongswan"', optional: false, doc: 'The dialect of the file.' },
    { name: 'platformVersion', type: 'string', optional: false, doc: 'Platform version when the file or netcfg.yaml states it, else empty.' },
  ]);

  const names = [...types.keys()];
  const fieldTable: Record<string, Record<string, string>> = {};
  for (const n of names) {
    fieldTable[n] = {};
    for (const f of types.get(n)!) fieldTable[n][f.name] = f.type;
  }
  const fields = [
    '// GENERATED by test/policies/generate.ts from server/src/model/index.ts: do not edit (npm run policies:docs).',
    '// The fields a policy expression can read, per model type; a field type that names another entry can be followed.',
    '',
    `export const POLICY_COLLECTIONS: Record<string, string> = ${JSON.stringify(COLLECTIONS, null, 2)};`,
    '',
    `export const POLICY_TYPES: Record<string, Record<string, string>> = ${JSON.stringify(fieldTable, null, 2)};`,
    '',
  ].join('\n');

  const cel = (t: string) =>
    t
      .split(' | ')
      .map((x) => (x.endsWith('[]') ? `list of ${link(x.slice(0, -2))}` : link(x)))
      .join(' \\| ');
  const link = (t: string) => (types.has(t) ? `[${t}](#${t.toLowerCase().replace(/[^a-z0-9]/g, '')})` : `\`${t}\``);
  const lines: string[] = ['<!-- GENERATED: the rest of this file is written by test/policies/generate.ts (npm run policies:docs) -->', '', '## Collections', '', '| `target:` | Each item is a | Finding without a field range |', '|---|---|---|'];
  for (const [c, t] of Object.entries(COLLECTIONS)) lines.push(`| \`${c}\` | ${link(t)} | ${c === 'devices' ? 'the hostname line, else the first line' : c.includes('.') ? "the item's, else its parent's range" : "the item's name or range"} |`);
  lines.push('', '## Fields', '', 'Optional fields (marked ?) are absent on devices that do not state them: guard them with `has(self.field)`.', '');
  for (const n of names) {
    lines.push(`### ${n}`, '', '| Field | Type | Meaning |', '|---|---|---|');
    for (const f of types.get(n)!) lines.push(`| \`${f.name}\`${f.optional ? '?' : ''} | ${cel(f.type)} | ${f.doc.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  const head = fs.existsSync(DOC_FILE) ? fs.readFileSync(DOC_FILE, 'utf8').split('<!-- GENERATED')[0] : '# Policies\n\n';
  return { fields, doc: `${head}${lines.join('\n')}` };
}
