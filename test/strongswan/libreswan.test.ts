// Libreswan's side of a Libreswan ↔ strongSwan pair, lowered as pluto reads it: the algorithm aliases and the values a
// proposal leaves out (key size, DH group, integrity), `null` integrity after AEAD ciphers, public-key authby
// variants, the PFS group that follows the IKE SA, and a strongSwan tunnel responder that accepts transport mode.
// The snippets are from Libreswan's interop test suite (libreswan/libreswan testing/pluto/interop-*-strongswan-*),
// the scenarios the corpus run checks; each check has a failing and a clean variant.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectivePhase1, effectivePhase2, parseProposalList } from '../../server/src/dialects/strongswan/proposals';
import { fromEditorSettings, parseSwanFlavour } from '../../server/src/host/settings';
import { DEFAULT_SETTINGS } from '../../server/src/service';
import { loadFixture } from '../helpers/fixture';

const lib = (v: string) => parseProposalList(v, 0, 'stroke', 'libreswan');

describe('Libreswan algorithm names and omitted values', () => {
  it('`aes` without a key size is AES-256 and AES-128; strongSwan `aes` stays AES-128', () => {
    assert.deepEqual(lib('aes-sha1').proposals[0].encryption, ['aes-cbc-128', 'aes-cbc-256']);
    assert.deepEqual(parseProposalList('aes-sha1', 0).proposals[0].encryption, ['aes-cbc-128']);
    assert.deepEqual(lib('aes192-sha1').proposals[0].encryption, ['aes-cbc-192']);
  });

  it('`sha2` is SHA2-256 (ike_alg_sha2.c names "sha2", "sha256", "sha2_256")', () => {
    const p = lib('chacha20poly1305-sha2-dh19').proposals[0];
    assert.deepEqual([p.encryption, p.integrity, p.dh], [['chacha20-poly1305'], ['sha256'], ['ecp256']]);
    assert.deepEqual(lib('aes256-sha2').proposals[0].integrity, ['sha256']);
  });

  it('`ike=` without a DH group takes the default groups; without a hash the default hashes', () => {
    const v2 = effectivePhase1(lib('aes-sha1'), 'libreswan', 2).sets[0];
    assert.deepEqual([v2.encryption, v2.hash], [['aes-cbc-128', 'aes-cbc-256'], ['sha1']]);
    assert.ok(v2.dh.includes('modp2048') && v2.dh.includes('ecp256'), v2.dh.join());
    const v1 = effectivePhase1(lib('3des-sha1'), 'libreswan', 1).sets[0];
    assert.deepEqual([v1.encryption, v1.hash, v1.dh], [['3des'], ['sha1'], ['modp2048', 'modp1536']]);
    const gcm = effectivePhase1(lib('aes_gcm'), 'libreswan', 2).sets[0];
    assert.deepEqual(gcm.hash, ['sha512', 'sha256', 'sha1']);
    // A written group stays the only one.
    assert.deepEqual(effectivePhase1(lib('aes-sha2;modp3072'), 'libreswan', 2).sets[0].dh, ['modp3072']);
  });

  it('AEAD names with the key size as its own word and `null` integrity: aes_gcm_c-256-null, aes_ccm-null;modp2048, aes_ccm_c-128-null', () => {
    const gcm = lib('aes_gcm_c-256-null').proposals[0];
    assert.deepEqual([gcm.encryption, gcm.integrity, gcm.aead], [['aes-gcm-256'], [], true]);
    assert.deepEqual(gcm.words.map((w) => [w.text, w.kind]), [['aes_gcm_c', 'encryption'], ['256', 'encryption'], ['null', 'integrity']]);
    const gcm2 = lib('aes_gcm-256-null;modp2048').proposals[0];
    assert.deepEqual([gcm2.encryption, gcm2.dh], [['aes-gcm-256'], ['modp2048']]);
    const ccm = lib('aes_ccm-null;modp2048').proposals[0];
    assert.deepEqual([ccm.encryption, ccm.integrity, ccm.aead], [['aes-ccm-128', 'aes-ccm-256'], [], true]);
    assert.deepEqual(lib('aes_ccm_c-128-null').proposals[0].encryption, ['aes-ccm-128']);
    assert.deepEqual(lib('aes_gcm_a-128-null').proposals[0].encryption, ['aes-gcm-128-icv8']);
    assert.deepEqual(lib('aes_ccm_b256').proposals[0].encryption, ['aes-ccm-256-icv12']);
    assert.deepEqual(lib('aes_gcm_c-256-null').unknown, []);
  });

  it('null_auth_aes_gmac-null is AES-GMAC with no integrity; chacha20_poly1305-null; strongSwan null-md5 keeps `null` as the cipher', () => {
    const gmac = effectivePhase2(lib('null_auth_aes_gmac-null'), 'libreswan', 2).sets[0];
    assert.deepEqual([gmac.encryption, gmac.integrity], [['aes-gmac-128', 'aes-gmac-256'], []]);
    const cc = lib('chacha20_poly1305-null').proposals[0];
    assert.deepEqual([cc.encryption, cc.integrity], [['chacha20-poly1305'], []]);
    const nm = parseProposalList('null-md5', 0).proposals[0];
    assert.deepEqual([nm.encryption, nm.integrity], [['null'], ['md5']]);
  });

  it('`esp=aes;none`: no PFS group, the default integrity algorithms', () => {
    const l = lib('aes;none');
    assert.deepEqual([l.proposals[0].dh, l.unknown], [['none'], []]);
    const s = effectivePhase2(l, 'libreswan', 2).sets[0];
    assert.deepEqual([s.encryption, s.integrity, s.dh], [['aes-cbc-128', 'aes-cbc-256'], ['sha512', 'sha256', 'sha1'], []]);
  });
});

/** `file:line:col severity code "text"` for every error/warning finding, sorted. */
function listing(fixture: string, severities = ['error', 'warning']): string[] {
  const { service, files } = loadFixture(fixture);
  return files
    .flatMap((f) =>
      service
        .getFindings(f.uri)
        .filter((d) => severities.includes(d.severity))
        .map((d) => {
          const before = f.text.slice(0, d.range.start);
          return `${f.name}:${before.split('\n').length}:${d.range.start - before.lastIndexOf('\n')} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.range.start, d.range.end).split('\n')[0])}`;
        }),
    )
    .sort();
}

const errors = (fixture: string) => listing(fixture, ['error']);

// interop-ikev2-strongswan-aes_xcbc: west (Libreswan) and east (strongSwan swanctl).
const WEST = (o: { ike?: string; esp?: string; extra?: string } = {}) => `//- west.ipsec.conf
version 2.0
config setup
	plutodebug=all
conn westnet-eastnet-ikev2
	left=192.1.2.45
	leftnexthop=192.1.2.23
	right=192.1.2.23
	rightnexthop=192.1.2.45
	leftid=@west
	rightid=@east
	leftsubnet=192.0.1.0/24
	rightsubnet=192.0.2.0/24
	authby=secret
	ike=${o.ike ?? 'aes-aes_xcbc'}
	esp=${o.esp ?? 'aes-aes_xcbc'}
	auto=start
${o.extra ?? ''}
//- west.ipsec.secrets
@west @east : PSK "ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890"
`;

const EAST = (o: { proposals?: string; esp?: string; child?: string; auth?: string } = {}) => `//- east.swanctl.conf
connections {
	westnet-eastnet-ikev2 {
		version=2
		local_addrs=192.1.2.23
		remote_addrs=192.1.2.45
		proposals=${o.proposals ?? 'aes-aesxcbc-modp2048'}
		children {
			westnet-eastnet-ikev2 {
				start_action=none
				esp_proposals=${o.esp ?? 'aes-aesxcbc-modp2048'}
				remote_ts=192.0.1.0/24
				local_ts=192.0.2.0/24
${o.child ?? ''}
			}
		}
		local-0 {
			auth = ${o.auth ?? 'psk'}
			id = @east
		}
		remote-0 {
			auth = ${o.auth ?? 'psk'}
			id = @west
		}
	}
}
secrets {
	ike-@east@west {
		secret = "ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890"
		id-0=@east
		id-1=@west
	}
}
`;

describe('Libreswan ↔ strongSwan pairs (Libreswan interop tests)', () => {
  it('aes_xcbc: `ike=aes-aes_xcbc` (default DH groups) meets aes-aesxcbc-modp2048, and pfs=yes follows the IKE group', () => {
    assert.deepEqual(errors(WEST() + EAST()), []);
  });

  it('failing: a strongSwan group Libreswan does not offer by default (modp1024) → ike-proposal-mismatch both ways', () => {
    assert.deepEqual(errors(WEST() + EAST({ proposals: 'aes-aesxcbc-modp1024', esp: 'aes-aesxcbc' })), [
      'east.swanctl.conf:6:13 error ipsec/ike-proposal-mismatch "aes-aesxcbc-modp1024"',
      'west.ipsec.conf:14:6 error ipsec/ike-proposal-mismatch "aes-aes_xcbc"',
    ]);
  });

  it('failing: PFS group outside the Libreswan IKE groups (written `ike=…;modp2048`, strongSwan esp modp3072) → pfs-mismatch', () => {
    const l = errors(WEST({ ike: 'aes-aes_xcbc;modp2048' }) + EAST({ proposals: 'aes-aesxcbc-modp2048', esp: 'aes-aesxcbc-modp3072' }));
    assert.deepEqual(l, ['east.swanctl.conf:10:31 error ipsec/pfs-mismatch "modp3072"', 'west.ipsec.conf:7:2 error ipsec/pfs-mismatch "right=192.1.2.23"']);
  });

  it('AEAD with the key size as a word: esp=aes_gcm_c-256-null meets aes256gcm16-modp2048; aes_ccm_c-128-null meets aes128ccm16', () => {
    assert.deepEqual(errors(WEST({ ike: 'aes-sha1', esp: 'aes_gcm_c-256-null' }) + EAST({ proposals: 'aes128-sha1-modp2048', esp: 'aes256gcm16-modp2048' })), []);
    assert.deepEqual(errors(WEST({ ike: 'aes-sha1', esp: 'aes_ccm_c-128-null' }) + EAST({ proposals: 'aes128-sha1-modp2048', esp: 'aes128ccm16-modp2048' })), []);
    // failing: the key sizes differ.
    assert.deepEqual(errors(WEST({ ike: 'aes-sha1', esp: 'aes_ccm_c-128-null' }) + EAST({ proposals: 'aes128-sha1-modp2048', esp: 'aes256ccm16-modp2048' })), [
      'east.swanctl.conf:10:19 error ipsec/esp-proposal-mismatch "aes256ccm16-modp2048"',
      'west.ipsec.conf:15:6 error ipsec/esp-proposal-mismatch "aes_ccm_c-128-null"',
    ]);
  });

  it('type=transport against a strongSwan tunnel responder is accepted (interop-ikev2-strongswan-21-transport-02); a strongSwan transport-only child against Libreswan tunnel is not', () => {
    assert.deepEqual(errors(WEST({ ike: 'aes128-sha1;modp2048', esp: 'aes128-sha1', extra: '\ttype=transport' }) + EAST({ proposals: 'aes128-sha1-modp2048', esp: 'aes128-sha1-modp2048' })), []);
    const l = errors(WEST({ ike: 'aes128-sha1;modp2048', esp: 'aes128-sha1' }) + EAST({ proposals: 'aes128-sha1-modp2048', esp: 'aes128-sha1-modp2048', child: '\t\t\t\tmode=transport' }));
    assert.deepEqual(l, ['east.swanctl.conf:10:19 error ipsec/esp-proposal-mismatch "aes128-sha1-modp2048"', 'west.ipsec.conf:15:6 error ipsec/esp-proposal-mismatch "aes128-sha1"']);
  });
});

describe('Libreswan authentication and flavour', () => {
  const ECDSA_WEST = (authby: string) => `//- west.ipsec.conf
version 2.0
config setup
	plutodebug=all
conn westnet-eastnet-ikev2
	left=192.1.2.45
	right=192.1.2.23
	leftid=%fromcert
	rightid=%fromcert
	leftcert=west
	leftsubnet=192.0.1.0/24
	rightsubnet=192.0.2.0/24
	authby=${authby}
	auto=start
`;
  const PUBKEY_EAST = (auth: string) => `//- east.swanctl.conf
connections {
	westnet-eastnet-ikev2 {
		version=2
		local_addrs=192.1.2.23
		remote_addrs=192.1.2.45
		children {
			westnet-eastnet-ikev2 {
				local_ts=192.0.2.0/24
				remote_ts=192.0.1.0/24
			}
		}
		local-0 {
			auth = ${auth}
		}
		remote-0 {
			auth = ${auth}
		}
	}
}
`;

  it('authby=ecdsa (interop-ikev2-strongswan-46-responder-ecdsa-384) and auth = ike:rsa/pss-… (41-responder-digsig-rsa-pss-256) are public key authentication', () => {
    assert.deepEqual(errors(ECDSA_WEST('ecdsa') + PUBKEY_EAST('pubkey')), []);
    assert.deepEqual(errors(ECDSA_WEST('rsasig') + PUBKEY_EAST('ike:rsa/pss-sha256-sha384-sha512')), []);
    assert.deepEqual(errors(ECDSA_WEST('rsa-sha2_256') + PUBKEY_EAST('pubkey')), []);
  });

  it('failing: authby=secret against pubkey → ike-proposal-mismatch', () => {
    const l = errors(ECDSA_WEST('secret') + PUBKEY_EAST('pubkey'));
    assert.ok(l.some((x) => x.startsWith('west.ipsec.conf') && x.includes('ipsec/ike-proposal-mismatch')), l.join('\n'));
  });

  it('leftauth=secret + rightauth=rsasig (interop-ikev2-strongswan-31-asymmetric-responder) meets a swanctl pubkey/psk connection', () => {
    const west = ECDSA_WEST('secret').replace('\tauthby=secret\n', '\tleftauth=secret\n\trightauth=rsasig\n');
    assert.deepEqual(errors(west + PUBKEY_EAST('pubkey').replace('remote-0 {\n\t\t\tauth = pubkey', 'remote-0 {\n\t\t\tauth = psk')), []);
    // failing: a symmetric strongSwan end (pubkey both ways) against the asymmetric Libreswan end.
    assert.ok(errors(west + PUBKEY_EAST('pubkey')).some((x) => x.includes('ipsec/ike-proposal-mismatch')));
  });

  it('Libreswan keys decide the flavour even next to keyexchange=, which both accept', () => {
    const { service, files } = loadFixture(`//- w.ipsec.conf
config setup
	ikev1-policy=accept
conn ikev1
	left=192.1.2.45
	right=192.1.2.23
	leftrsasigkey=0sAQOm9dY
	keyexchange=ikev1
`);
    const dev = service.getDevice(files[0].uri);
    assert.equal(dev?.platformVersion, 'Libreswan');
    const { service: s2, files: f2 } = loadFixture(`//- s.ipsec.conf
conn a
	left=192.1.2.45
	right=192.1.2.23
	keyexchange=ikev1
`);
    assert.equal(s2.getDevice(f2[0].uri)?.platformVersion, 'strongSwan');
  });

  it('netcfg.strongswan.flavour (and --swan-flavour) decides for a file whose keys tell nothing', () => {
    const S = `//- s.ipsec.conf
conn a
	left=192.1.2.45
	right=192.1.2.23
	keyexchange=ikev1
`;
    const flavourOf = (editor: Parameters<typeof fromEditorSettings>[0]) => {
      const { service, files } = loadFixture(S, fromEditorSettings(editor, DEFAULT_SETTINGS));
      return service.getDevice(files[0].uri)?.platformVersion;
    };
    assert.equal(flavourOf({ strongswan: { flavour: 'libreswan' } }), 'Libreswan');
    assert.equal(flavourOf({ strongswan: { flavour: 'strongswan' } }), 'strongSwan');
    assert.equal(flavourOf({ strongswan: { flavour: 'auto' } }), 'strongSwan');
    assert.equal(flavourOf({ strongswan: { flavour: 'pluto' } }), 'strongSwan', 'an unknown value is auto');
    assert.deepEqual([parseSwanFlavour('libreswan'), parseSwanFlavour('auto'), parseSwanFlavour(7)], ['libreswan', undefined, undefined]);
  });
});

describe('Libreswan ikev1-policy', () => {
  // ikev1-policy-01-drop (east): the last `ikev1-policy=` of config setup counts.
  const EAST_DROP = (policy: string) => `//- east.ipsec.conf
config setup
	ikev1-policy=accept
	plutodebug=all
	ikev1-policy=${policy}
conn ikev1
	left=192.1.2.23
	right=192.1.2.45
	authby=secret
	keyexchange=ikev1
conn ikev2
	left=192.1.2.23
	right=192.1.2.45
	authby=secret
	keyexchange=ikev2
`;
  const peers = (fixture: string) => {
    const { service, files } = loadFixture(fixture);
    return service.getDevice(files[0].uri)?.ipsecPeers.map((p) => p.label);
  };

  it('ikev1-policy=drop: pluto refuses IKEv1, so the IKEv1 conn is no peer; accept keeps it', () => {
    assert.deepEqual(peers(EAST_DROP('drop')), ['conn ikev2']);
    assert.deepEqual(peers(EAST_DROP('reject')), ['conn ikev2']);
    assert.deepEqual(peers(EAST_DROP('accept')), ['conn ikev1', 'conn ikev2']);
  });
});
