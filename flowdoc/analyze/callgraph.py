"""Call graph: every call site resolved from the receiver's static type, never by name alone.

``build_call_graph(scan, index) -> CallGraph``. Nodes are methods, ``pkg.Class.method(Simple,...)``
(constructors ``pkg.Class.<init>(...)``, anonymous classes ``pkg.Outer$1.run()``); calls that
cannot be resolved go to ``?:<text>`` nodes so they stay visible and countable. Every edge
carries ``kind``, ``file``, ``line``, ``ambiguous`` and ``site`` (the call site's index in the
caller, ``-1`` for creations), plus ``self_call`` (receiver ``this``/implicit, so a subclass
override may run) and ``bean`` (the bean class behind an ``inject`` edge) where they apply:

- ``call``: the statically bound target (the declared method, also when it is abstract);
- ``dispatch``: class-hierarchy analysis, the implementations a virtual call can reach;
- ``inject``: the call goes through an injected field, to the bean class Spring instantiates
  (see :class:`flowdoc.read.spring.Injection`);
- ``new``: a constructor call;
- ``async``: a runnable handed to another thread (an anonymous ``Runnable``/``Callable``
  created and not passed straight to an in-tree method) -> its entry methods.

An anonymous object passed straight as an argument (a ``TransactionCallback``, a comparator, a
listener) gets ``call`` edges from the creating method to its methods: the callee runs them.

Calls on types outside the tree (``java.*``, loggers, libraries) are counted as external and
not added. Receiver types come from locals, parameters, fields (inherited, and of enclosing
classes), ``this``/``super``/``Outer.this``, static type names, static imports, casts,
creations and chained calls through declared return types with simple generic substitution.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from flowdoc.analyze.handoffs import RULES as HANDOFF_RULES
from flowdoc.analyze.handoffs import HandoffRule, TreeView
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import CallSite, Expr, FieldFacts, MethodFacts, TypeFacts, TypeRef
from flowdoc.model.problems import Problem
from flowdoc.read.scan import ScanResult, is_test_path
from flowdoc.read.spring import Injection, SpringContext, load_spring_context

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

# What simple generic JDK types hand back: method -> index of the type argument returned,
# or ("self",) for fluent methods, or (container, index) for a container of that argument.
_ELEMENT_CONTAINERS = frozenset("""List ArrayList LinkedList Set HashSet TreeSet LinkedHashSet SortedSet
    NavigableSet Collection Queue Deque ArrayDeque Iterator ListIterator Iterable Optional Stack Vector
    CopyOnWriteArrayList BlockingQueue LinkedBlockingQueue PriorityQueue Future AtomicReference
    ThreadLocal Supplier Enumeration Stream ConcurrentLinkedQueue""".split())
_MAP_CONTAINERS = frozenset("""Map HashMap TreeMap LinkedHashMap ConcurrentHashMap ConcurrentMap Hashtable
    SortedMap NavigableMap EnumMap WeakHashMap IdentityHashMap""".split())
_ELEMENT_METHODS = frozenset("""get next previous remove poll peek pop first last getFirst getLast orElse
    orElseThrow orElseGet elementAt firstElement lastElement take pollFirst pollLast peekFirst peekLast
    removeFirst removeLast element nextElement ceiling floor higher lower""".split())
_SAME_CONTAINER_METHODS = frozenset("filter sorted distinct limit skip peek subList descendingIterator".split())
_STREAM_TO_OPTIONAL = frozenset("findFirst findAny min max".split())
_MAP_VALUE_METHODS = frozenset("get remove put getOrDefault putIfAbsent computeIfAbsent compute merge replace".split())
_JDK_FACTORIES = frozenset("""randomUUID fromString nameUUIDFromBytes currentThread getInstance now of ofNullable
    empty copyOf compile valueOf parse ofEpochMilli ofEpochSecond ofPattern getDefault""".split())
_STRING_RETURNING = frozenset("""trim strip toLowerCase toUpperCase substring replace replaceAll replaceFirst
    concat intern format valueOf join repeat stripLeading stripTrailing toString""".split())


@dataclass(frozen=True, slots=True)
class JType:
    """A static type: ``fqn`` (inside or outside the tree, a primitive, or None when unknown),
    type arguments, array dimensions; ``static`` when the expression names the type itself."""

    fqn: str | None
    args: tuple[JType, ...] = ()
    dims: int = 0
    static: bool = False
    origin: str = ""  # why the type is unknown (reason), when fqn is None


def _unknown(reason: str) -> JType:
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


@dataclass
class CallGraphStats:
    methods: int = 0  # method nodes
    # why the scan counts more methods than the graph has nodes
    methods_scanned: int = 0  # every method of every scanned file (what ``flowdoc scan`` reports)
    methods_in_tests: int = 0  # of test sources, left out of the graph
    methods_duplicate_types: int = 0  # of a class declared again under the same name (one is kept)
    methods_same_signature: int = 0  # same class and simple parameter types as another: one node
    call_sites: int = 0
    resolved: int = 0
    external: int = 0
    unresolved: int = 0
    ambiguous_sites: int = 0
    creations: int = 0
    unresolved_reasons: Counter = field(default_factory=Counter)
    edges: Counter = field(default_factory=Counter)
    injection: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def resolved_share(self) -> float:
        """Call sites whose target is known (in the tree, or a type outside it)."""
        return (self.resolved + self.external) / self.call_sites if self.call_sites else 1.0

    @property
    def inject_single_share(self) -> float:
        inj = self.injection
        total = sum(v for k, v in inj.items() if k in ("single", "spring", "named", "ambiguous", "none"))
        good = inj["single"] + inj["spring"] + inj["named"]
        return good / total if total else 1.0

    def methods_summary(self) -> str:
        """One line saying how the graph's method count relates to the scan's."""
        parts = [f"{self.methods_in_tests:,} in test sources (left out)"]
        if self.methods_duplicate_types:
            parts.append(f"{self.methods_duplicate_types:,} of classes declared twice under one name (one kept)")
        if self.methods_same_signature:
            parts.append(f"{self.methods_same_signature:,} sharing a class and signature with another (one node)")
        return f"{self.methods:,} method nodes of {self.methods_scanned:,} methods scanned: " + ", ".join(parts)

    def as_dict(self) -> dict:
        return {
            "methods": self.methods, "methods_scanned": self.methods_scanned,
            "methods_not_in_graph": {"test_sources": self.methods_in_tests,
                                     "duplicate_classes": self.methods_duplicate_types,
                                     "same_signature": self.methods_same_signature},
            "call_sites": self.call_sites, "resolved": self.resolved,
            "external": self.external, "unresolved": self.unresolved,
            "resolved_share": round(self.resolved_share, 4),
            "ambiguous_sites": self.ambiguous_sites, "creations": self.creations,
            "unresolved_reasons": dict(self.unresolved_reasons.most_common()),
            "edges": dict(sorted(self.edges.items())),
            "injection": dict(sorted(self.injection.items())),
            "inject_single_share": round(self.inject_single_share, 4),
            "seconds": round(self.seconds, 2),
        }


@dataclass
class CallGraph:
    """The whole-tree call graph: a networkx MultiDiGraph with string node ids, plus lookups."""

    graph: nx.MultiDiGraph
    index: SymbolIndex
    injection: Injection
    methods: dict[str, tuple[str, MethodFacts]]  # node id -> (class FQN, method)
    stats: CallGraphStats
    problems: tuple[Problem, ...] = ()
    _resolver: _Resolver | None = field(default=None, repr=False)
    root: str = ""  # the source tree, for reading method texts (instanceof branches)

    def node(self, node_id: str) -> dict:
        return self.graph.nodes[node_id]

    def method_of(self, node_id: str) -> tuple[str, MethodFacts] | None:
        return self.methods.get(node_id)

    def out_edges(self, node_id: str):
        """``(target, data)`` for each edge leaving ``node_id``, in call-site order."""
        if node_id not in self.graph:
            return []
        edges = [(v, d) for _, v, d in self.graph.out_edges(node_id, data=True)]
        edges.sort(key=lambda e: (e[1]["line"], e[1]["site"]))
        return edges

    def override_in(self, cls: str, node_id: str) -> str | None:
        """The method ``cls`` runs for ``node_id`` (its own override or an inherited one)."""
        found = self.method_of(node_id)
        if found is None or self._resolver is None:
            return None
        owner, m = found
        hit = self._resolver.override(cls, owner, m)
        return None if hit is None else method_id(*hit)

    def scope(self, node_id: str) -> _Scope | None:
        """Method ``node_id`` as hand-off rules see it (:class:`flowdoc.analyze.handoffs.MethodScope`),
        for later stages that read more than a call's targets (receiver types, fields read)."""
        found = self.methods.get(node_id)
        if found is None or self._resolver is None:
            return None
        owner, m = found
        return _Scope(self._resolver, _Ctx(owner, m), node_id, self.index.file_of.get(owner, ""))

    def find_inherited(self, class_name: str, method_name: str) -> list[str]:
        """Method nodes a class has by inheritance (``ClusteredAgentManagerImpl#send`` ->
        ``AgentManagerImpl.send(...)``); the class by FQN or simple name."""
        if self._resolver is None:
            return []
        name, _, params = method_name.partition("(")
        found = []
        for fqn in self.index.types:
            if fqn == class_name or fqn.rsplit(".", 1)[-1] == class_name:
                for owner, m in self._resolver.methods(fqn, name):
                    node = method_id(owner, m)
                    if node in self.methods and (not params or m.signature == method_name):
                        found.append(node)
        return sorted(set(found))

    def find_nodes(self, class_name: str, method_name: str | None = None) -> list[str]:
        """Method nodes of a class given by FQN or simple name (``method_name`` optional, may
        carry a parameter list)."""
        found = []
        for node_id, (owner, m) in self.methods.items():
            if owner != class_name and owner.rsplit(".", 1)[-1] != class_name:
                continue
            if method_name is None or m.name == method_name or m.signature == method_name:
                found.append(node_id)
        return sorted(found)


def method_id(owner: str, m: MethodFacts) -> str:
    return f"{owner}.{m.signature}"


def class_of(node_id: str) -> str:
    """The class part of a method node id (``pkg.Cls`` of ``pkg.Cls.m(A,B)``)."""
    head = node_id.split("(", 1)[0]
    return head.rsplit(".", 1)[0]


# --------------------------------------------------------------------------- resolution
_NO_METHODS: list = []


class _Ctx:
    """One method being resolved: its class, facts, variables and chained-call values."""

    __slots__ = ("cls", "method", "vars", "results", "busy")

    def __init__(self, cls: str, method: MethodFacts) -> None:
        self.cls = cls
        self.method = method
        self.vars: dict[str, TypeRef | None] | None = None
        self.results: dict[int, SiteResult] = {}
        self.busy: set[int] = set()


class _Resolver:
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
            table = self._merged_methods(fqn)
        return table.get(name, _NO_METHODS)

    def _merged_methods(self, fqn: str) -> dict[str, list[tuple[str, MethodFacts]]]:
        table: dict[str, list[tuple[str, MethodFacts]]] = {}
        seen: set[tuple[str, str]] = set()
        sig = self.sig
        types = self.index.types
        for owner in (fqn, *self.index.supertypes(fqn)):
            facts = types.get(owner)
            if facts is None:
                continue
            for m in facts.methods:
                key = (m.name, sig(m))
                if key not in seen:
                    seen.add(key)
                    table.setdefault(m.name, []).append((owner, m))
        self._by_name[fqn] = table
        return table

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
            return _unknown("untyped")
        name = ref.name
        if env and name in env:
            bound = env[name]
            return JType(bound.fqn, bound.args, bound.dims + ref.dims, origin=bound.origin) if ref.dims else bound
        if method is not None and name in method.type_params:
            return _unknown("generic")
        cacheable = env is None and not ref.args
        if cacheable:
            key = (name, ref.dims, context)
            memo = self._jtype_memo.get(key)
            if memo is not None:
                return memo
        if name in PRIMITIVES:
            result = JType(name, (), ref.dims)
        elif name == "var":
            result = _unknown("var")
        else:
            fqn = self.index.resolve_type(name, context)
            if fqn is None:
                result = _unknown("generic" if self._is_type_var(name, context) else "unknown-type")
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
    def vars_of(self, ctx: _Ctx) -> dict[str, TypeRef | None]:
        if ctx.vars is None:
            table: dict[str, TypeRef | None] = {}
            for v in ctx.method.locals:
                if v.name not in table or table[v.name] is None:
                    table[v.name] = v.type
            for p in ctx.method.params:
                table[p.name] = p.type
            ctx.vars = table
        return ctx.vars

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

    def lookup_name(self, ctx: _Ctx, name: str) -> tuple[JType, tuple[str, FieldFacts] | None] | None:
        """A simple name as a variable or field: (type, (owner, field) when a field)."""
        table = self.vars_of(ctx)
        if name in table:
            ref = table[name]
            if ref is None:
                return _unknown("lambda-param"), None
            return self.jtype(ref, ctx.cls, method=ctx.method), None
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
                    return (self.jtype(ref, outer) if ref is not None else _unknown("lambda-param")), None
            current = index.outer_of.get(current)
        # static imports of fields
        owner = self._static_import_owner(cls, name, fields=True)
        if owner is not None:
            if owner in index.types:
                found = index.find_field(owner, name)
                if found is not None:
                    return self.jtype(found[1].type, found[0]), found
            else:
                return _unknown("external-field"), None
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

    # ------------------------------------------------------------- expressions
    def type_of(self, ctx: _Ctx, expr: Expr) -> JType:
        return self._typed(ctx, expr)[0]

    def _typed(self, ctx: _Ctx, expr: Expr) -> tuple[JType, tuple[str, FieldFacts] | None]:
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
                return _unknown("call"), None
            if result.value is None and result.lazy is not None:
                result.value = self._return_type(*result.lazy, ctx)
                result.lazy = None
            if result.value is not None:
                return result.value, None
            if result.status == "external":
                return _unknown("external-call-result"), None
            return _unknown("unresolved-call-result"), None
        if kind == "new" or kind == "cast":
            fqn = self.index.resolve_type(expr.text, ctx.cls)
            if fqn is None and expr.text in self.index.types:
                fqn = expr.text
            if fqn is None:
                full = self._anonymous_fqn(ctx.cls, expr.text)
                if full is not None:
                    return JType(full), None
                return _unknown("unknown-type"), None
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
            return (JType(sup) if sup else _unknown("external-super")), None
        if kind == "outer_this":
            fqn = self.index.resolve_type(expr.text, ctx.cls)
            return (JType(fqn) if fqn else _unknown("unknown-type")), None
        if kind == "binop":
            if expr.text == "+" and any(self._typed(ctx, i)[0].fqn == STRING for i in expr.items[:2]):
                return JType(STRING), None
            if expr.text in ("==", "!=", "<", ">", "<=", ">=", "&&", "||", "instanceof"):
                return JType("boolean"), None
            return _unknown("expression"), None
        if kind == "field":
            if not expr.items:
                return _unknown("expression"), None
            base = self._typed(ctx, expr.items[0])[0]
            return self._field_path(base, [expr.text])
        if kind == "index":
            if not expr.items:
                return _unknown("expression"), None
            base = self._typed(ctx, expr.items[0])[0]
            if base.fqn is not None and base.dims > 0:
                return JType(base.fqn, base.args, base.dims - 1), None
            return _unknown("expression"), None
        if kind == "ternary":
            for item in expr.items[1:]:
                t = self._typed(ctx, item)[0]
                if t.fqn is not None and t.fqn != "null":
                    return t, None
            return _unknown("expression"), None
        if kind in ("lambda", "methodref"):
            return _unknown("lambda"), None
        return _unknown("expression"), None

    def _anonymous_fqn(self, cls: str, qualname: str) -> str | None:
        package = self.index.package_of.get(cls, "")
        full = f"{package}.{qualname}" if package else qualname
        return full if full in self.index.types else None

    def _name_type(self, ctx: _Ctx, text: str) -> tuple[JType, tuple[str, FieldFacts] | None]:
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
        return _unknown("unknown-name"), None

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
                return _unknown("external-field"), None
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
                return _unknown("external-field"), None
            return _unknown("unknown-name"), None
        return current, origin

    # ------------------------------------------------------------------- sites
    def site(self, ctx: _Ctx, i: int) -> SiteResult | None:
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

    def _resolve_site(self, ctx: _Ctx, site: CallSite) -> SiteResult:
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

    def _resolve_implicit(self, ctx: _Ctx, site: CallSite) -> SiteResult:
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
                return SiteResult("external", value=_object_value(site.member))
            current = index.outer_of.get(current)
        return self._unresolved(f"{_short(ctx.cls)}#{site.member}", "no-method")

    def _unresolved(self, text: str, reason: str) -> SiteResult:
        return SiteResult("unresolved", text=text, reason=reason)

    def _bind(self, ctx: _Ctx, site: CallSite, recv: JType, origin: tuple[str, FieldFacts] | None,
              self_call: bool = False) -> SiteResult:
        fqn = recv.fqn
        member = site.member
        if fqn is None:
            if recv.origin == "external-field":  # a library's field cannot hold an in-tree type
                return SiteResult("external", value=_object_value(member))
            if recv.origin in ("generic", "generic-return") and member in ("toString", "equals", "hashCode",
                                                                         "getClass"):
                return SiteResult("external", value=_object_value(member))  # Object's, on a type variable
            return self._unresolved(f"{_expr_text(site.receiver)}.{member}", recv.origin or "unknown-receiver")
        if recv.dims:
            return SiteResult("external")  # arrays: clone(), length...
        if fqn not in self.index.types:
            if fqn in PRIMITIVES or fqn == "null":
                return self._unresolved(f"{_expr_text(site.receiver)}.{member}", "primitive-receiver")
            return SiteResult("external", value=_external_value(recv, member, site))
        result = self._bind_static(ctx, site, recv, origin, nonvirtual=False)
        result.self_call = self_call
        return result

    def _bind_static(self, ctx: _Ctx, site: CallSite, recv: JType, origin, nonvirtual: bool) -> SiteResult:
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
                return SiteResult("external", value=_object_value(member))
            if index.types[fqn].kind == "interface" and member in OBJECT_METHODS:
                return SiteResult("external")
            reason = "no-method" if not candidates else "no-overload"
            return self._unresolved(f"{_short(fqn)}#{member}", reason)
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
                beans = self.injection.field_beans(*origin) if origin is not None else None
                if beans is not None and beans.classes and not beans.is_list:
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

    def _return_type(self, recv: JType, owner: str, m: MethodFacts, site: CallSite, ctx: _Ctx) -> JType:
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
            return _unknown("generic-return")
        return self.jtype(ref, owner, self.env_for(recv, owner), m)

    def _choose_overload(self, ctx: _Ctx, site: CallSite, candidates):
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

    # ---------------------------------------------------------------- dispatch
    def concrete_subtypes(self, fqn: str) -> tuple[str, ...]:
        memo = self._impls_memo.get(fqn)
        if memo is None:
            main = self.main
            memo = tuple(s for s in self.index.implementations(fqn) if s in main)
            self._impls_memo[fqn] = memo
        return memo

    def dispatch_targets(self, recv_fqn: str, owner: str, m: MethodFacts) -> tuple[tuple[str, MethodFacts], ...]:
        """Distinct method bodies a virtual call can reach on concrete subtypes of the receiver
        type (and the receiver type itself when concrete)."""
        key = (recv_fqn, owner, id(m))
        memo = self._dispatch_memo.get(key)
        if memo is not None:
            return memo
        found: dict[str, tuple[str, MethodFacts]] = {}
        classes = list(self.concrete_subtypes(recv_fqn))
        if self.index.is_concrete(recv_fqn):
            classes.insert(0, recv_fqn)
        for cls in classes:
            hit = self.override(cls, owner, m)
            if hit is not None and hit[1].has_body and "abstract" not in hit[1].modifiers:
                found.setdefault(self.mid(*hit), hit)
        memo = tuple(found[k] for k in sorted(found))
        self._dispatch_memo[key] = memo
        return memo

    def override(self, cls: str, owner: str, m: MethodFacts) -> tuple[str, MethodFacts] | None:
        """The method ``cls`` runs for ``owner.m``: its own override or an inherited one."""
        n = len(m.params)
        same_arity = [(o, c) for o, c in self.methods(cls, m.name) if len(c.params) == n]
        if not same_arity:
            return None
        if len(same_arity) == 1:
            return same_arity[0]
        sig = self.sig(m)
        for hit in same_arity:
            if self.sig(hit[1]) == sig:
                return hit
        # generic overrides (findById(ID) vs findById(Long)): parameters that are type variables match anything
        owner_facts = self.index.types.get(owner)
        tparams = set(owner_facts.type_params if owner_facts else ()) | set(m.type_params)
        for hit in same_arity:
            if all(p.type is None or q.type is None or p.type.name in tparams or p.type.simple == q.type.simple
                   for p, q in zip(m.params, hit[1].params, strict=False)):
                return hit
        return None

    def entry_methods(self, cls: str) -> list[tuple[str, MethodFacts]]:
        """What a thread runs for a runnable ``cls``: its run()/call() and the template methods
        it overrides (``runInContext``); inherited run()/call() when it declares none."""
        facts = self.index.types.get(cls)
        if facts is None:
            return []
        entries = []
        abstract_names = set()
        for sup in self.index.supertypes(cls):
            sf = self.index.types.get(sup)
            if sf is not None and sf.kind == "class":
                abstract_names.update(x.name for x in sf.methods if "abstract" in x.modifiers)
        for m in facts.methods:
            if m.has_body and not m.params and (m.name in ENTRY_NAMES or m.name in abstract_names):
                entries.append((cls, m))
        if not entries:
            for name in ENTRY_NAMES:
                for owner, m in self.methods(cls, name):
                    if not m.params and m.has_body:
                        entries.append((owner, m))
                        break
        return entries

    def constructor(self, ctx: _Ctx, fqn: str, args: tuple[Expr, ...]) -> list[tuple[str, MethodFacts]]:
        facts = self.index.types.get(fqn)
        if facts is None:
            return []
        ctors = [(fqn, m) for m in facts.methods if m.is_constructor]
        if not ctors:
            return []
        fake = CallSite("<init>", Expr("implicit"), args, 0)
        return self._choose_overload(ctx, fake, ctors)


def _short(fqn: str) -> str:
    return fqn


def _expr_text(expr: Expr) -> str:
    kind = expr.kind
    if kind in ("name", "new", "cast", "outer_this"):
        return expr.text if kind == "name" else f"({expr.text})"
    if kind == "this":
        return "this" + (f".{expr.text}" if expr.text else "")
    if kind == "call":
        return "(call)"
    if kind == "field" and expr.items:
        return f"{_expr_text(expr.items[0])}.{expr.text}"
    if kind == "str":
        return '""'
    return f"({kind})"


def _object_value(member: str) -> JType | None:
    """Value types of java.lang.Object's methods."""
    return {"getClass": JType("java.lang.Class"), "toString": JType(STRING), "hashCode": JType("int"),
            "equals": JType("boolean")}.get(member)


def _external_value(recv: JType, member: str, site: CallSite) -> JType | None:
    """Return types of the few generic JDK methods chains commonly go through."""
    simple = recv.fqn.rsplit(".", 1)[-1] if recv.fqn else ""
    args = recv.args
    if recv.fqn == STRING and member in _STRING_RETURNING:
        return JType(STRING)
    if simple in ("StringBuilder", "StringBuffer") and member in ("append", "insert", "reverse", "delete",
                                                                  "deleteCharAt", "replace"):
        return recv
    if member in ("toString", "name") and not site.args:
        return JType(STRING)
    if member in OBJECT_METHODS:
        return _object_value(member)
    if simple in _ELEMENT_CONTAINERS:
        if not args:
            return None
        if member in _ELEMENT_METHODS:
            return args[0]
        if member in ("iterator", "listIterator", "descendingIterator"):
            return JType("java.util.Iterator", args[:1])
        if member in ("stream", "parallelStream"):
            return JType("java.util.stream.Stream", args[:1])
        if member in _SAME_CONTAINER_METHODS:
            return recv
        if member in _STREAM_TO_OPTIONAL:
            return JType("java.util.Optional", args[:1])
        return None
    if simple in _MAP_CONTAINERS and len(args) == 2:
        if member in _MAP_VALUE_METHODS:
            return args[1]
        if member == "keySet":
            return JType("java.util.Set", args[:1])
        if member == "values":
            return JType("java.util.Collection", args[1:])
    if simple == "Class" and member in ("getName", "getSimpleName", "getCanonicalName"):
        return JType(STRING)
    if simple == "Entry" and len(args) == 2 and member in ("getKey", "getValue", "setValue"):
        return args[0] if member == "getKey" else args[1]
    if simple in _MAP_CONTAINERS and member == "entrySet" and len(args) == 2:
        return JType("java.util.Set", (JType("java.util.Map.Entry", args),))
    if recv.static and recv.fqn.startswith(("java.", "javax.")):
        if member == "asList" and simple == "Arrays":
            return JType("java.util.List")
        if member == "stream" and simple == "Arrays":
            return JType("java.util.stream.Stream")
        if member in _JDK_FACTORIES:  # the JDK's static factories return their own type
            return JType(recv.fqn)
    return None


# ------------------------------------------------------------------------------ build
def build_call_graph(scan: ScanResult, index: SymbolIndex, spring: SpringContext | None = None,
                     include_tests: bool = False) -> CallGraph:
    """Resolve every call site of the tree's main sources into a networkx MultiDiGraph.

    Pure: caching the result is the pipeline's job (:mod:`flowdoc.pipeline`), which stores
    ``graph.graph`` and ``graph.stats`` and rebuilds the rest with :func:`assemble_call_graph`."""
    # Hundreds of thousands of acyclic edge dicts and tuples: the cyclic collector would walk
    # them again and again (a third of the time) and find nothing to free.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(scan, index, spring, include_tests)
    finally:
        _settle_gc(enabled)


def _settle_gc(enabled: bool) -> None:
    """Re-enable the collector with the graph's millions of objects moved out of its sight
    (``gc.freeze``): otherwise every later full collection walks them all again, which made
    flow building after a build or cache load several times slower."""
    if enabled:
        gc.freeze()
        gc.enable()


def assemble_call_graph(scan: ScanResult, index: SymbolIndex, spring: SpringContext | None,
                        graph: nx.MultiDiGraph, stats: CallGraphStats, include_tests: bool = False) -> CallGraph:
    """A CallGraph around a networkx graph built earlier for the same facts (a cached one):
    the lookups are rebuilt from the index, which is cheap."""
    if spring is None:
        spring = load_spring_context(scan.root, scan.excluded) if scan.root else SpringContext()
    main = frozenset(fqn for fqn, path in index.file_of.items() if include_tests or not is_test_path(path))
    injection = Injection(index, spring, main)
    resolver = _Resolver(index, injection, main)
    methods = _method_table(resolver, main, index)
    return CallGraph(graph, index, injection, methods, stats, spring.problems, resolver, root=str(scan.root or ""))


def _method_table(resolver: _Resolver, main: frozenset[str], index: SymbolIndex) -> dict[str, tuple[str, MethodFacts]]:
    """Node id -> (class FQN, method) for every method of the main types (first one wins)."""
    methods: dict[str, tuple[str, MethodFacts]] = {}
    for fqn in sorted(main):
        for m in index.types[fqn].methods:
            node = resolver.mid(fqn, m)
            if node not in methods:
                methods[node] = (fqn, m)
    return methods


def _build(scan: ScanResult, index: SymbolIndex, spring: SpringContext | None, include_tests: bool) -> CallGraph:
    started = time.perf_counter()
    if spring is None:
        spring = load_spring_context(scan.root, scan.excluded) if scan.root else SpringContext()
    main = frozenset(fqn for fqn, path in index.file_of.items() if include_tests or not is_test_path(path))
    injection = Injection(index, spring, main)
    resolver = _Resolver(index, injection, main)
    graph = nx.MultiDiGraph()
    methods: dict[str, tuple[str, MethodFacts]] = {}
    stats = CallGraphStats()

    types = sorted(main)
    for fqn in types:
        facts = index.types[fqn]
        path = index.file_of[fqn]
        for m in facts.methods:
            node = resolver.mid(fqn, m)
            if node in methods:
                continue
            methods[node] = (fqn, m)
            graph.add_node(node, kind="method", **{"class": fqn}, method=m.signature, file=path,
                           line=m.line, end_line=m.end_line, abstract=not m.has_body)
    stats.methods = len(methods)
    stats.methods_scanned = sum(len(t.methods) for f in scan.files for t in f.types)
    in_tests = sum(len(t.methods) for f in scan.files if is_test_path(f.path) for t in f.types)
    stats.methods_in_tests = 0 if include_tests else in_tests
    in_main_types = sum(len(index.types[fqn].methods) for fqn in types)
    stats.methods_duplicate_types = stats.methods_scanned - stats.methods_in_tests - in_main_types
    stats.methods_same_signature = in_main_types - stats.methods

    tree = TreeView(index, main)
    handoff_states = [(rule, rule.prepare(tree) if rule.prepare else None) for rule in HANDOFF_RULES]
    unknown_nodes: set[str] = set()
    pending: list[tuple[str, str, dict]] = []
    edge_kinds: Counter = Counter()
    add_edge = graph.add_edge
    for fqn in types:
        facts = index.types[fqn]
        path = index.file_of[fqn]
        for field_facts in facts.fields:
            _count_injection(stats, injection, fqn, field_facts)
        for m in facts.methods:
            node = resolver.mid(fqn, m)
            if methods.get(node, (None, None))[1] is not m:
                continue
            calls = m.calls
            creations = m.creations
            if not calls and not creations:
                continue
            ctx = _Ctx(fqn, m)
            for i, site in enumerate(calls):
                result = resolver.site(ctx, i)
                stats.call_sites += 1
                if result is None or result.status == "unresolved":
                    stats.unresolved += 1
                    text = result.text if result is not None else f"{_expr_text(site.receiver)}.{site.member}"
                    reason = result.reason if result is not None else "recursive-chain"
                    stats.unresolved_reasons[reason] += 1
                    target = f"?:{text}"
                    if target not in unknown_nodes:
                        unknown_nodes.add(target)
                        graph.add_node(target, kind="unknown", reason=reason)
                    add_edge(node, target, kind="unknown", file=path, line=site.line, ambiguous=False, site=i)
                    stats.edges["unknown"] += 1
                    continue
                if result.status == "external":
                    stats.external += 1
                    continue
                stats.resolved += 1
                if result.ambiguous:
                    stats.ambiguous_sites += 1
                line = site.line
                ambiguous = result.ambiguous
                self_call = result.self_call
                for target, kind, bean in result.targets:
                    if target not in methods:
                        continue
                    attrs = {"kind": kind, "file": path, "line": line, "ambiguous": ambiguous, "site": i}
                    if self_call:
                        attrs["self_call"] = True
                    if bean:
                        attrs["bean"] = bean
                    pending.append((node, target, attrs))
                    edge_kinds[kind] += 1
            for creation in creations:
                stats.creations += 1
                _add_creation_edges(resolver, ctx, node, path, creation, calls, methods, graph, stats)
            _add_handoff_edges(_Scope(resolver, ctx, node, path), handoff_states, methods, graph, stats)

    _add_edges_fast(graph, pending)
    stats.edges.update(edge_kinds)
    for target in unknown_nodes:  # how many call sites end at each unknown target
        graph.nodes[target]["count"] = graph.in_degree(target)
    stats.seconds = time.perf_counter() - started
    return CallGraph(graph, index, injection, methods, stats, spring.problems, resolver, root=str(scan.root or ""))


def _add_edges_fast(graph: nx.MultiDiGraph, edges: list[tuple[str, str, dict]]) -> None:
    """``graph.add_edges_from(edges)`` for a graph whose nodes all exist, writing networkx's
    adjacency dicts directly (three times faster for the ~300,000 edges of a real tree); keys
    are numbered as networkx numbers them. Falls back to the public call on other layouts."""
    succ, pred = getattr(graph, "_succ", None), getattr(graph, "_pred", None)
    if not (isinstance(succ, dict) and isinstance(pred, dict) and graph.edge_key_dict_factory is dict
            and graph.adjlist_inner_dict_factory is dict):
        graph.add_edges_from(edges)
        return
    for u, v, attrs in edges:
        out = succ[u]
        keys = out.get(v)
        if keys is None:
            keys = out[v] = {}
            pred[v][u] = keys
        key = len(keys)
        while key in keys:
            key += 1
        keys[key] = attrs


def _add_creation_edges(resolver: _Resolver, ctx: _Ctx, node: str, path: str, creation, calls, methods, graph,
                        stats: CallGraphStats) -> None:
    index = resolver.index
    if creation.anonymous:
        anon = resolver._anonymous_fqn(ctx.cls, creation.anonymous)
        if anon is None:
            return
        passed_to = _passed_to(ctx, creation)
        if resolver.is_runnable(anon):
            # handed to an in-tree method it is a callback run in place; otherwise a thread runs
            # it: the async job hand-off rule (handoffs/async_job.py) adds that edge
            if passed_to is None or passed_to.status != "internal":
                return
            kind = "call"
            targets = resolver.entry_methods(anon)
        elif passed_to is not None:
            # a callback object (TransactionCallback, Comparator, listener...): the callee runs
            # its methods, so they are part of what the creating method does
            kind = "call"
            targets = [(anon, m) for m in resolver.index.types[anon].methods
                       if m.has_body and not m.is_constructor and m.name != "<clinit>" and "private" not in m.modifiers]
        else:
            return
        for owner, m in targets:
            target = resolver.mid(owner, m)
            if target in methods:
                graph.add_edge(node, target, kind=kind, file=path, line=creation.line, ambiguous=False, site=-1)
                stats.edges[kind] += 1
        return
    fqn = index.resolve_type(creation.type.name, ctx.cls)
    if fqn is None or fqn not in index.types:
        return
    chosen = resolver.constructor(ctx, fqn, creation.args)
    for owner, m in chosen:
        target = resolver.mid(owner, m)
        if target in methods:
            graph.add_edge(node, target, kind="new", file=path, line=creation.line, ambiguous=len(chosen) > 1,
                           site=-1)
            stats.edges["new"] += 1


def _passed_to(ctx: _Ctx, creation) -> SiteResult | None:
    """The resolved call an anonymous object is passed straight to as an argument, if any."""
    for i, site in enumerate(ctx.method.calls):
        if any(a.kind == "new" and a.text == creation.anonymous for a in site.args):
            return ctx.results.get(i)
    return None


def _add_handoff_edges(scope: _Scope, rules: list[tuple[HandoffRule, Any]], methods, graph: nx.MultiDiGraph,
                       stats: CallGraphStats) -> None:
    """The edges of every hand-off rule that applies to the method (see :mod:`flowdoc.analyze.handoffs`)."""
    for rule, state in rules:
        if not rule.applies(scope.method):
            continue
        kind = rule.kind
        for edge in rule.find(scope, state):
            if edge.target not in methods:
                continue
            attrs = {"kind": kind, "file": scope.file, "line": edge.line, "ambiguous": edge.ambiguous,
                     "site": edge.site}
            if edge.via:
                attrs["via"] = edge.via
            graph.add_edge(edge.source, edge.target, **attrs)
            stats.edges[kind] += 1


class _Scope:
    """A resolved method as hand-off rules see it (:class:`flowdoc.analyze.handoffs.MethodScope`)."""

    __slots__ = ("_resolver", "_ctx", "owner", "method", "node", "file", "index", "main")

    def __init__(self, resolver: _Resolver, ctx: _Ctx, node: str, file: str) -> None:
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
        return None if origin is None else (origin[0], origin[1].name)

    def passed_to(self, creation) -> SiteResult | None:
        return _passed_to(self._ctx, creation)

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

    def node_id(self, owner: str, m: MethodFacts) -> str:
        return self._resolver.mid(owner, m)


def _count_injection(stats: CallGraphStats, injection: Injection, owner: str, f: FieldFacts) -> None:
    if not injection.is_injected(owner, f):
        return
    decision = injection.field_beans(owner, f)
    if decision is None:
        return
    stats.injection["fields"] += 1
    stats.injection[decision.how] += 1


def types_of_file(index: SymbolIndex, path: str) -> list[tuple[str, TypeFacts]]:
    ff = index.files.get(path)
    if ff is None:
        return []
    prefix = f"{ff.package}." if ff.package else ""
    return [(prefix + t.qualname, t) for t in ff.types]
