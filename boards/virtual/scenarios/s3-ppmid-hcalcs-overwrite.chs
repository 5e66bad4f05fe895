# Section 3: a PPMID/HCALCS image arrives while another PPMID/HCALCS image holds the block: it overwrites it,
# mid-transfer too.
device ppmid  PPMID  00-DB-12-34-56-78-90-A4 first-query=10s
device hcalcs HCALCS 00-DB-12-34-56-78-90-C1 first-query=2m
at 0   image PPMID  version=01000001 size=350k targets=ppmid
at 30s image HCALCS version=05000001 size=30k  targets=hcalcs
run 1d
expect alert ppmid discarded version=01000001
expect alert hcalcs success version=05000001
expect alerts 2
