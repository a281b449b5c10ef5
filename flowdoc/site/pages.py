"""Markdown pages of the site, rendered with jinja2 from plain data.

Everything here works from the API model's contract dict (``ApiModel.as_dict()``, see
shared/api-model.md) and ``Flow.as_dict()`` values, so tests can start from a small fixture dict.
Decisions are made in Python (view models); the templates in ``flowdoc/templates`` only loop.

Hostile text: descriptions, javadoc and names come from source a pull request may control, and
Markdown lets HTML through. The environment therefore escapes *every* value for Markdown and HTML
at once (:func:`md_escape`: HTML specials and the Markdown punctuation that could make links,
emphasis, attributes or table cells, all as numeric entities) unless a helper built it as
:class:`~markupsafe.Markup` from escaped parts.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

PAGE_LIMIT = 300_000  # bytes of one generated Markdown page
INDEX_LIMIT = 170_000  # the API index: its HTML is about 1.65 times the Markdown
SNIPPET_LINES = 40  # source lines shown for one hop before "... more lines"

# Characters that mean something to HTML or to Python-Markdown (+ pymdownx extensions we use).
_MD_SPECIAL = "&<>\"'|*_`[]\\~#!{}^=$:"
_MD_TABLE = {ord(c): f"&#{ord(c)};" for c in _MD_SPECIAL}
_LEADING_LIST = re.compile(r"^(\d+)([.)])(?=\s|$)")


def md_escape(value: object) -> str:
    """Text that Markdown and HTML both show literally, on one line (table cells included)."""
    text = " ".join(str(value).split())
    text = text.translate(_MD_TABLE)
    if text and text[0] in "-+":
        text = f"&#{ord(text[0])};{text[1:]}"
    return _LEADING_LIST.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup(md_escape(value))


def code(value: object) -> Markup:
    """Inline code from untrusted text (a ``<code>`` element, its text escaped)."""
    return Markup(f"<code>{md_escape(value)}</code>")


def pre(value: str, lang: str = "") -> Markup:
    """A raw HTML code block (HTML-escaped only: Markdown does not look inside it)."""
    cls = f' class="language-{html.escape(lang, quote=True)}"' if lang else ""
    return Markup(f'<pre><code{cls}>{html.escape(value, quote=False)}</code></pre>')


def attr(value: object) -> Markup:
    return Markup(html.escape(str(value), quote=True))


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
    env.filters["md"] = lambda v: Markup(md_escape(v))
    return env


# ---------------------------------------------------------------------------------------------
# helpers on the contract dict

_SLUG_BAD = re.compile(r"[^A-Za-z0-9_.-]")


def slug(name: str) -> str:
    """A file name for an API name (API names are identifiers; anything else is neutralised)."""
    cleaned = _SLUG_BAD.sub("_", name).strip(".") or "_"
    return cleaned


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


_PLACEHOLDER_VALUE = {
    "uuid": "...", "string": "text", "boolean": "true", "long": "1", "integer": "1", "short": "1",
    "float": "1.0", "double": "1.0", "date": "2024-01-31", "list": "a,b", "object": "...",
}


def example_url(cmd: dict) -> str:
    """``command=NAME&p=...&response=json`` from the required (exposed) parameters."""
    parts = [f"command={cmd['name']}"]
    for param in cmd.get("params", []):
        if not param.get("required") or param.get("expose") is False:
            continue
        ptype = str(param.get("type") or "string")
        if ptype == "map":
            parts.append(f"{param['name']}[0].key=value")
        else:
            parts.append(f"{param['name']}={_PLACEHOLDER_VALUE.get(ptype, '...')}")
    parts.append("response=json")
    return "&".join(parts)


_JSON_VALUE = {
    "string": "string", "uuid": "string", "boolean": True, "long": 0, "integer": 0, "short": 0,
    "float": 0.0, "double": 0.0, "date": "2024-01-31T12:00:00+0000", "list": [], "map": {},
    "set": [],
}


def _field_value(fld: dict) -> object:
    ftype = str(fld.get("type") or "")
    if fld.get("fields"):  # a nested response object: its own fields, one level deep
        inner = {c["name"]: (_field_value(c) if not c.get("fields") else ([] if c.get("type") in ("list", "set")
                                                                            else {}))
                 for c in fld["fields"]}
        return [inner] if ftype in ("list", "set") else inner
    if ftype in _JSON_VALUE:
        value = _JSON_VALUE[ftype]
        return list(value) if isinstance(value, list) else (dict(value) if isinstance(value, dict) else value)
    if ftype.endswith("Response") or "Response" in ftype:
        return {}
    return "..."


def item_key(response_fqn: str | None) -> str:
    base = simple_name(response_fqn)
    if base.endswith("Response"):
        base = base[: -len("Response")]
    return base.lower() or "item"


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def example_response(cmd: dict, kind: str, item: str | None = None) -> str:
    """A JSON skeleton with the real response key; the job id for asynchronous commands."""
    fields = {f["name"]: _field_value(f) for f in cmd.get("response_fields", [])}
    key = response_key(cmd["name"])
    if kind != "sync":
        immediate: dict = {"jobid": "..."}
        if kind == "async-create":
            immediate = {"id": "...", "jobid": "..."}
        return json.dumps({key: immediate}, indent=2)
    if cmd["name"].lower().startswith("list"):
        body: dict = {"count": 1, item or item_key(cmd.get("response")): [fields]}
        return json.dumps({key: body}, indent=2)
    return json.dumps({key: fields}, indent=2)


def job_result(cmd: dict, item: str | None = None) -> str:
    fields = {f["name"]: _field_value(f) for f in cmd.get("response_fields", [])}
    body = {"jobid": "...", "jobstatus": 1, "jobresultcode": 0,
            "jobresult": {item or item_key(cmd.get("response")): fields}}
    return json.dumps({"queryasyncjobresultresponse": body}, indent=2)


# ---------------------------------------------------------------------------------------------
# source links and snippets


@dataclass
class SourceLinks:
    """Turns ``file:line`` into a link (``--source-url`` prefix) or a plain label."""

    root: Path | None = None
    url: str | None = None
    _cache: dict[str, list[str] | None] = field(default_factory=dict)

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
        if self.root is None or not path or not start:
            return None
        if path not in self._cache:
            try:
                self._cache[path] = (self.root / path).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._cache[path] = None
        text = self._cache[path]
        if text is None:
            return None
        end = end if end and end >= start else start
        return text[start - 1:end]


def snippet_html(lines: list[str], start: int, max_lines: int, path: str | None = None) -> str:
    shown = lines[:max_lines]
    body = textwrap.dedent("\n".join(shown))
    more = len(lines) - len(shown)
    tail = f"\n// ... {more} more lines" if more > 0 else ""
    numbered = f"// {path or ''} lines {start}-{start + len(lines) - 1}\n" if lines else ""
    return f'<pre class="flowdoc-src"><code class="language-java">{html.escape(numbered + body + tail, quote=False)}</code></pre>'


# ---------------------------------------------------------------------------------------------
# the site model


@dataclass
class SiteData:
    """Everything the generated pages need, as plain values."""

    model: dict
    flows: dict[str, dict] = field(default_factory=dict)  # api name -> Flow.as_dict()
    diagrams: dict[str, str] = field(default_factory=dict)  # api name -> mermaid text
    packages: list[dict] = field(default_factory=list)  # from flowdoc.read.packaging
    http_repositories: list[dict] = field(default_factory=list)
    links: SourceLinks = field(default_factory=SourceLinks)
    mermaid: bool = True
    diagram_fn: Callable[..., str] | None = None  # (api name, max_participants=, max_messages=) -> mermaid


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


def api_link(name: str, prefix: str = "") -> Markup:
    return Markup(f"[{code(name)}]({prefix}{slug(name)}.md)")


def related_links(entity: str, idx: Indexes, prefix: str) -> Markup:
    """The entity's class name linked to the APIs that list it (else those returning it)."""
    apis = idx.listing.get(entity) or idx.returning.get(entity) or []
    if not apis:
        return code(entity)
    shown = ", ".join(api_link(a, prefix) for a in apis[:3])
    more = f" +{len(apis) - 3}" if len(apis) > 3 else ""
    return Markup(f"{code(entity)} ({shown}{more})")


_RESPONSE_TYPE = re.compile(r"([A-Z]\w*Response)\b")


def _field_row(fld: dict, idx: Indexes, prefix: str) -> dict:
    ftype = str(fld.get("type") or "")
    nested = fld.get("response_object") or fld.get("response") or ""
    match = _RESPONSE_TYPE.search(simple_name(str(nested)) or ftype)
    link: Markup | None = None
    if match:
        link = related_links(match.group(1), idx, prefix)
    if link is not None and ftype in ("list", "set"):
        link = Markup(f"{md_escape(ftype)} of {link}")
    return {"name": fld.get("name", ""), "type": ftype, "description": fld.get("description") or "",
            "since": fld.get("since") or "", "nested": link,
            "children": [_field_row(c, idx, prefix) for c in fld.get("fields", []) or []]}


def _badges(cmd: dict, kind: str) -> list[str]:
    badges = [kind]
    if any(v.get("admin_only") for v in cmd.get("variants", [])) and len(cmd.get("variants", [])) == 1:
        badges.append("admin")
    badges.extend(str(r) for r in cmd.get("roles", []))
    if cmd.get("include_in_api_doc") is False:
        badges.append("hidden")
    return badges


def object_key(cmd: dict, idx: Indexes) -> str:
    """The JSON key of the response object. Commands set it in code; by CloudStack's convention it
    is the singular of the list API returning the same response class (listZones -> zone)."""
    name = cmd["name"]
    resp = simple_name(cmd.get("response"))
    lists = [n for n in ([name] if name.lower().startswith("list") else []) + idx.listing.get(resp, [])]
    if lists:
        return singular(lists[0][4:].lower()) or item_key(cmd.get("response"))
    return item_key(cmd.get("response"))


def api_view(cmd: dict, data: SiteData, idx: Indexes) -> dict:
    flow = data.flows.get(cmd["name"])
    item = object_key(cmd, idx)
    kind = async_kind(cmd, flow)
    links = data.links
    params = []
    for p in cmd.get("params", []):
        related = [related_links(simple_name(r), idx, "") for r in p.get("related", []) or []]
        declared = simple_name(p.get("declared_in")) if p.get("declared_in") else ""
        name_html = Markup(f'<code title="declared in {attr(declared)}">{md_escape(p.get("name", ""))}</code>') \
            if declared else code(p.get("name", ""))
        params.append({"name": p.get("name", ""), "name_html": name_html, "type": p.get("type") or "", "required": bool(p.get("required")),
                       "description": p.get("description") or "", "since": p.get("since") or "",
                       "related": Markup(", ").join(related) if related else "",
                       "hidden": p.get("expose") is False, "roles": ", ".join(p.get("roles") or [])})
    variants = [{"class": v.get("class", ""), "roles": ", ".join(v.get("roles", [])) or "role configuration",
                 "view": v.get("response_view") or "", "admin_only": bool(v.get("admin_only")),
                 "registered": v.get("registered", True),
                     "source": links.short(v.get("file"), v.get("line")),
                     "class_short": Markup(f'<code title="{md_escape(v.get("class") or "")}">'
                                           f'{md_escape(simple_name(v.get("class")) or "?")}</code>')}
                for v in cmd.get("variants", [])]
    return {
        "name": cmd["name"], "slug": slug(cmd["name"]), "description": cmd.get("description") or "",
        "since": cmd.get("since") or "", "kind": kind, "roles": cmd.get("roles", []),
        "category": category_of(cmd), "class": cmd.get("class", ""),
        "response": cmd.get("response") or "", "response_simple": simple_name(cmd.get("response")),
        "source": links.md(cmd.get("file"), cmd.get("line")), "variants": variants, "params": params,
        "fields": [_field_row(f, idx, "") for f in cmd.get("response_fields", [])],
        "example_url": example_url(cmd), "example_response": example_response(cmd, kind, item),
        "job_result": job_result(cmd, item) if kind != "sync" else "", "response_key": response_key(cmd["name"]),
        "has_flow": cmd["name"] in data.flows, "hidden": cmd.get("include_in_api_doc") is False,
        "badges": _badges(cmd, kind),
    }


# ---------------------------------------------------------------------------------------------
# flows


def participants(diagram: str) -> list[str]:
    """Participant names declared in a mermaid sequence diagram."""
    found = []
    for line in diagram.splitlines():
        m = re.match(r"\s*(participant|actor)\s+(\S+)(?:\s+as\s+(.+))?", line)
        if m:
            found.append((m.group(3) or m.group(2)).strip())
    return found


def _node_label(node: dict | None, node_id: str) -> str:
    if node is None:
        return node_id
    cls = str(node.get("class") or "?").rsplit(".", 1)[-1]  # keeps Outer$1 of anonymous classes
    outer = str(node.get("class") or "").rsplit(".", 2)
    if len(outer) == 3 and outer[1][:1].isupper():  # nested class: keep Outer.Inner
        cls = f"{outer[1]}.{outer[2]}"
    return f"{cls}#{node.get('method', '?')}"


def _short_label(label: str, limit: int = 40) -> str:
    head, paren, params = label.partition("(")
    if paren and len(params) > limit:
        return f"{head}(...)"
    return label


def _basename(path: str | None) -> str:
    return (path or "?").rsplit("/", 1)[-1]


def call_tree_html(flow: dict, links: SourceLinks, snippet_budget: int, max_lines: int = SNIPPET_LINES,
                   max_steps: int | None = None) -> str:
    """The preorder steps as nested lists; each hop a <details> with the method's source lines.

    Compact on purpose (real flows have a thousand steps): file names without folders in the
    summaries, the full path in the source excerpt's first line."""
    nodes = {n["id"]: n for n in flow.get("nodes", [])}
    out: list[str] = ['<div class="flowdoc-calltree" data-search-exclude>']
    depth_open = 0
    budget = snippet_budget
    shown_source: set[str] = set()
    steps = flow.get("steps", [])
    shown = steps if max_steps is None else steps[:max_steps]
    parents: list[str] = []  # node ids on the path to the current step
    for step in shown:
        depth = int(step.get("depth", 0)) + 1
        if depth > depth_open:
            while depth_open < depth:  # nested lists live inside the open <li> of their parent
                out.append("<ul>")
                depth_open += 1
        else:
            out.append("</li>")
            while depth_open > depth:
                out.append("</ul></li>")
                depth_open -= 1
        node_id = step.get("node", "")
        node = nodes.get(node_id)
        del parents[depth - 1:]
        parent = nodes.get(parents[-1]) if parents else None
        parents.append(node_id)
        label = html.escape(_short_label(_node_label(node, node_id)))
        kind = str(step.get("kind") or "call")
        badges = []
        if kind != "call":
            badges.append(f'<span class="flowdoc-badge flowdoc-{attr(kind)}">{html.escape(kind)}</span>')
        if step.get("async"):
            badges.append('<span class="flowdoc-badge flowdoc-async">job thread</span>')
        if step.get("folded"):
            badges.append(f'<span class="flowdoc-badge">+{int(step["folded"])} folded</span>')
        if step.get("repeat"):
            badges.append('<span class="flowdoc-badge">see above</span>')
        call_at = ""
        if step.get("call_file"):
            if parent is not None and parent.get("file") == step.get("call_file"):
                text = f"line {step.get('call_line')}"
            else:
                text = f"{_basename(step.get('call_file'))}:{step.get('call_line')}"
            call_at = f' <small>from {links.html(step.get("call_file"), step.get("call_line"), text)}</small>'
        where = ""
        if node and node.get("file"):
            where = " " + links.html(node.get("file"), node.get("line"),
                                     f"{_basename(node.get('file'))}:{node.get('line')}")
        elif node_id.startswith("?:"):
            where = ' <span class="flowdoc-badge">unresolved</span>'
        summary = f"<code>{label}</code>{' '.join([''] + badges)}{where}{call_at}"
        body = ""
        if node and not step.get("repeat") and node_id not in shown_source and budget > 0:
            lines = links.lines(node.get("file"), node.get("line"), node.get("end_line"))
            if lines:
                body = snippet_html(lines, int(node["line"]), max_lines, node.get("file"))
                budget -= len(body)
                shown_source.add(node_id)
        if body:
            out.append(f"<li><details><summary>{summary}</summary>{body}</details>")
        else:
            out.append(f"<li>{summary}")
    if depth_open:
        out.append("</li>")
        while depth_open > 1:
            out.append("</ul></li>")
            depth_open -= 1
        out.append("</ul>")
    if len(shown) < len(steps):
        out.append(f"<p>{len(steps) - len(shown)} more steps are not shown here; "
                   f"<code>flowdoc flow {html.escape(str(flow.get('api', '')))}</code> prints them all.</p>")
    out.append("</div>")
    return "\n".join(out)


def flow_view(cmd: dict, data: SiteData, snippet_budget: int = 120_000, max_steps: int | None = None) -> dict:
    flow = data.flows.get(cmd["name"], {})
    diagram = data.diagrams.get(cmd["name"], "")
    nodes = flow.get("nodes", [])
    files = sorted({n.get("file") for n in nodes if n.get("file")})
    return {
        "name": cmd["name"], "slug": slug(cmd["name"]), "kind": async_kind(cmd, flow),
        "class": cmd.get("class", ""), "diagram": diagram, "participants": participants(diagram),
        "calltree": Markup(call_tree_html(flow, data.links, snippet_budget, max_steps=max_steps)) if flow else Markup(""),
        "steps": len(flow.get("steps", [])), "nodes": len(nodes), "edges": len(flow.get("edges", [])),
        "unresolved": flow.get("unresolved", 0),
        "unknown": [{"text": u.get("text", ""), "from": u.get("from", ""), "line": u.get("line")}
                    for u in flow.get("unknown", [])[:30]],
        "unknown_more": max(0, len(flow.get("unknown", [])) - 30),
        "files": len(files), "mermaid": data.mermaid,
    }


# ---------------------------------------------------------------------------------------------
# lifecycle and concepts


def _chains(flow: dict, cmd: dict | None = None) -> list[dict]:
    """The framework path of a flow: for each step on the command class that starts a phase (the
    first one on the request thread, the first one on the job thread), the chain of calls that
    led to it from the entry point. Side calls are left out."""
    nodes = {n["id"]: n for n in flow.get("nodes", [])}
    classes = {flow.get("command_class")} | {v.get("class") for v in (cmd or {}).get("variants", [])}

    def on_command(cls: str, method: str) -> bool:  # the command's own (or inherited) execute/create
        return cls in classes or (method.split("(")[0] in ("execute", "create") and simple_name(cls).endswith("Cmd"))

    stack: list[dict] = []
    done: set[bool] = set()
    path: list[dict] = []
    taken: set[int] = set()
    for step in flow.get("steps", []):
        depth = int(step.get("depth", 0))
        del stack[depth:]
        stack.append(step)
        on_job = any(s.get("async") for s in stack)
        node = nodes.get(step.get("node", ""))
        if on_job in done or not node or not on_command(node.get("class") or "", node.get("method") or ""):
            continue
        done.add(on_job)
        for s in stack:
            if id(s) in taken:
                continue
            taken.add(id(s))
            path.append({"depth": int(s.get("depth", 0)), "label": _node_label(nodes.get(s.get("node", "")),
                                                                               s.get("node", "")),
                         "kind": s.get("kind") or "call", "async": bool(s.get("async"))})
    for entry in path:
        entry["indent"] = Markup("    " * entry["depth"])
    return path


PREFERRED_EXAMPLES = {  # well-known APIs make better examples; any API of the kind will do
    "sync": ("listVirtualMachines", "listZones", "listInstances"),
    "async": ("startVirtualMachine", "stopVirtualMachine", "rebootVirtualMachine", "startInstance"),
    "async-create": ("deployVirtualMachine", "createVolume", "deployInstance"),
}


def lifecycle_view(data: SiteData, idx: Indexes) -> dict:
    kinds: dict[str, list[str]] = {"sync": [], "async": [], "async-create": []}
    for name, cmd in idx.by_name.items():
        kinds[async_kind(cmd, data.flows.get(name))].append(name)
    sections = []
    for kind in ("sync", "async", "async-create"):
        names = kinds[kind]
        usable = [n for n in names if data.flows.get(n, {}).get("steps")]
        pick = next((n for n in PREFERRED_EXAMPLES[kind] if n in usable), usable[0] if usable else None)
        view = {"kind": kind, "count": len(names), "example": pick, "slug": slug(pick or ""), "path": [],
                "diagram": ""}
        if pick:
            flow = data.flows[pick]
            view["path"] = _chains(flow, idx.by_name.get(pick))
            handoff = [s for s in flow.get("steps", []) if s.get("async")]
            view["handoff"] = _node_label({n["id"]: n for n in flow.get("nodes", [])}.get(handoff[0]["node"]),
                                          handoff[0]["node"]) if handoff else ""
            if data.diagram_fn is not None:
                try:
                    view["diagram"] = data.diagram_fn(pick, max_participants=7, max_messages=18)
                except Exception:  # a diagram is an illustration here; the path list still explains
                    view["diagram"] = data.diagrams.get(pick, "")
            else:
                view["diagram"] = data.diagrams.get(pick, "")
        view.setdefault("handoff", "")
        sections.append(view)
    return {"sections": sections, "mermaid": data.mermaid}


# level key, title, response classes (simple names), words in API names
CONCEPT_LEVELS = (
    ("zone", "Zone", ("ZoneResponse", "DataCenterResponse"), ("zone",)),
    ("pod", "Pod", ("PodResponse",), ("pod",)),
    ("cluster", "Cluster", ("ClusterResponse",), ("cluster",)),
    ("host", "Host", ("HostResponse",), ("host",)),
    ("primary", "Primary storage (per cluster)", ("StoragePoolResponse", "PrimaryStorageResponse"),
     ("storagepool", "primarystorage")),
    ("secondary", "Secondary storage (per zone)", ("ImageStoreResponse", "SecondaryStorageResponse"),
     ("imagestore", "secondarystorage")),
)


def concepts_view(idx: Indexes) -> dict:
    levels = []
    for key, title, responses, words in CONCEPT_LEVELS:
        names: set[str] = set()
        for resp in responses:
            names.update(idx.returning.get(resp, []))
        for name, cmd in idx.by_name.items():
            lowered = name.lower()
            if not any(w in lowered for w in words):
                continue
            related = {simple_name(r) for p in cmd.get("params", []) for r in (p.get("related") or [])}
            if related & set(responses):
                names.add(name)
        levels.append({"key": key, "title": title, "responses": responses,
                       "apis": [api_link(n, "api/") for n in sorted(names)]})
    return {"levels": levels}


# ---------------------------------------------------------------------------------------------
# pages


def _home_view(data: SiteData, idx: Indexes) -> dict:
    model = data.model
    source = model.get("source", {})
    cmds = model.get("commands", [])
    kinds = [async_kind(c, data.flows.get(c["name"])) for c in cmds]
    return {"version": source.get("version") or "unknown", "files": source.get("files", 0),
            "apis": len(cmds), "async": sum(k != "sync" for k in kinds),
            "async_create": sum(k == "async-create" for k in kinds),
            "categories": len(idx.categories), "flows": len(data.flows),
            "hidden": sum(1 for c in cmds if c.get("include_in_api_doc") is False),
            "problems": len(model.get("problems", []))}


def short_description(text: str, limit: int = 80) -> str:
    """The first sentence, at most ``limit`` characters (the index page stays small)."""
    text = " ".join(text.split())
    m = re.search(r"(?<=[a-z0-9)])\.\s", text)
    if m and m.start() < limit:
        return text[: m.start() + 1]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _api_index_view(data: SiteData, idx: Indexes, limit: int = 80) -> list[dict]:
    groups = []
    for category, names in idx.categories.items():
        rows = []
        for name in names:
            cmd = idx.by_name[name]
            kind = async_kind(cmd, data.flows.get(name))
            rows.append({"link": api_link(name), "badges": [b for b in _badges(cmd, kind) if b != "sync"],
                         "description": short_description(cmd.get("description") or "", limit) if limit else ""})
        groups.append({"category": category, "rows": rows})
    return groups


def render_pages(data: SiteData, env: Environment | None = None) -> dict[str, str]:
    """All generated pages as ``{relative path: markdown}``."""
    env = env or make_environment()
    idx = build_indexes(data.model)
    pages: dict[str, str] = {}
    pages["index.md"] = env.get_template("home.md.j2").render(home=_home_view(data, idx))
    index_t = env.get_template("api_index.md.j2")
    for limit in (80, 60, 40, 0):  # a tree with very many APIs gets shorter descriptions on the index
        pages["api/index.md"] = index_t.render(groups=_api_index_view(data, idx, limit))
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
    flows = [{"link": Markup(f"[{code(c['name'])}]({slug(c['name'])}.md)"),
              "kind": async_kind(c, data.flows.get(c["name"])), "category": category_of(c)}
             for c in data.model.get("commands", []) if c["name"] in data.flows]
    pages["flows/index.md"] = env.get_template("flow_index.md.j2").render(flows=flows)
    pages["lifecycle.md"] = env.get_template("lifecycle.md.j2").render(life=lifecycle_view(data, idx))
    pages["concepts.md"] = env.get_template("concepts.md.j2").render(concepts=concepts_view(idx),
                                                                     mermaid=data.mermaid)
    return pages


def render_fragment(env: Environment, template: str, **values: object) -> str:
    return env.get_template(template).render(**values)


# ---------------------------------------------------------------------------------------------
# hand-written pages: markers and automatic API links

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
