// Seed configs shared by the IOS tests, written back into real multi-line configs.

/** Seed 001, the Cisco end of "IPsec VPN Mikrotik to Cisco" (abbreviated `encr`, `int fa1/0` as the blogger typed them). */
export const SEED001 = `crypto isakmp policy 1
encr aes 256
authentication pre-share
group 2
crypto isakmp key MYKEY address 10.0.0.2 no-xauth
crypto ipsec transform-set MYTRANSFORMSET esp-aes 256 esp-sha-hmac
 mode tunnel
crypto map MYCRYPTOMAP 10 ipsec-isakmp
 description Mikrotik VPN
 set peer 10.0.0.2
 set transform-set MYTRANSFORMSET
 match address ACLTRAFF
ip access-list extended ACLTRAFF
 permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255
int fa1/0
 description Internet facing interface
 ip address 192.168.23.3 255.255.255.0
 crypto map MYCRYPTOMAP
`;
