"""The declaration walk of the Java front end: types, fields, methods, annotations -> facts."""

from __future__ import annotations

from bisect import bisect_left

from javalang import tree as jt

from flowdoc.model.facts import (
    Annotation,
    Creation,
    Expr,
    FieldFacts,
    MethodFacts,
    TypeFacts,
    TypeRef,
    Variable,
)
from flowdoc.model.problems import Problem
from flowdoc.read.javanodes import T, clean_javadoc, line_of, to_typeref
from flowdoc.read.javawalk import ExpressionWalker, MethodScope


class FileBuilder(ExpressionWalker):
    """Turns one compilation unit into TypeFacts; one instance per file."""

    def __init__(self, path: str, tokens: list) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.types: list[TypeFacts] = []
        self._anon_counter: dict[str, int] = {}
        self._end_lines = block_end_lines(tokens)

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
        line = anon_line if anon_name is not None else line_of(decl, 1)
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
        constants: list = []
        if isinstance(body, jt.EnumBody):
            constants = list(body.constants or [])
            enum_constants = tuple(c.name for c in body.constants)
            const_bodies = [c for c in body.constants if c.body]
            body = list(body.declarations or [])
            for const in const_bodies:  # enum constants with bodies are anonymous subclasses
                self._anonymous(const.body, qualname, None, T(qualname), line_of(const, line))
        fields: list[FieldFacts] = []
        methods: list[MethodFacts] = []
        init_scope = MethodScope(line)
        for const in constants:  # an enum constant with arguments constructs the enum: new E(args)
            if const.arguments:
                init_scope.line = line_of(const, init_scope.line)
                args = tuple(self._expr(a, init_scope, qualname, "<init>") for a in const.arguments)
                init_scope.creations.append(Creation(T(name), args, line_of(const, init_scope.line)))
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
                init_scope.line = line_of(member, init_scope.line)
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
            javadoc=clean_javadoc(getattr(decl, "documentation", None)),
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

    def _fields(self, decl, owner: str, scope: MethodScope, in_interface: bool) -> list[FieldFacts]:
        modifiers = frozenset(decl.modifiers or ())
        if in_interface:  # interface fields are implicitly public static final
            modifiers = modifiers | {"public", "static", "final"}
        annotations = tuple(self._annotation(a) for a in decl.annotations or [])
        base_type = to_typeref(decl.type)
        line = line_of(decl, scope.line)
        doc = clean_javadoc(decl.documentation)
        out = []
        for declarator in decl.declarators:
            ftype = base_type
            if declarator.dimensions:
                ftype = T(base_type.name, base_type.args, base_type.dims + len(declarator.dimensions))
            init = None
            if declarator.initializer is not None:
                scope.line = line_of(declarator, line)
                init = self._expr(declarator.initializer, scope, owner, "<init>")
            out.append(FieldFacts(declarator.name, ftype, modifiers, annotations, line_of(declarator, line), init, doc))
        return out

    def _annotation_method(self, decl) -> MethodFacts:
        line = line_of(decl, 1)
        default = None
        if decl.default is not None:
            default = self._expr(decl.default, MethodScope(line), "", "")
        return MethodFacts(
            decl.name, (), to_typeref(decl.return_type), frozenset(decl.modifiers or ()),
            tuple(self._annotation(a) for a in decl.annotations or []), line, line, has_body=False,
            default=default,
        )

    def _method(self, decl, owner: str, in_interface: bool) -> MethodFacts:
        is_ctor = isinstance(decl, jt.ConstructorDeclaration)
        name = "<init>" if is_ctor else decl.name
        line = line_of(decl, 1)
        scope = MethodScope(line)
        params = []
        varargs = False
        for p in decl.parameters or []:
            ptype = to_typeref(p.type)
            if p.varargs:
                varargs = True
                ptype = T(ptype.name, ptype.args, ptype.dims + 1)
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
            javadoc=clean_javadoc(decl.documentation),
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
        scope = MethodScope(line_of(ann, 1))
        if element is None:
            values: tuple[tuple[str, Expr], ...] = ()
        elif isinstance(element, list):
            values = tuple((pair.name, self._expr(pair.value, scope, "", "")) for pair in element)
        else:
            values = (("value", self._expr(element, scope, "", "")),)
        return Annotation(ann.name, values, line_of(ann, 0))


def block_end_lines(tokens: list):
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
