# A PPMID is installed before the head-end lists it: the hub refuses it. An hour later the head-end adds it to the
# Device Log over the WAN; it joins, registers by CBKE and downloads its image. Then the head-end removes the ESME:
# the hub tells it to leave (NWK Leave request), drops its link key and starts a network key rotation.
device esme1  ESME   00-DB-12-34-56-78-90-E1  first-query=1m query=1h
device ppmid  PPMID  00-DB-12-34-56-78-90-A4  unlisted first-query=1m query=1h
at 1h   device-log add ppmid
at 1h   image PPMID version=01000001 size=60k targets=ppmid
at 4h   device-log remove esme1
run 6h
expect refused ppmid
expect joined ppmid
expect cbke ppmid
expect alert ppmid success version=01000001
expect version ppmid 01000001
expect not-joined esme1
expect alerts 1
