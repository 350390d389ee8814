// Assertion helpers shared by the OSPF/DMVPN/L2TP unit tests: exact findings (code, severity, range text) on
// hand-built devices, every quick fix round-tripped to a clean state, and no secret in any user-visible text.

import assert from 'node:assert/strict';
import type * as model from '../../server/src/model';
import { analyse, applyFixToTexts, render } from './build';

/** Secrets used by the tests: none may appear in a message, related message or fix title. */
export const SECRETS = ['KEYONE', 'KEYTWO', 'MYKEY', 'MY_KEY', 'NHRPSECRET', 'OTHERSECRET', 'cisco123'];

function assertNoLeak(findings: model.Finding[]): void {
  for (const f of findings) {
    const visible = [f.message, ...f.related.map((r) => r.message), ...f.fixes.map((x) => x.title)].join('\n');
    for (const s of SECRETS) assert.ok(!visible.includes(s), `secret leaked in ${f.code}: ${visible}`);
  }
}

/** Findings of the given area codes only (prefix match), rendered. */
export function findingsOf(texts: string[], prefixes = ['ospf/', 'dmvpn/', 'l2tp/']): { list: string[]; findings: model.Finding[] } {
  const { findings } = analyse(texts);
  const mine = findings.filter((f) => prefixes.some((p) => f.code.startsWith(p)));
  assertNoLeak(mine);
  return { list: render(texts, mine), findings: mine };
}

/** Asserts the exact findings, then applies every offered fix and asserts that the finding's code is gone. */
export function expectFindings(texts: string[], expected: string[], opts: { roundTrip?: boolean } = {}): model.Finding[] {
  const { list, findings } = findingsOf(texts);
  assert.deepEqual(list, [...expected].sort());
  if (opts.roundTrip !== false) {
    for (const f of findings) {
      for (const fix of f.fixes) {
        const after = applyFixToTexts(texts, fix);
        const again = findingsOf(after).list.filter((x) => x.includes(` ${f.code} `) || x.includes(' error '));
        assert.deepEqual(again, [], `after "${fix.title}" on ${f.uri} (${f.code}):\n${after.join('---\n')}`);
      }
    }
  }
  return findings;
}

/** Replaces exactly one occurrence of `from` in `text` (fails loudly when absent or ambiguous). */
export function edit(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  assert.ok(i >= 0 && text.indexOf(from, i + 1) < 0, `expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}
