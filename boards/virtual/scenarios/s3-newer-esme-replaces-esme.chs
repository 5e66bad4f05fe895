# Section 3 [decision]: a newer ESME image replaces the held one when no transfer of it is in progress.
device esme1 ESME 00-DB-12-34-56-78-90-E1 first-query=2h query=1d ignores-notify
at 0  image ESME version=02000001 size=50k targets=esme1
at 1h image ESME version=02000002 size=50k targets=esme1
run 1d
expect alert esme1 discarded version=02000001
expect alert esme1 success version=02000002
expect alerts 2
