"""Scan benchmark: cold scan, unchanged rerun, one file edited, peak memory.

    python benchmarks/bench_scan.py /path/to/cloudstack [--jobs 2]

Works on a private copy of the tree and a fresh cache folder, so the user's cache and tree
are untouched. Each measurement runs in a fresh process; peak memory is the largest
resident set of the process and of its parser workers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RUN_ONE = r"""
import json, resource, sys, time
from pathlib import Path
from flowdoc.store.cache import FactsCache
from flowdoc.read.scan import scan_tree
started = time.perf_counter()
result = scan_tree(sys.argv[1], jobs=int(sys.argv[3]), cache=FactsCache(Path(sys.argv[2])))
seconds = time.perf_counter() - started
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": round(seconds, 2), "files": result.stats.files, "parsed": result.stats.parsed,
                  "cache_hits": result.stats.cache_hits, "peak_mib": round(peak / 1024)}))
"""


def measure(tree: Path, cache: Path, jobs: int) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN_ONE, str(tree), str(cache), str(jobs)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="flowdoc-bench-") as tmp:
        tree = Path(tmp) / "tree"
        shutil.copytree(args.tree, tree, symlinks=True)
        cache = Path(tmp) / "cache"
        cold = measure(tree, cache, args.jobs)
        warm = measure(tree, cache, args.jobs)
        victim = next(tree.glob("server/src/main/java/**/*.java"), None) or next(tree.rglob("*.java"))
        with open(victim, "a", encoding="utf-8") as handle:
            handle.write("\n// edited by the benchmark\n")
        edited = measure(tree, cache, args.jobs)
    report = {
        "tree": str(args.tree), "jobs": args.jobs, "cores": os.cpu_count(),
        "python": platform.python_version(), "machine": platform.machine(),
        "cold": cold, "unchanged": warm, "one_file_edited": edited,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
