"""The text view of a flow: ranked for reading by default (:mod:`flowdoc.analyze.flows.reading`),
or every step in call order (``full``)."""

from __future__ import annotations

from flowdoc.analyze.flows.model import Flow, FlowStep
from flowdoc.analyze.flows.reading import format_reading_text, step_tags, where_text
from flowdoc.analyze.handoffs import crossed_by


def short_node(node: str) -> str:
    """``Class.method(Args)`` without the package."""
    head, _, args = node.partition("(")
    cls, _, method = head.rpartition(".")
    return f"{cls.rsplit('.', 1)[-1]}.{method}({args}"


def hops_text(step: FlowStep) -> str:
    """``via A.m(X) -> B.n(Y)``: the hand-off's machinery between the site and the step."""
    return "via " + " -> ".join(short_node(h) for h in step.hops)


def _compact_plan(flow: Flow) -> tuple[set[int], dict[int, int]]:
    """Which steps the compact view leaves out, and how many each parent gains in "not shown".

    Left out: a boundary step (a DAO call, an entity, a utility...; shown, never expanded) whose
    method already has a line above in this flow, unless it starts the job thread. Every method
    of the full tree therefore still appears at least once."""
    dropped: set[int] = set()
    extra: dict[int, int] = {}
    shown: set[str] = set()
    parents: list[int] = []  # index of the last kept step at each depth
    for i, step in enumerate(flow.steps):
        del parents[step.depth:]
        if step.boundary and step.node in shown and not step.handoff and parents:
            dropped.add(i)
            extra[parents[-1]] = extra.get(parents[-1], 0) + 1
            continue
        shown.add(step.node)
        parents.extend([i] * (step.depth + 1 - len(parents)))
    return dropped, extra


def format_flow_text(flow: Flow, full: bool = False, show_all: bool = False) -> str:
    """The text view. By default ranked for reading (:func:`flowdoc.analyze.flows.reading.format_reading_text`):
    the main path, side steps folded into counts; ``show_all`` lists the side steps too. Both
    are compact: a boundary call (DAO, entity, utility...) already listed above is left out
    (counted in the caller's ``+N not shown``) and a callee called at several places shows
    ``×N`` and the other lines. ``full`` prints every step of :attr:`Flow.steps` as it is, in
    call order, one hop per line with where the method is defined and where it is called."""
    if not full:
        dropped, extra = _compact_plan(flow)
        return format_reading_text(flow, show_all=show_all, dropped=dropped, extra=extra)
    head = "async" if flow.is_async else "sync"
    if flow.async_create:
        head += ", async-create"
    lines = [f"{flow.api}  ({flow.command_class}; {head})  [every step, in call order]"]
    if not flow.framework_found:
        lines.append("  (no framework path found from the entry; showing the command's methods only)")
    last_at: dict[int, tuple] = {}  # depth -> the hand-off (kind, call site) of the previous step there
    callers: list[str | None] = []  # defining file of the last step at each depth
    for step in flow.steps:
        del callers[step.depth:]
        indent = "  " * step.depth
        rule = crossed_by(step)
        crossing = (step.handoff, step.call_file, step.call_line) if rule is not None else None
        for deeper in [d for d in last_at if d > step.depth]:
            del last_at[deeper]
        if rule is not None and last_at.get(step.depth) != crossing:  # one line for the handlers of one hand-off
            lines.append(f"{indent}== {rule.boundary} ==")
        if rule is not None and step.hops:
            lines.append(f"{indent}   {hops_text(step)}")
        last_at[step.depth] = crossing
        marker = "=>" if rule is not None else ("*" if step.kind == "entry" else "->")
        text = f"{indent}{marker} {short_node(step.node)}{step_tags(step)}"
        location = where_text(flow, step, callers[-1] if callers else None)
        if location:
            text += f"  {location}"
        if step.repeat:
            text += "  (see above)"
        elif step.folded:
            text += f"  (+{step.folded} not shown)"
        lines.append(text)
        callers.extend([flow.nodes.get(step.node, {}).get("file")] * (step.depth + 1 - len(callers)))
    if flow.touches is not None:
        lines.extend(flow.touches.summary_lines())
    if flow.unknown:
        lines.append(f"unresolved calls: {len(flow.unknown)} (flowdoc flow --format json lists them)")
    return "\n".join(lines) + "\n"
