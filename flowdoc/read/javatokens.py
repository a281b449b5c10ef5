"""The Java lexer: one master regular expression, two views of its tokens.

``tokenize_java`` yields javalang's own token objects for the parser; ``source_tokens`` gives
plain ``(text, line, start, end)`` tuples for the light walks over a method's text that the
scan does besides parsing (the conditions around command registrations and the branches of
``instanceof`` guards, :mod:`flowdoc.read.conditions`).

A fast tokenizer producing javalang's own token objects:

javalang's character-by-character tokenizer costs as much as its parser (about half of a
cold scan of CloudStack). This one matches one master regular expression per token and
yields the same token classes, values, positions and javadoc attachments, so javalang's
parser cannot tell the difference (``tests/test_javatokens.py`` compares the two streams).
Text with unicode escapes (``\\u0041``) goes to javalang's tokenizer, which decodes them first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from javalang import tokenizer as jtok

_OPERATORS = sorted(jtok.Operator.VALUES, key=len, reverse=True)

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<hexfloat>0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?[pP][+-]?[0-9_]*[fFdD]?)
  | (?P<hex>0[xX][0-9a-fA-F_]*[lL]?)
  | (?P<bin>0[bB][01_]*[lL]?)
  | (?P<octal>0[0-7][0-7_]*[lL]?(?![.\deEfFdD]))
  | (?P<float>\d[\d_]*(?:\.[\d_]*(?:[eE][+-]?[\d_]*)?[fFdD]?|[eE][+-]?[\d_]*[fFdD]?|[fFdD])
             |\.\d[\d_]*(?:[eE][+-]?[\d_]*)?[fFdD]?)
  | (?P<int>\d[\d_]*[lL]?)
  | (?P<ident>(?:[^\W\d]|\$)[\w$]*)
  | (?P<at>@)
  | (?P<op>"""
    + "|".join(re.escape(op) for op in _OPERATORS)
    + r""")
  | (?P<sep>[(){}\[\];,.])
    """,
    re.VERBOSE | re.DOTALL,
)

_NUMBER_CLASSES = {
    "hexfloat": jtok.HexFloatingPoint,
    "hex": jtok.HexInteger,
    "bin": jtok.BinaryInteger,
    "octal": jtok.OctalInteger,
    "float": jtok.DecimalFloatingPoint,
    "int": jtok.DecimalInteger,
    "string": jtok.String,
    "at": jtok.Annotation,
    "op": jtok.Operator,
    "sep": jtok.Separator,
}


def _identifier_class(word: str) -> type:
    if word in jtok.Keyword.VALUES:
        if word in jtok.BasicType.VALUES:
            return jtok.BasicType
        if word in jtok.Modifier.VALUES:
            return jtok.Modifier
        return jtok.Keyword
    if word in jtok.Boolean.VALUES:
        return jtok.Boolean
    if word == "null":
        return jtok.Null
    return jtok.Identifier


_IDENT_CLASS_CACHE: dict[str, type] = {}


def tokenize_java(text: str) -> Iterator[jtok.JavaToken]:
    """Yield javalang tokens for ``text``; raise javalang's LexerError on bad input."""
    if "\\u" in text:
        yield from jtok.tokenize(text)
        return
    position = jtok.Position
    line = 1
    line_start = -1  # index of the newline before the current line, as javalang counts
    javadoc = None
    expected = 0
    cache = _IDENT_CLASS_CACHE
    classes = _NUMBER_CLASSES
    for m in _TOKEN.finditer(text):
        pos = m.start()
        if pos != expected:  # finditer skipped a character no token matches
            _lex_error(text, expected, line)
        expected = m.end()
        kind = m.lastgroup
        value = m.group()
        if kind == "ws" or kind == "comment":
            if kind == "comment" and value.startswith("/**"):
                javadoc = value
            newlines = value.count("\n")
            if newlines:
                line += newlines
                line_start = text.rfind("\n", pos, expected)
            continue
        if kind == "ident":
            cls = cache.get(value)
            if cls is None:
                cls = cache[value] = _identifier_class(value)
        else:
            cls = classes[kind]
        yield cls(value, position(line, pos - line_start), javadoc)
        javadoc = None
    if expected != len(text):
        _lex_error(text, expected, line)


def _lex_error(text: str, pos: int, line: int) -> None:
    end = text.find("\n", pos)
    snippet = text[pos : end if end != -1 else len(text)].strip()
    raise jtok.LexerError(f'Could not process token at "{text[pos]}", line {line}: {snippet}')


SourceToken = tuple[str, int, int, int]  # text, line, start offset, end offset


def source_tokens(text: str, first_line: int = 1) -> list[SourceToken]:
    """The tokens of ``text`` without whitespace and comments, as ``(text, line, start, end)``.

    A dotted name written without spaces (``a.b.c``, ``Foo.class``) is one token; a character
    no token matches is a one-character token (never an error: the text is only walked)."""
    out: list[SourceToken] = []
    line = first_line
    pos = 0
    n = len(text)
    match = _TOKEN.match
    while pos < n:
        m = match(text, pos)
        if m is None:
            out.append((text[pos], line, pos, pos + 1))
            pos += 1
            continue
        kind = m.lastgroup
        value = m.group()
        end = m.end()
        if kind == "ws" or kind == "comment":
            line += value.count("\n")
        elif (value == "." and out and out[-1][3] == pos and end < n and _WORD_START.match(text, end)
              and _WORD_END.match(out[-1][0][-1])):
            word = match(text, end)  # a dotted name goes on: merge ``a`` ``.`` ``b``
            prev = out.pop()
            end = word.end()
            out.append((prev[0] + "." + word.group(), prev[1], prev[2], end))
            line += word.group().count("\n")
        else:
            out.append((value, line, pos, end))
            line += value.count("\n")
        pos = end
    return out


_WORD_START = re.compile(r"[\w$]")
_WORD_END = re.compile(r"[\w$]")
