# A device the head-end never listed in the Device Log tries to join: the hub refuses it, while a listed device
# beside it joins and registers by CBKE.
device esme1  ESME   00-DB-12-34-56-78-90-E1  first-query=1m query=1h
device intruder PPMID 00-DB-12-34-56-78-90-F9 unlisted first-query=1m
run 1h
expect joined esme1
expect cbke esme1
expect refused intruder
expect not-joined intruder
expect alerts 0
