"""Framework hops a flow shows past its shortest path: the dispatch chain the request passes
through for every command (parameter workers), and the runnable wrapper a job thread runs
before the job's template method."""

from __future__ import annotations

import pytest

from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import build_flow, format_flow_text
from flowdoc.analyze.symbols import build_symbol_index
from tests.analyze.flows.test_flows import CREATE, LIST, START, S, nodes_of
from tests.callgraph_fixture import FILES, SRV
from tests.helpers import scan_java_tree

CHAIN = {
    f"{SRV}/chain/Task.java": """
        package org.acme.server.chain;

        import org.acme.api.BaseCmd;

        public class Task {
            public final BaseCmd cmd;

            public Task(BaseCmd cmd) { this.cmd = cmd; }
        }
        """,
    f"{SRV}/chain/Worker.java": """
        package org.acme.server.chain;

        public interface Worker {
            void handle(Task task);
        }
        """,
    f"{SRV}/chain/UnpackWorker.java": """
        package org.acme.server.chain;

        public class UnpackWorker implements Worker {
            public void handle(Task task) { task.cmd.toString(); }
        }
        """,
    f"{SRV}/chain/ConvertWorker.java": """
        package org.acme.server.chain;

        public class ConvertWorker implements Worker {
            public void handle(Task task) { task.cmd.hashCode(); }
        }
        """,
    f"{SRV}/chain/CreateWorker.java": """
        package org.acme.server.chain;

        import org.acme.api.BaseAsyncCreateCmd;

        public class CreateWorker implements Worker {
            public void handle(Task task) {
                if (task.cmd instanceof BaseAsyncCreateCmd) {
                    ((BaseAsyncCreateCmd) task.cmd).create();
                }
            }
        }
        """,
    f"{SRV}/chain/DispatchChain.java": """
        package org.acme.server.chain;

        import java.util.ArrayList;
        import java.util.List;

        public class DispatchChain {
            protected List<Worker> workers = new ArrayList<Worker>();

            public void dispatch(Task task) {
                for (Worker worker : workers) {
                    worker.handle(task);
                }
            }
        }
        """,
    f"{SRV}/ApiDispatcher.java": """
        package org.acme.server;

        import org.acme.api.BaseAsyncCreateCmd;
        import org.acme.api.BaseCmd;
        import org.acme.server.chain.DispatchChain;
        import org.acme.server.chain.Task;

        public class ApiDispatcher {
            private DispatchChain chain = new DispatchChain();

            public void dispatchCreateCmd(BaseAsyncCreateCmd cmd) {
                chain.dispatch(new Task(cmd));
            }

            public void dispatch(BaseCmd cmd) {
                chain.dispatch(new Task(cmd));
                cmd.execute();
            }
        }
        """,
}
W = "org.acme.server.chain."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    scan = scan_java_tree(tmp_path_factory.mktemp("acme-chain"), {**FILES, **CHAIN})
    index = build_symbol_index(scan)
    return index, build_call_graph(scan, index)


def _children(flow, node):
    """The steps right under the first step of ``node``."""
    i = nodes_of(flow).index(node)
    depth = flow.steps[i].depth
    out = []
    for step in flow.steps[i + 1:]:
        if step.depth <= depth:
            break
        if step.depth == depth + 1:
            out.append(step.node)
    return out


def test_a_sync_command_shows_the_dispatch_chain_and_its_workers(built):
    index, graph = built
    flow = build_flow(LIST, graph, index)
    dispatch = S + "ApiDispatcher.dispatch(BaseCmd)"
    assert _children(flow, dispatch) == [W + "DispatchChain.dispatch(Task)", "org.acme.api.command.ListPumpsCmd.execute()"]
    assert _children(flow, W + "DispatchChain.dispatch(Task)") == [
        W + "ConvertWorker.handle(Task)", W + "CreateWorker.handle(Task)", W + "UnpackWorker.handle(Task)"]
    # the chain is on the main path, its workers are framework side steps: a count by default
    ranks = {s.node: s.rank for s in flow.steps}
    assert ranks[W + "DispatchChain.dispatch(Task)"] == "main"
    assert ranks[W + "UnpackWorker.handle(Task)"] == ranks[W + "ConvertWorker.handle(Task)"] == "framework"
    text = format_flow_text(flow)
    chain_row = next(line for line in text.splitlines() if "DispatchChain.dispatch(Task)" in line)
    assert "3 framework steps" in chain_row and "UnpackWorker" not in text
    every = format_flow_text(flow, show_all=True)
    assert every.index("DispatchChain.dispatch(Task)") < every.index("UnpackWorker.handle(Task)") < every.index(
        "ListPumpsCmd.execute()")


def test_an_async_command_shows_the_chain_on_the_job_thread_and_the_runnable_wrapper(built):
    index, graph = built
    flow = build_flow(START, graph, index)
    hand_off = next(s for s in flow.steps if s.is_async)
    assert hand_off.node == "org.acme.jobs.JobManagerImpl$1.runInContext()"
    assert hand_off.hops == ("org.acme.jobs.ContextRunnable.run()",)  # what the executor runs first
    assert "org.acme.jobs.ContextRunnable.run()" in flow.nodes
    assert flow.as_dict()["steps"][flow.steps.index(hand_off)]["hops"] == ["org.acme.jobs.ContextRunnable.run()"]
    path = nodes_of(flow)
    assert path.index(hand_off.node) < path.index(W + "DispatchChain.dispatch(Task)")
    for text in (format_flow_text(flow), format_flow_text(flow, full=True)):
        lines = text.splitlines()
        boundary = next(n for n, line in enumerate(lines) if "== async hand-off" in line)
        assert lines[boundary + 1].strip() == "via ContextRunnable.run()"
        assert "JobManagerImpl$1.runInContext()" in lines[boundary + 2]


def test_a_chain_already_on_the_path_shows_its_other_callees_unexpanded(built):
    index, graph = built
    # createPump: create() is reached through the chain (dispatchCreateCmd -> chain -> CreateWorker)
    flow = build_flow(CREATE, graph, index)
    chain = W + "DispatchChain.dispatch(Task)"
    first = nodes_of(flow).index(chain)
    assert _children(flow, chain) == [W + "ConvertWorker.handle(Task)", W + "CreateWorker.handle(Task)",
                                      W + "UnpackWorker.handle(Task)"]
    steps = flow.steps
    create_worker = next(i for i in range(first, len(steps)) if steps[i].node == W + "CreateWorker.handle(Task)")
    assert steps[create_worker + 1].node == "org.acme.api.command.CreatePumpCmd.create()"  # the path goes on
    convert = next(s for s in steps[first:] if s.node == W + "ConvertWorker.handle(Task)")
    assert convert.rank == "framework" and steps[create_worker].rank == "main"  # the way to create() stays
    assert steps[steps.index(convert) + 1].depth <= convert.depth  # not expanded
    # the job thread's dispatch() shows the chain again (parameters are processed there too)
    assert len([s for s in steps if s.node == chain]) == 2
