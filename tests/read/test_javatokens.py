"""The fast tokenizer must be indistinguishable from javalang's own."""

from __future__ import annotations

import pytest
from javalang import tokenizer as jtok

from flowdoc.read.javatokens import tokenize_java

SOURCES = [
    """
    package a.b; // comment
    /** Doc of A. */
    @Anno(x = {1, 2L, 0x1F, 0b101, 017, 1.5e-3f, .5, 3d, 1_000})
    public final class A<T extends Comparable<? super T>> {
        /* block
           comment */ private static final char C = '\\n';
        String s = "a \\"quoted\\" string";
        int shift = x >>> 2 >> 1 << 3;
        boolean b = !done && (n != 0 || flag) ? true : false;
        Object o = null;
        void m(String... args) { list.forEach(e -> e.run()); Foo::bar; i++; j -= 2; }
        /** Doc of m2. */
        @Override public <X> X m2() throws E { return (X) $weird_name$; }
    }
    """,
    "enum E { ONE, TWO; int v; }",
    "@interface Marker { String value() default \"\"; }",
]


def _stream(tokens):
    return [(type(t).__name__, t.value, tuple(t.position), t.javadoc) for t in tokens]


@pytest.mark.parametrize("source", SOURCES)
def test_same_tokens_as_javalang(source):
    assert _stream(tokenize_java(source)) == _stream(jtok.tokenize(source))


def test_unicode_escapes_fall_back_to_javalang():
    source = 'String s = "\\u0041";'
    assert _stream(tokenize_java(source)) == _stream(jtok.tokenize(source))


def test_unknown_character_is_a_lexer_error_with_line():
    with pytest.raises(jtok.LexerError, match="line 2"):
        list(tokenize_java("int a;\nint # b;"))


def test_unterminated_string_is_a_lexer_error():
    with pytest.raises(jtok.LexerError):
        list(tokenize_java('String s = "open;\n'))
