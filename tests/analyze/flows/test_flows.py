"""Request flows on the fixture tree: framework path found in the graph, specialized per command."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import FlowRules, build_flow, find_callers, format_flow_text
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.cli import main
from tests.callgraph_fixture import FILES
from tests.helpers import scan_java_tree

A = "org.acme.api."
C = "org.acme.api.command."
S = "org.acme.server."
P = "org.acme.pump."


def cmd(name, cls, isasync=False, async_create=False):
    return SimpleNamespace(name=name, class_name=C + cls, isasync=isasync, async_create=async_create)


LIST = cmd("listPumps", "ListPumpsCmd")
START = cmd("startPump", "StartPumpCmd", isasync=True)
CREATE = cmd("createPump", "CreatePumpCmd", isasync=True, async_create=True)
STOP = cmd("stopPump", "StopPumpCmd", isasync=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("acme-flows")
    scan = scan_java_tree(root, FILES)
    index = build_symbol_index(scan)
    return index, build_call_graph(scan, index)


def nodes_of(flow):
    return [s.node for s in flow.steps]


def test_sync_command_goes_straight_to_execute(built):
    index, graph = built
    flow = build_flow(LIST, graph, index)
    path = nodes_of(flow)
    assert path[:5] == [
        S + "ApiServlet.processRequest(String)",
        S + "ApiServer.handleRequest(String)",
        S + "ApiServer.queueCommand(BaseCmd)",
        S + "ApiDispatcher.dispatch(BaseCmd)",
        C + "ListPumpsCmd.execute()",
    ]
    assert flow.steps[0].kind == "entry"
    assert not any(s.is_async for s in flow.steps)
    assert not any(n.endswith(".create()") for n in path)  # not an async-create command
    assert P + "PumpManagerImpl.listPumps()" in path  # through the injected service interface


def test_async_command_runs_execute_on_the_job_thread(built):
    index, graph = built
    flow = build_flow(START, graph, index)
    path = nodes_of(flow)
    async_steps = [s for s in flow.steps if s.is_async]
    assert [s.node for s in async_steps] == ["org.acme.jobs.JobManagerImpl$1.runInContext()"]
    assert async_steps[0].kind == "async"
    hand_off = path.index(async_steps[0].node)
    execute = path.index(C + "StartPumpCmd.execute()")
    assert hand_off < execute
    assert path[hand_off + 1] == S + "ApiJobDispatcher.runJob(JobRecord)"
    # the synchronous branch of queueCommand is pruned for an async command
    queue = S + "ApiServer.queueCommand(BaseCmd)"
    direct = [e for e in flow.edges if e["from"] == queue and e["to"] == S + "ApiDispatcher.dispatch(BaseCmd)"]
    assert direct == []
    assert not any(n.endswith(".create()") for n in path)
    # execute() reaches the implementation the Spring XML declares
    assert P + "ClusteredPumpDriver.start(long)" in path


def test_async_create_command_has_create_then_execute(built):
    index, graph = built
    flow = build_flow(CREATE, graph, index)
    path = nodes_of(flow)
    create = path.index(C + "CreatePumpCmd.create()")
    execute = path.index(C + "CreatePumpCmd.execute()")
    hand_off = next(i for i, s in enumerate(flow.steps) if s.is_async)
    assert create < hand_off < execute
    assert path[create - 1] == S + "ApiDispatcher.dispatchCreateCmd(BaseAsyncCreateCmd)"
    assert P + "PumpManagerImpl.allocatePump(String)" in path


def test_inherited_execute_binds_and_template_method_is_rebound(built):
    index, graph = built
    flow = build_flow(STOP, graph, index)
    path = nodes_of(flow)
    assert C + "BasePumpPowerCmd.execute()" in path
    i = path.index(C + "BasePumpPowerCmd.execute()")
    assert flow.steps[i].kind == "dispatch"
    # applyPower() is abstract in the base class: it runs the command's own override
    assert path[i + 1] == C + "StopPumpCmd.applyPower()"
    assert P + "PumpManagerImpl.stopPump(long)" in path


def test_depth_limit_and_boundaries_fold(built):
    index, graph = built
    shallow = build_flow(CREATE, graph, index, depth=1)
    deep = build_flow(CREATE, graph, index, depth=5)
    assert len(shallow.steps) < len(deep.steps)
    alloc = next(s for s in shallow.steps if s.node == P + "PumpManagerImpl.allocatePump(String)")
    assert alloc.folded > 0
    # DAO classes are boundaries: shown, never expanded
    rules = FlowRules(boundaries=("*.PumpManagerImpl",))
    bounded = build_flow(CREATE, graph, index, rules=rules)
    step = next(s for s in bounded.steps if s.node == P + "PumpManagerImpl.allocatePump(String)")
    after = bounded.steps[bounded.steps.index(step) + 1]
    assert after.depth <= step.depth


def test_repeats_are_marked_not_expanded_twice(built):
    index, graph = built
    flow = build_flow(CREATE, graph, index)
    starts = [s for s in flow.steps if s.node == P + "PumpManagerImpl.startPump(long)"]
    assert len(starts) == 1  # create() and execute() are different; startPump appears once here
    records = [s for s in flow.steps if s.node == P + "PumpManagerImpl.record(String)"]
    assert any(s.repeat for s in records[1:]) or len(records) <= 1


def test_flow_as_dict_matches_the_agreed_shape(built):
    index, graph = built
    data = build_flow(CREATE, graph, index).as_dict()
    assert list(data) == ["api", "command_class", "async", "async_create", "nodes", "edges", "steps",
                          "unresolved", "unknown", "tables", "settings", "events", "touch_unknown"]
    assert data["api"] == "createPump" and data["async"] and data["async_create"]
    assert set(data["nodes"][0]) == {"id", "class", "method", "file", "line", "end_line"}
    assert set(data["edges"][0]) == {"from", "to", "kind", "file", "line", "ambiguous"}
    assert set(data["steps"][0]) == {"depth", "node", "kind", "call_file", "call_line", "async", "repeat", "folded",
                                     "rank"}
    assert {e["kind"] for e in data["edges"]} <= {"call", "dispatch", "inject", "async", "new"}
    assert data["unresolved"] == len(data["unknown"])
    json.dumps(data)


def test_unknown_targets_are_listed_per_flow(built):
    index, graph = built
    flow = build_flow(STOP, graph, index)
    assert {"from": P + "PumpManagerImpl.stopPump(long)", "text": "mystery.vanish", "line": 43} in flow.unknown


def test_text_rendering_marks_the_hand_off(built):
    index, graph = built
    text = format_flow_text(build_flow(START, graph, index))
    assert text.splitlines()[0].startswith("startPump  (org.acme.api.command.StartPumpCmd; async)")
    assert "== async hand-off: the rest runs on a job thread ==" in text
    assert "=> JobManagerImpl$1.runInContext()  [async]" in text
    assert "ApiServer.java:" in text


def test_callers_lists_each_api_with_a_shortest_path(built):
    index, graph = built
    commands = [LIST, START, CREATE, STOP]
    found = find_callers([P + "ClusteredPumpDriver.start(long)"], graph, index, commands)
    assert [r.api for r in found] == ["createPump", "startPump"]
    start = next(r for r in found if r.api == "startPump")
    assert [n for n, *_ in start.path] == [C + "StartPumpCmd.execute()", P + "PumpManagerImpl.startPump(long)",
                                           P + "ClusteredPumpDriver.start(long)"]
    assert start.path[1][1] == "inject"


# ---------------------------------------------------------------------------- CLI (sample tree)
def test_cli_flow_text_json_mermaid(capsys):
    assert main(["flow", "deployInstance"]) == 0
    text = capsys.readouterr().out
    assert "ApiServlet.processRequest" in text and "DeployInstanceCmd.create()" in text
    assert "== async hand-off" in text
    assert main(["flow", "listInstances", "--format", "json", "--depth", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["api"] == "listInstances" and data["async"] is False
    assert not any(s["node"].endswith(".create()") for s in data["steps"])
    assert main(["flow", "createDisk", "--format", "mermaid"]) == 0
    mermaid = capsys.readouterr().out
    assert mermaid.startswith("sequenceDiagram") and "-)" in mermaid


def test_cli_unknown_api_suggests_close_names(capsys):
    assert main(["flow", "deployInstanse"]) == 2
    err = capsys.readouterr().err
    assert "unknown API 'deployInstanse'" in err and "deployInstance" in err


def test_cli_callers_and_unknown_method(capsys):
    assert main(["callers", "org.nimbus.agent.HostAgentManagerImpl#send", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    apis = {a["api"] for a in data["apis"]}
    assert {"rebootInstance", "startInstance", "deployInstance"} <= apis
    assert main(["callers", "HostAgentManagerImpl#sendd"]) == 2
    assert "HostAgentManagerImpl#send" in capsys.readouterr().err


def test_cli_graph_json_and_graphml(tmp_path, capsys):
    out = tmp_path / "g.json"
    assert main(["graph", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["schema"] == "flowdoc.callgraph/1"
    assert any(n["id"].startswith("?:") for n in data["nodes"])
    assert {"from", "to", "kind", "file", "line", "ambiguous"} <= set(data["edges"][0])
    gml = tmp_path / "g.graphml"
    assert main(["graph", "--format", "graphml", "-o", str(gml)]) == 0
    assert gml.read_text().startswith("<?xml")


def test_cli_callers_of_an_inherited_method(capsys):
    # ClusteredHostAgentManagerImpl declares no isConnected(): the inherited one is meant
    assert main(["callers", "ClusteredHostAgentManagerImpl#isConnected", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["targets"] == ["org.nimbus.agent.HostAgentManagerImpl.isConnected(long)"]
    assert "startInstance" in {a["api"] for a in data["apis"]}


def test_without_an_entry_the_flow_is_the_command_part(tmp_path):
    files = {k: v for k, v in FILES.items() if not k.endswith("ApiServlet.java")}
    scan = scan_java_tree(tmp_path, files)
    index = build_symbol_index(scan)
    flow = build_flow(CREATE, build_call_graph(scan, index), index)
    assert not flow.framework_found and flow.problems
    assert [s.node for s in flow.steps if s.depth == 0] == [C + "CreatePumpCmd.create()", C + "CreatePumpCmd.execute()"]
    assert "no framework path" in format_flow_text(flow)


def test_cli_flow_boundaries(capsys):
    assert main(["flow", "listInstances", "--boundary", "*.InstanceManagerImpl", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    steps = data["steps"]
    i = next(k for k, s in enumerate(steps) if s["node"].startswith("org.nimbus.vm.InstanceManagerImpl.listInstances"))
    assert steps[i]["folded"] > 0 and steps[i + 1]["depth"] <= steps[i]["depth"]
    assert main(["flow", "listInstances", "--no-default-boundaries", "--format", "json"]) == 0
    wide = json.loads(capsys.readouterr().out)
    assert len(wide["steps"]) >= len(steps)


SUBCLASS_COMMANDS = {
    "api/src/main/java/org/acme/api/command/CreatePumpFromKitCmd.java": """
        package org.acme.api.command;

        public class CreatePumpFromKitCmd extends CreatePumpCmd {
            @Override
            public void create() {
                checkKit();
                super.create();
            }

            private void checkKit() {
            }
        }
        """,
    "api/src/main/java/org/acme/api/command/CreatePumpQuietlyCmd.java": """
        package org.acme.api.command;

        public class CreatePumpQuietlyCmd extends CreatePumpCmd {
        }
        """,
}
KIT = cmd("createPumpFromKit", "CreatePumpFromKitCmd", isasync=True, async_create=True)
QUIET = cmd("createPumpQuietly", "CreatePumpQuietlyCmd", isasync=True, async_create=True)


def test_callers_follow_super_calls_and_inherited_create_of_subclass_commands(tmp_path):
    scan = scan_java_tree(tmp_path, {**FILES, **SUBCLASS_COMMANDS})
    index = build_symbol_index(scan)
    graph = build_call_graph(scan, index)
    commands = [LIST, START, CREATE, STOP, KIT, QUIET]
    allocate = graph.find_nodes(P + "PumpManagerImpl", "allocatePump")
    assert allocate
    found = {r.api: r for r in find_callers(allocate, graph, index, commands)}
    assert set(found) == {"createPump", "createPumpFromKit", "createPumpQuietly"}
    assert [n for n, *_ in found["createPumpFromKit"].path][:2] == [C + "CreatePumpFromKitCmd.create()",
                                                                     C + "CreatePumpCmd.create()"]
    # the parent command's create() itself: its subclasses reach it too
    direct = find_callers([C + "CreatePumpCmd.create()"], graph, index, commands)
    assert [r.api for r in direct] == ["createPump", "createPumpFromKit", "createPumpQuietly"]


GETTER_COMMANDS = {
    "api/src/main/java/org/acme/api/command/TunePumpCmd.java": """
        package org.acme.api.command;

        import org.acme.api.BaseCmd;

        public class TunePumpCmd extends BaseCmd {
            public enum Mode {
                FAST, SLOW;

                @Override
                public String toString() {
                    return name().toLowerCase();
                }
            }

            private Mode mode;
            private long id;

            public String getMode() {
                if (mode == null) {
                    return Mode.SLOW.toString();
                }
                return mode.toString();
            }

            public long getOwner() {
                return _pumpService.startPump(id) == null ? 0 : 1;
            }

            static class Speed {
                private int rpm;

                private int key() {
                    return rpm;
                }

                @Override
                public boolean equals(Object other) {
                    if (!(other instanceof Speed)) {
                        return false;
                    }
                    return key() == ((Speed) other).key();
                }
            }

            @Override
            public void execute() {
                String m = getMode();
                getOwner();
                new Speed().equals(new Speed());
            }
        }
        """,
}


def test_trivial_getters_and_enum_to_string_are_collapsed(tmp_path):
    scan = scan_java_tree(tmp_path, {**FILES, **GETTER_COMMANDS})
    index = build_symbol_index(scan)
    graph = build_call_graph(scan, index)
    flow = build_flow(cmd("tunePump", "TunePumpCmd"), graph, index)
    shown = nodes_of(flow)
    assert C + "TunePumpCmd.getMode()" not in shown  # only converts its own field
    assert C + "TunePumpCmd.Mode.toString()" not in shown
    assert C + "TunePumpCmd.Speed.equals(Object)" not in shown  # compares its own fields only
    assert C + "TunePumpCmd.getOwner()" in shown  # calls a service: a real step
    text = format_flow_text(flow)
    entry = text.splitlines()[2]  # after the title and the line on how to read it
    assert entry.startswith("* ApiServlet.processRequest") and "defined server/src/main/java/" in entry


VALVE_FILES = {
    "api/src/main/java/org/acme/api/command/InspectValveCmd.java": """
        package org.acme.api.command;

        import org.acme.api.BaseCmd;
        import org.acme.valve.ValveInspector;

        public class InspectValveCmd extends BaseCmd {
            @Override
            public void execute() {
                new ValveInspector().inspect(7L);
            }
        }
        """,
    "server/src/main/java/org/acme/valve/ValveInspector.java": """
        package org.acme.valve;

        import org.acme.valve.dao.ValveDaoImpl;

        public class ValveInspector {
            private final ValveDaoImpl valveDao = new ValveDaoImpl();

            public void inspect(long id) {
                valveDao.findById(id);
                audit(id);
                valveDao.findById(id + 1);
                valveDao.findById(id + 2);
            }

            void audit(long id) {
                valveDao.findById(id);
                report(id);
            }

            void report(long id) {
                String line = "valve " + id;
                System.out.println(line);
            }
        }
        """,
    "server/src/main/java/org/acme/valve/dao/ValveDaoImpl.java": """
        package org.acme.valve.dao;

        public class ValveDaoImpl {
            public Object findById(long id) {
                return lookup("id", id);
            }

            private Object lookup(String column, long value) {
                System.out.println(column + value);
                return null;
            }
        }
        """,
}


def test_compact_text_merges_repeated_boundary_calls(tmp_path):
    scan = scan_java_tree(tmp_path, {**FILES, **VALVE_FILES})
    index = build_symbol_index(scan)
    graph = build_call_graph(scan, index)
    flow = build_flow(cmd("inspectValve", "InspectValveCmd"), graph, index)
    full = format_flow_text(flow, full=True).splitlines()
    compact = format_flow_text(flow, show_all=True).splitlines()
    dao = "ValveDaoImpl.findById(long)"
    # the full tree: once under inspect() (first of its three calls), again under audit()
    assert [line.strip().split("  ")[0] for line in full if dao in line] == [f"-> {dao}"] * 2
    # compact: the three calls of inspect() are one line with the count and the other lines ...
    merged = [line.strip() for line in compact if dao in line]
    assert merged == [f"-> {dao} \u00d73  defined server/src/main/java/org/acme/valve/dao/ValveDaoImpl.java:4,"
                      " called at line 9 (+2 more: 11, 12)"]
    # ... the repeat under audit() is left out and counted there; audit()'s own step stays
    audit = next(line for line in compact if "ValveInspector.audit(long)" in line)
    assert audit.endswith("ValveInspector.java:15, called at line 10  (+1 not shown)")
    assert any("ValveInspector.report(long)" in line for line in compact)
    assert compact[-1] == ("compact view: 1 repeated boundary call (DAO, entity, utility...) left out;"
                           " --full prints every step")
    assert len(compact) == len(full) + 1  # one line less; one note more, a line on how to read it
    # nothing a reader could look up is lost: every method of the full tree is still named
    def named(lines):
        return {line.split("->")[-1].split("\u21b3")[-1].split()[0] for line in lines if "->" in line or "\u21b3" in line}
    assert named(full) == named(compact)
    assert "\u00d7" not in "\n".join(full) and "more site" not in "\n".join(full)


def test_cli_flow_full_prints_the_complete_tree(capsys):
    assert main(["flow", "deployInstance", "--full"]) == 0
    full = capsys.readouterr().out
    assert main(["flow", "deployInstance"]) == 0
    compact = capsys.readouterr().out
    assert len(compact.splitlines()) <= len(full.splitlines())
    assert "compact view:" not in full


def test_cli_callers_with_a_bare_class_or_method_name_says_the_form(capsys):
    assert main(["callers", "HostAgentManagerImpl"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "'HostAgentManagerImpl' is a class; callers needs 'pkg.Class#method', e.g. " \
           "org.nimbus.agent.HostAgentManagerImpl#isConnected, " in err  # its most called method first
    assert main(["callers", "isConnected"]) == 2
    err = capsys.readouterr().err.strip()
    assert "'isConnected' is a method name; callers needs 'pkg.Class#method': " in err
    assert "org.nimbus.agent.HostAgentManagerImpl#isConnected" in err
    assert main(["callers", "HostAgentManagerImpl.isConnected", "--format", "json"]) == 0  # dotted still works


def test_flow_starts_at_the_servlet_method_calling_the_entry(tmp_path):
    files = dict(FILES)
    files["server/src/main/java/org/acme/server/ApiServlet.java"] = files[
        "server/src/main/java/org/acme/server/ApiServlet.java"].replace(
        "void processRequest(String command) {",
        "protected void doGet(String request) {\n        processRequest(request);\n    }\n\n"
        "    void processRequest(String command) {")
    scan = scan_java_tree(tmp_path, files)
    index = build_symbol_index(scan)
    flow = build_flow(LIST, build_call_graph(scan, index), index)
    assert nodes_of(flow)[:2] == [S + "ApiServlet.doGet(String)", S + "ApiServlet.processRequest(String)"]
    assert flow.steps[0].kind == "entry"
