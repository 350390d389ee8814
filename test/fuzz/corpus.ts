// Seeds of the fuzzer: the examples, the test fixtures and the config strings of the test files, each with its
// secrets replaced by the planted one (so a leak is recognisable). Deterministic: sorted paths, fixed order.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { dialectById, dialectByFileName, detectDialect } from '../../server/src/dialects/registry';
import * as model from '../../server/src/model';
import { parseFixture } from '../helpers/fixture';
import { SECRET, type Seed } from './mutate';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const EXT: Record<model.DialectId, string> = { 'cisco-ios': 'x.ios', 'cisco-asa': 'x.asa', routeros: 'x.rsc', 'openbsd-ipsec': 'x.ipsec.conf', bird: 'x.bird', strongswan: 'x.swanctl.conf' };
export const fileNameFor = (d: model.DialectId): string => EXT[d];

function walk(dir: string, out: string[]): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'found' || e.name === 'repro') continue;
      walk(full, out);
    } else out.push(full);
  }
  return out;
}

/** Replaces every modelled secret of the text by the planted secret (alternating a `B` suffix so pairs can mismatch). */
export function plantSecrets(text: string, dialect: model.DialectId, variant: number): string {
  try {
    const d = dialectById(dialect);
    const parsed = d.parse(text, {});
    const device = d.lower(parsed, 'file:///seed', {}).device;
    const ranges = model.secretRanges(device).filter((r) => r.end > r.start && r.end <= text.length).sort((a, b) => b.start - a.start);
    let res = text;
    let last = Infinity;
    for (const r of ranges) {
      if (r.end > last) continue; // overlapping ranges: keep the first (rightmost) replacement
      let s = r.start;
      let e = r.end;
      const q = res[s];
      if ((q === '"' || q === "'") && res[e - 1] === q && e - s >= 2) {
        s++;
        e--;
      }
      res = res.slice(0, s) + SECRET + (variant % 2 ? 'B' : '') + res.slice(e);
      last = r.start;
    }
    return res;
  } catch {
    return text;
  }
}

/** A secret line per dialect, appended to seeds that hold none (the oracle only judges modelled secrets). */
const PLANTED: Record<model.DialectId, string> = {
  'cisco-ios': `crypto isakmp key ${SECRET} address 192.0.2.77\n`,
  'cisco-asa': `tunnel-group 192.0.2.77 type ipsec-l2l\ntunnel-group 192.0.2.77 ipsec-attributes\n ikev1 pre-shared-key ${SECRET}\n`,
  routeros: `/ip ipsec peer\nadd address=192.0.2.77/32 secret=${SECRET}\n`,
  'openbsd-ipsec': `ike esp from 10.77.0.0/24 to 10.78.0.0/24 peer 192.0.2.77 psk "${SECRET}"\n`,
  bird: '',
  strongswan: '',
};

function addSeed(out: Seed[], seen: Set<string>, s: Omit<Seed, 'text'> & { text: string }): void {
  if (s.text.trim().length < 10 || s.text.length > 300_000) return;
  let text = plantSecrets(s.text, s.dialect, out.length);
  if (!text.includes(SECRET) && PLANTED[s.dialect]) text += (text.endsWith('\n') ? '' : '\n') + PLANTED[s.dialect];
  if (seen.has(text)) return;
  seen.add(text);
  out.push({ ...s, text });
}

/** String literals (backtick or quoted with `\n`) of a test file that look like configs of some dialect. */
function configStrings(source: string): string[] {
  const res: string[] = [];
  const re = /`((?:[^`\\$]|\\[\s\S]|\$(?!\{))*)`|'((?:[^'\\\n]|\\.)*\\n(?:[^'\\\n]|\\.)*)'/g;
  for (let m; (m = re.exec(source)); ) {
    const body = m[1] ?? m[2];
    if (body.length < 30) continue;
    try {
      const value = m[1] !== undefined ? (new Function(`return \`${body}\`;`)() as string) : (new Function(`return '${body}';`)() as string);
      if (value.includes('\n')) res.push(value);
    } catch {
      // not a plain literal
    }
  }
  return res;
}

export interface CorpusOptions {
  /** Also read ../shared/corpus (real configs) when present. */
  shared?: boolean;
}

export function loadSeeds(opts: CorpusOptions = {}): Seed[] {
  const out: Seed[] = [];
  const seen = new Set<string>();
  const rel = (p: string) => path.relative(ROOT, p);
  // 1. examples/**
  for (const f of walk(path.join(ROOT, 'examples'), [])) {
    const dialect = dialectByFileName(f) ?? detectDialect(f, fs.readFileSync(f, 'utf8')).dialect;
    if (!dialect) continue;
    addSeed(out, seen, { origin: rel(f), group: rel(path.dirname(f)), name: path.basename(f), dialect, text: fs.readFileSync(f, 'utf8') });
  }
  // 2. test/**/fixtures/** files
  for (const f of walk(path.join(ROOT, 'test'), [])) {
    if (!f.split(path.sep).includes('fixtures')) continue;
    const text = fs.readFileSync(f, 'utf8');
    const add = (name: string, t: string, origin: string) => {
      const dialect = dialectByFileName(name) ?? detectDialect(name, t).dialect;
      if (dialect) addSeed(out, seen, { origin, group: rel(path.dirname(f)), name: path.basename(name), dialect, text: t });
    };
    if (text.includes('//- ')) {
      try {
        for (const ff of parseFixture(text)) add(ff.name, ff.text, `${rel(f)}:${ff.name}`);
      } catch {
        // not a fixture after all
      }
    } else add(f, text, rel(f));
  }
  // 3. config strings of test sources
  for (const f of walk(path.join(ROOT, 'test'), [])) {
    if (!/\.(ts|mjs)$/.test(f) || f.includes(`${path.sep}fuzz${path.sep}`)) continue;
    const strings = configStrings(fs.readFileSync(f, 'utf8'));
    strings.forEach((s, i) => {
      if (s.includes('//- ')) {
        try {
          for (const ff of parseFixture(s)) {
            const dialect = dialectByFileName(ff.name) ?? detectDialect(ff.name, ff.text).dialect;
            if (dialect) addSeed(out, seen, { origin: `${rel(f)}#${i}:${ff.name}`, group: `${rel(f)}#${i}`, name: path.basename(ff.name), dialect, text: ff.text });
          }
        } catch {
          // ignore
        }
        return;
      }
      const dialect = detectDialect('x.cfg', s).dialect;
      if (dialect) addSeed(out, seen, { origin: `${rel(f)}#${i}`, group: rel(f), name: fileNameFor(dialect), dialect, text: s });
    });
  }
  // 4. optionally the shared corpus of real configs
  if (opts.shared) {
    for (const f of walk(path.join(ROOT, '../shared/corpus'), [])) {
      if (fs.statSync(f).size > 300_000) continue;
      const text = fs.readFileSync(f, 'utf8');
      const dialect = dialectByFileName(f) ?? detectDialect(f, text).dialect;
      if (dialect) addSeed(out, seen, { origin: rel(f), group: rel(path.dirname(f)), name: path.basename(f), dialect, text });
    }
  }
  return out;
}
