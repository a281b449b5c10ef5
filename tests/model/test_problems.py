"""Problems quote source text escaped and capped, whatever the source holds."""

from __future__ import annotations

import json

from flowdoc.model.problems import MAX_MESSAGE, InputError, Problem, printable, terminal_safe
from tests.helpers import parse_snippet


def test_control_and_formatting_characters_become_visible_escapes():
    assert printable("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07"
    assert printable("line\nnext\ttab\r") == "line\\nnext\\ttab\\r"
    assert printable("csi\x9b2J bidi\u202eevil zw\u200b") == "csi\\x9b2J bidi\\u202eevil zw\\u200b"
    assert printable("byte\udcff") == "byte\\xff"  # a file-name byte that is not UTF-8
    assert printable("plain café ünïcode → ok") == "plain café ünïcode → ok"


def test_long_text_is_cut_with_the_count_of_what_was_cut():
    cut = printable("x" * 350)
    assert cut == "x" * (MAX_MESSAGE - 25) + "... (75 more characters)" and len(cut) <= MAX_MESSAGE
    assert printable("abcdef" * 10, 30) == "abcdef" * 1 + "... (54 more characters)"
    assert printable("x" * 350, None) == "x" * 350


def test_terminal_safe_keeps_layout_and_json_valid():
    assert terminal_safe("a\tb\nc\x1b]0;title\x07") == "a\tb\nc\\u001b]0;title\\u0007"
    document = json.dumps({"d": "csi\x9b del\x7f bidi\u202e byte\udcff"}, ensure_ascii=False)
    safe = terminal_safe(document)
    assert json.loads(safe) == json.loads(document) and safe.encode("utf-8")
    assert safe == '{"d": "csi\\u009b del\\u007f bidi\\u202e byte\\udcff"}'


def test_a_problem_is_escaped_once_when_made_for_every_output():
    problem = Problem("p/New\nline.java", 3, "lex-error", "near \x1b[2J" + "y" * 400)
    assert problem.file == "p/New\\nline.java"
    assert problem.message.startswith("near \\x1b[2Jyyy") and problem.message.endswith("(137 more characters)") and len(problem.message) <= MAX_MESSAGE
    text = str(problem)
    assert "\x1b" not in text and "\n" not in text
    assert json.loads(json.dumps(problem.as_dict())) == problem.as_dict()
    assert Problem(problem.file, 3, problem.kind, problem.message) == problem  # escaping twice changes nothing


def test_input_errors_are_escaped():
    assert str(InputError("--source: /tmp/\x1b[2J does not exist")) == "--source: /tmp/\\x1b[2J does not exist"


def test_a_lex_error_quoting_escape_sequences_is_safe():
    facts = parse_snippet('class A { String s = "ok"; # \x1b]0;pwned\x07 \x1b[2J }')
    [problem] = facts.problems
    assert problem.kind == "lex-error"
    assert "\x1b" not in problem.message and "\\x1b]0;pwned\\x07" in problem.message
