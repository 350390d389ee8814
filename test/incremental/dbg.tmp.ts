import { parseIpsecConf, reparseIpsecConf } from '../../server/src/dialects/openbsd';
// @ts-expect-error
import { openbsdConfig } from '../../bench/shapes.mjs';
let text = openbsdConfig(100000);
const lines = text.split('\n');
let at = 0; for (let i = 0; i < 50002; i++) at += lines[i].length + 1; at += 3;
let p = parseIpsecConf(text);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let i = 0; i < 12; i++) {
  const ins = i % 2 === 0;
  const next = ins ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
  const c = cpu();
  const r = reparseIpsecConf(p.tree, ins ? { start: at, oldEnd: at, newEnd: at + 1 } : { start: at, oldEnd: at + 1, newEnd: at }, next)!;
  console.log('reparse', (cpu() - c).toFixed(1), !!r);
  p = r; text = next;
}
const c = cpu(); parseIpsecConf(text); console.log('full', (cpu() - c).toFixed(1));
