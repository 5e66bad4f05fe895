# Section 3: a GSME image arrives while an HCALCS image holds the GSME block (not yet started).
device hcalcs HCALCS 00-DB-12-34-56-78-90-C1 first-query=2d ignores-notify
device gsme   GSME   00-DB-12-34-56-78-90-B2 first-query=2m query=1h
at 0   image HCALCS version=05000001 size=40k targets=hcalcs
at 1h  image GSME   version=03000001 size=20k targets=gsme
run 1d
expect alert hcalcs discarded version=05000001
expect alert gsme success
expect alerts 2
