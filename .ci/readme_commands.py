"""Print the README's Nth command of "Two commands on a fresh machine" (1: main job, 2: tests),
so CI runs the README's own words and they can never drift apart."""

import re
import sys
from pathlib import Path

text = Path(__file__).resolve().parents[1].joinpath("README.md").read_text(encoding="utf-8")
section = text.split("## Two commands on a fresh machine", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)
print(blocks[int(sys.argv[1]) - 1].strip())
