# Section 4: a PPMID switched off for a fortnight never starts: 0x8F89 code 1 after 14 days, not before.
device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=1d query=1d
at 0    power-off ppmid
at 1m   image PPMID version=01000001 size=100k targets=ppmid
at 16d  power-on ppmid
run 16d1h
expect alert ppmid discarded version=01000001
expect version ppmid 01000000
expect alerts 1
