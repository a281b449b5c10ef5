"""The house rules for verbs: each under 100 lines, none importing another (shared bits live in
cli/common.py or lower layers)."""

from __future__ import annotations

import ast
from pathlib import Path

import flowdoc.cli

CLI = Path(flowdoc.cli.__file__).parent
VERBS = sorted(CLI.glob("*_cmd.py"))


def test_there_are_verbs_to_check():
    assert {p.stem for p in VERBS} >= {"scan_cmd", "api_cmd", "flow_cmd", "diff_cmd", "check_cmd", "build_cmd"}


def test_no_verb_is_over_100_lines():
    long = {p.name: n for p in VERBS if (n := len(p.read_text(encoding="utf-8").splitlines())) > 100}
    assert long == {}


def test_no_verb_imports_another():
    found = []
    for path in VERBS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [(path.name, n) for n in names if n.startswith("flowdoc.cli.") and n.endswith("_cmd")]
    assert found == []
