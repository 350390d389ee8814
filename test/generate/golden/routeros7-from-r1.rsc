# netcfg generate-peer: the other end of r1 (r1.ios), in the form /export prints by RouterOS 7
# This router: 10.0.0.2; its peer r1: 192.168.23.3.
# matches modp1024 from r1 (phase 1): change both ends
# pre-shared key: a placeholder stands for the source's (not copied); type it in
# the firewall rules below are appended: move them above the default configuration's drop (input) and masquerade (srcnat) rules
/interface bridge
add name=bridge-lan
/ip ipsec profile
add dh-group=modp1024 enc-algorithm=aes-256 hash-algorithm=sha1 lifetime=1d \
    name=to-r1 nat-traversal=yes proposal-check=obey
/ip ipsec peer
add address=192.168.23.3/32 exchange-mode=main local-address=10.0.0.2 \
    name=to-r1 profile=to-r1
/ip ipsec proposal
add auth-algorithms=sha1 enc-algorithms=aes-256-cbc lifetime=1h name=to-r1 \
    pfs-group=none
/ip address
add address=192.168.88.1/24 interface=bridge-lan network=192.168.88.0
add address=10.0.0.2/24 interface=ether1 network=10.0.0.0
/ip firewall filter
add action=accept chain=input comment=IKE dst-port=500,4500 protocol=udp \
    src-address=192.168.23.3
add action=accept chain=input comment="IPsec ESP" protocol=ipsec-esp \
    src-address=192.168.23.3
/ip firewall nat
add action=accept chain=srcnat comment="IPsec to r1: no NAT" \
    dst-address=192.168.0.0/24 src-address=192.168.88.0/24
/ip ipsec identity
add auth-method=pre-shared-key peer=to-r1 secret=CHANGE-ME
/ip ipsec policy
add action=encrypt dst-address=192.168.0.0/24 level=require peer=to-r1 \
    proposal=to-r1 src-address=192.168.88.0/24 tunnel=yes
/system identity
set name=peer-10-0-0-2
