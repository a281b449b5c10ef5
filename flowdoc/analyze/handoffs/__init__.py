"""Hand-offs: the CloudStack mechanisms that move a request on to code run somewhere else.

A plain call runs its callee in place. A *hand-off* gives the work to a mechanism that runs
it later or elsewhere: an API job on a job thread (:mod:`.async_job`), a VM work job picked
up by the work-job dispatcher, a command sent to a hypervisor agent, a message-bus topic.
Each mechanism is **one module in this package** that finds its edges in the facts and the
resolved calls of one method; the call graph builder adds them as edges of the rule's own
kind, flows follow them like calls and draw them as boundaries. A new mechanism is a new
module here, never new branches in the resolver.

What a rule module must provide: a module-level ``RULE = HandoffRule(...)`` with

- ``kind``: the edge kind (unique, lower case: ``"async"``, ``"vm_work"``, ``"agent"``...);
  graph edges and flow steps/edges past the hand-off carry it as their ``kind``;
- ``boundary``: the text view's boundary line printed (as ``== boundary ==``) above the first
  step past the hand-off;
- ``note``: the diagram's note over the hand-off arrow (drawn as an async arrow ``-)``);
- ``applies(method) -> bool``: a cheap test on the method's facts (a
  :class:`~flowdoc.model.facts.MethodFacts`) so that most methods are skipped;
- ``find(scope, state) -> Iterable[HandoffEdge]``: the hand-offs one method makes, from its
  facts and resolved calls through ``scope`` (a :class:`MethodScope`; read-only);
- optionally ``prepare(tree) -> state``: called once per graph build with a :class:`TreeView`
  (the symbol index and the main-source types) to build the rule's per-tree tables (handler
  classes, subscribers...); ``find`` gets what it returned (``None`` without ``prepare``).
  Rules keep no module-level state.

How it is called: :func:`flowdoc.analyze.callgraph.build_call_graph` calls each rule's
``prepare`` once, resolves every method's call sites (methods with neither calls nor creations
are skipped), then for each rule of :data:`RULES` with ``applies(method)`` adds every
:class:`HandoffEdge` of ``find(scope, state)`` whose target is a method node of the graph as an edge
``source -> target`` with ``kind=rule.kind``, ``file`` (the method's), ``line``, ``site``,
``ambiguous`` and, when non-empty, ``via`` and ``hops`` (those of the hops that are method nodes);
``stats.edges[kind]`` counts them.
Modules are found by name (every module of this package with a ``RULE``, in name order),
so adding one needs no edit elsewhere.

How it is drawn (flows: :mod:`flowdoc.analyze.flows`): a step reached through a hand-off edge
has ``kind == rule.kind`` and ``handoff == rule.kind``; the text view prints ``== boundary ==``
above it; in JSON the async job keeps its historical ``"async": true`` flag, every other
hand-off step carries ``"handoff": kind``; diagrams (:mod:`flowdoc.site.sequence`) draw
``note`` over an async arrow. :func:`crossed_by` tells, for a step as object or JSON dict, which
hand-off it crosses.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from flowdoc.model.facts import Creation, Expr, MethodFacts

if TYPE_CHECKING:
    from flowdoc.analyze.symbols import SymbolIndex

ASYNC_JOB = "async"  # the API job hand-off's kind (an async command's execute() runs past it)


@dataclass(frozen=True, slots=True)
class HandoffEdge:
    """One hand-off found by a rule: ``source`` gives work to ``target`` (method node ids).

    ``line`` is the line in the source method where it happens, ``site`` the call site's index
    in ``source``'s calls (``-1`` for an object creation), ``ambiguous`` says the target is one
    of several possible, ``via`` what carries the work (a VmWork class, a command class, a
    topic; ``""`` when the target says enough), ``hops`` the method nodes of the mechanism's own
    machinery the work passes through on the way, in order (the work-job dispatcher and handler
    proxy; the runnable wrapper a job thread runs): flows draw them between the site and the
    target without expanding them."""

    source: str
    target: str
    line: int
    site: int = -1
    ambiguous: bool = False
    via: str = ""
    hops: tuple[str, ...] = ()


class ResolvedCall(Protocol):
    """A resolved call site: ``status`` internal | external | unresolved, ``targets`` as
    ``(node id, edge kind, bean class)``."""

    status: str
    targets: list[tuple[str, str, str]]


@dataclass(frozen=True)
class TreeView:
    """The whole tree as ``prepare`` sees it: the symbol index and the FQNs of main-source
    types (the graph's classes)."""

    index: SymbolIndex
    main: frozenset[str]


class MethodScope(Protocol):
    """One method as the graph builder has resolved it, with the lookups a rule needs."""

    owner: str  # the class FQN
    method: MethodFacts
    node: str  # the method's node id
    file: str
    index: SymbolIndex
    main: frozenset[str]  # FQNs of main-source types

    def call(self, i: int) -> ResolvedCall | None:
        """Call site ``i`` of ``method.calls``, resolved."""

    def type_of(self, expr: Expr) -> str | None:
        """The static type (FQN, in or outside the tree) of an expression of this method."""

    def field_of(self, expr: Expr) -> tuple[str, str] | None:
        """``(owner FQN, field name)`` when the expression reads a field (``KEY``, ``Cls.KEY``, ``this.f``)."""

    def passed_to(self, creation: Creation) -> ResolvedCall | None:
        """The call an anonymous object is passed straight to as an argument, if any."""

    def anonymous_class(self, creation: Creation) -> str | None:
        """The FQN of the anonymous class a creation declares (None: not anonymous/unknown)."""

    def methods(self, fqn: str, name: str) -> list[tuple[str, MethodFacts]]:
        """Methods ``name`` of a type and its supertypes, most specific first."""

    def is_subtype(self, fqn: str, ancestor: str) -> bool:
        """``fqn`` is ``ancestor`` or extends/implements it (transitively)."""

    def implementations(self, fqn: str) -> tuple[str, ...]:
        """Concrete subtypes of ``fqn`` in main sources."""

    def is_runnable(self, fqn: str) -> bool:
        """The type is a ``Runnable``/``Callable``/``Thread``/``TimerTask``."""

    def entry_methods(self, cls: str) -> list[tuple[str, MethodFacts]]:
        """What a thread runs for a runnable class (``run()``/``call()``, template methods)."""

    def runnable_wrappers(self, cls: str) -> list[tuple[str, MethodFacts]]:
        """The ``run()``/``call()`` bodies a thread goes through for a runnable class before its
        template methods, most specific first (its own, then each ``super.run()``)."""

    def node_id(self, owner: str, m: MethodFacts) -> str:
        """The node id of a method (``pkg.Cls.m(A,B)``)."""


@dataclass(frozen=True)
class HandoffRule:
    """One hand-off mechanism (see the module docstring for each field's use)."""

    kind: str
    boundary: str
    note: str
    applies: Callable[[MethodFacts], bool]
    find: Callable[[MethodScope, Any], Iterable[HandoffEdge]]
    prepare: Callable[[TreeView], Any] | None = None


def _discover() -> tuple[HandoffRule, ...]:
    rules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if isinstance(rule, HandoffRule):
            rules.append(rule)
    kinds = [r.kind for r in rules]
    if len(set(kinds)) != len(kinds):
        raise RuntimeError(f"hand-off kinds must be unique: {kinds}")
    return tuple(rules)


RULES: tuple[HandoffRule, ...] = _discover()
KINDS: frozenset[str] = frozenset(r.kind for r in RULES)
_BY_KIND = {r.kind: r for r in RULES}


def rule_of(kind: str) -> HandoffRule | None:
    """The hand-off rule of an edge kind (None for calls, dispatch, inject, new...)."""
    return _BY_KIND.get(kind)


def crossed_by(step) -> HandoffRule | None:
    """The hand-off a flow step crosses (a FlowStep or its JSON dict), or None."""
    if isinstance(step, dict):
        kind = ASYNC_JOB if step.get("async") else step.get("handoff") or ""
    else:
        kind = step.handoff
    return _BY_KIND.get(kind) if kind else None
