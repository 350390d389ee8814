// RouterOS lowering at scale (issue 16): a peer's identity and policies are found by index, not by a search over
// every identity and policy per peer; the result is the one the searches gave (file order, disabled and template
// policies apart, `peer=` and `sa-dst-address=` policies merged in file order).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routerosDialect } from '../../server/src/dialects/routeros';

function lower(text: string) {
  const p = routerosDialect.parse(text, {});
  return routerosDialect.lower(p, 'file:///t/r.rsc', {}).device;
}

describe('routeros lowering: peers, identities and policies by index', () => {
  it('merges a peer\'s peer= and sa-dst-address= policies in file order and skips disabled and template ones', () => {
    const text = `# jan/02/2026 10:00:00 by RouterOS 7.15
/ip ipsec profile
add name=P1 dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256
/ip ipsec peer
add address=198.51.100.2/32 name=A profile=P1
add address=198.51.100.3/32 name=B profile=P1
/ip ipsec identity
add peer=A secret=k-disabled disabled=yes
add peer=A secret=k-a
add peer=A secret=k-second
/ip ipsec policy
add dst-address=10.2.0.0/24 sa-dst-address=198.51.100.2 src-address=10.0.0.0/24 tunnel=yes
add dst-address=10.3.0.0/24 peer=B src-address=10.0.0.0/24 tunnel=yes
add dst-address=10.4.0.0/24 peer=A src-address=10.0.0.0/24 tunnel=yes
add dst-address=10.5.0.0/24 peer=A src-address=10.0.0.0/24 tunnel=yes disabled=yes
add dst-address=10.6.0.0/24 group=default peer=A src-address=10.0.0.0/24 template=yes
add dst-address=10.7.0.0/24 sa-dst-address=198.51.100.2 src-address=10.1.0.0/24 tunnel=yes
`;
    const d = lower(text);
    const a = d.ipsecPeers.find((p) => p.id === 'peer:A')!;
    const b = d.ipsecPeers.find((p) => p.id === 'peer:B')!;
    assert.deepEqual(a.selectors.map((s) => s.remote), ['10.2.0.0/24', '10.4.0.0/24', '10.7.0.0/24']);
    assert.deepEqual(b.selectors.map((s) => s.remote), ['10.3.0.0/24']);
    const key = (p: typeof a) => (p.psk?.secret.kind === 'plain' ? p.psk.secret.plain : undefined);
    assert.equal(key(a), 'k-a');
    assert.equal(key(b), undefined);
  });

  it('lowers 3,000 peers each with its identity and policy, every peer with its own', () => {
    const lines = ['# jan/02/2026 10:00:00 by RouterOS 7.15', '/ip ipsec peer'];
    const n = 3_000;
    for (let i = 0; i < n; i++) lines.push(`add address=198.51.${i >> 8}.${i & 255}/32 name=p${i}`);
    lines.push('/ip ipsec identity');
    for (let i = n - 1; i >= 0; i--) lines.push(`add peer=p${i} secret=s${i}`);
    lines.push('/ip ipsec policy');
    for (let i = 0; i < n; i++) lines.push(i % 2 ? `add dst-address=10.${i >> 8}.${i & 255}.0/24 peer=p${i} src-address=10.255.0.0/24 tunnel=yes` : `add dst-address=10.${i >> 8}.${i & 255}.0/24 sa-dst-address=198.51.${i >> 8}.${i & 255} src-address=10.255.0.0/24 tunnel=yes`);
    const d = lower(`${lines.join('\n')}\n`);
    assert.equal(d.ipsecPeers.length, n);
    for (let i = 0; i < n; i += 97) {
      const p = d.ipsecPeers[i];
      assert.equal(p.id, `peer:p${i}`);
      assert.deepEqual(p.selectors.map((s) => s.remote), [`10.${i >> 8}.${i & 255}.0/24`]);
      assert.equal(p.psk?.secret.kind === 'plain' ? p.psk.secret.plain : undefined, `s${i}`);
    }
  });
});
