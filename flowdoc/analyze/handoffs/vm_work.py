"""The VM work-job hand-off: a ``VmWork`` object created and submitted to the work-job queue
reaches the handler method whose one parameter is that ``VmWork`` class.

CloudStack's managers that serialise work per VM (the VM, volume and VM snapshot managers)
each hold a ``VmWorkJobHandlerProxy(this)``; the work-job dispatcher calls the manager's
``handleVmWorkJob(work)``, and the proxy picks, by reflection over the manager class and its
superclasses, the method taking exactly ``work.getClass()`` (one parameter, returning a
``Pair``). The rule reads the same thing from the facts: the *hosts* are the classes creating
the proxy with ``this``; their handler methods have one parameter of a ``VmWork`` subtype and
return ``Pair``. A creation ``new VmWorkStart(...)`` then leads to ``orchestrateStart(VmWorkStart)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from flowdoc.analyze.handoffs import HandoffEdge, HandoffRule, MethodScope, TreeView
from flowdoc.analyze.handoffs.lookup import may_name, named_types
from flowdoc.model.facts import MethodFacts

WORK_ROOT = "VmWork"  # the work classes' base
PROXY = "VmWorkJobHandlerProxy"  # the reflective handler lookup, created with the host as target
HANDLER_RETURNS = "Pair"  # what a handler method returns (the proxy checks it too)
KIND = "vm_work"


@dataclass
class WorkHandlers:
    root: str | None = None
    hosts: tuple[str, ...] = ()
    handlers: dict[str, list[tuple[str, MethodFacts]]] = field(default_factory=dict)  # work FQN -> methods


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
    for host in state.hosts:
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
    return state


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
            yield HandoffEdge(scope.node, scope.node_id(owner, m), creation.line, ambiguous=len(handlers) > 1,
                              via=work)


RULE = HandoffRule(
    kind=KIND,
    boundary="VM work-job hand-off: queued per VM, run by the work-job dispatcher",
    note="VM work job: queued, run by the work-job dispatcher",
    applies=_applies,
    find=_find,
    prepare=prepare,
)
