// Which file names are configs or workspace files: pure name rules shared by every host (the Node scan in
// scan.ts, the CLI, the LSP server, and the web worker, which has no file system and hears names as URIs).
// No IO and no Node built-ins: the browser bundle (server/out/browser.js) imports this file.

import { dialectByFileName, isGenericConfigName } from '../dialects/registry';

/** Directories never descended into: dependencies, VCS metadata and build output (hidden directories are skipped too). */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'out']);

/**
 * Extension-less files that are never configs. Generic names are otherwise checked by content, and a file
 * whose content matches no dialect gets an information diagnostic; these would only add noise.
 */
const NOT_CONFIG = new Set(['license', 'licence', 'copying', 'makefile', 'dockerfile', 'readme', 'changelog', 'authors', 'notice', 'contributors', 'codeowners', 'vagrantfile', 'gemfile', 'procfile', 'jenkinsfile']);

/** Glob of the file names the client watches (kept in step with `isConfigFileName`). */
export const CONFIG_GLOB = '**/*.{ios,cisco,asa,rsc,bird,conf,cfg,txt,config,rtr}';

export type CandidateKind = 'config' | 'project';

/** The last segment of a path or URI path (`/` or `\` separated). */
export function baseName(fileName: string): string {
  const at = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return at < 0 ? fileName : fileName.slice(at + 1);
}

/** Whether the name alone fixes a dialect (`*.ios`, `*.rsc`, `ipsec.conf`, `bird.conf` …). */
export function hasDialectName(fileName: string): boolean {
  return dialectByFileName(fileName) !== undefined;
}

/** Whether a file with this name may be a config: a dialect name, or a generic name to detect by content. */
export function isConfigFileName(fileName: string): boolean {
  const base = baseName(fileName);
  if (base.startsWith('.')) return false;
  if (hasDialectName(base)) return true;
  if (!base.includes('.') && NOT_CONFIG.has(base.toLowerCase())) return false;
  return isGenericConfigName(base);
}

/** Whether a file name is a workspace file (`netcfg.yaml` / `netcfg.yml`, any case). */
export function isProjectFileName(fileName: string): boolean {
  return /^netcfg\.ya?ml$/i.test(baseName(fileName));
}

/** Whether a finding on a workspace file is the service's generic "not a config" note, which hosts never show for it. */
export function isProjectNoise(uri: string, code: string): boolean {
  return code === 'detect/unknown-dialect' && /(^|[/\\])netcfg\.ya?ml$/i.test(uri.replace(/[?#].*$/, ''));
}

/** Classifies one file name found while scanning; undefined when it is neither a config nor a project file. */
export function candidateKind(fileName: string): CandidateKind | undefined {
  if (isProjectFileName(fileName)) return 'project';
  return isConfigFileName(fileName) ? 'config' : undefined;
}
