"""CLI conventions shared by every verb: exit codes, one-line errors, JSON on stdout."""

from __future__ import annotations

import json

from flowdoc.cli import main
from tests.helpers import write_java_tree


def test_scan_json_on_the_bundled_sample(capsys):
    assert main(["scan", "--format", "json", "--jobs", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == "1.0.0-SAMPLE"
    assert data["stats"]["files"] == data["stats"]["parsed"] > 50
    assert data["problems"] == []


def test_missing_source_is_one_line_exit_2(capsys, tmp_path):
    assert main(["scan", "--source", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--source" in err and "does not exist" in err


def test_bad_option_value_exits_2(capsys):
    try:
        main(["scan", "--jobs", "zero"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "not a whole number" in capsys.readouterr().err


def test_scan_text_lists_problems(capsys, tmp_path):
    write_java_tree(tmp_path, {"A.java": "class A {", "B.java": "class B {}"})
    assert main(["scan", "--source", str(tmp_path), "--no-cache"]) == 0
    captured = capsys.readouterr()
    assert "A.java:1: parse-error" in captured.err
    assert "parsed" in captured.out


def test_output_to_a_device_writes_into_it(tmp_path):
    from flowdoc.cli.common import write_text_atomic

    fifo_free_target = tmp_path / "out.json"
    write_text_atomic(fifo_free_target, "x")
    assert fifo_free_target.read_text() == "x"
    write_text_atomic(tmp_path.joinpath("..", tmp_path.name, "out.json"), "y")
    assert fifo_free_target.read_text() == "y"
    import os

    write_text_atomic(os.devnull, "discarded")
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_output_into_a_missing_folder_is_exit_2(capsys, tmp_path):
    assert main(["api", "--format", "json", "-o", str(tmp_path / "no" / "api.json")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_output_file_follows_the_umask(tmp_path):
    import os

    from flowdoc.cli.common import write_text_atomic

    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "out.json", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644


def test_misspelled_option_suggests_the_right_one(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["scan", "--formt", "json"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "unrecognized arguments: --formt" in err and "did you mean --format?" in err
    assert err.count("\n") == 0


def test_a_far_option_gets_no_suggestion_only_the_help_pointer(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["api", "--frobnicate"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "did you mean" not in err and "see 'flowdoc api --help'" in err


def test_close_option_compares_without_dashes():
    from flowdoc.cli import close_option

    options = ["--format", "--strict", "--source", "--depth"]
    assert close_option("--fromat", options) == "--format"
    assert close_option("--depht", options) == "--depth"
    assert close_option("--frobnicate", options) is None


def test_no_verb_points_at_help(capsys):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2
    assert "flowdoc --help" in capsys.readouterr().err


def test_no_verb_imports_another_verb():
    """Verbs only call stages; what two verbs share lives in cli/common.py or lower."""
    import re
    from pathlib import Path

    import flowdoc.cli

    folder = Path(flowdoc.cli.__file__).parent
    offenders = {p.name for p in folder.glob("*_cmd.py")
                 if re.search(r"^\s*from flowdoc\.cli\.\w+_cmd import|^\s*import flowdoc\.cli\.\w+_cmd",
                              p.read_text(encoding="utf-8"), re.M)}
    assert offenders == set()
    assert max(len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*_cmd.py")) <= 100


ROOT_POM = ("<project><groupId>org.apache.cloudstack</groupId><artifactId>cloudstack</artifactId>"
            "<version>9.1.0.0</version></project>")
MODULE_POM = "<project><parent><groupId>org.apache.cloudstack</groupId></parent><artifactId>srv</artifactId></project>"


def test_default_source_is_the_cloudstack_tree_of_the_current_folder(capsys, tmp_path, monkeypatch):
    write_java_tree(tmp_path, {"pom.xml": ROOT_POM, "srv/pom.xml": MODULE_POM,
                               "srv/src/main/java/a/Thing.java": "package a; public class Thing {}"})
    monkeypatch.chdir(tmp_path / "srv")  # from inside a module: the tree is its root
    assert main(["scan", "--format", "json", "--no-cache"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["version"] == "9.1.0.0" and data["stats"]["files"] == 1
    assert "sample" not in captured.err


def test_default_source_outside_a_tree_is_the_sample_and_says_so_on_a_terminal(capsys, tmp_path, monkeypatch):
    import io

    from rich.console import Console

    from flowdoc.cli import common

    (tmp_path / "pom.xml").write_text("<project><groupId>org.example</groupId></project>")
    monkeypatch.chdir(tmp_path)
    assert main(["scan", "--format", "json", "--no-cache"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["version"] == "1.0.0-SAMPLE"
    assert "sample" not in captured.err  # a pipe: errors stay one line
    terminal = io.StringIO()
    monkeypatch.setattr(common, "console", Console(file=terminal, force_terminal=True, width=200))
    assert main(["api", "--format", "json"]) == 0
    assert terminal.getvalue().count("using the bundled sample tree") == 1
