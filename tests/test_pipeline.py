"""The Project: each stage computed once, from the store when the source and code are unchanged."""

from __future__ import annotations

import json

import pytest

from flowdoc.analyze import callgraph
from flowdoc.analyze import symbols as symbols_module
from flowdoc.model import contract
from flowdoc.model.problems import InputError
from flowdoc.pipeline import Options, Project
from tests.callgraph_fixture import FILES
from tests.check.test_drift import ACME, LIST, edit
from tests.helpers import write_java_tree


@pytest.fixture
def tree(tmp_path):
    return write_java_tree(tmp_path / "src", FILES)


@pytest.fixture
def count_builds(monkeypatch):
    """Counts calls of the real graph and symbol-index builders."""
    calls = {"graph": 0, "index": 0}
    real_graph, real_index = callgraph.build_call_graph, symbols_module.build_symbol_index

    def graph(*args, **kwargs):
        calls["graph"] += 1
        return real_graph(*args, **kwargs)

    def index(*args, **kwargs):
        calls["index"] += 1
        return real_index(*args, **kwargs)

    monkeypatch.setattr(callgraph, "build_call_graph", graph)
    monkeypatch.setattr(symbols_module, "build_symbol_index", index)
    return calls


@pytest.fixture(scope="module")
def sample():
    from flowdoc.cli.common import sample_tree

    return sample_tree()


def test_each_stage_is_computed_once(sample, count_builds):
    project = Project(sample, jobs=1)
    assert project.graph is project.graph and project.index is project.index
    assert count_builds == {"graph": 1, "index": 1}
    flows = project.flows()
    assert flows and project.flows() is flows
    name = next(iter(flows))
    assert project.flow(name) is flows[name]  # the site-depth flow is reused
    assert project.flow(name) is flows[name] and project.flow(name, depth=1) is not flows[name]
    with pytest.raises(KeyError):
        project.flow("noSuchApi")
    assert set(project.seconds) >= {"scan", "symbols", "api", "callgraph", "flows"}


def test_options_as_keywords_or_object(tree, tmp_path):
    by_keywords = Project(tree, cache_dir=tmp_path / "c", jobs=1, excludes=["x/*"])
    assert by_keywords.options == Options(cache_dir=tmp_path / "c", jobs=1, excludes=("x/*",))
    with pytest.raises(TypeError):
        Project(tree, Options(), jobs=1)


def test_without_cache_dir_nothing_is_written(tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = Project(tree, jobs=1)
    _ = project.graph
    assert project.store is None and project.facts_cache is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src"]


def test_graph_from_the_store_equals_the_built_one(tree, tmp_path, count_builds):
    cache = tmp_path / "cache"
    first = Project(tree, cache_dir=cache, jobs=1).graph
    again = Project(tree, cache_dir=cache, jobs=1).graph
    assert count_builds["graph"] == 1  # warm: no rebuild
    assert sorted(again.graph.edges(keys=True)) == sorted(first.graph.edges(keys=True))
    assert again.methods.keys() == first.methods.keys()
    assert again.stats.as_dict() == first.stats.as_dict()
    some = next(iter(first.methods))
    assert again.find_nodes(callgraph.class_of(some)) == first.find_nodes(callgraph.class_of(some))
    assert again.override_in(callgraph.class_of(some), some) == first.override_in(callgraph.class_of(some), some)


def test_graph_entry_corrupt_or_of_other_content_is_rebuilt(tree, tmp_path, count_builds, caplog):
    cache = tmp_path / "cache"
    _ = Project(tree, cache_dir=cache, jobs=1).graph
    entries = list(cache.rglob("graph/*/*/*.pkl"))
    assert len(entries) == 1
    entries[0].write_bytes(b"not a pickle")
    _ = Project(tree, cache_dir=cache, jobs=1).graph
    assert count_builds["graph"] == 2
    assert "discarded an unusable cache entry" in caplog.text
    _ = Project(tree, cache_dir=cache, jobs=1).graph
    assert count_builds["graph"] == 2  # the rebuilt entry serves again

    path = next(iter(FILES))
    write_java_tree(tree, {path: FILES[path] + "\n// edited\n"})
    _ = Project(tree, cache_dir=cache, jobs=1).graph  # other content: another key
    assert count_builds["graph"] == 3
    assert len(list(cache.rglob("graph/*/*/*.pkl"))) == 2


def test_graph_entry_of_the_wrong_shape_is_discarded(tree, tmp_path, count_builds):
    cache = tmp_path / "cache"
    project = Project(tree, cache_dir=cache, jobs=1)
    _ = project.graph
    entry = next(cache.rglob("graph/*/*/*.pkl"))
    from flowdoc.store import safe_pickle

    entry.write_bytes(safe_pickle.dumps(("a", "tuple", "of strings")))
    _ = Project(tree, cache_dir=cache, jobs=1).graph
    assert count_builds["graph"] == 2
    assert safe_pickle.loads(entry.read_bytes())[1].__class__.__name__ == "CallGraphStats"


@pytest.fixture
def acme(tmp_path):
    return write_java_tree(tmp_path / "acme", ACME)


def test_contract_comes_from_the_store_without_a_scan(acme, tmp_path, count_builds):
    cache = tmp_path / "cache"
    first = Project(acme, cache_dir=cache, jobs=1, root_label="acme")
    contract = first.contract
    assert count_builds["index"] == 1 and "scan" in first.__dict__
    again = Project(acme, cache_dir=cache, jobs=1, root_label="acme")
    assert again.contract == contract and "scan" not in again.__dict__  # no scan at all
    assert again.locate_field is not None and again.label == first.label
    assert count_builds["index"] == 1

    write_java_tree(acme, {LIST: edit(ACME, LIST, '"search words"', '"words to search"')[LIST]})
    changed = Project(acme, cache_dir=cache, jobs=1).contract  # a changed file is a new key
    assert changed["commands"][1]["params"][0]["description"] == "words to search"
    assert count_builds["index"] == 2
    rebuilt = Project(acme, Options(cache_dir=cache, jobs=1, use_model_cache=False))
    assert rebuilt.contract == changed and count_builds["index"] == 3


def test_contract_store_keeps_the_most_recent(acme, tmp_path, monkeypatch):
    from flowdoc.store import artifacts

    monkeypatch.setitem(artifacts.KEEP, "model", 2)
    cache = tmp_path / "cache"
    for text in ("one", "two", "three"):
        write_java_tree(acme, {LIST: edit(ACME, LIST, '"search words"', f'"{text}"')[LIST]})
        _ = Project(acme, cache_dir=cache, jobs=1).contract
    assert len(list(cache.rglob("model/*/*/*.pkl"))) == 2
    newest = Project(acme, cache_dir=cache, jobs=1)
    _ = newest.contract
    assert "scan" not in newest.__dict__  # the newest is still there


def test_a_snapshot_source_has_a_contract_and_no_scan(acme, tmp_path):

    snap = tmp_path / "api.json"
    snap.write_text(contract.dumps_snapshot(Project(acme, jobs=1, root_label="acme").contract))
    project = Project(snap)
    assert project.kind == "snapshot"
    assert project.contract == json.loads(snap.read_text())
    assert project.label.startswith("api.json")
    with pytest.raises(InputError, match="api.json: a snapshot file"):
        _ = project.scan


def test_missing_sources_are_one_line_input_errors(tmp_path):
    with pytest.raises(InputError, match="nowhere: no such file or directory"):
        _ = Project(tmp_path / "nowhere").contract
    with pytest.raises(InputError, match="does not exist"):
        _ = Project(tmp_path / "nowhere").scan
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .java files"):
        _ = Project(tmp_path / "empty", cache_dir=tmp_path / "c").contract


def test_site_data_carries_every_flow(sample):
    project = Project(sample, jobs=1)
    data = project.site_data()
    assert set(data.flows) == set(project.flows())
    assert set(data.diagrams) == set(data.flows)
    assert [c["name"] for c in data.model["commands"]] == [c.name for c in project.model.commands]
