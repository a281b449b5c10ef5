"""Shared fixtures; the real CloudStack trees are unpacked once into a cache folder."""

from __future__ import annotations

import os
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FLOWDOC_SHARED", REPO.parent / "shared")) / "cloudstack"
TREES_CACHE = Path(os.environ.get("FLOWDOC_TREES_CACHE", Path.home() / ".cache" / "flowdoc-test-trees"))


def _unpacked_tree(version: str) -> Path:
    tarball = SHARED / f"cloudstack-{version}.tar.gz"
    target = TREES_CACHE / f"cloudstack-{version}"
    if (target / ".unpacked").exists():
        return target
    if not tarball.exists():
        pytest.skip(f"real CloudStack tree not available: {tarball} is absent")
    TREES_CACHE.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        archive.extractall(TREES_CACHE, filter="data")
    (target / ".unpacked").write_text("ok\n")
    return target


@pytest.fixture(scope="session")
def cloudstack_422() -> Path:
    return _unpacked_tree("4.22.0.0-SNAPSHOT")


@pytest.fixture(scope="session")
def cloudstack_420() -> Path:
    return _unpacked_tree("4.20.0.0")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Unit tests never touch the user's facts cache."""
    monkeypatch.setenv("FLOWDOC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "facts-cache"))


REAL_FACTS_CACHE = TREES_CACHE / "facts"


def scan_real_tree(root: Path):
    """Scan a real tree with a persistent facts cache beside the unpacked trees (warm in CI reruns)."""
    from flowdoc.read.scan import scan_tree
    from flowdoc.store.cache import FactsCache

    return scan_tree(root, cache=FactsCache(REAL_FACTS_CACHE))


@pytest.fixture(scope="session")
def scan_422(cloudstack_422):
    return scan_real_tree(cloudstack_422)


@pytest.fixture(scope="session")
def scan_420(cloudstack_420):
    return scan_real_tree(cloudstack_420)


def build_sample_site(tmp_path_factory) -> Path:
    """Build the bundled sample's site once with an isolated facts cache (module and session
    fixtures run before the per-test cache isolation is in place)."""
    from flowdoc.cli import main

    out = tmp_path_factory.mktemp("sample") / "site"
    env = pytest.MonkeyPatch()
    env.setenv("FLOWDOC_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "facts-cache"))
    try:
        assert main(["build", "-o", str(out)]) == 0
    finally:
        env.undo()
    return out
