// Lowers an analysed BIRD config into the neutral model (OSPF processes and interfaces with effective values,
// definitions/references) and reports BIRD's own OSPF configuration errors and warnings plus checks `bird -p` misses.
// Imports only model/, syntax/ and this dialect's files.

import * as model from '../../model';
import { lineStarts, positionAt, type SyntaxDiagnostic, type TextRange } from '../../syntax';
import type { LowerResult } from '../types';
import type { BirdArea, BirdInfo, BirdOspfInterface, BirdProtocol, Located } from './analyze';
import { CHANNEL_PROTOCOLS, OSPF_DEFAULTS, OSPF_TYPES, PASSWORD_ALGORITHMS } from './catalog';

/** Model network type → BIRD keyword. */
const TYPE_KEYWORD: Partial<Record<model.OspfNetworkType, string>> = {
  broadcast: 'broadcast',
  'point-to-point': 'ptp',
  'non-broadcast': 'nbma',
  'point-to-multipoint': 'ptmp',
  'point-to-multipoint-non-broadcast': 'ptmp',
};

/** File base name of a URI (`file:///etc/bird/bird6.conf` → `bird6.conf`). */
export function baseName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.split('/').pop() ?? path);
}

/** Whether (and why) the file is written for BIRD 1.x; undefined for BIRD 2 files. */
export function bird1Reason(info: BirdInfo, uri: string): { range: TextRange; reason: string; strong: boolean } | undefined {
  if (info.bird1.length) return { ...info.bird1[0], strong: true };
  const base = baseName(uri).toLowerCase();
  const firstProto = info.protocols.find((p) => !p.template && CHANNEL_PROTOCOLS.has(p.kind));
  if (base === 'bird6.conf') {
    const anchor = firstProto ? firstProto.stmt.tokens[0] : undefined;
    return {
      range: anchor ? { start: anchor.start, end: firstProto!.kindRange.end } : { start: 0, end: 0 },
      reason: '`bird6.conf` is the configuration of BIRD 1.x\'s IPv6 daemon (bird6), where `protocol ospf` means OSPFv3',
      strong: false,
    };
  }
  const anyChannel = info.protocols.some((p) => p.channels.length > 0);
  if (firstProto && !anyChannel && info.includes.length === 0) {
    return {
      range: { start: firstProto.stmt.tokens[0].start, end: firstProto.kindRange.end },
      reason: 'no protocol here has a channel (`ipv4 { … }` / `ipv6 { … }`), which is how BIRD 1.x configs look',
      strong: false,
    };
  }
  return undefined;
}

/** Lowers the analysed config. `text` is the document text (for computing insertion edits). */
export function lowerBird(text: string, info: BirdInfo, parseDiagnostics: SyntaxDiagnostic[], uri: string): LowerResult {
  const diagnostics: SyntaxDiagnostic[] = [...parseDiagnostics];
  const base = baseName(uri);
  const legacy = bird1Reason(info, uri);
  const bird6 = base.toLowerCase() === 'bird6.conf' && (legacy !== undefined);
  const generic = /^bird6?(\.conf)?$/i.test(base) || /^bird6?\.conf$/i.test(base);
  const name = generic && info.routerId ? info.routerId.value : base.replace(/\.(conf|bird)$/i, '') || base;
  const device = model.emptyDevice(uri, 'bird', name);
  device.platformVersion = legacy ? 'BIRD 1.x' : 'BIRD 2';
  if (generic && info.routerId) device.hostnameRange = info.routerId.range;

  if (legacy) {
    diagnostics.push({
      range: legacy.range,
      severity: 'hint',
      code: 'bird/bird1-syntax',
      message:
        `This file looks like a BIRD 1.x configuration: ${legacy.reason}. BIRD 2 attaches every routing protocol to a table through a channel, ` +
        'and filters move into it: `protocol ospf v2 { ipv4 { import all; export none; }; area 0 { … }; }` ' +
        '(OSPFv3: `protocol ospf v3 { ipv6 { … }; … }`; kernel: `protocol kernel { ipv4 { export all; }; }`; tables: `ipv4 table t;`).' +
        (bird6 ? ' netcfg reads its `protocol ospf` as OSPFv3, as bird6 did.' : ''),
    });
  }

  const edit = (range: TextRange, newText: string): model.Edit => ({ uri, range, newText });

  // ---- OSPF ---------------------------------------------------------------------------------------------------
  const counters = new Map<string, number>();
  const templates = new Map<string, BirdProtocol>();
  for (const p of info.protocols) {
    const n = (counters.get(p.kind) ?? 0) + 1;
    if (!p.template) counters.set(p.kind, n);
    const id = p.name?.value ?? (p.template ? '' : `${p.kind}${n}`);
    if (p.template && p.name) templates.set(p.name.value, p);
    if (p.kind !== 'ospf') continue;
    const tpl = p.from ? templates.get(p.from.value) : undefined;
    const version: 2 | 3 = p.ospfVersion?.value ?? tpl?.ospfVersion?.value ?? (bird6 ? 3 : 2);
    const areas = [...(tpl?.areas ?? []), ...p.areas];
    const routerIdLoc = p.routerId ?? info.routerId;
    const proc: model.OspfProcess = {
      id,
      range: { start: p.stmt.range.start, end: p.kindRange.end },
      version,
      routerId: routerIdLoc ? { value: routerIdLoc.value, range: routerIdLoc.range, set: (v) => (model.parseIpv4(v) === undefined ? undefined : [edit(routerIdLoc.range, v)]) } : undefined,
      areas: areas.map((a) => ({ id: a.id, type: a.type, range: a.idRange })),
      neighbors: [],
    };
    proc.setAreaType = (v) => birdAreaTypeEdits(p.areas, v.area, v.type, text)?.map((e) => edit(e.range, e.newText));
    // Templates go through BIRD's protocol checks too (`template ospf t { }` alone is "No configured areas").
    if (!p.template) device.ospf.push(proc);

    // BIRD's ospf_proto_finish(): channel type, at least one area, backbone type.
    for (const ch of p.channels) {
      if (version === 2 && ch.type !== 'ipv4') diagnostics.push(err(ch.range, 'bird/channel-type', `Different channel type: OSPFv2 carries IPv4 only, so \`${ch.type}\` is refused (use \`protocol ospf v3\` for IPv6)`));
    }
    if (areas.length === 0 && !legacy?.strong) diagnostics.push(err(p.finishRange, 'bird/no-areas', 'No configured areas in OSPF: add `area 0 { interface "…"; };`'));
    for (const a of p.areas) {
      if (a.id === '0.0.0.0' && a.type !== 'normal') {
        diagnostics.push(err(a.finishRange, 'bird/backbone-stub', `Backbone area cannot be stub/NSSA (area ${a.id} is made ${a.type} by \`${a.type === 'nssa' ? 'nssa' : 'stub'}\` on line ${lineOf(text, a.typeRange?.start ?? a.idRange.start)})`));
      }
    }

    const own = new Set(p.areas);
    for (const a of areas) {
      for (const itf of a.interfaces) {
        if (own.has(a)) checkInterface(itf, version, diagnostics, text);
        if (!p.template) lowerInterface(itf, a, proc, version, device, text, edit);
      }
    }
  }

  // ---- definitions and references -----------------------------------------------------------------------------
  const fragment = info.includes.length > 0 || !info.protocols.some((p) => !p.template);
  for (const n of info.named) {
    device.definitions.push({ kind: n.kind, name: n.name, range: n.range, fullRange: n.fullRange, implicitlyUsed: n.kind === 'bird-protocol' || fragment });
  }
  const byName = new Map<string, (typeof info.named)[number]>();
  for (const n of info.named) if (n.kind !== 'bird-protocol' && !byName.has(n.name)) byName.set(n.name, n);
  // Kinds defined under each name: references are resolved by key, not by scanning every definition.
  const kindsByName = new Map<string, Set<string>>();
  for (const n of info.named) {
    let kinds = kindsByName.get(n.name);
    if (!kinds) kindsByName.set(n.name, (kinds = new Set()));
    kinds.add(n.kind);
  }
  const explicit = new Set<number>();
  for (const ref of info.references) {
    const defined = kindsByName.get(ref.name);
    const known = defined !== undefined && (defined.has(ref.kind) || (ref.alsoKinds ?? []).some((k) => defined.has(k)));
    // `master4`/`master6` exist without a declaration; with includes a name may be defined elsewhere.
    if (!known && (ref.kind === 'bird-table' && /^master[46]?$/.test(ref.name))) continue;
    if (!known && info.includes.length > 0) continue;
    device.references.push({ kind: ref.kind, name: ref.name, range: ref.range, alsoKinds: ref.alsoKinds });
    explicit.add(ref.range.start);
  }
  for (const w of info.words) {
    if (explicit.has(w.start)) continue;
    const n = byName.get(w.text);
    if (n) device.references.push({ kind: n.kind, name: n.name, range: { start: w.start, end: w.end } });
  }

  if (!info.protocols.some((p) => !p.template) && info.includes.length === 0 && text.trim() !== '') {
    diagnostics.push({
      range: { start: 0, end: Math.min(text.length, Math.max(0, text.search(/\r?\n|$/))) },
      severity: 'information',
      code: 'bird/no-protocol',
      message: 'No protocol is specified in this file: BIRD refuses to start with it alone. Fine if another file includes it.',
    });
  }
  // Do not keep the document alive through the line cache.
  cachedText = undefined;
  cachedStarts = [];
  return { device, diagnostics };
}

function err(range: TextRange, code: string, message: string): SyntaxDiagnostic {
  return { range, severity: 'error', code, message };
}
function warn(range: TextRange, code: string, message: string, fixes?: SyntaxDiagnostic['fixes']): SyntaxDiagnostic {
  return { range, severity: 'warning', code, message, fixes };
}

// Line numbers for messages: line starts are computed once per text (messages may be many; no rescans).
let cachedText: string | undefined;
let cachedStarts: number[] = [];
function lineOf(text: string, offset: number): number {
  if (cachedText !== text) {
    cachedText = text;
    cachedStarts = lineStarts(text);
  }
  return positionAt(cachedStarts, offset).line + 1;
}

function effectiveAlgorithm(itf: BirdOspfInterface, version: 2 | 3, pw = itf.passwords[0]): string {
  if (pw?.algorithm) return pw.algorithm.value;
  return version === 2 ? 'keyed md5' : 'hmac sha256';
}

/** BIRD's ospf_iface_finish() checks, plus what `bird -p` does not catch (interop-rules §7.6). */
function checkInterface(itf: BirdOspfInterface, version: 2 | 3, out: SyntaxDiagnostic[], text: string): void {
  const auth = itf.auth?.value ?? 'none';
  const hello = itf.hello?.value ?? OSPF_DEFAULTS.hello;
  // OSPFv3 matches interfaces by name only (nest/config.Y iface_patt_check).
  if (version === 3) {
    for (const pat of itf.patterns) {
      if (pat.prefix) {
        out.push(err(pat.prefix.range, 'bird/ospfv3-interface-prefix', 'Interface name/mask expected, not IP prefix: OSPFv3 selects interfaces by name only; advertise the prefix with `stubnet` instead'));
        break;
      }
    }
  }
  if (version === 2 && auth === 'cryptographic' && itf.hello && hello < 5) {
    out.push(warn(itf.hello.range, 'bird/short-hello-crypto', 'Hello or poll interval less than 5 makes cryptographic authentication prone to replay attacks (BIRD warns at startup): the sequence number is the time in seconds'));
  }
  if (auth === 'none' && itf.passwords.length) {
    out.push(warn(itf.passwords[0].head, 'bird/password-without-auth', 'Password option without authentication option does not make sense: add `authentication cryptographic;` (or `simple`), or the password is ignored'));
  }
  for (const pw of itf.passwords) {
    if (pw.algorithm && auth !== 'cryptographic') {
      out.push(err(itf.finishRange, 'bird/algorithm-without-crypto', `Password algorithm option requires cryptographic authentication (\`algorithm\` on line ${lineOf(text, pw.algorithm.range.start)})`));
      return;
    }
    if (version === 3 && auth !== 'none' && effectiveAlgorithm(itf, version, pw).startsWith('keyed')) {
      out.push(err(itf.finishRange, 'bird/ospfv3-keyed-hash', `Keyed hash algorithms are not allowed, use HMAC algorithms: OSPFv3 authentication (RFC 7166) needs \`algorithm hmac …\` (line ${lineOf(text, (pw.algorithm ?? pw).range.start)})`));
      return;
    }
  }
  // Not checked by `bird -p` (interop-rules §7.6): these break adjacencies silently.
  const dead = itf.dead?.value ?? (itf.deadCount?.value ?? OSPF_DEFAULTS.deadCount) * hello;
  const deadLoc = itf.dead ?? itf.deadCount;
  if (deadLoc && Number.isFinite(dead) && Number.isFinite(hello) && dead <= hello) {
    out.push(warn(deadLoc.range, 'bird/dead-below-hello', `Dead interval ${dead} s is not longer than the hello interval ${hello} s: neighbors time out between two Hellos and the adjacency flaps`));
  }
  if (auth === 'simple') {
    for (const pw of itf.passwords) {
      if (pw.plain.length > 8) out.push(warn(pw.range, 'bird/simple-password-too-long', `OSPF simple authentication carries at most 8 characters, this password has ${pw.plain.length}: peers compare only 8 bytes (or reject it); BIRD does not check this`));
    }
  }
  const type = itf.type ? OSPF_TYPES[itf.type.value] : undefined;
  if (type === 'non-broadcast' && itf.neighbors.length === 0) {
    out.push(warn(itf.type!.range, 'bird/nbma-without-neighbors', 'An NBMA interface sends Hellos only to the routers listed in `neighbors { … }`; without them no adjacency forms'));
  }
  if (itf.neighborsRange && (type === undefined || type === 'broadcast' || type === 'point-to-point')) {
    out.push(warn(itf.neighborsRange, 'bird/neighbors-on-broadcast', `\`neighbors\` is used only on NBMA and point-to-multipoint interfaces; this one is ${type ?? 'autodetected (usually broadcast)'}, so the list is ignored — add \`type nbma;\` or \`type ptmp;\` if that was meant`));
  }
  if (version === 3 && itf.stub?.value) {
    for (const pat of itf.patterns) {
      if (pat.negated || !/^lo/i.test(pat.text)) continue;
      const fixes: SyntaxDiagnostic['fixes'] = [];
      const prefix = pat.prefix?.value;
      if (prefix && /\//.test(prefix)) fixes.push({ title: `Advertise ${prefix} with \`stubnet\` instead`, isPreferred: true, edits: stubnetEdits(itf, pat, prefix, text) });
      out.push(
        warn(
          pat.range,
          'bird/ospfv3-stub-loopback',
          `OSPFv3 cannot advertise the address of \`${pat.text}\` as a stub interface: a loopback has no IPv6 link-local address, so BIRD skips it. Advertise the address with \`stubnet <prefix>;\` in the area instead`,
          fixes,
        ),
      );
    }
  }
}

/** Edits that drop `pat` from the interface statement (or the whole statement) and add `stubnet prefix;`. */
function stubnetEdits(itf: BirdOspfInterface, pat: BirdOspfInterface['patterns'][number], prefix: string, text: string): { range: TextRange; newText: string }[] {
  const s = itf.stmt.range;
  const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, s.start))![0];
  if (itf.patterns.length === 1) return [{ range: s, newText: `stubnet ${prefix};` }];
  // Remove the pattern (with its prefix) and one adjacent comma.
  const idx = itf.patterns.indexOf(pat);
  const end = pat.prefix && pat.prefix.range.end > pat.range.end ? pat.prefix.range.end : pat.range.end;
  let range: TextRange;
  if (idx < itf.patterns.length - 1) {
    const next = itf.patterns[idx + 1].range.start;
    range = { start: pat.range.start, end: next };
  } else {
    const prevEnd = itf.patterns[idx - 1].prefix?.range.end ?? itf.patterns[idx - 1].range.end;
    range = { start: prevEnd, end };
  }
  return [range.start === s.start ? { range, newText: '' } : { range, newText: '' }, { range: { start: lineStart, end: lineStart }, newText: `${indent}stubnet ${prefix};\n` }];
}

function lowerInterface(
  itf: BirdOspfInterface,
  area: BirdArea,
  proc: model.OspfProcess,
  version: 2 | 3,
  device: model.Device,
  text: string,
  edit: (range: TextRange, newText: string) => model.Edit,
): void {
  const setter = <T>(loc: Located<number | string | boolean> | undefined, keyword: string, render: (v: T) => string | undefined): model.Setter<T> => (v: T) => {
    const value = render(v);
    if (value === undefined) return undefined;
    if (loc) return [edit(loc.range, value)];
    return insertStatement(itf, `${keyword} ${value};`, text).map((e) => edit(e.range, e.newText));
  };
  const num = (loc: Located<number> | undefined, dflt: number, source: string): model.Value<number> =>
    loc && Number.isFinite(loc.value) ? { value: loc.value, range: loc.range } : { value: dflt, default: source };

  const hello = num(itf.hello, OSPF_DEFAULTS.hello, 'BIRD default hello 10 s, for every network type');
  hello.set = setter<number>(itf.hello, 'hello', (v) => String(v));
  let dead: model.Value<number>;
  if (itf.dead && Number.isFinite(itf.dead.value)) dead = { value: itf.dead.value, range: itf.dead.range };
  else {
    const count = itf.deadCount && Number.isFinite(itf.deadCount.value) ? itf.deadCount.value : OSPF_DEFAULTS.deadCount;
    dead = { value: count * hello.value, range: itf.deadCount?.range, default: `BIRD: dead count ${count} × hello ${hello.value} s${itf.deadCount ? '' : ' (dead count default 4)'}` };
  }
  // `dead N` wins over `dead count` in BIRD [S18], so setting the dead interval writes `dead N;`.
  dead.set = setter<number>(itf.dead, 'dead', (v) => String(v));
  const priority = num(itf.priority, OSPF_DEFAULTS.priority, 'BIRD default priority 1');
  priority.set = setter<number>(itf.priority, 'priority', (v) => String(v));
  const cost = num(itf.cost, OSPF_DEFAULTS.cost, 'BIRD default cost 10');
  const networkType: model.Value<model.OspfNetworkType> = itf.type
    ? { value: OSPF_TYPES[itf.type.value] ?? 'broadcast', range: itf.type.range }
    : { value: 'broadcast', default: 'BIRD autodetects the type from the interface; assumed broadcast' };
  networkType.set = setter<model.OspfNetworkType>(itf.type, 'type', (v) => TYPE_KEYWORD[v]);
  const passive: model.Value<boolean> = itf.stub ? { value: itf.stub.value, range: itf.stub.range } : { value: false, default: 'BIRD default: stub no' };

  const authKind = itf.auth?.value ?? 'none';
  const first = itf.passwords[0];
  let auth: model.OspfAuth;
  if (authKind === 'none') auth = { type: 'none' };
  else if (authKind === 'simple') auth = { type: 'simple', key: first ? secret(first) : undefined };
  else {
    const alg = effectiveAlgorithm(itf, version);
    auth = { type: (PASSWORD_ALGORITHMS[alg] ?? 'keyed-md5') as model.OspfAuth['type'], key: first ? secret(first) : undefined, keyId: first ? (first.id?.value ?? 1) : undefined };
  }
  const authValue: model.Value<model.OspfAuth> = itf.auth
    ? { value: auth, range: itf.auth.range }
    : { value: auth, default: 'BIRD default: authentication none' };
  if (authKind === 'cryptographic' && !first?.algorithm) authValue.default = `BIRD default algorithm for OSPFv${version}: ${version === 2 ? 'keyed md5' : 'hmac sha256'}`;

  // BIRD strings have no escapes (cf-lex.l: every character up to the next `"` is taken as is, a line break ends
  // the string with an error), so a key holding `"` or a line break cannot be written: no edit then.
  const setAuthKey: model.Setter<string> = (key) => {
    if (/["\r\n]/.test(key)) return undefined;
    const quoted = `"${key}"`;
    if (first) return [edit(first.range, quoted)];
    return insertStatement(itf, `password ${quoted};`, text).map((e) => edit(e.range, e.newText));
  };

  const neighbors = itf.neighbors.map((n) => ({ value: n.address, range: n.range }));
  for (const n of neighbors) proc.neighbors.push(n);
  for (const pat of itf.patterns) {
    if (pat.negated) continue;
    const prefix = pat.prefix?.value;
    device.ospfInterfaces.push({
      processId: proc.id,
      interfaceName: pat.text,
      range: pat.range,
      prefix: prefix && prefix.includes('/') ? prefix.replace(/[+-]$/, '') : undefined,
      address: prefix && !prefix.includes('/') ? prefix : undefined,
      area: { value: area.id, range: area.idRange },
      areaType: area.type,
      networkType,
      hello,
      dead,
      priority,
      cost,
      passive,
      mtuIgnore: false,
      auth: authValue,
      version,
      neighbors,
      setAuthKey,
    });
  }
}

/**
 * Edits that make an area of this protocol (not of a template, which other protocols share) stub, NSSA or normal:
 * the `stub;`/`nssa;` statement is rewritten, removed (its own line) or added as the area's first statement.
 */
function birdAreaTypeEdits(areas: BirdArea[], id: string, type: 'normal' | 'stub' | 'nssa', text: string): { range: TextRange; newText: string }[] | undefined {
  const want = /^\d+$/.test(id) ? model.formatIpv4(Number(id) >>> 0) : model.canonicalAddress(id);
  const area = areas.find((a) => (/^\d+$/.test(a.id) ? model.formatIpv4(Number(a.id) >>> 0) : model.canonicalAddress(a.id)) === want);
  if (!area || !want || area.type === type) return undefined;
  if (type !== 'normal' && want === '0.0.0.0') return undefined;
  const kw = type === 'normal' ? undefined : type;
  if (area.typeRange) {
    if (kw) return [{ range: area.typeRange, newText: kw }];
    // `stub;` alone on its line: the line goes; else `stub no`.
    const lineStart = text.lastIndexOf('\n', area.typeRange.start - 1) + 1;
    const nl = text.indexOf('\n', area.typeRange.end);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    if (/^[ \t]*$/.test(text.slice(lineStart, area.typeRange.start)) && /^[ \t]*;[ \t]*\r?\n?$/.test(text.slice(area.typeRange.end, lineEnd))) return [{ range: { start: lineStart, end: lineEnd }, newText: '' }];
    return [{ range: area.typeRange, newText: 'stub no' }];
  }
  if (!kw || !area.block) return undefined;
  const open = area.block.tokens[0];
  const first = area.block.children.find((c) => c.tokens.length > 0);
  if (!open) return undefined;
  if (!first) return [{ range: { start: open.end, end: open.end }, newText: ` ${kw}; ` }];
  const lineStart = text.lastIndexOf('\n', first.range.start - 1) + 1;
  if (lineStart <= open.start) return [{ range: { start: first.range.start, end: first.range.start }, newText: `${kw}; ` }];
  const indent = /^[ \t]*/.exec(text.slice(lineStart, first.range.start))![0];
  return [{ range: { start: lineStart, end: lineStart }, newText: `${indent}${kw};\n` }];
}

function secret(pw: { plain: string; range: TextRange }): model.Secret {
  return { kind: 'plain', plain: pw.plain, range: pw.range };
}

/**
 * Edits that add `statement` to the interface: after its last statement in the block (same indentation),
 * into an empty block, or as a new block when the interface has none (`interface "e";` → `interface "e" { … };`).
 */
export function insertStatement(itf: BirdOspfInterface, statement: string, text: string): { range: TextRange; newText: string }[] {
  const block = itf.block;
  if (!block) {
    const semi = itf.stmt.tokens[itf.stmt.tokens.length - 1];
    const at = semi && semi.text === ';' ? semi.start : itf.stmt.range.end;
    return [{ range: { start: at, end: at }, newText: ` { ${statement} }` }];
  }
  const stmts = block.children.filter((c) => c.tokens.length > 0);
  const open = block.tokens[0];
  const close = block.tokens[1];
  if (stmts.length === 0) {
    const end = close ? close.start : open.end;
    return [{ range: { start: open.end, end }, newText: ` ${statement} ` }];
  }
  const last = stmts[stmts.length - 1];
  const firstStmt = stmts[0];
  const lineStart = text.lastIndexOf('\n', firstStmt.range.start - 1) + 1;
  const sameLine = lineStart <= open.start;
  if (sameLine) return [{ range: { start: last.range.end, end: last.range.end }, newText: ` ${statement}` }];
  const indent = /^[ \t]*/.exec(text.slice(lineStart, firstStmt.range.start))![0];
  return [{ range: { start: last.range.end, end: last.range.end }, newText: `\n${indent}${statement}` }];
}
