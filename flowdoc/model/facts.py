"""Per-file facts: frozen, picklable dataclasses produced by the parser front end.

Everything here is plain data. Later stages (symbols, api, callgraph) read these and never
touch javalang. Strings are kept as written in the source (simple or dotted names); name
resolution to fully qualified names happens in :mod:`flowdoc.analyze.symbols`.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field, fields

from flowdoc.model.problems import Problem
from flowdoc.store import safe_pickle


def _pickled_by_constructor(cls):
    """Pickle as ``cls(*values)``: twice as fast to load as slotted dataclasses' default
    ``__setstate__``, which matters when a warm run loads a whole tree's facts."""
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self):
        return (cls, tuple([getattr(self, n) for n in names]))

    cls.__reduce__ = __reduce__
    return cls


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class TypeRef:
    """A type as written: ``name`` is dotted (``Map.Entry``), ``args`` its type arguments."""

    name: str
    args: tuple[TypeRef, ...] = ()
    dims: int = 0

    def __str__(self) -> str:
        text = self.name
        if self.args:
            text += "<" + ", ".join(str(a) for a in self.args) + ">"
        return text + "[]" * self.dims

    @property
    def simple(self) -> str:
        """The last segment of the name (``Entry`` for ``Map.Entry``)."""
        return self.name.rsplit(".", 1)[-1]


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Expr:
    """A small, resolvable picture of an expression.

    ``kind`` says what it is; ``text`` carries the payload; ``items`` the sub-expressions:

    - ``str`` (unquoted value), ``num``, ``char``, ``bool``, ``null``: literals
    - ``name``: a dotted name as written (``x``, ``ApiConstants.ID``, ``a.b.c``)
    - ``class``: a class literal, ``text`` is the type name (``Foo`` for ``Foo.class``)
    - ``array``: an array initializer or annotation array, ``items`` the elements
    - ``binop``: ``text`` the operator, ``items`` the operands (chains of +, && and || flat)
    - ``this``: ``text`` the field path after ``this`` ("" for ``this`` itself)
    - ``outer_this``: ``Outer.this``, ``text`` the outer type name; ``super``: ``super``
    - ``call``: the value of call site number ``text`` of the same method
    - ``new``: a new object, ``text`` the type; ``cast``: ``text`` the target type
    - ``field``: field ``text`` of ``items[0]``; ``index``: element of array ``items[0]``
    - ``annotation``: an annotation inside another one, ``text`` its name, ``items`` its
      elements as ``element`` exprs (``text`` the key, ``items[0]`` the value)
    - ``lambda``, ``methodref``, ``ternary``, ``unknown``: no static type is derived
    """

    kind: str
    text: str = ""
    items: tuple[Expr, ...] = ()


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Annotation:
    """An annotation with its element values; a single unnamed value is stored as ``value``."""

    name: str
    values: tuple[tuple[str, Expr], ...] = ()
    line: int = 0  # the line of the ``@``; 0 where javalang gave no position

    @property
    def simple(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    def get(self, key: str) -> Expr | None:
        for name, value in self.values:
            if name == key:
                return value
        return None

    @staticmethod
    def nested(expr: Expr) -> Annotation | None:
        """The annotation an ``annotation`` expression denotes (inside ``@X({@Y(...)})``)."""
        if expr.kind != "annotation":
            return None
        return Annotation(expr.text, tuple((i.text, i.items[0]) for i in expr.items if i.kind == "element" and i.items))


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class CallSite:
    """One method call: ``receiver`` is what it is called on, ``args`` its arguments.

    ``kind`` is ``call`` for ``x.m(...)``, ``super`` for ``super.m(...)``, ``this`` for an
    explicit ``this(...)``/``super(...)`` constructor call (member ``<init>``), ``ref`` for a
    method reference ``X::m`` (argument count unknown, ``args`` empty).
    """

    member: str
    receiver: Expr
    args: tuple[Expr, ...]
    line: int
    kind: str = "call"


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Creation:
    """``new T(...)``; ``anonymous`` names the anonymous class type it declares, if any."""

    type: TypeRef
    args: tuple[Expr, ...]
    line: int
    anonymous: str | None = None


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class InstanceOfCheck:
    """``subject instanceof type`` at ``line``; ``subject`` is the tested expression."""

    type: TypeRef
    subject: Expr
    line: int


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Variable:
    """A parameter or local variable with its declared type (``None`` for untyped lambdas);
    ``iterates``: for the variable of an enhanced ``for``, the expression it iterates over (a call
    on it reaches an element of that collection: each adapter of an injected list)."""

    name: str
    type: TypeRef | None
    annotations: tuple[Annotation, ...] = ()
    iterates: Expr | None = None


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class InstanceOfGuard:
    """``if (cond) {then} else {other}`` where ``cond`` tests variables with ``instanceof``.

    ``atoms``: the condition as nested ``("or"|"and", (...))`` / ``("not", x)`` /
    ``("is", subject, type as written)`` / ``("?",)`` (anything else); ``then_lines`` and
    ``else_lines``: the lines of each branch's statements (a line shared with the other
    branch, such as ``} else {``, belongs to neither)."""

    atoms: tuple
    then_lines: tuple[int, ...]
    else_lines: tuple[int, ...]


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class MethodBody:
    """What a method's body does: its calls (in source order), creations, checks, locals;
    the branches of its ``instanceof`` guards; for a command-list method (``getCommands()``)
    or a method of its class, the condition under which each class literal is added (only
    those added under a condition: class literal as written -> condition text)."""

    calls: tuple[CallSite, ...] = ()
    creations: tuple[Creation, ...] = ()
    instanceofs: tuple[InstanceOfCheck, ...] = ()
    locals: tuple[Variable, ...] = ()
    guards: tuple[InstanceOfGuard, ...] = ()
    literal_conditions: tuple[tuple[str, str], ...] = ()


class UnusableBody(Exception):
    """A method body from the cache that cannot be rebuilt (corrupt, foreign, or naming a
    global outside the allow-list): the pipeline discards its file's entry and rescans it."""


class LazyBody:
    """A :class:`MethodBody` kept as pickled bytes until first read.

    Bodies are most of a tree's facts (CloudStack: ~460,000 call sites), and declarations
    alone serve the scan summary and the API model. Keeping bodies as one bytes object each
    makes a warm run load a few hundred thousand objects instead of a few million; the call
    graph pays for the bodies it reads.
    """

    __slots__ = ("_blob", "_body")

    def __init__(self, body: MethodBody | None = None, blob: bytes | None = None) -> None:
        self._body = body
        self._blob = blob

    def get(self) -> MethodBody:
        """The body; :class:`UnusableBody` when its bytes (from the cache) do not unpickle
        through the allow-list into a MethodBody."""
        if self._body is None:
            # Checked here, not when the entry loads: scanning every blob's opcodes up front
            # would take 6.4 s on CloudStack 4.22, four times a warm scan.
            try:
                body = safe_pickle.loads(self._blob)  # the blob came from the cache: data only
            except Exception as exc:
                raise UnusableBody(f"{type(exc).__name__}: {exc}") from None
            if not isinstance(body, MethodBody):
                raise UnusableBody(f"holds a {type(body).__name__}")
            self._body = body
            self._blob = None  # keep one copy in memory, not two
        return self._body

    def __reduce__(self):
        blob = self._blob
        if blob is None:
            blob = pickle.dumps(self._body, protocol=pickle.HIGHEST_PROTOCOL)
        return (LazyBody, (None, blob))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyBody) and self.get() == other.get()

    def __hash__(self) -> int:
        return hash(self.get())

    def __repr__(self) -> str:
        return f"LazyBody({self.get()!r})"


EMPTY_BODY = LazyBody(MethodBody())


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class MethodFacts:
    """A method or constructor (``name == "<init>"``) and what its body does."""

    name: str
    params: tuple[Variable, ...]
    return_type: TypeRef | None
    modifiers: frozenset[str]
    annotations: tuple[Annotation, ...]
    line: int
    end_line: int
    javadoc: str | None = None
    throws: tuple[str, ...] = ()
    type_params: tuple[str, ...] = ()
    varargs: bool = False
    has_body: bool = True
    body: LazyBody = field(default_factory=lambda: EMPTY_BODY)
    call_count: int = 0
    default: Expr | None = None  # an annotation element's ``default`` value

    @property
    def calls(self) -> tuple[CallSite, ...]:
        return self.body.get().calls

    @property
    def creations(self) -> tuple[Creation, ...]:
        return self.body.get().creations

    @property
    def instanceofs(self) -> tuple[InstanceOfCheck, ...]:
        return self.body.get().instanceofs

    @property
    def locals(self) -> tuple[Variable, ...]:
        return self.body.get().locals

    @property
    def guards(self) -> tuple[InstanceOfGuard, ...]:
        return self.body.get().guards

    @property
    def literal_conditions(self) -> tuple[tuple[str, str], ...]:
        return self.body.get().literal_conditions

    @property
    def is_constructor(self) -> bool:
        return self.name == "<init>"

    @property
    def signature(self) -> str:
        """``name(SimpleType,...)``: the id suffix used by the call graph."""
        return f"{self.name}({','.join(_erased(p.type) for p in self.params)})"


def _erased(ref: TypeRef | None) -> str:
    if ref is None:
        return "?"
    return ref.simple + "[]" * ref.dims


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class FieldFacts:
    """A field; ``initializer`` is kept so constants can be evaluated later."""

    name: str
    type: TypeRef
    modifiers: frozenset[str]
    annotations: tuple[Annotation, ...]
    line: int
    initializer: Expr | None = None
    javadoc: str | None = None


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class TypeFacts:
    """A class, interface, enum or annotation type declared in a file.

    ``qualname`` is the name inside the package: ``Outer.Inner``; anonymous classes are
    ``Outer$1`` (numbered per file in source order) and ``outer`` names the enclosing type.
    """

    name: str
    qualname: str
    kind: str  # class | interface | enum | annotation
    modifiers: frozenset[str]
    annotations: tuple[Annotation, ...]
    extends: tuple[TypeRef, ...]
    implements: tuple[TypeRef, ...]
    fields: tuple[FieldFacts, ...]
    methods: tuple[MethodFacts, ...]
    line: int
    end_line: int
    javadoc: str | None = None
    type_params: tuple[str, ...] = ()
    outer: str | None = None
    enclosing_method: str | None = None
    anonymous: bool = False
    enum_constants: tuple[str, ...] = ()

    def annotation(self, simple_name: str) -> Annotation | None:
        for ann in self.annotations:
            if ann.simple == simple_name:
                return ann
        return None


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Import:
    """``import [static] path[.*]``."""

    path: str
    static: bool = False
    wildcard: bool = False


@_pickled_by_constructor
@dataclass(frozen=True, slots=True)
class FileFacts:
    """Everything flowdoc knows about one ``.java`` file; ``path`` is relative, POSIX."""

    path: str
    sha: str
    package: str
    imports: tuple[Import, ...] = ()
    types: tuple[TypeFacts, ...] = ()
    lines: int = 0
    problems: tuple[Problem, ...] = field(default=())
    parsed: bool = True
