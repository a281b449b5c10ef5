"""flowdoc history on a small git repository: the file it writes and its bad inputs."""

from __future__ import annotations

import json
import textwrap

import pytest

from flowdoc.check import history
from flowdoc.cli import main
from tests.check.report.exports_tree import TREE
from tests.check.test_history import commit_pom, git

NEW_CMD = ("plugins/shelf/src/main/java/org/kappa/shelf/TipJarCmd.java", """
    package org.kappa.shelf;
    import org.kappa.api.*;
    import org.kappa.api.response.*;
    @APICommand(name = "tipJar", description = "Tips a jar.", responseObject = JarResponse.class, since = "1.1.0")
    public class TipJarCmd extends BaseCmd { }
    """)
SERVICE = ("plugins/shelf/src/main/java/org/kappa/shelf/ShelfService.java", """
    package org.kappa.shelf;
    import java.util.List;
    import java.util.Arrays;
    public class ShelfService {
        public List<Class<?>> getCommands() { return Arrays.asList(StackJarCmd.class, TipJarCmd.class); }
    }
    """)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    files = {rel: textwrap.dedent(code).lstrip("\n") for rel, code in TREE.items()}
    commit_pom(repo, "1.0.0", "Updating pom.xml version numbers for release 1.0.0", files)
    commit_pom(repo, "1.1.0-SNAPSHOT", "next")
    commit_pom(repo, "1.1.0", "Updating pom.xml version numbers for release 1.1.0",
               {rel: textwrap.dedent(code).lstrip("\n") for rel, code in (NEW_CMD, SERVICE)})
    return repo


def test_history_of_the_releases(repo, tmp_path, capsys):
    out = tmp_path / "h.json"
    assert main(["history", f"git:{repo}", "-o", str(out)]) == 0
    data = history.load_history(out)
    assert [r["name"] for r in data["releases"]] == ["1.0.0", "1.1.0"]
    assert data["added_per_release"] == {"1.1.0": ["tipJar"]}
    assert data["apis"]["listJars"]["first"] == "1.0.0" and data["apis"]["listJars"]["last"] == "1.1.0"
    assert data["apis"]["tipJar"]["first"] == "1.1.0"
    # fillJar's since 1.0 agrees; listJars' keyword says 1.1 but is in 1.0.0 already
    assert [(d["api"], d["param"], d["kind"], d["first"]) for d in data["since_disagreements"]] == [
        ("listJars", "keyword", "later", "1.0.0")]
    printed = capsys.readouterr().out
    assert "2 releases: 1.0.0 .. 1.1.0" in printed and "1.1.0: 1 API(s) added (tipJar)" in printed


def test_refs_and_several_sources(repo, tmp_path):
    out = tmp_path / "h.json"
    assert main(["history", f"git:{repo}", "--refs", "HEAD~2,HEAD", "-o", str(out)]) == 0
    assert [r["name"] for r in json.loads(out.read_text())["releases"]] == ["HEAD~2", "HEAD"]
    assert main(["history", f"git:{repo}@HEAD~2", f"git:{repo}@HEAD", "--refs", "old,new", "-o", str(out)]) == 0
    assert [r["name"] for r in json.loads(out.read_text())["releases"]] == ["old", "new"]


@pytest.mark.parametrize("args, message", [
    (["--refs", "no-such-ref"], "unknown git ref 'no-such-ref'"),
    (["--from", "2.0"], "no releases found"),
])
def test_bad_input_is_one_line_exit_2(repo, tmp_path, capsys, args, message):
    assert main(["history", f"git:{repo}", *args, "-o", str(tmp_path / "h.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not (tmp_path / "h.json").exists()


def test_a_repository_without_releases(tmp_path, capsys):
    repo = tmp_path / "bare"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit_pom(repo, "0.1-SNAPSHOT", "start")
    assert main(["history", f"git:{repo}", "-o", str(tmp_path / "h.json")]) == 2
    assert "no releases found" in capsys.readouterr().err


def test_an_interrupted_run_keeps_the_previous_file(repo, tmp_path, monkeypatch):
    out = tmp_path / "h.json"
    assert main(["history", f"git:{repo}", "-o", str(out)]) == 0
    before = out.read_bytes()
    real_add = history.HistoryBuilder.add_digest

    def add_then_stop(self, release, digest):
        real_add(self, release, digest)
        raise KeyboardInterrupt
    monkeypatch.setattr(history.HistoryBuilder, "add_digest", add_then_stop)
    assert main(["history", f"git:{repo}", "-o", str(out)]) != 0  # main reports the interruption
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")] == []


def test_a_second_run_reads_the_cached_digests(repo, tmp_path, monkeypatch):
    from flowdoc.cli import history_cmd

    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["history", f"git:{repo}", "--cache-dir", str(tmp_path / "cache"), "-o", str(first)]) == 0

    def no_models(*_args, **_named):
        raise AssertionError("a model was loaded although every release's digest is cached")
    monkeypatch.setattr(history_cmd, "project_of", no_models)
    assert main(["history", f"git:{repo}", "--cache-dir", str(tmp_path / "cache"), "-o", str(second)]) == 0
    assert json.loads(first.read_text()) == json.loads(second.read_text())
