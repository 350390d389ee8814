# MT11 of the "Open Shortest Path First (OSPF)" notes at pndhkm.github.io (RouterOS v6 OSPF syntax).
/interface vlan
add interface=ether1 name=vlan10 vlan-id=10
/ip address
add address=172.16.20.2/24 interface=vlan10
/routing ospf instance
add name=office-inst router-id=172.16.20.2
/routing ospf area
add name=office-area area-id=0.0.0.0 instance=office-inst
/routing ospf interface
add network-type=broadcast interface=vlan10
/routing ospf network
add area=office-area network=172.16.20.0/24
