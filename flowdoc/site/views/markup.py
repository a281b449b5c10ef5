"""Markup builders for the page views: each wraps already escaped text as
:class:`~markupsafe.Markup`, so the templates' escape-everything default leaves it alone."""

from __future__ import annotations

import html

from markupsafe import Markup

from flowdoc.check.report.escape import md_code, md_escape


def code(value: object) -> Markup:
    """Inline code from untrusted text (a ``<code>`` element, its text escaped)."""
    return Markup(md_code(value))


def pre(value: str, lang: str = "") -> Markup:
    """A raw HTML code block (HTML-escaped only: Markdown does not look inside it); left out of
    the search index, where a JSON skeleton would only be noise in the results."""
    cls = f' class="language-{html.escape(lang, quote=True)}"' if lang else ""
    return Markup(f'<pre data-search-exclude><code{cls}>{html.escape(value, quote=False)}</code></pre>')


def attr(value: object) -> Markup:
    return Markup(html.escape(str(value), quote=True))


def md(value: object) -> Markup:
    """Untrusted text, escaped for Markdown and HTML."""
    return Markup(md_escape(value))
