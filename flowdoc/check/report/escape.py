"""The one Markdown/HTML escaper of flowdoc's pages and reports (and GitHub's workflow commands').

Descriptions, javadoc and names come from source a pull request may control, and Markdown lets
HTML through. :func:`md_escape` writes HTML specials and the Markdown punctuation that could
make links, emphasis, attributes or table cells as numeric entities, so that Markdown and HTML
both show the text literally, on one line (a table cell included). Code spans do not decode
entities, so escaped code goes into a ``<code>`` element (:func:`md_code`), never backticks.
"""

from __future__ import annotations

import html
import re

from rich.markup import escape as _rich_markup_escape

from flowdoc.model.problems import printable

# Characters that mean something to HTML or to Python-Markdown (+ pymdownx extensions we use).
_MD_SPECIAL = "&<>\"'|*_`[]\\~#!{}^=$:"
_MD_TABLE = {ord(c): f"&#{ord(c)};" for c in _MD_SPECIAL}
_LEADING_LIST = re.compile(r"^(\d+)([.)])(?=\s|$)")


def md_escape(value: object) -> str:
    """Text that Markdown and HTML both show literally, on one line (table cells included)."""
    text = printable(" ".join(str(value).split()), None)  # ESC, bidi overrides: visible escapes
    text = text.translate(_MD_TABLE)
    if text and text[0] in "-+":
        text = f"&#{ord(text[0])};{text[1:]}"
    return _LEADING_LIST.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)


def md_code(value: object) -> str:
    """Inline code from untrusted text: a ``<code>`` element with its text escaped."""
    return f"<code>{md_escape(value)}</code>"


def rich_escape(value: object) -> str:
    """Source text (a name, a path) for a rich console or table: control characters escaped,
    brackets shown as written rather than read as styles (``[/]`` would even raise)."""
    return _rich_markup_escape(printable(str(value), None))


def html_escape(value: object, quote: bool = True) -> str:
    """Text for HTML only (attribute values, raw HTML blocks Markdown does not look into)."""
    return html.escape(str(value), quote=quote)


def gh_data(text: str) -> str:
    """The message of a GitHub Actions workflow command (``::error ...::MESSAGE``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_prop(text: str) -> str:
    """A property value of a workflow command (``file=``, ``title=``)."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")
