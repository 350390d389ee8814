# netcfg generate-peer: the other end of core (core.ios), in the form /export prints by RouterOS 7
# This router: 10.50.0.1; its peer core: 10.50.0.2.
# OSPF authentication key: a placeholder stands for the source's (not copied); type it in
# matches keyed MD5 OSPF authentication from core
# network type broadcast: IOS default on Ethernet/LAN interfaces
/routing ospf instance
add name=ospf-1 router-id=10.50.0.1 version=2
/routing ospf area
add area-id=0.0.0.0 instance=ospf-1 name=backbone
/ip address
add address=10.50.0.1/24 interface=ether1 network=10.50.0.0
/routing ospf interface-template
add area=backbone auth=md5 auth-id=1 auth-key=CHANGE-ME dead-interval=10s \
    hello-interval=2s interfaces=ether1 networks=10.50.0.0/24 type=broadcast
/system identity
set name=peer-10-50-0-1
