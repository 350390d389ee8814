# netcfg generate-peer: the other end of ipsec.conf (ipsec.conf), in the form /export prints by RouterOS 7
# This router: 198.51.100.20; its peer ipsec.conf: 192.0.2.1.
# matches 3DES/modp1024 from ipsec.conf (phase 1): change both ends
# pre-shared key: a placeholder stands for the source's (not copied); type it in
# the firewall rules below are appended: move them above the default configuration's drop (input) and masquerade (srcnat) rules
/interface bridge
add name=bridge-lan
/ip ipsec profile
add dh-group=modp1024 enc-algorithm=3des hash-algorithm=sha1 lifetime=8h \
    name=to-ipsec.conf nat-traversal=yes proposal-check=obey
/ip ipsec peer
add address=192.0.2.1/32 exchange-mode=main local-address=198.51.100.20 \
    name=to-ipsec.conf profile=to-ipsec.conf
/ip ipsec proposal
add auth-algorithms=sha1 enc-algorithms=aes-256-cbc lifetime=8h \
    name=to-ipsec.conf pfs-group=none
/ip address
add address=192.168.10.1/24 interface=bridge-lan network=192.168.10.0
add address=198.51.100.20/24 interface=ether1 network=198.51.100.0
/ip firewall filter
add action=accept chain=input comment=IKE dst-port=500,4500 protocol=udp \
    src-address=192.0.2.1
add action=accept chain=input comment="IPsec ESP" protocol=ipsec-esp \
    src-address=192.0.2.1
/ip firewall nat
add action=accept chain=srcnat comment="IPsec to ipsec.conf: no NAT" \
    dst-address=192.168.1.0/24 src-address=192.168.10.0/24
/ip ipsec identity
add auth-method=pre-shared-key peer=to-ipsec.conf secret=CHANGE-ME
/ip ipsec policy
add action=encrypt dst-address=192.168.1.0/24 level=require peer=to-ipsec.conf \
    proposal=to-ipsec.conf src-address=192.168.10.0/24 tunnel=yes
/system identity
set name=peer-198-51-100-20
