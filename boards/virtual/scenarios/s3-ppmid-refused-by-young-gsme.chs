# Section 3: a PPMID image arrives while a GSME image less than 14 days old holds the block: refused.
device gsme  GSME  00-DB-12-34-56-78-90-B2 first-query=20d
device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1m
at 0   image GSME  version=03000001 size=20k  targets=gsme
at 13d image PPMID version=01000001 size=50k  targets=ppmid
run 13d1h
expect delivery 01000001 refused
expect alert ppmid discarded version=01000001
expect no-alert gsme
expect alerts 1
