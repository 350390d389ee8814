// The `rules:` and `ignore:` parts of schemas/netcfg.schema.json, generated from the registry so that editors
// offer completion and hover for every code of netcfg.yaml; test/rules/registry.test.ts keeps the committed schema
// equal to this (UPDATE_SNAPSHOTS=1 rewrites it). Pure data.

import { docsUrl } from '../protocol';
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
      ruleSelector: { type: 'string', enum: selectors.map((s) => s.selector), description: 'A diagnostic code, a family (ipsec/*) or * (netcfg rules lists them).' },
      ignoreEntry: {
        type: 'object',
        description: 'Suppresses the findings that match every criterion given. They stay in JSON (suppressed: true) and SARIF (suppressions, kind external).',
        additionalProperties: false,
        required: ['code'],
        properties: {
          code: { $ref: '#/definitions/ruleSelector' },
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
      },
      ignore: {
        description: 'Findings to suppress by code, file glob, device and fingerprint (devices strip comments from running configs, so inline netcfg-ignore comments are not always possible).',
        type: 'array',
        items: { $ref: '#/definitions/ignoreEntry' },
      },
    },
  };
}
