"""API-model benchmark: symbol index and API model from cached facts, plus model figures.

    python benchmarks/bench_api.py /path/to/cloudstack [--cache-dir DIR] [--repeat 3]

The facts come from the cache (the first run of a tree fills it: that scan is not what is
measured). ``*_first`` is the first build in this process (it also unpacks the method bodies
it reads), ``*_best`` the best of ``--repeat`` builds; the figures
(APIs, classes, parameters, response fields, problems) come from the last run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import Counter
from pathlib import Path

from flowdoc.analyze.api import build_api_model
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.read.scan import scan_tree
from flowdoc.store.cache import FactsCache, default_cache_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", type=Path)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cache = FactsCache(args.cache_dir or default_cache_dir())
    scan_tree(args.tree, cache=cache)  # fill the cache if needed; not measured
    started = time.perf_counter()
    scan = scan_tree(args.tree, cache=cache)
    warm_scan = time.perf_counter() - started

    index_times, model_times, both_times = [], [], []
    model = index = None
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        index = build_symbol_index(scan)
        t1 = time.perf_counter()
        model = build_api_model(scan, index)
        t2 = time.perf_counter()
        index_times.append(t1 - t0)
        model_times.append(t2 - t1)
        both_times.append(t2 - t0)

    kinds = Counter(p.kind for p in model.problems)
    report = {
        "tree": str(args.tree), "version": scan.version, "files": len(scan.files),
        "cores": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine(),
        "seconds": {
            "warm_scan": round(warm_scan, 2),
            "symbol_index_first": round(index_times[0], 3),
            "api_model_first": round(model_times[0], 3),
            "index_plus_model_first": round(both_times[0], 3),
            "index_plus_model_best": round(min(both_times), 3),
        },
        "types_indexed": len(index.types),
        "apis": len(model.commands),
        "command_classes": sum(len(c.variants) for c in model.commands),
        "apis_with_several_classes": sum(1 for c in model.commands if len(c.variants) > 1),
        "unregistered_classes": sum(1 for c in model.commands for v in c.variants if not v.registered),
        "conditionally_registered_classes": sum(1 for c in model.commands for v in c.variants if v.registered_if),
        "classes_off_by_default": sum(1 for c in model.commands for v in c.variants
                                      if v.registered and v.registered_by_default is False),
        "classes_default_unknown": sum(1 for c in model.commands for v in c.variants
                                       if v.registered and v.registered_by_default is None),
        "apis_served_by_default": sum(1 for c in model.commands
                                      if any(v.registered and v.registered_by_default for v in c.variants)),
        "hidden_apis": sum(1 for c in model.commands if not c.include_in_api_doc),
        "async_apis": sum(1 for c in model.commands if c.isasync),
        "params": sum(len(c.params) for c in model.commands),
        "params_not_exposed": sum(1 for c in model.commands for p in c.params if not p.expose),
        "response_fields": sum(len(c.response_fields) for c in model.commands),
        "categories": len({c.category for c in model.commands}),
        "problems": dict(sorted(kinds.items())),
        "json_bytes": len(json.dumps(model.as_dict())),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
