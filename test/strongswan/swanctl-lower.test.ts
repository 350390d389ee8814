// swanctl.conf lowering: model values (with ranges or their default's source) for real-shaped configs, PSK
// selection by identity, templates, and the Setters' edits applied back to the text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as model from '../../server/src/model';
import { renderEspProposal, renderIkeProposal } from '../../server/src/dialects/strongswan/proposals';
import { lowerSwanctlTree, parseTime } from '../../server/src/dialects/strongswan/swanctl-lower';
import { parseSwanctl } from '../../server/src/dialects/strongswan/swanctl-parse';

function lower(text: string) {
  const p = parseSwanctl(text);
  return lowerSwanctlTree(text, p.tree, p.diagnostics, 'file:///etc/swanctl/swanctl.conf', {});
}

function apply(text: string, edits: model.Edit[] | undefined): string {
  assert.ok(edits && edits.length, 'the setter returns edits');
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

const at = (text: string, r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);

// Site-to-site to a Cisco router (IKEv1, AES-256/SHA-1/group 2, no PFS), in swanctl.conf(5) syntax.
const TO_IOS = `connections {
   r1 {
      version = 1
      local_addrs = 192.168.23.2
      remote_addrs = 192.168.23.3
      proposals = aes256-sha1-modp1024
      rekey_time = 86400s
      local {
         auth = psk
      }
      remote {
         auth = psk
      }
      children {
         lan {
            local_ts = 192.168.88.0/24
            remote_ts = 192.168.0.0/24
            esp_proposals = aes256-sha1
            start_action = trap
         }
      }
   }
}
secrets {
   ike-r1 {
      id = 192.168.23.3
      secret = "MY_KEY"
   }
}
`;

test('site-to-site to IOS: addresses, version, proposals, selectors, PSK with ranges', () => {
  const { device, diagnostics } = lower(TO_IOS);
  assert.deepEqual(diagnostics, []);
  assert.equal(device.dialect, 'strongswan');
  assert.deepEqual(device.extraAddresses.map((a) => a.value), ['192.168.23.2']);
  assert.equal(device.ipsecPeers.length, 1);
  const p = device.ipsecPeers[0];
  assert.equal(p.label, 'connection r1');
  assert.equal(at(TO_IOS, p.range), 'r1');
  assert.equal(p.remote?.value, '192.168.23.3');
  assert.equal(at(TO_IOS, p.remote?.range), '192.168.23.3');
  assert.equal(p.local?.value, '192.168.23.2');
  assert.equal(p.ikeVersion.value, 1);
  assert.equal(at(TO_IOS, p.ikeVersion.range), '1');
  assert.equal(p.role, 'both');
  assert.equal(p.phase1.length, 1);
  const p1 = p.phase1[0];
  assert.deepEqual([p1.encryption.value, p1.hash.value, p1.dh.value, p1.auth.value, p1.lifetime.value], [['aes-cbc-256'], ['sha1'], ['modp1024'], 'psk', 86400]);
  assert.equal(at(TO_IOS, p1.range), 'aes256-sha1-modp1024');
  assert.equal(at(TO_IOS, p1.lifetime.range), '86400s');
  assert.equal(p.phase2.length, 1);
  assert.deepEqual([p.phase2[0].encryption.value, p.phase2[0].integrity.value, p.phase2[0].mode.value, p.phase2[0].protocol.value], [['aes-cbc-256'], ['sha1'], 'tunnel', 'esp']);
  assert.equal(p.pfs.value, 'none');
  assert.equal(p.phase2Lifetime?.value, 3600);
  assert.ok(p.phase2Lifetime?.default);
  assert.deepEqual(p.selectors.map((s) => [s.local, s.remote, s.protocol, at(TO_IOS, s.range)]), [['192.168.88.0/24', '192.168.0.0/24', 'ip', '192.168.88.0/24\n            remote_ts = 192.168.0.0/24']]);
  assert.equal(p.psk?.secret.plain, 'MY_KEY');
  assert.equal(at(TO_IOS, p.psk?.secret.range), '"MY_KEY"');
  assert.equal(p.psk?.peer, '192.168.23.3/32');
  assert.deepEqual(device.keys.map((k) => k.peer), ['192.168.23.3/32']);
  assert.equal(model.maskSecret(p.psk!.secret), '****** (6 chars)');
});

test('defaults: version 0 initiates IKEv2, proposals/esp_proposals `default`, dynamic selectors, pubkey auth', () => {
  const text = 'connections {\n  rw {\n    local_addrs = 203.0.113.5\n    remote_addrs = 198.51.100.7\n    children {\n      host {\n      }\n    }\n  }\n}\n';
  const p = lower(text).device.ipsecPeers[0];
  assert.equal(p.ikeVersion.value, 2);
  assert.match(p.ikeVersion.default!, /version = 0/);
  assert.equal(p.phase1.length, 2);
  assert.ok(p.phase1[0].encryption.value.includes('aes-cbc-128'));
  assert.ok(p.phase1[0].dh.value.includes('modp3072'));
  assert.ok(!p.phase1[0].dh.value.includes('modp1024'), 'charon never proposes modp1024 by default');
  assert.match(p.phase1[0].encryption.default!, /default/);
  assert.equal(p.phase1[0].auth.value, 'rsa-sig');
  assert.equal(p.phase1[0].lifetime.value, 14400);
  assert.equal(p.pfs.value, 'none');
  assert.equal(p.role, 'responder');
  assert.deepEqual(p.selectors.map((s) => [s.local, s.remote]), [['203.0.113.5/32', '198.51.100.7/32']]);
  assert.equal(at(text, p.selectors[0].range), 'host');
  assert.equal(p.psk, undefined);
});

test('`default` keyword appends the defaults; ESP DH group is the PFS group; AEAD has no integrity', () => {
  const text = `connections {
  c {
    remote_addrs = 198.51.100.7
    proposals = aes128gcm16-prfsha256-ecp256, default
    children {
      net {
        remote_ts = 10.9.0.0/16[tcp/http], 10.8.0.0/16
        local_ts = 10.1.0.0/24
        esp_proposals = aes256gcm16-ecp384
        mode = transport
        rekey_time = 30m
      }
    }
  }
}
`;
  const p = lower(text).device.ipsecPeers[0];
  assert.deepEqual(p.phase1[0].encryption.value, ['aes-gcm-128']);
  assert.deepEqual(p.phase1[0].hash.value, ['sha256']);
  assert.equal(p.phase1.length, 3);
  assert.ok(p.phase1[0].encryption.range && p.phase1[1].encryption.default);
  assert.equal(p.pfs.value, 'ecp384');
  assert.equal(at(text, p.pfs.range), 'ecp384');
  assert.deepEqual(p.phase2[0].integrity.value, ['none']);
  assert.equal(p.phase2[0].mode.value, 'transport');
  assert.equal(p.phase2Lifetime?.value, 1800);
  assert.deepEqual(
    p.selectors.map((s) => [s.local, s.remote, s.protocol, s.remotePort]),
    [
      ['10.1.0.0/24', '10.9.0.0/16', 'tcp', '80'],
      ['10.1.0.0/24', '10.8.0.0/16', 'ip', undefined],
    ],
  );
});

test('PSK selection: the remote identity wins over a key for this end and over an id-less key', () => {
  const text = `connections {
  a {
    local_addrs = 192.0.2.1
    remote_addrs = 198.51.100.2
    local { auth = psk }
    remote { auth = psk }
  }
  b {
    local_addrs = 192.0.2.1
    remote_addrs = 198.51.100.3
    local { auth = psk }
    remote { auth = psk
      id = branch.example.org }
  }
  c {
    remote_addrs = 198.51.100.4
    local { auth = psk }
  }
}
secrets {
  ike-any { secret = anykey }
  ike-a { id-1 = 192.0.2.1
    id-2 = 198.51.100.2
    secret = 0x6b657961 }
  ike-b { id = @branch.example.org
    secret = 0sa2V5Yg== }
}
`;
  const { device } = lower(text);
  const [a, b, c] = device.ipsecPeers;
  assert.equal(a.psk?.secret.plain, 'keya');
  assert.equal(a.psk?.peer, '198.51.100.2/32');
  assert.equal(b.psk?.secret.plain, 'keyb');
  assert.equal(c.psk?.secret.plain, 'anykey');
  assert.equal(c.psk?.peer, '0.0.0.0/0');
  assert.deepEqual(device.keys.map((k) => k.peer), ['0.0.0.0/0', '192.0.2.1/32', '198.51.100.2/32', '@branch.example.org']);
});

test('responder for any address; templates (`name : base`) inherit settings', () => {
  const text = `connections {
  base {
    version = 1
    proposals = 3des-md5-modp1024
  }
  rw : base {
    local_addrs = 192.0.2.1
    children { net { local_ts = 10.0.0.0/8 } }
  }
}
`;
  const { device } = lower(text);
  assert.equal(device.ipsecPeers.length, 1, 'the template alone is no tunnel');
  const p = device.ipsecPeers[0];
  assert.equal(p.remote, undefined);
  assert.equal(p.remoteAny, '0.0.0.0/0');
  assert.equal(p.ikeVersion.value, 1);
  assert.deepEqual(p.phase1[0].encryption.value, ['3des']);
  assert.deepEqual(p.selectors, [], 'remote dynamic with an unknown remote address: no selector');
  // A template may be defined in an included file: no reference, so no `ref/undefined` either.
  assert.deepEqual(device.references, []);
});

test('setters: proposals, ESP, PFS, lifetimes, version, selectors and the secret write swanctl.conf', () => {
  const p = lower(TO_IOS).device.ipsecPeers[0];
  assert.match(apply(TO_IOS, p.setPhase1!({ encryption: 'aes-cbc-128', hash: 'sha256', dh: 'modp2048' })), /proposals = aes128-sha256-modp2048\n/);
  assert.match(apply(TO_IOS, p.setPhase2!({ encryption: 'aes-cbc-128', integrity: 'sha1' })), /esp_proposals = aes128-sha1\n/);
  assert.match(apply(TO_IOS, p.setPfs!('modp1024')), /esp_proposals = aes256-sha1-modp1024\n/);
  assert.match(apply(TO_IOS, p.phase1[0].lifetime.set!(28800)), /rekey_time = 28800\n/);
  const child = apply(TO_IOS, p.phase2Lifetime!.set!(3600));
  assert.match(child, /lan \{\n            rekey_time = 3600\n            local_ts = 192\.168\.88\.0\/24/);
  assert.match(apply(TO_IOS, p.ikeVersion.set!(2)), /version = 2\n/);
  assert.match(apply(TO_IOS, p.psk!.set!('MYKEY')), /secret = "MYKEY"\n/);
  const sel = apply(TO_IOS, p.setSelector!({ range: p.selectors[0].range, local: '192.168.88.0/24', remote: '192.168.1.0/24', protocol: 'ip' }));
  assert.match(sel, /remote_ts = 192\.168\.1\.0\/24\n/);
  assert.match(sel, /local_ts = 192\.168\.88\.0\/24\n/);
  // Each fixed text lowers to the value the setter was given.
  const fixed = lower(apply(TO_IOS, p.setPhase1!({ encryption: 'aes-cbc-128', hash: 'sha256', dh: 'modp2048' }))).device.ipsecPeers[0];
  assert.deepEqual([fixed.phase1[0].encryption.value, fixed.phase1[0].hash.value, fixed.phase1[0].dh.value], [['aes-cbc-128'], ['sha256'], ['modp2048']]);
  // An AEAD IKE proposal is written with its PRF and lowers back to the same values.
  const aead = apply(TO_IOS, p.setPhase1!({ encryption: 'aes-gcm-256', hash: 'sha384', dh: 'ecp384' }));
  assert.match(aead, /proposals = aes256gcm16-prfsha384-ecp384\n/);
  const back = lower(aead).device.ipsecPeers[0].phase1[0];
  assert.deepEqual([back.encryption.value, back.hash.value, back.dh.value], [['aes-gcm-256'], ['sha384'], ['ecp384']]);
});

test('setters insert missing settings with the section indentation, and add a secret', () => {
  const text = 'connections {\n  gw {\n    remote_addrs = 198.51.100.9\n    local {\n      auth = psk\n    }\n    children {\n      net {\n        local_ts = 10.0.0.0/24\n      }\n    }\n  }\n}\n';
  const p = lower(text).device.ipsecPeers[0];
  const t1 = apply(text, p.setPhase1!({ encryption: 'aes-cbc-256', hash: 'sha1', dh: 'modp1024' }));
  assert.match(t1, /gw \{\n    proposals = aes256-sha1-modp1024\n    remote_addrs/);
  assert.equal(lower(t1).device.ipsecPeers[0].phase1[0].dh.value[0], 'modp1024');
  const t2 = apply(text, p.setPfs!('modp2048'));
  assert.match(t2, /net \{\n        esp_proposals = aes128-sha256-modp2048\n/);
  // No secret in this file: the key may be in an included one, so it is there but cannot be compared.
  assert.equal(p.psk?.secret.kind, 'masked');
  const t3 = apply(text, p.addPsk!('s3cret'));
  assert.match(t3, /\nsecrets \{\n   ike-gw \{\n      id = 198\.51\.100\.9\n      secret = "s3cret"\n   \}\n\}\n$/);
  const q = lower(t3).device.ipsecPeers[0];
  assert.equal(q.psk?.secret.plain, 's3cret');
  // Into an existing secrets section.
  const withSecrets = `${text}secrets {\n  ike-other {\n    id = 192.0.2.77\n    secret = x\n  }\n}\n`;
  const r = lower(withSecrets).device.ipsecPeers[0];
  const t4 = apply(withSecrets, r.addPsk!('k"ey'));
  assert.match(t4, /  ike-gw \{\n     id = 198\.51\.100\.9\n     secret = "k\\"ey"\n  \}\n\}\n$/);
  assert.equal(lower(t4).device.ipsecPeers[0].psk?.secret.plain, 'k"ey');
});

test('time values and proposal spelling', () => {
  assert.deepEqual(['3600', '60s', '30m', '4h', '1d', 'x'].map(parseTime), [3600, 60, 1800, 14400, 86400, undefined]);
  // swanctl.conf and ipsec.conf share one renderer (proposals.ts).
  assert.equal(renderEspProposal({ encryption: 'aes-gcm-256', integrity: 'sha256', pfs: 'ecp384' }, 'strongswan'), 'aes256gcm16-ecp384');
  assert.equal(renderEspProposal({ encryption: 'aes-ccm-128', integrity: undefined, pfs: 'none' }, 'strongswan'), 'aes128ccm16');
  assert.equal(renderEspProposal({ encryption: 'aes-cbc-256', integrity: 'sha256-96' }, 'strongswan'), 'aes256-sha256_96');
  // A non-AEAD cipher with no integrity to write is not a proposal netcfg writes.
  assert.equal(renderEspProposal({ encryption: 'aes-cbc-256', integrity: undefined }, 'strongswan'), undefined);
  assert.equal(renderIkeProposal({ encryption: '3des', hash: 'md5', dh: 'bp256' }, 'strongswan'), '3des-md5-ecp256bp');
  // IKE with an AEAD cipher names its PRF (strongSwan: an AEAD IKE proposal needs one).
  assert.equal(renderIkeProposal({ encryption: 'aes-gcm-256', hash: 'sha384', dh: 'ecp384' }, 'strongswan'), 'aes256gcm16-prfsha384-ecp384');
  assert.equal(renderIkeProposal({ encryption: 'unknown', hash: 'sha1', dh: 'modp2048' }, 'strongswan'), undefined);
});

test('an unknown keyword in `proposals` or `esp_proposals` is one warning per setting, even when templates share it', () => {
  const text = [
    'connections {',
    '  base {',
    '    remote_addrs = 198.51.100.2',
    '    proposals = aes256-sha265-modp2048',
    '    children {',
    '      net { esp_proposals = aes128gcm16-modp9999 }',
    '    }',
    '  }',
    '  gw-a : base {',
    '    local_addrs = 192.0.2.1',
    '  }',
    '  gw-b : base {',
    '    local_addrs = 192.0.2.3',
    '  }',
    '}',
    '',
  ].join('\n');
  const { device, diagnostics } = lower(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, at(text, d.range)]),
    [
      ['strongswan/unknown-algorithm', 'warning', 'sha265'],
      ['strongswan/unknown-algorithm', 'warning', 'modp9999'],
    ],
  );
  assert.match(diagnostics[0].message, /`sha265` is not an algorithm keyword netcfg knows in `proposals`/);
  // The lists are not modelled rather than compared wrongly.
  for (const p of device.ipsecPeers) assert.deepEqual([p.phase1.length, p.phase2.length], [0, 0]);
  // A known list gives no warning, post-quantum ones included (strongSwan 6: ML-KEM, RFC 9370 `ke1_`).
  assert.deepEqual(lower(text.replace('sha265', 'sha256').replace('modp9999', 'modp3072')).diagnostics, []);
  const pq = lower(text.replace('aes256-sha265-modp2048', 'aes256gcm16-prfsha384-x25519-ke1_mlkem768').replace('aes128gcm16-modp9999', 'aes256gcm16-x25519-ke1_mlkem768'));
  assert.deepEqual(pq.diagnostics, []);
  const gw = pq.device.ipsecPeers.find((p) => p.local?.value === '192.0.2.1')!;
  assert.deepEqual([gw.phase1.map((p) => p.dh.value), gw.phase2.map((p) => p.encryption.value), gw.pfs.value], [[['curve25519']], [['aes-gcm-256']], 'curve25519']);
});
