"""Call graph on a small fixture tree: resolution, dispatch, injection, async hand-off."""

from __future__ import annotations

import pytest

from flowdoc.analyze.callgraph import build_call_graph, class_of
from flowdoc.analyze.symbols import build_symbol_index
from tests.callgraph_fixture import FILES
from tests.helpers import scan_java_tree

P = "org.acme.pump."
J = "org.acme.jobs."
S = "org.acme.server."
A = "org.acme.api."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("acme")
    scan = scan_java_tree(root, FILES)
    index = build_symbol_index(scan)
    return scan, index, build_call_graph(scan, index)


def edges(graph, src, dst=None, kind=None):
    found = []
    for _, v, d in graph.graph.out_edges(src, data=True):
        if (dst is None or v == dst) and (kind is None or d["kind"] == kind):
            found.append((v, d))
    return found


def test_every_edge_carries_file_line_and_kind(built):
    _, _, graph = built
    assert graph.graph.number_of_edges() > 40
    for _, _, d in graph.graph.edges(data=True):
        assert d["kind"] in ("call", "dispatch", "inject", "async", "new", "unknown")
        assert d["file"].endswith(".java")
        assert d["line"] > 0


def test_spring_xml_picks_one_of_two_implementations(built):
    _, _, graph = built
    start = P + "PumpManagerImpl.startPump(long)"
    injected = [v for v, _ in edges(graph, start, kind="inject")]
    assert P + "ClusteredPumpDriver.start(long)" in injected
    assert P + "SimplePumpDriver.start(long)" not in injected
    # the statically bound interface method stays visible as a call edge
    assert edges(graph, start, P + "PumpDriver.start(long)", "call")
    # the clustered driver inherits stop(): the injected call lands on the inherited body
    stop = [v for v, _ in edges(graph, P + "PumpManagerImpl.stopPump(long)", kind="inject")]
    assert stop == [P + "SimplePumpDriver.stop(long)"]


def test_injected_fields_are_counted(built):
    _, _, graph = built
    inj = graph.stats.injection
    assert inj["spring"] == 1  # PumpDriver: two implementations, the XML declares one
    assert inj["list"] == 2  # List<PumpAdapter>, List<JobDispatcher>
    assert inj["single"] >= 5
    assert inj["ambiguous"] == 0
    assert graph.stats.inject_single_share == 1.0


def test_a_loop_over_an_injected_adapter_list_reaches_each_registered_bean(built):
    _, _, graph = built
    found = edges(graph, P + "PumpManagerImpl.startPump(long)", kind="inject")
    prepare = sorted((v, d["bean"]) for v, d in found if v.endswith(".prepare(long)"))
    assert prepare == [(P + "GaugeAdapter.prepare(long)", P + "GaugeAdapter"),
                       (P + "ValveAdapter.prepare(long)", P + "ValveAdapter")]
    assert all(d["ambiguous"] for v, d in found if v.endswith(".prepare(long)"))
    assert not [v for v, _ in edges(graph, P + "PumpManagerImpl.startPump(long)", kind="dispatch")
                if v.endswith(".prepare(long)")]


def test_an_adapter_no_spring_context_registers_is_not_in_the_list(tmp_path):
    """A list of adapters holds the beans the Spring contexts register: an implementation that
    none declares (a test double, a disabled plugin) is not called through the list, while a
    call on the interface type itself still dispatches to every implementation."""
    extra = {
        "server/src/main/java/org/acme/pump/DrainAdapter.java": """
            package org.acme.pump;

            public class DrainAdapter implements PumpAdapter {
                @Override
                public void prepare(long id) { System.out.println("drain " + id); }
            }
            """,
        "server/src/main/java/org/acme/pump/AdapterUser.java": """
            package org.acme.pump;

            import java.util.List;
            import javax.inject.Inject;

            public class AdapterUser {
                @Inject
                List<PumpAdapter> adapters;

                public void each(PumpAdapter given) {
                    for (PumpAdapter a : adapters) {
                        a.prepare(1L);
                    }
                    given.prepare(2L);
                    adapters.size();
                }
            }
            """,
    }
    scan = scan_java_tree(tmp_path, {**FILES, **extra})
    index = build_symbol_index(scan)
    graph = build_call_graph(scan, index)
    each = P + "AdapterUser.each(PumpAdapter)"
    by_line: dict[int, set[tuple[str, str]]] = {}
    for v, d in edges(graph, each):
        by_line.setdefault(d["line"], set()).add((class_of(v).rsplit(".", 1)[-1], d["kind"]))
    assert sorted(by_line.items()) == [
        (12, {("PumpAdapter", "call"), ("GaugeAdapter", "inject"), ("ValveAdapter", "inject")}),  # the loop
        (14, {("PumpAdapter", "call"), ("DrainAdapter", "dispatch"), ("GaugeAdapter", "dispatch"),
              ("ValveAdapter", "dispatch")}),  # a parameter: any implementation
    ]


def test_overloads_by_argument_count_and_static_type(built):
    _, _, graph = built
    start = P + "PumpManagerImpl.startPump(long)"
    assert edges(graph, start, P + "PumpManagerImpl.notify(long)", "call")
    assert edges(graph, start, P + "PumpManagerImpl.notify(long,String)", "call")
    assert not edges(graph, start, P + "PumpManagerImpl.notify(String)")
    # a String argument (the value of a chained call) picks notify(String)
    assert edges(graph, P + "PumpManagerImpl.allocatePump(String)", P + "PumpManagerImpl.notify(String)", "call")


def test_super_call_is_bound_statically(built):
    _, _, graph = built
    found = edges(graph, P + "ClusteredPumpDriver.start(long)", P + "SimplePumpDriver.start(long)")
    assert [d["kind"] for _, d in found] == ["call"]


def test_chained_calls_through_generic_dao_return_types(built):
    _, _, graph = built
    alloc = P + "PumpManagerImpl.allocatePump(String)"
    # pumpDao.findByName(name).getName() and pumpDao.findById(1L).getId() (T bound to Pump)
    assert edges(graph, alloc, P + "Pump.getName()", "call")
    assert edges(graph, alloc, P + "Pump.getId()", "call")
    assert edges(graph, alloc, P + "Pump.<init>(String)", "new")


def test_inner_class_calls_outer_member(built):
    _, _, graph = built
    assert edges(graph, P + "PumpManagerImpl.Tracker.track()", P + "PumpManagerImpl.record(String)", "call")


def test_anonymous_runnable_is_an_async_hand_off(built):
    _, _, graph = built
    found = edges(graph, J + "JobManagerImpl.makeRunnable(JobRecord)", kind="async")
    assert [v for v, _ in found] == [J + "JobManagerImpl$1.runInContext()"]
    # inside the anonymous class: a loop over the outer class's injected list reaches each bean
    # (no context declares either dispatcher: every implementation stays)
    runs = sorted(v for v, _ in edges(graph, J + "JobManagerImpl$1.runInContext()", kind="inject"))
    assert runs == [J + "MaintenanceJobDispatcher.runJob(JobRecord)", S + "ApiJobDispatcher.runJob(JobRecord)"]


def test_callback_objects_run_inside_the_method_that_passes_them(built):
    _, _, graph = built
    audit = P + "PumpAuditor.audit(long)"
    found = edges(graph, audit, P + "PumpAuditor$1.inTransaction()")
    assert [d["kind"] for _, d in found] == ["call"]
    assert edges(graph, P + "PumpAuditor$1.inTransaction()", P + "PumpAuditor.write(long)", "call")


def test_lambda_body_belongs_to_the_enclosing_method(built):
    _, _, graph = built
    stop = P + "PumpManagerImpl.stopPump(long)"
    assert edges(graph, stop, P + "PumpDriver.stop(long)", "call")


def test_unresolved_calls_stay_visible_and_are_never_guessed(built):
    _, _, graph = built
    stop = P + "PumpManagerImpl.stopPump(long)"
    unknown = [v for v, _ in edges(graph, stop, kind="unknown")]
    assert unknown == ["?:mystery.vanish"]
    assert graph.node("?:mystery.vanish")["kind"] == "unknown"
    assert graph.node("?:mystery.vanish")["count"] == 1
    assert graph.stats.unresolved_reasons["unknown-name"] >= 1
    # nothing was matched by name alone: no edge to any other vanish()
    assert not [v for v in graph.graph.successors(stop) if v.endswith(".vanish()")]


def test_virtual_dispatch_to_command_overrides(built):
    _, _, graph = built
    found = sorted(v for v, _ in edges(graph, S + "ApiDispatcher.dispatch(BaseCmd)", kind="dispatch"))
    assert A + "command.BasePumpPowerCmd.execute()" in found
    assert A + "command.ListPumpsCmd.execute()" in found
    assert all(class_of(v).startswith(A) for v in found)


def test_this_calls_are_marked_for_rebinding(built):
    _, _, graph = built
    found = edges(graph, A + "command.BasePumpPowerCmd.execute()", A + "command.BasePumpPowerCmd.applyPower()")
    assert found and found[0][1].get("self_call")


def test_stats_and_helpers(built):
    _, _, graph = built
    stats = graph.stats.as_dict()
    assert stats["call_sites"] == stats["resolved"] + stats["external"] + stats["unresolved"]
    assert 0 < stats["resolved_share"] <= 1
    assert graph.find_nodes("PumpManagerImpl", "notify") == [
        P + "PumpManagerImpl.notify(String)", P + "PumpManagerImpl.notify(long)",
        P + "PumpManagerImpl.notify(long,String)"]
    assert graph.override_in(P + "ClusteredPumpDriver", P + "PumpDriver.stop(long)") == P + "SimplePumpDriver.stop(long)"
    assert class_of(P + "PumpManagerImpl.notify(long,String)") == P + "PumpManagerImpl"


def test_test_sources_are_left_out(tmp_path):
    files = dict(FILES)
    files["server/src/test/java/org/acme/pump/FakePumpDriver.java"] = """
        package org.acme.pump;
        public class FakePumpDriver implements PumpDriver {
            public void start(long id) { }
            public void stop(long id) { }
        }
        """
    scan = scan_java_tree(tmp_path, files)
    graph = build_call_graph(scan, build_symbol_index(scan))
    assert not graph.find_nodes("FakePumpDriver")
    assert graph.stats.injection["spring"] == 1


def test_stats_explain_methods_not_in_the_graph(tmp_path, capsys):
    files = {
        "core/src/main/java/org/acme/Lamp.java": """
            package org.acme;
            public class Lamp {
                void on() { off(); }
                void off() { }
            }
            """,
        "core/src/test/java/org/acme/LampTest.java": """
            package org.acme;
            public class LampTest {
                void testOn() { new Lamp().on(); }
            }
            """,
        "a/src/main/java/org/acme/Twin.java": "package org.acme;\npublic class Twin { void a() { } }\n",
        "b/src/main/java/org/acme/Twin.java": "package org.acme;\npublic class Twin { void b() { } }\n",
    }
    scan = scan_java_tree(tmp_path, files)
    graph = build_call_graph(scan, build_symbol_index(scan))
    stats = graph.stats
    assert stats.methods_scanned == scan.stats.methods == 5
    assert stats.methods_in_tests == 1
    assert stats.methods_duplicate_types == 1
    assert stats.methods == 3
    assert stats.methods_scanned == (stats.methods + stats.methods_in_tests + stats.methods_duplicate_types
                                     + stats.methods_same_signature)
    summary = stats.methods_summary()
    assert summary.startswith("3 method nodes of 5 methods scanned: 1 in test sources")
    assert stats.as_dict()["methods_not_in_graph"]["test_sources"] == 1

    from flowdoc.cli import main

    assert main(["graph", "--source", str(tmp_path), "--no-cache", "-o", str(tmp_path / "g.json")]) == 0
    assert "3 method nodes of 5 methods scanned" in capsys.readouterr().err
