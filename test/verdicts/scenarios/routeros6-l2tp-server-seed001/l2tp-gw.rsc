# L2TP/IPsec server for mobile clients, RouterOS v6.24 (seed 001, "Mikrotik L2TP with IPsec for mobile
# clients"). Own-equivalent: same commands as the post, with a lab key, documentation WAN address.
/ip address
add address=203.0.113.63/24 interface=ether1 network=203.0.113.0
add address=192.168.63.1/24 interface=ether2 network=192.168.63.0
/ip pool
add name="L2TP-Pool" ranges=172.31.63.1-172.31.63.14
/ppp profile
add name=l2tp-profile local-address=L2TP-Pool remote-address=L2TP-Pool use-encryption=required change-tcp-mss=yes dns-server=8.8.8.8
/interface l2tp-server server
set authentication=mschap2 default-profile=l2tp-profile enabled=yes ipsec-secret=LABKEY63 max-mru=1460 max-mtu=1460 use-ipsec=yes
/ppp secret
add name=MYUSER password=MYPASSWORD service=l2tp profile=l2tp-profile
/ip ipsec proposal
add name=L2TP-Proposal auth-algorithms=sha1 enc-algorithms=3des,aes-256-cbc pfs-group=none
/ip ipsec peer
add address=0.0.0.0/0 port=500 auth-method=pre-shared-key secret="LABKEY63" generate-policy=port-override exchange-mode=main-l2tp \
    send-initial-contact=yes nat-traversal=yes hash-algorithm=sha1 enc-algorithm=3des,aes-256 dh-group=modp1024
/ip ipsec policy
add src-address=::/0 dst-address=::/0 protocol=all template=yes group=default action=encrypt level=require ipsec-protocols=esp tunnel=no sa-src-address=0.0.0.0 sa-dst-address=0.0.0.0 proposal=L2TP-Proposal
