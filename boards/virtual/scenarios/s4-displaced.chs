# Section 4: an image displaced by a higher-priority image: imageDiscarded for each unfinished target.
device ppmid1 PPMID 00-DB-12-34-56-78-90-A4 first-query=2d ignores-notify
device ppmid2 PPMID 00-DB-12-34-56-78-90-A5 first-query=2d ignores-notify
device gsme   GSME  00-DB-12-34-56-78-90-B2 first-query=2d ignores-notify
at 0  image PPMID version=01000001 size=50k targets=ppmid1,ppmid2
at 1h image GSME  version=03000001 size=20k targets=gsme
run 2h
expect alert ppmid1 discarded version=01000001
expect alert ppmid2 discarded version=01000001
expect alerts 2
