"""A resolved method as hand-off rules see it (:class:`flowdoc.analyze.handoffs.MethodScope`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flowdoc.analyze.callgraph.types import MethodContext, SiteResult
from flowdoc.model.facts import Creation, Expr, MethodFacts

if TYPE_CHECKING:
    from flowdoc.analyze.callgraph.resolve import Resolver


def passed_to(ctx: MethodContext, creation: Creation) -> SiteResult | None:
    """The resolved call an anonymous object is passed straight to as an argument, if any."""
    for i, site in enumerate(ctx.method.calls):
        if any(a.kind == "new" and a.text == creation.anonymous for a in site.args):
            return ctx.results.get(i)
    return None


class HandoffScope:
    """A resolved method as hand-off rules see it (:class:`flowdoc.analyze.handoffs.MethodScope`)."""

    __slots__ = ("_resolver", "_ctx", "owner", "method", "node", "file", "index", "main")

    def __init__(self, resolver: Resolver, ctx: MethodContext, node: str, file: str) -> None:
        self._resolver = resolver
        self._ctx = ctx
        self.owner = ctx.cls
        self.method = ctx.method
        self.node = node
        self.file = file
        self.index = resolver.index
        self.main = resolver.main

    def call(self, i: int) -> SiteResult | None:
        return self._resolver.site(self._ctx, i)

    def type_of(self, expr: Expr) -> str | None:
        return self._resolver.type_of(self._ctx, expr).fqn

    def field_of(self, expr: Expr) -> tuple[str, str] | None:
        origin = self._resolver._typed(self._ctx, expr)[1]
        return None if origin is None or len(origin) > 2 else (origin[0], origin[1].name)  # not an element

    def passed_to(self, creation) -> SiteResult | None:
        return passed_to(self._ctx, creation)

    def anonymous_class(self, creation) -> str | None:
        if not creation.anonymous:
            return None
        return self._resolver._anonymous_fqn(self.owner, creation.anonymous)

    def methods(self, fqn: str, name: str) -> list[tuple[str, MethodFacts]]:
        return self._resolver.methods(fqn, name)

    def is_subtype(self, fqn: str, ancestor: str) -> bool:
        return self._resolver.index.is_subtype(fqn, ancestor)

    def implementations(self, fqn: str) -> tuple[str, ...]:
        return self._resolver.concrete_subtypes(fqn)

    def is_runnable(self, fqn: str) -> bool:
        return self._resolver.is_runnable(fqn)

    def entry_methods(self, cls: str) -> list[tuple[str, MethodFacts]]:
        return self._resolver.entry_methods(cls)

    def runnable_wrappers(self, cls: str) -> list[tuple[str, MethodFacts]]:
        return self._resolver.runnable_wrappers(cls)

    def node_id(self, owner: str, m: MethodFacts) -> str:
        return self._resolver.mid(owner, m)
