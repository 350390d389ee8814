// Quick-fix round trips for tests: list a code's findings with their fix titles, apply every fix in a fresh
// service, and assert what is left afterwards. Shared by the OSPF and DMVPN fix tests.

import assert from 'node:assert/strict';
import type * as model from '../../server/src/model';
import { applyFix, loadFixture } from './fixture';

export interface Applied {
  /** The file whose finding offered the fix. */
  file: string;
  title: string;
  /** The edited texts by file name. */
  texts: Map<string, string>;
}

export interface RoundTripOptions {
  /** Which files must be free of `leftover` findings after a fix: all (cross-file codes) or the fixed one. */
  scope?: 'every file' | 'own file';
  /** Findings that must be gone after a fix (default: the code itself). */
  leftover?: (f: model.Finding, code: string) => boolean;
  /** Text that must appear in no fix title or message (a secret of the fixture). */
  secret?: RegExp;
}

/**
 * Findings of `code` as `file "text" [fix titles]`, sorted, and every fix applied in a fresh service, after which
 * no `leftover` finding may remain in `scope`.
 */
export function fixesOf(fx: string, code: string, opts: RoundTripOptions = {}): { list: string[]; applied: Applied[] } {
  const { scope = 'every file', leftover = (x, c) => x.code === c, secret } = opts;
  const { service, files } = loadFixture(fx);
  const list: string[] = [];
  const applied: Applied[] = [];
  for (const f of files) {
    for (const d of service.getFindings(f.uri).filter((x) => x.code === code)) {
      list.push(`${f.name} ${JSON.stringify(f.text.slice(d.range.start, d.range.end))} [${d.fixes.map((x) => x.title).join(' | ')}]`);
      for (const fix of d.fixes) {
        if (secret) assert.ok(!secret.test(fix.title + d.message), `a secret in "${fix.title}"`);
        const fresh = loadFixture(fx);
        const same = fresh.service.getFindings(f.uri).find((x) => x.code === code && x.range.start === d.range.start && x.message === d.message)!;
        const edited = applyFix(fresh.service, same.fixes.find((x) => x.title === fix.title)!);
        const left = fresh.files
          .filter((g) => scope === 'every file' || g.uri === f.uri)
          .flatMap((g) => fresh.service.getFindings(g.uri).filter((x) => leftover(x, code)).map((x) => `${g.name} ${x.code} ${x.message}`));
        assert.deepEqual(left, [], `after "${fix.title}" on ${f.name}`);
        const texts = new Map<string, string>();
        for (const [uri, text] of edited) texts.set(fresh.files.find((g) => g.uri === uri)!.name, text);
        applied.push({ file: f.name, title: fix.title, texts });
      }
    }
  }
  return { list: list.sort(), applied };
}

/** `text` with the one occurrence of `from` replaced by `to` (asserts there is exactly one). */
export function once(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  assert.ok(i >= 0 && text.indexOf(from, i + 1) < 0, `expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}
