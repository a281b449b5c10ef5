"""Source links (``file:line`` -> a link under ``--source-url`` or a plain label) and excerpts."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from flowdoc.check.report.escape import md_escape
from flowdoc.read.sourcetext import SourceText
from flowdoc.site.views.markup import attr, code


@dataclass
class SourceLinks:
    """Turns ``file:line`` into a link (``--source-url`` prefix) or a plain label."""

    root: Path | str | None = None  # the tree (a folder or git:REPO@REF) the excerpts come from
    url: str | None = None
    _source: SourceText | None = field(default=None, repr=False)

    def href(self, path: str | None, line: int | None = None) -> str | None:
        if not self.url or not path:
            return None
        base = self.url if self.url.endswith("/") else self.url + "/"
        return f"{base}{quote(path)}" + (f"#L{int(line)}" if line else "")

    def label(self, path: str | None, line: int | None = None) -> str:
        if not path:
            return "?"
        return f"{path}:{line}" if line else path

    def md(self, path: str | None, line: int | None = None) -> Markup:
        """A Markdown link (or inline code without a URL)."""
        href = self.href(path, line)
        label = code(self.label(path, line))
        if href is None:
            return label
        return Markup(f"[{label}]({href.replace(' ', '%20').replace(')', '%29')})")

    def short(self, path: str | None, line: int | None = None) -> Markup:
        """``File.java:12`` with the full path as tooltip (inline HTML), linked with a URL; for
        narrow table columns, where a full path would be broken into a few letters per line."""
        if not path:
            return Markup("<code>?</code>")
        name = path.rsplit("/", 1)[-1]
        label = md_escape(f"{name}:{line}" if line else name)
        title = md_escape(self.label(path, line))
        href = self.href(path, line)
        inner = f'<code class="flowdoc-src-short" title="{title}">{label}</code>'
        if href is None:
            return Markup(inner)
        return Markup(f'<a href="{attr(href)}" title="{title}">{inner}</a>')

    def html(self, path: str | None, line: int | None = None, text: str | None = None) -> Markup:
        href = self.href(path, line)
        label = html.escape(text or self.label(path, line))
        if href is None:
            return Markup(f"<code>{label}</code>")
        return Markup(f'<a href="{attr(href)}"><code>{label}</code></a>')

    def lines(self, path: str | None, start: int | None, end: int | None) -> list[str] | None:
        """Source lines ``start``..``end`` of ``path`` for an excerpt (None when unreadable)."""
        if self._source is None:
            self._source = SourceText(self.root)
        return self._source.excerpt(path, start, end)


def snippet_html(lines: list[str], start: int, max_lines: int, path: str | None = None) -> str:
    shown = lines[:max_lines]
    body = textwrap.dedent("\n".join(shown))
    more = len(lines) - len(shown)
    tail = f"\n// ... {more} more lines" if more > 0 else ""
    numbered = f"// {path or ''} lines {start}-{start + len(lines) - 1}\n" if lines else ""
    return f'<pre class="flowdoc-src"><code class="language-java">{html.escape(numbered + body + tail, quote=False)}</code></pre>'

