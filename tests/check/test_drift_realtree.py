"""Drift on the real CloudStack trees: 4.20.0.0 -> 4.22.0.0-SNAPSHOT (skipped when absent).

The entries asserted here were checked by reading the Java source of both releases.
"""

from __future__ import annotations

import json

import pytest

from flowdoc.cli import main
from tests.conftest import REAL_FACTS_CACHE

pytestmark = pytest.mark.realtree

FACTS = REAL_FACTS_CACHE


@pytest.fixture(scope="module")
def drift_420_422(cloudstack_420, cloudstack_422, tmp_path_factory):
    out = tmp_path_factory.mktemp("drift") / "drift.json"
    code = main(["diff", str(cloudstack_420), str(cloudstack_422), "--format", "json", "-o", str(out),
                 "--cache-dir", str(FACTS)])
    return code, json.loads(out.read_text())


def _find(data, kind, api, param=None):
    return [c for c in data["changes"] if c["kind"] == kind and c["api"] == api and c["param"] == param]


def test_summary_shape(drift_420_422):
    code, data = drift_420_422
    assert code == 1  # there are breaking changes
    assert data["old"]["apis"] > 800 and data["new"]["apis"] > data["old"]["apis"]
    kinds = data["kinds"]
    assert kinds["api-added"] == data["new"]["apis"] - data["old"]["apis"] + kinds.get("api-removed", 0)
    assert data["summary"]["breaking"] >= 10
    # every change points at a Java file
    assert all(c["file"] and c["file"].endswith(".java") for c in data["changes"])


def test_verified_entries(drift_420_422):
    _, data = drift_420_422
    # CreateBucketCmd: @Parameter(name = ApiConstants.QUOTA, ...) gained required = true
    (quota,) = _find(data, "param-now-required", "createBucket", "quota")
    assert quota["severity"] == "breaking"
    assert quota["file"].endswith("/CreateBucketCmd.java") and quota["line"] == 76
    # CreateVlanIpRangeCmd: the FOR_NSX parameter of 4.20 is gone in 4.22
    assert _find(data, "param-removed", "createVlanIpRange", "fornsx")
    # ListSystemVMsUsageHistoryCmd: authorized = {Admin, ResourceAdmin, DomainAdmin} -> {Admin}
    assert {c["param"] for c in data["changes"] if c["kind"] == "role-removed"
            and c["api"] == "listSystemVmsUsageHistory"} == {"DomainAdmin", "ResourceAdmin"}


def test_a_tree_against_its_own_snapshot_has_no_changes(cloudstack_422, tmp_path, capsys):
    snap = tmp_path / "api.json"
    assert main(["snapshot", "--source", str(cloudstack_422), "--cache-dir", str(FACTS), "-o", str(snap)]) == 0
    assert main(["diff", str(snap), str(cloudstack_422), "--fail-on", "any", "--cache-dir", str(FACTS)]) == 0
    assert main(["check", "--source", str(cloudstack_422), "--snapshot", str(snap), "--no-docs",
                 "--cache-dir", str(FACTS)]) == 0
    assert "up to date" in capsys.readouterr().out
