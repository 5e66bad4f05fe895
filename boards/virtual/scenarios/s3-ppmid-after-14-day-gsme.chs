# Section 3: a PPMID image arrives once a GSME image is 14 days old and never started: the GSME image
# has left (imageDiscarded) and the PPMID image is stored and served.
device gsme  GSME  00-DB-12-34-56-78-90-B2 first-query=30d
device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=14d1h query=1d ignores-notify
at 0    image GSME  version=03000001 size=20k targets=gsme
at 14d1m  image PPMID version=01000001 size=50k targets=ppmid
run 14d2h
expect alert gsme discarded version=03000001
expect delivery 01000001 stored
expect alert ppmid success version=01000001
expect version ppmid 01000001
