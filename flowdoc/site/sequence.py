"""Mermaid sequence diagrams of request flows: participants are classes, messages are calls.

``sequence_diagram(flow, max_participants=12, max_messages=40) -> str`` takes a
:class:`~flowdoc.analyze.flows.Flow` or its ``as_dict()``.

The framework path (servlet -> API server -> dispatcher chain -> job manager) is the same for
every API, so it is drawn collapsed: the entry, at most one message into each framework class
per thread (calls inside one class and classes beyond a small framework budget are passed
through), and the async hand-off as an async arrow (``-)``) with a note saying the rest runs on
a job thread. The remaining participant and message budget goes to the command's own part:
create()/execute() and what they call, level by level, calls through services (injected beans,
dispatched implementations) before plain calls, leaving out trivial getters and plumbing such as
``toString()`` and ``CallContext.current()``. Anonymous classes are drawn as their outer class.
"""

from __future__ import annotations

import re

from flowdoc.analyze.callgraph import class_of
from flowdoc.analyze.handoffs import crossed_by

BIND_METHODS = ("execute()", "create()")
FRAMEWORK_CLASSES = 5  # framework classes drawn at most (fewer when max_participants is small)
_ANONYMOUS = re.compile(r"\$\d+(?=$|\$)")
_TRIVIAL = re.compile(r"^(get|is|has)[A-Z_]\w*$")
_PLUMBING = frozenset({"toString", "hashCode", "equals", "name", "ordinal", "valueOf", "values", "current"})


def _simple(cls: str) -> str:
    return cls.rsplit(".", 1)[-1]


def _method_name(node: str) -> str:
    return node.split("(", 1)[0].rsplit(".", 1)[-1]


def _method_label(node: str) -> str:
    name = _method_name(node)
    return "new" if name == "<init>" else f"{name}()"


def _participant(node: str) -> str:
    """The drawn class of a step: anonymous classes (``Outer$1``) fold into their outer class."""
    return _ANONYMOUS.sub("", class_of(node))


def _is_trivial(node: str) -> bool:
    """Getters without parameters and value plumbing: not worth a message in a diagram (when
    nothing is called below them)."""
    name = _method_name(node)
    no_args = node.endswith("()")
    return (no_args and bool(_TRIVIAL.match(name))) or name in _PLUMBING


def _relative_depths(steps: list[dict]) -> list[int | None]:
    """Depth below the nearest bound create()/execute() step, None on the framework path."""
    rel: list[int | None] = []
    bind_depth: int | None = None
    for step in steps:
        method = _method_name(step["node"]) + "()"
        if bind_depth is not None and step["depth"] <= bind_depth:
            bind_depth = None
        if bind_depth is None and step["kind"] == "dispatch" and method in BIND_METHODS:
            bind_depth = step["depth"]
        rel.append(None if bind_depth is None else step["depth"] - bind_depth)
    return rel


def _parents(steps: list[dict]) -> list[int | None]:
    parents: list[int | None] = []
    stack: list[int] = []
    for i, step in enumerate(steps):
        while stack and steps[stack[-1]]["depth"] >= step["depth"]:
            stack.pop()
        parents.append(stack[-1] if stack else None)
        stack.append(i)
    return parents


def _framework_classes(steps, rel, parents, budget: int) -> list[str]:
    """The framework classes drawn: the entry, whoever calls create()/execute() or hands off
    to the job thread, then the others in order of appearance, up to ``budget``."""
    first = [_participant(steps[0]["node"])] if steps else []
    key: list[str] = []
    for i, step in enumerate(steps):
        parent = parents[i]
        if parent is None or rel[parent] is not None:
            continue
        if rel[i] == 0 or crossed_by(step):
            key.append(_participant(steps[parent]["node"]))
    rest = [_participant(s["node"]) for i, s in enumerate(steps) if rel[i] is None]
    chosen: list[str] = []
    for cls in first + key + rest:
        if cls not in chosen and len(chosen) < budget:
            chosen.append(cls)
    return chosen


def _plan(steps, rel, parents, drawn: set[int], kept_framework: set[str]):
    """Messages (caller class, callee class, step index) for the drawn steps, in flow order."""
    messages: list[tuple[str, str, int]] = []
    seen_framework: set[tuple[bool, str]] = set()
    on_job_thread = False
    for i in sorted(drawn):
        step = steps[i]
        if crossed_by(step):
            on_job_thread = True
        callee = _participant(step["node"])
        if rel[i] is None and callee not in kept_framework:
            continue
        parent = parents[i]
        while parent is not None and not (parent in drawn and (rel[parent] is not None
                                                               or _participant(steps[parent]["node"]) in kept_framework)):
            parent = parents[parent]
        if parent is None:
            continue
        caller = _participant(steps[parent]["node"])
        if rel[i] is None and not crossed_by(step):
            if caller == callee or (on_job_thread, callee) in seen_framework:
                continue
            seen_framework.add((on_job_thread, callee))
        messages.append((caller, callee, i))
    return messages


def sequence_diagram(flow, max_participants: int = 12, max_messages: int = 40) -> str:
    """Mermaid ``sequenceDiagram`` text for a flow."""
    data = flow.as_dict() if hasattr(flow, "as_dict") else flow
    steps: list[dict] = data.get("steps") or []
    rel = _relative_depths(steps)
    parents = _parents(steps)
    framework_budget = max(3, min(FRAMEWORK_CLASSES, max_participants // 2))
    kept_framework = set(_framework_classes(steps, rel, parents, min(framework_budget, max_participants)))
    drawn = {i for i, r in enumerate(rel) if r is None or r == 0}

    def fits(candidate: set[int]) -> bool:
        messages = _plan(steps, rel, parents, candidate, kept_framework)
        classes = {c for m in messages for c in m[:2]}
        return len(messages) <= max_messages and len(classes) <= max_participants

    if not fits(drawn):  # tiny limits: the framework alone is too much; keep what fits, in order
        kept: set[int] = set()
        for i in sorted(drawn):
            if fits(kept | {i}):
                kept.add(i)
        drawn = kept
    else:
        # the command part, level by level; calls into other classes before calls inside one,
        # services (inject/dispatch) before plain calls
        def priority(i: int) -> tuple:
            parent = parents[i]
            same = parent is not None and _participant(steps[parent]["node"]) == _participant(steps[i]["node"])
            return rel[i], same, steps[i]["kind"] not in ("inject", "dispatch"), i

        order = sorted((i for i, r in enumerate(rel) if r is not None and r > 0), key=priority)
        room = True
        for i in order:
            if not room:
                break
            step = steps[i]
            leaf = i + 1 >= len(steps) or steps[i + 1]["depth"] <= step["depth"]
            if parents[i] not in drawn or (leaf and _is_trivial(step["node"])) or step.get("repeat") and rel[i] > 1:
                continue
            trial = drawn | {i}
            messages = _plan(steps, rel, parents, trial, kept_framework)
            classes = {c for m in messages for c in m[:2]}
            if len(messages) > max_messages:
                room = False
            elif len(classes) <= max_participants:
                drawn = trial

    messages = _plan(steps, rel, parents, drawn, kept_framework)
    participants: list[str] = []
    if steps:
        participants.append(_participant(steps[0]["node"]))
    for caller, callee, _ in messages:
        for cls in (caller, callee):
            if cls not in participants:
                participants.append(cls)
    participants = participants[:max_participants]
    alias = {cls: f"P{n}" for n, cls in enumerate(participants)}

    lines = ["sequenceDiagram"]
    title = data.get("api")
    if title:
        lines.append(f"    title {title}")
    for cls in participants:
        lines.append(f"    participant {alias[cls]} as {_simple(cls)}")
    drawn_count = 0
    for caller, callee, i in messages:
        if caller not in alias or callee not in alias:
            continue
        step = steps[i]
        label = _method_label(step["node"])
        if step.get("repeat"):
            label += " (again)"
        handoff = crossed_by(step)
        if handoff is not None:  # a hand-off (flowdoc.analyze.handoffs): its note over an async arrow
            over = alias[caller] if caller == callee else f"{alias[caller]},{alias[callee]}"
            lines.append(f"    Note over {over}: {handoff.note}")
            lines.append(f"    {alias[caller]}-){alias[callee]}: {label}")
        else:
            lines.append(f"    {alias[caller]}->>{alias[callee]}: {label}")
        drawn_count += 1
    hidden = len(steps) - 1 - drawn_count
    if hidden > 0 and participants:
        lines.append(f"    Note over {alias[participants[0]]}: framework hops collapsed, {hidden} more calls"
                     " not drawn (see the text flow)")
    return "\n".join(lines) + "\n"
