"""Expressions as text: the one renderer of :class:`~flowdoc.model.facts.Expr` for messages and ids."""

from __future__ import annotations

from flowdoc.model.facts import Expr


def expr_text(expr: Expr | None, receiver: bool = False) -> str:
    """Source-like text of an expression.

    By default it keeps an unresolvable value visible (literals as written: ``"a"``, ``X.class``,
    ``a + b``). With ``receiver`` it names the receiver of an unknown call target briefly, as
    the call graph's ``?:`` node ids do: ``(call)`` for a call's value, ``(T)`` for a creation
    or cast, ``""`` for a string, ``(kind)`` for anything else."""
    if expr is None:
        return ""
    k = expr.kind
    if k == "field" and expr.items:
        return f"{expr_text(expr.items[0], receiver)}.{expr.text}"
    if receiver:
        return _receiver_text(expr)
    if k == "str":
        return '"' + expr.text + '"'
    if k in ("name", "num", "bool", "null"):
        return expr.text or k
    if k == "char":
        return "'" + expr.text + "'"
    if k == "class":
        return expr.text + ".class"
    if k == "annotation":
        return "@" + expr.text
    if k == "binop":
        return f" {expr.text} ".join(expr_text(i) for i in expr.items)
    if k == "array":
        return "{" + ", ".join(expr_text(i) for i in expr.items) + "}"
    if k == "cast" and expr.items:
        return f"({expr.text}) {expr_text(expr.items[0])}"
    return expr.text or k


def _receiver_text(expr: Expr) -> str:
    kind = expr.kind
    if kind == "name":
        return expr.text
    if kind in ("new", "cast", "outer_this"):
        return f"({expr.text})"
    if kind == "this":
        return "this" + (f".{expr.text}" if expr.text else "")
    if kind == "call":
        return "(call)"
    if kind == "str":
        return '""'
    return f"({kind})"
