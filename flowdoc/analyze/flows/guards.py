"""``instanceof`` guards: the branches a command can or cannot take in a framework method."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""(?P<ws>\s+)|(?P<comment>//[^\n]*|/\*.*?\*/)|(?P<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"""|(?P<word>[\w$]+(?:\.[\w$]+)*)|(?P<op>&&|\|\||->|::|\S)""",
    re.S,
)


@dataclass(frozen=True)
class Guard:
    """``if (cond) {then} else {other}`` where ``cond`` tests variables with ``instanceof``."""

    atoms: tuple  # nested ("or"|"and", [...]) / ("not", x) / ("is", subject, type) / ("?",)
    then_lines: frozenset[int]
    else_lines: frozenset[int]


def _tokens(text: str, first_line: int) -> list[tuple[str, int]]:
    out = []
    line = first_line
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        value = m.group()
        if kind in ("ws", "comment"):
            line += value.count("\n")
            continue
        out.append((value, line))
        line += value.count("\n")
    return out


def _match(tokens, i: int, open_: str, close: str) -> int:
    """Index of the token closing the bracket opened at ``i``."""
    depth = 0
    for j in range(i, len(tokens)):
        t = tokens[j][0]
        if t == open_:
            depth += 1
        elif t == close:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _statement_end(tokens, i: int) -> int:
    """Index just after the statement starting at token ``i``."""
    n = len(tokens)
    if i >= n:
        return n
    t = tokens[i][0]
    if t == "{":
        return _match(tokens, i, "{", "}") + 1
    if t == "if" and i + 1 < n and tokens[i + 1][0] == "(":
        close = _match(tokens, i + 1, "(", ")")
        end = _statement_end(tokens, close + 1)
        if end < n and tokens[end][0] == "else":
            end = _statement_end(tokens, end + 1)
        return end
    if t == "try":
        j = i + 1
        if j < n and tokens[j][0] == "(":
            j = _match(tokens, j, "(", ")") + 1
        j = _statement_end(tokens, j)
        while j < n and tokens[j][0] in ("catch", "finally"):
            if tokens[j][0] == "catch":
                j = _match(tokens, j + 1, "(", ")") + 1
            else:
                j += 1
            j = _statement_end(tokens, j)
        return j
    if t in ("for", "while", "synchronized", "switch") and i + 1 < n and tokens[i + 1][0] == "(":
        close = _match(tokens, i + 1, "(", ")")
        return _statement_end(tokens, close + 1)
    depth = 0
    for j in range(i, n):
        v = tokens[j][0]
        if v in "({[":
            depth += 1
        elif v in ")}]":
            depth -= 1
        elif v == ";" and depth == 0:
            return j + 1
    return n


def _condition(tokens) -> tuple:
    """A condition as nested and/or/not of instanceof atoms; anything else is unknown."""
    while tokens and tokens[0][0] == "(" and _match(tokens, 0, "(", ")") == len(tokens) - 1:
        tokens = tokens[1:-1]
    for op, kind in (("||", "or"), ("&&", "and")):
        parts, depth, start = [], 0, 0
        for j, (v, _) in enumerate(tokens):
            if v in "([{":
                depth += 1
            elif v in ")]}":
                depth -= 1
            elif v == op and depth == 0:
                parts.append(tokens[start:j])
                start = j + 1
        if parts:
            parts.append(tokens[start:])
            return (kind, tuple(_condition(p) for p in parts))
    if tokens and tokens[0][0] == "!":
        return ("not", _condition(tokens[1:]))
    values = [v for v, _ in tokens]
    if len(values) in (3, 4) and values[1] == "instanceof" and re.match(r"^[A-Za-z_$][\w$]*$", values[0]):
        return ("is", values[0], values[2])
    return ("?",)


def find_guards(text: str, first_line: int) -> list[Guard]:
    """Every ``if`` whose condition uses ``instanceof``, with the lines of its two branches."""
    tokens = _tokens(text, first_line)
    guards = []
    n = len(tokens)
    for i, (v, _) in enumerate(tokens):
        if v != "if" or i + 1 >= n or tokens[i + 1][0] != "(":
            continue
        close = _match(tokens, i + 1, "(", ")")
        cond = tokens[i + 2:close]
        if not any(t == "instanceof" for t, _ in cond):
            continue
        then_end = _statement_end(tokens, close + 1)
        then_lines = _branch_lines(tokens, close + 1, then_end)
        else_lines: frozenset[int] = frozenset()
        if then_end < n and tokens[then_end][0] == "else":
            else_end = _statement_end(tokens, then_end + 1)
            else_lines = _branch_lines(tokens, then_end + 1, else_end)
        # lines shared with code outside a branch (e.g. "} else {") belong to neither for sure
        guards.append(Guard(_condition(cond), then_lines, else_lines - then_lines))
    return guards


def _branch_lines(tokens, start: int, end: int) -> frozenset[int]:
    """Lines of a branch's statements (inside its braces, when it is a block)."""
    if start < end and tokens[start][0] == "{" and tokens[end - 1][0] == "}":
        start, end = start + 1, end - 1
    return frozenset(line for _, line in tokens[start:end])


def evaluate(atom: tuple, decide) -> bool | None:
    kind = atom[0]
    if kind == "is":
        return decide(atom[1], atom[2])
    if kind == "not":
        inner = evaluate(atom[1], decide)
        return None if inner is None else not inner
    if kind == "and":
        values = [evaluate(a, decide) for a in atom[1]]
        if any(v is False for v in values):
            return False
        return True if all(v is True for v in values) else None
    if kind == "or":
        values = [evaluate(a, decide) for a in atom[1]]
        if any(v is True for v in values):
            return True
        return False if all(v is False for v in values) else None
    return None


def atoms(atom: tuple):
    """The ``("is", subject, type)`` atoms of a condition."""
    if atom[0] == "is":
        yield atom
    elif atom[0] == "not":
        yield from atoms(atom[1])
    elif atom[0] in ("and", "or"):
        for a in atom[1]:
            yield from atoms(a)
