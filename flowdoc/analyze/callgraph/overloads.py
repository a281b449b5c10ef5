"""Choosing among overloads by argument types, as Java does (a mixin of :class:`~.resolve.Resolver`)."""

from __future__ import annotations

from flowdoc.analyze.callgraph.types import BOXES, NUMERIC, PRIMITIVES, JType, MethodContext
from flowdoc.model.facts import CallSite, Expr, MethodFacts, TypeRef


class Overloads:
    """Overload choice (arity, argument types, most specific) and constructor choice."""

    def _choose_overload(self, ctx: MethodContext, site: CallSite, candidates):
        if not candidates:
            return []
        n = len(site.args)
        fitting = [(o, m) for o, m in candidates
                   if len(m.params) == n or (m.varargs and n >= len(m.params) - 1)]
        if len(fitting) <= 1:
            return fitting
        exact = [(o, m) for o, m in fitting if len(m.params) == n and not m.varargs]
        if exact and len(exact) < len(fitting):
            fitting = exact
            if len(fitting) == 1:
                return fitting
        arg_types = [self.type_of(ctx, a) for a in site.args]
        best_score = -1
        best = []
        for owner, m in fitting:
            score = 0
            for k, at in enumerate(arg_types):
                p = m.params[min(k, len(m.params) - 1)]
                s = self._compat(at, p.type, owner, m, varargs=m.varargs and k >= len(m.params) - 1)
                if s < 0:
                    score = -1
                    break
                score += s
            if score > best_score:
                best_score, best = score, [(owner, m)]
            elif score == best_score and score >= 0:
                best.append((owner, m))
        if best_score < 0:
            return fitting  # nothing fits the known types: keep them all, marked ambiguous
        if len(best) > 1:
            best = self._most_specific(best)
        return best

    def _most_specific(self, candidates):
        """Java's rule among applicable overloads: drop a candidate when another one's parameter
        types are all subtypes of its own (``f(Sub)`` beats ``f(Base)``)."""
        def types(owner, m):
            return [self.jtype(p.type, owner).fqn for p in m.params]

        typed = [(c, types(*c)) for c in candidates]
        index = self.index

        def narrower(a, b):  # every parameter of a is a subtype of b's, and one strictly
            strict = False
            for x, y in zip(a, b, strict=False):
                if x is None or y is None:
                    return False
                if x == y:
                    continue
                if x in index.types and index.is_subtype(x, y):
                    strict = True
                    continue
                return False
            return strict

        kept = [c for c, t in typed if not any(narrower(t2, t) for c2, t2 in typed if c2 is not c)]
        return kept or candidates

    def _compat(self, arg: JType, param: TypeRef | None, owner: str, m: MethodFacts, varargs: bool) -> int:
        """3 exact, 2 subtype/boxing, 1 unknown or generic, -1 incompatible."""
        if param is None or arg.fqn is None:
            return 1
        if param.name in m.type_params or self._is_type_var(param.name, owner):
            return 1
        pt = self.jtype(param, owner)
        if pt.fqn is None:
            return 1
        pdims = pt.dims - (1 if varargs and arg.dims < pt.dims else 0)
        a, p = arg.fqn, pt.fqn
        if a == "null":
            return 2 if (p not in PRIMITIVES or pdims) else -1
        if arg.dims != pdims:
            return 1 if p == "java.lang.Object" else -1
        if a == p:
            return 3
        if a in PRIMITIVES or p in PRIMITIVES:
            if BOXES.get(a) == p or BOXES.get(p) == a:
                return 2
            if a in NUMERIC and p in NUMERIC:
                return 2 if NUMERIC.index(a) < NUMERIC.index(p) else -1
            if p == "java.lang.Object" or (a in PRIMITIVES and p in ("java.lang.Number", "java.io.Serializable")):
                return 1
            return -1
        if p == "java.lang.Object":
            return 1
        index = self.index
        if a in index.types:
            if index.is_subtype(a, p):
                return 2
            if p in index.types or self.has_external_super(a) is False:
                return -1
            return 1
        if p in index.types:
            return -1  # an outside type cannot be a subtype of an in-tree one (nearly always)
        return 1  # two outside types: unknown relation

    def constructor(self, ctx: MethodContext, fqn: str, args: tuple[Expr, ...]) -> list[tuple[str, MethodFacts]]:
        facts = self.index.types.get(fqn)
        if facts is None:
            return []
        ctors = [(fqn, m) for m in facts.methods if m.is_constructor]
        if not ctors:
            return []
        fake = CallSite("<init>", Expr("implicit"), args, 0)
        return self._choose_overload(ctx, fake, ctors)
