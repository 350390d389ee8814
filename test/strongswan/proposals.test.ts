// proposals.ts: strongSwan and Libreswan algorithm keywords → the vocabulary, the strict `!`, the default
// proposals appended without it (per IKE version and flavour), PFS from the ESP DH group, and rendering back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectivePhase1, effectivePhase2, parseProposalList, pfsOf, renderEspProposal, renderIkeProposal } from '../../server/src/dialects/strongswan/proposals';

describe('proposal lists', () => {
  it('strongSwan keywords, several proposals, ranges of every word, the strict flag', () => {
    const v = 'aes128-sha256-modp2048, aes256gcm16-prfsha384-ecp384!';
    const l = parseProposalList(v, 100);
    assert.equal(l.strict, true);
    assert.deepEqual(l.proposals.map((p) => [p.text, p.encryption, p.integrity, p.prf, p.dh, p.aead]), [
      ['aes128-sha256-modp2048', ['aes-cbc-128'], ['sha256'], [], ['modp2048'], false],
      ['aes256gcm16-prfsha384-ecp384', ['aes-gcm-256'], [], ['sha384'], ['ecp384'], true],
    ]);
    const w = l.proposals[1].words[2];
    assert.deepEqual([w.text, w.range.start - 100, v.slice(w.range.start - 100, w.range.end - 100)], ['ecp384', 46, 'ecp384']);
    assert.equal(parseProposalList('aes128-sha1', 0).strict, false);
  });

  it('ICV lengths, CTR, ChaCha20, Brainpool, Curve25519, ESN; unknown words kept apart', () => {
    const l = parseProposalList('aes128gcm12-aes256ccm8-aes192ctr-chacha20poly1305-ecp256bp-curve25519-esn-sha265', 0);
    const p = l.proposals[0];
    assert.deepEqual(p.encryption, ['aes-gcm-128-icv12', 'aes-ccm-256-icv8', 'aes-ctr-192', 'chacha20-poly1305']);
    assert.deepEqual(p.dh, ['bp256', 'curve25519']);
    assert.deepEqual(l.unknown.map((u) => u.text), ['sha265']);
  });

  it('strongSwan 6 post-quantum: ML-KEM as the key exchange, `ke1_`…`ke7_` additional key exchanges (RFC 9370)', () => {
    // libstrongswan tests/suites/test_proposal.c and proposal_keywords_static.txt; `ke8_` and `ke1_` before a
    // word that is no key exchange method are refused by additional_key_exchange_parser.
    const l = parseProposalList('aes256gcm16-prfsha384-x25519-ke1_mlkem768-ke2_none,aes256-sha256-mlkem1024,aes128-sha256-modp3072-ke8_mlkem768-ke1_sha256', 0);
    assert.deepEqual(l.proposals.map((p) => p.dh), [['curve25519'], ['mlkem1024'], ['modp3072']]);
    assert.deepEqual(l.proposals[0].words.filter((w) => w.kind === 'additional-ke').map((w) => [w.text, w.canonical]), [['ke1_mlkem768', 'ke1_mlkem768'], ['ke2_none', 'ke2_none']]);
    assert.deepEqual(l.unknown.map((u) => u.text), ['ke8_mlkem768', 'ke1_sha256']);
  });

  it('every keyword of strongSwan\'s proposal_keywords_static.txt: ICV-less GCM/CCM aliases, Camellia CTR/CCM, Serpent, Twofish', () => {
    const l = parseProposalList('aes256gcm-aes128ccm-camellia128ccm12-camellia256ctr-serpent192-twofish-chacha20poly1305compat-prfcamelliaxcbc-gost256', 0);
    const p = l.proposals[0];
    assert.deepEqual(p.encryption, ['aes-gcm-256', 'aes-ccm-128', 'camellia-ccm-128-icv12', 'camellia-ctr-256', 'serpent-192', 'twofish-128', 'chacha20-poly1305']);
    assert.deepEqual([p.prf, p.dh, p.aead, l.unknown], [['camellia-xcbc'], ['gost256'], true, []]);
    // No Camellia-GCM in strongSwan, nor an ICV-less Camellia-CCM.
    assert.deepEqual(parseProposalList('camellia128gcm16-camellia128ccm', 0).unknown.map((u) => u.text), ['camellia128gcm16', 'camellia128ccm']);
  });

  it('Libreswan: `+` alternatives, `;` before the DH group, sha2_N, dhN', () => {
    const p = parseProposalList('aes_gcm256-sha2_512+sha2_256-dh19+dh31', 0).proposals[0];
    assert.deepEqual([p.encryption, p.integrity, p.dh], [['aes-gcm-256'], ['sha512', 'sha256'], ['ecp256', 'curve25519']]);
    const q = parseProposalList('aes256-sha1;modp1024', 0).proposals[0];
    assert.deepEqual([q.encryption, q.integrity, q.dh], [['aes-cbc-256'], ['sha1'], ['modp1024']]);
  });
});

describe('effective proposals', () => {
  it('strongSwan without `!` appends its defaults (no MODP 1024, no DES/MD5); with `!` it does not', () => {
    const loose = effectivePhase1(parseProposalList('3des-md5-modp1024', 0), 'strongswan', 2);
    assert.deepEqual(loose.sets.map((s) => s.label), ['3des-md5-modp1024', 'default', 'default (AEAD)']);
    assert.equal(loose.appended, true);
    assert.ok(!loose.sets[1].dh.includes('modp1024') && loose.sets[1].dh.includes('modp2048'));
    assert.ok(!loose.sets[1].encryption.includes('des') && loose.sets[1].encryption.includes('3des'));
    assert.ok(!loose.sets[1].hash.includes('md5'));
    const strict = effectivePhase1(parseProposalList('3des-md5-modp1024!', 0), 'strongswan', 2);
    assert.deepEqual(strict.sets.map((s) => s.label), ['3des-md5-modp1024']);
    // IKEv1 takes the first algorithm of each kind of a proposal.
    assert.deepEqual(effectivePhase1(parseProposalList('aes256-aes128-sha256-sha1-modp2048-modp1024!', 0), 'strongswan', 1).sets.map((s) => [s.encryption, s.hash, s.dh]), [[['aes-cbc-256'], ['sha256'], ['modp2048']]]);
  });

  it('absent settings: strongSwan 5.4+ configured defaults then the defaults; Libreswan its own defaults', () => {
    assert.deepEqual(effectivePhase1(undefined, 'strongswan', 2).sets.map((s) => s.label), ['aes128-sha256-modp3072 (default)', 'default', 'default (AEAD)']);
    assert.deepEqual(effectivePhase2(undefined, 'strongswan', 2).sets.map((s) => [s.label, s.encryption[0], s.integrity[0]]), [
      ['aes128-sha256 (default)', 'aes-cbc-128', 'sha256'],
      ['default', 'aes-cbc-128', 'sha256'],
      ['default (AEAD)', 'aes-gcm-128', undefined],
    ]);
    assert.deepEqual(effectivePhase2(parseProposalList('aes128-sha1', 0), 'libreswan', 2).sets.map((s) => s.label), ['aes128-sha1']);
  });

  it('PFS is the first DH group of the ESP proposals', () => {
    assert.equal(pfsOf(parseProposalList('aes256-sha256,aes128-sha1-ecp256-modp2048', 0)), 'ecp256');
    assert.equal(pfsOf(parseProposalList('aes256-sha256!', 0)), 'none');
    assert.equal(pfsOf(undefined), 'none');
  });

  it('renders canonical values back (AEAD with a PRF, Libreswan names), and refuses what it cannot say', () => {
    assert.equal(renderIkeProposal({ encryption: 'aes-cbc-256', hash: 'sha256', dh: 'modp2048' }, 'strongswan'), 'aes256-sha256-modp2048');
    assert.equal(renderIkeProposal({ encryption: 'aes-gcm-256', hash: 'sha384', dh: 'bp384' }, 'strongswan'), 'aes256gcm16-prfsha384-ecp384bp');
    assert.equal(renderIkeProposal({ encryption: 'aes-cbc-128', hash: 'sha256', dh: 'modp2048' }, 'libreswan'), 'aes128-sha2_256-dh14');
    assert.equal(renderEspProposal({ encryption: 'aes-gcm-128', integrity: 'none', pfs: 'ecp256' }, 'strongswan'), 'aes128gcm16-ecp256');
    assert.equal(renderEspProposal({ encryption: 'aes-cbc-256', integrity: 'sha1' }, 'strongswan'), 'aes256-sha1');
    assert.equal(renderIkeProposal({ encryption: 'seal', hash: 'sha1', dh: 'modp2048' }, 'strongswan'), undefined);
    // Round trip: what is rendered parses to the same values.
    const p = parseProposalList(renderIkeProposal({ encryption: 'aes-ctr-192', hash: 'sha512', dh: 'curve25519' }, 'strongswan')!, 0).proposals[0];
    assert.deepEqual([p.encryption, p.integrity, p.dh], [['aes-ctr-192'], ['sha512'], ['curve25519']]);
  });
});
