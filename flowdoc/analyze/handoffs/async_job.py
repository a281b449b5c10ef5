"""The API job hand-off: a runnable created and given to another thread.

CloudStack's API server submits an asynchronous command as a job; the job executor runs it on a
job thread through an anonymous ``Runnable``/``Callable`` (a ``ManagedContextRunnable`` whose
``runInContext()`` calls the command's ``execute()``). In the code that is an anonymous object
of a runnable type that is *not* passed straight to an in-tree method (passed to one, it is a
callback run in place: the graph builder links it with ``call`` edges instead). The edges go
to what a thread runs for it: ``run()``/``call()`` and the template methods it overrides; for a
template method the ``run()``/``call()`` bodies that lead to it (the runnable wrapper the job
executor runs: the job's own ``run()`` setting up its log context, ``ManagedContextRunnable.run()``
opening the managed context) are the edge's hops.
"""

from __future__ import annotations

from collections.abc import Iterator

from flowdoc.analyze.handoffs import ASYNC_JOB, HandoffEdge, HandoffRule, MethodScope
from flowdoc.model.facts import MethodFacts


def _applies(method: MethodFacts) -> bool:
    return bool(method.creations)


def _find(scope: MethodScope, state: None) -> Iterator[HandoffEdge]:
    for creation in scope.method.creations:
        if not creation.anonymous:
            continue
        anon = scope.anonymous_class(creation)
        if anon is None or not scope.is_runnable(anon):
            continue
        passed_to = scope.passed_to(creation)
        if passed_to is not None and passed_to.status == "internal":
            continue  # a callback run in place
        wrappers = tuple(scope.node_id(*w) for w in scope.runnable_wrappers(anon))
        for owner, m in scope.entry_methods(anon):
            node = scope.node_id(owner, m)
            hops = () if node in wrappers else wrappers  # a template method: run() leads to it
            yield HandoffEdge(scope.node, node, creation.line, hops=hops)


RULE = HandoffRule(
    kind=ASYNC_JOB,
    boundary="async hand-off: the rest runs on a job thread",
    note="async hand-off: runs on a job thread",
    applies=_applies,
    find=_find,
)
