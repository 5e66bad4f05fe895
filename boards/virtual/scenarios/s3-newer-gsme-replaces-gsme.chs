# Section 3 [decision]: a newer GSME image replaces the held one when no transfer of it is in progress.
device gsme GSME 00-DB-12-34-56-78-90-B2 first-query=2h query=1d version=03000000 ignores-notify
at 0  image GSME version=03000001 size=20k targets=gsme
at 1h image GSME version=03000002 size=20k targets=gsme
run 1d
expect alert gsme discarded version=03000001
expect alert gsme success version=03000002
expect alerts 2
