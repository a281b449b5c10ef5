"""The async job hand-off: an anonymous runnable given to another thread, not a callback."""

from __future__ import annotations

from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.symbols import build_symbol_index
from tests.helpers import scan_java_tree

R = "org.acme.run."
FILES = {
    "src/main/java/org/acme/run/Runner.java": """
        package org.acme.run;
        public class Runner {
            public static void runNow(Runnable r) { r.run(); }
        }
        """,
    "src/main/java/org/acme/run/Tasks.java": """
        package org.acme.run;
        import java.util.concurrent.ExecutorService;
        public class Tasks {
            private ExecutorService pool;
            public void later() {
                pool.submit(new Runnable() {
                    public void run() { work(); }
                });
            }
            public void now() {
                Runner.runNow(new Runnable() {
                    public void run() { work(); }
                });
            }
            public Runnable make() {
                return new Runnable() {
                    public void run() { work(); }
                };
            }
            public void plain() {
                Object o = new Object() { public String toString() { return "x"; } };
            }
            void work() { }
        }
        """,
}


def _kinds(graph, src):
    return sorted((d["kind"], v) for _, v, d in graph.graph.out_edges(src, data=True)
                  if v.startswith(R + "Tasks$"))


def test_runnables_given_to_other_threads_are_async_and_callbacks_are_calls(tmp_path):
    scan = scan_java_tree(tmp_path, FILES)
    graph = build_call_graph(scan, build_symbol_index(scan))
    assert _kinds(graph, R + "Tasks.later()") == [("async", R + "Tasks$1.run()")]  # to a library executor
    assert _kinds(graph, R + "Tasks.now()") == [("call", R + "Tasks$2.run()")]  # to an in-tree method
    assert _kinds(graph, R + "Tasks.make()") == [("async", R + "Tasks$3.run()")]  # handed back to a caller
    assert _kinds(graph, R + "Tasks.plain()") == []  # not a runnable, not passed: no edge
    assert graph.stats.edges["async"] == 2
