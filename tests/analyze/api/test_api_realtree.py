"""The API model on the real CloudStack trees (skipped when the tarballs are absent)."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from flowdoc.analyze.api import build_api_model
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.read.scan import is_test_path

pytestmark = pytest.mark.realtree

ANNOTATED = re.compile(r"^\s*@(?:org\.apache\.cloudstack\.api\.)?APICommand\b", re.MULTILINE)


def _model(scan):
    started = time.perf_counter()
    model = build_api_model(scan, build_symbol_index(scan))
    return scan, model, time.perf_counter() - started


@pytest.fixture(scope="module")
def m422(scan_422):
    return _model(scan_422)


@pytest.fixture(scope="module")
def m420(scan_420):
    return _model(scan_420)


def _annotated_files(scan) -> set[str]:
    """Main-source files with an @APICommand line, found by a plain text search."""
    found = set()
    for f in scan.files:
        if is_test_path(f.path):
            continue
        text = (Path(scan.root) / f.path).read_text(encoding="utf-8", errors="replace")
        if ANNOTATED.search(text):
            found.add(f.path)
    return found


def _check_every_class_once(scan, model, classes: int, names: tuple[int, int]):
    variant_classes = Counter(v.class_name for c in model.commands for v in c.variants)
    assert all(n == 1 for n in variant_classes.values())
    assert sum(variant_classes.values()) == classes
    assert {v.file for c in model.commands for v in c.variants} == _annotated_files(scan)
    assert names[0] <= len(model.commands) <= names[1]
    assert [c.name for c in model.commands] == sorted(c.name for c in model.commands)
    assert not [p for p in model.problems if p.kind in ("unresolved-constant", "duplicate-api-name",
                                                         "missing-response-class")]
    assert all(not p.name.startswith(("ApiConstants", '"')) and "." not in p.name
               for c in model.commands for p in c.params)


def _params(model, name):
    return {p.name: p for p in model.command(name).params}


def test_422_every_command_class_once(m422):
    scan, model, _ = m422
    _check_every_class_once(scan, model, 981, (910, 920))
    multi = [c for c in model.commands if len(c.variants) > 1]
    assert 60 <= len(multi) <= 70


def test_422_deploy_virtual_machine(m422):
    _, model, _ = m422
    c = model.command("deployVirtualMachine")
    assert c.isasync and c.async_create
    assert c.class_name.endswith("admin.vm.DeployVMCmdByAdmin") and c.line == 33
    assert {v.class_name.rsplit(".", 1)[-1] for v in c.variants} == {"DeployVMCmd", "DeployVMCmdByAdmin"}
    ps = _params(model, "deployVirtualMachine")
    assert ps["zoneid"].required and ps["serviceofferingid"].required and not ps["templateid"].required
    assert ps["zoneid"].type == "uuid" and ps["zoneid"].related == ["ZoneResponse"]
    inherited = [p for p in ps.values() if p.declared_in.endswith(".BaseDeployVMCmd")]
    assert len(inherited) > len(ps) / 2
    assert "podid" in ps and "response" not in ps
    fields = {f.name: f for f in c.response_fields}
    assert {"id", "name", "nic", "jobid"} <= set(fields)
    assert fields["nic"].response_object.endswith("NicResponse") and fields["nic"].fields


def test_422_list_virtual_machines(m422):
    _, model, _ = m422
    c = model.command("listVirtualMachines")
    assert not c.isasync
    ps = _params(model, "listVirtualMachines")
    for name in ("keyword", "page", "pagesize", "listall", "account", "domainid", "isrecursive", "projectid"):
        assert name in ps, name
    assert ps["page"].type == "integer" and ps["keyword"].declared_in.endswith(".BaseListCmd")
    assert ps["hostid"].declared_in.endswith("ListVMsCmdByAdmin")  # admin-only parameter


def test_422_model_is_fast(m422):
    _, _, seconds = m422
    assert seconds < 3.0


def test_420_same_rules(m420):
    scan, model, _ = m420
    _check_every_class_once(scan, model, 926, (860, 870))
    ps = _params(model, "deployVirtualMachine")
    assert ps["zoneid"].required and ps["serviceofferingid"].required and ps["templateid"].required
    lv = _params(model, "listVirtualMachines")
    assert {"keyword", "page", "pagesize", "listall", "account", "domainid"} <= set(lv)


def test_422_feature_flag_registration(m422):
    _, model, _ = m422
    backup = model.command("listBackupProviders").variants[0]
    assert backup.registered and backup.registered_if == "BackupFrameworkEnabled.value()"
    assert backup.registered_by_default is False  # backup.framework.enabled defaults to false
    assert model.command("createKubernetesCluster").variants[0].registered_by_default is True
    quota = {c.name: c.variants[0] for c in model.commands if c.name.startswith("quota")}
    assert quota["quotaIsEnabled"].registered_if is None  # added before the early return
    assert quota["quotaBalance"].registered_by_default is False
    deploy = model.command("deployVirtualMachine")
    assert all(v.registered_if is None and v.registered_by_default for v in deploy.variants)
