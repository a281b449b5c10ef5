"""Benchmark of `flowdoc build`: a cold full site, an unchanged rebuild, and a rebuild after one edit.

    python benchmarks/bench_site.py [TREE]      (default: /tmp/cloudstack-4.22.0.0-SNAPSHOT)

Cold means an empty facts cache, no staging folder and no previous site. Prints the figures
recorded in site_src/benchmarks/site.md.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TREE = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cloudstack-4.22.0.0-SNAPSHOT")
FLOWDOC = [sys.executable, "-c", "import sys; from flowdoc.cli import main; sys.exit(main())"]


def run(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(FLOWDOC + args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"flowdoc {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return elapsed, " | ".join(proc.stdout.strip().splitlines())


def site_figures(site: Path) -> dict:
    html = [p for p in site.rglob("*.html")]
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    largest = max(html, key=lambda p: p.stat().st_size)
    return {"html pages": len(html), "api pages": len(list((site / "api").glob("*.html"))),
            "flow pages": len(list((site / "flows").glob("*.html"))) if (site / "flows").is_dir() else 0,
            "site size": f"{size / 1e6:.1f} MB",
            "largest page": f"{largest.relative_to(site)} ({largest.stat().st_size / 1e3:.0f} KB)"}


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="flowdoc-bench-site-"))
    try:
        cache, site = work / "cache", work / "site"
        common = ["build", "--source", str(TREE), "--cache-dir", str(cache), "-o", str(site)]
        print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}")
        print(f"tree: {TREE}")
        cold, line = run(common)
        print(f"cold full build (empty facts cache): {cold:.1f} s   [{line}]")
        figures = site_figures(site)
        unchanged, line = run(common)
        print(f"unchanged rebuild: {unchanged:.1f} s   [{line}]")
        forced, line = run(common + ["--force"])
        print(f"forced full rebuild, warm facts cache: {forced:.1f} s   [{line}]")
        for key, value in figures.items():
            print(f"{key}: {value}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
