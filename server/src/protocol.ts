// Custom LSP messages between the VS Code client and the server, plus the documentation URL of diagnostic codes.
// Plain constants and types only: imported by the client, the server and the CLI, so it must not import
// vscode-languageserver, vscode or any server module.

import { repository } from '../../package.json';

/**
 * Where diagnostic codes are documented; a code's anchor is appended as `#<docsAnchor(code)>`. Derived from
 * package.json `repository.url`, the one place the project's address is set (bundlers keep only that field).
 */
export const DOCS_URL = `${repository.url.replace(/\.git$/, '')}/blob/main/docs/diagnostics.md`;

/**
 * GitHub-style heading anchor of a diagnostic code: lower-cased, every run of characters other than
 * `a-z0-9` becomes one `-` (so `ref/undefined` → `ref-undefined`), no leading/trailing `-`.
 * docs/diagnostics.md uses `### <code>` headings, which GitHub turns into the same anchors
 * (it drops `/` rather than dashing it, so the headings carry an explicit `<a id>` where that differs).
 */
export function docsAnchor(code: string): string {
  return code
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Full documentation link of a diagnostic code. */
export function docsUrl(code: string): string {
  return `${DOCS_URL}#${docsAnchor(code)}`;
}

/** Parameters of `netcfg/fileStatus`. */
export interface FileStatusParams {
  uri: string;
}

/** Result of `netcfg/fileStatus`; `dialect`/`device` are null when the file is not checked. */
export interface FileStatus {
  dialect: string | null;
  /** Device (host) name lowered from the file. */
  device: string | null;
  /** Why the file is skipped, when `dialect` is null. */
  skipReason?: string;
  peers: { ok: number; failing: number };
  /** Finding counts of this file by severity. */
  counts: SeverityCounts;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

/** Result of `netcfg/checkWorkspace`. */
export interface WorkspaceCheckResult {
  /** Files checked (known dialect). */
  files: number;
  /** Files skipped because their dialect is unknown. */
  skipped: number;
  counts: SeverityCounts;
}

/** Request `netcfg/fileStatus`: dialect, device name and peer health of one file, for the status bar. */
export const FILE_STATUS_REQUEST = 'netcfg/fileStatus';

/** Request `netcfg/checkWorkspace` (no params): re-checks every indexed file and returns the finding counts. */
export const CHECK_WORKSPACE_REQUEST = 'netcfg/checkWorkspace';

