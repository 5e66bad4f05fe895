#!/usr/bin/env python3
"""Rewrites the <Compile> items of the device projects (.nfproj) from the .cs files in their folders.

The device build needs every source listed explicitly; the host build globs. Run this after adding or
removing a device source; a test fails until the two agree. Links to files outside the folder (the
board pin map) are kept as they are.
"""
import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROJECTS = [("CommsHub.Zigbee", "CommsHub.Zigbee.nfproj"),
            ("CommsHub.Firmware", "CommsHub.Firmware.nfproj"),
            ("CommsHub.App", "CommsHub.App.nfproj"),
            ("CommsHub.Tests", "NFUnitTest.nfproj")]

for folder, name in PROJECTS:
    path = os.path.join(ROOT, folder, name)
    text = open(path, encoding="utf-8").read()
    base = os.path.join(ROOT, folder)
    sources = sorted(os.path.relpath(p, base).replace("/", "\\")
                     for p in glob.glob(os.path.join(base, "**", "*.cs"), recursive=True)
                     if os.sep + "bin" + os.sep not in p and os.sep + "obj" + os.sep not in p)
    group = re.search(r"  <ItemGroup>\n((?:    <Compile Include=.*\n(?:      <Link>.*\n    </Compile>\n)?)+)  </ItemGroup>\n", text)
    links = re.findall(r'    <Compile Include="\.\.[^"]*">\n      <Link>.*</Link>\n    </Compile>\n', group.group(1))
    items = "".join('    <Compile Include="%s" />\n' % s for s in sources) + "".join(links)
    text = text[:group.start(1)] + items + text[group.end(1):]
    open(path, "w", encoding="utf-8").write(text)
    print("%s: %d sources, %d linked" % (name, len(sources), len(links)))
