"""Warm paths of the pipeline, in one process, wall and CPU seconds: the scan from the facts
cache, the symbol index, the call graph from the store (Spring XML included), and the contract
of a tree as ``diff`` gets it (from the store, without a scan).

    python benchmarks/bench_warm_paths.py TREE CACHE_DIR

Run it twice: the first run fills the cache. For a before/after comparison, run it alternately
against the two checkouts (PYTHONPATH=checkout) with the same cache folder, and compare CPU
seconds, the steadier figure on a shared machine.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import networkx  # noqa: F401  imported before timing: the stages below import it lazily

import flowdoc.analyze.callgraph  # noqa: F401
import flowdoc.analyze.response_fields  # noqa: F401
import flowdoc.check.drift  # noqa: F401
from flowdoc.pipeline import Options, Project


def timed(fn) -> list[float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return [round(time.perf_counter() - wall, 3), round(time.process_time() - cpu, 3)]


def main() -> None:
    tree, cache = sys.argv[1], Path(sys.argv[2])
    project = Project(tree, Options(cache_dir=cache))
    figures = {"scan": timed(lambda: project.scan), "index": timed(lambda: project.index),
               "graph_load": timed(lambda: project.graph)}
    fresh = Project(tree, Options(cache_dir=cache))
    figures["contract"] = timed(lambda: fresh.contract)
    figures["contract_scanned"] = "scan" in fresh.__dict__  # False when it came from the store
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
