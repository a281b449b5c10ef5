"""Deep nesting: 3,000 parentheses parse; what the parser cannot take is reported with its line."""

from __future__ import annotations

import pytest

from flowdoc.read.javaparse import COLLAPSE_DEPTH, collapse_redundant_parens, deepest_nesting, parse_java
from flowdoc.read.javatokens import tokenize_java


def _method(expr: str) -> str:
    return "class A {\n  Object m() {\n    return " + expr + ";\n  }\n}\n"


def test_three_thousand_parentheses_parse_to_the_same_facts_as_one():
    deep = parse_java("A.java", _method("(" * 3000 + "b.go(x)" + ")" * 3000))
    shallow = parse_java("A.java", _method("(b.go(x))"))
    assert deep.parsed and deep.problems == ()
    assert deep.types == shallow.types
    [call] = deep.types[0].methods[0].body.get().calls
    assert (call.member, call.line) == ("go", 3)


def test_collapsing_keeps_calls_casts_and_lambdas():
    def values(code: str) -> list[str]:
        return [t.value for t in collapse_redundant_parens(list(tokenize_java(code)))]

    assert values("((((x))))") == ["(", "x", ")"]
    assert values("f((x))") == ["f", "(", "x", ")"]
    assert values("((T) x).m()") == ["(", "(", "T", ")", "x", ")", ".", "m", "(", ")"]
    assert values("g((a) -> a)") == ["g", "(", "(", "a", ")", "->", "a", ")"]
    assert values("(a) + (b)") == ["(", "a", ")", "+", "(", "b", ")"]


def test_deepest_nesting_names_depth_and_line():
    tokens = list(tokenize_java("class A {\n void m() {\n f(g([1]));\n }\n}"))
    assert deepest_nesting(tokens) == (5, 3)


@pytest.mark.parametrize(("expr", "line", "says"), [
    ("f(" * 3000 + "x" + ")" * 3000, 3, "3002 levels of brackets at line 3"),
    ("a ? " * 3000 + "b" + " : c" * 3000, 3, "nested past the parser's limit near line 3"),
    ("() -> " * 3000 + "x", 3, "nested past the parser's limit near line 3"),
])
def test_nesting_past_the_stack_is_one_problem_with_its_line(expr, line, says):
    facts = parse_java("A.java", _method(expr))
    [problem] = facts.problems
    assert not facts.parsed
    assert (problem.line, problem.kind) == (line, "parse-error")
    assert problem.message.startswith("nesting too deep: ") and says in problem.message


def test_deep_blocks_report_the_line_of_the_deepest_brace():
    code = "class A {\n void m() {\n" + "{\n" * 3000 + "}\n" * 3000 + "}\n}\n"
    [problem] = parse_java("A.java", code).problems
    assert problem.message == f"nesting too deep: 3002 levels of brackets at line {3002}"
    assert problem.line == 3002


def test_shallow_code_is_not_collapsed():
    code = _method("((x))")
    assert deepest_nesting(list(tokenize_java(code)))[0] < COLLAPSE_DEPTH
    body = parse_java("A.java", _method("f((b.go()))")).types[0].methods[0].body.get()
    assert [c.member for c in body.calls] == ["go", "f"]
