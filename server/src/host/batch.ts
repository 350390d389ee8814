// One file of a batch check lowered away from the service that reports it: on a pool worker thread (worker.ts) or
// ahead of time on the main thread (pool.ts `local`). Reads the file with the host's rules and runs the lowering
// service's `precompute` (detection, guarded parse and lowering, netcfg.yaml overrides, the device's own findings),
// so the reporting service only pairs and runs the cross-file checks. No threads here.

import { createLanguageService, type LanguageService } from '../service';
import type { FileResult, WorkerInit } from './pool';
import { readConfigFileSync } from './read';

/** A batch service holding the netcfg.yaml documents the reporting service holds, with the same settings. */
export function createLowerer(init: WorkerInit): LanguageService {
  const service = createLanguageService({ ...init.settings, batch: true });
  for (const p of init.projects) service.setDocument(p.uri, p.text, 1, undefined, p.skip);
  return service;
}

/** Reads and lowers one file with `lowerer` (see `createLowerer`); `statSize`: the size a walk found (read.ts `ReadOptions`). */
export function lowerFile(lowerer: LanguageService, uri: string, abs: string | Buffer, maxFileSize: number, onText?: (text: string) => void, whole?: boolean, statSize?: number): FileResult {
  const read = readConfigFileSync(abs, { maxFileSize, statSize });
  if (!read.ok) return read.skip ? { kind: 'text', text: '', skip: read.skip } : { kind: 'unreadable', reason: read.reason };
  const text = read.text;
  onText?.(text);
  const precomputed = lowerer.precompute(uri, text, whole ? { whole } : undefined);
  return precomputed ? { kind: 'lowered', text, precomputed } : { kind: 'text', text };
}

