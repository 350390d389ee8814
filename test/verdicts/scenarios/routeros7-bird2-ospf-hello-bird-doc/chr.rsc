# RouterOS v7 OSPF (instance / area / interface-template) with default timers (10/40).
/ip address
add address=10.68.0.1/24 interface=ether2 network=10.68.0.0
/routing ospf instance
add name=ospf-1 version=2 router-id=10.68.255.1
/routing ospf area
add name=backbone instance=ospf-1 area-id=0.0.0.0
/routing ospf interface-template
add area=backbone interfaces=ether2 networks=10.68.0.0/24
