// Seeded PRNG and the mutators of the fuzzer. Pure: the same (seed, index) always gives the same input.

import type * as model from '../../server/src/model';

/** The planted secret: seeds' secrets are replaced by it, and no message may ever contain it. */
export const SECRET = 'FuzzSecret9x';

/** A small, fast, seedable PRNG (mulberry32) with helpers. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(arr: readonly T[]): T {
    return arr[this.int(arr.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Seed of input `index` of campaign `seed`: each input can be regenerated alone. */
export function inputSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

export interface Seed {
  /** Where it came from (repo-relative path, `#n` for the n-th string of a test file). */
  origin: string;
  /** Folder of an example or fixture set: seeds of one group are natural peers. */
  group: string;
  /** File name it would have (decides the extension of the fuzz input's uri). */
  name: string;
  dialect: model.DialectId;
  text: string;
}

export const PROTO_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'prototype', '__lookupSetter__'];

const ODD_UNICODE = [
  '\u0301', // combining acute
  '\u0338\u20dd', // combining overlays
  '\u202e', // RTL override
  '\u200f', // RTL mark
  '\u05d0\u05d1', // Hebrew letters
  '\u0000', // NUL
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\ufeff', // BOM / ZWNBSP
  '\u200b', // zero width space
  '\u00a0', // NBSP
  '\u2028', // line separator
  '\u0085', // NEL
  '\uff11\uff12', // full-width digits
  '\ud83d\ude00', // astral
  '\u000b\u000c', // VT FF
  '\t',
];

const BOUNDARY_NUMBERS = ['0', '-1', '65535', '65536', '4294967295', '4294967296', '99999999999999999999999', '1e309', '256.256.256.256', '0.0.0.0', '255.255.255.255', '::', 'ffff::/129', '10.0.0.1/33', '007', '1.2.3', '-0'];

const splitLines = (t: string): string[] => t.split(/(?<=\n)/);

/** A word-ish span of the text: [start, end) of a random run of non-blank characters, or undefined. */
function randomWord(rng: Rng, text: string): [number, number] | undefined {
  if (!text) return undefined;
  for (let tries = 0; tries < 8; tries++) {
    let i = rng.int(text.length);
    if (/\s/.test(text[i])) continue;
    let s = i;
    while (s > 0 && !/\s/.test(text[s - 1])) s--;
    while (i < text.length && !/\s/.test(text[i])) i++;
    return [s, i];
  }
  return undefined;
}

function nesting(rng: Rng, dialect: model.DialectId): string {
  const n = rng.pick([50, 200, 1000, 3000, 10000, 20000]);
  switch (dialect) {
    case 'bird':
    case 'openbsd-ipsec': {
      const shape = rng.int(4);
      if (shape === 0) return '{'.repeat(n);
      if (shape === 1) return '{ '.repeat(n) + '}'.repeat(rng.int(n + 1));
      if (shape === 2) return dialect === 'bird' ? 'filter f {\n' + 'if true then {\n'.repeat(n) + '}\n'.repeat(n) + '}\n' : 'ike esp from ' + '{ '.repeat(n) + '10.0.0.1' + ' }'.repeat(n) + ' to any\n';
      return '}{'.repeat(n);
    }
    case 'routeros': {
      const shape = rng.int(4);
      if (shape === 0) return ':if (true) do={\n'.repeat(n) + '}\n'.repeat(n);
      if (shape === 1) return '/interface /' + 'ab/'.repeat(n) + '\n';
      if (shape === 2) return 'add chain=forward \\\n' + '    comment=c \\\n'.repeat(n) + '    action=accept\n';
      return '{'.repeat(n) + '\n';
    }
    default: {
      const shape = rng.int(3);
      if (shape === 0) {
        let s = '';
        for (let i = 0; i < Math.min(n, 3000); i++) s += ' '.repeat(i) + `interface Tunnel${i}\n`;
        return s;
      }
      if (shape === 1) return 'crypto map M 10 ipsec-isakmp\n' + ' set peer 10.0.0.1\n'.repeat(n);
      return 'policy-map P\n class C\n  police 8000\n   conform-action transmit\n'.repeat(Math.min(n, 3000));
    }
  }
}

export type MutatorName =
  | 'flip'
  | 'delete-lines'
  | 'dup-lines'
  | 'splice'
  | 'splice-dialect'
  | 'truncate'
  | 'long-token'
  | 'nesting'
  | 'unicode'
  | 'newlines'
  | 'proto-word'
  | 'swap-word'
  | 'number';

const MUTATORS: { name: MutatorName; weight: number }[] = [
  { name: 'flip', weight: 10 },
  { name: 'delete-lines', weight: 8 },
  { name: 'dup-lines', weight: 6 },
  { name: 'splice', weight: 6 },
  { name: 'splice-dialect', weight: 5 },
  { name: 'truncate', weight: 5 },
  { name: 'long-token', weight: 2 },
  { name: 'nesting', weight: 2 },
  { name: 'unicode', weight: 7 },
  { name: 'newlines', weight: 4 },
  { name: 'proto-word', weight: 8 },
  { name: 'swap-word', weight: 8 },
  { name: 'number', weight: 6 },
];
const TOTAL_WEIGHT = MUTATORS.reduce((a, m) => a + m.weight, 0);

function pickMutator(rng: Rng): MutatorName {
  let r = rng.int(TOTAL_WEIGHT);
  for (const m of MUTATORS) {
    if (r < m.weight) return m.name;
    r -= m.weight;
  }
  return 'flip';
}

/** Applies one mutator. `pool` gives seeds to splice from. */
export function mutateOnce(rng: Rng, text: string, dialect: model.DialectId, name: MutatorName, pool: { same: readonly Seed[]; all: readonly Seed[] }): string {
  switch (name) {
    case 'flip': {
      if (!text) return rng.pick(['!', '{', '\\', '"', '/']);
      let res = text;
      for (let k = rng.range(1, 4); k > 0; k--) {
        const i = rng.int(res.length);
        const c = rng.chance(0.5) ? rng.pick(['{', '}', '"', "'", '\\', '/', '#', '!', ';', '=', ' ', '\n', '\r', '\t', '[', ']', '(', ')', ':', '$', '*', '-', '0', 'x']) : String.fromCharCode(res.charCodeAt(i) ^ (1 << rng.int(8)));
        res = res.slice(0, i) + c + res.slice(i + 1);
      }
      return res;
    }
    case 'delete-lines': {
      const lines = splitLines(text);
      if (lines.length < 2) return text;
      const s = rng.int(lines.length);
      lines.splice(s, rng.range(1, Math.max(1, Math.min(20, lines.length >> 2))));
      return lines.join('');
    }
    case 'dup-lines': {
      const lines = splitLines(text);
      if (!lines.length) return text;
      const s = rng.int(lines.length);
      const chunk = lines.slice(s, s + rng.range(1, 8));
      const times = rng.chance(0.1) ? rng.range(100, 2000) : rng.range(1, 3);
      const add: string[] = [];
      for (let i = 0; i < times; i++) for (const l of chunk) add.push(l.endsWith('\n') ? l : l + '\n');
      const at = rng.int(lines.length + 1);
      return lines.slice(0, at).join('') + add.join('') + lines.slice(at).join('');
    }
    case 'splice':
    case 'splice-dialect': {
      const from = name === 'splice' && pool.same.length ? rng.pick(pool.same) : rng.pick(pool.all);
      const src = splitLines(from.text);
      const s = rng.int(Math.max(1, src.length));
      const chunk = src.slice(s, s + rng.range(1, 30)).join('');
      const lines = splitLines(text);
      const at = rng.int(lines.length + 1);
      const piece = chunk.endsWith('\n') || at === lines.length ? chunk : chunk + '\n';
      return lines.slice(0, at).join('') + piece + lines.slice(at).join('');
    }
    case 'truncate':
      return text.slice(0, rng.int(text.length + 1));
    case 'long-token': {
      const len = rng.range(10_000, 100_000);
      const unit = rng.pick(['a', 'x9', '0', '/', 'ab/', '-', '"', '\\', '.', 'A:', '{', 'é']);
      const tok = unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
      const w = randomWord(rng, text);
      if (w && rng.chance(0.7)) return text.slice(0, w[0]) + tok + text.slice(w[1]);
      const lines = splitLines(text);
      const at = rng.int(lines.length + 1);
      return lines.slice(0, at).join('') + tok + '\n' + lines.slice(at).join('');
    }
    case 'nesting': {
      const lines = splitLines(text);
      const at = rng.int(lines.length + 1);
      return lines.slice(0, at).join('') + nesting(rng, dialect) + lines.slice(at).join('');
    }
    case 'unicode': {
      let res = text;
      for (let k = rng.range(1, 5); k > 0; k--) {
        const u = rng.pick(ODD_UNICODE);
        if (rng.chance(0.15)) res = u + res;
        else {
          const i = rng.int(res.length + 1);
          res = res.slice(0, i) + u + res.slice(i);
        }
      }
      if (rng.chance(0.1)) res = '\ufeff' + res;
      return res;
    }
    case 'newlines': {
      const mode = rng.int(4);
      if (mode === 0) return text.replace(/\r?\n/g, '\r\n');
      if (mode === 1) return text.replace(/\r?\n/g, '\r');
      // a mix: each newline becomes \n, \r\n or \r
      return text.replace(/\r?\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r']));
    }
    case 'proto-word': {
      let res = text;
      for (let k = rng.range(1, 4); k > 0; k--) {
        const w = randomWord(rng, res);
        if (!w) return res + rng.pick(PROTO_WORDS);
        const p = rng.pick(PROTO_WORDS);
        // keep a `key=` prefix (RouterOS) or quotes so the word lands in a value position too
        const old = res.slice(w[0], w[1]);
        const eq = old.indexOf('=');
        const rep = eq >= 0 && rng.chance(0.5) ? old.slice(0, eq + 1) + p : old.startsWith('"') ? `"${p}"` : p;
        res = res.slice(0, w[0]) + rep + res.slice(w[1]);
      }
      return res;
    }
    case 'swap-word': {
      const a = randomWord(rng, text);
      const b = randomWord(rng, text);
      if (!a || !b) return text;
      return text.slice(0, a[0]) + text.slice(b[0], b[1]) + text.slice(a[1]);
    }
    case 'number': {
      const re = /\d+/g;
      const hits: [number, number][] = [];
      for (let m; (m = re.exec(text)) && hits.length < 2000; ) hits.push([m.index, m.index + m[0].length]);
      if (!hits.length) return text;
      const [s, e] = rng.pick(hits);
      return text.slice(0, s) + rng.pick(BOUNDARY_NUMBERS) + text.slice(e);
    }
  }
}

/** 1–4 stacked mutations of a seed; returns the text and the mutators applied. */
export function mutate(rng: Rng, seed: Seed, pool: { same: readonly Seed[]; all: readonly Seed[] }): { text: string; mutators: MutatorName[] } {
  let text = seed.text;
  const mutators: MutatorName[] = [];
  for (let k = rng.range(1, 4); k > 0; k--) {
    const m = pickMutator(rng);
    mutators.push(m);
    text = mutateOnce(rng, text, seed.dialect, m, pool);
    // Keep inputs under ~1 MB: the size cap is 10 MB, but the hunt is for shapes, not volume.
    if (text.length > 1_000_000) text = text.slice(0, 1_000_000);
  }
  return { text, mutators };
}
