# netcfg generate-peer: the other end of asa-hq (asa-hq.asa), in the form /export prints by RouterOS 7
# This router: 198.51.100.7; its peer asa-hq: 203.0.113.1.
# pre-shared key: a placeholder stands for the source's (not copied); type it in
# the firewall rules below are appended: move them above the default configuration's drop (input) and masquerade (srcnat) rules
/interface bridge
add name=bridge-lan
/ip ipsec profile
add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha1 lifetime=1d \
    name=to-asa-hq nat-traversal=yes proposal-check=obey
/ip ipsec peer
add address=203.0.113.1/32 exchange-mode=main local-address=198.51.100.7 \
    name=to-asa-hq profile=to-asa-hq
/ip ipsec proposal
add auth-algorithms=sha1 enc-algorithms=aes-256-cbc lifetime=1h name=to-asa-hq \
    pfs-group=modp2048
/ip address
add address=192.168.50.1/24 interface=bridge-lan network=192.168.50.0
add address=198.51.100.7/24 interface=ether1 network=198.51.100.0
/ip firewall filter
add action=accept chain=input comment=IKE dst-port=500,4500 protocol=udp \
    src-address=203.0.113.1
add action=accept chain=input comment="IPsec ESP" protocol=ipsec-esp \
    src-address=203.0.113.1
/ip firewall nat
add action=accept chain=srcnat comment="IPsec to asa-hq: no NAT" \
    dst-address=10.10.0.0/24 src-address=192.168.50.0/24
/ip ipsec identity
add auth-method=pre-shared-key peer=to-asa-hq secret=CHANGE-ME
/ip ipsec policy
add action=encrypt dst-address=10.10.0.0/24 level=require peer=to-asa-hq \
    proposal=to-asa-hq src-address=192.168.50.0/24 tunnel=yes
/system identity
set name=peer-198-51-100-7
