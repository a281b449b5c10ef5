"""The VM work-job, agent-command and message-bus hand-offs on the kiln fixture tree."""

from __future__ import annotations

import pytest

from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.handoffs import rule_of
from flowdoc.analyze.handoffs.lookup import module_of
from flowdoc.analyze.symbols import build_symbol_index
from tests.analyze.handoffs.kiln_handoffs_fixture import FILES
from tests.helpers import scan_java_tree

K = "org.kiln.KilnManagerImpl."


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    root = tmp_path_factory.mktemp("kiln-handoffs")
    scan = scan_java_tree(root, FILES)
    index = build_symbol_index(scan)
    return build_call_graph(scan, index)


def edges(graph, kind, source=None):
    return sorted((u, v, d["line"], d.get("via")) for u, v, d in graph.graph.edges(data=True)
                  if d["kind"] == kind and (source is None or u == source))


def test_work_creation_leads_to_the_handler_taking_that_work_class(graph):
    found = edges(graph, "vm_work")
    assert [(u, v, via) for u, v, _, via in found] == [
        (K + "coolThroughQueue(long)", K + "orchestrateCool(VmWorkCool)", "org.kiln.work.VmWorkCool"),
        (K + "fireThroughQueue(long)", K + "orchestrateFire(VmWorkFire)", "org.kiln.work.VmWorkFire"),
    ]  # VmWorkGlaze has no handler; orchestrateGlaze(VmWorkFire) returns no Pair: not a handler
    assert found[1][2] == 45  # the line of the creation
    # the machinery between: the dispatcher, the host's method taking any work, the proxy
    hops = {d.get("hops") for _, v, d in graph.graph.edges(data=True) if d["kind"] == "vm_work"}
    assert hops == {("org.kiln.work.VmWorkJobDispatcher.runJob(String)", K + "handleVmWorkJob(VmWork)",
                     "org.kiln.work.VmWorkJobHandlerProxy.handle(VmWork)")}
    assert graph.stats.edges["vm_work"] == 2
    assert rule_of("vm_work").boundary.startswith("VM work-job hand-off")


def test_batch_send_reaches_every_wrapper_and_the_branching_resource(graph):
    fire = edges(graph, "agent", K + "orchestrateFire(VmWorkFire)")
    assert [(v, via) for _, v, _, via in fire] == [
        ("org.kiln.electric.ElectricResource.execute(IgniteCommand)", "org.kiln.agent.IgniteCommand"),
        ("org.kiln.gas.GasIgniteWrapper.execute(IgniteCommand,GasResource)", "org.kiln.agent.IgniteCommand"),
        ("org.kiln.wood.WoodIgniteWrapper.execute(IgniteCommand,Object)", "org.kiln.agent.IgniteCommand"),
    ]
    assert {line for _, _, line, _ in fire} == {60}  # the send, not the addCommand
    # the branching resource's executeRequest is the hop to its handler; wrappers have none
    hops = {v: d.get("hops") for _, v, d in graph.graph.out_edges(K + "orchestrateFire(VmWorkFire)", data=True)
            if d["kind"] == "agent"}
    assert hops["org.kiln.electric.ElectricResource.execute(IgniteCommand)"] == (
        "org.kiln.electric.ElectricResource.executeRequest(Command)",)
    assert hops["org.kiln.gas.GasIgniteWrapper.execute(IgniteCommand,GasResource)"] is None


def test_a_subclass_command_uses_the_nearest_superclass_handler_per_module(graph):
    cool = edges(graph, "agent", K + "orchestrateCool(VmWorkCool)")
    # QuickExtinguishCommand: no handler of its own; ExtinguishCommand's in gas and electric
    assert [(v, via) for _, v, _, via in cool] == [
        ("org.kiln.electric.ElectricExtinguisher.put(ExtinguishCommand)", "org.kiln.agent.QuickExtinguishCommand"),
        ("org.kiln.gas.GasExtinguishWrapper.execute(ExtinguishCommand,GasResource)",
         "org.kiln.agent.QuickExtinguishCommand"),
    ]  # the send of a plain Command variable adds nothing


def test_adding_to_a_batch_parameter_hands_the_command_on(graph):
    stop = edges(graph, "agent", K + "addStop(Commands)")
    assert [v for _, v, _, _ in stop] == ["org.kiln.electric.ElectricExtinguisher.put(ExtinguishCommand)",
                                          "org.kiln.gas.GasExtinguishWrapper.execute(ExtinguishCommand,GasResource)"]


def test_publish_reaches_anonymous_and_dispatched_subscribers_of_the_subject(graph):
    found = edges(graph, "message_bus")
    assert [(u, v, via) for u, v, _, via in found] == [
        (K + "orchestrateFire(VmWorkFire)", "org.kiln.KilnManagerImpl$1.onPublishMessage(String,String,Object)",
         "kiln.fired"),
        (K + "orchestrateFire(VmWorkFire)", K + "onFired(String,String,Object)", "kiln.fired"),
    ]  # onOther listens to another topic


def test_module_of_a_source_path():
    assert module_of("plugins/hypervisors/kvm/src/main/java/a/B.java") == "plugins/hypervisors/kvm"
    assert module_of("server/src/main/java/a/B.java") == "server"
    assert module_of("B.java") == ""


def test_flows_list_a_send_call_and_its_agent_handlers_side_by_side(graph):
    from flowdoc.analyze.flows import flow_builder

    children, _, _ = flow_builder(graph, graph.index).children(K + "orchestrateFire(VmWorkFire)", None)
    at_send = [(target.rsplit(".", 2)[-2], kind) for target, kind, _, line, *_ in children if line == 60]
    assert ("AgentManagerImpl", "inject") in at_send  # the call itself
    assert sorted(k for _, k in at_send if k == "agent") == ["agent"] * 3  # and the three handlers
