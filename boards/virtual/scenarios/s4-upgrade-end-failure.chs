# Section 4: Upgrade End Request with another status gives 0x8F89 code 3.
device hcalcs HCALCS 00-DB-12-34-56-78-90-C1 first-query=10s fail-upgrade-end
at 0 image HCALCS version=05000001 size=30k targets=hcalcs
run 1h
expect alert hcalcs failure version=05000001
expect alerts 1
