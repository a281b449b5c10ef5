"""Git refs and paths full of shell metacharacters are data: nothing runs, everything resolves."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from flowdoc.read import gitsource
from tests.check.test_drift import ACME
from tests.helpers import write_java_tree
from tests.robustness.conftest import TALLY, robust_settings, run_cli
from tests.robustness.mutations import SAMPLE

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}
# Each would run `touch pwned` if it ever reached a shell.
REFS = ["x;touch${IFS}pwned", "$(touch${IFS}pwned)", "`touch${IFS}pwned`", "a|touch${IFS}pwned", "a&&touch${IFS}pwned",
        "q'q", 'd"q', "l<g>", "p%s%n", "!bang", "#hash", "x$HOME", "(paren)", "{brace}", "e=mc2", "ünï/branch"]
# `@` splits git:REPO@REF at its last occurrence, so a ref cannot hold one; git forbids the rest.
REF_CHARS = st.sampled_from(list(";$()`|&'\"<>%!#{}=,+") + list("abcxyz019-_/"))


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV})


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A repository whose own path is hostile, with one commit and a branch for each of REFS."""
    base = tmp_path_factory.mktemp("meta")
    root = base / "re po;$(touch${IFS}pwned)&`touch pwned`|'q\"#!"
    root.mkdir()
    assert _git(root, "init", "-q", "-b", "main").returncode == 0
    write_java_tree(root, ACME)
    _git(root, "add", "-A")
    assert _git(root, "commit", "-q", "-m", "acme").returncode == 0
    for ref in REFS:
        done = _git(root, "branch", ref)
        assert done.returncode == 0, done.stderr
    return root


def _no_pwned(*folders: Path) -> None:
    for folder in folders:
        assert not list(Path(folder).rglob("pwned")), "a shell ran"


@pytest.mark.parametrize("ref", REFS)
def test_hostile_refs_resolve_as_names(repo, ref, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # where `touch pwned` would land
    scan = gitsource.scan_git(f"git:{repo}@{ref}", jobs=1)
    TALLY["git-refs"] += 1
    assert scan.stats.parsed == scan.stats.files == len(ACME)
    code, out, err = run_cli(["diff", f"git:{repo}@main", f"git:{repo}@{ref}", "--no-cache", "--format", "json"])
    assert code == 0, err
    _no_pwned(tmp_path, repo.parent)


@robust_settings(10)
@given(st.text(REF_CHARS, min_size=1, max_size=24))
def test_generated_refs_are_data(repo, ref):
    check = subprocess.run(["git", "check-ref-format", "--branch", ref], capture_output=True, text=True)
    assume(check.returncode == 0 and not ref.startswith("-"))
    _git(repo, "branch", "-f", ref)
    TALLY["git-refs"] += 1
    try:
        scan = gitsource.scan_git(f"git:{repo}@{ref}", jobs=1)
        assert scan.stats.parsed == len(ACME)
    finally:
        _git(repo, "branch", "-D", ref)
    _no_pwned(repo.parent, Path.cwd())


def test_hostile_source_and_output_paths_build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    hostile = "x;$(touch pwned)&`touch pwned`|'q\"# !{a}: [b] %s"
    src = tmp_path / f"src {hostile}"
    shutil.copytree(SAMPLE, src)
    out = tmp_path / f"site {hostile}"
    cache = ["--cache-dir", str(tmp_path / f"cache {hostile}"), "--jobs", "1"]
    code, _, err = run_cli(["build", "--source", str(src), "-o", str(out), *cache])
    TALLY["builds"] += 1
    assert code == 0, err
    assert (out / "index.html").is_file()
    code, _, err = run_cli(["diff", str(SAMPLE), str(src), *cache])
    assert code == 0, err
    _no_pwned(tmp_path)
