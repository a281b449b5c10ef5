"""The resolver's small data types: static types (:class:`JType`), one resolved call site
(:class:`SiteResult`), one method being resolved (:class:`MethodContext`), and the Java
names resolution knows by heart."""

from __future__ import annotations

from dataclasses import dataclass, field

from flowdoc.model.facts import Expr, MethodFacts, TypeRef

OBJECT_METHODS = frozenset({"toString", "equals", "hashCode", "getClass", "wait", "notify", "notifyAll",
                            "clone", "finalize"})
ENUM_METHODS = frozenset({"name", "ordinal", "values", "valueOf", "compareTo", "getDeclaringClass"})
RUNNABLE_TYPES = frozenset({"java.lang.Runnable", "java.util.concurrent.Callable", "java.lang.Thread",
                            "java.util.TimerTask"})
ENTRY_NAMES = ("run", "call")
PRIMITIVES = frozenset({"int", "long", "short", "byte", "char", "boolean", "float", "double", "void"})
BOXES = {"int": "java.lang.Integer", "long": "java.lang.Long", "short": "java.lang.Short",
         "byte": "java.lang.Byte", "char": "java.lang.Character", "boolean": "java.lang.Boolean",
         "float": "java.lang.Float", "double": "java.lang.Double"}
NUMERIC = ("byte", "short", "char", "int", "long", "float", "double")
STRING = "java.lang.String"


@dataclass(frozen=True, slots=True)
class JType:
    """A static type: ``fqn`` (inside or outside the tree, a primitive, or None when unknown),
    type arguments, array dimensions; ``static`` when the expression names the type itself."""

    fqn: str | None
    args: tuple[JType, ...] = ()
    dims: int = 0
    static: bool = False
    origin: str = ""  # why the type is unknown (reason), when fqn is None


def unknown(reason: str) -> JType:
    return JType(None, origin=reason)


@dataclass(slots=True)
class SiteResult:
    status: str  # internal | external | unresolved
    targets: list[tuple[str, str, str]] = field(default_factory=list)  # (node id, edge kind, bean class)
    ambiguous: bool = False
    text: str | None = None  # the unknown target's text
    reason: str | None = None
    value: JType | None = None  # the call's value type, for chained calls
    self_call: bool = False  # receiver is this/implicit: may be rebound to a subclass override
    lazy: tuple | None = None  # (receiver, owner, method, site): the value type, computed when asked


class MethodContext:
    """One method being resolved: its class, facts, variables and chained-call values."""

    __slots__ = ("cls", "method", "vars", "iterables", "results", "busy")

    def __init__(self, cls: str, method: MethodFacts) -> None:
        self.cls = cls
        self.method = method
        self.vars: dict[str, TypeRef | None] | None = None
        # enhanced-for variables declared once in the method -> what they iterate (being looked up: None)
        self.iterables: dict[str, Expr | None] | None = None
        self.results: dict[int, SiteResult] = {}
        self.busy: set[int] = set()


def object_value(member: str) -> JType | None:
    """Value types of java.lang.Object's methods."""
    return {"getClass": JType("java.lang.Class"), "toString": JType(STRING), "hashCode": JType("int"),
            "equals": JType("boolean")}.get(member)
