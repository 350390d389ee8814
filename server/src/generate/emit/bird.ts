// BIRD 2 emitter (issue 19): an OSPFv2 neighbour on the link shared with the source, as a complete bird.conf
// (router id, device/direct/kernel protocols, `protocol ospf v2` with an IPv4 channel, the area and the interface
// with its network type, timers and authentication). The interface pattern carries the link prefix, so netcfg
// (and BIRD) tie it to the shared subnet. Imports only the spec and the model.

import * as model from '../../model';
import { GenerateError, type OspfSpec, type PeerSpec, type TargetCapabilities } from '../spec';

export const BIRD_CAPS: TargetCapabilities = {
  id: 'bird',
  label: 'BIRD 2 (OSPF)',
  dialect: 'bird',
  languageId: 'bird',
  ikeVersions: [],
  phase1Encryption: [],
  phase1Hash: [],
  dh: [],
  phase2Encryption: [],
  phase2Integrity: [],
  scenarios: ['ospf-neighbor'],
  routeBased: false,
  defaultWan: 'eth0',
  defaultLanInterface: 'eth1',
};

/** Model network type → BIRD 2 `type` keyword (BIRD has no point-to-multipoint non-broadcast: ptmp with neighbors). */
const TYPE: Partial<Record<model.OspfNetworkType, string>> = {
  broadcast: 'broadcast',
  'point-to-point': 'ptp',
  'non-broadcast': 'nbma',
  'point-to-multipoint': 'ptmp',
  'point-to-multipoint-non-broadcast': 'ptmp',
};

/** Model auth type → BIRD `algorithm` (cryptographic authentication). */
const ALGORITHM: Partial<Record<string, string>> = {
  'keyed-md5': 'keyed md5',
  'keyed-sha1': 'keyed sha1',
  'hmac-sha1': 'hmac sha1',
  'hmac-sha256': 'hmac sha256',
  'hmac-sha384': 'hmac sha384',
  'hmac-sha512': 'hmac sha512',
};

export function emitBird(spec: PeerSpec): string {
  const notes = [...spec.notes];
  const o = spec.ospf;
  const src = spec.source.uri.split('/').pop() ?? spec.source.uri;
  const head = [`# bird.conf: OSPF neighbour of ${spec.source.name} (${src}), written by netcfg generate-peer (BIRD 2 syntax).`];
  if (!o) {
    notes.push('no OSPF settings to write for this scenario');
    return [...head, ...notes.map((n) => `# ${n}`)].join('\n') + '\n';
  }
  const body = ospfConf(o, spec.facts.lanInterface ?? BIRD_CAPS.defaultLanInterface, notes);
  head.push(`# This router: ${o.address} on ${o.interfaceName} (${o.prefix}); its neighbour ${spec.source.name}: ${spec.remote}.`);
  for (const n of notes) head.push(`# ${n}`);
  return [...head, '', ...body].join('\n') + '\n';
}

function ospfConf(o: OspfSpec, lanIf: string, notes: string[]): string[] {
  const lines: string[] = [];
  const lans = o.networks.map((n) => model.canonicalPrefix(n)).filter((n): n is string => n !== undefined && !n.includes(':'));
  lines.push(`router id ${o.routerId ?? o.address};`, '');
  lines.push('protocol device {', '}', '');
  lines.push('protocol direct {', '\tipv4;');
  if (lans.length) lines.push(`\tinterface "${lanIf}";`);
  lines.push('}', '');
  lines.push('protocol kernel {', '\tipv4 {', '\t\texport where source = RTS_OSPF;', '\t};', '}', '');
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(o.processId) ? o.processId : `ospf${o.processId.replace(/[^A-Za-z0-9_]/g, '')}`;
  lines.push(`protocol ospf v2 ${name} {`, '\tipv4 {', '\t\timport all;', '\t\texport none;', '\t};');
  const area = /^\d+$/.test(o.area) ? o.area : (model.canonicalAddress(o.area) ?? o.area);
  lines.push(`\tarea ${area} {`);
  if (o.areaType !== 'normal') {
    if (area === '0' || area === '0.0.0.0') notes.push('the backbone cannot be stub or NSSA');
    else lines.push(`\t\t${o.areaType};`);
  }
  const type = TYPE[o.networkType];
  if (!type) throw new GenerateError(`BIRD has no OSPF network type ${o.networkType} for this link`);
  const itf: string[] = [];
  if (type) itf.push(`type ${type};`);
  itf.push(`hello ${o.hello};`, `dead ${o.dead};`);
  if (o.priority !== undefined) itf.push(`priority ${o.priority};`);
  if (o.cost !== undefined) itf.push(`cost ${o.cost};`);
  const auth = o.auth;
  if (auth.type === 'simple') {
    itf.push('authentication simple;');
    if (auth.key) itf.push(`password ${quote(auth.key.value)};`);
  } else if (auth.type !== 'none') {
    const alg = ALGORITHM[auth.type];
    if (!alg) throw new GenerateError(`BIRD has no OSPF authentication ${auth.type}`);
    itf.push('authentication cryptographic;');
    if (auth.key) itf.push(`password ${quote(auth.key.value)} {`, `\tid ${auth.keyId ?? 1};`, `\talgorithm ${alg};`, '};');
    if (o.hello < 5) notes.push(`hello ${o.hello} follows the source: BIRD warns that hellos under 5 s weaken cryptographic authentication (replay); raise it on both ends`);
  }
  if (o.neighbors.length) {
    itf.push('neighbors {');
    for (const n of o.neighbors) itf.push(`\t${n};`);
    itf.push('};');
  }
  lines.push(`\t\tinterface "${o.interfaceName}" ${o.prefix} {`);
  for (const l of itf) lines.push(`\t\t\t${l}`);
  lines.push('\t\t};');
  for (const n of lans) lines.push(`\t\tstubnet ${n};`);
  lines.push('\t};', '}');
  return lines;
}

/** A BIRD string: BIRD's lexer takes `"…"` with no escapes, so a password holding `"` or a line break cannot be written. */
function quote(value: string): string {
  if (/["\r\n]/.test(value)) throw new GenerateError('the OSPF key cannot be written in bird.conf (it holds a double quote or a line break): change it on both ends');
  return `"${value}"`;
}
