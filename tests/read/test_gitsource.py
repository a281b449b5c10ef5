"""Reading a tree from a git repository at a ref, without a checkout; refs never reach a shell."""

from __future__ import annotations

import json
import subprocess

import pytest

from flowdoc.cli import main
from flowdoc.model.problems import InputError
from flowdoc.read import gitsource
from flowdoc.store.cache import FactsCache
from tests.check.test_drift import ACME, CREATE, edit
from tests.helpers import write_java_tree

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(repo, *args) -> str:
    import os

    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV})
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """A repository with two commits of the Acme tree: v1 then v2 (a parameter became required)."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_java_tree(root, ACME)
    (root / "pom.xml").write_text("<project><version>1.0</version></project>\n")
    (root / "notes.txt").write_text("not java\n")
    write_java_tree(root, {"target/generated/Junk.java": "class Junk {}\n", ".hidden/Skip.java": "class Skip {}\n"})
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "v1")
    git(root, "tag", "v1")
    v2 = edit(ACME, CREATE, 'CommandType.UUID, description', 'CommandType.UUID, required = true, description')
    write_java_tree(root, {CREATE: v2[CREATE]})
    (root / "pom.xml").write_text("<project><version>2.0</version></project>\n")
    git(root, "commit", "-q", "-m", "v2", "--", CREATE, "pom.xml")
    # an uncommitted change must not be seen: git sources read commits, not the work tree
    (root / CREATE).write_text((root / CREATE).read_text().replace("createGadget", "makeGadget"))
    return root


def test_parse_git_spec():
    assert gitsource.parse_git_spec("git:/srv/cs@4.20.0.0") == gitsource.GitSpec("/srv/cs", "4.20.0.0")
    assert gitsource.parse_git_spec("git:/srv/a@b@main") == gitsource.GitSpec("/srv/a@b", "main")
    assert gitsource.parse_git_spec("git:/srv/cs") == gitsource.GitSpec("/srv/cs", "HEAD")


@pytest.mark.parametrize("spec, message", [
    ("git:/srv/cs@--output=/tmp/x", "looks like an option"),
    ("git:/srv/cs@-p", "looks like an option"),
    ("git:--upload-pack=evil@main", "looks like an option"),
    ("git:/srv/cs@main branch", "spaces or control"),
    ("git:/srv/cs@v1..v2", "is a range"),
    ("git:/srv/cs@", "empty"),
])
def test_option_looking_refs_and_paths_are_refused(spec, message):
    with pytest.raises(InputError, match=message):
        gitsource.parse_git_spec(spec)


def test_scan_reads_the_commit_not_the_work_tree(repo, tmp_path):
    scan = gitsource.scan_git(f"git:{repo}@v1", jobs=1)
    paths = [f.path for f in scan.files]
    assert paths == sorted(ACME)  # no target/, no hidden folders, no non-java files
    assert scan.version == "1.0"
    assert scan.root == f"git:{repo}@v1"
    head = gitsource.scan_git(f"git:{repo}@HEAD", jobs=1)
    assert head.version == "2.0"
    created = next(f for f in head.files if f.path == CREATE)
    assert "createGadget" in str(created.types[0].annotations)  # not the uncommitted makeGadget


def test_warm_scan_reads_no_blobs(repo, tmp_path, monkeypatch):
    cache = FactsCache(tmp_path / "cache")
    cold = gitsource.scan_git(f"git:{repo}@main", jobs=1, cache=cache)
    assert cold.stats.cache_hits == 0

    def no_reads(*args, **kwargs):
        raise AssertionError("a warm scan read blobs")
    monkeypatch.setattr(gitsource, "read_blobs", no_reads)
    monkeypatch.setattr(gitsource, "read_version", lambda *a: "2.0")
    warm_cache = FactsCache(tmp_path / "cache")
    warm = gitsource.scan_git(f"git:{repo}@main", jobs=1, cache=warm_cache)
    assert warm.stats.cache_hits == len(ACME)
    assert warm.files == cold.files


def test_unknown_ref_and_not_a_repository(repo, tmp_path):
    with pytest.raises(InputError, match="unknown git ref 'nosuchref'"):
        gitsource.scan_git(f"git:{repo}@nosuchref")
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(InputError, match="not a git repository"):
        gitsource.scan_git(f"git:{plain}@main")
    with pytest.raises(InputError, match="no such directory"):
        gitsource.scan_git(f"git:{tmp_path / 'absent'}@main")


def test_git_diff_between_two_commits(repo, tmp_path, capsys):
    out = tmp_path / "drift.json"
    code = main(["diff", f"git:{repo}@v1", f"git:{repo}@main", "--format", "json", "-o", str(out),
                 "--cache-dir", str(tmp_path / "c")])
    assert code == 1
    data = json.loads(out.read_text())
    assert [(c["kind"], c["api"], c["param"]) for c in data["changes"]] == [
        ("param-now-required", "createGadget", "zoneid")]
    assert data["old"]["label"] == "v1 (1.0)" and data["new"]["label"] == "main (2.0)"


def test_git_diff_against_the_work_tree(repo, tmp_path, capsys):
    code = main(["diff", f"git:{repo}@HEAD", str(repo), "--fail-on", "any", "--no-cache"])
    assert code == 1  # the uncommitted rename
    assert "API createGadget renamed to makeGadget" in capsys.readouterr().out


@pytest.mark.parametrize("ref", ["--output=/tmp/pwned", "-c", "nosuchref"])
def test_cli_bad_refs_exit_2_with_one_line(repo, tmp_path, capsys, ref):
    code = main(["diff", f"git:{repo}@{ref}", f"git:{repo}@main", "--no-cache"])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert not (tmp_path.parent / "pwned").exists()


def test_git_model_equals_the_tree_model(repo, tmp_path):
    """The same content gives the same model, read from a commit or from a folder."""
    from flowdoc.pipeline import Project

    tree = write_java_tree(tmp_path / "v1", ACME)
    (tree / "pom.xml").write_text("<project><version>1.0</version></project>\n")
    from_git = Project(f"git:{repo}@v1", jobs=1).contract
    from_tree = Project(tree, jobs=1).contract
    assert from_git.pop("source")["version"] == from_tree.pop("source")["version"] == "1.0"
    assert from_git == from_tree


def test_snapshot_and_check_accept_a_git_source(repo, tmp_path, capsys):
    snap = tmp_path / "api.json"
    assert main(["snapshot", "--source", f"git:{repo}@v1", "-o", str(snap), "--no-cache"]) == 0
    assert json.loads(snap.read_text())["source"]["version"] == "1.0"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text("`CreateGadgetCmd#execute` and `CreateGadgetCmd#run`\n")
    code = main(["check", "--source", f"git:{repo}@main", "--snapshot", str(snap), "--docs", str(docs), "--no-cache"])
    out = capsys.readouterr().out
    assert code == 1
    assert "stale: 1 change(s)" in out and "p.md:1: method CreateGadgetCmd#run not found" in out


def test_progress_reaches_the_total(repo):
    seen = []
    gitsource.scan_git(f"git:{repo}@main", jobs=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, len(ACME)) and seen[-1] == (len(ACME), len(ACME))


def test_ci_style_refs_of_a_clone(repo, tmp_path, capsys):
    """What the documented workflow runs: the base branch as origin/<name>, the head as HEAD."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
    git(clone, "checkout", "-q", "v1")
    code = main(["diff", f"git:{clone}@origin/main", "git:" + str(clone) + "@HEAD", "--format", "github",
                 "--no-cache"])
    assert code == 0  # from main back to v1 zoneid becomes optional again: not breaking
    out = capsys.readouterr().out
    assert "param-now-optional" in out and out.splitlines()[-1].startswith("::notice title=flowdoc diff::0 breaking")


def test_links_odd_names_and_huge_blobs_are_reported_not_read(tmp_path, monkeypatch):
    root = tmp_path / "odd"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_java_tree(root, {"A.java": "class A {}", "Big.java": "class Big { int x; }"})
    (root / "L.java").symlink_to("A.java")
    (root / "New\nline.java").write_text("class N {}")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "odd")
    monkeypatch.setattr(gitsource, "MAX_SOURCE_BYTES", 12)  # Big.java's 20 bytes are "huge"
    scan = gitsource.scan_git(f"git:{root}@main", jobs=1)
    assert [(p.file, p.kind) for p in scan.problems] == [
        ("Big.java", "too-large"), ("L.java", "not-a-file"), ("New\\nline.java", "odd-name")]
    assert [f.path for f in scan.files if f.parsed] == ["A.java"] and scan.stats.files == 4
