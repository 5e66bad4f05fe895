# Images the hub cannot serve: one whose OTA header's magic number is spoiled (bad-header) and one whose header
# declares a total size other than the file's (bad-size). The hub hashes what arrived, parses it, drops it and
# answers the head-end "not a servable OTA file" (WAN status 7); nothing is stored, the PPMID is not disturbed and
# a good image after them is stored and downloaded.
device ppmid  PPMID  00-DB-12-34-56-78-90-A4  first-query=1m query=1h
at 0    image PPMID version=01000001 size=30k targets=ppmid bad-header
at 1m   image PPMID version=01000002 size=30k targets=ppmid bad-size
at 10m  image PPMID version=01000003 size=30k targets=ppmid
run 2h
expect delivery 01000001 invalid
expect delivery 01000002 invalid
expect delivery 01000003 stored
expect alert ppmid success version=01000003
expect version ppmid 01000003
expect alerts 1                       # the invalid images gave no alert
