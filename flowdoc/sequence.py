"""Mermaid sequence diagrams of request flows: participants are classes, messages are calls.

``sequence_diagram(flow, max_participants=12, max_messages=40) -> str`` takes a
:class:`~flowdoc.flows.Flow` or its ``as_dict()``. The framework path is always drawn; of the
command's own part, the deepest level that keeps within the limits is drawn. The async
hand-off is an async arrow (``-)``) with a note saying the rest runs on a job thread.
"""

from __future__ import annotations

from flowdoc.callgraph import class_of

BIND_METHODS = ("execute()", "create()")


def _simple(cls: str) -> str:
    return cls.rsplit(".", 1)[-1]


def _method_label(node: str) -> str:
    head = node.split("(", 1)[0]
    name = head.rsplit(".", 1)[-1]
    return "new" if name == "<init>" else f"{name}()"


def _relative_depths(steps: list[dict]) -> list[int | None]:
    """Depth below the nearest bound create()/execute() step, None on the framework path."""
    rel: list[int | None] = []
    bind_depth: int | None = None
    for step in steps:
        method = step["node"].split("(", 1)[0].rsplit(".", 1)[-1] + "()"
        if bind_depth is not None and step["depth"] <= bind_depth:
            bind_depth = None
        if bind_depth is None and step["kind"] == "dispatch" and method in BIND_METHODS:
            bind_depth = step["depth"]
        rel.append(None if bind_depth is None else step["depth"] - bind_depth)
    return rel


def _select(steps: list[dict], rel: list[int | None], level: int) -> list[int]:
    return [i for i, r in enumerate(rel) if r is None or r <= level]


def sequence_diagram(flow, max_participants: int = 12, max_messages: int = 40) -> str:
    """Mermaid ``sequenceDiagram`` text for a flow."""
    data = flow.as_dict() if hasattr(flow, "as_dict") else flow
    steps: list[dict] = data.get("steps") or []
    rel = _relative_depths(steps)
    chosen = _select(steps, rel, 0)
    level = 0
    for level in range(1, 6):
        wider = _select(steps, rel, level)
        classes = {class_of(steps[i]["node"]) for i in wider}
        if len(wider) - 1 > max_messages or len(classes) > max_participants:
            break
        chosen = wider
    else:
        level = 6
    # fill the remaining room with the next level's calls, in order, while they fit
    taken = set(chosen)
    classes = {class_of(steps[i]["node"]) for i in chosen}
    for i, r in enumerate(rel):
        if r != level or i in taken or len(taken) - 1 >= max_messages:
            continue
        cls = class_of(steps[i]["node"])
        if cls not in classes and len(classes) >= max_participants:
            continue
        taken.add(i)
        classes.add(cls)
    chosen = sorted(taken)
    participants: list[str] = []
    for i in chosen:
        cls = class_of(steps[i]["node"])
        if cls not in participants:
            participants.append(cls)
    kept = set(participants[:max_participants])
    alias = {cls: f"P{n}" for n, cls in enumerate(participants[:max_participants])}

    lines = ["sequenceDiagram"]
    title = data.get("api")
    if title:
        lines.append(f"    title {title}")
    for cls in participants[:max_participants]:
        lines.append(f"    participant {alias[cls]} as {_simple(cls)}")
    stack: list[tuple[int, str]] = []  # (depth, class) of the open callers
    messages = 0
    chosen_set = set(chosen)
    for i, step in enumerate(steps):
        depth = step["depth"]
        cls = class_of(step["node"])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        caller = stack[-1][1] if stack else None
        stack.append((depth, cls))
        if i not in chosen_set or caller is None:
            continue
        if caller not in kept or cls not in kept or messages >= max_messages:
            continue
        label = _method_label(step["node"])
        if step.get("repeat"):
            label += " (again)"
        if step.get("async"):
            lines.append(f"    Note over {alias[caller]},{alias[cls]}: async hand-off: runs on a job thread")
            lines.append(f"    {alias[caller]}-){alias[cls]}: {label}")
        else:
            lines.append(f"    {alias[caller]}->>{alias[cls]}: {label}")
        messages += 1
    hidden = sum(1 for i in range(1, len(steps)) if i not in chosen_set)
    if hidden or messages < len(chosen) - 1:
        lines.append(f"    Note over {alias[participants[0]]}: {len(steps) - 1 - messages} more calls not drawn (see the text flow)"
                     if participants else "")
    return "\n".join(line for line in lines if line) + "\n"
