// strongSwan / Libreswan algorithm proposals → the neutral vocabulary (model/vocabulary.ts), shared by the stroke
// (ipsec.conf `ike=`/`esp=`, Libreswan `phase2alg=`) and vici (swanctl.conf `proposals`/`esp_proposals`) formats.
//
// Format [strongSwan docs, "Algorithm Proposals (Cipher Suites)", https://docs.strongswan.org/docs/latest/config/proposals.html]:
// a comma-separated list of proposals, each a dash-separated list of algorithm keywords (`aes128-sha256-modp3072`,
// `aes256gcm16-prfsha384-ecp384`). With IKEv2 several algorithms of one kind may be listed in one proposal; IKEv1
// uses the first of each kind. A trailing `!` (stroke `ike=`/`esp=`) makes the list strict; without it charon adds
// its default proposals after the configured ones (ipsec.conf(5): "The daemon adds its extensive default proposal
// to this default or the configured value. To restrict it to the configured proposal an exclamation mark (!) can
// be added at the end"). swanctl.conf is strict unless the keyword `default` is listed (swanctl.conf(5)).
// Libreswan [ipsec.conf(5), https://libreswan.org/man/ipsec.conf.5.html]: `-` between kinds, `+` between
// alternatives of one kind, the DH group after `;` in older releases (`aes256-sha1;modp1024`); a configured list
// is used as written (no defaults appended, `!` accepted and ignored).
//
// The ESP/AH DH group is the PFS group (`esp=aes128-sha256-modp2048` rekeys the CHILD_SA with modp2048).
//
// Pure functions; no LSP, no file system.

import * as model from '../../model';
import type { TextRange } from '../../syntax';

export type Flavour = 'strongswan' | 'libreswan';

/** One algorithm keyword as written, with its offset range and what it means. */
export interface AlgorithmWord {
  text: string;
  range: TextRange;
  kind: 'encryption' | 'integrity' | 'prf' | 'dh' | 'additional-ke' | 'esn' | 'unknown';
  /** Canonical id (model/vocabulary.ts), for known words; `ke1_mlkem768` for an additional key exchange. */
  canonical?: string;
}

export interface ParsedProposal {
  /** The proposal's text as written (without the strict `!`). */
  text: string;
  range: TextRange;
  encryption: string[];
  integrity: string[];
  prf: string[];
  dh: string[];
  /** At least one AEAD cipher (GCM, CCM, ChaCha20-Poly1305): no integrity algorithm needed. */
  aead: boolean;
  words: AlgorithmWord[];
}

export interface ProposalList {
  proposals: ParsedProposal[];
  /** Strict: `!` at the end (stroke) or no `default` keyword (vici); no default proposals appended. */
  strict: boolean;
  /** The `default` keyword was listed (swanctl.conf): the defaults are appended at that position. */
  hasDefaultKeyword: boolean;
  unknown: AlgorithmWord[];
}

// Encryption keywords [strongSwan IKEv2 cipher suites, https://docs.strongswan.org/docs/latest/config/IKEv2CipherSuites.html].
const ENC: Record<string, string> = model.dict({
  null: 'null',
  des: 'des',
  '3des': '3des',
  cast128: 'cast128',
  blowfish: 'blowfish',
  blowfish128: 'blowfish',
  blowfish192: 'blowfish',
  blowfish256: 'blowfish',
  aes: 'aes-cbc-128',
  aes128: 'aes-cbc-128',
  aes192: 'aes-cbc-192',
  aes256: 'aes-cbc-256',
  aes128ctr: 'aes-ctr-128',
  aes192ctr: 'aes-ctr-192',
  aes256ctr: 'aes-ctr-256',
  camellia: 'camellia-128',
  camellia128: 'camellia-128',
  camellia192: 'camellia-192',
  camellia256: 'camellia-256',
  chacha20poly1305: 'chacha20-poly1305',
  aes128gmac: 'aes-gmac-128',
  aes192gmac: 'aes-gmac-192',
  aes256gmac: 'aes-gmac-256',
  // The rest of strongSwan's proposal_keywords_static.txt (plugins such as serpent/twofish/gcrypt, GOST).
  chacha20poly1305compat: 'chacha20-poly1305',
  camellia128ctr: 'camellia-ctr-128',
  camellia192ctr: 'camellia-ctr-192',
  camellia256ctr: 'camellia-ctr-256',
  serpent: 'serpent-128',
  serpent128: 'serpent-128',
  serpent192: 'serpent-192',
  serpent256: 'serpent-256',
  twofish: 'twofish-128',
  twofish128: 'twofish-128',
  twofish192: 'twofish-192',
  twofish256: 'twofish-256',
  // Libreswan names [ipsec.conf(5), Libreswan].
  aes_cbc: 'aes-cbc-128',
  aes_cbc128: 'aes-cbc-128',
  aes_cbc192: 'aes-cbc-192',
  aes_cbc256: 'aes-cbc-256',
  aes_ctr: 'aes-ctr-128',
  aes_ctr128: 'aes-ctr-128',
  aes_ctr192: 'aes-ctr-192',
  aes_ctr256: 'aes-ctr-256',
  aes_gcm: 'aes-gcm-128',
  aes_gcm128: 'aes-gcm-128',
  aes_gcm192: 'aes-gcm-192',
  aes_gcm256: 'aes-gcm-256',
  aes_gcm_c: 'aes-gcm-128',
  aes_gcm_c128: 'aes-gcm-128',
  aes_gcm_c256: 'aes-gcm-256',
  aes_gcm_16: 'aes-gcm-128',
  aes_gcm_16_128: 'aes-gcm-128',
  aes_gcm_16_256: 'aes-gcm-256',
  aesctr: 'aes-ctr-128',
  chacha20_poly1305: 'chacha20-poly1305',
  camellia_cbc: 'camellia-128',
  // ESP_NULL_AUTH_AES_GMAC (RFC 4543) [Libreswan lib/libswan/ike_alg_aes.c: names `null_auth_aes_gmac`, `aes_gmac`].
  null_auth_aes_gmac: 'aes-gmac-128',
  aes_gmac: 'aes-gmac-128',
});

/**
 * Libreswan's AEAD names [lib/libswan/ike_alg_aes.c, libreswan/libreswan]: `aes_gcm`, `aes_gcm_16`, `aes_gcm_c` are
 * AES-GCM with a 16-octet ICV, `aes_gcm_12`/`aes_gcm_b` 12 octets, `aes_gcm_8`/`aes_gcm_a` 8 octets; the same for
 * `aes_ccm*`. The key size follows directly (`aes_gcm256`), after `_` (`aes_gcm_16_256`) or as its own `-256` word.
 */
const LIBRE_AEAD = /^aes_(gcm|ccm)(?:_(a|b|c|8|12|16))?(?:_?(128|192|256))?$/;

function libreAeadCanonical(word: string): string | undefined {
  const m = LIBRE_AEAD.exec(word);
  if (!m) return undefined;
  const icv = m[2] === 'a' || m[2] === '8' ? 8 : m[2] === 'b' || m[2] === '12' ? 12 : 16;
  return `aes-${m[1]}-${m[3] ?? '128'}${icv === 16 ? '' : `-icv${icv}`}`;
}

/**
 * `aes128gcm16`, `aes256ccm12`, `aes192gcm128` (ICV in bits), `camellia128ccm8`: GCM/CCM with a key size and an ICV
 * length.
 */
const AEAD_WORD = /^(aes|camellia)(128|192|256)(gcm|ccm)(8|12|16|64|96|128)?$/;

/**
 * Canonical id of an AEAD keyword. The 16-octet ICV (the usual one, IOS `esp-gcm`, RouterOS `aes-128-gcm`) is
 * `aes-gcm-N`; the shorter ICVs are distinct algorithms (`aes-gcm-N-icv8`), since an IKE/ESP transform id
 * names the ICV length (RFC 4106 §8.1).
 */
function aeadCanonical(word: string): string | undefined {
  const m = AEAD_WORD.exec(word);
  if (!m) return undefined;
  const [, cipher, size, mode, bits] = m;
  // strongSwan has no Camellia-GCM and no ICV-less Camellia-CCM.
  if (cipher === 'camellia' && (mode === 'gcm' || bits === undefined)) return undefined;
  // `aes128gcm` without an ICV is ICV 16 (strongSwan 5.9.2+, proposal_keywords_static.txt "Add aliases for
  // AES-GCM/CCM without explicit ICV length"); Libreswan's `aes_gcm` (handled in ENC) is ICV 16 too.
  const icv = bits === undefined ? 16 : bits === '64' ? 8 : bits === '96' ? 12 : bits === '128' ? 16 : Number(bits);
  return `${cipher}-${mode}-${size}${icv === 16 ? '' : `-icv${icv}`}`;
}

const INTEG: Record<string, string> = model.dict({
  md5: 'md5',
  md5_128: 'md5-128',
  sha: 'sha1',
  sha1: 'sha1',
  sha1_160: 'sha1-160',
  sha256: 'sha256',
  sha2_256: 'sha256',
  // Libreswan: `sha2` is SHA2-256 [lib/libswan/ike_alg_sha2.c: names { "sha2", "sha256", "sha2_256" }].
  sha2: 'sha256',
  sha256_96: 'sha256-96',
  sha2_256_96: 'sha256-96',
  sha384: 'sha384',
  sha2_384: 'sha384',
  sha512: 'sha512',
  sha2_512: 'sha512',
  aesxcbc: 'aes-xcbc',
  aes_xcbc: 'aes-xcbc',
  camelliaxcbc: 'camellia-xcbc',
  aescmac: 'aes-cmac',
  aes_cmac: 'aes-cmac',
});

const PRF: Record<string, string> = model.dict({
  prfmd5: 'md5',
  prfsha1: 'sha1',
  prfsha256: 'sha256',
  prfsha384: 'sha384',
  prfsha512: 'sha512',
  prfaesxcbc: 'aes-xcbc',
  prfaescmac: 'aes-cmac',
  prfcamelliaxcbc: 'camellia-xcbc',
});

const DH: Record<string, string> = model.dict({
  modpnone: 'none',
  // Libreswan `esp=aes;none`: no PFS group [ipsec.conf(5) `esp=`; lib/libswan/ike_alg_dh.c `none`].
  none: 'none',
  modp768: 'modp768',
  modp1024: 'modp1024',
  modp1536: 'modp1536',
  modp2048: 'modp2048',
  modp3072: 'modp3072',
  modp4096: 'modp4096',
  modp6144: 'modp6144',
  modp8192: 'modp8192',
  modp1024s160: 'modp1024s160',
  modp2048s224: 'modp2048s224',
  modp2048s256: 'modp2048s256',
  ecp192: 'ecp192',
  ecp224: 'ecp224',
  ecp256: 'ecp256',
  ecp384: 'ecp384',
  ecp521: 'ecp521',
  ecp224bp: 'bp224',
  ecp256bp: 'bp256',
  ecp384bp: 'bp384',
  ecp512bp: 'bp512',
  curve25519: 'curve25519',
  x25519: 'curve25519',
  curve448: 'curve448',
  x448: 'curve448',
  // ML-KEM (FIPS 203), strongSwan 6.0+: proposal_keywords_static.txt `mlkem512|768|1024`.
  mlkem512: 'mlkem512',
  mlkem768: 'mlkem768',
  mlkem1024: 'mlkem1024',
  // GOST R 34.10 (strongSwan keyword list), MODP_NULL (a test group), and the NTRU/NewHope plugins of strongSwan 5.x.
  gost256: 'gost256',
  gost512: 'gost512',
  modpnull: 'modpnull',
  ntru112: 'ntru112',
  ntru128: 'ntru128',
  ntru192: 'ntru192',
  ntru256: 'ntru256',
  newhope128: 'newhope128',
  // Libreswan `dh14`, `dh19`, …
});

/** Libreswan names a DH group by number too: `dh14`, `dh19` (ipsec.conf(5)). */
function dhCanonical(word: string): string | undefined {
  const direct = DH[word];
  if (direct) return direct;
  const m = /^dh(\d+)$/.exec(word);
  if (m) return m[1] === '31' ? 'curve25519' : m[1] === '32' ? 'curve448' : model.DH_GROUPS[m[1]];
  return undefined;
}

const AEAD_CANON = /^(aes-gcm|aes-ccm|camellia-ccm|chacha20)/;

/** What one keyword means. Lower case; unknown words are kept as `unknown`. */
export function classify(word: string): Omit<AlgorithmWord, 'range' | 'text'> {
  const w = word.toLowerCase();
  const enc = ENC[w] ?? aeadCanonical(w) ?? libreAeadCanonical(w);
  if (enc) return { kind: 'encryption', canonical: enc };
  const integ = INTEG[w];
  if (integ) return { kind: 'integrity', canonical: integ };
  const prf = PRF[w];
  if (prf) return { kind: 'prf', canonical: prf };
  const dh = dhCanonical(w);
  if (dh) return { kind: 'dh', canonical: dh };
  if (w === 'esn' || w === 'noesn') return { kind: 'esn', canonical: w };
  // RFC 9370 additional key exchanges, strongSwan 6.0+: `ke1_` … `ke7_` before a key exchange keyword or `none`
  // (libstrongswan crypto/key_exchange.c `additional_key_exchange_parser`). Not compared: the model holds one group.
  const ake = /^ke([1-7])_(.+)$/.exec(w);
  if (ake) {
    const base = ake[2] === 'none' ? 'none' : DH[ake[2]];
    if (base) return { kind: 'additional-ke', canonical: `ke${ake[1]}_${base}` };
  }
  return { kind: 'unknown' };
}

/**
 * Parses a proposal list written at `offset` in the document (`value` is the setting's value without quotes).
 * Never throws; unknown keywords are kept in `unknown` (the caller decides how to report them).
 */
export function parseProposalList(value: string, offset: number, format: 'stroke' | 'vici' = 'stroke', flavour: Flavour = 'strongswan'): ProposalList {
  let text = value;
  let strict = format === 'vici';
  const trimmed = text.replace(/\s+$/, '');
  if (format === 'stroke' && trimmed.endsWith('!')) {
    strict = true;
    text = trimmed.slice(0, -1);
  }
  const proposals: ParsedProposal[] = [];
  const unknown: AlgorithmWord[] = [];
  let hasDefaultKeyword = false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(',', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.replace(/^\s+/, '').length;
    const body = raw.trim();
    const pStart = offset + start + lead;
    if (body.toLowerCase() === 'default' && format === 'vici') {
      hasDefaultKeyword = true;
      strict = false;
    } else if (body) {
      proposals.push(parseOne(body, pStart, unknown, flavour));
    }
    start = end + 1;
  }
  return { proposals, strict, hasDefaultKeyword, unknown };
}

/** A key size written as its own word after the cipher (Libreswan `aes_gcm-256`, `aes-128`). */
const KEY_SIZE = /^(128|192|256)$/;

/** The key-size-less spelling of a cipher whose canonical id names a key size (`aes`, `aes_gcm_c`, `camellia`). */
function keyless(word: string, canonical: string): boolean {
  return /-128(-icv\d+)?$/.test(canonical) && !/(128|192|256)/.test(word);
}

function withKeySize(canonical: string, size: string): string {
  return canonical.replace(/-128((?:-icv\d+)?)$/, `-${size}$1`);
}

function parseOne(body: string, offset: number, unknown: AlgorithmWord[], flavour: Flavour = 'strongswan'): ParsedProposal {
  const p: ParsedProposal = { text: body, range: { start: offset, end: offset + body.length }, encryption: [], integrity: [], prf: [], dh: [], aead: false, words: [] };
  // `-` between kinds, Libreswan `+` between alternatives and `;` before the DH group.
  const re = /[^-+;]+/g;
  let m: RegExpExecArray | null;
  /** The last cipher word, while a key size or `null` integrity may still follow it. */
  let lastEnc: { canonical: string; keyless: boolean; index: number } | undefined;
  const pendingKeyless: { canonical: string; index: number }[] = [];
  while ((m = re.exec(body))) {
    const text = m[0].trim();
    if (!text) continue;
    const lead = m[0].length - m[0].replace(/^\s+/, '').length;
    const range = { start: offset + m.index + lead, end: offset + m.index + lead + text.length };
    // Libreswan writes the key size as its own word (`aes_gcm_c-256-null`, `aes-128`) [ipsec.conf(5) `esp=`:
    // "aes_gcm_c-256"; lib/libswan/proposals.c parses `<cipher>-<keylen>`].
    if (lastEnc && KEY_SIZE.test(text)) {
      const sized = withKeySize(lastEnc.canonical, text);
      p.encryption[lastEnc.index] = sized;
      p.words.push({ text, range, kind: 'encryption', canonical: sized });
      const at = pendingKeyless.findIndex((k) => k.index === lastEnc!.index);
      if (at >= 0) pendingKeyless.splice(at, 1);
      lastEnc = { ...lastEnc, canonical: sized, keyless: false };
      continue;
    }
    // `null` after a cipher is the integrity algorithm "none" (Libreswan `aes_gcm-null`, `chacha20_poly1305-null`,
    // `null_auth_aes_gmac-null`: AEAD ciphers take no integrity) [ipsec.conf(5) `esp=`]; `null` first is the cipher.
    if (text.toLowerCase() === 'null' && p.encryption.length) {
      p.words.push({ text, range, kind: 'integrity', canonical: 'none' });
      lastEnc = undefined;
      continue;
    }
    const c = classify(text);
    const word: AlgorithmWord = { text, range, ...c };
    p.words.push(word);
    if (c.kind === 'unknown') {
      unknown.push(word);
      lastEnc = undefined;
      continue;
    }
    const list = c.kind === 'encryption' ? p.encryption : c.kind === 'integrity' ? p.integrity : c.kind === 'prf' ? p.prf : c.kind === 'dh' ? p.dh : undefined;
    if (list && c.canonical && !list.includes(c.canonical)) {
      list.push(c.canonical);
      if (c.kind === 'encryption') {
        const kl = keyless(text.toLowerCase(), c.canonical);
        lastEnc = { canonical: c.canonical, keyless: kl, index: list.length - 1 };
        if (kl) pendingKeyless.push({ canonical: c.canonical, index: list.length - 1 });
        continue;
      }
    }
    lastEnc = undefined;
  }
  // Libreswan proposes a cipher written without its key size with both the largest and the default key length
  // (pluto logs `aes` as "AES_CBC_256/128" [ipsec.conf(5) `ike=`]; ike_alg_aes.c: key_bit_lengths 256/192/128,
  // keydeflen 128). strongSwan's `aes` is AES-128 (proposal_keywords_static.txt) and stays so.
  if (flavour === 'libreswan') {
    for (const k of pendingKeyless) {
      const big = withKeySize(k.canonical, '256');
      if (!p.encryption.includes(big)) p.encryption.push(big);
    }
  }
  p.aead = p.encryption.some((e) => AEAD_CANON.test(e));
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// Default proposals
//
// strongSwan (charon) [src/libstrongswan/crypto/proposal/proposal.c, `proposal_create_default` and
// `proposal_create_default_aead`, strongswan/strongswan master; the same lists since 5.4.0 for the configured
// defaults]:
//  - IKE, classic: AES-CBC/AES-CTR/Camellia 128/192/256 and 3DES; HMAC-SHA2-256/384/512, SHA1, AES-XCBC/CMAC;
//    PRFs SHA2-256/384/512, AES-XCBC/CMAC, SHA1; DH ECP 256/384/521, Brainpool 256/384/512, Curve25519/448,
//    MODP 3072/4096/6144/8192 and MODP 2048 (never MODP 768/1024/1536, the RFC 5114 groups nor ECP 192/224).
//  - IKE, AEAD: AES-GCM/CCM (ICV 16, then 12 and 8) 128/192/256, ChaCha20-Poly1305, the same PRFs and DH groups.
//  - ESP, classic: AES-CBC 128/192/256 with HMAC-SHA2-256/384/512, SHA1, AES-XCBC, no ESN; AEAD: AES-GCM16.
//    No DH group: the defaults never add PFS.
// The configured default when `ike=` is absent is `aes128-sha256-modp3072` and for `esp=` `aes128-sha256`
// (ipsec.conf(5) since 5.4.0; before: aes128-sha1-modp2048,3des-sha1-modp1536 and aes128-sha1,3des-sha1).
// IKEv1 (`keyexchange=ikev1`) takes the same lists; one algorithm of each kind per proposal is a wire-format limit,
// which the model's "any of these" lists express as the proposals' product.
//
// Libreswan (pluto) [ipsec.conf(5) `ike=`/`esp=`, https://libreswan.org/man/ipsec.conf.5.html; the 3.x default
// list as pluto logs it, "IKE proposals for initial initiator: AES_GCM_C_256/128 PRF SHA2_512,SHA2_256,SHA1 DH
// MODP2048,3072,4096,8192; AES_CBC_256/128 INTEG SHA2_512,SHA2_256,SHA1 DH MODP2048,3072,1536 (default)"]: 4.x adds
// the ECP groups (DH 19, 20, 21) and Curve25519 (31). netcfg takes the union of both releases, so a Libreswan end
// is never found wanting for an algorithm one release offers (a miss costs less than a false error). IKEv1:
// AES-CBC 256/128 with SHA2-256/SHA1, MODP 2048/1536. ESP without `esp=`/`phase2alg=`: AES-GCM-16 256/128 and
// AES-CBC 256/128 with SHA2-512/256/SHA1. A configured list replaces the defaults.
// ---------------------------------------------------------------------------------------------------------------

const SS_IKE_ENC = ['aes-cbc-128', 'aes-cbc-192', 'aes-cbc-256', 'aes-ctr-128', 'aes-ctr-192', 'aes-ctr-256', 'camellia-128', 'camellia-192', 'camellia-256', '3des'];
const SS_IKE_AEAD = ['aes-gcm-128', 'aes-gcm-192', 'aes-gcm-256', 'aes-ccm-128', 'aes-ccm-192', 'aes-ccm-256', 'chacha20-poly1305', 'aes-gcm-128-icv12', 'aes-gcm-192-icv12', 'aes-gcm-256-icv12', 'aes-gcm-128-icv8', 'aes-gcm-192-icv8', 'aes-gcm-256-icv8'];
const SS_IKE_INTEG = ['sha256', 'sha384', 'sha512', 'sha1', 'aes-xcbc', 'aes-cmac'];
const SS_IKE_PRF = ['sha256', 'sha384', 'sha512', 'aes-xcbc', 'aes-cmac', 'sha1'];
const SS_IKE_DH = ['ecp256', 'ecp384', 'ecp521', 'bp256', 'bp384', 'bp512', 'curve25519', 'curve448', 'modp3072', 'modp4096', 'modp6144', 'modp8192', 'modp2048'];
const SS_ESP_ENC = ['aes-cbc-128', 'aes-cbc-192', 'aes-cbc-256'];
const SS_ESP_INTEG = ['sha256', 'sha384', 'sha512', 'sha1', 'aes-xcbc'];
const SS_ESP_AEAD = ['aes-gcm-128', 'aes-gcm-192', 'aes-gcm-256'];

export const STRONGSWAN_DEFAULT_SOURCE = 'strongSwan default proposals (proposal.c, ipsec.conf(5))';
export const LIBRESWAN_DEFAULT_SOURCE = 'Libreswan default proposals (ipsec.conf(5))';

/** The phase 1 algorithm sets of one proposal, before it becomes a model value. */
export interface Phase1Sets {
  label: string;
  encryption: string[];
  hash: string[];
  dh: string[];
  range?: TextRange;
}

export interface Phase2Sets {
  label: string;
  encryption: string[];
  integrity: string[];
  /** DH groups listed in the proposal (PFS), empty for none. */
  dh: string[];
  range?: TextRange;
}

/** The phase 1 hash list the model compares: the integrity algorithms, or for AEAD ciphers the PRFs. */
function phase1Hash(p: ParsedProposal): string[] {
  if (p.integrity.length) return p.integrity;
  return p.prf;
}

/** The implicit proposals appended to (or standing for) a phase 1 list. */
export function defaultPhase1(flavour: Flavour, version: 1 | 2): Phase1Sets[] {
  if (flavour === 'libreswan') {
    if (version === 1) return [{ label: 'default', encryption: ['aes-cbc-256', 'aes-cbc-128'], hash: ['sha256', 'sha1'], dh: ['modp2048', 'modp1536'] }];
    return [
      { label: 'default (AEAD)', encryption: ['aes-gcm-256', 'aes-gcm-128'], hash: ['sha512', 'sha256', 'sha1'], dh: LIBRESWAN_V2_DH },
      { label: 'default', encryption: ['aes-cbc-256', 'aes-cbc-128'], hash: ['sha512', 'sha256', 'sha1'], dh: LIBRESWAN_V2_DH },
    ];
  }
  return [
    { label: 'default', encryption: SS_IKE_ENC, hash: SS_IKE_INTEG, dh: SS_IKE_DH },
    { label: 'default (AEAD)', encryption: SS_IKE_AEAD, hash: SS_IKE_PRF, dh: SS_IKE_DH },
  ];
}

const LIBRESWAN_V2_DH = ['ecp256', 'ecp384', 'ecp521', 'curve25519', 'modp2048', 'modp3072', 'modp4096', 'modp8192', 'modp1536'];

export function defaultPhase2(flavour: Flavour, version: 1 | 2): Phase2Sets[] {
  if (flavour === 'libreswan') {
    const integ = ['sha512', 'sha256', 'sha1'];
    void version;
    return [
      { label: 'default (AEAD)', encryption: ['aes-gcm-256', 'aes-gcm-128'], integrity: [], dh: [] },
      { label: 'default', encryption: ['aes-cbc-256', 'aes-cbc-128'], integrity: integ, dh: [] },
    ];
  }
  return [
    { label: 'default', encryption: SS_ESP_ENC, integrity: SS_ESP_INTEG, dh: [] },
    { label: 'default (AEAD)', encryption: SS_ESP_AEAD, integrity: [], dh: [] },
  ];
}

/** What charon uses when `ike=` is absent (ipsec.conf(5), strongSwan 5.4.0+), before the appended defaults. */
export const STRONGSWAN_CONFIGURED_IKE_DEFAULT = 'aes128-sha256-modp3072';
export const STRONGSWAN_CONFIGURED_ESP_DEFAULT = 'aes128-sha256';

/**
 * The effective phase 1 proposals of a configured list: the configured ones, then (strongSwan, not strict) the
 * default proposals. `list` undefined: the setting is absent (strongSwan's configured default plus the defaults;
 * Libreswan's defaults).
 */
export function effectivePhase1(list: ProposalList | undefined, flavour: Flavour, version: 1 | 2): { sets: Phase1Sets[]; appended: boolean } {
  const sets: Phase1Sets[] = [];
  if (!list || list.proposals.length === 0) {
    if (flavour === 'strongswan') {
      const d = parseProposalList(STRONGSWAN_CONFIGURED_IKE_DEFAULT, 0).proposals[0];
      sets.push({ label: `${STRONGSWAN_CONFIGURED_IKE_DEFAULT} (default)`, encryption: d.encryption, hash: phase1Hash(d), dh: d.dh });
    }
    for (const d of defaultPhase1(flavour, version)) sets.push(d);
    return { sets, appended: true };
  }
  for (const p of list.proposals) {
    if (!p.encryption.length) continue;
    let hash = phase1Hash(p);
    let dh = p.dh;
    let encryption = p.encryption;
    if (flavour === 'libreswan') {
      // Libreswan fills what a proposal leaves out from its defaults: `ike=aes-sha1` proposes AES-SHA1 with each
      // default DH group, `ike=aes_gcm` the default PRFs [ipsec.conf(5) `ike=`: "If the DH group is omitted, the
      // default DH groups are used"; pluto logs `ike=aes-sha1` as "AES_CBC_256/128-HMAC_SHA1-MODP2048,…"].
      const d = defaultPhase1('libreswan', version)[0];
      if (!hash.length) hash = d.hash;
      if (!dh.length) dh = d.dh;
    } else if (version === 1) {
      encryption = encryption.slice(0, 1);
      hash = hash.slice(0, 1);
      dh = dh.slice(0, 1);
    }
    sets.push({ label: p.text, encryption, hash, dh, range: p.range });
  }
  const appended = flavour === 'strongswan' && !list.strict;
  if (appended) for (const d of defaultPhase1(flavour, version)) sets.push(d);
  return { sets, appended };
}

export function effectivePhase2(list: ProposalList | undefined, flavour: Flavour, version: 1 | 2): { sets: Phase2Sets[]; appended: boolean } {
  const sets: Phase2Sets[] = [];
  if (!list || list.proposals.length === 0) {
    if (flavour === 'strongswan') {
      const d = parseProposalList(STRONGSWAN_CONFIGURED_ESP_DEFAULT, 0).proposals[0];
      sets.push({ label: `${STRONGSWAN_CONFIGURED_ESP_DEFAULT} (default)`, encryption: d.encryption, integrity: d.integrity, dh: [] });
    }
    for (const d of defaultPhase2(flavour, version)) sets.push(d);
    return { sets, appended: true };
  }
  for (const p of list.proposals) {
    if (!p.encryption.length && !p.integrity.length) continue;
    let integrity = p.aead ? [] : p.integrity;
    // Libreswan `esp=aes` (no integrity written, not AEAD nor GMAC): the default integrity algorithms [ipsec.conf(5) `esp=`].
    if (flavour === 'libreswan' && !p.aead && !integrity.length && !p.encryption.some((e) => e.startsWith('aes-gmac')) && !p.words.some((w) => w.kind === 'integrity')) integrity = defaultPhase2('libreswan', version)[1].integrity;
    sets.push({ label: p.text, encryption: p.encryption, integrity, dh: p.dh.filter((d) => d !== 'none'), range: p.range });
  }
  const appended = flavour === 'strongswan' && !list.strict;
  if (appended) for (const d of defaultPhase2(flavour, version)) sets.push(d);
  return { sets, appended };
}

/**
 * The PFS group of a phase 2 list: the first DH group of the first configured proposal (the one charon proposes
 * first when rekeying), `none` when the configured proposals name no group. The appended defaults carry none.
 */
export function pfsOf(list: ProposalList | undefined): string {
  for (const p of list?.proposals ?? []) {
    const g = p.dh.find((d) => d !== 'none');
    if (g) return g;
  }
  return 'none';
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering canonical values back into keywords (quick-fix Setters).
// ---------------------------------------------------------------------------------------------------------------

const ENC_OUT: Record<string, string> = model.dict({
  '3des': '3des',
  des: 'des',
  null: 'null',
  blowfish: 'blowfish128',
  cast128: 'cast128',
  'aes-cbc-any': 'aes128',
  'aes-cbc-128': 'aes128',
  'aes-cbc-192': 'aes192',
  'aes-cbc-256': 'aes256',
  'aes-ctr-128': 'aes128ctr',
  'aes-ctr-192': 'aes192ctr',
  'aes-ctr-256': 'aes256ctr',
  'aes-gcm-128': 'aes128gcm16',
  'aes-gcm-192': 'aes192gcm16',
  'aes-gcm-256': 'aes256gcm16',
  'aes-ccm-128': 'aes128ccm16',
  'aes-ccm-192': 'aes192ccm16',
  'aes-ccm-256': 'aes256ccm16',
  'aes-gmac-128': 'aes128gmac',
  'aes-gmac-192': 'aes192gmac',
  'aes-gmac-256': 'aes256gmac',
  'camellia-128': 'camellia128',
  'camellia-192': 'camellia192',
  'camellia-256': 'camellia256',
  'chacha20-poly1305': 'chacha20poly1305',
});

const INTEG_OUT: Record<string, string> = model.dict({ md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512', 'aes-xcbc': 'aesxcbc', 'aes-cmac': 'aescmac', 'sha256-96': 'sha256_96' });

const LIBRE_ENC_OUT: Record<string, string> = model.dict({
  '3des': '3des',
  'aes-cbc-128': 'aes128',
  'aes-cbc-192': 'aes192',
  'aes-cbc-256': 'aes256',
  'aes-cbc-any': 'aes128',
  'aes-gcm-128': 'aes_gcm128',
  'aes-gcm-256': 'aes_gcm256',
  'aes-ctr-128': 'aes_ctr128',
  'aes-ctr-256': 'aes_ctr256',
  'chacha20-poly1305': 'chacha20_poly1305',
});

const LIBRE_INTEG_OUT: Record<string, string> = model.dict({ md5: 'md5', sha1: 'sha1', sha256: 'sha2_256', sha384: 'sha2_384', sha512: 'sha2_512' });

function dhOut(canonical: string, flavour: Flavour): string | undefined {
  if (flavour === 'libreswan') {
    const n = model.DH_NUMBERS[canonical] ?? (canonical === 'curve25519' ? '31' : undefined);
    return n ? `dh${n}` : undefined;
  }
  const bp = /^bp(\d+)$/.exec(canonical);
  if (bp) return `ecp${bp[1]}bp`;
  return /^(modp|ecp|curve)\d+/.test(canonical) ? canonical : undefined;
}

/** `aes256-sha256-modp2048` for an IKE proposal (AEAD: `aes256gcm16-prfsha256-…`); undefined when not expressible. */
export function renderIkeProposal(v: { encryption: string; hash: string; dh: string }, flavour: Flavour): string | undefined {
  const enc = (flavour === 'libreswan' ? LIBRE_ENC_OUT : ENC_OUT)[v.encryption];
  const dh = dhOut(v.dh, flavour);
  if (!enc || !dh) return undefined;
  const integ = (flavour === 'libreswan' ? LIBRE_INTEG_OUT : INTEG_OUT)[v.hash];
  if (!integ) return undefined;
  if (AEAD_CANON.test(v.encryption)) return flavour === 'libreswan' ? `${enc}-${integ}-${dh}` : `${enc}-prf${integ}-${dh}`;
  return `${enc}-${integ}-${dh}`;
}

/**
 * `aes256-sha256` (+ `-modp2048` for PFS) for an ESP proposal (AEAD: no integrity); undefined when not expressible,
 * or when a non-AEAD cipher has no integrity to write. The one renderer of ipsec.conf, Libreswan and swanctl.conf.
 */
export function renderEspProposal(v: { encryption: string; integrity?: string; pfs?: string }, flavour: Flavour): string | undefined {
  const enc = (flavour === 'libreswan' ? LIBRE_ENC_OUT : ENC_OUT)[v.encryption];
  if (!enc) return undefined;
  const parts = [enc];
  if (!AEAD_CANON.test(v.encryption)) {
    const integ = v.integrity === undefined ? undefined : (flavour === 'libreswan' ? LIBRE_INTEG_OUT : INTEG_OUT)[v.integrity];
    if (!integ) return undefined;
    parts.push(integ);
  }
  if (v.pfs && v.pfs !== 'none') {
    const dh = dhOut(v.pfs, flavour);
    if (!dh) return undefined;
    parts.push(dh);
  }
  return parts.join('-');
}

/** Every keyword of the tables, for completion: `[keyword, canonical, kind]`. */
export function knownKeywords(): [string, string, AlgorithmWord['kind']][] {
  const res: [string, string, AlgorithmWord['kind']][] = [];
  for (const [k, v] of Object.entries(ENC)) if (!k.includes('_')) res.push([k, v, 'encryption']);
  for (const size of ['128', '192', '256']) for (const mode of ['gcm', 'ccm']) for (const icv of ['8', '12', '16']) res.push([`aes${size}${mode}${icv}`, aeadCanonical(`aes${size}${mode}${icv}`)!, 'encryption']);
  for (const [k, v] of Object.entries(INTEG)) if (!k.includes('_') || k === 'sha256_96') res.push([k, v, 'integrity']);
  for (const [k, v] of Object.entries(PRF)) res.push([k, v, 'prf']);
  for (const [k, v] of Object.entries(DH)) res.push([k, v, 'dh']);
  return res;
}
