"""The call graph as the later stages see it: :class:`CallGraph` (a networkx MultiDiGraph with
string node ids plus lookups), its :class:`CallGraphStats`, and node ids."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from flowdoc.analyze.callgraph.dispatch import find_override
from flowdoc.analyze.callgraph.resolve import Resolver
from flowdoc.analyze.callgraph.scope import HandoffScope
from flowdoc.analyze.callgraph.types import MethodContext
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import MethodFacts, TypeFacts
from flowdoc.model.problems import Problem
from flowdoc.read.spring import Injection


@dataclass
class CallGraphStats:
    methods: int = 0  # method nodes
    # why the scan counts more methods than the graph has nodes
    methods_scanned: int = 0  # every method of every scanned file (what ``flowdoc scan`` reports)
    methods_in_tests: int = 0  # of test sources, left out of the graph
    methods_duplicate_types: int = 0  # of a class declared again under the same name (one is kept)
    methods_same_signature: int = 0  # same class and simple parameter types as another: one node
    call_sites: int = 0
    resolved: int = 0
    external: int = 0
    unresolved: int = 0
    ambiguous_sites: int = 0
    creations: int = 0
    unresolved_reasons: Counter = field(default_factory=Counter)
    edges: Counter = field(default_factory=Counter)
    injection: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def resolved_share(self) -> float:
        """Call sites whose target is known (in the tree, or a type outside it)."""
        return (self.resolved + self.external) / self.call_sites if self.call_sites else 1.0

    @property
    def inject_single_share(self) -> float:
        inj = self.injection
        total = sum(v for k, v in inj.items() if k in ("single", "spring", "named", "ambiguous", "none"))
        good = inj["single"] + inj["spring"] + inj["named"]
        return good / total if total else 1.0

    def methods_summary(self) -> str:
        """One line saying how the graph's method count relates to the scan's."""
        parts = [f"{self.methods_in_tests:,} in test sources (left out)"]
        if self.methods_duplicate_types:
            parts.append(f"{self.methods_duplicate_types:,} of classes declared twice under one name (one kept)")
        if self.methods_same_signature:
            parts.append(f"{self.methods_same_signature:,} sharing a class and signature with another (one node)")
        return f"{self.methods:,} method nodes of {self.methods_scanned:,} methods scanned: " + ", ".join(parts)

    def as_dict(self) -> dict:
        return {
            "methods": self.methods, "methods_scanned": self.methods_scanned,
            "methods_not_in_graph": {"test_sources": self.methods_in_tests,
                                     "duplicate_classes": self.methods_duplicate_types,
                                     "same_signature": self.methods_same_signature},
            "call_sites": self.call_sites, "resolved": self.resolved,
            "external": self.external, "unresolved": self.unresolved,
            "resolved_share": round(self.resolved_share, 4),
            "ambiguous_sites": self.ambiguous_sites, "creations": self.creations,
            "unresolved_reasons": dict(self.unresolved_reasons.most_common()),
            "edges": dict(sorted(self.edges.items())),
            "injection": dict(sorted(self.injection.items())),
            "inject_single_share": round(self.inject_single_share, 4),
            "seconds": round(self.seconds, 2),
        }


@dataclass
class CallGraph:
    """The whole-tree call graph: a networkx MultiDiGraph with string node ids, plus lookups."""

    graph: nx.MultiDiGraph
    index: SymbolIndex
    injection: Injection
    methods: dict[str, tuple[str, MethodFacts]]  # node id -> (class FQN, method)
    stats: CallGraphStats
    problems: tuple[Problem, ...] = ()
    main: frozenset[str] = frozenset()  # FQNs of the main-source types (the graph's classes)
    # The build's resolver and its memos are dropped after the build; only scope() needs one
    # (touches: receiver types and fields read), and it re-creates one on first use.
    _resolver: Resolver | None = field(default=None, repr=False)

    def node(self, node_id: str) -> dict:
        return self.graph.nodes[node_id]

    def method_of(self, node_id: str) -> tuple[str, MethodFacts] | None:
        return self.methods.get(node_id)

    def out_edges(self, node_id: str):
        """``(target, data)`` for each edge leaving ``node_id``, in call-site order."""
        if node_id not in self.graph:
            return []
        edges = [(v, d) for _, v, d in self.graph.out_edges(node_id, data=True)]
        edges.sort(key=lambda e: (e[1]["line"], e[1]["site"]))
        return edges

    def override_in(self, cls: str, node_id: str) -> str | None:
        """The method ``cls`` runs for ``node_id`` (its own override or an inherited one)."""
        found = self.method_of(node_id)
        if found is None:
            return None
        hit = find_override(self.index.find_methods, self.index, cls, *found)
        return None if hit is None else method_id(*hit)

    def scope(self, node_id: str) -> HandoffScope | None:
        """Method ``node_id`` as hand-off rules see it (:class:`flowdoc.analyze.handoffs.MethodScope`),
        for later stages that read more than a call's targets (receiver types, fields read)."""
        found = self.methods.get(node_id)
        if found is None:
            return None
        if self._resolver is None:
            self._resolver = Resolver(self.index, self.injection, self.main)
        owner, m = found
        return HandoffScope(self._resolver, MethodContext(owner, m), node_id, self.index.file_of.get(owner, ""))

    def find_inherited(self, class_name: str, method_name: str) -> list[str]:
        """Method nodes a class has by inheritance (``ClusteredAgentManagerImpl#send`` ->
        ``AgentManagerImpl.send(...)``); the class by FQN or simple name."""
        name, _, params = method_name.partition("(")
        found = []
        for fqn in self.index.classes_named(class_name):
            for owner, m in self.index.find_methods(fqn, name):
                node = method_id(owner, m)
                if node in self.methods and (not params or m.signature == method_name):
                    found.append(node)
        return sorted(set(found))

    def find_nodes(self, class_name: str, method_name: str | None = None) -> list[str]:
        """Method nodes of a class given by FQN or simple name (``method_name`` optional, may
        carry a parameter list)."""
        found = []
        for fqn in self.index.classes_named(class_name):
            facts = self.index.types[fqn]
            for m in facts.methods:
                node_id = method_id(fqn, m)
                hit = self.methods.get(node_id)
                if hit is None or hit[0] != fqn:
                    continue
                if method_name is None or m.name == method_name or m.signature == method_name:
                    found.append(node_id)
        return sorted(set(found))


def method_id(owner: str, m: MethodFacts) -> str:
    return f"{owner}.{m.signature}"


def class_of(node_id: str) -> str:
    """The class part of a method node id (``pkg.Cls`` of ``pkg.Cls.m(A,B)``)."""
    head = node_id.split("(", 1)[0]
    return head.rsplit(".", 1)[0]


def types_of_file(index: SymbolIndex, path: str) -> list[tuple[str, TypeFacts]]:
    ff = index.files.get(path)
    if ff is None:
        return []
    prefix = f"{ff.package}." if ff.package else ""
    return [(prefix + t.qualname, t) for t in ff.types]
