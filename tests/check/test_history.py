"""API history: release discovery in a small git repository and the history rules."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path

import pytest

from flowdoc.check import history
from flowdoc.model.problems import InputError

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <parent><groupId>org.kappa</groupId><artifactId>parent</artifactId><version>7</version></parent>
  <artifactId>jars</artifactId>
  <version>{version}</version>
</project>
"""


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def commit_pom(repo: Path, version: str, title: str, files: dict[str, str] | None = None) -> str:
    (repo / "pom.xml").write_text(POM.format(version=version))
    for rel, text in (files or {}).items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", title)
    return git(repo, "rev-parse", "HEAD")


def make_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commits = {"snap1": commit_pom(repo, "1.0.0-SNAPSHOT", "start")}
    commits["1.0.0"] = commit_pom(repo, "1.0.0", "Updating pom.xml version numbers for release 1.0.0")
    commits["snap2"] = commit_pom(repo, "1.1.0-SNAPSHOT", "Updating pom.xml version numbers for release 1.1.0-SNAPSHOT")
    commit_pom(repo, "1.1.0-SNAPSHOT", "work", {"README": "more\n"})
    commits["1.1.0"] = commit_pom(repo, "1.1.0", "release")  # found by the pom, whatever the title
    commits["after"] = commit_pom(repo, "1.1.0", "fix on the release", {"README": "fix\n"})
    return repo, commits


def test_releases_from_pom_versions(tmp_path):
    repo, commits = make_repo(tmp_path)
    found = history.find_releases(str(repo))
    assert [(r.name, r.ref) for r in found] == [("1.0.0", commits["1.0.0"]), ("1.1.0", commits["1.1.0"])]


def test_releases_from_tags_first(tmp_path):
    repo, commits = make_repo(tmp_path)
    git(repo, "tag", "v1.0.1", commits["snap2"])
    git(repo, "tag", "not-a-release", commits["snap1"])
    assert [(r.name, r.ref) for r in history.find_releases(str(repo))] == [("1.0.1", "v1.0.1")]


def test_no_repository(tmp_path):
    with pytest.raises(InputError, match="no such directory"):
        history.find_releases(str(tmp_path / "nothing"))
    (tmp_path / "plain").mkdir()
    with pytest.raises(InputError, match="not a git repository"):
        history.find_releases(str(tmp_path / "plain"))


def command(name: str, since: str | None = None, params=(), fields=()) -> dict:
    return {"name": name, "since": since, "include_in_api_doc": True, "variants": [{"registered": True}],
            "params": [dict(p) for p in params], "response_fields": [dict(f) for f in fields]}


def param(name: str, type_: str = "string", required: bool = False, since: str | None = None,
          expose: bool = True) -> dict:
    return {"name": name, "type": type_, "required": required, "since": since, "expose": expose}


BOX_V1 = command("listBoxes", "1.0", [param("id", "uuid"), param("keyword")],
                 [{"name": "id", "type": "string"}, {"name": "tags", "type": "list", "fields": [{"name": "key"}]}])


def run_history(*models: dict, names=("1.0.0", "1.1.0", "1.2.0")) -> dict:
    builder = history.HistoryBuilder()
    for name, model in zip(names, models, strict=False):
        builder.add(history.Release(name, name), model)
    return builder.as_dict()


def test_first_last_and_changes():
    v2 = copy.deepcopy(BOX_V1)
    v2["params"][1].update(required=True)
    v2["params"].append(param("color", since="1.1"))
    v2["response_fields"][1]["fields"].append({"name": "value", "type": "string"})
    v3 = copy.deepcopy(v2)
    v3["params"] = [p for p in v3["params"] if p["name"] != "color"]
    v3["params"][0].update(type="long")
    data = run_history({"commands": [BOX_V1]}, {"commands": [v2, command("dropBox", "1.1")]},
                       {"commands": [v3]})
    boxes = data["apis"]["listBoxes"]
    assert (boxes["first"], boxes["last"], boxes["last_changed"]) == ("1.0.0", "1.2.0", "1.2.0")
    assert boxes["params"]["keyword"]["changes"] == [{"release": "1.1.0", "required": [False, True]}]
    assert boxes["params"]["id"]["changes"] == [{"release": "1.2.0", "type": ["uuid", "long"]}]
    assert (boxes["params"]["color"]["first"], boxes["params"]["color"]["last"]) == ("1.1.0", "1.1.0")
    assert boxes["response"]["tags.value"]["first"] == "1.1.0"
    assert boxes["response"]["tags.key"]["first"] == "1.0.0"
    drop = data["apis"]["dropBox"]
    assert (drop["first"], drop["last"]) == ("1.1.0", "1.1.0")
    assert drop["changes"] == [{"release": "1.1.0", "what": "added"}, {"release": "1.2.0", "what": "removed"}]
    assert data["added_per_release"] == {"1.1.0": ["dropBox"], "1.2.0": []}
    assert [r["apis"] for r in data["releases"]] == [1, 2, 1]


def test_a_hidden_parameter_is_not_there_for_the_history():
    v1 = copy.deepcopy(BOX_V1)
    v1["params"].append(param("password", expose=False))
    v2 = copy.deepcopy(BOX_V1)
    v2["params"].append(param("password", since="1.1"))
    boxes = run_history({"commands": [v1]}, {"commands": [v2]})["apis"]["listBoxes"]
    assert boxes["params"]["password"]["first"] == "1.1.0"


def test_since_disagreements():
    late = command("listLate", "1.2", [param("id")])  # in 1.0.0 already
    v2 = [copy.deepcopy(late), command("listNew"), command("listOld", "1.0"),
          command("listFine", "1.1.0.0", [param("extra", since="1.2")]), command("listRespin", "1.1")]
    v1 = [late, command("listOther", "1.0")]
    data = run_history({"commands": v1}, {"commands": v2}, names=("1.0.0", "1.1.0"))
    got = {(d["api"], d["param"], d["kind"]) for d in data["since_disagreements"]}
    assert got == {("listLate", None, "later"), ("listNew", None, "missing"), ("listOld", None, "earlier"),
                   ("listFine", "extra", "later")}


def test_version_key():
    assert history.version_key("4.15") == (4, 15, 0, 0) == history.version_key("4.15.0.0")
    assert history.version_key("v4.2.1") == (4, 2, 1, 0)
    assert history.version_key("4.9+") == (4, 9, 0, 0)
    assert history.version_key("soon") == ()
    assert history.is_release_version("4.19.0.0") and not history.is_release_version("4.19.0.0-SNAPSHOT")


def test_history_file_round_trip_and_bad_files(tmp_path):
    data = run_history({"commands": [BOX_V1]})
    path = tmp_path / "h.json"
    history.write_history(path, data)
    assert history.load_history(path) == data
    (tmp_path / "other.json").write_text('{"schema": "flowdoc.api/1", "commands": []}')
    with pytest.raises(InputError, match="schema 'flowdoc.api/1'"):
        history.load_history(tmp_path / "other.json")
    (tmp_path / "junk.json").write_text("[1, 2")
    with pytest.raises(InputError, match="not JSON"):
        history.load_history(tmp_path / "junk.json")


def test_an_inherited_older_since_on_a_new_api_is_not_earlier():
    """A new command inheriting a base class's parameters carries their older since values."""
    new_api = command("deployFromBackup", "1.1", [param("bootmode", since="1.0"), param("flavor", since="1.2")])
    data = run_history({"commands": [command("listOther", "1.0")]}, {"commands": [new_api]}, names=("1.0.0", "1.1.0"))
    assert [(d["param"], d["kind"]) for d in data["since_disagreements"]] == [("flavor", "later")]
