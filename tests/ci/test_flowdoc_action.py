"""The GitHub Action's script, run as the action runs it: annotations on stdout, the Markdown
job summary in the file GITHUB_STEP_SUMMARY names, the exit code; the action and pre-commit
definitions point at things that exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.check.report.exports_tree import TREE
from tests.check.test_history import commit_pom, git

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "ci" / "flowdoc_action.py"
LIST_JARS = "core/src/main/java/org/kappa/api/command/user/ListJarsCmd.java"


@pytest.fixture
def checkout(tmp_path):
    repo = tmp_path / "cloudstack"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit_pom(repo, "1.0.0-SNAPSHOT", "base", {rel: textwrap.dedent(code).lstrip("\n") for rel, code in TREE.items()})
    return repo


def run_action(repo: Path, tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, str]:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "FLOWDOC_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GITHUB_BASE_REF", None)
    done = subprocess.run([sys.executable, str(SCRIPT), "--source", str(repo), *args], capture_output=True,
                          text=True, env=env, cwd=tmp_path, check=False)
    return done, summary.read_text()


def test_a_removed_parameter_fails_with_an_annotation_and_a_summary(checkout, tmp_path):
    path = checkout / LIST_JARS
    text = path.read_text()
    path.write_text(re.sub(r'\s*@Parameter\(name = "keyword".*?private String keyword;', "", text, flags=re.S))
    done, summary = run_action(checkout, tmp_path, "--mode", "diff", "--base", "HEAD")
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1 and "parameter keyword removed" in errors[0]
    assert summary.startswith("earlier step\n## flowdoc\n")  # appended, not overwritten
    assert "### flowdoc diff `HEAD` -> `working tree`" in summary
    assert "keyword" in summary and "Breaking" in summary


def test_no_change_passes(checkout, tmp_path):
    done, summary = run_action(checkout, tmp_path, "--mode", "diff", "--base", "HEAD")
    assert done.returncode == 0, done.stderr
    assert "::error" not in done.stdout and "### flowdoc diff" in summary


def test_a_stale_snapshot_fails_the_check(checkout, tmp_path):
    snapshot = tmp_path / "api-snapshot.json"
    flowdoc = str(Path(sys.executable).with_name("flowdoc"))
    subprocess.run([flowdoc, "snapshot", "--source", str(checkout), "-o", str(snapshot)], check=True,
                   capture_output=True, env={**os.environ, "FLOWDOC_CACHE_DIR": str(tmp_path / "cache")})
    (checkout / LIST_JARS).write_text((checkout / LIST_JARS).read_text().replace('"free text"', '"words"'))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("Call `listJars` with `keyword`.\n")
    done, summary = run_action(checkout, tmp_path, "--mode", "check", "--snapshot", str(snapshot), "--docs", str(docs))
    assert done.returncode == 1, done.stderr
    assert any(line.startswith("::error") for line in done.stdout.splitlines())
    assert "### flowdoc check" in summary
    assert f"- snapshot `{snapshot}`: stale: 1 change(s) since it was written" in summary
    assert "listJars: parameter keyword description changed" in summary
    assert "- pages in " in summary and "0 dangling" in summary
    done, summary = run_action(checkout, tmp_path, "--mode", "check", "--docs", str(tmp_path / "missing"))
    assert done.returncode == 2 and "flowdoc check could not run" in summary


def test_diff_without_a_base_is_bad_input(checkout, tmp_path):
    done, _ = run_action(checkout, tmp_path, "--mode", "diff")
    assert done.returncode == 2 and "--base is needed" in done.stderr


def test_action_and_hooks_definitions():
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    script_step = action["runs"]["steps"][-1]["run"]
    assert "ci/flowdoc_action.py" in script_step and SCRIPT.exists()
    used = set(re.findall(r"inputs\.([\w-]+)", (REPO_ROOT / "action.yml").read_text()))
    assert used <= set(action["inputs"])
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"flowdoc-check", "flowdoc-diff", "flowdoc-snapshot"}
    assert all(h["entry"].startswith("flowdoc ") and h["language"] == "python" for h in hooks)
