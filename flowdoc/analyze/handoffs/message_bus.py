"""The message-bus hand-off: ``publish(sender, subject, scope, args)`` on the message bus reaches
the subscribers of the same subject, where subjects are constants.

Subscriptions are the tree's ``subscribe(subject, subscriber)`` calls on a message-bus field
with a constant subject. The subscriber is read from the argument: an anonymous
``MessageSubscriber`` (its ``onPublishMessage``), an object of a subscriber class (``this``, a
field, ``new X()``), or ``MessageDispatcher.getDispatcher(this)``, which dispatches by
reflection to the class's ``@MessageHandler(topic = ...)`` methods whose topic is that subject
(or ``".*"``). A subject or subscriber that is not constant or not known makes no edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from flowdoc.analyze.handoffs import HandoffEdge, HandoffRule, MethodScope, TreeView
from flowdoc.analyze.handoffs.lookup import may_name, named_types
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import Expr, MethodFacts

BUS = "MessageBus"
SUBSCRIBER = "MessageSubscriber"
SUBSCRIBER_METHOD = "onPublishMessage"
DISPATCHER_FACTORY = "getDispatcher"
HANDLER_ANNOTATION = "MessageHandler"
ANY_TOPIC = ".*"
SUBJECT_PARAM = "subject"
KIND = "message_bus"


@dataclass
class Subscriptions:
    bus: str | None = None
    publishers: dict[str, int] = field(default_factory=dict)  # publish node id -> subject argument position
    subscribers: dict[str, list[tuple[str, MethodFacts]]] = field(default_factory=dict)  # subject -> handlers


def _subscriber_methods(index: SymbolIndex, cls: str | None) -> list[tuple[str, MethodFacts]]:
    if cls is None or cls not in index.types:
        return []
    return [(o, m) for o, m in index.find_methods(cls, SUBSCRIBER_METHOD) if m.has_body]


def _dispatched(index: SymbolIndex, cls: str, subject: str) -> list[tuple[str, MethodFacts]]:
    """``@MessageHandler`` methods of ``cls`` (and superclasses) taking messages of ``subject``."""
    found = []
    for owner in (cls, *index.superclass_chain(cls)):
        for m in index.types[owner].methods if owner in index.types else ():
            ann = next((a for a in m.annotations if a.simple == HANDLER_ANNOTATION), None)
            topic = index.evaluate_string(ann.get("topic"), owner) if ann is not None else None
            if topic is not None and topic in (subject, ANY_TOPIC):
                found.append((owner, m))
    return found


def _subscriber(index: SymbolIndex, owner: str, m: MethodFacts, arg: Expr, subject: str) -> list[tuple[str, MethodFacts]]:
    kind = arg.kind
    if kind == "new":
        package = index.package_of.get(owner, "")
        anonymous = f"{package}.{arg.text}" if package else arg.text
        if anonymous in index.types:
            return _subscriber_methods(index, anonymous)
        return _subscriber_methods(index, index.resolve_type(arg.text, owner))
    if kind == "this" and not arg.text:
        return _subscriber_methods(index, owner)
    if kind == "call" and arg.text.isdigit() and int(arg.text) < len(m.calls):
        call = m.calls[int(arg.text)]
        if call.member == DISPATCHER_FACTORY and call.args and call.args[0].kind == "this" and not call.args[0].text:
            return _dispatched(index, owner, subject)
        return []
    name = arg.text.split(".")[-1] if kind in ("name", "this") else None
    found = index.find_field(owner, name) if name else None
    if found is not None:
        cls = index.resolve_ref(found[1].type, found[0])
        if cls is not None and index.is_concrete(cls):
            return _subscriber_methods(index, cls)
    return []


def prepare(tree: TreeView) -> Subscriptions:
    """Publish methods of the bus and the subscribers per constant subject."""
    index = tree.index
    buses = named_types(index, BUS, tree.main)
    if not buses:
        return Subscriptions()
    state = Subscriptions(buses[0])
    for owner in (state.bus, *(s for s in index.subtypes(state.bus) if s in tree.main)):
        for m in index.types[owner].methods:
            if m.name == "publish":
                pos = next((i for i, p in enumerate(m.params) if p.name == SUBJECT_PARAM), None)
                if pos is not None:
                    state.publishers[f"{owner}.{m.signature}"] = pos
    for fqn in sorted(tree.main):
        if not may_name(index, fqn, state.bus):
            continue
        for m in index.types[fqn].methods:
            for call in m.calls:
                if call.member != "subscribe" or len(call.args) != 2 or not _on_bus(index, fqn, call.receiver, state.bus):
                    continue
                subject = index.evaluate_string(call.args[0], fqn)
                if subject is None:
                    continue
                handlers = state.subscribers.setdefault(subject, [])
                for handler in _subscriber(index, fqn, m, call.args[1], subject):
                    if handler not in handlers:
                        handlers.append(handler)
    return state


def _on_bus(index: SymbolIndex, owner: str, receiver: Expr, bus: str) -> bool:
    """The receiver is a field (or getter-free name) holding a message bus."""
    if receiver.kind not in ("name", "this") or not receiver.text:
        return False
    found = index.find_field(owner, receiver.text.split(".")[-1])
    if found is None:
        return False
    cls = index.resolve_ref(found[1].type, found[0])
    return cls is not None and index.is_subtype(cls, bus)


def _applies(method: MethodFacts) -> bool:
    return any(c.member == "publish" for c in method.calls)


def _find(scope: MethodScope, state: Subscriptions) -> Iterator[HandoffEdge]:
    for i, site in enumerate(scope.method.calls):
        if site.member != "publish":
            continue
        call = scope.call(i)
        if call is None or call.status != "internal":
            continue
        pos = next((state.publishers[t] for t, _, _ in call.targets if t in state.publishers), None)
        if pos is None or pos >= len(site.args):
            continue
        subject = scope.index.evaluate_string(site.args[pos], scope.owner)
        handlers = state.subscribers.get(subject, ()) if subject is not None else ()
        for owner, m in handlers:
            yield HandoffEdge(scope.node, scope.node_id(owner, m), site.line, site=i, ambiguous=len(handlers) > 1,
                              via=subject)


RULE = HandoffRule(
    kind=KIND,
    boundary="message-bus hand-off: subscribers of the subject run it",
    note="message bus: delivered to the subject's subscribers",
    applies=_applies,
    find=_find,
    prepare=prepare,
)
