"""A method body inside an otherwise valid facts entry replaced by code: caught when read, rebuilt.

Bodies stay pickled bytes until the call graph reads them, so the entry itself loads fine;
the planted body must still never run, and the run must end as one from a clean cache, with
one warning.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
from pathlib import Path

from flowdoc.model.facts import FileFacts
from flowdoc.store import safe_pickle
from tests.robustness.conftest import run_cli
from tests.robustness.mutations import SAMPLE
from tests.robustness.test_tampered_cache import _RunsCode


def _plant_in_a_body(cache: Path, payload: bytes) -> Path:
    """Replace the packed body of the first method with calls in some facts entry; return it."""
    for entry in sorted(cache.rglob("*.pkl")):
        if "/facts/" not in entry.as_posix():
            continue
        facts = safe_pickle.loads(entry.read_bytes())
        for t in facts.types:
            for m in t.methods:
                if m.calls:
                    m.body._body, m.body._blob = None, payload
                    entry.write_bytes(safe_pickle.dumps(facts))
                    return entry
    raise AssertionError("no facts entry with a method body")


def test_forbidden_pickle_in_a_method_body_is_discarded_and_rebuilt(tmp_path, caplog):
    tree = tmp_path / "tree"
    shutil.copytree(SAMPLE, tree)
    flow = ["flow", "addHost", "--format", "json", "--source", str(tree), "--jobs", "1", "--cache-dir"]
    code, clean, err = run_cli([*flow, str(tmp_path / "clean-cache")])
    assert code == 0, err

    cache = tmp_path / "cache"
    code, _, err = run_cli(["scan", "--source", str(tree), "--cache-dir", str(cache), "--jobs", "1"])
    assert code == 0, err
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_RunsCode(os.system, f"touch {marker}"))
    entry = _plant_in_a_body(cache, payload)
    assert isinstance(safe_pickle.loads(entry.read_bytes()), FileFacts)  # the entry itself is sound

    with caplog.at_level(logging.WARNING, logger="flowdoc.store"):
        code, out, err = run_cli([*flow, str(cache)])
    assert code == 0, err
    assert not marker.exists(), "code planted in a method body ran"
    assert json.loads(out) == json.loads(clean)
    warnings = [r.getMessage() for r in caplog.records if r.name == "flowdoc.store"]
    assert len(warnings) == 1 and "ForbiddenGlobal" in warnings[0] and "system" in warnings[0]
    assert entry.exists() and payload not in entry.read_bytes()  # rebuilt from the source
