"""Light walks over a method's source text, done at scan time so that no later stage reads it.

- :func:`find_guards`: the ``if`` statements whose condition tests ``instanceof``, with the
  lines of their two branches (flows keep only the branches a command can take);
- :func:`guarded_class_literals`: for a command-list method (``getCommands()``), the condition
  under which each class literal is added (the API model's default registration).

Both walk :func:`flowdoc.read.javatokens.source_tokens`, the Java lexer's plain tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from flowdoc.model.facts import Expr, InstanceOfGuard, LazyBody, MethodBody, MethodFacts, TypeFacts
from flowdoc.read.javatokens import source_tokens


def add_text_facts(types: list[TypeFacts], text: str) -> list[TypeFacts]:
    """``types`` with the facts only the source text shows added to their method bodies:
    :func:`find_guards` for methods with ``instanceof`` checks, :func:`guarded_class_literals`
    for the methods of a class with a command-list method that pass class literals."""
    lines: list[str] | None = None
    out = []
    for t in types:
        registers = any(is_command_list_method(m) for m in t.methods)
        methods = list(t.methods)
        changed = False
        for k, m in enumerate(methods):
            wants_guards = m.has_body and bool(m.instanceofs)
            wants_conditions = registers and m.has_body and _passes_class_literal(m)
            if not (wants_guards or wants_conditions):
                continue
            if lines is None:
                lines = text.split("\n")
            source = "\n".join(lines[max(0, m.line - 1):m.end_line])
            try:
                guards = find_guards(source, m.line) if wants_guards else ()
            except RecursionError:  # an absurdly deep if/else chain: its branches stay unknown
                guards = ()
            conditions = ()
            if wants_conditions:
                conditions = tuple((name, cond) for name, cond in guarded_class_literals(source).items()
                                   if cond is not None)
            if not (guards or conditions):
                continue
            body = m.body.get()
            new_body = MethodBody(body.calls, body.creations, body.instanceofs, body.locals, guards, conditions)
            methods[k] = replace(m, body=LazyBody(new_body))
            changed = True
        out.append(replace(t, methods=tuple(methods)) if changed else t)
    return out


def is_command_list_method(m: MethodFacts) -> bool:
    """``getCommands()`` of a pluggable service, or a sibling such as ``getAuthCommands()``
    (API authenticators), returning a list of classes: CloudStack's command registration."""
    if m.params or not m.has_body or not (m.name.startswith("get") and m.name.endswith("Commands")):
        return False
    rt = m.return_type
    return rt is not None and rt.simple in ("List", "Collection", "Set") and (
        not rt.args or rt.args[0].simple == "Class")


def _passes_class_literal(m: MethodFacts) -> bool:
    """A class literal among the method's call or creation arguments (at any depth)."""
    exprs: list[Expr] = [a for c in m.calls for a in c.args]
    exprs.extend(a for c in m.creations for a in c.args)
    while exprs:
        e = exprs.pop()
        if e.kind == "class":
            return True
        exprs.extend(e.items)
    return False


# ------------------------------------------------------------------ instanceof guards
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


def find_guards(text: str, first_line: int) -> tuple[InstanceOfGuard, ...]:
    """Every ``if`` whose condition uses ``instanceof``, with the lines of its two branches
    (``text`` is a method's source from its first line, numbered from ``first_line``)."""
    tokens = [(value, line) for value, line, _, _ in source_tokens(text, first_line)]
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
        guards.append(InstanceOfGuard(_condition(cond), tuple(sorted(then_lines)),
                                      tuple(sorted(else_lines - then_lines))))
    return tuple(guards)


def _branch_lines(tokens, start: int, end: int) -> frozenset[int]:
    """Lines of a branch's statements (inside its braces, when it is a block)."""
    if start < end and tokens[start][0] == "{" and tokens[end - 1][0] == "}":
        start, end = start + 1, end - 1
    return frozenset(line for _, line in tokens[start:end])


# ------------------------------------------------------- conditions of registrations
@dataclass
class _Frame:
    cond: str | None = None
    single: bool = False  # an if without braces: ends at the next ';'
    returns: bool = False
    literals: bool = False


def guarded_class_literals(text: str) -> dict[str, str | None]:
    """For a method's source text, each class literal (``X`` for ``X.class``) -> the condition
    under which the statement adding it runs: enclosing ``if``/``else`` conditions and the
    negations of earlier early returns (``if (!Flag.value()) { return list; }``). A light
    token walk, not a parser: loops and switches are transparent."""
    tokens = [(value, start, end) for value, _, start, end in source_tokens(text)]
    stack: list[_Frame] = []
    early: list[str] = []
    last_if: str | None = None
    out: dict[str, str | None] = {}

    def close(frame: _Frame) -> None:
        nonlocal last_if
        last_if = frame.cond
        if frame.cond is not None and frame.returns and not frame.literals and len(stack) == 1:
            early.append(negate(frame.cond))

    i = 0
    while i < len(tokens):
        tok = tokens[i][0]
        if tok in ("if", "else"):
            cond = None
            if tok == "else":
                cond = negate(last_if) if last_if is not None else None
                i += 1
            else:
                depth, j = 0, i + 1
                while j < len(tokens):
                    if tokens[j][0] == "(":
                        depth += 1
                    elif tokens[j][0] == ")":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                if j >= len(tokens):
                    break
                cond = " ".join(text[tokens[i + 1][2]:tokens[j][1]].split())
                i = j + 1
            if i < len(tokens) and tokens[i][0] == "{":
                stack.append(_Frame(cond))
                i += 1
            elif i < len(tokens) and tokens[i][0] == "if":
                stack.append(_Frame(cond, single=True))  # else if: the nested if closes with it
            else:
                stack.append(_Frame(cond, single=True))
            continue
        if tok == "{":
            stack.append(_Frame())
        elif tok == "}":
            if stack:
                close(stack.pop())
            while stack and stack[-1].single:  # an unbraced if/else whose statement was this block
                close(stack.pop())
        elif tok == ";":
            while stack and stack[-1].single:
                close(stack.pop())
        elif tok == "return":
            for frame in stack:
                frame.returns = True
        elif tok.endswith(".class") or (tok.endswith("class") and "." in tok):
            name = "".join(tok.split())[: -len(".class")]
            conds = early + [f.cond for f in stack if f.cond]
            for frame in stack:
                frame.literals = True
            condition = " && ".join(conds) if conds else None
            if name not in out or condition is None:
                out[name] = condition
        i += 1
    return out


def negate(cond: str) -> str:
    """The negation of a condition, written as briefly as it stays right."""
    cond = cond.strip()
    inner = strip_parens(cond)
    if inner.startswith("!") and not inner.startswith("!="):
        rest = inner[1:].strip()
        if _is_atom(rest) or (rest.startswith("(") and strip_parens(rest) != rest):
            return strip_parens(rest)
    if _is_atom(inner):
        return "!" + inner
    return f"!({inner})"


def _is_atom(text: str) -> bool:
    """A name or a call chain without top-level operators."""
    return bool(re.fullmatch(r"[\w.$]+(\([^()]*\))?(\.[\w$]+(\([^()]*\))?)*", text))


def strip_parens(text: str) -> str:
    """The text without parentheses around all of it."""
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for k, ch in enumerate(text):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and k < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text
