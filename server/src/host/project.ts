// netcfg.yaml (or netcfg.yml): the workspace file with facts no config states (device overrides, external
// peers). Its content is the service's business (server/src/workspace-config/); hosts only find these files and
// hand their text to the service like any other document. No LSP.

import * as fs from 'node:fs';
import * as path from 'node:path';

export { isProjectFileName, isProjectNoise } from './names';

/**
 * The workspace file governing a directory: the nearest netcfg.yaml/yml in it or its ancestors, stopping at
 * `stopAt` (a workspace root) when given.
 */
export function findProjectFile(dir: string, stopAt?: string): string | undefined {
  let cur = path.resolve(dir);
  const stop = stopAt && path.resolve(stopAt);
  for (;;) {
    for (const name of ['netcfg.yaml', 'netcfg.yml']) {
      const candidate = path.join(cur, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(cur);
    if (parent === cur || cur === stop) return undefined;
    cur = parent;
  }
}
