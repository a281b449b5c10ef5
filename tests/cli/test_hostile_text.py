"""Source text that holds terminal escape sequences or rich markup reaches no terminal raw."""

from __future__ import annotations

import json

from flowdoc.cli import main
from tests.check.test_drift import ACME, CREATE, edit
from tests.helpers import write_java_tree

RAW = "\x1b]0;pwned\x07\x1b[2J"


def _planted(tmp_path):
    # one description with raw ESC bytes, one with a Java unicode escape the tokenizer decodes
    tree = edit(ACME, CREATE, '"Creates a gadget"', f'"Creates {RAW} a \\u001b[31mred\\u001b[0m gadget"')
    tree = edit(tree, CREATE, '"gadget name"', '"name [/] \u202eeman"')
    return write_java_tree(tmp_path / "src", tree)


def test_api_outputs_show_planted_escapes_as_text(tmp_path, capsys):
    src = _planted(tmp_path)
    for fmt in ("markdown", "json", "table"):
        assert main(["api", "--source", str(src), "--no-cache", "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\u202e" not in out
        if fmt == "markdown":
            assert "Creates &#92;x1b&#93;0;pwned&#92;x07&#92;x1b&#91;2J a &#92;x1b&#91;31mred" in out
    assert main(["api", "--source", str(src), "--no-cache", "--format", "json"]) == 0
    commands = {c["name"]: c for c in json.loads(capsys.readouterr().out)["commands"]}
    # JSON escapes keep the value: a consumer still sees what the source said
    assert commands["createGadget"]["description"] == f"Creates {RAW} a \x1b[31mred\x1b[0m gadget"


def test_a_lex_error_quoting_markup_and_escapes_is_printed_escaped(tmp_path, capsys):
    write_java_tree(tmp_path, {"A.java": f"class A {{ # [/] {RAW} }}", "B.java": "class B {}"})
    assert main(["scan", "--source", str(tmp_path), "--no-cache"]) == 0  # rich's MarkupError: exit 3 before
    err = capsys.readouterr().err
    assert "A.java:1: lex-error" in err and "[/] \\x1b]0;pwned\\x07\\x1b[2J" in err and "\x1b" not in err


def test_an_error_naming_a_hostile_path_is_one_escaped_line(tmp_path, capsys):
    assert main(["scan", "--source", str(tmp_path / f"x[/]{RAW}")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\x1b" not in err and "\n" not in err and "[/]\\x1b]0;pwned" in err
