"""The artifact store: keyed entries, atomic writes, keep-N, pruning, unusable entries rebuilt."""

from __future__ import annotations

import logging
import os
import pickle

import pytest

from flowdoc.read.scan import scan_tree
from flowdoc.store import artifacts
from flowdoc.store.artifacts import ArtifactStore
from flowdoc.store.cache import FactsCache
from flowdoc.store.fingerprint import code_fingerprint, code_modules, fingerprint
from tests.helpers import write_java_tree
from tests.store.test_safe_pickle import RunsCommand

CODE = "c0de" * 10


def test_saved_values_load_back_by_kind_code_and_content(tmp_path):
    store = ArtifactStore(tmp_path)
    assert store.load("model", CODE, "abc") is None
    assert store.save("model", CODE, "abc", {"commands": [1, 2]})
    assert store.load("model", CODE, "abc") == {"commands": [1, 2]}
    assert store.load("model", "other" * 8, "abc") is None  # other code: another entry
    assert store.load("graph", CODE, "abc") is None
    assert store.hits["model"] == 1
    assert store.load("model", CODE, "abc", expect=list) is None  # wrong type: discarded
    assert store.load("model", CODE, "abc") is None
    assert [p.name for p in tmp_path.rglob(".tmp-*")] == []  # no temporary file left


def test_keep_n_most_recently_used(tmp_path, monkeypatch):
    monkeypatch.setitem(artifacts.KEEP, "model", 2)
    store = ArtifactStore(tmp_path)
    for i, name in enumerate(("one", "two")):
        store.save("model", CODE, name, i)
        os.utime(store.path("model", CODE, name), (1000 + i, 1000 + i))
    assert store.load("model", CODE, "one") == 0  # used: now the newest
    store.save("model", CODE, "three", 2)
    assert store.load("model", CODE, "two") is None
    assert store.load("model", CODE, "one") == 0 and store.load("model", CODE, "three") == 2
    assert len(store.prune("model", keep=1)) == 1


def test_per_file_kinds_keep_whole_code_versions(tmp_path, monkeypatch):
    monkeypatch.setitem(artifacts.KEEP_CODE, "facts", 2)
    for i, code in enumerate(("a" * 40, "b" * 40, "c" * 40)):
        store = ArtifactStore(tmp_path)  # a new run: marks its code version used
        for n in range(3):
            store.save("facts", code, f"{n:02d}" * 20, n)
        os.utime(store.root / "facts" / code[:16] / ".used", (1000 + i, 1000 + i))
    assert sorted(p.name for p in (tmp_path / store.root.name / "facts").iterdir()) == ["b" * 16, "c" * 16]
    assert ArtifactStore(tmp_path).load("facts", "c" * 40, "01" * 20) == 1


@pytest.mark.parametrize("damage", ["truncated", "garbage", "planted", "foreign-class"])
def test_an_unusable_entry_is_a_miss_deleted_with_one_warning(tmp_path, caplog, damage):
    marker = tmp_path / "pwned"
    store = ArtifactStore(tmp_path / "cache")
    store.save("model", CODE, "k1", {"x": list(range(100))})
    store.save("model", CODE, "k2", {"y": 1})
    path = store.path("model", CODE, "k1")
    good = path.read_bytes()
    bad = {"truncated": good[: len(good) // 2], "garbage": b"\x00not a pickle",
           "planted": pickle.dumps(RunsCommand(f"touch {marker}")),
           "foreign-class": pickle.dumps(__import__("decimal").Decimal("1.5"))}[damage]
    for key in ("k1", "k2"):
        store.path("model", CODE, key).write_bytes(bad)
    with caplog.at_level(logging.WARNING, logger="flowdoc.store"):
        assert store.load("model", CODE, "k1") is None
        assert store.load("model", CODE, "k2") is None
    assert not path.exists() and not marker.exists()
    assert store.discarded["model"] == 2
    assert len([r for r in caplog.records if r.name == "flowdoc.store"]) == 1  # one warning a run
    assert store.save("model", CODE, "k1", {"x": 1}) and store.load("model", CODE, "k1") == {"x": 1}


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = ArtifactStore(blocker)
    assert store.save("model", CODE, "k", 1) is False
    assert store.load("model", CODE, "k") is None


JAVA = {"src/main/java/org/acme/Pump.java": "package org.acme;\npublic class Pump { void run() { stop(); } void stop() {} }\n",
        "src/main/java/org/acme/Valve.java": "package org.acme;\npublic class Valve { int open() { return 1; } }\n"}


def test_facts_entries_damaged_or_planted_are_parsed_again(tmp_path, caplog):
    marker = tmp_path / "pwned"
    root = write_java_tree(tmp_path / "tree", JAVA)
    cache_dir = tmp_path / "cache"
    first = scan_tree(root, jobs=1, cache=FactsCache(cache_dir))
    entries = sorted(cache_dir.rglob("facts/*/*/*.pkl"))
    assert len(entries) == 2
    entries[0].write_bytes(pickle.dumps(RunsCommand(f"touch {marker}")))
    entries[1].write_bytes(entries[1].read_bytes()[:20])
    with caplog.at_level(logging.WARNING, logger="flowdoc.store"):
        again = scan_tree(root, jobs=1, cache=FactsCache(cache_dir))
    assert not marker.exists()
    assert again.stats.cache_hits == 0 and again.files == first.files
    assert len([r for r in caplog.records if r.name == "flowdoc.store"]) == 1
    warm = scan_tree(root, jobs=1, cache=FactsCache(cache_dir))  # rewritten: hits again
    assert warm.stats.cache_hits == 2 and warm.files == first.files


def test_a_facts_entry_of_another_file_is_not_used(tmp_path):
    root = write_java_tree(tmp_path / "tree", JAVA)
    cache = FactsCache(tmp_path / "cache")
    scan = scan_tree(root, jobs=1, cache=cache)
    pump, valve = scan.files
    cache.artifacts.save("facts", cache.code, pump.sha, valve)  # a foreign entry under pump's hash
    assert FactsCache(tmp_path / "cache").load(pump.sha) is None


def test_code_fingerprint_follows_the_imports():
    scan = code_modules("flowdoc.read.scan")
    assert {"flowdoc.read.javaparse", "flowdoc.model.facts", "flowdoc.model.problems"} <= set(scan)
    assert not any(m.startswith(("flowdoc.analyze", "flowdoc.site", "flowdoc.cli", "flowdoc.store")) for m in scan)
    api = code_modules("flowdoc.analyze.api")
    assert "flowdoc.analyze.symbols" in api and "flowdoc.read.scan" in api
    assert code_fingerprint("flowdoc.read.scan") != code_fingerprint("flowdoc.analyze.api")
    assert code_fingerprint("flowdoc.read.scan") == code_fingerprint("flowdoc.read.scan")
    assert fingerprint("a", 1, ("b",)) == fingerprint("a", 1, ("b",)) != fingerprint("a", 1, ("c",))


def test_code_fingerprint_counts_modules_a_package_discovers_at_run_time():
    graph = code_modules("flowdoc.analyze.callgraph")
    assert "flowdoc.analyze.handoffs.async_job" in graph  # found by pkgutil, named in no import


def test_old_cache_layouts_go_after_a_week_unused(tmp_path):
    old_facts, old_graphs, fresh, other = (tmp_path / n for n in ("v0.1.0-f4-py311", "graphs-g2", "graphs-g3", "mine"))
    for folder in (old_facts, old_graphs, fresh, other):
        (folder / "x").mkdir(parents=True)
    week = artifacts.LEGACY_IDLE_SECONDS
    for folder in (old_facts, old_graphs, other):
        os.utime(folder / "x", (1000, 1000))
        os.utime(folder, (1000, 1000))
    (fresh / "x" / "recent").touch()  # used lately, two levels down
    os.utime(fresh, (1000, 1000))
    os.utime(fresh / "x", (1000, 1000))
    store = ArtifactStore(tmp_path)
    gone = store.prune_legacy(now=1000 + week + 1)
    assert sorted(p.name for p in gone) == ["graphs-g2", "v0.1.0-f4-py311"]
    assert fresh.is_dir() and other.is_dir() and store.prune_legacy(now=1000 + week + 1) == []
