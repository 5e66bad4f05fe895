# Section 3 [decision]: a PPMID image arrives while a GSME image at least 14 days old is still being
# downloaded (slowly): the GSME transfer goes on and the PPMID image is refused now.
device gsme  GSME  00-DB-12-34-56-78-90-B2 first-query=10s block=16 period=30000
device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1m
at 0      image GSME  version=03000001 size=768000 targets=gsme
at 14d1h  image PPMID version=01000001 size=50k    targets=ppmid
run 14d2h
expect delivery 01000001 refused
expect alert ppmid discarded version=01000001
expect no-alert gsme
