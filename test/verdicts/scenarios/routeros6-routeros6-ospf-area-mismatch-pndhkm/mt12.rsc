# MT12 of the "Open Shortest Path First (OSPF)" notes at pndhkm.github.io (RouterOS v6 OSPF syntax).
# Own-equivalent: the page's commands; the vlan10 interface and addresses as on the page.
/interface vlan
add interface=ether2 name=vlan10 vlan-id=10
/ip address
add address=172.17.19.2/24 interface=ether1
add address=172.17.20.1/24 interface=vlan10
/routing ospf instance
add name=office-inst router-id=172.17.20.1
/routing ospf area
add name=office-area area-id=0.0.0.0 instance=office-inst
/routing ospf interface
add network-type=broadcast interface=vlan10
/routing ospf network
add area=office-area network=172.17.20.0/24
add area=office-area network=172.17.19.0/24
