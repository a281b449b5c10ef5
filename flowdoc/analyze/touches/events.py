"""Events a method records: ``@ActionEvent(eventType = ...)`` on it (also inside
``@ActionEvents({...})``), and calls into ``ActionEventUtils`` whose event-type parameter
(``type``/``eventType``, read from the called method's declaration) is a constant."""

from __future__ import annotations

from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import Annotation, MethodFacts

EVENT_ANNOTATION = "ActionEvent"
EVENT_CONTAINER = "ActionEvents"
EVENT_UTILS = "ActionEventUtils"  # simple name of the class whose static calls record events
TYPE_PARAMS = ("eventType", "type")


def event_annotations(m: MethodFacts) -> list[Annotation]:
    """``@ActionEvent`` annotations of a method, also those inside ``@ActionEvents``."""
    found = [a for a in m.annotations if a.simple == EVENT_ANNOTATION]
    for ann in m.annotations:
        if ann.simple == EVENT_CONTAINER:
            value = ann.get("value")
            items = value.items if value is not None and value.kind == "array" else (value,) if value else ()
            found.extend(a for a in (Annotation.nested(i) for i in items) if a is not None)
    return found


def annotated_event_types(index: SymbolIndex, owner: str, m: MethodFacts) -> list[tuple[str | None, str | None, int]]:
    """``(event type or None, description or None, line)`` per ``@ActionEvent`` of the method."""
    out = []
    for ann in event_annotations(m):
        out.append((index.evaluate_string(ann.get("eventType"), owner),
                    index.evaluate_string(ann.get("eventDescription"), owner), ann.line or m.line))
    return out


def event_type_param(callee: MethodFacts) -> int | None:
    """The position of the event-type parameter of an ``ActionEventUtils`` method, if any."""
    for i, p in enumerate(callee.params):
        if p.name in TYPE_PARAMS and p.type is not None and p.type.simple == "String":
            return i
    return None
