"""Mermaid sequence diagrams of request flows: participants are classes, messages are calls.

``sequence_diagram(flow, max_participants=12, max_messages=40) -> str`` takes a
:class:`~flowdoc.analyze.flows.Flow` or its ``as_dict()``; :func:`phase_diagrams` draws one
smaller diagram per phase of the request instead, so that each stays readable at page width.

Phases: a step that crosses a hand-off (:func:`flowdoc.analyze.handoffs.crossed_by`: the async
job today; the work-job, agent and message-bus rules are more of the same) is a boundary. The phase that hands off ends with the
hand-off arrow; what runs behind it is the next phase, drawn on its own.

Calls of a class to itself and calls into DAO classes are not drawn (what they call still is,
from the class that made them): on real flows they were most of the arrows and said little.

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
from flowdoc.analyze.handoffs import crossed_by, rule_of

BIND_METHODS = ("execute()", "create()")
FRAMEWORK_CLASSES = 5  # framework classes drawn at most (fewer when max_participants is small)
_ANONYMOUS = re.compile(r"\$\d+(?=$|\$)")
_TRIVIAL = re.compile(r"^(get|is|has)[A-Z_]\w*$")
_PLUMBING = frozenset({"toString", "hashCode", "equals", "name", "ordinal", "valueOf", "values", "current"})
_DAO = re.compile(r"Dao(Impl|Base)?$")
PHASE_TITLES = {"request": "HTTP request thread", "async": "Job thread (the asynchronous job)"}
PHASE_LIMITS = {"max_participants": 7, "max_messages": 30}  # fits a 1400 px window at 11 px text or more


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


def _is_dao(node: str) -> bool:
    return bool(_DAO.search(_simple(_participant(node))))


def _is_boundary(step: dict) -> bool:
    return crossed_by(step) is not None


def split_phases(steps: list[dict], kind: str = "request") -> list[tuple[str, list[dict]]]:
    """(kind, steps) of each phase, in flow order: the first keeps each boundary step as a leaf
    (the hand-off), each boundary's subtree is a phase of its own, rebased to depth 0."""
    own: list[dict] = []
    later: list[tuple[str, list[dict]]] = []
    i = 0
    while i < len(steps):
        step = steps[i]
        if i == 0 or not _is_boundary(step):
            own.append(step)
            i += 1
            continue
        end = i + 1
        while end < len(steps) and steps[end]["depth"] > step["depth"]:
            end += 1
        own.append(step)
        later.extend(split_phases(_phase_steps(steps[i:end]), crossed_by(step).kind))
        i = end
    return [(kind, own), *later]


def _phase_steps(subtree: list[dict]) -> list[dict]:
    """A hand-off's subtree as a phase of its own, rebased to depth 0; the hand-off's hops (the
    mechanism's machinery: dispatcher, handler proxy, runnable wrapper) come first, each calling
    the next, the last calling the handler (a plain call there: the phase is past the hand-off)."""
    first = subtree[0]
    hops = list(first.get("hops") or ())
    base = first["depth"] - len(hops)
    steps = [{"node": hop, "depth": n, "kind": "call"} for n, hop in enumerate(hops)]
    # the handler is drawn like a bound execute(): its calls level by level (_relative_depths)
    root = {**first, "depth": len(hops), "phase_root": True}
    steps.append({**root, "async": False, "handoff": ""} if hops else root)
    steps.extend({**s, "depth": s["depth"] - base} for s in subtree[1:])
    return steps


def _relative_depths(steps: list[dict]) -> list[int | None]:
    """Depth below the nearest bound create()/execute() step, None on the framework path."""
    rel: list[int | None] = []
    bind_depth: int | None = None
    for step in steps:
        method = _method_name(step["node"]) + "()"
        if bind_depth is not None and step["depth"] <= bind_depth:
            bind_depth = None
        if bind_depth is None and (step.get("phase_root") or step["kind"] == "dispatch" and method in BIND_METHODS):
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
        if caller == callee and not _is_boundary(step):
            continue  # a call inside one class: what it calls is drawn from the class itself
        if rel[i] is None and not crossed_by(step):
            if (on_job_thread, callee) in seen_framework:
                continue
            seen_framework.add((on_job_thread, callee))
        messages.append((caller, callee, i))
    return messages


def sequence_diagram(flow, max_participants: int = 12, max_messages: int = 40, notes: bool = True) -> str:
    """Mermaid ``sequenceDiagram`` text for a whole flow (``notes``: the title and the note of
    how many calls are not drawn, which a page that says so itself leaves out)."""
    data = flow.as_dict() if hasattr(flow, "as_dict") else flow
    return _diagram(data.get("steps") or [], data.get("api") if notes else None, max_participants, max_messages,
                    note_hidden=notes)


def phase_diagrams(flow, max_participants: int = PHASE_LIMITS["max_participants"],
                   max_messages: int = PHASE_LIMITS["max_messages"]) -> list[dict]:
    """One diagram a phase: ``[{"kind", "title", "diagram", "participants", "calls", "drawn"}]``
    (calls: the phase's steps, drawn: its arrows), the request thread first; each phase within
    the limits on its own."""
    data = flow.as_dict() if hasattr(flow, "as_dict") else flow
    phases = split_phases(data.get("steps") or []) if data.get("steps") else []
    out = []
    for n, (kind, steps) in enumerate(phases, 1):
        title = PHASE_TITLES.get(kind) or _handoff_title(kind, steps)
        # no title and no "not drawn" note inside: the page says both, and a long note over the
        # first participant made the drawing wider than the page
        text = _diagram(steps, None, max_participants, max_messages,
                        next_phase=n + 1 if n < len(phases) else None, note_hidden=False)
        drawn = sum(1 for line in text.splitlines() if "->>" in line or "-)" in line)
        out.append({"kind": kind, "title": title, "diagram": text, "participants": _participant_names(text),
                    "calls": len(steps) - 1, "drawn": drawn})
    return out


def _handoff_title(kind: str, steps: list[dict]) -> str:
    """A later phase's heading from its hand-off rule's note and the class it starts in (an agent
    command has one phase per hypervisor's handler: the class tells them apart)."""
    rule = rule_of(kind)
    what = rule.note if rule is not None else f"after the {kind.replace('_', ' ')} hand-off"
    root = next((s for s in steps if s.get("phase_root")), steps[0] if steps else None)
    entry = _simple(_participant(root["node"])) if root is not None else ""
    return what[:1].upper() + what[1:] + (f" ({entry})" if entry else "")


def _participant_names(text: str) -> list[str]:
    return [line.split(" as ", 1)[1] for line in text.splitlines() if line.startswith("    participant ")]


def _diagram(steps: list[dict], title: str | None, max_participants: int, max_messages: int,
             next_phase: int | None = None, note_hidden: bool = True) -> str:
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
            if _is_dao(step["node"]):
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
    if title:
        lines.append(f"    title {title}")
    for cls in participants:
        lines.append(f"    participant {alias[cls]} as {_simple(cls)}")
    drawn_count = 0
    # the same call between the same two classes is one arrow with a count (checkAccess() x3)
    times: dict[tuple, int] = {}
    for caller, callee, i in messages:
        key = (caller, callee, _method_label(steps[i]["node"]))
        times[key] = times.get(key, 0) + 1
    done: set[tuple] = set()
    for caller, callee, i in messages:
        if caller not in alias or callee not in alias:
            continue
        step = steps[i]
        label = _method_label(step["node"])
        key = (caller, callee, label)
        handoff = crossed_by(step)
        if handoff is None:
            if key in done:
                drawn_count += 1
                continue
            done.add(key)
            if times[key] > 1:
                label += f" x{times[key]}"
            elif step.get("repeat"):
                label += " (again)"
        if handoff is not None:  # a hand-off (flowdoc.analyze.handoffs): an async arrow
            if next_phase is not None:  # the arrow says where the story goes on (no wide note)
                lines.append(f"    {alias[caller]}-){alias[callee]}: {label}: {handoff.kind}, on in diagram {next_phase}")
            else:
                over = alias[caller] if caller == callee else f"{alias[caller]},{alias[callee]}"
                lines.append(f"    Note over {over}: {handoff.note}")
                lines.append(f"    {alias[caller]}-){alias[callee]}: {label}")
        else:
            lines.append(f"    {alias[caller]}->>{alias[callee]}: {label}")
        drawn_count += 1
    hidden = len(steps) - 1 - drawn_count
    if hidden > 0 and participants and note_hidden:
        lines.append(f"    Note over {alias[participants[0]]}: {hidden} more calls not drawn: framework hops, "
                     "calls within a class, DAO calls (see the call tree)")
    return "\n".join(lines) + "\n"
