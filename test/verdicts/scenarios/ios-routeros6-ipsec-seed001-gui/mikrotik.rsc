# MikroTik end of seed 001 "IPsec VPN Mikrotik to Cisco" (RouterOS 6.2x). Own-equivalent: the post's CLI,
# with the secret of its GUI table (MYKEY; the CLI line of the post has the typo MY_KEY).
/ip address
add address=10.65.0.2/24 interface=ether1 network=10.65.0.0
add address=192.168.165.1/24 interface=ether2 network=192.168.165.0
/ip ipsec proposal
add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
/ip ipsec policy
add src-address=192.168.165.0/24 dst-address=192.168.65.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.65.0.2 sa-dst-address=10.65.23.3 proposal=MyProposal
/ip ipsec peer
add address=10.65.23.3 port=500 auth-method=pre-shared-key secret=MYKEY65 exchange-mode=main send-initial-contact=yes nat-traversal=yes proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no
