// OSPFv3 across dialects on one /64: IOS `ipv6 ospf 1 area A` against BIRD `protocol ospf v3` (interface addresses
// from netcfg.yaml, since BIRD v3 selects interfaces by name only) and against RouterOS v7 `version=3` (its
// `/ipv6 address`). A clean variant and an area mismatch on both ends each, exact ranges.

import { test } from 'node:test';
import { checkDiagnostics } from '../helpers/fixture';

const CODES = ['ospf/area-mismatch', 'ospf/timer-mismatch', 'ospf/network-type-mismatch', 'ospf/auth-mismatch', 'ospf/passive-peer', 'ospf/mtu-mismatch'];

const ios = (caret = '') => `
//- core.ios
hostname core
!
ipv6 unicast-routing
!
interface GigabitEthernet0/0
 ipv6 address 2001:db8:12::1/64
 ipv6 ospf 1 area 0
${caret}!
ipv6 router ospf 1
 router-id 10.9.0.1
!
`;
const iosCaret = '!^^^^^^^^^^^^^^^^^^ error ospf/area-mismatch\n';

const bird = (area: string, caret = '') => `
//- bird.conf
router id 10.9.0.2;
protocol device {
}
protocol ospf v3 {
  ipv6 { import all; export all; };
  area ${area} {
${caret}    interface "eth0" {
    };
  };
}
//- netcfg.yaml
devices:
  - file: bird.conf
    interfaces:
      eth0: 2001:db8:12::2/64
`;

test('OSPFv3 IOS ↔ BIRD on a /64: clean', () => {
  checkDiagnostics(ios() + bird('0'), { codes: CODES });
});

test('OSPFv3 IOS ↔ BIRD on a /64: area mismatch on both ends', () => {
  checkDiagnostics(ios(iosCaret) + bird('1', '#      ^ error ospf/area-mismatch\n'), { codes: CODES });
});

test('OSPFv3 IOS ↔ BIRD: an IPv4-only yaml address does not pair the v3 interface', () => {
  checkDiagnostics(ios() + bird('1').replace('eth0: 2001:db8:12::2/64', 'eth0: 10.9.0.2/24'), { codes: CODES });
});

const ros = (area: string, caret = '') => `
//- edge.rsc
# by RouterOS 7.11
/ipv6 address
add address=2001:db8:12::3/64 interface=ether1
/routing ospf instance
add name=v3 version=3 router-id=10.9.0.3
/routing ospf area
add area-id=${area} instance=v3 name=a${area}
/routing ospf interface-template
add area=a${area} interfaces=ether1
${caret}`;

test('OSPFv3 IOS ↔ RouterOS v7 version=3 on a /64: clean, then area mismatch on both ends', () => {
  checkDiagnostics(ios() + ros('0.0.0.0'), { codes: CODES });
  checkDiagnostics(ios(iosCaret) + ros('0.0.0.1', '#        ^^^^^^^^ error ospf/area-mismatch\n'), { codes: CODES });
});
