"""The resolver: the static type of every receiver, so that each call site is bound from
its receiver's type, never by name alone. Its parts are mixins, one module each:
:mod:`.expressions` (expression types), :mod:`.sites` (binding a call site),
:mod:`.overloads` (choosing among overloads, constructors), :mod:`.dispatch` (the
implementations a virtual call reaches). This module has the lookups they share: methods
across supertypes, written types as :class:`~.types.JType`, type variables, variables and
fields in scope, static imports."""

from __future__ import annotations

from flowdoc.analyze.callgraph.dispatch import Dispatch
from flowdoc.analyze.callgraph.expressions import ExpressionTypes
from flowdoc.analyze.callgraph.overloads import Overloads
from flowdoc.analyze.callgraph.sites import SiteBinding
from flowdoc.analyze.callgraph.types import PRIMITIVES, RUNNABLE_TYPES, JType, MethodContext, unknown
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import FieldFacts, MethodFacts, TypeRef
from flowdoc.read.spring import Injection

_NO_METHODS: list = []


class Resolver(ExpressionTypes, SiteBinding, Overloads, Dispatch):
    """Resolves the call sites of one tree (memos are per instance: one per graph build)."""

    def __init__(self, index: SymbolIndex, injection: Injection, main: frozenset[str]) -> None:
        self.index = index
        self.injection = injection
        self.main = main  # FQNs of types in main (non-test) sources
        self._methods_memo: dict[tuple[str, str], list[tuple[str, MethodFacts]]] = {}
        self._jtype_memo: dict[tuple[str, int, str], JType] = {}
        self._impls_memo: dict[str, tuple[str, ...]] = {}
        self._dispatch_memo: dict[tuple[str, str, int], tuple[tuple[str, MethodFacts], ...]] = {}
        self._external_super_memo: dict[str, bool] = {}
        self._encl_vars_memo: dict[str, dict[str, TypeRef | None]] = {}
        self._runnable_memo: dict[str, bool] = {}
        self._mid_memo: dict[tuple[str, int], str] = {}
        self._by_name: dict[str, dict[str, list[tuple[str, MethodFacts]]]] = {}
        self._scope_memo: dict[tuple[str, str], tuple | None] = {}
        self._static_memo: dict[tuple[str, str, bool], str | None] = {}
        self._sig_memo: dict[int, str] = {}
        self._env_memo: dict[tuple[JType, str], dict[str, JType] | None] = {}

    def mid(self, owner: str, m: MethodFacts) -> str:
        key = (owner, id(m))
        found = self._mid_memo.get(key)
        if found is None:
            found = self._mid_memo[key] = f"{owner}.{self.sig(m)}"
        return found

    def sig(self, m: MethodFacts) -> str:
        found = self._sig_memo.get(id(m))
        if found is None:
            found = self._sig_memo[id(m)] = m.signature
        return found

    # ---------------------------------------------------------------- lookups
    def methods(self, fqn: str, name: str) -> list[tuple[str, MethodFacts]]:
        """Methods ``name`` of the type and its supertypes, most specific first, one per signature."""
        table = self._by_name.get(fqn)
        if table is None:
            table = self._by_name[fqn] = self.index.methods_table(fqn)
        return table.get(name, _NO_METHODS)

    def has_external_super(self, fqn: str) -> bool:
        """True when some supertype is outside the tree or unresolved (members may come from it)."""
        memo = self._external_super_memo.get(fqn)
        if memo is not None:
            return memo
        index = self.index
        result = False
        for t in (fqn, *index.supertypes(fqn)):
            for s in index.super_refs.get(t, ()):
                if s.fqn is None or s.fqn not in index.types:
                    result = True
                    break
            if result:
                break
        facts = index.types.get(fqn)
        if facts is not None and facts.kind == "enum":
            result = True
        self._external_super_memo[fqn] = result
        return result

    def is_runnable(self, fqn: str) -> bool:
        memo = self._runnable_memo.get(fqn)
        if memo is None:
            memo = any(s in RUNNABLE_TYPES for s in self.index.supertypes(fqn))
            self._runnable_memo[fqn] = memo
        return memo

    def jtype(self, ref: TypeRef | None, context: str, env: dict[str, JType] | None = None,
              method: MethodFacts | None = None) -> JType:
        """The static type a written type denotes in ``context`` (type variables via ``env``)."""
        if ref is None:
            return unknown("untyped")
        name = ref.name
        if env and name in env:
            bound = env[name]
            return JType(bound.fqn, bound.args, bound.dims + ref.dims, origin=bound.origin) if ref.dims else bound
        if method is not None and name in method.type_params:
            return unknown("generic")
        cacheable = env is None and not ref.args
        if cacheable:
            key = (name, ref.dims, context)
            memo = self._jtype_memo.get(key)
            if memo is not None:
                return memo
        if name in PRIMITIVES:
            result = JType(name, (), ref.dims)
        elif name == "var":
            result = unknown("var")
        else:
            fqn = self.index.resolve_type(name, context)
            if fqn is None:
                result = unknown("generic" if self._is_type_var(name, context) else "unknown-type")
            else:
                args = tuple(self.jtype(a, context, env, method) for a in ref.args) if ref.args else ()
                result = JType(fqn, args, ref.dims)
        if cacheable:
            self._jtype_memo[key] = result
        return result

    def _is_type_var(self, name: str, context: str) -> bool:
        current: str | None = context
        while current is not None:
            facts = self.index.types.get(current)
            if facts is None:
                return False
            if name in facts.type_params:
                return True
            current = self.index.outer_of.get(current)
        return False

    def env_for(self, recv: JType, owner: str) -> dict[str, JType] | None:
        """Type-variable bindings of ``owner`` as seen through the receiver type."""
        key = (recv, owner)
        if key in self._env_memo:
            return self._env_memo[key]
        env = self._env_for(recv, owner)
        self._env_memo[key] = env
        return env

    def _env_for(self, recv: JType, owner: str) -> dict[str, JType] | None:
        index = self.index
        rfqn = recv.fqn
        if rfqn is None or rfqn not in index.types:
            return None
        own_params = index.types[rfqn].type_params
        own_env = {p: a for p, a in zip(own_params, recv.args, strict=False)} if recv.args else {}
        if owner == rfqn:
            return own_env or None
        binding = index.type_bindings(rfqn).get(owner)
        if not binding:
            return None
        env: dict[str, JType] = {}
        for param, value in binding.items():
            if value in own_env:
                env[param] = own_env[value]
            elif value in own_params:
                continue
            elif "." in value or value in index.types:
                env[param] = JType(value)
        return env or None

    # --------------------------------------------------------------- variables
    def vars_of(self, ctx: MethodContext) -> dict[str, TypeRef | None]:
        if ctx.vars is None:
            table: dict[str, TypeRef | None] = {}
            for v in ctx.method.locals:
                if v.name not in table or table[v.name] is None:
                    table[v.name] = v.type
            for p in ctx.method.params:
                table[p.name] = p.type
            ctx.vars = table
        return ctx.vars

    def _element_of(self, ctx: MethodContext, name: str) -> tuple[str, FieldFacts, bool] | None:
        """For the variable of ``for (X x : field)``: ``(owner, field, True)``, an element of the
        field's collection (the injection of a list of adapters decides its classes)."""
        if ctx.iterables is None:
            counts: dict[str, int] = {}
            for v in (*ctx.method.params, *ctx.method.locals):
                counts[v.name] = counts.get(v.name, 0) + 1
            ctx.iterables = {v.name: v.iterates for v in ctx.method.locals
                             if v.iterates is not None and counts[v.name] == 1}
        expr = ctx.iterables.get(name)
        if expr is None:
            return None
        ctx.iterables[name] = None  # a cycle of names (not valid Java, but facts are data) ends here
        try:
            origin = self._typed(ctx, expr)[1]
        finally:
            ctx.iterables[name] = expr
        return None if origin is None or len(origin) > 2 else (origin[0], origin[1], True)

    def enclosing_vars(self, cls: str) -> dict[str, TypeRef | None]:
        """Parameters and locals of the method an anonymous or local class is declared in."""
        memo = self._encl_vars_memo.get(cls)
        if memo is not None:
            return memo
        table: dict[str, TypeRef | None] = {}
        facts = self.index.types.get(cls)
        outer = self.index.outer_of.get(cls)
        if facts is not None and facts.enclosing_method and outer in self.index.types:
            for m in self.index.types[outer].methods:
                if m.name == facts.enclosing_method:
                    for v in (*m.params, *m.locals):
                        table.setdefault(v.name, v.type)
        self._encl_vars_memo[cls] = table
        return table

    def lookup_name(self, ctx: MethodContext, name: str) -> tuple[JType, tuple[str, FieldFacts] | None] | None:
        """A simple name as a variable or field: (type, (owner, field) when a field)."""
        table = self.vars_of(ctx)
        if name in table:
            ref = table[name]
            if ref is None:
                return unknown("lambda-param"), None
            return self.jtype(ref, ctx.cls, method=ctx.method), self._element_of(ctx, name)
        key = (ctx.cls, name)
        memo = self._scope_memo
        if key in memo:
            return memo[key]
        found = memo[key] = self._lookup_in_scope(ctx.cls, name)
        return found

    def _lookup_in_scope(self, cls: str, name: str) -> tuple[JType, tuple[str, FieldFacts] | None] | None:
        """A name as a field of the class or its enclosing classes, a captured local of an
        enclosing method, or a statically imported field."""
        index = self.index
        current: str | None = cls
        while current is not None:
            found = index.find_field(current, name)
            if found is not None:
                owner, f = found
                return self.jtype(f.type, owner), found
            facts = index.types.get(current)
            if facts is not None and name in facts.enum_constants:
                return JType(current), None
            if facts is not None and facts.enclosing_method:
                encl = self.enclosing_vars(current)
                if name in encl:
                    ref = encl[name]
                    outer = index.outer_of.get(current, current)
                    return (self.jtype(ref, outer) if ref is not None else unknown("lambda-param")), None
            current = index.outer_of.get(current)
        # static imports of fields
        owner = self._static_import_owner(cls, name, fields=True)
        if owner is not None:
            if owner in index.types:
                found = index.find_field(owner, name)
                if found is not None:
                    return self.jtype(found[1].type, found[0]), found
            else:
                return unknown("external-field"), None
        return None

    def _static_import_owner(self, cls: str, member: str, fields: bool) -> str | None:
        index = self.index
        top = cls
        while top in index.outer_of:
            top = index.outer_of[top]
        key = (top, member, fields)
        if key in self._static_memo:
            return self._static_memo[key]
        found = self._static_import_owner_uncached(top, member, fields)
        self._static_memo[key] = found
        return found

    def _static_import_owner_uncached(self, top: str, member: str, fields: bool) -> str | None:
        index = self.index
        ff = index.file_facts(top)
        if ff is None:
            return None
        for imp in ff.imports:
            if imp.static and not imp.wildcard and imp.path.rsplit(".", 1)[-1] == member:
                owner_name = imp.path.rsplit(".", 1)[0]
                return index.resolve_type(owner_name, top) or owner_name
        for imp in ff.imports:
            if imp.static and imp.wildcard:
                owner = index.resolve_type(imp.path, top)
                if owner in index.types:
                    if fields and index.find_field(owner, member) is not None:
                        return owner
                    if not fields and self.methods(owner, member):
                        return owner
        return None
