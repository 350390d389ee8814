# netcfg generate-peer: the other end of hq-gre (hq-gre.ios), in the form /export prints by RouterOS 7
# This router: 198.51.100.30; its peer hq-gre: 203.0.113.30.
# pre-shared key: a placeholder stands for the source's (not copied); type it in
# the firewall rules below are appended: move them above the default configuration's drop (input) and masquerade (srcnat) rules
# route hq-gre's networks via 172.30.0.1 (its end of gre-hq-gre), e.g. /ip route add dst-address=NETWORK gateway=172.30.0.1
/interface gre
add allow-fast-path=no local-address=198.51.100.30 name=gre-hq-gre \
    remote-address=203.0.113.30
/ip ipsec profile
add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 lifetime=1d \
    name=to-hq-gre nat-traversal=yes proposal-check=obey
/ip ipsec peer
add address=203.0.113.30/32 exchange-mode=main local-address=198.51.100.30 \
    name=to-hq-gre profile=to-hq-gre
/ip ipsec proposal
add auth-algorithms=sha256 enc-algorithms=aes-256-cbc lifetime=1h \
    name=to-hq-gre pfs-group=none
/ip address
add address=198.51.100.30/24 interface=ether1 network=198.51.100.0
add address=172.30.0.2/30 interface=gre-hq-gre network=172.30.0.0
/ip firewall filter
add action=accept chain=input comment=IKE dst-port=500,4500 protocol=udp \
    src-address=203.0.113.30
add action=accept chain=input comment="IPsec ESP" protocol=ipsec-esp \
    src-address=203.0.113.30
/ip ipsec identity
add auth-method=pre-shared-key peer=to-hq-gre secret=CHANGE-ME
/ip ipsec policy
add action=encrypt dst-address=203.0.113.30/32 level=require peer=to-hq-gre \
    proposal=to-hq-gre protocol=gre src-address=198.51.100.30/32 tunnel=no
/system identity
set name=peer-198-51-100-30
