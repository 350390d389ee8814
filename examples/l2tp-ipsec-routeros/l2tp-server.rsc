# l2tp-gw: L2TP/IPsec server for mobile clients (seed 001, "Mikrotik L2TP with IPsec for mobile clients"),
# RouterOS v6 syntax. Windows, iOS, macOS and Android clients connect to 203.0.113.50 with the IPsec
# pre-shared key below and a PPP user from /ppp secret.
#
# The IPsec secret appears twice: on the L2TP server (ipsec-secret=) and on the IPsec peer (secret=).
# They must be equal; netcfg reports l2tp/ipsec-secret-mismatch when they are not.
# 3DES and modp1024 stay in the proposals because the built-in Windows client offers nothing else by
# default; netcfg reports them as weak-crypto warnings.
/system identity
set name=l2tp-gw
/ip address
add address=203.0.113.50/24 interface=ether1 network=203.0.113.0 comment="WAN"
add address=192.168.88.1/24 interface=ether2 network=192.168.88.0 comment="LAN"
/ip pool
add name="L2TP-Pool" ranges=172.31.86.1-172.31.86.14
/ppp profile
add name=l2tp-profile local-address=L2TP-Pool remote-address=L2TP-Pool use-encryption=required \
    change-tcp-mss=yes dns-server=192.168.88.1
/interface l2tp-server server
set authentication=mschap2 default-profile=l2tp-profile enabled=yes ipsec-secret=l2tp-lab-key \
    max-mru=1460 max-mtu=1460 use-ipsec=yes
/ppp secret
add name=MYUSER password=MYPASSWORD service=l2tp profile=l2tp-profile
/ip ipsec proposal
add name=L2TP-Proposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc,3des pfs-group=none
/ip ipsec peer
add address=0.0.0.0/0 port=500 auth-method=pre-shared-key secret="l2tp-lab-key" generate-policy=port-override \
    exchange-mode=main-l2tp send-initial-contact=yes nat-traversal=yes hash-algorithm=sha1 \
    enc-algorithm=aes-256,3des dh-group=modp2048,modp1024
/ip ipsec policy
add src-address=0.0.0.0/0 dst-address=0.0.0.0/0 protocol=all template=yes group=default proposal=L2TP-Proposal
/ip firewall filter
add action=accept chain=input protocol=udp dst-port=500,1701,4500 in-interface=ether1 comment="IKE, L2TP, NAT-T"
add action=accept chain=input protocol=ipsec-esp in-interface=ether1 comment="IPsec ESP"
