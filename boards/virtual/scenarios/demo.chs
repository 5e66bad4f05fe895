# The demo the README's first command plays: the hub, two ESMEs, a sleepy GSME and a PPMID.
# A GSME image lands while the PPMID is mid-download and displaces it (GB rule: GSME first);
# a second PPMID image is then refused because the GSME image is less than 14 days old.
device ppmid  PPMID  00-DB-12-34-56-78-90-A4  first-query=1m query=1d
device gsme   GSME   00-DB-12-34-56-78-90-B2  first-query=2m query=1d
device esme1  ESME   00-DB-12-34-56-78-90-E1  first-query=1m query=1h
device esme2  ESME   00-DB-12-34-56-78-90-E2  first-query=1m query=1h pages=512
at 0    image ESME   version=02000001 size=200k targets=esme1,esme2
at 0    image PPMID  version=01000001 size=350k targets=ppmid
at 80s  image GSME   version=03000001 size=60k  targets=gsme
at 10m  image PPMID  version=01000002 size=350k targets=ppmid
run 1d
expect alert ppmid discarded version=01000001
expect delivery 01000002 refused
expect alert ppmid discarded version=01000002
expect alert esme1 success version=02000001
expect alert esme2 success version=02000001
expect alert gsme success version=03000001
expect alerts 5
