# An alert raised while the WAN is down survives a power cut and a hub reboot, reaches the head-end once the WAN
# is back, and is counted exactly once: the hub keeps it in flash until acknowledged and the head-end shows each
# originator counter once. A later outage and reboot do not bring it back.
device ppmid  PPMID  00-DB-12-34-56-78-90-A4  first-query=10s query=1h
at 5s   wan-down 2h                   # the download (through the HAN) goes on; its alert cannot leave the hub
at 0    image PPMID version=01000001 size=100k targets=ppmid
at 15s  power-cut hub                # lands in the flash work serving the download; it resumes after the restart
at 30m  reboot hub
at 3h   wan-down 30m
at 3h10m reboot hub
run 5h
expect alert ppmid success version=01000001
expect version ppmid 01000001
expect alerts 1
