"""Building a flow: the framework path merged into one tree, then the command's bound
``create()``/``execute()`` expanded to the asked depth (see :mod:`flowdoc.analyze.flows`)."""

from __future__ import annotations

from collections import deque

from flowdoc.analyze.callgraph import CallGraph, class_of
from flowdoc.analyze.flows.collapse import Collapsing
from flowdoc.analyze.flows.framework import FrameworkSearch
from flowdoc.analyze.flows.model import Flow, FlowRules, FlowStep
from flowdoc.analyze.flows.ranking import parents_of, rank_flow
from flowdoc.analyze.handoffs import ASYNC_JOB
from flowdoc.analyze.handoffs import KINDS as HANDOFF_KINDS
from flowdoc.analyze.handoffs.agent import KIND as AGENT
from flowdoc.analyze.handoffs.agent import answer_root, answers_of
from flowdoc.analyze.handoffs.lookup import module_of
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.analyze.touches import Touches
from flowdoc.model.facts import InstanceOfGuard


class FlowBuilder(FrameworkSearch, Collapsing):
    """Builds flows for one call graph; keeps what every flow shares (framework searches)."""

    def __init__(self, graph: CallGraph, index: SymbolIndex, rules: FlowRules | None = None) -> None:
        self.graph = graph
        self.index = index
        self.rules = rules or FlowRules()
        self._guards: dict[str, list[tuple[InstanceOfGuard, str]]] = {}
        self._framework: dict[tuple, dict] = {}
        self._children: dict[tuple[str, str | None], tuple[list[tuple], list[dict], int]] = {}
        self._trivial: dict[str, bool] = {}
        self._command_types: set[str] | None = None
        self.entry = self._servlet_entry(self._find_method(self.rules.entry_class, self.rules.entry_method))
        self.execute_bind = self._find_method(self.rules.execute_class, self.rules.execute_method, arity=0)
        self.create_bind = self._find_method(self.rules.create_class, self.rules.create_method, arity=0)
        self.command_root = class_of(self.execute_bind) if self.execute_bind else None
        self._guard_types: tuple[str, ...] | None = None
        self._adjacency: dict[str, list[tuple[str, dict]]] = {}
        self._corridor: set[str] | None = None
        self._key_memo: dict[tuple[str, bool], tuple] = {}
        self._toward: dict[str, int] | None = None
        self._touches = None
        self._answer_root: str | None = None
        self._framework_calls: frozenset[str] | None = None

    def _servlet_entry(self, entry: str | None) -> str | None:
        """Where the HTTP request enters: the servlet's ``doGet`` (``doPost`` alike) when it calls
        the entry method, else the entry method itself."""
        if entry is None:
            return None
        for name in self.rules.servlet_methods:
            for node in self.graph.find_nodes(class_of(entry), name):
                if any(t == entry for t, _ in self.graph.out_edges(node)):
                    return node
        return entry

    # ---------------------------------------------------------------- lookups
    def _find_method(self, cls: str, method: str, arity: int | None = None) -> str | None:
        candidates = [node for node in self.graph.find_nodes(cls, method)
                      if arity is None or len(self.graph.method_of(node)[1].params) == arity]
        # several classes of that name: the one most of the tree builds on (most subtypes)
        candidates.sort(key=lambda n: (-len(self.index.subtypes(class_of(n))), n))
        return candidates[0] if candidates else None

    def is_command_type(self, fqn: str | None) -> bool:
        return bool(fqn and self.command_root and self.index.is_subtype(fqn, self.command_root))

    def bind(self, cls: str, bind_node: str | None) -> str | None:
        """The command's own or inherited implementation of a bind point."""
        if bind_node is None:
            return None
        target = self.graph.override_in(cls, bind_node)
        if target is None:
            return None
        found = self.graph.method_of(target)
        return target if found is not None and found[1].has_body else None

    # ------------------------------------------------------------------- flow
    def _label_handler(self, step: FlowStep) -> None:
        found = self.graph.method_of(step.node)
        if found is None:
            return
        # an agent resource that branches to a method elsewhere (VmwareResource.executeRequest ->
        # the storage handler base in core) is the hypervisor's: the module is the resource's
        where = step.hops[0] if step.handoff == AGENT and step.hops else step.node
        step.module = module_of(self.graph.node(where).get("file", ""))
        if step.handoff == AGENT:
            if self._answer_root is None:
                self._answer_root = answer_root(self.index) or ""
            step.answers = tuple(answers_of(self.index, found[0], found[1], self._answer_root or None))

    def touches(self) -> Touches:
        """Tables, settings and events per method of this graph (catalogs built once)."""
        if self._touches is None:
            self._touches = Touches(self.graph, self.index)
        return self._touches

    def build(self, command, depth: int = 5) -> Flow:
        """The flow of one command, its steps ranked for reading (:mod:`flowdoc.analyze.flows.ranking`)."""
        flow = self._build(command, depth)
        self._add_hops(flow)
        rank_flow(flow, self)
        # what the flow touches: the methods it expands (a caller of every edge; the entry)
        expanded = {e["from"] for e in flow.edges}
        flow.touches = self.touches().of_nodes(expanded)
        return flow

    def _build(self, command, depth: int) -> Flow:
        cls = command.class_name
        is_async = bool(command.isasync)
        flow = Flow(command.name, cls, is_async, bool(command.async_create), [], {}, [], [])
        binds: dict[str, str | None] = {}
        if self.execute_bind:
            binds[self.execute_bind] = self.bind(cls, self.execute_bind)
        if self.create_bind and self.index.is_subtype(cls, class_of(self.create_bind)):
            binds[self.create_bind] = self.bind(cls, self.create_bind)
        paths = {b: p for b, p in self.framework_paths(cls, is_async).items() if binds.get(b)}
        expanded: set[str] = set()
        if not paths:
            flow.framework_found = False
            flow.problems.append("no framework path from the entry to the command's bind points")
            for impl in sorted(binds.values(), key=lambda n: n != binds.get(self.create_bind)):  # create() first
                if impl:
                    self._expand(flow, impl, "dispatch", None, None, 0, depth, cls, expanded, "")
            return flow
        # merge the paths into one tree, children in call-line order
        tree: dict[str, list[tuple[int, str, dict]]] = {}
        for path in paths.values():
            for (a, _), (b, data) in zip(path, path[1:], strict=False):
                children = tree.setdefault(a, [])
                if not any(c[1] == b for c in children):
                    children.append((data["line"], b, data))
        self._add_framework_calls(tree, cls)
        for children in tree.values():
            children.sort(key=lambda c: (c[0], c[1]))
        self._add_node(flow, self.entry)
        flow.steps.append(FlowStep(0, self.entry, "entry", None, None))

        def walk(node: str, level: int, crossed: frozenset[str]) -> None:
            children = tree.get(node, ())
            shown = {c[1] for c in children}
            flow.steps[-1].folded = self._other_sites(node, shown)
            for _, child, data in children:
                kind = data["kind"]
                handoff = kind if kind in HANDOFF_KINDS and kind not in crossed else ""
                if data.get("framework_call") or data.get("framework_leaf"):  # FlowRules.framework_calls
                    self._edge(flow, node, child, kind, data)
                    self._expand(flow, child, kind, data["file"], data["line"], level + 1,
                                 1 if data.get("framework_call") else 0, None, expanded, "")
                    continue
                if child in binds:
                    impl = binds[child]
                    self._edge(flow, node, impl, "dispatch", data)
                    self._expand(flow, impl, "dispatch", data["file"], data["line"], level + 1, depth, cls,
                                 expanded, handoff)
                    continue
                self._add_node(flow, child)
                self._edge(flow, node, child, data["kind"], data)
                flow.steps.append(FlowStep(level + 1, child, data["kind"], data["file"], data["line"],
                                           handoff=handoff, ambiguous=bool(data.get("ambiguous"))))
                walk(child, level + 1, crossed | {kind} if kind in HANDOFF_KINDS else crossed)

        walk(self.entry, 0, frozenset())
        return flow

    def framework_call_nodes(self) -> frozenset[str]:
        """The method nodes of :attr:`FlowRules.framework_calls`."""
        if self._framework_calls is None:
            self._framework_calls = frozenset(n for spec in self.rules.framework_calls if "." in spec
                                              for n in self.graph.find_nodes(*spec.rsplit(".", 1)))
        return self._framework_calls

    def _add_framework_calls(self, tree: dict[str, list[tuple[int, str, dict]]], command_cls: str) -> None:
        """Calls from the framework path to a framework call (on a branch the command can take)
        become children of their caller; a framework call already on the path is expanded instead
        (its other callees shown, not expanded)."""
        calls = self.framework_call_nodes()
        if not calls:
            return
        on_path = set(tree) | {c[1] for children in tree.values() for c in children}
        for node in sorted(on_path):
            if node in calls:
                continue
            excluded = self.excluded_lines(node, command_cls)
            children = tree.setdefault(node, [])
            for target, data in self.graph.out_edges(node):
                if target in calls and data["line"] not in excluded and not any(c[1] == target for c in children):
                    children.append((data["line"], target, {**data, "framework_call": True}))
        for node in sorted(calls & on_path):  # on the path: its other callees, not expanded
            children = tree.setdefault(node, [])
            for target, kind, cfile, cline, ambiguous, _, _ in self.children(node, None)[0]:
                if not any(c[1] == target for c in children):
                    children.append((cline, target, {"kind": kind, "file": cfile, "line": cline,
                                                     "ambiguous": ambiguous, "framework_leaf": True}))
        for node in [n for n, children in tree.items() if not children]:
            del tree[node]

    def _add_hops(self, flow: Flow) -> None:
        """A step past a hand-off gets the hops its edge carries (the mechanism's machinery, e.g.
        the work-job dispatcher and handler proxy), drawn between the site and the step, and its
        handler labels (build module, answers)."""
        parents = parents_of([s.depth for s in flow.steps])
        graph = self.graph.graph
        for i, step in enumerate(flow.steps):
            if not step.handoff or parents[i] < 0:
                continue
            edges = graph.get_edge_data(flow.steps[parents[i]].node, step.node) or {}
            hops = next((d["hops"] for d in edges.values() if d["kind"] == step.handoff and d.get("hops")), ())
            step.hops = tuple(hops)
            for hop in step.hops:
                self._add_node(flow, hop)
            if step.handoff != ASYNC_JOB:
                self._label_handler(step)

    def _other_sites(self, node: str, shown: set[str]) -> int:
        sites = set()
        for target, data in self.graph.out_edges(node):
            if data["kind"] != "unknown" and target not in shown:
                sites.add((data["site"], data["line"]))
        return len(sites)

    def _add_node(self, flow: Flow, node: str) -> None:
        if node in flow.nodes:
            return
        attrs = self.graph.node(node)
        flow.nodes[node] = {"id": node, "class": attrs.get("class", class_of(node)),
                            "method": attrs.get("method", node.rsplit(".", 1)[-1]), "file": attrs.get("file"),
                            "line": attrs.get("line"), "end_line": attrs.get("end_line")}

    def _edge(self, flow: Flow, src: str, dst: str, kind: str, data: dict) -> None:
        edge = {"from": src, "to": dst, "kind": kind, "file": data["file"], "line": data["line"],
                "ambiguous": bool(data.get("ambiguous"))}
        if edge not in flow.edges:
            flow.edges.append(edge)

    def children(self, node: str, this_cls: str | None) -> tuple[list[tuple], list[dict], int]:
        """Visible callees of ``node``: (target, kind, call file, line, ambiguous, this class,
        lines of its other calls), the unknown targets, and how many callees were collapsed or
        folded. A target called several times is listed once, at its first call."""
        key = (node, this_cls)
        memo = self._children.get(key)
        if memo is None:
            memo = self._children[key] = self._children_uncached(node, this_cls)
        return memo

    def _children_uncached(self, node: str, this_cls: str | None) -> tuple[list[tuple], list[dict], int]:
        groups: dict[tuple, list[tuple[str, dict]]] = {}
        for target, data in self.graph.out_edges(node):
            # a hand-off found at a call site (an agent send) is a group of its own beside the call
            handoff = data["kind"] if data["kind"] in HANDOFF_KINDS else ""
            key = (data["site"], data["line"], handoff) if data["site"] >= 0 else (-1, data["line"], target)
            groups.setdefault(key, []).append((target, data))
        out: list[tuple] = []
        unknown: list[dict] = []
        folded = 0
        seen_targets: dict[str, list[int]] = {}
        first_line: dict[str, int] = {}
        for group in groups.values():
            kinds = {d["kind"] for _, d in group}
            if "unknown" in kinds:
                for target, data in group:
                    unknown.append({"from": node, "text": target[2:], "line": data["line"]})
                continue
            picked: list[tuple[str, str, dict, str | None]] = []
            if "inject" in kinds:
                picked = [(t, "inject", d, d.get("bean") or class_of(t)) for t, d in group if d["kind"] == "inject"]
            elif "new" in kinds or kinds & HANDOFF_KINDS:
                picked = [(t, d["kind"], d, class_of(t)) for t, d in group]
            else:
                calls = [(t, d) for t, d in group if d["kind"] == "call"]
                dispatch = [(t, d) for t, d in group if d["kind"] == "dispatch"]
                for target, data in calls:
                    rebound = None
                    if data.get("self_call") and this_cls and this_cls != class_of(target):
                        rebound = self.graph.override_in(this_cls, target)
                    if rebound is not None and rebound != target:
                        picked.append((rebound, "dispatch", data, this_cls))
                        continue
                    if not self.graph.node(target).get("abstract"):
                        picked.append((target, "call", data, this_cls if data.get("self_call") else class_of(target)))
                    elif len(dispatch) <= self.rules.max_fanout:
                        picked.extend((t, "dispatch", d, class_of(t)) for t, d in dispatch)
                    else:
                        picked.append((target, "dispatch", data, class_of(target)))
                        folded += len(dispatch)
            for target, kind, data, cls in picked:
                if self.is_trivial(target) and kind not in HANDOFF_KINDS:  # a hand-off target always shows
                    folded += 1
                    continue
                if target in seen_targets:
                    if data["line"] != first_line[target]:  # one call reaching it twice (two agent resources) is one
                        seen_targets[target].append(data["line"])
                    continue
                seen_targets[target] = []
                first_line[target] = data["line"]
                out.append((target, kind, data["file"], data["line"], bool(data.get("ambiguous")), cls))
        out = [(*c, tuple(sorted(seen_targets[c[0]]))) for c in out]
        out.sort(key=lambda c: (c[3], c[0]))
        return out, unknown, folded

    def toward(self) -> dict[str, int]:
        """For ``rules.through``: method -> calls to the nearest hand-off of those kinds (0: it
        makes one), by a reverse breadth-first search that does not pass boundary classes."""
        if self._toward is None:
            kinds = set(self.rules.through)
            graph = self.graph.graph
            hops: dict[str, int] = {}
            queue: deque[str] = deque()
            for u, _, data in graph.edges(data=True):
                if data["kind"] in kinds and u not in hops:
                    hops[u] = 0
                    queue.append(u)
            while queue:
                node = queue.popleft()
                if hops[node] >= self.rules.through_limit:
                    continue
                for pred, _, data in graph.in_edges(node, data=True):
                    if pred not in hops and data["kind"] != "unknown" and not self.is_boundary(pred):
                        hops[pred] = hops[node] + 1
                        queue.append(pred)
            self._toward = hops
        return self._toward

    def _expand(self, flow: Flow, node: str, kind: str, call_file, call_line, level: int, depth: int,
                this_cls: str | None, expanded: set[str], handoff: str, base: int | None = None,
                more_lines: tuple[int, ...] = ()) -> None:
        """Depth-first, preorder: one step for ``node``, then its callees to ``depth`` (and past
        it, toward the hand-offs of ``rules.through``)."""
        base = level if base is None else base
        self._add_node(flow, node)
        boundary = self.is_boundary(node)
        step = FlowStep(level, node, kind, call_file, call_line, handoff=handoff, more_lines=more_lines,
                        boundary=boundary)
        flow.steps.append(step)
        if node in expanded:
            step.repeat = True
            return
        children, unknown, folded = self.children(node, this_cls)
        shown = children
        if level - base >= depth:  # past the depth: only on the way to a followed hand-off
            hops = self.toward().get(node) if self.rules.through else None
            through = self.rules.through
            shown = [] if hops is None else [c for c in children if (hops == 0 and c[1] in through)
                                             or (hops > 0 and self.toward().get(c[0]) == hops - 1)]
        if boundary or (not shown and level - base >= depth):
            step.folded = len(children) + folded
            return
        expanded.add(node)
        flow.unknown.extend(unknown)
        step.folded = folded + len(children) - len(shown)
        for target, ckind, cfile, cline, ambiguous, cls, more in shown:
            self._edge(flow, node, target, ckind, {"file": cfile, "line": cline, "ambiguous": ambiguous})
            if ckind in self.rules.through:  # past a followed hand-off: the handler, a few levels
                self._expand(flow, target, ckind, cfile, cline, level + 1, self.rules.through_handler_depth, cls,
                             expanded, ckind, level + 1, more)
                continue
            self._expand(flow, target, ckind, cfile, cline, level + 1, depth, cls, expanded,
                         ckind if ckind in HANDOFF_KINDS else "", base, more)


_BUILDERS: dict[int, FlowBuilder] = {}


def flow_builder(graph: CallGraph, index: SymbolIndex, rules: FlowRules | None = None) -> FlowBuilder:
    """The (cached) builder for a graph: framework searches are shared by all its flows."""
    key = id(graph)
    rules = rules or FlowRules()
    builder = _BUILDERS.get(key)
    if builder is None or builder.graph is not graph or builder.rules != rules:
        builder = FlowBuilder(graph, index, rules)
        _BUILDERS.clear()
        _BUILDERS[key] = builder
    return builder


def build_flow(command, graph: CallGraph, index: SymbolIndex, depth: int = 5,
               rules: FlowRules | None = None) -> Flow:
    """The request flow of one API command (see the module docstring)."""
    return flow_builder(graph, index, rules).build(command, depth)
