# netcfg generate-peer: the other end of l2tp-gw (l2tp-server.rsc), in the form /export prints by RouterOS 6
# This router: 198.51.100.2; its peer l2tp-gw: 203.0.113.50.
# pre-shared key: a placeholder stands for the source's (not copied); type it in
# L2TP user and password: a /ppp secret of l2tp-gw
# /ip ipsec profile exists from RouterOS 6.43; before it the dynamic L2TP peer offers aes-128,3des / sha1 / modp2048,modp1024
# use-ipsec makes RouterOS add a dynamic peer with the default profile and proposal: both are set below
/interface l2tp-client
add connect-to=203.0.113.50 disabled=no ipsec-secret=CHANGE-ME name=l2tp-out1 \
    password=PPP-PASSWORD use-ipsec=yes user=vpnuser
/ip ipsec profile
set [ find default=yes ] dh-group=modp2048 enc-algorithm=aes-256 \
    hash-algorithm=sha1 lifetime=1d
/ip ipsec proposal
set [ find default=yes ] auth-algorithms=sha1 enc-algorithms=aes-256-cbc \
    lifetime=30m pfs-group=none
/ip address
add address=198.51.100.2/24 interface=ether1 network=198.51.100.0
/system identity
set name=peer-198-51-100-2
