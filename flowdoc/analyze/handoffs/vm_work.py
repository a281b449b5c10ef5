"""The VM work-job hand-off: a ``VmWork`` object created and submitted to the work-job queue
reaches the handler method whose one parameter is that ``VmWork`` class.

CloudStack's managers that serialise work per VM (the VM, volume and VM snapshot managers)
each hold a ``VmWorkJobHandlerProxy(this)``; the work-job dispatcher calls the manager's
``handleVmWorkJob(work)``, and the proxy picks, by reflection over the manager class and its
superclasses, the method taking exactly ``work.getClass()`` (one parameter, returning a
``Pair``). The rule reads the same thing from the facts: the *hosts* are the classes creating
the proxy with ``this``; their handler methods have one parameter of a ``VmWork`` subtype and
return ``Pair``. A creation ``new VmWorkStart(...)`` then leads to ``orchestrateStart(VmWorkStart)``,
through the hops drawn on the way: the dispatcher's ``runJob``, the host's ``handleVmWorkJob``
and the proxy's ``handleVmWorkJob`` (each a method with one parameter of the work base class).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from flowdoc.analyze.handoffs import HandoffEdge, HandoffRule, MethodScope, TreeView
from flowdoc.analyze.handoffs.lookup import may_name, named_types
from flowdoc.model.facts import MethodFacts

WORK_ROOT = "VmWork"  # the work classes' base
PROXY = "VmWorkJobHandlerProxy"  # the reflective handler lookup, created with the host as target
DISPATCHER = "VmWorkJobDispatcher"  # runs a work job on a job thread, hands it to its host
DISPATCH_METHOD = "runJob"
HANDLER_RETURNS = "Pair"  # what a handler method returns (the proxy checks it too)
KIND = "vm_work"


@dataclass
class WorkHandlers:
    root: str | None = None
    hosts: tuple[str, ...] = ()
    handlers: dict[str, list[tuple[str, MethodFacts]]] = field(default_factory=dict)  # work FQN -> methods
    # the machinery between a submission and a handler: the dispatcher's runJob, per host its
    # method taking the work base class, the proxy's one
    dispatcher: tuple[str, MethodFacts] | None = None
    host_entries: dict[str, tuple[str, MethodFacts]] = field(default_factory=dict)
    proxy_entry: tuple[str, MethodFacts] | None = None
    host_of: dict[tuple[str, int], str] = field(default_factory=dict)  # (handler owner, id(method)) -> host


def _hosts(tree: TreeView, proxy: str) -> list[str]:
    """Classes creating the proxy with ``this`` as its target (in a field or a constructor)."""
    index = tree.index
    hosts = []
    for fqn in sorted(tree.main):
        facts = index.types[fqn]
        if facts.kind != "class" or not may_name(index, fqn, proxy):
            continue
        for m in facts.methods:
            if m.name not in ("<init>", "<clinit>"):
                continue
            if any(c.args and c.args[0].kind == "this" and not c.args[0].text
                   and index.resolve_type(c.type.name, fqn) == proxy for c in m.creations):
                hosts.append(fqn)
                break
    return hosts


def prepare(tree: TreeView) -> WorkHandlers:
    """The handler hosts and their handler methods per work class."""
    index = tree.index
    roots = named_types(index, WORK_ROOT, tree.main)
    proxies = named_types(index, PROXY, tree.main)
    if not roots or not proxies:
        return WorkHandlers()
    root = roots[0]
    state = WorkHandlers(root, tuple(_hosts(tree, proxies[0])))
    state.proxy_entry = _taking(index, proxies[0], root)
    dispatchers = named_types(index, DISPATCHER, tree.main)
    if dispatchers:
        state.dispatcher = next(((dispatchers[0], m) for m in index.types[dispatchers[0]].methods
                                 if m.name == DISPATCH_METHOD and len(m.params) == 1 and m.has_body), None)
    for host in state.hosts:
        entry = _taking(index, host, root)
        if entry is not None:
            state.host_entries[host] = entry
        for owner in (host, *index.superclass_chain(host)):  # the proxy walks superclasses too
            facts = index.types.get(owner)
            for m in facts.methods if facts is not None else ():
                if len(m.params) != 1 or m.return_type is None or m.return_type.simple != HANDLER_RETURNS:
                    continue
                work = index.resolve_ref(m.params[0].type, owner)
                if work is not None and work != root and index.is_subtype(work, root):
                    found = state.handlers.setdefault(work, [])
                    if not any(o == owner or index.is_subtype(o, owner) for o, _ in found):
                        found.append((owner, m))
                        state.host_of[(owner, id(m))] = host
    return state


def _taking(index, fqn: str, root: str) -> tuple[str, MethodFacts] | None:
    """The method of ``fqn`` or a superclass with one parameter of the work base class and a body."""
    for owner in (fqn, *index.superclass_chain(fqn)):
        facts = index.types.get(owner)
        for m in facts.methods if facts is not None else ():
            if len(m.params) == 1 and m.has_body and index.resolve_ref(m.params[0].type, owner) == root:
                return owner, m
    return None


def _applies(method: MethodFacts) -> bool:
    return bool(method.creations)


def _find(scope: MethodScope, state: WorkHandlers) -> Iterator[HandoffEdge]:
    if not state.handlers:
        return
    index = scope.index
    for creation in scope.method.creations:
        if creation.anonymous:
            continue
        work = index.resolve_type(creation.type.name, scope.owner)
        handlers = state.handlers.get(work) if work else None
        for owner, m in handlers or ():
            machinery = (state.dispatcher, state.host_entries.get(state.host_of.get((owner, id(m)), "")),
                         state.proxy_entry)
            hops = tuple(scope.node_id(*hop) for hop in machinery if hop is not None)
            yield HandoffEdge(scope.node, scope.node_id(owner, m), creation.line, ambiguous=len(handlers) > 1,
                              via=work, hops=hops)


RULE = HandoffRule(
    kind=KIND,
    boundary="VM work-job hand-off: queued per VM, run by the work-job dispatcher",
    note="VM work job: queued, run by the work-job dispatcher",
    applies=_applies,
    find=_find,
    prepare=prepare,
)
