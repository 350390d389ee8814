# RouterOS v6 site-to-site peer in aggressive mode towards an OpenBSD isakmpd gateway (main mode).
/ip address
add address=198.51.100.69/24 interface=ether1 network=198.51.100.0
add address=10.69.2.1/24 interface=ether2 network=10.69.2.0
/ip ipsec proposal
add name=to-obsd auth-algorithms=sha1 enc-algorithms=aes-128-cbc pfs-group=modp1536
/ip ipsec peer
add address=203.0.113.69/32 auth-method=pre-shared-key secret="lab-key-69" exchange-mode=aggressive hash-algorithm=sha1 enc-algorithm=aes-128 dh-group=modp1536 lifetime=8h
/ip ipsec policy
add src-address=10.69.2.0/24 dst-address=10.69.1.0/24 sa-src-address=198.51.100.69 sa-dst-address=203.0.113.69 tunnel=yes proposal=to-obsd
