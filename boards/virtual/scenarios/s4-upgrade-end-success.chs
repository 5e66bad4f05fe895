# Section 4: Upgrade End Request SUCCESS gives 0x8F8A; a PPMID activates at once and reports its new version.
device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=10s query=1h
at 0 image PPMID version=01000001 size=100k targets=ppmid
run 2h
expect alert ppmid success version=01000001
expect version ppmid 01000001
expect alerts 1
