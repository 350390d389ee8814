// Generators of the hostile shapes of issue 15 (the inputs of /work/shared/repro, generated in memory), shared by
// bench/hostile.mjs. Pure functions: text out.

/** One RouterOS command continued with `\` over `n` physical lines. */
export function routerosContinuation(n) {
  const out = ['/ip firewall filter', 'add chain=forward \\'];
  for (let i = 1; i <= n - 3; i++) out.push(`    comment=c${i} \\`);
  out.push('    action=accept', '');
  return out.join('\n');
}

/** One RouterOS menu line with `n` `/`-separated segments (3 bytes each). */
export function routerosMenuPath(n) {
  return `/interface /${'ab/'.repeat(n)}\n`;
}

/** One RouterOS line whose menu path runs into an `n`-character word. */
export function routerosLongWord(n) {
  return `/routing bgp connection${'x'.repeat(n)}\n`;
}

/** `lines` lines of `ike }{}{…` (`pairs` `}{` pairs each): 40 × 25,000 is the 2 MB fuzz input. */
export function openbsdBraceSoup(lines, pairs = 25_000) {
  const line = `ike ${'}{'.repeat(pairs)}`;
  return `${Array.from({ length: lines }, () => line).join('\n')}\n`;
}

/** An ike rule whose destination opens `n` nested `{` lists. */
export function openbsdNested(n) {
  return `ike esp from ${'{ '.repeat(n)}\n`;
}

/** `n` ordinary OpenBSD rules (for heap per line). */
export function openbsdLines(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(`ike esp from 10.${(i >> 8) & 255}.${i & 255}.0/24 to 10.200.${i & 255}.0/24 peer 192.0.2.${(i % 250) + 1} psk "k${i}"`);
  return `${out.join('\n')}\n`;
}

/** An IOS file with one extended ACL of `n` lines, plus an ISAKMP policy. */
export function iosAcl(n) {
  const out = ['hostname acl', 'crypto isakmp policy 10', ' encryption aes 256', ' group 14', 'ip access-list extended BIG'];
  for (let i = 1; i <= n; i++) out.push(` permit tcp any host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} eq ${(i % 65000) + 1}`);
  return `${out.join('\n')}\n`;
}


/** A realistic ipsec.conf of about `n` lines: per site a comment, a macro, an ike rule with both phases, a flow. */
export function openbsdConfig(n) {
  const out = [];
  for (let i = 0; out.length < n; i++) {
    const a = (i >> 8) & 255;
    const b = i & 255;
    out.push(`# site ${i}`, `gw${i} = "192.0.${a}.${b}"`);
    out.push(`ike esp from 10.1.${a}.${b} to 10.2.${a}.0/24 peer $gw${i} main auth hmac-sha2-256 enc aes-256 group modp2048 quick auth hmac-sha2-256 enc aes-256 group modp2048 psk "secret-${i}"`);
    out.push(`flow esp from 10.3.${a}.${b} to 10.4.${a}.0/24 peer $gw${i}`, '');
  }
  return `${out.join('\n')}\n`;
}
