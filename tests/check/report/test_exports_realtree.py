"""listApis and apidoc exports of the real 4.22 and 4.20 trees (skipped when absent)."""

from __future__ import annotations

import pytest

from flowdoc.analyze.api import build_api_model
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.check.report.apidoc_xml import SCANNED_PACKAGES, apidoc_xml
from flowdoc.check.report.listapis import counts, listapis, served_classes
from tests.check.report.marvin_like import count, load_commands
from tests.check.report.test_apidoc_xml import model_counts

pytestmark = pytest.mark.realtree


@pytest.fixture(scope="module")
def model_422(scan_422):
    return build_api_model(scan_422, build_symbol_index(scan_422))


@pytest.fixture(scope="module")
def model_420(scan_420):
    return build_api_model(scan_420, build_symbol_index(scan_420))


def test_apidoc_xml_of_422_reads_back_with_the_models_counts(model_422):
    cmds = load_commands(apidoc_xml(model_422))
    figures = count(cmds)
    assert figures == model_counts(model_422, SCANNED_PACKAGES)
    assert len({c.name for c in cmds}) == len(cmds) > 800
    deploy = next(c for c in cmds if c.name == "deployVirtualMachine")
    assert [p.name for p in deploy.request[:2]] == ["serviceofferingid", "zoneid"]  # the required ones first


@pytest.mark.parametrize("which", ["model_422", "model_420"])
def test_listapis_answers_every_served_api_once(which, request):
    model = request.getfixturevalue(which)
    answer = listapis(model)
    names = [a["name"] for a in answer["api"]]
    expected = {c.name for _, c in served_classes(model) if c.include_in_api_doc}
    assert len(names) == len(set(names)) == answer["count"] == len(expected)
    assert set(names) == expected
    figures = counts(answer)
    assert figures["params"] > 4 * figures["apis"] and figures["response_fields"] > 20 * figures["apis"]
    deploy = next(a for a in answer["api"] if a["name"] == "deployVirtualMachine")
    zone = next(p for p in deploy["params"] if p["name"] == "zoneid")
    assert zone["type"] == "uuid" and zone["required"] is True and "listZones" in zone["related"].split(",")
    assert {"name": "jobid", "description": "the UUID of the latest async job acting on this object",
            "type": "string"} in deploy["response"]
    user = listapis(model, "user")
    assert 0 < user["count"] < answer["count"]
