"""Problems travel beside the data; exceptions are only for unusable input.

A problem's message often quotes the source (a lex error shows the rest of the line), and the
source may hold anything: terminal escape sequences, bidirectional overrides, undecodable bytes.
Problems are made safe once, here, when they are made, so that every output (terminal, JSON,
Markdown, GitHub annotations, the site) shows the same escaped, length-capped text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# Longest message and file name a problem keeps; a lex error on a minified line would
# otherwise quote megabytes.
MAX_MESSAGE = 300
MAX_FILE = 500

# Characters a terminal, log viewer or browser acts on instead of showing: C0 and C1 controls
# (escape sequences start with ESC or CSI), line and paragraph separators, zero-width and
# bidirectional formatting characters ("Trojan source"), and surrogates (Python's stand-in for
# bytes of a file name that are not UTF-8; they cannot even be written out as UTF-8).
_FORMATTING = "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f{_FORMATTING}]")
_UNSAFE_BUT_LAYOUT = re.compile(f"[\x00-\x08\x0b-\x1f{_FORMATTING}]")  # keeps tab and newline


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, limit: int | None = MAX_MESSAGE) -> str:
    """``text`` as one safe line: control and formatting characters (newlines too) shown as
    ``\\xNN``/``\\uNNNN`` escapes, and cut to at most ``limit`` characters, a note of how much
    was cut included (so that escaping an escaped text again changes nothing)."""
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(_escape, text)
    if limit is not None and len(text) > limit:
        keep = limit - len(f"... ({len(text)} more characters)")
        text = f"{text[:keep]}... ({len(text) - keep} more characters)"
    return text


def terminal_safe(text: str) -> str:
    """Multi-line output (a report, a page, JSON) with the characters :func:`printable` escapes
    shown as ``\\uNNNN``, keeping newlines and tabs. The escape is JSON's own, so a JSON
    document stays valid and means the same; stray surrogates can then be written as UTF-8."""
    if not _UNSAFE_BUT_LAYOUT.search(text):
        return text
    return _UNSAFE_BUT_LAYOUT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """Something flowdoc noticed but could not fully handle, with where it happened.

    ``file`` and ``message`` are stored escaped and capped (see the module docstring)."""

    file: str
    line: int
    kind: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", printable(self.file, MAX_FILE))
        object.__setattr__(self, "kind", printable(self.kind, 60))
        object.__setattr__(self, "message", printable(self.message, MAX_MESSAGE))

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"


class InputError(Exception):
    """Unusable input (bad path, malformed file, unknown name): one line, exit code 2."""

    def __str__(self) -> str:  # messages name files and arguments, which can hold anything
        return printable(super().__str__(), 1000)
