"""The scan on real CloudStack trees: every file yields facts, no annotation is lost."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.realtree

# An annotation use at the start of a line; comments (`//@APICommand`) and strings that
# mention the annotation are not uses.
ANNOTATION_USE = re.compile(r"^\s*@APICommand\b", re.MULTILINE)


def _check(scan, root):
    assert scan.stats.parsed / scan.stats.files >= 0.999, [str(p) for p in scan.problems][:20]
    unparsed = [f.path for f in scan.files if not f.parsed]
    assert all(any(p.file == path for p in scan.problems) for path in unparsed)  # each listed with a reason
    from_facts = {f.path for f in scan.files if any(t.annotation("APICommand") for t in f.types)}
    from_text = {f.path for f in scan.files if ANNOTATION_USE.search((root / f.path).read_text(errors="replace"))}
    assert from_facts == from_text
    return len(from_facts)


def test_scan_422(scan_422, cloudstack_422):
    assert scan_422.version == "4.22.0.0-SNAPSHOT"
    assert scan_422.stats.files > 7000
    assert _check(scan_422, cloudstack_422) > 950


def test_scan_420(scan_420, cloudstack_420):
    assert scan_420.version == "4.20.0.0"
    assert _check(scan_420, cloudstack_420) > 900
