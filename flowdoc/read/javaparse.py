"""The parser front end (with :mod:`flowdoc.read.javatokens`, the only javalang users): text -> facts.

javalang 0.13 has gaps that would silently lose facts; each is handled here, once:

- ``T[]::new`` and ``T<A>::m`` method references do not parse: :func:`rewrite_method_refs`
  blanks the offending characters before parsing, keeping every line and column in place.
- A call chained after a parenthesized expression (``((T) x).m()``) is parsed but its
  selectors hang off a node attribute that tree walks never visit: :class:`_Parser` wraps
  parenthesized primaries in :class:`Parenthesized`, whose selectors are walked.
- Many nodes have no position: the walker carries the line of the nearest positioned
  ancestor (:attr:`flowdoc.read.javawalk.MethodScope.line`).
- Annotation and constant string values keep their quotes: :func:`unquote` strips them.
- Qualifiers are dotted strings (``a.b`` for ``a.b.m()``): kept as ``Expr("name", "a.b")``.
- ``Type.<T>method()`` loses the method name (the receiver takes its place): restored in
  :meth:`_Parser.parse_primary`.
- End lines are not recorded: :func:`flowdoc.read.javadecl.block_end_lines` matches braces on the token stream.
- The parser recurses about eight frames per parenthesis: ``((((x))))`` 3,000 deep would need
  24,000. :func:`collapse_redundant_parens` drops the inner pair of every ``((...))`` first, and
  nesting that is still too deep for the recursion limit is reported as "nesting too deep" with
  the line of its deepest point, never raised.
"""

from __future__ import annotations

import re

from javalang import tree as jt
from javalang.parser import JavaSyntaxError, Parser
from javalang.tokenizer import LexerError, Separator

from flowdoc.model.facts import FileFacts, Import
from flowdoc.model.problems import Problem
from flowdoc.read.conditions import add_text_facts
from flowdoc.read.javadecl import FileBuilder
from flowdoc.read.javanodes import INTERNED, Parenthesized, to_typeref, unquote
from flowdoc.read.javatokens import tokenize_java

__all__ = ["parse_java", "rewrite_method_refs", "to_typeref", "unquote"]


# `String[]::new`, `int[][]::new`  and  `List<String>::size`, `Map<K, List<V>>::get`
_ARRAY_CTOR_REF = re.compile(r"(?<=[\w>])(\s*(?:\[\s*\]\s*)+)(?=::)")
_GENERIC_TYPE_REF = re.compile(r"(?<=[\w])(<(?:[^<>;(){}=]|<(?:[^<>;(){}=]|<[^<>;(){}=]*>)*>)*>)(?=\s*::)")


def rewrite_method_refs(text: str) -> str:
    """Blank out the parts of method references javalang cannot parse, keeping positions.

    ``String[]::new`` becomes ``String  ::new`` and ``List<String>::size`` becomes
    ``List        ::size``: same lines and columns, and a reference javalang accepts.
    """
    if "::" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(1))

    text = _ARRAY_CTOR_REF.sub(blank, text)
    return _GENERIC_TYPE_REF.sub(blank, text)



class _Parser(Parser):
    """javalang's parser with the parenthesized-selector fix and faster look-ahead.

    ``accept``/``would_accept``/``try_accept`` run several hundred thousand times per
    thousand files; these versions index the token list directly and behave the same.
    """

    def parse_primary(self):  # noqa: D401 - javalang's naming
        if self.tokens.look().value == "(":
            return Parenthesized(expression=self.parse_par_expression())
        primary = super().parse_primary()
        generic_member = getattr(primary, "_generic_member", None)
        if generic_member is not None:
            # `Collections.<T>emptyList()`: javalang overwrites the method name with the last
            # identifier before `.<`; put the receiver back into the qualifier.
            primary.qualifier = f"{primary.qualifier}.{primary.member}" if primary.qualifier else primary.member
            primary.member = generic_member
        return primary

    def parse_identifier_suffix(self):
        suffix = super().parse_identifier_suffix()
        if isinstance(suffix, jt.MethodInvocation) and suffix.type_arguments:
            suffix._generic_member = suffix.member  # only the `.<T>name(...)` form sets both
        return suffix

    def would_accept(self, *accepts):
        stream = self.tokens
        tokens = stream.list
        start = stream.marker
        n = len(tokens)
        if len(accepts) == 1:
            token = tokens[start] if start < n else stream.default
            accept = accepts[0]
            return token.value == accept if type(accept) is str else isinstance(token, accept)
        for i, accept in enumerate(accepts):
            k = start + i
            token = tokens[k] if k < n else stream.default
            if type(accept) is str:
                if token.value != accept:
                    return False
            elif not isinstance(token, accept):
                return False
        return True

    def accept(self, *accepts):
        stream = self.tokens
        tokens = stream.list
        last = None
        for accept in accepts:
            k = stream.marker
            if k >= len(tokens):
                raise StopIteration  # what javalang's next() on an exhausted stream raises
            token = stream.value = tokens[k]
            stream.marker = k + 1
            if type(accept) is str:
                if token.value != accept:
                    self.illegal(f"Expected '{accept}'")
            elif not isinstance(token, accept):
                self.illegal(f"Expected {accept.__name__}")
            last = token
        return last.value

    def try_accept(self, *accepts):
        if not self.would_accept(*accepts):
            return False
        stream = self.tokens
        stream.marker += len(accepts)
        stream.value = stream.list[stream.marker - 1] if stream.marker <= len(stream.list) else stream.default
        return True


# Bracket depth past which redundant parentheses are collapsed before parsing. No hand-written
# file comes near it (CloudStack 4.22: 17 at most), so the facts of real code never change.
COLLAPSE_DEPTH = 40


def collapse_redundant_parens(tokens: list) -> list:
    """``tokens`` without the inner pair of each ``((`` ... ``))`` whose two closers are adjacent:
    ``((((x))))`` becomes ``(x)`` and ``f((x))`` becomes ``f(x)``, the same expression."""
    partner: dict[int, int] = {}
    open_at: list[int] = []
    for i, token in enumerate(tokens):
        if type(token) is Separator:
            if token.value == "(":
                open_at.append(i)
            elif token.value == ")" and open_at:
                partner[open_at.pop()] = i
    drop = {i for start, end in partner.items() if partner.get(start + 1) == end - 1 for i in (start + 1, end - 1)}
    return [token for i, token in enumerate(tokens) if i not in drop] if drop else tokens


def deepest_nesting(tokens: list) -> tuple[int, int]:
    """(depth, line) of the most deeply nested bracket (``(``, ``[``, ``{``) of ``tokens``."""
    depth = best = 0
    line = 1
    for token in tokens:
        if type(token) is Separator:
            if token.value in "([{":
                depth += 1
                if depth > best:
                    best, line = depth, token.position.line
            elif token.value in ")]}":
                depth = max(0, depth - 1)
    return best, line


def _too_deep(path: str, sha: str, lines: int, tokens: list, parser: Parser | None = None) -> FileFacts:
    depth, line = deepest_nesting(tokens)
    if depth >= COLLAPSE_DEPTH:
        where = f"{depth} levels of brackets at line {line}"
    else:  # deep without brackets: `a ? b : a ? ...`, `if (x) if (y) ...`, `List<List<...>>`
        at = parser.tokens.look() if parser is not None else None
        line = at.position.line if at is not None and at.position else line
        where = f"operators, types or statements nested past the parser's limit near line {line}"
    return _failed(path, sha, lines, line, "parse-error", f"nesting too deep: {where}")


def parse_java(path: str, text: str, sha: str = "") -> FileFacts:
    """Parse one file's text into facts; failures come back as problems, never raised."""
    lines = text.count("\n") + 1
    INTERNED.clear()
    tokens: list = []
    parser = None
    try:
        source = rewrite_method_refs(text)
        tokens = list(tokenize_java(source))
        if deepest_nesting(tokens)[0] > COLLAPSE_DEPTH:
            tokens = collapse_redundant_parens(tokens)
        parser = _Parser(tokens)
        unit = parser.parse_compilation_unit()
    except JavaSyntaxError as exc:
        line = exc.at.position.line if getattr(exc, "at", None) is not None and exc.at.position else 1
        detail = exc.description or "syntax error"
        near = f" near {exc.at.value!r}" if getattr(exc, "at", None) is not None else ""
        return _failed(path, sha, lines, line, "parse-error", f"{detail}{near}")
    except LexerError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return _failed(path, sha, lines, int(match.group(1)) if match else 1, "lex-error", str(exc))
    except RecursionError:
        return _too_deep(path, sha, lines, tokens, parser)
    except Exception as exc:  # javalang raises bare exceptions on odd input
        return _failed(path, sha, lines, 1, "parse-error", f"{type(exc).__name__}: {exc}")
    builder = FileBuilder(path, tokens)
    try:
        types = add_text_facts(builder.build(unit), text)
    except RecursionError:
        return _too_deep(path, sha, lines, tokens)
    except Exception as exc:  # a tree shape the walker does not know: the file is reported, the scan goes on
        return _failed(path, sha, lines, 1, "parse-error", f"facts not extracted: {type(exc).__name__}: {exc}")
    package = unit.package.name if unit.package else ""
    imports = tuple(Import(i.path, bool(i.static), bool(i.wildcard)) for i in unit.imports)
    return FileFacts(path, sha, package, imports, tuple(types), lines, tuple(builder.problems))


def _failed(path: str, sha: str, lines: int, line: int, kind: str, message: str) -> FileFacts:
    return FileFacts(path, sha, "", lines=lines, problems=(Problem(path, line, kind, message),), parsed=False)

