"""Test helpers: small Java trees from ``{relative path: code}`` dicts, as griffe's tests do."""

from __future__ import annotations

import textwrap
from pathlib import Path

from flowdoc.read.javaparse import parse_java
from flowdoc.read.scan import ScanResult, scan_tree


def write_java_tree(root: Path, files: dict[str, str]) -> Path:
    """Write each ``{relpath: code}`` under ``root`` (code is dedented) and return ``root``."""
    for rel, code in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code).lstrip("\n"), encoding="utf-8")
    return root


def scan_java_tree(root: Path, files: dict[str, str]) -> ScanResult:
    """Write the tree and scan it in-process without a cache."""
    write_java_tree(root, files)
    return scan_tree(root, jobs=1, cache=None)


def parse_snippet(code: str, path: str = "Snippet.java"):
    """Facts of one dedented Java source text."""
    return parse_java(path, textwrap.dedent(code).lstrip("\n"))
