"""Call-graph benchmark: whole-tree graph and every API's flow from cached facts, plus figures.

    python benchmarks/bench_callgraph.py /path/to/cloudstack [--cache-dir DIR] [--depth 5]

The facts come from the cache (the first run of a tree fills it; that scan is not measured).
"graph" is build_call_graph from the loaded facts (it unpacks every method body it reads);
"flows" is build_flow for every command of the API model, in one process after the graph.
Wall and CPU seconds are both printed: the machine is shared, CPU time is the steadier one.
Peak memory is the process's maximum resident set size (facts, index, model, graph, flows).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flowdoc.analyze.api import build_api_model
from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import build_flow
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.pipeline import Options, Project
from flowdoc.read.scan import scan_tree
from flowdoc.store.cache import FactsCache, default_cache_dir


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def _project(scan, index, cache_dir: Path) -> Project:
    """A Project over the loaded facts and index, storing artifacts in ``cache_dir``."""
    project = Project.from_scan(scan, Options(cache_dir=cache_dir))
    project.__dict__["index"] = index  # measured above; the graph is what is timed here
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", type=Path)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--depth", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    cache = FactsCache(args.cache_dir or default_cache_dir())
    scan_tree(args.tree, cache=cache)  # fill the cache if needed; not measured
    scan, scan_wall, _ = timed(lambda: scan_tree(args.tree, cache=cache))
    index, index_wall, _ = timed(lambda: build_symbol_index(scan))
    model = build_api_model(scan, index)
    graph, graph_wall, graph_cpu = timed(lambda: build_call_graph(scan, index))
    flows, flows_wall, flows_cpu = timed(lambda: [build_flow(c, graph, index, depth=args.depth)
                                                  for c in model.commands])
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as graph_cache:  # the graph in the store: build and store, then load
        _, store_wall, _ = timed(lambda: _project(scan, index, Path(graph_cache)).graph)
        _, load_wall, load_cpu = timed(lambda: _project(scan, index, Path(graph_cache)).graph)
        cache_bytes = sum(p.stat().st_size for p in Path(graph_cache).rglob("graph/*/*/*.pkl"))

    stats = graph.stats
    nodes = [len(f.nodes) for f in flows]
    steps = [len(f.steps) for f in flows]
    unknown = [f.unresolved for f in flows]
    figures = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.machine()},
        "tree": {"root": str(args.tree), "version": scan.version, "files": len(scan.files)},
        "seconds": {"warm_scan": round(scan_wall, 2), "index": round(index_wall, 2),
                    "graph_wall": round(graph_wall, 2), "graph_cpu": round(graph_cpu, 2),
                    "flows_wall": round(flows_wall, 2), "flows_cpu": round(flows_cpu, 2),
                    "graph_build_and_store": round(store_wall, 2), "graph_cache_load_wall": round(load_wall, 2),
                    "graph_cache_load_cpu": round(load_cpu, 2)},
        "graph_cache_mib": round(cache_bytes / 2**20, 1),
        "peak_memory_mib": round(peak_mib),
        "graph": {"nodes": graph.graph.number_of_nodes(), "edge_count": graph.graph.number_of_edges(),
                  **stats.as_dict()},
        "flows": {"apis": len(model.commands), "built": len(flows),
                  "framework_path_found": sum(1 for f in flows if f.framework_found),
                  "nodes_median": statistics.median(nodes), "nodes_max": max(nodes),
                  "steps_median": statistics.median(steps), "steps_max": max(steps),
                  "unknown_median": statistics.median(unknown), "unknown_mean": round(statistics.mean(unknown), 2),
                  "unknown_max": max(unknown),
                  "largest": max(flows, key=lambda f: len(f.nodes)).api},
    }
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
        return
    g, f, s = figures["graph"], figures["flows"], figures["seconds"]
    inj = g["injection"]
    single_total = sum(inj.get(k, 0) for k in ("single", "spring", "named", "ambiguous", "none"))
    print(f"tree: {args.tree} ({scan.version}, {len(scan.files)} files); {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"warm scan {s['warm_scan']} s, symbol index {s['index']} s")
    print(f"graph: {s['graph_wall']} s wall, {s['graph_cpu']} s CPU; {g['nodes']} nodes, {g['edge_count']} edges "
          f"{g['edges']}")
    print(f"flows: {f['built']} of {f['apis']} APIs in {s['flows_wall']} s wall, {s['flows_cpu']} s CPU; "
          f"framework path found for {f['framework_path_found']}")
    print(f"graph cache: build and store {s['graph_build_and_store']} s, load {s['graph_cache_load_wall']} s wall, "
          f"{s['graph_cache_load_cpu']} s CPU; {figures['graph_cache_mib']} MiB on disk")
    print(f"peak memory: {figures['peak_memory_mib']} MiB")
    print(f"call sites: {g['call_sites']}; resolved in the tree {g['resolved']}, outside the tree (JDK, "
          f"libraries) {g['external']}, unresolved {g['unresolved']} -> resolved share {g['resolved_share']:.1%}")
    print(f"  unresolved by cause: {g['unresolved_reasons']}")
    print(f"  ambiguous call sites (several possible targets): {g['ambiguous_sites']}")
    print(f"@Inject fields: {inj.get('fields', 0)}; single-valued {single_total}: one implementation "
          f"{inj.get('single', 0)}, chosen by the Spring XML {inj.get('spring', 0)}, by qualifier/name "
          f"{inj.get('named', 0)}, ambiguous {inj.get('ambiguous', 0)}, none in the tree {inj.get('none', 0)} "
          f"-> exactly one bean {g['inject_single_share']:.2%}; adapter lists {inj.get('list', 0)}, "
          f"types outside the tree {inj.get('external', 0)}")
    print(f"nodes per flow: median {f['nodes_median']}, max {f['nodes_max']} ({f['largest']}); steps median "
          f"{f['steps_median']}, max {f['steps_max']}")
    print(f"unknown targets per flow: median {f['unknown_median']}, mean {f['unknown_mean']}, max {f['unknown_max']}")


if __name__ == "__main__":
    main()
