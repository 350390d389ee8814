// Go to definition, find references, rename and prepareRename, from the definitions and references that
// lowering records on the model (same kind + name, within one document). Pure: no connection, no IO.

import type { Location, Position, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type * as model from '../model';
import type { LanguageService } from '../service';
import { contains, type TextRange } from '../syntax';
import { SERVICE_VERSIONS, workspaceEdit, type EditTargets } from './codeActions';
import { toOffset, toRange } from './positions';

/** The named object under the cursor: the kinds it may be (a reference may accept several) and its name. */
export interface SymbolAt {
  kinds: string[];
  name: string;
  /** The name token under the cursor. */
  range: TextRange;
}

/** Finds the definition or reference whose name token contains `offset`. */
export function symbolAt(device: model.Device, offset: number): SymbolAt | undefined {
  for (const d of device.definitions) if (contains(d.range, offset)) return { kinds: [d.kind], name: d.name, range: d.range };
  for (const r of device.references) if (contains(r.range, offset)) return { kinds: [r.kind, ...(r.alsoKinds ?? [])], name: r.name, range: r.range };
  return undefined;
}

/** Definitions matching a symbol (any of its kinds, same name). */
export function definitionsOf(device: model.Device, sym: SymbolAt): model.Definition[] {
  return device.definitions.filter((d) => d.name === sym.name && sym.kinds.includes(d.kind));
}

/** References matching a symbol: same name, and a kind (or accepted kind) in common. */
export function referencesOf(device: model.Device, sym: SymbolAt): model.Reference[] {
  return device.references.filter((r) => r.name === sym.name && (sym.kinds.includes(r.kind) || (r.alsoKinds ?? []).some((k) => sym.kinds.includes(k))));
}

function locate(service: LanguageService, uri: string, position: Position): { device: model.Device; sym: SymbolAt } | undefined {
  const doc = service.getDocument(uri);
  const device = service.getDevice(uri);
  if (!doc || !device) return undefined;
  const sym = symbolAt(device, toOffset(doc, position));
  return sym && { device, sym };
}

export function getDefinition(service: LanguageService, uri: string, position: Position): Location[] {
  const hit = locate(service, uri, position);
  const doc = service.getDocument(uri);
  if (!hit || !doc) return [];
  return definitionsOf(hit.device, hit.sym).map((d) => ({ uri, range: toRange(doc, d.range) }));
}

export function getReferences(service: LanguageService, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const hit = locate(service, uri, position);
  const doc = service.getDocument(uri);
  if (!hit || !doc) return [];
  // Resolve through the definition so a reference accepting several kinds finds the references of the kind it binds to.
  const defs = definitionsOf(hit.device, hit.sym);
  const sym = defs.length ? { ...hit.sym, kinds: [...new Set(defs.map((d) => d.kind))] } : hit.sym;
  const ranges: TextRange[] = referencesOf(hit.device, sym).map((r) => r.range);
  if (includeDeclaration) for (const d of defs) ranges.push(d.range);
  ranges.sort((a, b) => a.start - b.start);
  return ranges.map((r) => ({ uri, range: toRange(doc, r) }));
}

export function prepareRename(service: LanguageService, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const hit = locate(service, uri, position);
  const doc = service.getDocument(uri);
  if (!hit || !doc) return null;
  // Only user-defined objects can be renamed: a built-in (RouterOS `default`) has no definition to edit.
  const defs = definitionsOf(hit.device, hit.sym);
  if (defs.length === 0 || defs.some((d) => d.builtin)) return null;
  return { range: toRange(doc, hit.sym.range), placeholder: hit.sym.name };
}

/** A new name must be one config word: non-empty, no blanks or quotes. */
export function isValidName(name: string): boolean {
  return name.length > 0 && !/[\s"'`]/.test(name);
}

export function getRename(service: LanguageService, uri: string, position: Position, newName: string, targets: EditTargets = SERVICE_VERSIONS(service)): WorkspaceEdit | null {
  if (!isValidName(newName) || !prepareRename(service, uri, position)) return null;
  const hit = locate(service, uri, position)!;
  const defs = definitionsOf(hit.device, hit.sym);
  const sym = { ...hit.sym, kinds: [...new Set(defs.map((d) => d.kind))] };
  const edits: model.Edit[] = [];
  const seen = new Set<number>();
  for (const r of [...defs.map((d) => d.range), ...referencesOf(hit.device, sym).map((r) => r.range)]) {
    if (seen.has(r.start)) continue;
    seen.add(r.start);
    edits.push({ uri, range: r, newText: newName });
  }
  const changes: TextDocumentEdit[] | undefined = workspaceEdit(service, edits, targets);
  return changes ? { documentChanges: changes } : null;
}
