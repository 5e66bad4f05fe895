# Section 4: Query Next Image with a hardware version outside the image's range gives 0x8F89 code 2.
device esme1 ESME 00-DB-12-34-56-78-90-E1 first-query=10s hw=9
at 0 image ESME version=02000001 size=50k targets=esme1 hw=1-3
run 1h
expect alert esme1 hardware-mismatch version=02000001
expect alerts 1
