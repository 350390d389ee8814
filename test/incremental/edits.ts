// Random edits for the incremental re-parse's differential tests (issue 16): characters, lines, braces, backslashes,
// quotes, comments and menu lines inserted, deleted or replaced at random places, from a seeded generator.

import type { ChangedSpan } from '../../server/src/dialects/types';
import type { TextChange } from '../../server/src/service';

/** A small seeded generator (mulberry32), so a failing case replays. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One edit: the change (offsets in `text`) and the text it makes. */
export interface Edit {
  change: TextChange;
  text: string;
  span: ChangedSpan;
}

/** Pieces an edit inserts: syntax that changes how lines, blocks and strings are read. */
export function randomEdit(text: string, random: () => number, pieces: readonly string[]): Edit {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const at = Math.floor(random() * (text.length + 1));
  const r = random();
  let start = at;
  let end = at;
  let insert = '';
  if (r < 0.3) insert = pick(pieces);
  else if (r < 0.45) end = Math.min(text.length, at + 1 + Math.floor(random() * 3)); // delete characters
  else if (r < 0.6) {
    // delete or duplicate a whole line
    const ls = text.lastIndexOf('\n', at - 1) + 1;
    let le = text.indexOf('\n', at);
    le = le < 0 ? text.length : le + 1;
    start = ls;
    if (random() < 0.5) end = le;
    else {
      end = ls;
      insert = text.slice(ls, le);
    }
  } else if (r < 0.75) {
    end = Math.min(text.length, at + Math.floor(random() * 40));
    insert = pick(pieces);
  } else insert = pick(['x', '1', ' ', '=', 'a', '.', '/', '-']);
  const next = text.slice(0, start) + insert + text.slice(end);
  return { change: { start, end, text: insert }, text: next, span: { start, oldEnd: end, newEnd: start + insert.length } };
}

/** `routeros100k` of bench/editor.mjs (a module the test runner cannot import): VLANs, addresses, lists, rules, peers. */
export function routerosShape(n: number): string {
  const out = ['# by RouterOS 7.12', '/system identity', 'set name=edge', '/ip ipsec profile', 'add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 name=P1', '/ip ipsec proposal', 'add auth-algorithms=sha256 enc-algorithms=aes-256-cbc name=P2 pfs-group=modp2048'];
  const per = Math.floor((n - 20) / 5);
  out.push('/interface vlan');
  for (let i = 0; i < per; i++) out.push(`add interface=ether1 name=vlan${i} vlan-id=${(i % 4000) + 1}`);
  out.push('/ip address');
  for (let i = 0; i < per; i++) out.push(`add address=10.${(i >> 8) & 255}.${i & 255}.1/24 interface=vlan${i}`);
  out.push('/ip firewall address-list');
  for (let i = 0; i < per; i++) out.push(`add address=192.0.${(i >> 8) & 255}.${i & 255} list=L${i % 500}`);
  out.push('/ip firewall filter');
  for (let i = 0; i < per; i++) out.push(`add action=accept chain=forward dst-port=${(i % 60000) + 1} protocol=tcp src-address-list=L${i % 500} comment="rule ${i}"`);
  out.push('/ip ipsec peer');
  for (let i = 0; out.length < n - 1; i++) out.push(`add address=198.51.${(i >> 8) & 255}.${i & 255}/32 name=peer${i} profile=P1`);
  return `${out.join('\n')}\n`;
}

/** `bird100k` of bench/editor.mjs: filters and BGP protocols using them, about `n` lines. */
export function birdShape(n: number): string {
  const out = ['router id 192.0.2.1;', 'protocol device {', '}', 'protocol kernel {', '  ipv4 { export all; };', '}'];
  for (let i = 0; out.length < n - 12; i++) {
    out.push(`filter f${i} {`, `  if net ~ [ 10.${(i >> 8) & 255}.${i & 255}.0/24+ ] then accept;`, '  reject;', '}');
    out.push(`protocol bgp peer${i} {`, '  local as 65000;', `  neighbor 198.51.${(i >> 8) & 255}.${i & 255} as ${64512 + (i % 1000)};`, '  ipv4 {', '    import all;', `    export filter f${i};`, '  };', '}');
  }
  return `${out.join('\n')}\n`;
}
