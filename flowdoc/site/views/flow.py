"""The view of one flow page: a diagram a phase and the call tree with source excerpts."""

from __future__ import annotations

import html

from markupsafe import Markup

from flowdoc.analyze.flows.ranking import MAIN, ReadingNode, folded_summary, kind_label, parents_of, reading_tree
from flowdoc.site.data import SiteData
from flowdoc.site.views.common import async_kind, link_slug, node_label
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


def _step_summary(step: dict, node: dict | None, parent: dict | None, links: SourceLinks) -> str:
    """The one line of a hop: method, badges, where it is defined, where its caller calls it."""
    node_id = step.get("node", "")
    label = html.escape(_short_label(node_label(node, node_id)))
    kind = str(step.get("kind") or "call")
    badges = []
    if kind != "call":
        badges.append(f'<span class="flowdoc-badge flowdoc-{attr(kind)}">{html.escape(kind)}</span>')
    if step.get("async"):
        badges.append('<span class="flowdoc-badge flowdoc-async">job thread</span>')
    elif step.get("handoff"):
        badges.append(f'<span class="flowdoc-badge flowdoc-async">{html.escape(str(step["handoff"]))} hand-off</span>')
    rank = str(step.get("rank") or MAIN)
    if rank not in (MAIN, "call"):
        badges.append(f'<span class="flowdoc-badge flowdoc-rank-{attr(rank)}">{html.escape(kind_label(rank, 1)[2:])}</span>')
    if step.get("folded"):
        badges.append(f'<span class="flowdoc-badge">+{int(step["folded"])} not shown</span>')
    if step.get("repeat"):
        badges.append('<span class="flowdoc-badge">see above</span>')
    call_at = ""
    if step.get("call_file"):
        if parent is not None and parent.get("file") == step.get("call_file"):
            text = f"line {step.get('call_line')}"
        else:
            text = f"{_basename(step.get('call_file'))}:{step.get('call_line')}"
        call_at = f' <small>called at {links.html(step.get("call_file"), step.get("call_line"), text)}</small>'
    where = ""
    if node and node.get("file"):
        where = " " + links.html(node.get("file"), node.get("line"),
                                 f"{_basename(node.get('file'))}:{node.get('line')}")
    elif node_id.startswith("?:"):
        where = ' <span class="flowdoc-badge">unresolved</span>'
    return f"<code>{label}</code>{' '.join([''] + badges)}{where}{call_at}"


def _hops_html(step: dict, nodes: dict, links: SourceLinks) -> str:
    """`` via A.m() → B.n()``: the hand-off's machinery before this step, each linked to its source."""
    parts = []
    for hop in step.get("hops") or ():
        node = nodes.get(hop)
        label = _short_label(node_label(node, hop))
        if node and node.get("file"):
            parts.append(links.html(node.get("file"), node.get("line"), label))
        else:
            parts.append(f"<code>{html.escape(label)}</code>")
    return f' <small class="flowdoc-hops">via {" → ".join(parts)}</small>' if parts else ""


def call_tree_html(flow: dict, links: SourceLinks, snippet_budget: int, max_lines: int = SNIPPET_LINES,
                   max_steps: int | None = None) -> str:
    """The steps ranked for reading (:mod:`flowdoc.analyze.flows.ranking`): the main path as lists,
    a step with one main callee continued in the same list (``↳``) so that the page stays
    shallow; the side steps under each main step folded in one ``<details>`` whose summary
    counts them by kind. Each hop is a ``<details>`` with the method's source lines (main path
    first while the excerpt budget lasts)."""
    nodes = {n["id"]: n for n in flow.get("nodes", [])}
    steps = flow.get("steps", [])
    shown = steps if max_steps is None else steps[:max_steps]
    roots = reading_tree([int(s.get("depth", 0)) for s in shown], [str(s.get("rank") or MAIN) for s in shown])
    parent_of = parents_of([int(s.get("depth", 0)) for s in shown])

    order: list[ReadingNode] = []  # excerpts go to the main path first, then to the folded steps
    folded: list[ReadingNode] = []

    def collect(node: ReadingNode, on_main: bool) -> None:
        (order if on_main and node.rank == MAIN else folded).append(node)
        for child in node.ranked():
            collect(child, on_main and node.rank == MAIN and child.rank == MAIN)

    for root in roots:
        collect(root, True)
    bodies: dict[int, str] = {}
    budget = snippet_budget
    seen_source: set[str] = set()
    for item in order + folded:
        step = shown[item.index]
        node = nodes.get(step.get("node", ""))
        if budget <= 0 or node is None or step.get("repeat") or node["id"] in seen_source:
            continue
        lines = links.lines(node.get("file"), node.get("line"), node.get("end_line"))
        if lines:
            bodies[item.index] = snippet_html(lines, int(node["line"]), max_lines, node.get("file"))
            budget -= len(bodies[item.index])
            seen_source.add(node["id"])

    out: list[str] = ['<div class="flowdoc-calltree" data-search-exclude>']

    def item_html(item: ReadingNode, chained: bool) -> str:
        step = shown[item.index]
        p = parent_of[item.index]
        parent = nodes.get(shown[p].get("node", "")) if p >= 0 else None
        summary = _step_summary(step, nodes.get(step.get("node", "")), parent, links)
        summary += _hops_html(step, nodes, links)
        cls = ' class="flowdoc-chain"' if chained else ""
        body = bodies.get(item.index)
        if body:
            return f"<li{cls}><details><summary>{summary}</summary>{body}</details>"
        return f"<li{cls}>{summary}"

    def emit(items: list[ReadingNode], on_main: bool) -> None:
        out.append("<ul>")
        for first in items:
            current, chained = first, False
            while True:
                out.append(item_html(current, chained))
                main = current.main if on_main else current.ranked()
                side = current.side if on_main else []
                if side:
                    out.append(f'<details class="flowdoc-fold"><summary>{len(side)} more call'
                               f'{"s" if len(side) > 1 else ""} here: {html.escape(folded_summary(current))}'
                               f' <small>({sum(c.size() for c in side)} steps)</small></summary>')
                    emit(side, False)
                    out.append("</details>")
                if len(main) == 1 and not _starts_phase(shown[main[0].index]):
                    out.append("</li>")
                    current, chained = main[0], True
                    continue
                if main:
                    emit(main, on_main)
                out.append("</li>")
                break
        out.append("</ul>")

    if roots:
        emit(roots, True)
    if len(shown) < len(steps):
        out.append(f"<p>{len(steps) - len(shown)} more steps are not shown here; "
                   f"<code>flowdoc flow {html.escape(str(flow.get('api', '')))} --all</code> prints them all.</p>")
    out.append("</div>")
    return "\n".join(out)


def _starts_phase(step: dict) -> bool:
    """A hand-off step starts a new list level: the request moves to another thread or host."""
    return bool(step.get("async") or step.get("handoff"))


def flow_view(cmd: dict, data: SiteData, snippet_budget: int = 120_000, max_steps: int | None = None) -> dict:
    flow = data.flows.get(cmd["name"], {})
    phases = data.diagrams.get(cmd["name"], [])
    nodes = flow.get("nodes", [])
    files = sorted({n.get("file") for n in nodes if n.get("file")})
    return {
        "name": cmd["name"], "slug": link_slug(cmd["name"]), "kind": async_kind(cmd, flow),
        "class": cmd.get("class", ""), "phases": phases,
        "calltree": Markup(call_tree_html(flow, data.links, snippet_budget, max_steps=max_steps)) if flow else Markup(""),
        "steps": len(flow.get("steps", [])), "nodes": len(nodes), "edges": len(flow.get("edges", [])),
        "unresolved": flow.get("unresolved", 0),
        "unknown": [{"text": u.get("text", ""), "from": u.get("from", ""), "line": u.get("line")}
                    for u in flow.get("unknown", [])[:30]],
        "unknown_more": max(0, len(flow.get("unknown", [])) - 30),
        "files": len(files), "mermaid": data.mermaid,
    }

