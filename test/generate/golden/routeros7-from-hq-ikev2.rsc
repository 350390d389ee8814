# netcfg generate-peer: the other end of hq-ikev2 (hq-ikev2.ios), in the form /export prints by RouterOS 7
# This router: 198.51.100.9; its peer hq-ikev2: 203.0.113.9.
# pre-shared key: a placeholder stands for the source's (not copied); type it in
# the firewall rules below are appended: move them above the default configuration's drop (input) and masquerade (srcnat) rules
/interface bridge
add name=bridge-lan
/ip ipsec profile
add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 lifetime=1d \
    name=to-hq-ikev2 nat-traversal=yes proposal-check=obey
/ip ipsec peer
add address=203.0.113.9/32 exchange-mode=ike2 local-address=198.51.100.9 \
    name=to-hq-ikev2 profile=to-hq-ikev2
/ip ipsec proposal
add auth-algorithms=sha256 enc-algorithms=aes-256-cbc lifetime=1h \
    name=to-hq-ikev2 pfs-group=modp2048
/ip address
add address=172.16.9.1/24 interface=bridge-lan network=172.16.9.0
add address=198.51.100.9/24 interface=ether1 network=198.51.100.0
/ip firewall filter
add action=accept chain=input comment=IKE dst-port=500,4500 protocol=udp \
    src-address=203.0.113.9
add action=accept chain=input comment="IPsec ESP" protocol=ipsec-esp \
    src-address=203.0.113.9
/ip firewall nat
add action=accept chain=srcnat comment="IPsec to hq-ikev2: no NAT" \
    dst-address=10.20.0.0/24 src-address=172.16.9.0/24
/ip ipsec identity
add auth-method=pre-shared-key peer=to-hq-ikev2 secret=CHANGE-ME
/ip ipsec policy
add action=encrypt dst-address=10.20.0.0/24 level=require peer=to-hq-ikev2 \
    proposal=to-hq-ikev2 src-address=172.16.9.0/24 tunnel=yes
/system identity
set name=peer-198-51-100-9
