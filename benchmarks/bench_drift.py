"""Time `flowdoc diff`, `snapshot` and `check` on two real CloudStack trees, as a user runs them.

Every figure is the wall time of a `flowdoc` process (interpreter start-up included), the
median of --repeat runs after one warm-up run that fills the facts and model caches.

    python benchmarks/bench_drift.py [--old TREE] [--new TREE] [--git REPO --git-old REF --git-new REF]
                                     [--repeat 3] [--cold]

--cold adds one run of each side parsed from scratch into an empty cache (slow: ~20 s a tree).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def flowdoc_cmd() -> list[str]:
    exe = shutil.which("flowdoc", path=str(Path(sys.executable).parent)) or shutil.which("flowdoc")
    return [exe] if exe else [sys.executable, "-m", "flowdoc.cli"]


def timed(args: list[str], repeat: int, expect: tuple[int, ...] = (0, 1)) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(flowdoc_cmd() + args, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode not in expect:
            raise SystemExit(f"flowdoc {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return statistics.median(times), times


def java_files(tree: str) -> int:
    return sum(1 for _ in Path(tree).rglob("*.java"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", default="/tmp/cloudstack-4.20.0.0")
    parser.add_argument("--new", default="/tmp/cloudstack-4.22.0.0-SNAPSHOT")
    parser.add_argument("--git", default=None, help="a CloudStack git repository (bare is fine)")
    parser.add_argument("--git-old", default=None)
    parser.add_argument("--git-new", default=None)
    parser.add_argument("--docs", default="site_src")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores (nproc), Python {platform.python_version()}, {platform.system()}")
    print(f"old: {args.old} ({java_files(args.old)} .java files)")
    print(f"new: {args.new} ({java_files(args.new)} .java files)")
    print(f"runs: median of {args.repeat} after one warm-up run\n")

    rows = []
    diff = ["diff", args.old, args.new, "--format", "json", "-o", os.devnull]
    timed(diff, 1)  # warm-up: facts and models into the cache
    rows.append(("diff OLD NEW (facts + models cached)", *timed(diff, args.repeat)))
    rows.append(("diff OLD NEW --no-model-cache (facts cached, models rebuilt)",
                 *timed(diff + ["--no-model-cache"], args.repeat)))
    rows.append(("diff OLD NEW --format markdown", *timed(["diff", args.old, args.new, "--format", "markdown",
                                                           "-o", os.devnull], args.repeat)))
    with tempfile.TemporaryDirectory() as tmp:
        snap = str(Path(tmp) / "api.json")
        rows.append(("snapshot --source NEW", *timed(["snapshot", "--source", args.new, "-o", snap], args.repeat)))
        rows.append(("diff SNAPSHOT NEW", *timed(["diff", snap, args.new, "-o", os.devnull], args.repeat)))
        check = ["check", "--source", args.new, "--snapshot", snap]
        check += ["--docs", args.docs] if Path(args.docs).is_dir() else ["--no-docs"]
        rows.append((f"check --snapshot ({'--docs ' + args.docs if Path(args.docs).is_dir() else 'no docs'})",
                     *timed(check, args.repeat)))
        if args.git and args.git_old and args.git_new:
            gdiff = ["diff", f"git:{args.git}@{args.git_old}", f"git:{args.git}@{args.git_new}", "-o", os.devnull]
            timed(gdiff, 1)
            rows.append((f"diff git:@{args.git_old} git:@{args.git_new} (cached)", *timed(gdiff, args.repeat)))
            rows.append(("  same, --no-model-cache", *timed(gdiff + ["--no-model-cache"], args.repeat)))
        if args.cold:
            cold = ["diff", args.old, args.new, "-o", os.devnull, "--cache-dir", str(Path(tmp) / "cold")]
            rows.append(("diff OLD NEW, empty cache (both trees parsed)", *timed(cold, 1)))

    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  median    runs")
    for what, median, runs in rows:
        print(f"{what:<{width}}  {median:6.2f} s  {' '.join(f'{t:.2f}' for t in runs)}")


if __name__ == "__main__":
    main()
