"""The hand-written pages of site_src/ name only APIs, parameters and methods that exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowdoc.cli import main

pytestmark = pytest.mark.realtree

SITE_SRC = Path(__file__).resolve().parents[2] / "site_src"


def test_site_src_references_exist_in_cloudstack_422(cloudstack_422, scan_422, capsys):
    code = main(["check", "--source", str(cloudstack_422), "--docs", str(SITE_SRC)])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
