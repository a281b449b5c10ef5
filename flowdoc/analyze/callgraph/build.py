"""Building the graph: every method a node, every resolved call site its edges, the
hand-off rules' edges (:mod:`flowdoc.analyze.handoffs`), unknown targets as ``?:`` nodes."""

from __future__ import annotations

import gc
import time
from collections import Counter
from typing import Any

import networkx as nx

from flowdoc.analyze.callgraph.graph import CallGraph, CallGraphStats, method_id
from flowdoc.analyze.callgraph.resolve import Resolver
from flowdoc.analyze.callgraph.scope import HandoffScope
from flowdoc.analyze.callgraph.scope import passed_to as scope_passed_to
from flowdoc.analyze.callgraph.types import MethodContext
from flowdoc.analyze.exprtext import expr_text
from flowdoc.analyze.handoffs import RULES as HANDOFF_RULES
from flowdoc.analyze.handoffs import HandoffRule, TreeView
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import FieldFacts, MethodFacts
from flowdoc.read.scan import ScanResult, is_test_path
from flowdoc.read.spring import Injection, SpringContext, load_spring_context


def build_call_graph(scan: ScanResult, index: SymbolIndex, spring: SpringContext | None = None,
                     include_tests: bool = False) -> CallGraph:
    """Resolve every call site of the tree's main sources into a networkx MultiDiGraph.

    Pure: caching the result is the pipeline's job (:mod:`flowdoc.pipeline`), which stores
    ``graph.graph`` and ``graph.stats`` and rebuilds the rest with :func:`assemble_call_graph`."""
    # Hundreds of thousands of acyclic edge dicts and tuples: the cyclic collector would walk
    # them again and again (a third of the time) and find nothing to free.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(scan, index, spring, include_tests)
    finally:
        _settle_gc(enabled)


def _settle_gc(enabled: bool) -> None:
    """Re-enable the collector with the graph's millions of objects moved out of its sight
    (``gc.freeze``): otherwise every later full collection walks them all again, which made
    flow building after a build or cache load several times slower."""
    if enabled:
        gc.freeze()
        gc.enable()


def assemble_call_graph(scan: ScanResult, index: SymbolIndex, spring: SpringContext | None,
                        graph: nx.MultiDiGraph, stats: CallGraphStats, include_tests: bool = False) -> CallGraph:
    """A CallGraph around a networkx graph built earlier for the same facts (a cached one):
    the lookups are rebuilt from the index, which is cheap."""
    if spring is None:
        spring = load_spring_context(scan.root, scan.excluded) if scan.root else SpringContext()
    main = frozenset(fqn for fqn, path in index.file_of.items() if include_tests or not is_test_path(path))
    injection = Injection(index, spring, main)
    methods = _method_table(main, index)
    return CallGraph(graph, index, injection, methods, stats, spring.problems, main)


def _method_table(main: frozenset[str], index: SymbolIndex) -> dict[str, tuple[str, MethodFacts]]:
    """Node id -> (class FQN, method) for every method of the main types (first one wins)."""
    methods: dict[str, tuple[str, MethodFacts]] = {}
    for fqn in sorted(main):
        for m in index.types[fqn].methods:
            node = method_id(fqn, m)
            if node not in methods:
                methods[node] = (fqn, m)
    return methods


def _build(scan: ScanResult, index: SymbolIndex, spring: SpringContext | None, include_tests: bool) -> CallGraph:
    started = time.perf_counter()
    if spring is None:
        spring = load_spring_context(scan.root, scan.excluded) if scan.root else SpringContext()
    main = frozenset(fqn for fqn, path in index.file_of.items() if include_tests or not is_test_path(path))
    injection = Injection(index, spring, main)
    resolver = Resolver(index, injection, main)
    graph = nx.MultiDiGraph()
    methods: dict[str, tuple[str, MethodFacts]] = {}
    stats = CallGraphStats()

    types = sorted(main)
    for fqn in types:
        facts = index.types[fqn]
        path = index.file_of[fqn]
        for m in facts.methods:
            node = resolver.mid(fqn, m)
            if node in methods:
                continue
            methods[node] = (fqn, m)
            graph.add_node(node, kind="method", **{"class": fqn}, method=m.signature, file=path,
                           line=m.line, end_line=m.end_line, abstract=not m.has_body)
    stats.methods = len(methods)
    stats.methods_scanned = sum(len(t.methods) for f in scan.files for t in f.types)
    in_tests = sum(len(t.methods) for f in scan.files if is_test_path(f.path) for t in f.types)
    stats.methods_in_tests = 0 if include_tests else in_tests
    in_main_types = sum(len(index.types[fqn].methods) for fqn in types)
    stats.methods_duplicate_types = stats.methods_scanned - stats.methods_in_tests - in_main_types
    stats.methods_same_signature = in_main_types - stats.methods

    tree = TreeView(index, main)
    handoff_states = [(rule, rule.prepare(tree) if rule.prepare else None) for rule in HANDOFF_RULES]
    unknown_nodes: set[str] = set()
    pending: list[tuple[str, str, dict]] = []
    edge_kinds: Counter = Counter()
    add_edge = graph.add_edge
    for fqn in types:
        facts = index.types[fqn]
        path = index.file_of[fqn]
        for field_facts in facts.fields:
            _count_injection(stats, injection, fqn, field_facts)
        for m in facts.methods:
            node = resolver.mid(fqn, m)
            if methods.get(node, (None, None))[1] is not m:
                continue
            calls = m.calls
            creations = m.creations
            if not calls and not creations:
                continue
            ctx = MethodContext(fqn, m)
            for i, site in enumerate(calls):
                result = resolver.site(ctx, i)
                stats.call_sites += 1
                if result is None or result.status == "unresolved":
                    stats.unresolved += 1
                    text = result.text if result is not None else f"{expr_text(site.receiver, receiver=True)}.{site.member}"
                    reason = result.reason if result is not None else "recursive-chain"
                    stats.unresolved_reasons[reason] += 1
                    target = f"?:{text}"
                    if target not in unknown_nodes:
                        unknown_nodes.add(target)
                        graph.add_node(target, kind="unknown", reason=reason)
                    add_edge(node, target, kind="unknown", file=path, line=site.line, ambiguous=False, site=i)
                    stats.edges["unknown"] += 1
                    continue
                if result.status == "external":
                    stats.external += 1
                    continue
                stats.resolved += 1
                if result.ambiguous:
                    stats.ambiguous_sites += 1
                line = site.line
                ambiguous = result.ambiguous
                self_call = result.self_call
                for target, kind, bean in result.targets:
                    if target not in methods:
                        continue
                    attrs = {"kind": kind, "file": path, "line": line, "ambiguous": ambiguous, "site": i}
                    if self_call:
                        attrs["self_call"] = True
                    if bean:
                        attrs["bean"] = bean
                    pending.append((node, target, attrs))
                    edge_kinds[kind] += 1
            for creation in creations:
                stats.creations += 1
                _add_creation_edges(resolver, ctx, node, path, creation, calls, methods, graph, stats)
            _add_handoff_edges(HandoffScope(resolver, ctx, node, path), handoff_states, methods, graph, stats)

    _add_edges_fast(graph, pending)
    stats.edges.update(edge_kinds)
    for target in unknown_nodes:  # how many call sites end at each unknown target
        graph.nodes[target]["count"] = graph.in_degree(target)
    stats.seconds = time.perf_counter() - started
    return CallGraph(graph, index, injection, methods, stats, spring.problems, main)


def _add_edges_fast(graph: nx.MultiDiGraph, edges: list[tuple[str, str, dict]]) -> None:
    """``graph.add_edges_from(edges)`` for a graph whose nodes all exist, writing networkx's
    adjacency dicts directly (three times faster for the ~300,000 edges of a real tree); keys
    are numbered as networkx numbers them. Falls back to the public call on other layouts."""
    succ, pred = getattr(graph, "_succ", None), getattr(graph, "_pred", None)
    if not (isinstance(succ, dict) and isinstance(pred, dict) and graph.edge_key_dict_factory is dict
            and graph.adjlist_inner_dict_factory is dict):
        graph.add_edges_from(edges)
        return
    for u, v, attrs in edges:
        out = succ[u]
        keys = out.get(v)
        if keys is None:
            keys = out[v] = {}
            pred[v][u] = keys
        key = len(keys)
        while key in keys:
            key += 1
        keys[key] = attrs


def _add_creation_edges(resolver: Resolver, ctx: MethodContext, node: str, path: str, creation, calls, methods, graph,
                        stats: CallGraphStats) -> None:
    index = resolver.index
    if creation.anonymous:
        anon = resolver._anonymous_fqn(ctx.cls, creation.anonymous)
        if anon is None:
            return
        passed_to = scope_passed_to(ctx, creation)
        if resolver.is_runnable(anon):
            # handed to an in-tree method it is a callback run in place; otherwise a thread runs
            # it: the async job hand-off rule (handoffs/async_job.py) adds that edge
            if passed_to is None or passed_to.status != "internal":
                return
            kind = "call"
            targets = resolver.entry_methods(anon)
        elif passed_to is not None:
            # a callback object (TransactionCallback, Comparator, listener...): the callee runs
            # its methods, so they are part of what the creating method does
            kind = "call"
            targets = [(anon, m) for m in resolver.index.types[anon].methods
                       if m.has_body and not m.is_constructor and m.name != "<clinit>" and "private" not in m.modifiers]
        else:
            return
        for owner, m in targets:
            target = resolver.mid(owner, m)
            if target in methods:
                graph.add_edge(node, target, kind=kind, file=path, line=creation.line, ambiguous=False, site=-1)
                stats.edges[kind] += 1
        return
    fqn = index.resolve_type(creation.type.name, ctx.cls)
    if fqn is None or fqn not in index.types:
        return
    chosen = resolver.constructor(ctx, fqn, creation.args)
    for owner, m in chosen:
        target = resolver.mid(owner, m)
        if target in methods:
            graph.add_edge(node, target, kind="new", file=path, line=creation.line, ambiguous=len(chosen) > 1,
                           site=-1)
            stats.edges["new"] += 1


def _add_handoff_edges(scope: HandoffScope, rules: list[tuple[HandoffRule, Any]], methods, graph: nx.MultiDiGraph,
                       stats: CallGraphStats) -> None:
    """The edges of every hand-off rule that applies to the method (see :mod:`flowdoc.analyze.handoffs`)."""
    for rule, state in rules:
        if not rule.applies(scope.method):
            continue
        kind = rule.kind
        for edge in rule.find(scope, state):
            if edge.target not in methods:
                continue
            attrs = {"kind": kind, "file": scope.file, "line": edge.line, "ambiguous": edge.ambiguous,
                     "site": edge.site}
            if edge.via:
                attrs["via"] = edge.via
            hops = tuple(h for h in edge.hops if h in methods)
            if hops:
                attrs["hops"] = hops
            graph.add_edge(edge.source, edge.target, **attrs)
            stats.edges[kind] += 1


def _count_injection(stats: CallGraphStats, injection: Injection, owner: str, f: FieldFacts) -> None:
    if not injection.is_injected(owner, f):
        return
    decision = injection.field_beans(owner, f)
    if decision is None:
        return
    stats.injection["fields"] += 1
    stats.injection[decision.how] += 1
