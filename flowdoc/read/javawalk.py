"""The statement and expression walk of the Java front end: a method body's calls, object
creations, ``instanceof`` checks and locals, each expression as a resolvable
:class:`~flowdoc.model.facts.Expr` (see :mod:`flowdoc.read.javaparse` for javalang's gaps)."""

from __future__ import annotations

from dataclasses import dataclass, field

from javalang import tree as jt

from flowdoc.model.facts import (
    EMPTY_BODY,
    CallSite,
    Creation,
    Expr,
    InstanceOfCheck,
    LazyBody,
    MethodBody,
    Variable,
)
from flowdoc.read.javanodes import UNKNOWN, E, Parenthesized, T, literal, to_typeref


@dataclass
class MethodScope:
    """What is collected while walking one method (or a type's initializers)."""

    line: int
    calls: list[CallSite] = field(default_factory=list)
    creations: list[Creation] = field(default_factory=list)
    instanceofs: list[InstanceOfCheck] = field(default_factory=list)
    locals: list[Variable] = field(default_factory=list)

    def body(self) -> LazyBody:
        if not (self.calls or self.creations or self.instanceofs or self.locals):
            return EMPTY_BODY
        return LazyBody(MethodBody(tuple(self.calls), tuple(self.creations), tuple(self.instanceofs), tuple(self.locals)))

    def add_call(self, call: CallSite) -> Expr:
        self.calls.append(call)
        return E("call", str(len(self.calls) - 1))



class ExpressionWalker:
    """Statements and expressions of one file (a mixin of :class:`~flowdoc.read.javadecl.FileBuilder`,
    whose declarations it calls back for anonymous classes and annotations)."""

    # ---- statements: a generic walk that hands expressions to _expr

    def _walk(self, node, scope: MethodScope, owner: str, method: str) -> None:
        if isinstance(node, list):
            for item in node:
                self._walk(item, scope, owner, method)
            return
        if not isinstance(node, jt.Node):
            return
        pos = getattr(node, "_position", None)
        if pos is not None:
            scope.line = pos.line
        if isinstance(node, jt.Expression) or isinstance(node, jt.ElementArrayValue):
            self._expr(node, scope, owner, method)
            return
        if isinstance(node, jt.EnhancedForControl) and node.var is not None and node.iterable is not None:
            iterable = self._expr(node.iterable, scope, owner, method)
            var = node.var
            vtype = to_typeref(var.type)
            annotations = tuple(self._annotation(a) for a in var.annotations or [])
            for declarator in var.declarators or ():
                scope.locals.append(Variable(declarator.name, vtype, annotations, iterable))
            return
        if isinstance(node, jt.LocalVariableDeclaration) or isinstance(node, jt.VariableDeclaration):
            vtype = to_typeref(node.type)
            annotations = tuple(self._annotation(a) for a in node.annotations or [])
            for declarator in node.declarators:
                dims = len(declarator.dimensions or ())
                t = T(vtype.name, vtype.args, vtype.dims + dims) if dims else vtype
                scope.locals.append(Variable(declarator.name, t, annotations))
                if declarator.initializer is not None:
                    self._expr(declarator.initializer, scope, owner, method)
            return
        if isinstance(node, jt.FormalParameter):  # catch-less parameters, for-each in old shapes
            scope.locals.append(Variable(node.name, to_typeref(node.type)))
            return
        if isinstance(node, jt.CatchClauseParameter):
            names = node.types or []
            scope.locals.append(Variable(node.name, T(names[0]) if len(names) == 1 else T("Exception")))
            return
        if isinstance(node, jt.TryResource):
            scope.locals.append(Variable(node.name, to_typeref(node.type)))
            self._expr(node.value, scope, owner, method)
            return
        if isinstance(node, (jt.ClassDeclaration, jt.InterfaceDeclaration, jt.EnumDeclaration)):
            self._type(node, owner, method)  # a local class
            return
        for child in node.children:
            if isinstance(child, (jt.Node, list)):
                self._walk(child, scope, owner, method)

    # ---- expressions: record calls, return a resolvable picture of the value

    def _expr(self, node, scope: MethodScope, owner: str, method: str) -> Expr:
        if node is None:
            return UNKNOWN
        pos = getattr(node, "_position", None)
        if pos is not None:
            scope.line = pos.line
        line = scope.line
        value: Expr
        selectors = getattr(node, "selectors", None) or []
        if isinstance(node, jt.Literal):
            value = literal(node.value)
        elif isinstance(node, jt.MethodInvocation):
            receiver = E("name", node.qualifier) if node.qualifier else E("implicit")
            args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
            value = scope.add_call(CallSite(node.member, receiver, args, line))
        elif isinstance(node, jt.SuperMethodInvocation):
            args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
            value = scope.add_call(CallSite(node.member, E("super"), args, line, "super"))
        elif isinstance(node, jt.ExplicitConstructorInvocation):
            args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
            value = scope.add_call(CallSite("<init>", E("this"), args, line, "this"))
        elif isinstance(node, jt.SuperConstructorInvocation):
            args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
            value = scope.add_call(CallSite("<init>", E("super"), args, line, "super"))
        elif isinstance(node, jt.MemberReference):
            if node.qualifier:
                value = E("name", f"{node.qualifier}.{node.member}")
            else:
                value = E("name", node.member)
        elif isinstance(node, jt.This):
            value = E("this")
            if node.qualifier:  # Outer.this
                value = E("outer_this", node.qualifier)
        elif isinstance(node, jt.ClassReference):
            ref = to_typeref(node.type)
            value = E("class", str(ref) if ref else "?")
        elif isinstance(node, jt.ClassCreator):
            value = self._creation(node, scope, owner, method)
        elif isinstance(node, jt.ArrayCreator):
            ref = to_typeref(node.type)
            for d in node.dimensions or []:
                if d is not None:
                    self._expr(d, scope, owner, method)
            if node.initializer is not None:
                self._expr(node.initializer, scope, owner, method)
            value = E("new", f"{ref}{'[]' * len(node.dimensions or [1])}" if ref else "?")
        elif isinstance(node, jt.Cast):
            self._expr(node.expression, scope, owner, method)
            ref = to_typeref(node.type)
            value = E("cast", str(ref) if ref else "?")
        elif isinstance(node, Parenthesized):
            value = self._expr(node.expression, scope, owner, method)
        elif isinstance(node, jt.BinaryOperation):
            if node.operator == "instanceof":
                subject = self._expr(node.operandl, scope, owner, method)
                ref = to_typeref(node.operandr)
                if ref is not None:
                    scope.instanceofs.append(InstanceOfCheck(ref, subject, line))
                value = E("bool")
            else:
                value = self._binop(node, scope, owner, method)
        elif isinstance(node, jt.TernaryExpression):
            self._expr(node.condition, scope, owner, method)
            a = self._expr(node.if_true, scope, owner, method)
            b = self._expr(node.if_false, scope, owner, method)
            value = E("ternary", "", (a, b))
        elif isinstance(node, jt.Assignment):
            self._expr(node.expressionl, scope, owner, method)
            value = self._expr(node.value, scope, owner, method)
        elif isinstance(node, jt.LambdaExpression):
            for p in node.parameters or []:
                if isinstance(p, jt.FormalParameter):
                    scope.locals.append(Variable(p.name, to_typeref(p.type)))
                elif isinstance(p, jt.InferredFormalParameter):
                    scope.locals.append(Variable(p.name, None))
                elif isinstance(p, jt.MemberReference):
                    scope.locals.append(Variable(p.member, None))
            self._walk(node.body, scope, owner, method)
            value = E("lambda")
        elif isinstance(node, jt.MethodReference):
            target = node.expression
            receiver = self._expr(target, scope, owner, method) if target is not None else UNKNOWN
            member = node.method.member if isinstance(node.method, jt.MemberReference) else str(node.method)
            if member == "new":
                member = "<init>"
            scope.add_call(CallSite(member, receiver, (), line, "ref"))
            value = E("methodref")
        elif isinstance(node, (jt.ArrayInitializer, jt.ElementArrayValue)):
            items = node.initializers if isinstance(node, jt.ArrayInitializer) else node.values
            value = E("array", "", tuple(self._expr(i, scope, owner, method) for i in items or []))
        elif isinstance(node, jt.Annotation):  # nested: @SecondaryTables({@SecondaryTable(name = "x")})
            element = node.element
            if element is None:
                pairs = []
            elif isinstance(element, list):
                pairs = [(pair.name, pair.value) for pair in element]
            else:
                pairs = [("value", element)]
            value = E("annotation", node.name,
                      tuple(E("element", key, (self._expr(v, scope, owner, method),)) for key, v in pairs))
        elif isinstance(node, jt.Node):
            for child in node.children:
                if isinstance(child, (jt.Node, list)):
                    self._walk(child, scope, owner, method)
            value = UNKNOWN
        else:
            value = UNKNOWN
        if selectors:
            value = self._selectors(value, selectors, scope, owner, method)
        if getattr(node, "prefix_operators", None) and value.kind not in ("unknown",):
            ops = node.prefix_operators
            if ops == ["-"] and value.kind == "num":
                value = E("num", "-" + value.text)
            elif "!" in ops:
                value = E("bool")
        return value

    def _binop(self, node, scope: MethodScope, owner: str, method: str) -> Expr:
        """``a + b + c ...`` as one flat binop. javalang nests such chains to the left, one
        level per operand; walking them iteratively keeps a 3,000-part string constant from
        exhausting the stack, and flat items keep pickling shallow."""
        operator = node.operator
        rights = []
        left = node
        while (
            isinstance(left, jt.BinaryOperation)
            and left.operator == operator
            and not getattr(left, "selectors", None)
            and not getattr(left, "prefix_operators", None)
        ):
            rights.append(left.operandr)
            left = left.operandl
        operands = [self._expr(left, scope, owner, method)]
        operands.extend(self._expr(r, scope, owner, method) for r in reversed(rights))
        if operator in ("+", "&&", "||") or len(operands) == 2:
            return E("binop", operator, tuple(operands))
        value = operands[0]  # non-associative operators keep their left-nested shape
        for right in operands[1:]:
            value = E("binop", operator, (value, right))
        return value

    def _creation(self, node, scope: MethodScope, owner: str, method: str) -> Expr:
        ref = to_typeref(node.type) or T("?")
        line = scope.line
        args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
        anonymous = None
        if node.body is not None:
            anonymous = self._anonymous(node.body, owner, method, ref, line)
        scope.creations.append(Creation(ref, args, line, anonymous))
        return E("new", anonymous if anonymous else str(ref))

    def _selectors(self, base: Expr, selectors: list, scope: MethodScope, owner: str, method: str) -> Expr:
        current = base
        for sel in selectors:
            pos = getattr(sel, "_position", None)
            if pos is not None:
                scope.line = pos.line
            if isinstance(sel, jt.MethodInvocation):
                args = tuple(self._expr(a, scope, owner, method) for a in sel.arguments or [])
                current = scope.add_call(CallSite(sel.member, current, args, scope.line))
                if sel.selectors:
                    current = self._selectors(current, sel.selectors, scope, owner, method)
            elif isinstance(sel, jt.MemberReference):
                if current.kind == "this":
                    current = E("this", f"{current.text}.{sel.member}" if current.text else sel.member)
                elif current.kind == "name":
                    current = E("name", f"{current.text}.{sel.member}")
                else:
                    current = E("field", sel.member, (current,))
            elif isinstance(sel, jt.ArraySelector):
                self._expr(sel.index, scope, owner, method)
                current = E("index", "", (current,))
            elif isinstance(sel, jt.ClassCreator):
                current = self._creation(sel, scope, owner, method)
            elif isinstance(sel, jt.SuperMethodInvocation):
                args = tuple(self._expr(a, scope, owner, method) for a in sel.arguments or [])
                current = scope.add_call(CallSite(sel.member, E("super"), args, scope.line, "super"))
            else:
                self._walk(sel, scope, owner, method)
                current = UNKNOWN
        return current


