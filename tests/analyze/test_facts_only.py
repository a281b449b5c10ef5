"""No stage after the scan reads a .java file: the API model, the call graph, flows and callers
come out the same when every source file is gone after the scan (source excerpts aside)."""

from __future__ import annotations

import builtins
import shutil
from pathlib import Path

import pytest

from flowdoc.analyze.api import build_api_model
from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import build_flow, find_callers
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.read.scan import scan_tree

SAMPLE = Path(__file__).resolve().parents[2] / "flowdoc" / "sample"
PROVIDERS = "plugins/storage/disk-sample/src/main/java/org/nimbus/plugins/disk/sample/DiskProviderManagerImpl.java"


def _later_stages(scan):
    index = build_symbol_index(scan)
    model = build_api_model(scan, index)
    graph = build_call_graph(scan, index)
    flows = {c.name: build_flow(c, graph, index).as_dict() for c in model.commands}
    callers = find_callers(sorted(graph.methods)[:40], graph, index, model.commands)
    edges = sorted((u, v, d["kind"], d["line"]) for u, v, d in graph.graph.edges(data=True))
    return model.as_dict(), edges, flows, [c.as_dict() for c in callers]


@pytest.fixture()
def tree(tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(SAMPLE, root)
    path = root / PROVIDERS  # a registration under a condition, only visible in the text
    text = path.read_text(encoding="utf-8")
    plain = "cmdList.add(ListDiskProvidersCmd.class);"
    assert plain in text
    path.write_text(text.replace(plain, f"if (enabled()) {{ {plain} }}"), encoding="utf-8")
    return root


def test_model_graph_flows_come_from_facts_alone(tree, monkeypatch):
    readable = _later_stages(scan_tree(tree, jobs=1, cache=None))
    scan = scan_tree(tree, jobs=1, cache=None)
    for java in tree.rglob("*.java"):
        java.unlink()
    real_open = builtins.open

    def no_java(file, *args, **kwargs):
        if str(file).endswith(".java"):
            raise AssertionError(f"a stage after the scan opened {file}")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", no_java)
    unreadable = _later_stages(scan)
    assert unreadable == readable
    model, _, flows, _ = unreadable
    commands = {c["name"]: c for c in model["commands"]}
    assert commands["listDiskProviders"]["variants"][0]["registered_if"] == "enabled()"
    assert flows["startInstance"]["async"] and any(s["async"] for s in flows["startInstance"]["steps"])
    assert not any(s["async"] for s in flows["listInstances"]["steps"])  # guarded job branch left out
