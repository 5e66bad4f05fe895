# Section 3: a GSME image arrives while a PPMID image holds the GSME block (mid-download).
device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=10s
device gsme  GSME  00-DB-12-34-56-78-90-B2 first-query=2m
at 0   image PPMID version=01000001 size=350k targets=ppmid
at 40s image GSME  version=03000001 size=20k  targets=gsme
run 1d
expect alert ppmid discarded version=01000001
expect alert gsme success version=03000001
expect alerts 2
