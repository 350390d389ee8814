// `netcfg generate-peer FILE --peer ADDRESS --dialect TARGET [--lan CIDR] [--wan IF] [--include-psk]` (issue 19):
// prints the config of the device at ADDRESS, generated from FILE's side. Bad input exits 2 with a one-line reason;
// nothing secret is written anywhere but the generated config on stdout (and the real PSK only with --include-psk).

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readConfigFileSync } from '../host/read';
import * as model from '../model';
import { createLanguageService } from '../service';
import { isTargetId } from './emit';
import { GenerateError, TARGET_IDS, type GenerateOptions } from './spec';

export const GENERATE_USAGE = `Usage: netcfg generate-peer FILE --peer ADDRESS --dialect TARGET [options]

Prints the config of the device at ADDRESS (a peer, DMVPN spoke, L2TP client or OSPF neighbour of FILE's device),
in TARGET's syntax: ${TARGET_IDS.join(', ')}.

Options:
  --peer ADDRESS      the generated device's own address (FILE's peer address)
  --dialect TARGET    target dialect
  --lan CIDR          the generated device's LAN (default: mirrored from FILE's selectors, else 192.168.88.0/24)
  --wan NAME          the generated device's WAN / link interface (default per target: GigabitEthernet0/0, outside, ether1, em0)
  --hostname NAME     the generated device's hostname
  --gateway ADDRESS   the WAN's default gateway (adds a default route)
  --binding policy|route
                      force a policy-based (crypto map) or route-based (VTI) site-to-site tunnel
  --include-psk       write FILE's pre-shared key (default: the placeholder CHANGE-ME)
  -h, --help          this text
`;

class BadInput extends Error {}

function word(v: string | undefined, what: string): string | undefined {
  if (v === undefined) return undefined;
  if (!/^[A-Za-z0-9][\w./:-]{0,63}$/.test(v)) throw new BadInput(`${what} '${v.slice(0, 64)}' is not an interface or host name`);
  return v;
}

/** Runs `generate-peer` with its own arguments; returns the exit code. `out`/`err` default to the process streams. */
export function runGeneratePeer(argv: string[], out: (s: string) => void = (s) => void process.stdout.write(s), err: (s: string) => void = (s) => void process.stderr.write(s)): number {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          peer: { type: 'string' },
          dialect: { type: 'string' },
          lan: { type: 'string' },
          wan: { type: 'string' },
          hostname: { type: 'string' },
          gateway: { type: 'string' },
          binding: { type: 'string' },
          'include-psk': { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
    } catch (e) {
      throw new BadInput(e instanceof Error ? e.message.split('\n')[0] : 'bad arguments');
    }
    const v = parsed.values;
    if (v.help) {
      out(GENERATE_USAGE);
      return 0;
    }
    if (parsed.positionals.length !== 1) throw new BadInput(parsed.positionals.length ? 'give exactly one FILE' : 'missing FILE');
    if (!v.peer) throw new BadInput('missing --peer ADDRESS');
    if (!model.isAddress(v.peer)) throw new BadInput(`--peer '${v.peer.slice(0, 64)}' is not an IP address`);
    if (!v.dialect) throw new BadInput(`missing --dialect (${TARGET_IDS.join(', ')})`);
    if (!isTargetId(v.dialect)) throw new BadInput(`--dialect '${v.dialect.slice(0, 64)}' is not one of ${TARGET_IDS.join(', ')}`);
    if (v.lan !== undefined && (!v.lan.includes('/') || !model.canonicalPrefix(v.lan))) throw new BadInput(`--lan '${v.lan.slice(0, 64)}' is not a prefix (A.B.C.D/N)`);
    if (v.gateway !== undefined && !model.isAddress(v.gateway)) throw new BadInput(`--gateway '${v.gateway.slice(0, 64)}' is not an IP address`);
    if (v.binding !== undefined && v.binding !== 'policy' && v.binding !== 'route') throw new BadInput(`--binding must be policy or route`);
    const file = path.resolve(parsed.positionals[0]);
    const read = readConfigFileSync(file);
    if (!read.ok) throw new BadInput(`${parsed.positionals[0]}: ${read.reason}`);
    const service = createLanguageService({ batch: true });
    const uri = pathToFileURL(file).href;
    service.setDocument(uri, read.text, 1);
    if (!service.getDevice(uri)) throw new BadInput(`${parsed.positionals[0]}: not a config netcfg reads (unknown dialect)`);
    const options: GenerateOptions = {
      target: v.dialect,
      includeSecrets: v['include-psk'],
      binding: v.binding as GenerateOptions['binding'],
      facts: {
        lan: v.lan && model.canonicalPrefix(v.lan),
        wan: word(v.wan, '--wan'),
        hostname: word(v.hostname, '--hostname'),
        gateway: v.gateway && model.canonicalAddress(v.gateway),
      },
    };
    const g = service.generatePeer(uri, v.peer, options);
    out(g.text);
    return 0;
  } catch (e) {
    if (e instanceof BadInput || e instanceof GenerateError) {
      err(`netcfg generate-peer: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
