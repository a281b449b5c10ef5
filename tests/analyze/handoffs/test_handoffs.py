"""The hand-off interface: rule discovery, how the graph builder calls a rule, how flows draw it."""

from __future__ import annotations

from types import SimpleNamespace

from flowdoc.analyze import handoffs
from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import FlowStep, format_flow_text
from flowdoc.analyze.handoffs import ASYNC_JOB, HandoffEdge, HandoffRule, crossed_by, rule_of
from flowdoc.analyze.symbols import build_symbol_index
from tests.helpers import scan_java_tree

QUEUE = {
    "src/main/java/org/acme/q/WorkQueue.java": """
        package org.acme.q;
        public class WorkQueue {
            public void enqueue(Object work) { }
        }
        """,
    "src/main/java/org/acme/q/Worker.java": """
        package org.acme.q;
        public class Worker {
            public void handle(Object work) { System.out.println(work); }
        }
        """,
    "src/main/java/org/acme/q/Client.java": """
        package org.acme.q;
        public class Client {
            private WorkQueue queue = new WorkQueue();
            public void submit() {
                queue.enqueue("job");
            }
        }
        """,
}


def test_rules_are_discovered_one_module_each_with_unique_kinds():
    assert ASYNC_JOB in handoffs.KINDS
    assert rule_of(ASYNC_JOB).boundary == "async hand-off: the rest runs on a job thread"
    assert rule_of("call") is None
    assert len({r.kind for r in handoffs.RULES}) == len(handoffs.RULES)


def _queue_rule() -> HandoffRule:
    """A rule of this test's own: ``WorkQueue.enqueue(x)`` hands x to ``Worker.handle``."""
    def prepare(tree):
        assert "org.acme.q.Worker" in tree.main and tree.index.types["org.acme.q.Worker"]
        return "org.acme.q.Worker"

    def find(scope, worker):
        assert "org.acme.q.Client" in scope.main and scope.index.types[scope.owner]
        for i, site in enumerate(scope.method.calls):
            call = scope.call(i)
            if call is None or not any(t.endswith("WorkQueue.enqueue(Object)") for t, _, _ in call.targets):
                continue
            assert scope.type_of(site.args[0]) == "java.lang.String"
            for owner, m in scope.methods(worker, "handle"):
                yield HandoffEdge(scope.node, scope.node_id(owner, m), site.line, site=i, via="String")
        yield HandoffEdge(scope.node, "org.acme.q.Nowhere.m()", 1)  # not a method node: left out

    return HandoffRule("queue", "queue hand-off", "queued", lambda m: bool(m.calls), find, prepare)


def test_the_graph_builder_adds_a_rules_edges_with_its_kind(tmp_path, monkeypatch):
    import flowdoc.analyze.callgraph.build as callgraph_module

    monkeypatch.setattr(callgraph_module, "HANDOFF_RULES", (*handoffs.RULES, _queue_rule()))
    scan = scan_java_tree(tmp_path, QUEUE)
    graph = build_call_graph(scan, build_symbol_index(scan))
    found = [(v, d) for _, v, d in graph.graph.out_edges("org.acme.q.Client.submit()", data=True)
             if d["kind"] == "queue"]
    assert [v for v, _ in found] == ["org.acme.q.Worker.handle(Object)"]
    data = found[0][1]
    assert (data["line"], data["site"], data["via"], data["ambiguous"]) == (5, 0, "String", False)
    assert data["file"] == "src/main/java/org/acme/q/Client.java"
    assert graph.stats.edges["queue"] == 1


def test_a_crossed_hand_off_is_drawn_in_text_and_json():
    step = FlowStep(1, "org.acme.Jobs$1.run()", ASYNC_JOB, "Jobs.java", 12, handoff=ASYNC_JOB)
    assert step.is_async and crossed_by(step) is rule_of(ASYNC_JOB)
    data = step.as_dict()
    assert data["async"] is True and "handoff" not in data  # the async job's historical flag only
    assert crossed_by(data) is rule_of(ASYNC_JOB)
    assert crossed_by({"kind": "call", "async": False}) is None
    assert crossed_by({"kind": "x", "handoff": "not-a-rule"}) is None
    plain = FlowStep(2, "org.acme.Jobs.go()", "call", "Jobs.java", 14)
    assert crossed_by(plain) is None and "handoff" not in plain.as_dict()
    flow = SimpleNamespace(api="go", command_class="org.acme.GoCmd", is_async=True, async_create=False,
                           framework_found=True, steps=[FlowStep(0, "org.acme.Api.entry()", "entry", None, None),
                                                        step, plain], nodes={}, unknown=[], touches=None)
    lines = format_flow_text(flow).splitlines()
    assert lines[3] == "  == async hand-off: the rest runs on a job thread =="
    assert lines[4].startswith("  => Jobs$1.run()")
    assert lines[5].startswith("  \u21b3 Jobs.go()")  # its one callee continues the chain
    full = format_flow_text(flow, full=True).splitlines()
    assert full[2] == "  == async hand-off: the rest runs on a job thread =="
    assert full[4].startswith("    -> Jobs.go()")
