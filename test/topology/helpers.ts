// Shared by the topology tests: load real files into a service and print a topology as sorted lines.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import type { Topology } from '../../server/src/features/topology';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Every file of a folder (not recursive) in a fresh service, as `file://` uris. */
export function loadFolder(dir: string, settings = {}): LanguageService {
  const service = createLanguageService(settings);
  for (const f of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) service.setDocument(`file://${p}`, fs.readFileSync(p, 'utf8'), 1);
  }
  return service;
}

const base = (uri: string) => uri.replace(/^.*\//, '');

/** `kind a:label(role) — b:label(role) [area] verdict codes…`, one line per link, sorted; devices by name. */
export function summary(t: Topology): { devices: string[]; links: string[] } {
  const name = new Map(t.devices.map((d) => [d.id, d.name]));
  const end = (e: Topology['links'][number]['a']) => `${name.get(e.device) ?? base(e.device)}:${e.label}${e.role ? `(${e.role})` : ''}${e.location ? `@${base(e.location.uri)}:${e.location.range.start.line + 1}` : ''}`;
  return {
    devices: t.devices.map((d) => `${d.name} ${d.dialect}${d.location ? ` ${base(d.location.uri)}:${d.location.range.start.line + 1}` : ''}`).sort(),
    links: t.links
      .map((l) => `${l.kind} ${end(l.a)} — ${end(l.b)}${l.area ? ` area ${l.area}` : ''} ${l.verdict}${l.findings.map((f) => ` ${f.code}@${base(f.location.uri)}:${f.location.range.start.line + 1}`).join('')}`)
      .sort(),
  };
}
