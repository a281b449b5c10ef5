"""Binding one call site from its receiver's type (a mixin of :class:`~.resolve.Resolver`)."""

from __future__ import annotations

from flowdoc.analyze.callgraph.jdk import external_value
from flowdoc.analyze.callgraph.types import (
    OBJECT_METHODS,
    PRIMITIVES,
    JType,
    MethodContext,
    SiteResult,
    object_value,
    unknown,
)
from flowdoc.analyze.exprtext import expr_text
from flowdoc.model.facts import CallSite, FieldFacts, MethodFacts


class SiteBinding:
    """Call sites: this/super constructor calls, implicit receivers, typed receivers, injected beans."""

    def site(self, ctx: MethodContext, i: int) -> SiteResult | None:
        results = ctx.results
        hit = results.get(i)
        if hit is not None:
            return hit
        calls = ctx.method.calls
        if i < 0 or i >= len(calls) or i in ctx.busy:
            return None
        ctx.busy.add(i)
        try:
            result = self._resolve_site(ctx, calls[i])
        finally:
            ctx.busy.discard(i)
        results[i] = result
        return result

    def _resolve_site(self, ctx: MethodContext, site: CallSite) -> SiteResult:
        receiver = site.receiver
        if site.kind == "this":  # this(...) / super(...) constructor calls
            target = ctx.cls if receiver.kind != "super" else self.index.superclass(ctx.cls)
            if target is None or target not in self.index.types:
                return SiteResult("external")
            return self._bind_static(ctx, site, JType(target), None, nonvirtual=True)
        rkind = receiver.kind
        if rkind == "implicit":
            return self._resolve_implicit(ctx, site)
        if rkind == "super":
            sup = self.index.superclass(ctx.cls)
            if sup is None or sup not in self.index.types:
                return SiteResult("external")
            return self._bind_static(ctx, site, JType(sup), None, nonvirtual=True)
        recv, origin = self._typed(ctx, receiver)
        self_call = rkind == "this" and not receiver.text
        return self._bind(ctx, site, recv, origin, self_call=self_call)

    def _resolve_implicit(self, ctx: MethodContext, site: CallSite) -> SiteResult:
        index = self.index
        current: str | None = ctx.cls
        first = True
        while current is not None:
            if self.methods(current, site.member):
                return self._bind(ctx, site, JType(current), None, self_call=first)
            current = index.outer_of.get(current)
            first = False
        owner = self._static_import_owner(ctx.cls, site.member, fields=False)
        if owner is not None:
            if owner in index.types:
                return self._bind(ctx, site, JType(owner, static=True), None)
            return SiteResult("external", value=None)
        current = ctx.cls
        while current is not None:
            if self.has_external_super(current) or site.member in OBJECT_METHODS:
                return SiteResult("external", value=object_value(site.member))
            current = index.outer_of.get(current)
        return self._unresolved(f"{ctx.cls}#{site.member}", "no-method")

    def _unresolved(self, text: str, reason: str) -> SiteResult:
        return SiteResult("unresolved", text=text, reason=reason)

    def _bind(self, ctx: MethodContext, site: CallSite, recv: JType, origin: tuple[str, FieldFacts] | None,
              self_call: bool = False) -> SiteResult:
        fqn = recv.fqn
        member = site.member
        if fqn is None:
            if recv.origin == "external-field":  # a library's field cannot hold an in-tree type
                return SiteResult("external", value=object_value(member))
            if recv.origin in ("generic", "generic-return") and member in ("toString", "equals", "hashCode",
                                                                         "getClass"):
                return SiteResult("external", value=object_value(member))  # Object's, on a type variable
            return self._unresolved(f"{expr_text(site.receiver, receiver=True)}.{member}", recv.origin or "unknown-receiver")
        if recv.dims:
            return SiteResult("external")  # arrays: clone(), length...
        if fqn not in self.index.types:
            if fqn in PRIMITIVES or fqn == "null":
                return self._unresolved(f"{expr_text(site.receiver, receiver=True)}.{member}", "primitive-receiver")
            return SiteResult("external", value=external_value(recv, member, site))
        result = self._bind_static(ctx, site, recv, origin, nonvirtual=False)
        result.self_call = self_call
        return result

    def _bind_static(self, ctx: MethodContext, site: CallSite, recv: JType, origin, nonvirtual: bool) -> SiteResult:
        index = self.index
        fqn = recv.fqn
        member = site.member
        candidates = self.methods(fqn, member)
        if site.kind == "ref":
            chosen = candidates
        else:
            chosen = self._choose_overload(ctx, site, candidates)
        if not chosen:
            if member == "<init>" and not any(m.is_constructor for m in index.types[fqn].methods):
                return SiteResult("internal")  # the implicit default constructor: no code to call
            if member in OBJECT_METHODS or self.has_external_super(fqn):
                return SiteResult("external", value=object_value(member))
            if index.types[fqn].kind == "interface" and member in OBJECT_METHODS:
                return SiteResult("external")
            reason = "no-method" if not candidates else "no-overload"
            return self._unresolved(f"{fqn}#{member}", reason)
        targets: list[tuple[str, str, str]] = []
        ambiguous = len(chosen) > 1
        value = None
        lazy = None
        for owner, m in chosen:
            targets.append((self.mid(owner, m), "call", ""))
            if lazy is None and m.return_type is not None:
                lazy = (recv, owner, m, site)
        if not nonvirtual and site.kind != "ref":
            owner, m = chosen[0]
            if not ("static" in m.modifiers or "private" in m.modifiers or m.is_constructor or recv.static):
                # origin: the field the receiver reads, or (owner, field, True) for an element of
                # the field's collection (a loop over an injected list of adapters)
                beans = self.injection.field_beans(origin[0], origin[1]) if origin is not None else None
                if beans is not None and beans.classes and beans.is_list == (len(origin) > 2):
                    impls: dict[str, str] = {}
                    for bean in beans.classes:
                        hit = self.override(bean, owner, m)
                        if hit is not None and hit[1].has_body:
                            impls.setdefault(self.mid(*hit), bean)
                    if impls:
                        for hit, bean in impls.items():
                            targets.append((hit, "inject", bean))
                        ambiguous = ambiguous or len(impls) > 1
                        return SiteResult("internal", targets, ambiguous, value=value, lazy=lazy)
                impls = self.dispatch_targets(fqn, owner, m)
                concrete_here = m.has_body and "abstract" not in m.modifiers
                for hit in impls:
                    if hit[0] == owner and hit[1] is m:
                        continue
                    targets.append((self.mid(*hit), "dispatch", ""))
                n_runtime = len([h for h in impls if not (h[0] == owner and h[1] is m)]) + (1 if concrete_here else 0)
                ambiguous = ambiguous or n_runtime > 1
        return SiteResult("internal", targets, ambiguous, value=value, lazy=lazy)

    def _return_type(self, recv: JType, owner: str, m: MethodFacts, site: CallSite, ctx: MethodContext) -> JType:
        ref = m.return_type
        if ref is None:
            return None
        if ref.name in m.type_params:
            # <T> T get(Class<T> cls): a class literal argument decides
            for p, a in zip(m.params, site.args, strict=False):
                if p.type is not None and p.type.name == "Class" and p.type.args and p.type.args[0].name == ref.name:
                    if a.kind == "class":
                        fqn = self.index.resolve_type(a.text, ctx.cls)
                        if fqn:
                            return JType(fqn)
            return unknown("generic-return")
        return self.jtype(ref, owner, self.env_for(recv, owner), m)
