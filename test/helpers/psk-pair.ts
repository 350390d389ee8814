// A crafted OpenBSD pair with a PSK mismatch and an IOS router with one weak-crypto warning, shared by the CLI
// tests of the output formats, the CLI manners and the rules (CLI and LSP): the planted secrets must never appear in any output.

/** Every secret the configs below hold. */
export const SECRETS = ['site-a-secret-9x', 'site-b-other-7q', 'r1-key-secret'];

export const SITE_A = `# Site A
ike esp from 10.1.0.0/16 to 10.2.0.0/16 local 192.0.2.1 peer 198.51.100.1 \\
        main auth hmac-sha2-256 enc aes-256 group modp2048 \\
        quick auth hmac-sha2-256 enc aes-256 group modp2048 \\
        psk "site-a-secret-9x"
`;

export const SITE_B = `# Site B
ike esp from 10.2.0.0/16 to 10.1.0.0/16 local 198.51.100.1 peer 192.0.2.1 \\
        main auth hmac-sha2-256 enc aes-256 group modp2048 \\
        quick auth hmac-sha2-256 enc aes-256 group modp2048 \\
        psk "site-b-other-7q"
`;

/** One warning (DES in phase 1) and nothing worse. */
export const IOS_WARNING = `hostname r1
crypto isakmp policy 10
 encryption des
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key r1-key-secret address 10.0.0.2
crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
access-list 101 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
crypto map VPN 10 ipsec-isakmp
 set peer 10.0.0.2
 set transform-set TS
 match address 101
interface Gi0/0
 ip address 10.0.0.1 255.255.255.0
 crypto map VPN
`;
