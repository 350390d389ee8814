# mikrotik: RouterOS v6 end of the site-to-site tunnel to r1.ios (seed 001).
# LAN 192.168.88.0/24 on bridge-lan, Internet on ether1 (10.0.0.2); the Cisco peer is 192.168.23.3.
# The secret below does not match the Cisco's key (MYKEY): that is the mistake netcfg finds.
/interface bridge
add name=bridge-lan
/interface bridge port
add bridge=bridge-lan interface=ether2
/ip address
add address=192.168.88.1/24 interface=bridge-lan network=192.168.88.0
add address=10.0.0.2/24 interface=ether1 network=10.0.0.0
/ip route
add distance=1 gateway=10.0.0.1
/ip firewall filter
add action=accept chain=input protocol=ipsec-ah comment="IPsec AH"
add action=accept chain=input protocol=ipsec-esp comment="IPsec ESP"
add action=accept chain=input dst-port=500 protocol=udp comment="IKE"
add action=accept chain=input dst-port=4500 protocol=udp comment="IKE NAT-T"
/ip firewall nat
# Traffic to the Cisco's LAN must leave unNATed, so this rule sits above the masquerade rule.
add action=accept chain=srcnat src-address=192.168.88.0/24 dst-address=192.168.0.0/24
add action=masquerade chain=srcnat out-interface=ether1
/ip ipsec proposal
add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none lifetime=1h
/ip ipsec peer
add address=192.168.23.3/32 port=500 auth-method=pre-shared-key secret=MY_KEY exchange-mode=main \
    send-initial-contact=yes nat-traversal=yes proposal-check=obey hash-algorithm=sha1 \
    enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no
/ip ipsec policy
add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require \
    ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
/system identity
set name=mikrotik
