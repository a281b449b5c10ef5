"""The framework path: from the entry (the servlet) to the command's bind points, found in the
call graph and specialised per command by its ``instanceof`` guards (a mixin of
:class:`~.builder.FlowBuilder`)."""

from __future__ import annotations

from collections import deque

from flowdoc.analyze.callgraph import class_of
from flowdoc.analyze.flows.guards import atoms, evaluate
from flowdoc.analyze.handoffs import ASYNC_JOB
from flowdoc.model.facts import InstanceOfGuard


class FrameworkSearch:
    """Guards of framework methods, the corridor from the entry to the bind points, and the
    shortest guarded paths through it (memoized per distinct guard outcome)."""

    def guards_of(self, node: str) -> list[tuple[InstanceOfGuard, str]]:
        """Command guards of a method: (guard, its class context) for ``instanceof`` tests on
        variables whose declared type is a command type."""
        if node in self._guards:
            return self._guards[node]
        result: list[tuple[InstanceOfGuard, str]] = []
        found = self.graph.method_of(node)
        if found is not None and self.command_root is not None:
            cls, m = found
            if m.has_body and m.instanceofs and any(self._command_subject(cls, m, c.subject.text)
                                                   for c in m.instanceofs if c.subject.kind == "name"):
                result = [(g, cls) for g in m.guards]  # found by the scan (read/conditions.py)
        self._guards[node] = result
        return result

    def _command_subject(self, cls: str, m, name: str) -> bool:
        for v in (*m.params, *m.locals):
            if v.name == name and v.type is not None:
                return self.is_command_type(self.index.resolve_type(v.type.name, cls))
        return False

    def excluded_lines(self, node: str, command_cls: str) -> frozenset[int]:
        """Lines of branches the command cannot take in this method."""
        guards = self.guards_of(node)
        if not guards:
            return frozenset()
        found = self.graph.method_of(node)
        m = found[1]
        excluded: set[int] = set()

        def decide(subject: str, type_name: str) -> bool | None:
            cls = found[0]
            if not self._command_subject(cls, m, subject):
                return None
            fqn = self.index.resolve_type(type_name, cls)
            if fqn is None or fqn not in self.index.types:
                return None
            return self.index.is_subtype(command_cls, fqn)

        for guard, _ in guards:
            value = evaluate(guard.atoms, decide)
            if value is False:
                excluded.update(guard.then_lines)
            elif value is True:
                excluded.update(guard.else_lines)
        return frozenset(excluded)

    # -------------------------------------------------------------- framework
    def _framework_key(self, command_cls: str, is_async: bool) -> tuple:
        key = self._key_memo.get((command_cls, is_async))
        if key is None:
            key = self._key_memo[(command_cls, is_async)] = self._framework_key_uncached(command_cls, is_async)
        return key

    def _framework_key_uncached(self, command_cls: str, is_async: bool) -> tuple:
        if self._guard_types is None:
            types: set[str] = set()
            for node in sorted(self.corridor()):
                for guard, cls in self.guards_of(node):
                    for atom in atoms(guard.atoms):
                        fqn = self.index.resolve_type(atom[2], cls)
                        if fqn is not None and fqn in self.index.types:
                            types.add(fqn)
            self._guard_types = tuple(sorted(types))
        return (is_async, *(self.index.is_subtype(command_cls, t) for t in self._guard_types))

    def adjacency(self, node: str) -> list[tuple[str, dict]]:
        """Edges a framework search may follow from ``node`` (command independent)."""
        found = self._adjacency.get(node)
        if found is None:
            found = [(t, d) for t, d in self.graph.out_edges(node)
                     if d["kind"] != "unknown" and not self._blocked(t)]
            self._adjacency[node] = found
        return found

    def corridor(self) -> set[str]:
        """Methods on some path from the entry to a bind point: reachable from the entry and
        reaching a bind point. Per-command searches stay inside it."""
        if self._corridor is not None:
            return self._corridor
        binds = {b for b in (self.execute_bind, self.create_bind) if b}
        forward: set[str] = set()
        if self.entry is not None:
            todo = [self.entry]
            while todo:
                node = todo.pop()
                if node in forward:
                    continue
                forward.add(node)
                if node in binds:
                    continue
                todo.extend(t for t, _ in self.adjacency(node) if t not in forward)
        backward: set[str] = set()
        todo = sorted(binds)
        graph = self.graph.graph
        while todo:
            node = todo.pop()
            if node in backward:
                continue
            backward.add(node)
            for pred, _, data in graph.in_edges(node, data=True):
                if pred not in backward and pred in forward and data["kind"] != "unknown":
                    todo.append(pred)
        self._corridor = forward & backward
        return self._corridor

    def _blocked(self, target: str) -> bool:
        """Framework searches do not wander into command classes (their own behaviour is the
        flow's second half) nor into abstract methods (no body)."""
        if target in (self.execute_bind, self.create_bind):
            return False
        cls = class_of(target)
        if self.is_command_type(cls):
            return True
        return self.graph.node(target).get("abstract", False)

    def framework_paths(self, command_cls: str, is_async: bool) -> dict[str, list[tuple[str, dict | None]]]:
        """Shortest guarded paths from the entry to each reachable bind point:
        {bind node: [(node, edge data into it), ...]}."""
        key = self._framework_key(command_cls, is_async)
        if key in self._framework:
            return self._framework[key]
        paths: dict[str, list[tuple[str, dict | None]]] = {}
        if self.entry is not None:
            targets = {b for b in (self.execute_bind, self.create_bind) if b}
            corridor = self.corridor()
            start = (self.entry, False)
            parent: dict[tuple[str, bool], tuple[tuple[str, bool], dict] | None] = {start: None}
            queue = deque([start])
            found: dict[str, tuple[str, bool]] = {}
            while queue and len(found) < len(targets):
                state = queue.popleft()
                node, crossed = state
                if node in targets:
                    want_async = node == self.execute_bind and is_async
                    if node not in found and (crossed or not want_async):
                        found[node] = state
                    continue
                excluded = self.excluded_lines(node, command_cls)
                for target, data in self.adjacency(node):
                    if target not in corridor or (excluded and data["line"] in excluded):
                        continue
                    nxt = (target, crossed or data["kind"] == ASYNC_JOB)
                    if nxt not in parent:
                        parent[nxt] = (state, data)
                        queue.append(nxt)
            for bind, state in found.items():
                path: list[tuple[str, dict | None]] = []
                current: tuple[str, bool] | None = state
                while current is not None:
                    link = parent[current]
                    path.append((current[0], link[1] if link else None))
                    current = link[0] if link else None
                path.reverse()
                paths[bind] = path
        self._framework[key] = paths
        return paths
