// The `rules:` and `ignore:` parts of schemas/netcfg.schema.json, generated from the registry so that editors
// offer completion and hover for every code of netcfg.yaml; test/rules/registry.test.ts keeps the committed schema
// equal to this (UPDATE_SNAPSHOTS=1 rewrites it). Pure data.

import { docsUrl } from '../protocol';
import { LINE_DIALECTS, POLICY_ID } from './policies';
import { POLICY_COLLECTIONS } from './policy-fields.generated';
import { familyOf, RULES, RULE_SEVERITIES } from './registry';

/** Every selector netcfg.yaml accepts: each code, each family (`ipsec/*`) and `*`. */
export function allSelectors(): { selector: string; description: string }[] {
  const res = RULES.map((r) => ({ selector: r.code, description: `${r.description}. Default: ${r.severity}. ${docsUrl(r.code)}` }));
  const families = [...new Set(RULES.map((r) => familyOf(r.code)))];
  for (const f of families) res.push({ selector: `${f}/*`, description: `Every ${f}/… code (a code's own setting wins over its family's).` });
  res.push({ selector: '*', description: 'Every code (a code or family setting wins over it).' });
  return res;
}

/** The schema definitions and the two top-level properties. */
export function rulesSchemaParts(): { definitions: Record<string, unknown>; properties: Record<string, unknown> } {
  const selectors = allSelectors();
  const ruleProps: Record<string, unknown> = {};
  for (const s of selectors) ruleProps[s.selector] = { $ref: '#/definitions/ruleSeverity', description: s.description };
  return {
    definitions: {
      ruleSeverity: { type: 'string', enum: [...RULE_SEVERITIES], description: 'off removes the findings; the others set their severity.' },
      policyId: { type: 'string', pattern: POLICY_ID.source, description: 'The id of a policy of this workspace (policies:), namespaced: corp/ikev2-only.' },
      policy: {
        type: 'object',
        description: 'A policy of your own (docs/policies.md): a line rule (dialect, optional parent, require or forbid regular expressions) or a model rule (target collection, optional where, require or forbid CEL expressions).',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: { $ref: '#/definitions/policyId' },
          message: { type: 'string', minLength: 1, description: 'What the finding says.' },
          severity: { type: 'string', enum: RULE_SEVERITIES.filter((s) => s !== 'off'), description: 'The default severity of its findings (warning when absent); rules: can override it.' },
          dialect: { type: 'string', enum: [...LINE_DIALECTS], description: 'Line rules: the dialect the regular expressions are written for (required). Model rules: only devices of this dialect.' },
          parent: { type: 'string', minLength: 1, description: 'Line rules: a regular expression on block header lines (IOS/ASA indentation blocks, RouterOS menu paths, BIRD brace blocks, strongSwan `conn` or swanctl.conf sections); require/forbid then apply to the lines of each matching block. Absent: top-level lines (RouterOS: path and command).' },
          target: { type: 'string', enum: Object.keys(POLICY_COLLECTIONS), description: 'Model rules: the collection of the neutral model each item of which is checked.' },
          where: { type: 'string', minLength: 1, description: 'Model rules: a CEL filter over self (the item) and device; only items where it is true are checked.' },
          require: { type: 'string', minLength: 1, description: 'Line rules: a regular expression some line must match. Model rules: a CEL condition every item must meet.' },
          forbid: { type: 'string', minLength: 1, description: 'Line rules: a regular expression no line may match. Model rules: a CEL condition no item may meet.' },
        },
        oneOf: [{ required: ['require'] }, { required: ['forbid'] }],
      },
      ruleSelector: { type: 'string', enum: selectors.map((s) => s.selector), description: 'A diagnostic code, a family (ipsec/*) or * (netcfg rules lists them).' },
      ignoreEntry: {
        type: 'object',
        description: 'Suppresses the findings that match every criterion given. They stay in JSON (suppressed: true) and SARIF (suppressions, kind external).',
        additionalProperties: false,
        required: ['code'],
        properties: {
          code: { anyOf: [{ $ref: '#/definitions/ruleSelector' }, { $ref: '#/definitions/policyId' }] },
          files: { type: 'string', minLength: 1, description: "Path glob relative to this file's folder (`*`, `?`, `**`; a folder covers its files)." },
          device: { type: 'string', minLength: 1, description: 'Device (hostname) the finding is on.' },
          fingerprint: { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'The finding\'s fingerprint (code, device, statement text, peer): survives edits elsewhere in the file, stops matching when the statement changes. The quick fix "Ignore in netcfg.yaml" writes it; JSON output and baselines carry it.' },
          reason: { type: 'string', description: 'Why the finding is accepted (shown as the SARIF justification).' },
        },
      },
    },
    properties: {
      rules: {
        description: 'Severity per diagnostic code or family (`ipsec/*`): off, hint, information, warning or error. The editor setting netcfg.rules and the CLI --rule override these; the nearest netcfg.yaml above a file governs it.',
        type: 'object',
        additionalProperties: false,
        properties: ruleProps,
        // A workspace's policy ids (policies:); netcfg itself reports a code that is neither as config/unknown-code.
        patternProperties: { [POLICY_ID.source]: { $ref: '#/definitions/ruleSeverity' } },
      },
      ignore: {
        description: 'Findings to suppress by code, file glob, device and fingerprint (devices strip comments from running configs, so inline netcfg-ignore comments are not always possible).',
        type: 'array',
        items: { $ref: '#/definitions/ignoreEntry' },
      },
      policies: {
        description: 'Policies of your own (compliance): line rules on the config text of one dialect, or model rules in CEL on the neutral model of every vendor. Each id is a diagnostic code: rules:, ignore:, netcfg-ignore and baselines treat it like a built-in one. docs/policies.md lists the fields.',
        type: 'array',
        items: { $ref: '#/definitions/policy' },
      },
    },
  };
}
