# Section 3 [decision]: a newer GSME image is refused while the held GSME image is mid-transfer.
device gsme GSME 00-DB-12-34-56-78-90-B2 first-query=10s block=16 period=30000
at 0  image GSME version=03000001 size=100k targets=gsme
at 1h image GSME version=03000002 size=20k  targets=gsme
run 2h
expect delivery 03000002 refused
expect alert gsme discarded version=03000002
expect alerts 1
