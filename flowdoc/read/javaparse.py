"""The parser front end (with :mod:`flowdoc.read.javatokens`, the only javalang users): text -> facts.

javalang 0.13 has gaps that would silently lose facts; each is handled here, once:

- ``T[]::new`` and ``T<A>::m`` method references do not parse: :func:`rewrite_method_refs`
  blanks the offending characters before parsing, keeping every line and column in place.
- A call chained after a parenthesized expression (``((T) x).m()``) is parsed but its
  selectors hang off a node attribute that tree walks never visit: :class:`_Parser` wraps
  parenthesized primaries in :class:`Parenthesized`, whose selectors are walked.
- Many nodes have no position: the walker carries the line of the nearest positioned
  ancestor (:attr:`_MethodScope.line`).
- Annotation and constant string values keep their quotes: :func:`unquote` strips them.
- Qualifiers are dotted strings (``a.b`` for ``a.b.m()``): kept as ``Expr("name", "a.b")``.
- ``Type.<T>method()`` loses the method name (the receiver takes its place): restored in
  :meth:`_Parser.parse_primary`.
- End lines are not recorded: :func:`_block_end_lines` matches braces on the token stream.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from javalang import tree as jt
from javalang.parser import JavaSyntaxError, Parser
from javalang.tokenizer import LexerError

from flowdoc.model.facts import (
    EMPTY_BODY,
    Annotation,
    CallSite,
    Creation,
    Expr,
    FieldFacts,
    FileFacts,
    Import,
    InstanceOfCheck,
    LazyBody,
    MethodBody,
    MethodFacts,
    TypeFacts,
    TypeRef,
    Variable,
)
from flowdoc.model.problems import Problem
from flowdoc.read.javatokens import tokenize_java

UNKNOWN = Expr("unknown")

# Identical expressions and type references share one object per file: fewer objects to
# pickle and to load on a warm run. Reset by parse_java for every file.
_INTERNED: dict = {}


def _E(kind: str, text: str = "", items: tuple = ()) -> Expr:
    key = ("E", kind, text, items)
    found = _INTERNED.get(key)
    if found is None:
        found = _INTERNED[key] = Expr(kind, text, items)
    return found


def _T(name: str, args: tuple = (), dims: int = 0) -> TypeRef:
    key = ("T", name, args, dims)
    found = _INTERNED.get(key)
    if found is None:
        found = _INTERNED[key] = TypeRef(name, args, dims)
    return found


# `String[]::new`, `int[][]::new`  and  `List<String>::size`, `Map<K, List<V>>::get`
_ARRAY_CTOR_REF = re.compile(r"(?<=[\w>])(\s*(?:\[\s*\]\s*)+)(?=::)")
_GENERIC_TYPE_REF = re.compile(r"(?<=[\w])(<(?:[^<>;(){}=]|<(?:[^<>;(){}=]|<[^<>;(){}=]*>)*>)*>)(?=\s*::)")


def rewrite_method_refs(text: str) -> str:
    """Blank out the parts of method references javalang cannot parse, keeping positions.

    ``String[]::new`` becomes ``String  ::new`` and ``List<String>::size`` becomes
    ``List        ::size``: same lines and columns, and a reference javalang accepts.
    """
    if "::" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(1))

    text = _ARRAY_CTOR_REF.sub(blank, text)
    return _GENERIC_TYPE_REF.sub(blank, text)


class Parenthesized(jt.Primary):
    """A parenthesized expression used as a primary, so that its selectors are walked."""

    attrs = ("expression",)


class _Parser(Parser):
    """javalang's parser with the parenthesized-selector fix and faster look-ahead.

    ``accept``/``would_accept``/``try_accept`` run several hundred thousand times per
    thousand files; these versions index the token list directly and behave the same.
    """

    def parse_primary(self):  # noqa: D401 - javalang's naming
        if self.tokens.look().value == "(":
            return Parenthesized(expression=self.parse_par_expression())
        primary = super().parse_primary()
        generic_member = getattr(primary, "_generic_member", None)
        if generic_member is not None:
            # `Collections.<T>emptyList()`: javalang overwrites the method name with the last
            # identifier before `.<`; put the receiver back into the qualifier.
            primary.qualifier = f"{primary.qualifier}.{primary.member}" if primary.qualifier else primary.member
            primary.member = generic_member
        return primary

    def parse_identifier_suffix(self):
        suffix = super().parse_identifier_suffix()
        if isinstance(suffix, jt.MethodInvocation) and suffix.type_arguments:
            suffix._generic_member = suffix.member  # only the `.<T>name(...)` form sets both
        return suffix

    def would_accept(self, *accepts):
        stream = self.tokens
        tokens = stream.list
        start = stream.marker
        n = len(tokens)
        if len(accepts) == 1:
            token = tokens[start] if start < n else stream.default
            accept = accepts[0]
            return token.value == accept if type(accept) is str else isinstance(token, accept)
        for i, accept in enumerate(accepts):
            k = start + i
            token = tokens[k] if k < n else stream.default
            if type(accept) is str:
                if token.value != accept:
                    return False
            elif not isinstance(token, accept):
                return False
        return True

    def accept(self, *accepts):
        stream = self.tokens
        tokens = stream.list
        last = None
        for accept in accepts:
            k = stream.marker
            if k >= len(tokens):
                raise StopIteration  # what javalang's next() on an exhausted stream raises
            token = stream.value = tokens[k]
            stream.marker = k + 1
            if type(accept) is str:
                if token.value != accept:
                    self.illegal(f"Expected '{accept}'")
            elif not isinstance(token, accept):
                self.illegal(f"Expected {accept.__name__}")
            last = token
        return last.value

    def try_accept(self, *accepts):
        if not self.would_accept(*accepts):
            return False
        stream = self.tokens
        stream.marker += len(accepts)
        stream.value = stream.list[stream.marker - 1] if stream.marker <= len(stream.list) else stream.default
        return True


def unquote(literal: str) -> str:
    """The value of a Java string literal as written (``"a\\"b"`` -> ``a"b``)."""
    if len(literal) >= 2 and literal[0] == literal[-1] and literal[0] in "\"'":
        body = literal[1:-1]
        if "\\" in body:
            body = re.sub(r"\\(u[0-9a-fA-F]{4}|.)", _unescape, body)
        return body
    return literal


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.startswith("u") and len(code) == 5:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def parse_java(path: str, text: str, sha: str = "") -> FileFacts:
    """Parse one file's text into facts; failures come back as problems, never raised."""
    lines = text.count("\n") + 1
    _INTERNED.clear()
    try:
        source = rewrite_method_refs(text)
        tokens = list(tokenize_java(source))
        unit = _Parser(tokens).parse_compilation_unit()
    except JavaSyntaxError as exc:
        line = exc.at.position.line if getattr(exc, "at", None) is not None and exc.at.position else 1
        detail = exc.description or "syntax error"
        near = f" near {exc.at.value!r}" if getattr(exc, "at", None) is not None else ""
        return _failed(path, sha, lines, line, "parse-error", f"{detail}{near}")
    except LexerError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return _failed(path, sha, lines, int(match.group(1)) if match else 1, "lex-error", str(exc))
    except (RecursionError, Exception) as exc:  # javalang raises bare exceptions on odd input
        return _failed(path, sha, lines, 1, "parse-error", f"{type(exc).__name__}: {exc}")
    builder = _FileBuilder(path, tokens)
    try:
        types = builder.build(unit)
    except RecursionError:
        return _failed(path, sha, lines, 1, "parse-error", "expression nesting too deep")
    package = unit.package.name if unit.package else ""
    imports = tuple(Import(i.path, bool(i.static), bool(i.wildcard)) for i in unit.imports)
    return FileFacts(path, sha, package, imports, tuple(types), lines, tuple(builder.problems))


def _failed(path: str, sha: str, lines: int, line: int, kind: str, message: str) -> FileFacts:
    return FileFacts(path, sha, "", lines=lines, problems=(Problem(path, line, kind, message),), parsed=False)


# --------------------------------------------------------------------------- small converters


def to_typeref(node) -> TypeRef | None:
    """javalang type node -> TypeRef (``? extends X`` becomes ``X``; ``?`` stays ``?``)."""
    if node is None:
        return None
    if isinstance(node, jt.TypeArgument):
        if node.type is None:
            return _T("?")
        return to_typeref(node.type)
    name = node.name
    args: tuple[TypeRef, ...] = ()
    if getattr(node, "arguments", None):
        args = tuple(a for a in (to_typeref(x) for x in node.arguments) if a is not None)
    sub = getattr(node, "sub_type", None)
    while sub is not None:  # Map.Entry<K, V> is ReferenceType(Map, sub_type=Entry<K, V>)
        name = f"{name}.{sub.name}"
        if sub.arguments:
            args = tuple(a for a in (to_typeref(x) for x in sub.arguments) if a is not None)
        sub = sub.sub_type
    dims = len(node.dimensions) if getattr(node, "dimensions", None) else 0
    return _T(name, args, dims)


def _clean_javadoc(doc: str | None) -> str | None:
    if not doc:
        return None
    body = doc.strip()
    body = body.removeprefix("/**").removesuffix("*/")
    lines = [re.sub(r"^\s*\*\s?", "", line).rstrip() for line in body.splitlines()]
    text = "\n".join(lines).strip()
    return text or None


def _line_of(node, default: int) -> int:
    pos = getattr(node, "_position", None)
    return pos.line if pos else default


# --------------------------------------------------------------------------- the walk


@dataclass
class _MethodScope:
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
        return _E("call", str(len(self.calls) - 1))


class _FileBuilder:
    """Turns one compilation unit into TypeFacts; one instance per file."""

    def __init__(self, path: str, tokens: list) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.types: list[TypeFacts] = []
        self._anon_counter: dict[str, int] = {}
        self._end_lines = _block_end_lines(tokens)

    def build(self, unit) -> list[TypeFacts]:
        for decl in unit.types:
            self._type(decl, outer=None, enclosing_method=None)
        return self.types

    # ---- declarations

    def _type(
        self, decl, outer: str | None, enclosing_method: str | None,
        anon_name: str | None = None, anon_base: TypeRef | None = None, anon_line: int = 1,
    ) -> str:
        if anon_name is not None:
            name, qualname, kind = anon_name.rsplit(".", 1)[-1], anon_name, "class"
        else:
            name = decl.name
            qualname = f"{outer}.{name}" if outer else name
            kind = {
                jt.ClassDeclaration: "class",
                jt.InterfaceDeclaration: "interface",
                jt.EnumDeclaration: "enum",
                jt.AnnotationDeclaration: "annotation",
            }.get(type(decl), "class")
        line = anon_line if anon_name is not None else _line_of(decl, 1)
        extends: tuple[TypeRef, ...] = ()
        implements: tuple[TypeRef, ...] = ()
        if anon_base is not None:  # an anonymous class extends or implements what it is created as
            extends = (anon_base,)
        if anon_name is None:
            raw_ext = getattr(decl, "extends", None)
            if isinstance(raw_ext, list):
                extends = tuple(t for t in map(to_typeref, raw_ext) if t)
            elif raw_ext is not None:
                extends = (to_typeref(raw_ext),)
            implements = tuple(t for t in map(to_typeref, getattr(decl, "implements", None) or []) if t)
        body = decl if isinstance(decl, list) else (decl.body or [])
        enum_constants: tuple[str, ...] = ()
        if isinstance(body, jt.EnumBody):
            enum_constants = tuple(c.name for c in body.constants)
            const_bodies = [c for c in body.constants if c.body]
            body = list(body.declarations or [])
            for const in const_bodies:  # enum constants with bodies are anonymous subclasses
                self._anonymous(const.body, qualname, None, _T(qualname), _line_of(const, line))
        fields: list[FieldFacts] = []
        methods: list[MethodFacts] = []
        init_scope = _MethodScope(line)
        for member in body:
            if isinstance(member, jt.FieldDeclaration) or isinstance(member, jt.ConstantDeclaration):
                fields.extend(self._fields(member, qualname, init_scope, kind == "interface"))
            elif isinstance(member, (jt.MethodDeclaration, jt.ConstructorDeclaration)):
                methods.append(self._method(member, qualname, kind == "interface"))
            elif isinstance(member, jt.AnnotationMethod):
                methods.append(self._annotation_method(member))
            elif isinstance(member, (jt.ClassDeclaration, jt.InterfaceDeclaration, jt.EnumDeclaration, jt.AnnotationDeclaration)):
                self._type(member, qualname, None)
            elif isinstance(member, list) or isinstance(member, jt.BlockStatement) or isinstance(member, jt.Statement):
                init_scope.line = _line_of(member, init_scope.line)
                self._walk(member, init_scope, qualname, "<init>")
        if init_scope.calls or init_scope.creations:
            methods.append(
                MethodFacts(
                    "<clinit>", (), None, frozenset({"synthetic"}), (), line, line,
                    body=init_scope.body(), call_count=len(init_scope.calls),
                )
            )
        modifiers = frozenset(getattr(decl, "modifiers", None) or ())
        annotations = tuple(self._annotation(a) for a in getattr(decl, "annotations", None) or [])
        type_params = tuple(p.name for p in getattr(decl, "type_parameters", None) or [])
        facts = TypeFacts(
            name=name,
            qualname=qualname,
            kind=kind,
            modifiers=modifiers,
            annotations=annotations,
            extends=extends,
            implements=implements,
            fields=tuple(fields),
            methods=tuple(methods),
            line=line,
            end_line=max([m.end_line for m in methods] + [line]) if anon_name else self._end_line(decl, line),
            javadoc=_clean_javadoc(getattr(decl, "documentation", None)),
            type_params=type_params,
            outer=outer,
            enclosing_method=enclosing_method,
            anonymous=anon_name is not None,
            enum_constants=enum_constants,
        )
        self.types.append(facts)
        return qualname

    def _anonymous(self, body: list, outer: str, enclosing_method: str | None, base: TypeRef, line: int) -> str:
        top = outer.split("$", 1)[0].split(".", 1)[0]
        self._anon_counter[top] = self._anon_counter.get(top, 0) + 1
        anon = f"{outer}${self._anon_counter[top]}"
        return self._type(body, outer, enclosing_method, anon_name=anon, anon_base=base, anon_line=line)

    def _fields(self, decl, owner: str, scope: _MethodScope, in_interface: bool) -> list[FieldFacts]:
        modifiers = frozenset(decl.modifiers or ())
        if in_interface:  # interface fields are implicitly public static final
            modifiers = modifiers | {"public", "static", "final"}
        annotations = tuple(self._annotation(a) for a in decl.annotations or [])
        base_type = to_typeref(decl.type)
        line = _line_of(decl, scope.line)
        doc = _clean_javadoc(decl.documentation)
        out = []
        for declarator in decl.declarators:
            ftype = base_type
            if declarator.dimensions:
                ftype = _T(base_type.name, base_type.args, base_type.dims + len(declarator.dimensions))
            init = None
            if declarator.initializer is not None:
                scope.line = _line_of(declarator, line)
                init = self._expr(declarator.initializer, scope, owner, "<init>")
            out.append(FieldFacts(declarator.name, ftype, modifiers, annotations, _line_of(declarator, line), init, doc))
        return out

    def _annotation_method(self, decl) -> MethodFacts:
        line = _line_of(decl, 1)
        default = None
        if decl.default is not None:
            default = self._expr(decl.default, _MethodScope(line), "", "")
        return MethodFacts(
            decl.name, (), to_typeref(decl.return_type), frozenset(decl.modifiers or ()),
            tuple(self._annotation(a) for a in decl.annotations or []), line, line, has_body=False,
            default=default,
        )

    def _method(self, decl, owner: str, in_interface: bool) -> MethodFacts:
        is_ctor = isinstance(decl, jt.ConstructorDeclaration)
        name = "<init>" if is_ctor else decl.name
        line = _line_of(decl, 1)
        scope = _MethodScope(line)
        params = []
        varargs = False
        for p in decl.parameters or []:
            ptype = to_typeref(p.type)
            if p.varargs:
                varargs = True
                ptype = _T(ptype.name, ptype.args, ptype.dims + 1)
            params.append(Variable(p.name, ptype, tuple(self._annotation(a) for a in p.annotations or [])))
        body = decl.body
        if body is not None:
            self._walk(body, scope, owner, name)
        modifiers = frozenset(decl.modifiers or ())
        if in_interface and body is None and "static" not in modifiers:
            modifiers = modifiers | {"abstract"}
        return MethodFacts(
            name=name,
            params=tuple(params),
            return_type=None if is_ctor else to_typeref(decl.return_type),
            modifiers=modifiers,
            annotations=tuple(self._annotation(a) for a in decl.annotations or []),
            line=line,
            end_line=self._end_line(decl, line),
            javadoc=_clean_javadoc(decl.documentation),
            throws=tuple(decl.throws or ()),
            type_params=tuple(p.name for p in decl.type_parameters or []),
            varargs=varargs,
            has_body=body is not None,
            body=scope.body(),
            call_count=len(scope.calls),
        )

    def _end_line(self, decl, line: int) -> int:
        pos = getattr(decl, "_position", None)
        if pos is None:
            return line
        return self._end_lines(pos.line, pos.column, line)

    def _annotation(self, ann) -> Annotation:
        element = ann.element
        scope = _MethodScope(_line_of(ann, 1))
        if element is None:
            values: tuple[tuple[str, Expr], ...] = ()
        elif isinstance(element, list):
            values = tuple((pair.name, self._expr(pair.value, scope, "", "")) for pair in element)
        else:
            values = (("value", self._expr(element, scope, "", "")),)
        return Annotation(ann.name, values, _line_of(ann, 0))

    # ---- statements: a generic walk that hands expressions to _expr

    def _walk(self, node, scope: _MethodScope, owner: str, method: str) -> None:
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
        if isinstance(node, jt.LocalVariableDeclaration) or isinstance(node, jt.VariableDeclaration):
            vtype = to_typeref(node.type)
            annotations = tuple(self._annotation(a) for a in node.annotations or [])
            for declarator in node.declarators:
                dims = len(declarator.dimensions or ())
                t = _T(vtype.name, vtype.args, vtype.dims + dims) if dims else vtype
                scope.locals.append(Variable(declarator.name, t, annotations))
                if declarator.initializer is not None:
                    self._expr(declarator.initializer, scope, owner, method)
            return
        if isinstance(node, jt.FormalParameter):  # catch-less parameters, for-each in old shapes
            scope.locals.append(Variable(node.name, to_typeref(node.type)))
            return
        if isinstance(node, jt.CatchClauseParameter):
            names = node.types or []
            scope.locals.append(Variable(node.name, _T(names[0]) if len(names) == 1 else _T("Exception")))
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

    def _expr(self, node, scope: _MethodScope, owner: str, method: str) -> Expr:
        if node is None:
            return UNKNOWN
        pos = getattr(node, "_position", None)
        if pos is not None:
            scope.line = pos.line
        line = scope.line
        value: Expr
        selectors = getattr(node, "selectors", None) or []
        if isinstance(node, jt.Literal):
            value = _literal(node.value)
        elif isinstance(node, jt.MethodInvocation):
            receiver = _E("name", node.qualifier) if node.qualifier else _E("implicit")
            args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
            value = scope.add_call(CallSite(node.member, receiver, args, line))
        elif isinstance(node, jt.SuperMethodInvocation):
            args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
            value = scope.add_call(CallSite(node.member, _E("super"), args, line, "super"))
        elif isinstance(node, jt.ExplicitConstructorInvocation):
            args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
            value = scope.add_call(CallSite("<init>", _E("this"), args, line, "this"))
        elif isinstance(node, jt.SuperConstructorInvocation):
            args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
            value = scope.add_call(CallSite("<init>", _E("super"), args, line, "super"))
        elif isinstance(node, jt.MemberReference):
            if node.qualifier:
                value = _E("name", f"{node.qualifier}.{node.member}")
            else:
                value = _E("name", node.member)
        elif isinstance(node, jt.This):
            value = _E("this")
            if node.qualifier:  # Outer.this
                value = _E("outer_this", node.qualifier)
        elif isinstance(node, jt.ClassReference):
            ref = to_typeref(node.type)
            value = _E("class", str(ref) if ref else "?")
        elif isinstance(node, jt.ClassCreator):
            value = self._creation(node, scope, owner, method)
        elif isinstance(node, jt.ArrayCreator):
            ref = to_typeref(node.type)
            for d in node.dimensions or []:
                if d is not None:
                    self._expr(d, scope, owner, method)
            if node.initializer is not None:
                self._expr(node.initializer, scope, owner, method)
            value = _E("new", f"{ref}{'[]' * len(node.dimensions or [1])}" if ref else "?")
        elif isinstance(node, jt.Cast):
            self._expr(node.expression, scope, owner, method)
            ref = to_typeref(node.type)
            value = _E("cast", str(ref) if ref else "?")
        elif isinstance(node, Parenthesized):
            value = self._expr(node.expression, scope, owner, method)
        elif isinstance(node, jt.BinaryOperation):
            if node.operator == "instanceof":
                subject = self._expr(node.operandl, scope, owner, method)
                ref = to_typeref(node.operandr)
                if ref is not None:
                    scope.instanceofs.append(InstanceOfCheck(ref, subject, line))
                value = _E("bool")
            else:
                value = self._binop(node, scope, owner, method)
        elif isinstance(node, jt.TernaryExpression):
            self._expr(node.condition, scope, owner, method)
            a = self._expr(node.if_true, scope, owner, method)
            b = self._expr(node.if_false, scope, owner, method)
            value = _E("ternary", "", (a, b))
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
            value = _E("lambda")
        elif isinstance(node, jt.MethodReference):
            target = node.expression
            receiver = self._expr(target, scope, owner, method) if target is not None else UNKNOWN
            member = node.method.member if isinstance(node.method, jt.MemberReference) else str(node.method)
            if member == "new":
                member = "<init>"
            scope.add_call(CallSite(member, receiver, (), line, "ref"))
            value = _E("methodref")
        elif isinstance(node, (jt.ArrayInitializer, jt.ElementArrayValue)):
            items = node.initializers if isinstance(node, jt.ArrayInitializer) else node.values
            value = _E("array", "", tuple(self._expr(i, scope, owner, method) for i in items or []))
        elif isinstance(node, jt.Annotation):
            value = _E("unknown", f"@{node.name}")
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
                value = _E("num", "-" + value.text)
            elif "!" in ops:
                value = _E("bool")
        return value

    def _binop(self, node, scope: _MethodScope, owner: str, method: str) -> Expr:
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
            return _E("binop", operator, tuple(operands))
        value = operands[0]  # non-associative operators keep their left-nested shape
        for right in operands[1:]:
            value = _E("binop", operator, (value, right))
        return value

    def _creation(self, node, scope: _MethodScope, owner: str, method: str) -> Expr:
        ref = to_typeref(node.type) or _T("?")
        line = scope.line
        args = tuple(self._expr(a, scope, owner, method) for a in node.arguments or [])
        anonymous = None
        if node.body is not None:
            anonymous = self._anonymous(node.body, owner, method, ref, line)
        scope.creations.append(Creation(ref, args, line, anonymous))
        return _E("new", anonymous if anonymous else str(ref))

    def _selectors(self, base: Expr, selectors: list, scope: _MethodScope, owner: str, method: str) -> Expr:
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
                    current = _E("this", f"{current.text}.{sel.member}" if current.text else sel.member)
                elif current.kind == "name":
                    current = _E("name", f"{current.text}.{sel.member}")
                else:
                    current = _E("field", sel.member, (current,))
            elif isinstance(sel, jt.ArraySelector):
                self._expr(sel.index, scope, owner, method)
                current = _E("index", "", (current,))
            elif isinstance(sel, jt.ClassCreator):
                current = self._creation(sel, scope, owner, method)
            elif isinstance(sel, jt.SuperMethodInvocation):
                args = tuple(self._expr(a, scope, owner, method) for a in sel.arguments or [])
                current = scope.add_call(CallSite(sel.member, _E("super"), args, scope.line, "super"))
            else:
                self._walk(sel, scope, owner, method)
                current = UNKNOWN
        return current


def _literal(raw: str) -> Expr:
    if raw.startswith('"'):
        return _E("str", unquote(raw))
    if raw.startswith("'"):
        return _E("char", unquote(raw))
    if raw in ("true", "false"):
        return _E("bool", raw)
    if raw == "null":
        return _E("null")
    return _E("num", raw)


def _block_end_lines(tokens: list):
    """Return ``end(line, column, default)``: the line of the ``}`` (or ``;``) closing the
    declaration that starts at (line, column), found by matching braces on the tokens."""
    positions = [(t.position.line, t.position.column) for t in tokens]
    values = [t.value for t in tokens]
    close_of: dict[int, int] = {}
    stack: list[int] = []
    for i, v in enumerate(values):
        if v == "{":
            stack.append(i)
        elif v == "}" and stack:
            close_of[stack.pop()] = i

    def end(line: int, column: int, default: int) -> int:
        i = bisect_left(positions, (line, column))
        depth = 0
        n = len(values)
        while i < n:
            v = values[i]
            if v in ("(", "["):
                depth += 1
            elif v in (")", "]"):
                depth -= 1
            elif depth == 0 and v == ";":
                return positions[i][0]
            elif depth == 0 and v == "{":
                j = close_of.get(i)
                return positions[j][0] if j is not None else default
            i += 1
        return default

    return end
