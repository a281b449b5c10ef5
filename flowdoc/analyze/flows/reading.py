"""The text view of a flow ranked for reading: the main path first, side steps folded.

Each row names the method, where it is *defined* and where its caller calls it. A step with a
single shown callee continues its row's chain at the same indentation (``↳``: called by the row
just above), so the page stays shallow; a step with several shown callees indents them. See
:mod:`flowdoc.analyze.flows.ranking` for how steps are ranked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flowdoc.analyze.flows.ranking import MAIN, ReadingNode, folded_summary, kind_label, reading_tree
from flowdoc.analyze.handoffs import crossed_by

if TYPE_CHECKING:
    from flowdoc.analyze.flows.model import Flow, FlowStep

_MAX_LISTED_LINES = 4  # other call lines listed after "+N more sites"
CHAIN = "\u21b3"  # the row is called by the row just above


def _basename(path: str | None) -> str:
    return (path or "?").rsplit("/", 1)[-1]


def step_tags(step: FlowStep, rank: str = MAIN) -> str:
    """``  [inject]``, ``  [agent: plugins/hypervisors/kvm]  answers StartAnswer``, ``  [inject,
    access check]``: the edge kind (with a hand-off handler's module), a side kind, answers."""
    tags = [f"{step.kind}{': ' + step.module if getattr(step, 'module', '') else ''}"] \
        if step.kind not in ("entry", "call") else []
    if rank not in (MAIN, "call"):
        tags.append(kind_label(rank, 1)[2:])  # "access check", "DAO call"...
    text = f"  [{', '.join(tags)}]" if tags else ""
    answers = getattr(step, "answers", ())
    if answers:
        text += f"  answers {', '.join(a.rsplit('.', 1)[-1] for a in answers)}"
    return text


def where_text(flow: Flow, step: FlowStep, caller_file: str | None) -> str:
    """``defined FILE:LINE, called at CALLER.java:LINE`` (``called at line N`` in the caller's
    own file; the entry has no call site)."""
    node = flow.nodes.get(step.node, {})
    parts = []
    if node.get("file"):
        parts.append(f"defined {node['file']}:{node.get('line')}")
    if step.call_file:
        site = f"line {step.call_line}" if step.call_file == caller_file else \
            f"{_basename(step.call_file)}:{step.call_line}"
        if step.more_lines:
            others = sorted(set(step.more_lines))
            listed = ", ".join(str(n) for n in others[:_MAX_LISTED_LINES])
            site += f" (+{len(others)} more: {listed}{', ...' if len(others) > _MAX_LISTED_LINES else ''})"
        parts.append(f"called at {site}")
    return ", ".join(parts)


def format_reading_text(flow: Flow, show_all: bool = False, dropped: set[int] | None = None,
                        extra: dict[int, int] | None = None) -> str:
    """The ranked text view: main path rows; side steps as counts on their caller's row
    (``folded: 12 calls, 3 access checks``), or, with ``show_all``, listed after the main
    path with their kind. ``dropped``/``extra``: the compact plan (repeated boundary calls
    left out, counted on the caller)."""
    from flowdoc.analyze.flows.text import hops_text, short_node  # the flows package imports this module

    dropped = dropped or set()
    extra = extra or {}
    steps = flow.steps
    head = "async" if flow.is_async else "sync"
    if flow.async_create:
        head += ", async-create"
    lines = [f"{flow.api}  ({flow.command_class}; {head})"]
    lines.append("  main path first: framework, the command's service calls, what leads to a hand-off; "
                 + ("side steps listed after it with their kind" if show_all
                    else "side steps folded into counts (--all lists them, --full prints the call tree as is)"))
    if not flow.framework_found:
        lines.append("  (no framework path found from the entry; showing the command's methods only)")
    roots = reading_tree([s.depth for s in steps], [s.rank for s in steps])

    def row(node: ReadingNode, indent: int, marker: str, caller: int, crossing: tuple | None = None) -> tuple | None:
        """One row and its shown callees; returns the hand-off this row crosses (so that the
        handlers of one hand-off, siblings, share one boundary line)."""
        step = steps[node.index]
        pad = "  " * indent
        rule = crossed_by(step)
        mine = (step.handoff, step.call_file, step.call_line) if rule is not None else None
        if rule is not None:
            if mine != crossing:
                lines.append(f"{pad}== {rule.boundary} ==")
            if step.hops:
                lines.append(f"{pad}   {hops_text(step)}")
            marker = "=>"
        text = f"{pad}{marker} {short_node(step.node)}"
        if step.more_lines:
            text += f" \u00d7{len(step.more_lines) + 1}"
        text += step_tags(step, node.rank)
        caller_file = flow.nodes.get(steps[caller].node, {}).get("file") if caller >= 0 else None
        location = where_text(flow, step, caller_file)
        if location:
            text += f"  {location}"
        notes = []
        shown = [c for c in (node.ranked() if show_all else node.main) if c.index not in dropped]
        if not show_all and node.side:
            notes.append(f"folded: {folded_summary(node)}")
        hidden = (0 if step.boundary else step.folded) + extra.get(node.index, 0)
        if step.repeat:
            notes.append("see above")
        elif hidden:
            notes.append(f"+{hidden} not shown")
        if notes:
            text += f"  ({'; '.join(notes)})"
        lines.append(text)
        if len(shown) == 1 and crossed_by(steps[shown[0].index]) is None:
            row(shown[0], indent, CHAIN, node.index)
            return mine
        previous = None
        for child in shown:
            previous = row(child, indent + 1, "->", node.index, previous)
        return mine

    for root in roots:
        row(root, 0, "*" if steps[root.index].kind == "entry" else "->", -1)
    side = sum(1 for s in steps if s.rank != MAIN)
    if not show_all and side:
        main = len(steps) - side
        lines.append(f"main path: {main} steps shown; {side} side steps folded (--all lists them)")
    if getattr(flow, "touches", None) is not None:
        lines.extend(flow.touches.summary_lines())
    if flow.unknown:
        lines.append(f"unresolved calls: {len(flow.unknown)} (flowdoc flow --format json lists them)")
    if dropped and show_all:
        plural = "s" if len(dropped) > 1 else ""
        lines.append(f"compact view: {len(dropped)} repeated boundary call{plural} (DAO, entity, utility...) left out;"
                     " --full prints every step")
    return "\n".join(lines) + "\n"


def side_totals(flow: Flow) -> dict[str, int]:
    """How many steps of each side kind a flow has (for summaries and tests)."""
    totals: dict[str, int] = {}
    for s in flow.steps:
        if s.rank != MAIN:
            totals[s.rank] = totals.get(s.rank, 0) + 1
    return totals


__all__ = ["CHAIN", "format_reading_text", "kind_label", "side_totals", "step_tags", "where_text"]
