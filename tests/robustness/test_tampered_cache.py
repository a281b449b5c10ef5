"""A cache entry replaced by code, garbage or foreign data is caught and rebuilt; nothing runs.

The cache folder may be shared (CI restores it, a team points --cache-dir at one folder), so
whoever can write one entry must gain nothing: each tampered entry is discarded and rebuilt,
the outputs are those of a clean cache, and no planted code ever runs.
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowdoc.model.problems import Problem
from tests.robustness.conftest import TALLY, robust_settings, run_cli
from tests.robustness.mutations import SAMPLE

MARKER = "flowdoc-robust-pwned"


class _RunsCode:
    """Pickles as a call of ``call(*args)``: what an attacker would write into an entry."""

    def __init__(self, call, *args) -> None:
        self.call, self.args = call, args

    def __reduce__(self):
        return self.call, self.args


def _payloads(marker: Path) -> dict[str, bytes]:
    touch = f"open({str(marker)!r}, 'w').write('ran')"
    return {
        "os.system": pickle.dumps(_RunsCode(os.system, f"touch {marker}")),
        "eval": pickle.dumps(_RunsCode(eval, touch)),
        "exec": pickle.dumps(_RunsCode(exec, touch)),
        "subprocess": pickle.dumps(_RunsCode(subprocess.call, ["touch", str(marker)])),
        "import": pickle.dumps(_RunsCode(importlib.import_module, "os")),
        # no code, but unbounded work: a 50-byte entry asking for terabytes
        "amplify-range": pickle.dumps(_RunsCode(list, range(10**12))),
        "amplify-bytes": pickle.dumps(_RunsCode(bytes, 10**12)),
        "path": pickle.dumps(Path("/etc/passwd")),  # a harmless class, but not flowdoc data
        "foreign": pickle.dumps({"not": "facts"}),
        "other-data": pickle.dumps(Problem("A.java", 1, "k", "a flowdoc class of the wrong kind")),
        "empty": b"",
        "garbage": b"\x80\x05garbage, not a pickle",
    }


TAMPERINGS = sorted(_payloads(Path("/x"))) + ["truncated", "random"]


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.pkl") if p.is_file())


def _verbs(tree: Path, cache: Path, site: Path) -> dict[str, object]:
    src = ["--source", str(tree), "--cache-dir", str(cache), "--jobs", "1"]
    outputs: dict[str, object] = {}
    for name, args in {"api": ["api", "--format", "json", *src], "flow": ["flow", "addHost", "--format", "json", *src],
                       "snapshot": ["snapshot", *src]}.items():
        code, out, err = run_cli(args)
        assert code == 0, err
        outputs[name] = json.loads(out)
    code, _, err = run_cli(["diff", str(SAMPLE), str(tree), "--format", "json", "--cache-dir", str(cache), "--jobs", "1"])
    assert code == 0, err
    code, _, err = run_cli(["build", "-o", str(site), *src])
    assert code == 0, err
    outputs["pages"] = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return outputs


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A tree, a cache warmed by every verb, and the outputs a clean cache gives."""
    base = tmp_path_factory.mktemp("warm")
    tree = base / "tree"
    shutil.copytree(SAMPLE, tree)
    cache = base / "cache"
    clean = _verbs(tree, cache, base / "site")
    assert _entries(cache)
    return tree, cache, clean


@robust_settings(2)
@given(st.lists(st.tuples(st.integers(0, 1 << 16), st.sampled_from(TAMPERINGS), st.integers(0, 1 << 16)),
                min_size=1, max_size=12))
def test_tampered_entries_are_caught_and_rebuilt(warm, tmp_path_factory, plan):
    tree, warm_cache, clean = warm
    base = tmp_path_factory.mktemp("tampered")
    cache = base / "cache"
    shutil.copytree(warm_cache, cache)
    marker = base / MARKER
    payloads = _payloads(marker)
    entries = _entries(cache)
    planted: dict[Path, bytes] = {}
    for which, how, at in plan:
        entry = entries[which % len(entries)]
        data = entry.read_bytes()
        if how == "truncated":
            data = data[: at % max(1, len(data))]
        elif how == "random":
            data = os.urandom(1 + at % 2000)
        else:
            data = payloads[how]
        entry.write_bytes(data)
        planted[entry] = data
    TALLY["cache-tampered"] += len(planted)
    assert _verbs(tree, cache, base / "site") == clean  # outputs as from a clean cache
    assert not marker.exists(), "code planted in the cache ran"
    caught = [p for p, data in planted.items() if not p.exists() or p.read_bytes() != data]
    TALLY["cache-caught"] += len(caught)
    assert len(caught) == len(planted), f"still in the cache: {[str(p) for p in planted if p not in caught]}"
