"""Cache entries load as data only: a pickle naming anything outside the allow-list is refused."""

from __future__ import annotations

import os
import pickle
from collections import Counter

import networkx as nx
import pytest

from flowdoc.model.facts import LazyBody, MethodBody, UnusableBody
from flowdoc.store import safe_pickle
from tests.helpers import parse_snippet


class RunsCommand:
    """What an attacker plants: unpickling it calls os.system."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def test_a_pickle_that_would_run_a_command_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    planted = pickle.dumps(RunsCommand(f"touch {marker}"))
    with pytest.raises(safe_pickle.ForbiddenGlobal, match="system"):
        safe_pickle.loads(planted)
    assert not marker.exists()


@pytest.mark.parametrize("target", [(eval, ("1",)), (getattr, (object, "__class__")),
                                    (__import__, ("os",)), (pytest.fail, ("x",))])
def test_callables_outside_the_list_are_refused(target):
    class Planted:
        def __reduce__(self):
            return target

    with pytest.raises(safe_pickle.ForbiddenGlobal):
        safe_pickle.loads(pickle.dumps(Planted()))


def test_flowdoc_functions_and_sample_are_not_data():
    from flowdoc.store import artifacts

    for blob in (pickle.dumps(artifacts.atomic_write_bytes), pickle.dumps(artifacts.ArtifactStore)):
        with pytest.raises(safe_pickle.ForbiddenGlobal):
            safe_pickle.loads(blob)


def test_protocol_0_globals_and_persistent_ids_go_through_the_list(tmp_path):
    marker = tmp_path / "pwned0"
    for protocol in (0, 1, 2):
        with pytest.raises(safe_pickle.ForbiddenGlobal):
            safe_pickle.loads(pickle.dumps(RunsCommand(f"touch {marker}"), protocol=protocol))
    with pytest.raises(safe_pickle.ForbiddenGlobal):
        safe_pickle.loads(b"(Pos\nsystem\n(S'true'\ntR.")  # hand-written: GLOBAL os system
    with pytest.raises(pickle.UnpicklingError):
        safe_pickle.loads(b"P0\n.")  # a persistent id
    assert not marker.exists()


def test_facts_graphs_and_containers_round_trip():
    facts = parse_snippet("""
        package org.acme;
        import java.util.List;
        public class Pump {
            @Deprecated private List<String> names;
            public void start(int speed) { names.add("x" + speed); new Thread(() -> stop()).start(); }
            void stop() { }
        }
        """)
    assert safe_pickle.loads(safe_pickle.dumps(facts)) == facts
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", kind="call", line=3)
    _ = graph.nodes, graph.adj, graph.in_degree  # cached views live in the pickled __dict__
    loaded = safe_pickle.loads(safe_pickle.dumps(graph))
    assert list(loaded.edges(data=True)) == list(graph.edges(data=True))
    value = {"c": Counter(a=2), "s": {1, 2}, "f": frozenset({"x"}), "t": (1.5, None, b"x", True)}
    assert safe_pickle.loads(safe_pickle.dumps(value)) == value


def test_a_lazy_method_body_loads_through_the_list_too(tmp_path):
    marker = tmp_path / "pwned-body"
    body = LazyBody(blob=pickle.dumps(RunsCommand(f"touch {marker}")))
    with pytest.raises(UnusableBody, match="ForbiddenGlobal"):  # the pipeline rescans its file
        body.get()
    assert not marker.exists()
    good = LazyBody(MethodBody())
    assert safe_pickle.loads(safe_pickle.dumps(good)).get() == MethodBody()


def test_no_admitted_callable_allocates_without_bound():
    class Ask:
        def __init__(self, call, *args):
            self.call, self.args = call, args

        def __reduce__(self):
            return self.call, self.args

    for blob in (pickle.dumps(Ask(list, range(10**12))), pickle.dumps(Ask(bytes, 10**12)),
                 pickle.dumps(Ask(bytearray, 10**12))):
        assert len(blob) < 80
        with pytest.raises(safe_pickle.ForbiddenGlobal):
            safe_pickle.loads(blob)
    assert safe_pickle.loads(safe_pickle.dumps([b"bytes", bytearray(b"kept"), slice(1, 2)])) == [
        b"bytes", bytearray(b"kept"), slice(1, 2)]
