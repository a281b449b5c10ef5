"""Call graph and flows on the real CloudStack 4.22 tree (skipped when the tarball is absent)."""

from __future__ import annotations

import pytest

from flowdoc.analyze.api import build_api_model
from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import build_flow
from flowdoc.analyze.symbols import build_symbol_index

pytestmark = pytest.mark.realtree

VM = "com.cloud.vm.UserVmManagerImpl"


@pytest.fixture(scope="module")
def real(scan_422):
    index = build_symbol_index(scan_422)
    model = build_api_model(scan_422, index)
    graph = build_call_graph(scan_422, index)
    return index, model, graph


def flow_of(real, name, depth=5):
    index, model, graph = real
    command = model.command(name)
    assert command is not None, name
    return build_flow(command, graph, index, depth=depth)


def methods(flow):
    """``Class.method`` (simple class name, no parameters) of every step, in order."""
    out = []
    for step in flow.steps:
        head = step.node.split("(", 1)[0]
        cls, _, method = head.rpartition(".")
        out.append(f"{cls.rsplit('.', 1)[-1]}.{method}")
    return out


def test_graph_figures(real):
    _, _, graph = real
    stats = graph.stats
    assert stats.resolved_share >= 0.85
    assert stats.inject_single_share >= 0.99
    assert stats.unresolved == sum(stats.unresolved_reasons.values())


def test_the_clustered_agent_manager_is_the_injected_one(real):
    _, _, graph = real
    choice = graph.injection.candidates("com.cloud.agent.AgentManager")
    assert choice.classes == ("com.cloud.agent.manager.ClusteredAgentManagerImpl",)
    assert choice.how == "spring"


def test_deploy_vm_shows_the_whole_framework_path(real):
    flow = flow_of(real, "deployVirtualMachine")
    path = methods(flow)
    assert flow.framework_found and flow.is_async and flow.async_create
    for hop in ("ApiServlet.processRequest", "ApiServlet.processRequestInContext", "ApiServer.handleRequest",
                "ApiServer.queueCommand", "ApiDispatcher.dispatchCreateCmd", "CommandCreationWorker.handle",
                "DeployVMCmd.create", "AsyncJobManagerImpl.submitAsyncJob", "ApiAsyncJobDispatcher.runJob",
                "ApiDispatcher.dispatch", "DeployVMCmd.execute"):
        assert hop in path, hop
    assert path.index("DeployVMCmd.create") < path.index("ApiAsyncJobDispatcher.runJob") < path.index(
        "DeployVMCmd.execute")
    hand_off = [s for s in flow.steps if s.is_async]
    assert len(hand_off) == 1 and hand_off[0].kind == "async"
    assert "AsyncJobManagerImpl$" in hand_off[0].node and hand_off[0].node.endswith(".runInContext()")


def test_deploy_vm_create_and_execute_reach_the_user_vm_service(real):
    flow = flow_of(real, "deployVirtualMachine")
    steps = flow.steps
    create = next(i for i, s in enumerate(steps) if s.node.endswith("DeployVMCmd.create()"))
    child = steps[create + 1]
    assert child.node.startswith(VM + ".createVirtualMachine(") and child.kind == "inject"
    execute = next(i for i, s in enumerate(steps) if s.node.endswith("DeployVMCmd.execute()"))
    below = [s for s in steps[execute + 1:] if s.depth > steps[execute].depth]
    assert any(s.node.startswith(VM + ".startVirtualMachine(") and s.kind == "inject" for s in below)


def test_list_vms_is_synchronous_without_create(real):
    flow = flow_of(real, "listVirtualMachines")
    path = methods(flow)
    assert not flow.is_async
    assert not any(p.split(".")[0].endswith(("Cmd", "CmdByAdmin")) and p.endswith(".create") for p in path)
    assert not any(s.is_async for s in flow.steps)
    assert path[:7] == ["ApiServlet.doGet", "ApiServlet.processRequest", "ApiServlet$1.run",
                        "ApiServlet.processRequestInContext", "ApiServer.handleRequest", "ApiServer.queueCommand",
                        "ApiDispatcher.dispatch"]
    # the admin variant has no execute() of its own: it binds to the inherited one
    assert flow.command_class.endswith("ListVMsCmdByAdmin") or flow.command_class.endswith("ListVMsCmd")
    assert "ListVMsCmd.execute" in path


def test_create_volume_has_create_and_execute(real):
    flow = flow_of(real, "createVolume")
    path = methods(flow)
    assert flow.async_create
    assert "CreateVolumeCmd.create" in path and "CreateVolumeCmd.execute" in path
    assert path.index("CreateVolumeCmd.create") < path.index("CreateVolumeCmd.execute")


def test_inherited_execute_binds_to_the_base_class(real):
    index, model, graph = real
    from flowdoc.analyze.flows import flow_builder

    builder = flow_builder(graph, index)
    bound = builder.bind("org.apache.cloudstack.api.command.admin.vm.ListVMsCmdByAdmin", builder.execute_bind)
    assert bound == "org.apache.cloudstack.api.command.user.vm.ListVMsCmd.execute()"


def test_flows_for_every_api(real):
    index, model, graph = real
    flows = [build_flow(c, graph, index) for c in model.commands]
    assert len(flows) == len(model.commands) > 800
    assert all(f.framework_found for f in flows)


def test_async_create_diagrams_reach_the_service_implementation(real):
    from flowdoc.site.sequence import sequence_diagram

    for api, service in (("deployVirtualMachine", "UserVmManagerImpl"), ("createVolume", "VolumeApiServiceImpl")):
        text = sequence_diagram(flow_of(real, api))
        participants = [line.split(" as ", 1)[1] for line in text.splitlines()
                        if line.strip().startswith("participant ")]
        assert service in participants, text
        assert "-)" in text and "create()" in text and "execute()" in text
        assert "$" not in "".join(participants)  # anonymous framework runnables fold into their class


def test_ranked_text_folds_dao_calls_into_counts_and_all_lists_them(real):
    import re

    from flowdoc.analyze.flows import format_flow_text

    flow = flow_of(real, "deployVirtualMachine")
    full = format_flow_text(flow, full=True).splitlines()
    ranked = format_flow_text(flow).splitlines()
    listed = format_flow_text(flow, show_all=True).splitlines()
    assert len(ranked) < len(full) * 0.2 < len(listed)
    assert sum("GenericDaoBase.findById(ID)" in line for line in full) > 5
    assert not any("GenericDaoBase.findById(ID)" in line for line in ranked)  # folded into a count
    assert any("GenericDaoBase.findById(ID)" in line for line in listed)
    assert any("folded:" in line and "DAO call" in line for line in ranked)
    assert any(re.fullmatch(r"main path: \d+ steps shown; \d+ side steps folded \(--all lists them\)", line)
               for line in ranked)
