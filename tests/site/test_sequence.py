"""Mermaid sequence diagrams of flows."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import build_flow
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.site.sequence import phase_diagrams, sequence_diagram, split_phases
from tests.callgraph_fixture import FILES
from tests.helpers import scan_java_tree


@pytest.fixture(scope="module")
def flows(tmp_path_factory):
    root = tmp_path_factory.mktemp("acme-seq")
    scan = scan_java_tree(root, FILES)
    index = build_symbol_index(scan)
    graph = build_call_graph(scan, index)

    def make(name, cls, isasync=False, async_create=False):
        command = SimpleNamespace(name=name, class_name="org.acme.api.command." + cls, isasync=isasync,
                                  async_create=async_create)
        return build_flow(command, graph, index)

    return {"create": make("createPump", "CreatePumpCmd", True, True), "list": make("listPumps", "ListPumpsCmd")}


def participants(text):
    return [line.split(" as ", 1)[1] for line in text.splitlines() if line.strip().startswith("participant ")]


def test_classes_are_participants_and_calls_are_messages(flows):
    text = sequence_diagram(flows["list"])
    assert text.startswith("sequenceDiagram\n")
    assert "title listPumps" in text
    names = participants(text)
    assert names[:4] == ["ApiServlet", "ApiServer", "ApiDispatcher", "ListPumpsCmd"]
    assert "P0->>P1: handleRequest()" in text
    assert "queueCommand()" not in text  # framework calls inside one class are collapsed
    assert "-)" not in text  # synchronous: no hand-off


def test_async_hand_off_is_drawn(flows):
    text = sequence_diagram(flows["create"])
    lines = text.splitlines()
    arrow = next(i for i, line in enumerate(lines) if "-)" in line)
    assert "runInContext()" in lines[arrow]
    assert "async hand-off" in lines[arrow - 1] and lines[arrow - 1].strip().startswith("Note over")
    assert text.index("create()") < text.index("runInContext()") < text.index("execute()")


def test_limits_are_respected(flows):
    text = sequence_diagram(flows["create"], max_participants=3, max_messages=4)
    assert len(participants(text)) == 3
    messages = [line for line in text.splitlines() if "->>" in line or "-)" in line]
    assert len(messages) <= 4
    assert "not drawn" in text


def test_accepts_the_flow_dict(flows):
    assert sequence_diagram(flows["create"].as_dict()) == sequence_diagram(flows["create"])


def messages_of(text):
    return [line.strip() for line in text.splitlines() if "->>" in line or "-)" in line]


def test_framework_is_collapsed_and_the_budget_goes_to_services(flows):
    text = sequence_diagram(flows["create"], max_participants=6, max_messages=12)
    names = participants(text)
    assert len(names) <= 6
    assert "PumpManagerImpl" in names  # the service implementation behind create()/execute()
    assert "allocatePump()" in text and "startPump()" in text
    assert "JobManagerImpl$1" not in names  # anonymous job runnable drawn as its outer class
    msgs = messages_of(text)
    assert any("-)" in m and "runInContext()" in m for m in msgs)
    # one message into each framework class per thread at most
    framework = {"ApiServer", "ApiDispatcher", "JobManagerImpl", "ApiJobDispatcher"}
    alias = {line.split()[1]: line.split(" as ", 1)[1] for line in text.splitlines()
             if line.strip().startswith("participant ")}
    into = [alias[m.split(":")[0].replace("-)", "->>").split("->>")[1]] for m in msgs]
    hand_off = next(i for i, m in enumerate(msgs) if "-)" in m)
    for part in (into[:hand_off], into[hand_off + 1:]):
        for cls in framework:
            assert part.count(cls) <= 1, (cls, text)
    assert "more calls not drawn: framework hops" in text
    assert ";" not in text  # mermaid reads ';' as the end of a statement


def test_a_getter_that_calls_a_service_is_drawn_with_what_it_calls(tmp_path):
    from tests.analyze.flows.test_flows import GETTER_COMMANDS

    scan = scan_java_tree(tmp_path, {**FILES, **GETTER_COMMANDS})
    index = build_symbol_index(scan)
    command = SimpleNamespace(name="tunePump", class_name="org.acme.api.command.TunePumpCmd", isasync=False,
                              async_create=False)
    text = sequence_diagram(build_flow(command, build_call_graph(scan, index), index))
    # getOwner() is a call of the command to itself: not drawn, what it calls is, from the command
    assert "getOwner()" not in text and "startPump()" in text
    assert "PumpManagerImpl" in participants(text)


def test_phases_split_at_the_hand_off(flows):
    phases = phase_diagrams(flows["create"])
    assert [p["kind"] for p in phases] == ["request", "async"]
    request, job = (p["diagram"] for p in phases)
    assert "create()" in request and "execute()" not in request
    assert "-)" in request and ": async, on in diagram 2" in request  # ends with the hand-off
    assert "execute()" in job and "startPump()" in job and "create()" not in job
    assert "title" not in job and "not drawn" not in job  # the page has both
    assert 0 < phases[1]["drawn"] <= phases[1]["calls"]
    for phase in phases:
        assert len(phase["participants"]) <= 7
    assert [p["kind"] for p in phase_diagrams(flows["list"])] == ["request"]


def test_split_phases_cuts_at_every_hand_off_nested_ones_too():
    steps = [{"depth": 0, "kind": "entry", "node": "a.A.m()"}, {"depth": 1, "kind": "call", "node": "a.B.m()"},
             {"depth": 2, "kind": "async", "async": True, "node": "a.C.m()"},
             {"depth": 3, "kind": "call", "node": "a.D.m()"},
             {"depth": 4, "kind": "async", "async": True, "node": "a.E.m()"},
             {"depth": 5, "kind": "call", "node": "a.F.m()"}, {"depth": 1, "kind": "call", "node": "a.G.m()"}]
    phases = split_phases(steps)
    assert [(k, [s["node"][2] for s in ss]) for k, ss in phases] == [
        ("request", ["A", "B", "C", "G"]), ("async", ["C", "D", "E"]), ("async", ["E", "F"])]
    assert [s["depth"] for s in phases[2][1]] == [0, 1]
    # a step of an edge kind that is no hand-off rule's stays in its phase
    assert len(split_phases([steps[0], {"depth": 1, "kind": "dispatch", "node": "a.B.m()"}])) == 1


def test_self_calls_and_dao_calls_are_not_drawn():
    steps = [{"depth": 0, "kind": "entry", "node": "w.Servlet.handle()"},
             {"depth": 1, "kind": "dispatch", "node": "c.DoCmd.execute()"},
             {"depth": 2, "kind": "inject", "node": "s.ServiceImpl.work(long)"},
             {"depth": 3, "kind": "call", "node": "s.ServiceImpl.check(long)"},
             {"depth": 4, "kind": "inject", "node": "o.OtherImpl.go(long)"},
             {"depth": 3, "kind": "inject", "node": "d.ThingDaoImpl.findById(long)"}]
    text = sequence_diagram({"api": "doIt", "steps": steps})
    assert "work()" in text and "go()" in text
    assert "check()" not in text and "findById()" not in text
    alias = {line.split()[1]: line.split(" as ", 1)[1] for line in text.splitlines() if "participant " in line}
    go = next(line for line in text.splitlines() if "go()" in line).strip()
    assert alias[go.split("->>")[0]] == "ServiceImpl"  # drawn from the class that made the self-call


def test_the_same_call_between_two_classes_is_one_arrow_with_a_count():
    steps = [{"depth": 0, "kind": "entry", "node": "w.Servlet.handle()"},
             {"depth": 1, "kind": "dispatch", "node": "c.DoCmd.execute()"},
             {"depth": 2, "kind": "inject", "node": "s.ServiceImpl.work(long)"},
             *({"depth": 3, "kind": "inject", "node": "a.AccountImpl.checkAccess(long)"} for _ in range(3)),
             {"depth": 3, "kind": "inject", "node": "o.OtherImpl.go(long)"}]
    text = sequence_diagram({"api": "doIt", "steps": steps})
    assert text.count("checkAccess()") == 1 and "checkAccess() x3" in text
    assert text.index("checkAccess() x3") < text.index("go()")


def test_a_later_phase_is_titled_by_its_hand_off_rule_and_entry_class():
    from flowdoc.analyze.handoffs import RULES

    other = next((r for r in RULES if r.kind != "async"), None)
    if other is None:
        pytest.skip("no hand-off rule besides the async job in this checkout")
    steps = [{"depth": 0, "kind": "entry", "node": "w.Servlet.handle()"},
             {"depth": 1, "kind": other.kind, "handoff": other.kind, "node": "h.HostHandler.run(Cmd)"},
             {"depth": 2, "kind": "call", "node": "h.Disk.resize(long)"}]
    phases = phase_diagrams({"api": "resize", "steps": steps})
    assert [p["kind"] for p in phases] == ["request", other.kind]
    assert phases[1]["title"].lower().startswith(other.note.lower()) and phases[1]["title"].endswith("(HostHandler)")


def test_a_hand_offs_hops_open_its_phase_each_calling_the_next():
    steps = [
        {"node": "a.Mgr.start()", "depth": 0, "kind": "entry"},
        {"node": "a.Work.orchestrate(WorkStart)", "depth": 1, "kind": "vm_work", "handoff": "vm_work",
         "hops": ["a.Dispatcher.runJob(Job)", "a.Proxy.handle(Work)"]},
        {"node": "a.Agent.send(Cmd)", "depth": 2, "kind": "inject"},
    ]
    phases = split_phases(steps)
    assert [k for k, _ in phases] == ["request", "vm_work"]
    work = phases[1][1]
    assert [(s["node"], s["depth"]) for s in work] == [
        ("a.Dispatcher.runJob(Job)", 0), ("a.Proxy.handle(Work)", 1), ("a.Work.orchestrate(WorkStart)", 2),
        ("a.Agent.send(Cmd)", 3)]
    diagram = phase_diagrams({"steps": steps})[1]
    assert diagram["title"].endswith("(Work)")  # named after the handler, not the dispatcher
    arrows = [line.strip() for line in diagram["diagram"].splitlines() if "->>" in line]
    assert arrows == ["P0->>P1: handle()", "P1->>P2: orchestrate()", "P2->>P3: send()"]
