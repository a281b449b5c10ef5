"""Ranking a flow for reading: the main path first, side steps folded under it with counts.

Every step of a flow gets a ``rank``, decided from the call graph and the symbol index, never
from method names typed per API:

- ``main``: the framework path (every step outside the bound ``create()``/``execute()``), the
  bound ``create()``/``execute()`` themselves, the command's service calls (a direct callee of a
  bound method outside the command classes that is not one of the side kinds below), and every
  step whose subtree in the flow crosses a hand-off edge (async job, VM work job, agent command,
  message bus), with the hand-off step itself.
- ``framework``: a callee of a framework call (:attr:`FlowRules.framework_calls`: the dispatch
  chain's parameter workers) that leads to no bound method nor hand-off: shown under the chain
  as a count, listed with ``--all``;
- a side kind for the rest, first match wins:
  ``dao`` (its class implements the generic DAO interface, :attr:`FlowRules.dao_interface`),
  ``parameters`` (a method of a command class: the request's own values),
  ``access`` (a method of a checker bean, i.e. a class that implements the security checker
  interface :attr:`FlowRules.checker_interface` or holds a field of it, that reaches an
  implementation of that interface within :data:`ACCESS_HOPS` calls),
  ``getter`` (no parameters, returns a value, calls nothing),
  ``validation`` (returns ``void``/``boolean`` and constructs a throwable),
  ``call`` (anything else).

Failure and cleanup branches are not told apart: the facts do not record whether a call site
is inside a ``catch`` or ``finally`` block, so such calls rank by the kinds above.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flowdoc.analyze.callgraph import class_of
from flowdoc.analyze.handoffs import KINDS as HANDOFF_KINDS

if TYPE_CHECKING:
    from flowdoc.analyze.flows.builder import FlowBuilder
    from flowdoc.analyze.flows.model import Flow

MAIN = "main"
# the order folds list them in
SIDE_KINDS = ("framework", "call", "validation", "parameters", "getter", "dao", "access")
_LABELS = {"framework": ("framework step", "framework steps"), "call": ("call", "calls"),
           "validation": ("validation", "validations"),
           "parameters": ("command value", "command values"), "getter": ("getter", "getters"),
           "dao": ("DAO call", "DAO calls"), "access": ("access check", "access checks")}
ACCESS_HOPS = 3  # AccountManagerImpl.checkAccess -> its overload -> DomainChecker.checkAccess


def kind_label(kind: str, count: int) -> str:
    """``3 access checks``, ``1 DAO call``."""
    one, many = _LABELS.get(kind, (kind, kind))
    return f"{count} {one if count == 1 else many}"


class Ranker:
    """Side kinds of methods for one call graph (memoized; one a flow builder)."""

    def __init__(self, builder: FlowBuilder) -> None:
        self.builder = builder
        self.graph = builder.graph
        self.index = builder.index
        rules = builder.rules
        self.dao_types = self._types_named(getattr(rules, "dao_interface", ""))
        self.checker_types = self._types_named(getattr(rules, "checker_interface", ""))
        self.checker_beans = self._checker_beans()
        self._kinds: dict[str, str] = {}
        self._reaches_checker: dict[str, bool] = {}

    def _types_named(self, name: str) -> tuple[str, ...]:
        if not name:
            return ()
        return tuple(sorted(fqn for fqn in self.index.types if fqn == name or fqn.rsplit(".", 1)[-1] == name))

    def _is_checker(self, fqn: str | None) -> bool:
        return bool(fqn) and any(self.index.is_subtype(fqn, c) for c in self.checker_types)

    def _checker_beans(self) -> frozenset[str]:
        """Classes implementing the checker interface, and classes with a field of it (or of a
        collection of it: ``List<SecurityChecker>``)."""
        if not self.checker_types:
            return frozenset()
        simple = {c.rsplit(".", 1)[-1] for c in self.checker_types}
        beans = set()
        for fqn, facts in self.index.types.items():
            if self._is_checker(fqn):
                beans.add(fqn)
                continue
            for f in facts.fields:
                refs = (f.type, *f.type.args)
                if any(r.name.rsplit(".", 1)[-1] in simple and self._is_checker(self.index.resolve_ref(r, fqn))
                       for r in refs):
                    beans.add(fqn)
                    break
        return frozenset(beans)

    def kind(self, node: str) -> str:
        """The side kind of a method (see the module docstring)."""
        memo = self._kinds.get(node)
        if memo is None:
            memo = self._kinds[node] = self._kind_uncached(node)
        return memo

    def _kind_uncached(self, node: str) -> str:
        cls = class_of(node)
        if any(self.index.is_subtype(cls, d) for d in self.dao_types):
            return "dao"
        if self.builder.is_command_type(cls):
            return "parameters"
        if cls in self.checker_beans and (self._is_checker(cls) or self.reaches_checker(node)):
            return "access"
        found = self.graph.method_of(node)
        if found is None:
            return "call"
        owner, m = found
        returns = m.return_type.name if m.return_type is not None else "void"
        if (not m.params and not m.is_constructor and returns != "void"
                and not any(d["kind"] != "unknown" for _, d in self.graph.out_edges(node))):
            return "getter"
        if returns in ("void", "boolean") and m.has_body and any(
                self._throwable(self.index.resolve_ref(c.type, owner)) for c in m.creations):
            return "validation"
        return "call"

    def _throwable(self, fqn: str | None) -> bool:
        return bool(fqn) and self.builder._is_throwable(fqn)

    def reaches_checker(self, node: str) -> bool:
        """An implementation of the checker interface within :data:`ACCESS_HOPS` calls."""
        memo = self._reaches_checker.get(node)
        if memo is not None:
            return memo
        seen = {node}
        todo = deque([(node, 0)])
        found = False
        while todo and not found:
            current, hops = todo.popleft()
            if hops >= ACCESS_HOPS:
                continue
            for target, data in self.graph.out_edges(current):
                if data["kind"] == "unknown" or target in seen or data["kind"] in HANDOFF_KINDS:
                    continue
                if self._is_checker(class_of(target)):
                    found = True
                    break
                seen.add(target)
                todo.append((target, hops + 1))
        self._reaches_checker[node] = found
        return found


def ranker_of(builder: FlowBuilder) -> Ranker:
    """The builder's ranker (made once: the checker beans are a walk over all types)."""
    ranker = getattr(builder, "_ranker", None)
    if ranker is None or ranker.builder is not builder:
        ranker = Ranker(builder)
        builder._ranker = ranker
    return ranker


def parents_of(depths: Sequence[int]) -> list[int]:
    """For preorder steps given by depth: each step's parent index (-1 for a root)."""
    parents: list[int] = []
    stack: list[int] = []
    for i, depth in enumerate(depths):
        del stack[depth:]
        parents.append(stack[-1] if stack else -1)
        stack.extend([i] * (depth + 1 - len(stack)))
    return parents


def rank_flow(flow: Flow, builder: FlowBuilder) -> None:
    """Set ``rank`` on every step of ``flow`` (see the module docstring)."""
    steps = flow.steps
    if not steps:
        return
    ranker = ranker_of(builder)
    parents = parents_of([s.depth for s in steps])
    binds = {builder.bind(flow.command_class, b) for b in (builder.execute_bind, builder.create_bind) if b}
    binds.discard(None)
    bind_steps = {i for i, s in enumerate(steps)
                  if s.node in binds and (parents[i] < 0 or not builder.is_command_type(class_of(steps[parents[i]].node)))}
    main: set[int] = set()
    inside: list[int] = []  # the bound step each step is under (-1: the framework path)
    for i in range(len(steps)):
        p = parents[i]
        inside.append(i if i in bind_steps else (inside[p] if p >= 0 else -1))
        if inside[i] < 0 or i in bind_steps:
            main.add(i)
        elif p in bind_steps and not builder.is_command_type(class_of(steps[i].node)) \
                and ranker.kind(steps[i].node) == "call":
            main.add(i)  # the command's service call
    calls = builder.framework_call_nodes()
    workers = {i for i in range(len(steps)) if parents[i] >= 0 and steps[parents[i]].node in calls}
    # the chain's workers are side steps, except on the way to a bound method or a hand-off
    framework = {j for j in range(len(steps)) if inside[j] < 0 and _under(j, workers, parents)}
    main -= framework
    for i, step in enumerate(steps):
        if step.handoff or i in bind_steps:
            j = parents[i] if i in main else i  # a bound step is main: its callers up the path are too
            while j >= 0 and j not in main:
                main.add(j)
                j = parents[j]
    for i, step in enumerate(steps):
        if i in main:
            step.rank = MAIN
        elif i in framework:
            step.rank = "framework"
        else:
            step.rank = ranker.kind(step.node)


def _under(i: int, roots: set[int], parents: list[int]) -> bool:
    """Step ``i`` is one of ``roots`` or below one."""
    while i >= 0:
        if i in roots:
            return True
        i = parents[i]
    return False


@dataclass
class ReadingNode:
    """A step in the reading tree: its index in the flow's steps, rank and children."""

    index: int
    rank: str
    children: list[ReadingNode] = field(default_factory=list)

    @property
    def main(self) -> list[ReadingNode]:
        return [c for c in self.children if c.rank == MAIN]

    @property
    def side(self) -> list[ReadingNode]:
        """The other children, by kind in :data:`SIDE_KINDS` order, each kind in call order."""
        order = {k: n for n, k in enumerate(SIDE_KINDS)}
        return sorted((c for c in self.children if c.rank != MAIN), key=lambda c: order.get(c.rank, 0))

    def ranked(self) -> list[ReadingNode]:
        return self.main + self.side

    def side_counts(self) -> dict[str, int]:
        """How many side children of each kind (in :data:`SIDE_KINDS` order)."""
        counts: dict[str, int] = {}
        for c in self.side:
            counts[c.rank] = counts.get(c.rank, 0) + 1
        return counts

    def size(self) -> int:
        """Steps in this subtree, this one included."""
        return 1 + sum(c.size() for c in self.children)


def reading_tree(depths: Sequence[int], ranks: Sequence[str]) -> list[ReadingNode]:
    """The preorder steps (by depth) as a tree of :class:`ReadingNode` roots."""
    nodes = [ReadingNode(i, ranks[i] or MAIN) for i in range(len(depths))]
    roots: list[ReadingNode] = []
    for i, p in enumerate(parents_of(depths)):
        (nodes[p].children if p >= 0 else roots).append(nodes[i])
    return roots


def folded_summary(node: ReadingNode) -> str:
    """``12 calls, 3 access checks, 5 DAO calls``: the side children folded under ``node``."""
    return ", ".join(kind_label(k, n) for k, n in node.side_counts().items())
