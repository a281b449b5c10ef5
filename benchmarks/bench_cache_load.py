"""What loading the cache through the allow-list costs: CPU seconds to unpickle the same bytes
with ``pickle.loads`` and with :mod:`flowdoc.store.safe_pickle`, alternating, best of N rounds.

    python benchmarks/bench_cache_load.py FACTS_DIR 'GRAPH_GLOB' [ROUNDS]

FACTS_DIR holds facts entries (``<cache>/store-s1-py311/facts/<code>``), GRAPH_GLOB one stored
graph (``<cache>/store-s1-py311/graph/*/*/*.pkl``). The method bodies are those packed inside
the facts (each one a pickle of its own, loaded when the call graph reads it).
"""

from __future__ import annotations

import gc
import glob
import pickle
import sys
import time

from flowdoc.store import safe_pickle

facts_dir, graph_glob = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
blobs = [open(f, "rb").read() for f in sorted(glob.glob(facts_dir + "/*/*.pkl"))]
graphs = [open(f, "rb").read() for f in glob.glob(graph_glob)][:1]
facts = [pickle.loads(b) for b in blobs]
bodies = [m.body._blob for f in facts for t in f.types for m in t.methods if m.body._blob]


def run(loads, data) -> float:
    gc.collect()
    gc.disable()
    started = time.process_time()
    out = [loads(b) for b in data]
    seconds = time.process_time() - started
    del out
    gc.enable()
    return seconds


for name, data in (("facts entries", blobs), ("method bodies", bodies), ("call graph", graphs)):
    best = {"pickle": 1e9, "safe": 1e9}
    for i in range(rounds):
        order = (("pickle", pickle.loads), ("safe", safe_pickle.loads))
        for label, fn in (order if i % 2 == 0 else order[::-1]):
            best[label] = min(best[label], run(fn, data))
    print(f"{name}: {len(data)}: pickle.loads {best['pickle']:.3f} s, allow-listed {best['safe']:.3f} s "
          f"({(best['safe'] / best['pickle'] - 1) * 100:+.1f}%)")
