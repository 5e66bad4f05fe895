# Section 3 [decision]: a newer ESME image is refused while the held ESME image is mid-transfer.
device esme1 ESME 00-DB-12-34-56-78-90-E1 first-query=10s block=16 period=30000
at 0   image ESME version=02000001 size=100k targets=esme1
at 10m image ESME version=02000002 size=50k  targets=esme1
run 1h
expect delivery 02000002 refused
expect alert esme1 discarded version=02000002
expect alerts 1
