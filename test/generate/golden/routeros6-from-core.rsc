# netcfg generate-peer: the other end of core (core.ios), in the form /export prints by RouterOS 6
# This router: 10.50.0.1; its peer core: 10.50.0.2.
# OSPF authentication key: a placeholder stands for the source's (not copied); type it in
# matches keyed MD5 OSPF authentication from core
# network type broadcast: IOS default on Ethernet/LAN interfaces
/routing ospf instance
set [ find default=yes ] router-id=10.50.0.1
/ip address
add address=10.50.0.1/24 interface=ether1 network=10.50.0.0
/routing ospf network
add area=backbone network=10.50.0.0/24
/routing ospf interface
add authentication=md5 authentication-key=CHANGE-ME authentication-key-id=1 \
    dead-interval=10s hello-interval=2s interface=ether1 \
    network-type=broadcast
/system identity
set name=peer-10-50-0-1
