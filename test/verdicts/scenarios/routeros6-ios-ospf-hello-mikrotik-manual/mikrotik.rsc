# RouterOS OSPF interface with the hello interval of the MikroTik RouterOS v2.9 Reference Manual example
# ("routing ospf interface add interface=ether2 hello-interval=5s"), same commands in RouterOS v6.
/ip address
add address=10.66.0.1/24 interface=ether2 network=10.66.0.0
/routing ospf instance
set [ find default=yes ] router-id=10.66.255.1
/routing ospf network
add area=backbone network=10.66.0.0/24
/routing ospf interface
add interface=ether2 hello-interval=5s
