"""The view of one flow page: a diagram a phase and the call tree with source excerpts."""

from __future__ import annotations

import html

from markupsafe import Markup

from flowdoc.site.data import SiteData
from flowdoc.site.views.common import async_kind, node_label, slug
from flowdoc.site.views.links import SourceLinks, snippet_html
from flowdoc.site.views.markup import attr

SNIPPET_LINES = 40  # source lines shown for one hop before "... more lines"


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
        label = html.escape(_short_label(node_label(node, node_id)))
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
    phases = data.diagrams.get(cmd["name"], [])
    nodes = flow.get("nodes", [])
    files = sorted({n.get("file") for n in nodes if n.get("file")})
    return {
        "name": cmd["name"], "slug": slug(cmd["name"]), "kind": async_kind(cmd, flow),
        "class": cmd.get("class", ""), "phases": phases,
        "calltree": Markup(call_tree_html(flow, data.links, snippet_budget, max_steps=max_steps)) if flow else Markup(""),
        "steps": len(flow.get("steps", [])), "nodes": len(nodes), "edges": len(flow.get("edges", [])),
        "unresolved": flow.get("unresolved", 0),
        "unknown": [{"text": u.get("text", ""), "from": u.get("from", ""), "line": u.get("line")}
                    for u in flow.get("unknown", [])[:30]],
        "unknown_more": max(0, len(flow.get("unknown", [])) - 30),
        "files": len(files), "mermaid": data.mermaid,
    }

