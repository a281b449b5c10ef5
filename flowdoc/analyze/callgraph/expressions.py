"""The static type of an expression (a mixin of :class:`~.resolve.Resolver`)."""

from __future__ import annotations

from flowdoc.analyze.callgraph.types import STRING, JType, MethodContext, unknown
from flowdoc.model.facts import Expr, FieldFacts


class ExpressionTypes:
    """Types of expressions: names, fields, literals, calls (chained through return types)."""

    def type_of(self, ctx: MethodContext, expr: Expr) -> JType:
        return self._typed(ctx, expr)[0]

    def _typed(self, ctx: MethodContext, expr: Expr) -> tuple[JType, tuple[str, FieldFacts] | None]:
        """The static type of an expression, and the field it reads when it is one."""
        kind = expr.kind
        if kind == "name":
            return self._name_type(ctx, expr.text)
        if kind == "this":
            if not expr.text:
                return JType(ctx.cls), None
            return self._field_path(JType(ctx.cls), expr.text.split("."))
        if kind == "call":
            result = self.site(ctx, int(expr.text))
            if result is None:
                return unknown("call"), None
            if result.value is None and result.lazy is not None:
                result.value = self._return_type(*result.lazy, ctx)
                result.lazy = None
            if result.value is not None:
                return result.value, None
            if result.status == "external":
                return unknown("external-call-result"), None
            return unknown("unresolved-call-result"), None
        if kind == "new" or kind == "cast":
            fqn = self.index.resolve_type(expr.text, ctx.cls)
            if fqn is None and expr.text in self.index.types:
                fqn = expr.text
            if fqn is None:
                full = self._anonymous_fqn(ctx.cls, expr.text)
                if full is not None:
                    return JType(full), None
                return unknown("unknown-type"), None
            return JType(fqn), None
        if kind == "str":
            return JType(STRING), None
        if kind == "num":
            text = expr.text.lower()
            if text.endswith("l"):
                return JType("long"), None
            if "." in text or text.endswith(("f", "d")) and not text.startswith("0x"):
                return JType("double"), None
            return JType("int"), None
        if kind == "bool":
            return JType("boolean"), None
        if kind == "char":
            return JType("char"), None
        if kind == "null":
            return JType("null"), None
        if kind == "class":
            return JType("java.lang.Class"), None
        if kind == "super":
            sup = self.index.superclass(ctx.cls)
            return (JType(sup) if sup else unknown("external-super")), None
        if kind == "outer_this":
            fqn = self.index.resolve_type(expr.text, ctx.cls)
            return (JType(fqn) if fqn else unknown("unknown-type")), None
        if kind == "binop":
            if expr.text == "+" and any(self._typed(ctx, i)[0].fqn == STRING for i in expr.items[:2]):
                return JType(STRING), None
            if expr.text in ("==", "!=", "<", ">", "<=", ">=", "&&", "||", "instanceof"):
                return JType("boolean"), None
            return unknown("expression"), None
        if kind == "field":
            if not expr.items:
                return unknown("expression"), None
            base = self._typed(ctx, expr.items[0])[0]
            return self._field_path(base, [expr.text])
        if kind == "index":
            if not expr.items:
                return unknown("expression"), None
            base = self._typed(ctx, expr.items[0])[0]
            if base.fqn is not None and base.dims > 0:
                return JType(base.fqn, base.args, base.dims - 1), None
            return unknown("expression"), None
        if kind == "ternary":
            for item in expr.items[1:]:
                t = self._typed(ctx, item)[0]
                if t.fqn is not None and t.fqn != "null":
                    return t, None
            return unknown("expression"), None
        if kind in ("lambda", "methodref"):
            return unknown("lambda"), None
        return unknown("expression"), None

    def _anonymous_fqn(self, cls: str, qualname: str) -> str | None:
        package = self.index.package_of.get(cls, "")
        full = f"{package}.{qualname}" if package else qualname
        return full if full in self.index.types else None

    def _name_type(self, ctx: MethodContext, text: str) -> tuple[JType, tuple[str, FieldFacts] | None]:
        segments = text.split(".")
        found = self.lookup_name(ctx, segments[0])
        if found is not None:
            jt, origin = found
            if len(segments) == 1:
                return jt, origin
            return self._field_path(jt, segments[1:])
        index = self.index
        for cut in range(1, len(segments) + 1):
            fqn = index.resolve_type(".".join(segments[:cut]), ctx.cls)
            if fqn is not None:
                if cut == len(segments):
                    return JType(fqn, static=True), None
                return self._field_path(JType(fqn, static=True), segments[cut:])
        return unknown("unknown-name"), None

    def _field_path(self, base: JType, names: list[str]) -> tuple[JType, tuple[str, FieldFacts] | None]:
        index = self.index
        current = base
        origin = None
        for name in names:
            fqn = current.fqn
            if fqn is None:
                return current, None
            if current.dims and name == "length":
                current, origin = JType("int"), None
                continue
            if fqn not in index.types:
                return unknown("external-field"), None
            found = index.find_field(fqn, name)
            if found is not None:
                owner, f = found
                current, origin = self.jtype(f.type, owner, self.env_for(current, owner)), found
                continue
            facts = index.types[fqn]
            if name in facts.enum_constants or any(
                    name in (index.types[s].enum_constants if s in index.types else ())
                    for s in index.supertypes(fqn)):
                current, origin = JType(fqn), None
                continue
            if current.static:
                member = index.member_type(fqn, name)
                if member is not None:
                    current, origin = JType(member, static=True), None
                    continue
            if self.has_external_super(fqn):
                return unknown("external-field"), None
            return unknown("unknown-name"), None
        return current, origin
