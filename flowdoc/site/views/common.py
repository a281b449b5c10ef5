"""Small helpers on the API model's contract dict shared by the page views."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from flowdoc.check.report.escape import md_escape
from flowdoc.site.views.markup import code

_SLUG_BAD = re.compile(r"[^A-Za-z0-9_.-]")


def slug(name: str) -> str:
    """A file name for an API name (API names are identifiers; anything else is neutralised)."""
    cleaned = _SLUG_BAD.sub("_", name).strip(".") or "_"
    return cleaned


def link_slug(name: str) -> Markup:
    """:func:`slug` for a link target in a template: only ``[A-Za-z0-9_.-]``, so it is passed
    through unescaped (escaped, ``ADD_HOST`` would become ``ADD&#95;HOST`` and break the link)."""
    return Markup(slug(name))


def simple_name(fqn: str | None) -> str:
    if not fqn:
        return ""
    return fqn.rsplit(".", 1)[-1].rsplit("$", 1)[-1]


_CATEGORY_SKIP = {"user", "admin", "command", "commands", "api", "cmd", "impl"}


def category_of(cmd: dict) -> str:
    """The category of a command: the model's own if it has one, else its class' package."""
    if cmd.get("category"):
        return str(cmd["category"])
    package = str(cmd.get("class", "")).rsplit(".", 1)[0].split(".")
    if "command" in package:
        rest = [p for p in package[package.index("command") + 1:] if p not in _CATEGORY_SKIP]
        if rest:
            return rest[0]
    tail = [p for p in package if p not in _CATEGORY_SKIP]
    return tail[-1] if tail else "other"


def async_kind(cmd: dict, flow: dict | None = None) -> str:
    create = bool(cmd.get("async_create") or (flow or {}).get("async_create"))
    if cmd.get("isasync") or create:
        return "async-create" if create else "async"
    return "sync"


def response_key(name: str) -> str:
    return name.lower() + "response"


@dataclass
class Indexes:
    by_name: dict[str, dict]
    returning: dict[str, list[str]]  # response simple name -> api names returning it
    listing: dict[str, list[str]]  # response simple name -> list* apis returning it
    categories: dict[str, list[str]]


def build_indexes(model: dict) -> Indexes:
    by_name = {c["name"]: c for c in model.get("commands", [])}
    returning: dict[str, list[str]] = defaultdict(list)
    categories: dict[str, list[str]] = defaultdict(list)
    for cmd in model.get("commands", []):
        responses = {simple_name(cmd.get("response"))}
        responses.update(simple_name(v.get("response")) for v in cmd.get("variants", []))
        for resp in sorted(r for r in responses if r):
            returning[resp].append(cmd["name"])
        categories[category_of(cmd)].append(cmd["name"])
    listing = {k: [n for n in v if n.lower().startswith("list")] for k, v in returning.items()}
    return Indexes(by_name, dict(returning), listing, dict(sorted(categories.items())))


def api_link(name: str, prefix: str = "", breakable: bool = False) -> Markup:
    """A Markdown link to an API's page (``breakable``: broken only between words, for narrow columns)."""
    return Markup(f"[{entity_code(name) if breakable else code(name)}]({prefix}{slug(name)}.md)")


_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def entity_code(entity: str) -> Markup:
    """A class (or API) name that a narrow column breaks only between its words (AffinityGroup|Response),
    never inside one (the stylesheet keeps ``flowdoc-entity`` from breaking anywhere else)."""
    parts = [md_escape(p) for p in _WORD_START.split(entity)]
    return Markup(f'<code class="flowdoc-entity">{"<wbr>".join(parts)}</code>')


def related_links(entity: str, idx: Indexes, prefix: str) -> Markup:
    """The entity's class name linked to the APIs that list it (else those returning it)."""
    apis = idx.listing.get(entity) or idx.returning.get(entity) or []
    if not apis:
        return entity_code(entity)
    shown = ", ".join(api_link(a, prefix, breakable=True) for a in apis[:3])
    more = f" +{len(apis) - 3}" if len(apis) > 3 else ""
    return Markup(f"{entity_code(entity)} ({shown}{more})")


def node_label(node: dict | None, node_id: str) -> str:
    if node is None:
        return node_id
    cls = str(node.get("class") or "?").rsplit(".", 1)[-1]  # keeps Outer$1 of anonymous classes
    outer = str(node.get("class") or "").rsplit(".", 2)
    if len(outer) == 3 and outer[1][:1].isupper():  # nested class: keep Outer.Inner
        cls = f"{outer[1]}.{outer[2]}"
    return f"{cls}#{node.get('method', '?')}"


def short_description(text: str, limit: int = 80) -> str:
    """The first sentence, at most ``limit`` characters (the index page stays small)."""
    text = " ".join(text.split())
    m = re.search(r"(?<=[a-z0-9)])\.\s", text)
    if m and m.start() < limit:
        return text[: m.start() + 1]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def badges(cmd: dict, kind: str) -> list[str]:
    """The labels shown beside an API name: its kind, admin-only, roles, hidden."""
    badges = [kind]
    if any(v.get("admin_only") for v in cmd.get("variants", [])) and len(cmd.get("variants", [])) == 1:
        badges.append("admin")
    badges.extend(str(r) for r in cmd.get("roles", []))
    if cmd.get("include_in_api_doc") is False:
        badges.append("hidden")
    return badges
