"""The hostile inputs of issue 14, each on its own: a pipe named X.java, random bytes, planted escapes."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.conftest import RUN_SECONDS, TALLY, run_cli
from tests.robustness.mutations import SAMPLE, SAMPLE_JAVA

CLI = "import sys; from flowdoc.cli import main; sys.exit(main())"
ADD_HOST = "api/src/main/java/org/nimbus/api/command/admin/host/AddHostCmd.java"


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(SAMPLE, root)
    return root


@pytest.mark.parametrize("verb", [["scan"], ["build", "-o", "{tmp}/site"]])
def test_a_pipe_named_x_java_blocks_no_verb(tree, tmp_path, verb):
    """In a real process, as a user runs it: the pipe hung scan, api and build forever."""
    os.mkfifo(tree / "server" / "X.java")
    args = [a.replace("{tmp}", str(tmp_path)) for a in verb]
    done = subprocess.run([sys.executable, "-c", CLI, *args, "--source", str(tree), "--cache-dir",
                           str(tmp_path / "cache")], capture_output=True, text=True, timeout=RUN_SECONDS * 2,
                          stdin=subprocess.DEVNULL)
    TALLY["runs"] += 1
    assert done.returncode == 0, done.stderr
    assert "server/X.java:1: not-a-file: named pipe (FIFO); skipped" in done.stderr


def test_a_pipe_named_x_java_in_process(tree, tmp_path):
    os.mkfifo(tree / "server" / "X.java")
    src = ["--source", str(tree), "--cache-dir", str(tmp_path / "cache")]
    for args in (["api"], ["flow", "addHost"], ["diff", str(SAMPLE), str(tree), *src[2:]]):
        code, _, err = run_cli([*args, *src] if args[0] != "diff" else args)  # bounded: a hang fails
        assert code == 0, err


def test_random_bytes_are_one_file_reported(tree, tmp_path):
    (tree / "server" / "Random.java").write_bytes(random.Random(14).randbytes(4000))
    code, out, err = run_cli(["scan", "--source", str(tree), "--cache-dir", str(tmp_path / "c"), "--problems"])
    assert code == 0
    assert "server/Random.java:1: lex-error: Could not process token" in err
    assert f" parsed     │ {len(SAMPLE_JAVA)} " in out and f" files      │ {len(SAMPLE_JAVA) + 1} " in out


def test_escapes_planted_in_a_string_and_a_javadoc_stay_text(tree, tmp_path):
    path = tree / ADD_HOST
    text = path.read_text()
    text = text.replace(" * Adds a hypervisor host", " * Adds a \x1b]0;pwned\x07 \x1b[2J hypervisor host")
    text = text.replace('description = "Adds a hypervisor host to a zone."',
                        'description = "Adds a \x1b[31mred\x1b[0m host \\u001b]0;pwned\\u0007 to a zone."')
    path.write_text(text)
    # a lex error quotes the rest of its line: escape sequences, and rich markup that would raise
    (tree / "server" / "Bad.java").write_text("class Bad { # \x1b]0;pwned\x07 \x1b[2J [/] }\n")
    src = ["--source", str(tree), "--cache-dir", str(tmp_path / "c")]
    for args in (["api", "--format", "markdown"], ["api", "--format", "json"], ["api"], ["flow", "addHost"],
                 ["flow", "addHost", "--format", "json"]):
        run_cli([*args, *src])  # fails on any raw ESC in stdout or stderr
    run_cli(["diff", str(SAMPLE), str(tree), "--format", "github", *src[2:]])
    code, _, err = run_cli(["build", "-o", str(tmp_path / "site"), *src])
    assert code == 0, err
    page = (tmp_path / "site" / "api" / "addHost.html").read_text(encoding="utf-8")
    assert "\x1b" not in page and "&#92;x1b&#91;31mred" in page
