"""History benchmark: ``flowdoc history git:REPO --from VERSION`` cold (a fresh cache folder) and
warm (the same command again), with peak memory.

    python benchmarks/bench_history.py /path/to/cloudstack-git [--from 4.15.0.0] [--jobs 2]

Each run is a fresh process; peak memory is the largest resident set of that process and of
its parser workers (each on its own, as the kernel reports them). Targets (issue 12): all
releases from 4.15.0.0 on in <= 10 min cold on a 2-core machine, <= 30 s warm, <= 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

# Run in a fresh interpreter so that its RUSAGE_CHILDREN covers this one run only.
WRAPPER = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - started, "rc": done.returncode, "stderr": done.stderr,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_kib": usage.ru_maxrss}))
"""


def run_history(repo: Path, first: str, cache: Path, output: Path, jobs: int) -> dict:
    flowdoc = str(Path(sys.executable).with_name("flowdoc"))
    command = [flowdoc, "history", f"git:{repo}", "--from", first, "--cache-dir", str(cache), "--jobs", str(jobs),
               "-o", str(output)]
    result = json.loads(subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True,
                                       check=True).stdout)
    if result["rc"] != 0:
        raise SystemExit(f"flowdoc history failed: {result['stderr'].strip()}")
    data = json.loads(output.read_text())
    # CPU seconds of flowdoc and its workers: on a machine shared with other work, the wall time
    # depends on the others; this does much less
    return {"seconds": round(result["seconds"], 1), "cpu_seconds": round(result["cpu_seconds"], 1),
            "releases": len(data["releases"]), "peak_mib": round(result["peak_kib"] / 1024),
            "per_release": [line for line in result["stderr"].splitlines() if line.endswith(" s)")]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--from", dest="first", default="4.15.0.0")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="copy the history file here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="flowdoc-bench-history-") as tmp:
        cache, output = Path(tmp) / "cache", Path(tmp) / "history.json"
        cold = run_history(args.repo, args.first, cache, output, args.jobs)
        warm = run_history(args.repo, args.first, cache, output, args.jobs)
        if args.keep is not None:
            args.keep.write_bytes(output.read_bytes())
    print(json.dumps({"machine": f"{platform.machine()}, {os.cpu_count()} cores", "python": platform.python_version(),
                      "from": args.first, "cold": cold, "warm": warm}, indent=2))


if __name__ == "__main__":
    main()
