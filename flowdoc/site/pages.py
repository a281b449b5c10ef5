"""Markdown pages of the site, rendered with jinja2 from the views' plain dicts.

Everything here works from the API model's contract dict (``ApiModel.as_dict()``, see
shared/api-model.md) and ``Flow.as_dict()`` values, so tests can start from a small fixture dict.
Decisions are made in Python (:mod:`flowdoc.site.views`); the templates in ``flowdoc/templates``
only loop. The environment escapes *every* value for Markdown and HTML at once
(:func:`~flowdoc.check.report.escape.md_escape`) unless a view built it as
:class:`~markupsafe.Markup` from escaped parts.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from flowdoc.check.report.escape import md_escape
from flowdoc.read.docpages import page_in_site
from flowdoc.site.data import SiteData
from flowdoc.site.views.api import api_view
from flowdoc.site.views.common import api_link, build_indexes, link_slug, slug
from flowdoc.site.views.flow import flow_view
from flowdoc.site.views.markup import attr, code, md, pre
from flowdoc.site.views.overview import (
    api_index_view,
    concepts_view,
    flow_index_view,
    home_view,
    lifecycle_view,
    releases_view,
)

PAGE_LIMIT = 300_000  # bytes of one generated Markdown page
INDEX_LIMIT = 170_000  # the API index: its HTML is about 1.65 times the Markdown


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(md_escape(value))


def make_environment() -> Environment:
    """The jinja2 environment: strict about undefined names and escaping everything by default."""
    env = Environment(
        loader=PackageLoader("flowdoc", "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["code"] = code
    env.filters["pre"] = pre
    env.filters["attr"] = attr
    env.filters["md"] = md
    env.filters["api"] = api_link
    env.filters["slug"] = link_slug
    return env


def render_pages(data: SiteData, env: Environment | None = None) -> dict[str, str]:
    """All generated pages as ``{relative path: markdown}``."""
    env = env or make_environment()
    idx = build_indexes(data.model)
    pages: dict[str, str] = {}
    pages["index.md"] = env.get_template("home.md.j2").render(home=home_view(data, idx))
    index_t = env.get_template("api_index.md.j2")
    for limit in (80, 60, 40, 0):  # a tree with very many APIs gets shorter descriptions on the index
        pages["api/index.md"] = index_t.render(groups=api_index_view(data, idx, limit), history=bool(data.history))
        if len(pages["api/index.md"].encode("utf-8")) < INDEX_LIMIT:
            break
    api_t = env.get_template("api_page.md.j2")
    flow_t = env.get_template("flow_page.md.j2")
    for cmd in data.model.get("commands", []):
        view = api_view(cmd, data, idx)
        pages[f"api/{view['slug']}.md"] = api_t.render(api=view)
        if cmd["name"] in data.flows:
            budget, max_steps = 120_000, None
            while True:
                text = flow_t.render(flow=flow_view(cmd, data, budget, max_steps))
                if len(text.encode("utf-8")) < PAGE_LIMIT - 60_000 or (budget <= 0 and max_steps == 0):
                    break
                if budget > 0:  # first fewer source excerpts, then fewer steps
                    budget = budget // 2 if budget > 5_000 else 0
                else:
                    steps = len(data.flows[cmd["name"]].get("steps", []))
                    max_steps = (steps if max_steps is None else max_steps) // 2
            pages[f"flows/{view['slug']}.md"] = text
    if data.history:
        pages["api/releases.md"] = env.get_template("api_releases.md.j2").render(releases=releases_view(data))
    pages["flows/index.md"] = env.get_template("flow_index.md.j2").render(flows=flow_index_view(data))
    pages["lifecycle.md"] = env.get_template("lifecycle.md.j2").render(life=lifecycle_view(data, idx))
    pages["concepts.md"] = env.get_template("concepts.md.j2").render(concepts=concepts_view(idx),
                                                                     mermaid=data.mermaid, reference=data.reference)
    if data.reference:
        pages.update(reference_pages(env, data.reference))
    return pages


def reference_pages(env: Environment, reference: dict) -> dict[str, str]:
    """The settings page and a database page per table (flowdoc.analyze.touches.reference data)."""
    pages = {"database/index.md": env.get_template("database_index.md.j2").render(tables=reference["tables"])}
    pages.update(settings_pages(env, reference["settings"]))
    table_t = env.get_template("database_table.md.j2")
    for table in reference["tables"]:
        pages[f"database/{slug(table['name'])}.md"] = table_t.render(table=table)
    return pages


SETTINGS_PER_PAGE = 250  # 4.22's "Advanced" category alone (about 600 settings) made 319 KB of HTML


def settings_pages(env: Environment, settings: list[dict]) -> dict[str, str]:
    """``settings/index.md`` and one page a category (a large category in parts of at most
    SETTINGS_PER_PAGE, by name): CloudStack declares about 1,000 settings, too many for one page
    (411 KB of HTML on 4.22 against the 300 KB limit)."""
    by_category: dict[str, list[dict]] = {}
    for setting in settings:
        by_category.setdefault(setting.get("category") or "Uncategorised", []).append(setting)
    page_t = env.get_template("settings.md.j2")
    pages, categories = {}, []
    for name in sorted(by_category, key=str.lower):
        group = sorted(by_category[name], key=lambda s: str(s.get("name") or ""))
        parts = [group[i:i + SETTINGS_PER_PAGE] for i in range(0, len(group), SETTINGS_PER_PAGE)]
        for number, part in enumerate(parts, 1):
            page = slug(name.lower()) + (f"-{number}" if len(parts) > 1 else "")
            title = name if len(parts) == 1 else (f"{name} ({number} of {len(parts)}: "
                                                   f"{part[0].get('name') or '?'} to {part[-1].get('name') or '?'})")
            pages[f"settings/{page}.md"] = page_t.render(settings=part, category=title)
            categories.append({"name": title, "slug": link_slug(page), "count": len(part),
                               "read": sum(1 for s in part if s.get("read_by"))})
    pages["settings/index.md"] = env.get_template("settings_index.md.j2").render(
        categories=categories, total=len(settings))
    return pages


def render_fragment(env: Environment, template: str, **values: object) -> str:
    return env.get_template(template).render(**values)


# ---------------------------------------------------------------------------------------------
# hand-written pages: markers filled in, API names linked

MARKER = re.compile(r"^[ \t]*<!--\s*flowdoc:([a-z-]+)\s*-->[ \t]*$", re.M)  # alone on its line
_BACKTICK_NAME = re.compile(r"(?<![\[`])`([a-z][A-Za-z0-9]*)`(?![`\]])")
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")


def link_api_names(text: str, names: Iterable[str], prefix: str) -> str:
    """Turn `apiName` in prose (not in code blocks, not already a link) into a link to its page."""
    known = set(names)
    out = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        m = _FENCE.match(line)
        if m:
            if fence is None:
                fence = m.group(2)[0] * 3
            elif m.group(2).startswith(fence):
                fence = None
            out.append(line)
            continue
        if fence is not None or line.startswith("    "):
            out.append(line)
            continue
        out.append(_BACKTICK_NAME.sub(
            lambda m: f"[`{m.group(1)}`]({prefix}{slug(m.group(1))}.md)" if m.group(1) in known else m.group(0),
            line))
    return "".join(out)


def _fragments(data: SiteData) -> dict[str, str]:
    env = make_environment()
    return {
        "packages": env.get_template("packages.md.j2").render(packages=data.packages),
        "http-repositories": env.get_template("http_repositories.md.j2").render(repos=data.http_repositories),
    }


def hand_written_pages(srcs: Iterable[Path], data: SiteData | None) -> dict[str, bytes]:
    """Every file of the ``site_src`` folders (a later folder's page replaces an earlier one's of
    the same path); Markdown gets its ``<!-- flowdoc:NAME -->`` markers filled in and backticked
    API names linked to their pages. A page written about another kind of tree is left out, and
    links to it become plain text (so a strict build of, say, the sample has no broken link)."""
    found: dict[str, bytes] = {}
    for src in srcs:
        if not src.is_dir():
            continue
        for path in sorted(src.rglob("*")):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(src).parts):
                found[path.relative_to(src).as_posix()] = path.read_bytes()
    if data is None:
        return found
    left_out = {rel for rel, raw in found.items()
                if rel.endswith(".md") and not page_in_site(raw.decode("utf-8"), data.tree_kind)}
    fragments = _fragments(data)
    names = [c["name"] for c in data.model.get("commands", [])]
    files: dict[str, bytes] = {}
    for rel, raw in found.items():
        if rel in left_out:
            continue
        if rel.endswith(".md"):
            text = MARKER.sub(lambda m: fragments.get(m.group(1), m.group(0)), raw.decode("utf-8"))
            text = _unlink_pages(text, rel, left_out)
            text = link_api_names(text, names, "../" * rel.count("/") + "api/")
            raw = text.encode("utf-8")
        files[rel] = raw
    return files


_PAGE_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s#]+\.md)(#[^)\s]*)?\)")


def _unlink_pages(text: str, rel: str, gone: set[str]) -> str:
    """``[label](page.md)`` -> ``label`` where ``page.md`` (relative to ``rel``) is in ``gone``."""
    if not gone:
        return text
    base = PurePosixPath(rel).parent

    def replace(m: re.Match) -> str:
        target = posixpath.normpath((base / m.group(2)).as_posix())
        return m.group(1) if target in gone else m.group(0)

    return _PAGE_LINK.sub(replace, text)
