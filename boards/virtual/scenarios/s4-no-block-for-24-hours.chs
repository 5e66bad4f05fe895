# Section 4: a PPMID starts downloading, then goes silent for 25 hours: 0x8F89 code 3.
device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=10s block=32
at 0   image PPMID version=01000001 size=350k targets=ppmid
at 30s silent ppmid 25h
run 2d
expect alert ppmid failure version=01000001
expect alerts 1
