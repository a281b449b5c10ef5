"""Small pieces the Java front end shares: interned expressions and types, literal values,
javalang type nodes as :class:`~flowdoc.model.facts.TypeRef`, javadoc text, node lines."""

from __future__ import annotations

import re

from javalang import tree as jt

from flowdoc.model.facts import Expr, TypeRef


class Parenthesized(jt.Primary):
    """A parenthesized expression used as a primary, so that its selectors are walked."""

    attrs = ("expression",)


UNKNOWN = Expr("unknown")

# Identical expressions and type references share one object per file: fewer objects to
# pickle and to load on a warm run. Reset by parse_java for every file.
INTERNED: dict = {}


def E(kind: str, text: str = "", items: tuple = ()) -> Expr:
    key = ("E", kind, text, items)
    found = INTERNED.get(key)
    if found is None:
        found = INTERNED[key] = Expr(kind, text, items)
    return found


def T(name: str, args: tuple = (), dims: int = 0) -> TypeRef:
    key = ("T", name, args, dims)
    found = INTERNED.get(key)
    if found is None:
        found = INTERNED[key] = TypeRef(name, args, dims)
    return found


def unquote(literal: str) -> str:
    """The value of a Java string literal as written (``"a\\"b"`` -> ``a"b``)."""
    if len(literal) >= 2 and literal[0] == literal[-1] and literal[0] in "\"'":
        body = literal[1:-1]
        if "\\" in body:
            body = re.sub(r"\\(u[0-9a-fA-F]{4}|.)", _unescape, body)
        return body
    return literal


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.startswith("u") and len(code) == 5:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)



def to_typeref(node) -> TypeRef | None:
    """javalang type node -> TypeRef (``? extends X`` becomes ``X``; ``?`` stays ``?``)."""
    if node is None:
        return None
    if isinstance(node, jt.TypeArgument):
        if node.type is None:
            return T("?")
        return to_typeref(node.type)
    name = node.name
    args: tuple[TypeRef, ...] = ()
    if getattr(node, "arguments", None):
        args = tuple(a for a in (to_typeref(x) for x in node.arguments) if a is not None)
    sub = getattr(node, "sub_type", None)
    while sub is not None:  # Map.Entry<K, V> is ReferenceType(Map, sub_type=Entry<K, V>)
        name = f"{name}.{sub.name}"
        if sub.arguments:
            args = tuple(a for a in (to_typeref(x) for x in sub.arguments) if a is not None)
        sub = sub.sub_type
    dims = len(node.dimensions) if getattr(node, "dimensions", None) else 0
    return T(name, args, dims)


def clean_javadoc(doc: str | None) -> str | None:
    if not doc:
        return None
    body = doc.strip()
    body = body.removeprefix("/**").removesuffix("*/")
    lines = [re.sub(r"^\s*\*\s?", "", line).rstrip() for line in body.splitlines()]
    text = "\n".join(lines).strip()
    return text or None


def line_of(node, default: int) -> int:
    pos = getattr(node, "_position", None)
    return pos.line if pos else default



def literal(raw: str) -> Expr:
    if raw.startswith('"'):
        return E("str", unquote(raw))
    if raw.startswith("'"):
        return E("char", unquote(raw))
    if raw in ("true", "false"):
        return E("bool", raw)
    if raw == "null":
        return E("null")
    return E("num", raw)

