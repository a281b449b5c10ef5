"""A build killed with SIGKILL at any moment leaves the previous site intact; the next build succeeds."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flowdoc.site.build.staging import remove_stale_builds
from tests.robustness.conftest import RUN_SECONDS, TALLY
from tests.robustness.mutations import SAMPLE

CLI = "import sys; from flowdoc.cli import main; sys.exit(main())"


def _site_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _build(site: Path, env: dict, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CLI, "build", "--source", str(SAMPLE), "-o", str(site),
                             "--jobs", "1", *extra], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(proc: subprocess.Popen) -> None:
    _, err = proc.communicate(timeout=RUN_SECONDS * 3)
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]


@pytest.fixture
def env(tmp_path):
    # the build's staging folder lives in the cache folder: a private one for this test
    return {**os.environ, "FLOWDOC_CACHE_DIR": str(tmp_path / "cache")}


def _building(folder: Path) -> bool:
    return any(p.name.startswith(".site.building-") for p in folder.iterdir())


def _wait_for(condition, timeout: float) -> float:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, "the build never got there"
        time.sleep(0.005)
    return time.monotonic() - started


def test_sigkill_at_any_moment_keeps_the_previous_site(tmp_path, env):
    site = tmp_path / "site"
    _finish(_build(site, env))
    # one forced build (--force: mkdocs and the swap run again), timed: until mkdocs starts
    # building into its temporary folder, and until the end
    proc = _build(site, env, "--force")
    to_mkdocs = _wait_for(lambda: _building(tmp_path), RUN_SECONDS)
    mkdocs = _wait_for(lambda: proc.poll() is not None, RUN_SECONDS * 3)
    _finish(proc)
    before = _site_digest(site)
    assert "index.html" in before
    # kill while scanning and rendering, as mkdocs starts, halfway through it, near the swap
    kill_points = [(False, to_mkdocs * 0.5), (True, 0.0), (True, mkdocs * 0.5), (True, mkdocs * 0.9)]
    killed = []
    for after_mkdocs_starts, delay in kill_points:
        proc = _build(site, env, "--force")
        if after_mkdocs_starts:
            _wait_for(lambda p=proc: _building(tmp_path) or p.poll() is not None, RUN_SECONDS)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        if proc.wait(timeout=RUN_SECONDS) == -signal.SIGKILL:
            killed.append((after_mkdocs_starts, delay))
            TALLY["killed-builds"] += 1
        # the kill came first and the old site stands, or the build had finished: the same pages
        assert _site_digest(site) == before, f"site changed by a build killed at {after_mkdocs_starts, delay}"
        TALLY["builds"] += 1
        _finish(_build(site, env))  # the next build succeeds and cleans up after the killed one
        assert _site_digest(site) == before
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]
        assert leftovers == [], leftovers
    # the kill as mkdocs starts always lands mid-build; the others do unless the machine's load
    # changed the build's pace a lot since it was timed
    assert (True, 0.0) in killed
    TALLY["builds"] += 1
    _finish(_build(site, env, "--force"))
    assert _site_digest(site) == before


def test_a_site_caught_between_the_two_renames_is_put_back(tmp_path):
    """Without an atomic exchange, a swap renames the old site away, then the new one in; a kill
    in between leaves no site. The next build puts the previous one back first."""
    site = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has exited
    old = tmp_path / f".site.old-{pid}"
    old.mkdir()
    (old / "index.html").write_text("previous")
    half_built = tmp_path / f".site.building-{pid}-x1y2"
    half_built.mkdir()
    running = tmp_path / f".site.building-{os.getpid()}-a3b4"  # this process: still running
    running.mkdir()
    assert remove_stale_builds(site) == [half_built, old]
    assert (site / "index.html").read_text() == "previous"
    assert not half_built.exists() and running.exists()
