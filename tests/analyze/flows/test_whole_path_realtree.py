"""Whole-path flows on the real CloudStack 4.22 tree: past the API job into the VM work-job queue
and the hypervisor agents, and what the flows touch (skipped when the tarball is absent)."""

from __future__ import annotations

import pytest

from flowdoc.analyze.api import build_api_model
from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import FlowRules, build_flow
from flowdoc.analyze.symbols import build_symbol_index

pytestmark = pytest.mark.realtree

VMM = "com.cloud.vm.VirtualMachineManagerImpl."
THROUGH = FlowRules(through=("vm_work", "agent"))


@pytest.fixture(scope="module")
def real(scan_422):
    index = build_symbol_index(scan_422)
    return index, build_api_model(scan_422, index), build_call_graph(scan_422, index)


def deep(real, api):
    index, model, graph = real
    return build_flow(model.command(api), graph, index, rules=THROUGH)


def test_deploy_reaches_the_work_job_handler_and_each_hypervisors_start_handler(real):
    flow = deep(real, "deployVirtualMachine")
    by_node = {s.node: s for s in flow.steps}
    work = by_node[VMM + "orchestrateStart(VmWorkStart)"]
    assert work.handoff == "vm_work" and work.call_line == 5614
    for handler, module in (
            ("com.cloud.hypervisor.kvm.resource.wrapper.LibvirtStartCommandWrapper.execute(StartCommand,"
             "LibvirtComputingResource)", "plugins/hypervisors/kvm"),
            ("com.cloud.hypervisor.xenserver.resource.wrapper.xenbase.CitrixStartCommandWrapper.execute("
             "StartCommand,CitrixResourceBase)", "plugins/hypervisors/xenserver"),
            ("com.cloud.hypervisor.vmware.resource.VmwareResource.execute(StartCommand)", "plugins/hypervisors/vmware")):
        step = by_node[handler]
        assert (step.handoff, step.module, step.call_line) == ("agent", module, 1537)
        assert step.answers == ("com.cloud.agent.api.StartAnswer",)
    assert {"vm_instance", "user_vm", "volumes"} <= set(flow.touches.table_names("write"))


@pytest.mark.parametrize(("api", "handler"), [
    ("startVirtualMachine", VMM + "orchestrateStart(VmWorkStart)"),
    ("migrateVirtualMachine", VMM + "orchestrateStop(VmWorkStop)"),
    ("attachVolume", "com.cloud.storage.VolumeApiServiceImpl.orchestrateAttachVolumeToVM(VmWorkAttachVolume)"),
    ("createSnapshot", "com.cloud.storage.VolumeApiServiceImpl.orchestrateTakeVolumeSnapshot(VmWorkTakeVolumeSnapshot)"),
])
def test_vm_and_volume_operations_reach_work_job_handlers_and_agent_commands(real, api, handler):
    flow = deep(real, api)
    assert handler in {s.node for s in flow.steps if s.handoff == "vm_work"}
    assert any(s.handoff == "agent" for s in flow.steps)


def test_site_depth_flow_lists_its_tables_with_unknowns_counted(real):
    index, model, graph = real
    flow = build_flow(model.command("deployVirtualMachine"), graph, index)
    assert "vm_instance" in flow.touches.table_names()
    data = flow.as_dict()
    assert data["touch_unknown"]["tables"] == len([u for u in data["touch_unknown"]["sites"] if u["what"] == "table"])
