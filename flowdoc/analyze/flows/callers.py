"""Impact analysis: which APIs reach a method, each with one shortest path."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from flowdoc.analyze.callgraph import CallGraph, class_of
from flowdoc.analyze.flows.builder import flow_builder
from flowdoc.analyze.flows.model import FlowRules
from flowdoc.analyze.symbols import SymbolIndex


@dataclass
class CallerPath:
    """One API reaching a method: ``path`` from the API's bound create()/execute() (or a
    framework method) to the method, as (node, edge kind, call file, call line) hops."""

    api: str
    command_class: str
    via: str  # the bound method (or framework method) the path starts from
    path: list[tuple[str, str, str | None, int | None]]

    def as_dict(self) -> dict:
        return {"api": self.api, "command_class": self.command_class, "via": self.via,
                "hops": len(self.path) - 1,
                "path": [{"node": n, "kind": k, "call_file": f, "call_line": line} for n, k, f, line in self.path]}


def find_callers(targets: list[str], graph: CallGraph, index: SymbolIndex, commands, max_depth: int = 12,
                 rules: FlowRules | None = None) -> list[CallerPath]:
    """Impact analysis: which APIs reach any of ``targets``, each with one shortest path.

    A reverse breadth-first search from the targets stops at methods that some API binds as
    its create()/execute(), and at the framework corridor (then every API whose framework path
    passes there reaches the target). Like flows, it does not follow virtual calls with more
    than ``max_fanout`` implementations."""
    builder = flow_builder(graph, index, rules)
    bound: dict[str, list] = {}
    for command in commands:
        for bind_node in (builder.execute_bind, builder.create_bind):
            if bind_node is None:
                continue
            if bind_node == builder.create_bind and not index.is_subtype(command.class_name, class_of(bind_node)):
                continue
            impl = builder.bind(command.class_name, bind_node)
            if impl:
                bound.setdefault(impl, []).append(command)
    corridor = builder.corridor()
    nx_graph = graph.graph
    fanouts: dict[tuple[str, int], int] = {}

    def fanout(pred: str, site: int) -> int:
        key = (pred, site)
        if key not in fanouts:
            for _, _, d in nx_graph.out_edges(pred, data=True):
                if d["kind"] == "dispatch":
                    k = (pred, d["site"])
                    fanouts[k] = fanouts.get(k, 0) + 1
            fanouts.setdefault(key, 0)
        return fanouts[key]
    parent: dict[str, tuple[str, dict] | None] = {t: None for t in targets if t in nx_graph}
    queue = deque((t, 0) for t in parent)
    hits: list[str] = []
    while queue:
        node, dist = queue.popleft()
        at_bound = node in bound
        if at_bound or (node in corridor and node not in (builder.execute_bind, builder.create_bind)):
            hits.append(node)
        if dist >= max_depth:
            continue
        for pred, _, data in sorted(nx_graph.in_edges(node, data=True), key=lambda e: (e[0], e[2]["line"])):
            if data["kind"] == "unknown" or pred in parent:
                continue
            if at_bound and not builder.is_command_type(class_of(pred)):
                continue  # past a bound create()/execute() only subclass commands (super.create()) lead on
            if data["kind"] == "dispatch" and fanout(pred, data["site"]) > builder.rules.max_fanout:
                continue  # as in flows: a call with many implementations is not followed
            if pred in corridor and builder.is_command_type(class_of(node)):
                continue  # the framework calling a command's own method: not a path for every API
            parent[pred] = (node, data)
            queue.append((pred, dist + 1))

    def path_from(start: str) -> list[tuple[str, str, str | None, int | None]]:
        hops = [(start, "entry", None, None)]
        current = start
        while parent.get(current) is not None:
            nxt, data = parent[current]
            hops.append((nxt, data["kind"], data["file"], data["line"]))
            current = nxt
        return hops

    results: dict[str, CallerPath] = {}
    framework_nodes: dict[str, set[str]] = {}
    for hit in hits:
        path = path_from(hit)
        if hit in bound:
            for command in bound[hit]:
                old = results.get(command.name)
                if old is None or len(path) < len(old.path):
                    results[command.name] = CallerPath(command.name, command.class_name, hit, path)
            continue
        for command in commands:  # a framework method: the APIs whose framework path uses it
            if command.name in results:
                continue
            on_path = framework_nodes.get(command.name)
            if on_path is None:
                paths = builder.framework_paths(command.class_name, bool(command.isasync))
                on_path = framework_nodes[command.name] = {n for p in paths.values() for n, _ in p}
            if hit in on_path:
                results[command.name] = CallerPath(command.name, command.class_name, hit, path)
    return [results[k] for k in sorted(results)]
