# A GSME out of the hub's range joins through the ESME (via=esme1): the air carries nothing between it and the
# hub, so its association, the trust centre's Transport-Key (tunnelled by the ESME) and its Device_annce cross two
# hops. The ESME's own link to the hub loses one frame in ten, both directions (the MACs and APS retry), and the
# ESME still downloads its image. The GSME registers with CBKE through the router (the hub's suite 2 Initiate Key
# Establishment Response goes to the ESME without a source-route subframe, RoutingPolicy) and downloads its own image.
device esme1  ESME   00-DB-12-34-56-78-90-E1  first-query=1m query=1h
device gsme   GSME   00-DB-12-34-56-78-90-B2  via=esme1 first-query=2m query=1d
loss hub-esme1 0.1
at 10m  image ESME version=02000001 size=40k targets=esme1
at 1m   image GSME version=03000001 size=10k targets=gsme
run 1d
expect joined esme1
expect cbke esme1 suite=2
expect joined gsme
expect cbke gsme suite=2
expect alert esme1 success version=02000001
expect alert gsme success version=03000001
expect alerts 2
