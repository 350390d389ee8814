// Walks a folder for test inputs: every file under `dir` that `keep` accepts, in directory order; none when the folder
// is absent (../shared/corpus is not on every machine). Explicit stack: no recursion over the tree's depth.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function filesUnder(dir: string, keep: (p: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    const entries = fs.readdirSync(d, { withFileTypes: true });
    for (let i = entries.length - 1; i >= 0; i--) {
      const p = path.join(d, entries[i].name);
      if (entries[i].isDirectory()) stack.push(p);
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (!e.isDirectory() && keep(p)) out.push(p);
    }
  }
  return out;
}

/** Every IOS/ASA config file of the repository (verdict scenarios, examples, fixtures) and of ../shared/corpus. */
export function iosConfigFiles(root: string): { file: string; asa: boolean }[] {
  const res: { file: string; asa: boolean }[] = [];
  const isConfig = (p: string) => /\.(ios|asa)$/.test(p);
  for (const dir of [path.join(root, 'test'), path.join(root, 'examples')]) for (const file of filesUnder(dir, isConfig)) res.push({ file, asa: file.endsWith('.asa') });
  const corpus = path.resolve(root, '../shared/corpus');
  for (const d of ['ios', 'asa']) for (const file of filesUnder(path.join(corpus, d), () => true)) res.push({ file, asa: d === 'asa' });
  return res;
}
