"""What a flow shows but does not expand (boundaries) and leaves out (trivial methods): a mixin
of :class:`~.builder.FlowBuilder`."""

from __future__ import annotations

import fnmatch
import re

from flowdoc.analyze.callgraph import class_of
from flowdoc.analyze.handoffs import KINDS as HANDOFF_KINDS

_THROWABLES = frozenset({"java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException",
                         "java.lang.Error"})
_TRIVIAL_NAME = re.compile(r"^(get|is|set|has)[A-Z_]")
_GETTER_NAME = re.compile(r"^(get|is|has)[A-Z_]")
_GETTER_LINES = 12  # a no-argument getter this short that stays in its own class is collapsed
_VALUE_METHODS = frozenset({"toString", "name", "ordinal", "getValue", "value", "hashCode"})
_CONTEXT_GETTERS = frozenset({"current", "getInstance", "value"})  # of boundary classes: ConfigKey.value()
_OBJECT_VALUE_METHODS = frozenset({"equals", "hashCode", "compareTo", "toString"})


class Collapsing:
    """Boundaries (rule patterns), trivial getters/setters/constructors, exception creation."""

    def is_boundary(self, node: str) -> bool:
        cls = class_of(node)
        return any(fnmatch.fnmatchcase(cls, pattern) for pattern in self.rules.boundaries)

    def is_trivial(self, node: str) -> bool:
        memo = self._trivial.get(node)
        if memo is None:
            memo = self._trivial[node] = self._is_trivial_uncached(node)
        return memo

    def _is_trivial_uncached(self, node: str) -> bool:
        found = self.graph.method_of(node)
        if found is None:
            return False
        cls, m = found
        if self.rules.collapse_exceptions and m.is_constructor and self._is_throwable(cls):
            return True
        if not self.rules.collapse_trivial:
            return False
        if m.name in _OBJECT_VALUE_METHODS and self._stays_home(cls, node):
            return True  # equals()/hashCode()/compareTo()/toString() that only compare own fields
        if not m.params and not m.is_constructor:
            facts = self.index.types.get(cls)
            if m.name in _VALUE_METHODS and facts is not None and facts.kind == "enum":
                return True  # an enum's toString()/name(): a value, not a step
            if _GETTER_NAME.match(m.name) or m.name in _CONTEXT_GETTERS:
                if self.is_boundary(node):
                    return True  # CallContext.current(), a VO's getX(): plumbing below a boundary
                if m.end_line - m.line <= _GETTER_LINES and self._stays_home(cls, node):
                    return True  # a getter that only converts its own fields
        if m.call_count or (m.has_body and m.calls):
            return False
        if m.is_constructor or m.end_line - m.line <= 4:
            return True
        return bool(_TRIVIAL_NAME.match(m.name))

    def _stays_home(self, cls: str, node: str) -> bool:
        """True when every call of ``node`` stays in its class hierarchy, in boundaries, or is
        itself trivial (no injected service, no dispatch to other implementations, no thread)."""
        home = {cls, *self.index.supertypes(cls)}
        for target, data in self.graph.out_edges(node):
            kind = data["kind"]
            if kind == "unknown":
                continue
            if kind in ("inject", "dispatch") or kind in HANDOFF_KINDS:
                return False
            owner = class_of(target)
            if owner in home or self.is_boundary(target) or target == node:
                continue
            found = self.graph.method_of(target)
            facts = self.index.types.get(owner)
            if found is not None and facts is not None and facts.kind == "enum" and found[1].name in _VALUE_METHODS:
                continue
            if kind == "new" and found is not None and self._is_throwable(owner):
                continue
            return False
        return True

    def _is_throwable(self, cls: str) -> bool:
        return any(s in _THROWABLES for s in self.index.supertypes(cls))
