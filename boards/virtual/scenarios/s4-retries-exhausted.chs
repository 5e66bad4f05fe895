# Section 4: the HAN reports the transfer failed after all Zigbee retries (the device left): 0x8F89 code 3.
device ppmid PPMID 00-DB-12-34-56-78-90-A4 first-query=10s
at 0   image PPMID version=01000001 size=350k targets=ppmid
at 20s leave ppmid
at 5m  transfer-failed ppmid
run 1h
expect alert ppmid failure version=01000001
expect alerts 1
