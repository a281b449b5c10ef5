"""Mutated sample trees: every verb finishes in bounded time, nothing crashes, every file is accounted for."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given

from flowdoc.read.scan import scan_tree
from flowdoc.store.cache import FactsCache
from tests.robustness.conftest import RUN_SECONDS, TALLY, bounded, robust_settings, run_cli
from tests.robustness.mutations import SAMPLE, Mutation, java_names, mutated_copy, mutation_lists


def _check_scan(root: Path, cache_dir: Path) -> None:
    with bounded(RUN_SECONDS, f"scan of {root}"):
        result = scan_tree(root, jobs=1, cache=FactsCache(cache_dir))
    expected = java_names(root)
    reported = {p.file for p in result.problems}
    parsed = {f.path for f in result.files if f.parsed}
    unaccounted = [name for name in expected if name not in parsed and name not in reported]
    TALLY["files"] += len(expected)
    TALLY["unaccounted"] += len(unaccounted)
    assert unaccounted == [], f"neither parsed nor reported: {unaccounted}"
    assert sorted(f.path for f in result.files) == expected and result.stats.files == len(expected)


@contextmanager
def _mutated(changes: list[Mutation]) -> Iterator[Path]:
    """A mutated copy of the sample in a temporary folder, counted as one tree tried."""
    with tempfile.TemporaryDirectory() as tmp:
        TALLY["trees"] += 1
        yield mutated_copy(Path(tmp) / "tree", changes)


@robust_settings(10)
@given(mutation_lists)
def test_scan_accounts_for_every_file_of_a_mutated_tree(cache_dir, changes: list[Mutation]):
    with _mutated(changes) as root:
        _check_scan(root, cache_dir)


@robust_settings(3)
@given(mutation_lists)
def test_every_verb_survives_a_mutated_tree(cache_dir, changes: list[Mutation]):
    with _mutated(changes) as root:
        _check_scan(root, cache_dir)
        src = ["--source", str(root), "--cache-dir", str(cache_dir), "--jobs", "1"]
        code, out, _ = run_cli(["scan", "--format", "json", *src])
        assert code == 0 and json.loads(out)["stats"]["files"] == len(java_names(root))
        run_cli(["scan", "--problems", *src])
        code, out, _ = run_cli(["api", "--format", "json", *src])
        names = [c["name"] for c in json.loads(out)["commands"]] if code in (0, 1) else []
        run_cli(["api", "--format", "markdown", *src])
        run_cli(["api", *src])
        for name in names[:2] or ["deployInstance"]:
            run_cli(["flow", name, *src])
            code, out, _ = run_cli(["flow", name, "--format", "json", *src])
            if code == 0:
                json.loads(out)
        cache = ["--cache-dir", str(cache_dir), "--jobs", "1"]
        for fmt in ("json", "markdown", "github", "text"):
            code, out, _ = run_cli(["diff", str(SAMPLE), str(root), "--format", fmt, *cache])
            if fmt == "json" and code in (0, 1):
                json.loads(out)


@robust_settings(2)
@given(mutation_lists)
def test_build_survives_a_mutated_tree(cache_dir, changes: list[Mutation]):
    with _mutated(changes) as root:
        TALLY["builds"] += 1
        site = root.parent / "site"
        code, _, err = run_cli(["build", "--source", str(root), "-o", str(site), "--cache-dir", str(cache_dir),
                                "--jobs", "1"])
        assert code == 0 and (site / "index.html").is_file(), err
