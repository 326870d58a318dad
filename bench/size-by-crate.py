#!/usr/bin/env python3
"""What each dependency costs in the widget's wasm: code bytes per crate.

Reads `twiggy top --format csv` of the optimised wasm built with its names
kept (size-report.sh makes it), gives each function to the first crate its
symbol names (`<yew::…<amwal_installments::X>>::view` counts as yew, whose
generic code it is), and prints the crates by size with their share of all
code. Bytes before compression: brotli shrinks each crate's share alike.
Static data (text, tables) is one line of its own, not any crate's: a
crate's tables show there (qrcode's cost 5 KB brotli, not in its code).
Usage: twiggy top -n 1000000 --format csv FILE.wasm | size-by-crate.py
"""
import csv
import re
import sys
from collections import Counter

CRATE = re.compile(r"([a-z_][a-z0-9_]*)\[[0-9a-f]+\]::")
by_crate = Counter()
data = 0
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    if name.startswith("data segment"):
        data += size
        continue
    # Sections, data, and the descriptors wasm-bindgen reads and removes.
    if name.startswith(("custom section", '"function names"', "data segment", "type[",
                        "import ", "elem[", "__wbindgen_describe", 'export "__wbindgen_describe')):
        continue
    m = CRATE.search(name)
    by_crate[m.group(1) if m else "(primitives: <str>, <u64>…)"] += size
total = sum(by_crate.values())
print(f"{'crate':32} {'code bytes':>10} {'share':>6}")
for crate, size in by_crate.most_common(15):
    print(f"{crate:32} {size:10d} {100 * size / total:5.1f}%")
print(f"{'all code':32} {total:10d}")
print(f"{'static data (text, tables)':32} {data:10d}")
