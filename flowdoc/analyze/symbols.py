"""Symbol index: every declared type by fully qualified name, its supertypes and subtypes,
type-name resolution as javac does it, and the values of compile-time constants.

``build_symbol_index(scan) -> SymbolIndex`` is the entry point. The index is plain data
(dicts keyed by FQN strings) built once from the scanned facts; the API model and the call
graph both read it. Lookups that are asked again and again are memoized inside the index.

Resolution follows the Java scoping rules closely enough for CloudStack's sources:

1. type variables of the context type and its enclosing types hide everything (-> None);
2. member types of the context type, of its supertypes (inherited member types), then of each
   enclosing type and its supertypes, outward;
3. single-type imports of the file (also when the imported type is outside the tree);
4. top-level types of the same package;
5. on-demand imports (``import a.b.*`` and ``import a.b.Outer.*``) and ``java.lang``
   (for types outside the tree only the common JDK names are known, see ``JDK_TYPES``);
6. a dotted name resolves its first segment as above and walks member types; failing that
   it is taken as a fully qualified name.

External types are returned by FQN when that is certain (an import names them, or they are
well-known JDK types); otherwise ``resolve_type`` returns ``None``, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flowdoc.analyze.constants import ConstantValues
from flowdoc.model.facts import FieldFacts, FileFacts, MethodFacts, TypeFacts, TypeRef

# Well-known JDK types, so that on-demand imports of JDK packages and java.lang resolve.
JDK_TYPES: dict[str, frozenset[str]] = {
    "java.lang": frozenset("""
        AbstractMethodError Appendable ArithmeticException ArrayIndexOutOfBoundsException
        ArrayStoreException AssertionError AutoCloseable Boolean Byte CharSequence Character
        Class ClassCastException ClassLoader ClassNotFoundException CloneNotSupportedException
        Cloneable Comparable Deprecated Double Enum Error Exception ExceptionInInitializerError
        Float FunctionalInterface IllegalAccessException IllegalArgumentException
        IllegalMonitorStateException IllegalStateException IndexOutOfBoundsException
        InheritableThreadLocal InstantiationException Integer InterruptedException Iterable
        LinkageError Long Math NegativeArraySizeException NoClassDefFoundError NoSuchFieldException
        NoSuchMethodException NullPointerException Number NumberFormatException Object
        OutOfMemoryError Override Package Process ProcessBuilder Readable Record
        ReflectiveOperationException Runnable Runtime RuntimeException SafeVarargs SecurityException
        Short StackOverflowError StackTraceElement StrictMath String StringBuffer StringBuilder
        StringIndexOutOfBoundsException SuppressWarnings System Thread ThreadGroup ThreadLocal
        Throwable TypeNotPresentException UnsupportedOperationException Void VirtualMachineError
        """.split()),
    "java.util": frozenset("""
        AbstractList AbstractMap AbstractSet ArrayDeque ArrayList Arrays BitSet Calendar Collection
        Collections Comparator ConcurrentModificationException Date Deque Dictionary EnumMap EnumSet
        Enumeration EventListener GregorianCalendar HashMap HashSet Hashtable IdentityHashMap
        Iterator LinkedHashMap LinkedHashSet LinkedList List ListIterator Locale Map
        NavigableMap NavigableSet NoSuchElementException Objects Optional OptionalInt OptionalLong
        PriorityQueue Properties Queue Random ResourceBundle Scanner Set SortedMap SortedSet Stack
        StringJoiner StringTokenizer TimeZone Timer TimerTask TreeMap TreeSet UUID Vector WeakHashMap
        """.split()),
    "java.util.concurrent": frozenset("""
        BlockingQueue Callable ConcurrentHashMap ConcurrentLinkedQueue ConcurrentMap CopyOnWriteArrayList
        CountDownLatch ExecutionException Executor ExecutorService Executors Future LinkedBlockingQueue
        ScheduledExecutorService ScheduledFuture Semaphore ThreadFactory ThreadPoolExecutor TimeUnit
        TimeoutException
        """.split()),
    "java.io": frozenset("""
        BufferedReader BufferedWriter ByteArrayInputStream ByteArrayOutputStream Closeable File
        FileInputStream FileNotFoundException FileOutputStream FileReader FileWriter IOException
        InputStream InputStreamReader ObjectInputStream ObjectOutputStream OutputStream
        OutputStreamWriter PrintStream PrintWriter Reader Serializable StringReader StringWriter
        UncheckedIOException UnsupportedEncodingException Writer
        """.split()),
}


_NO_METHODS: list = []  # find_methods of a name no type has


@dataclass(frozen=True, slots=True)
class SuperRef:
    """One direct supertype as written (``ref``, with its type arguments) and resolved
    (``fqn``: an FQN inside or outside the tree, or ``None`` when unknown)."""

    fqn: str | None
    ref: TypeRef
    is_class: bool  # the superclass (``extends`` of a class), not an interface


@dataclass
class SymbolIndex(ConstantValues):
    """Plain, reusable symbol data for one scanned tree (see the module docstring).

    ``types``: FQN -> TypeFacts for every declared type (nested ``pkg.Outer.Inner``,
    anonymous ``pkg.Outer$1``); ``file_of``: FQN -> relative path; ``files``: path ->
    FileFacts; ``package_of``: FQN -> package; ``members``: FQN -> {simple name: member
    type FQN}; ``packages``: package -> {simple name: top-level type FQN};
    ``super_refs``: FQN -> direct supertypes (superclass first, then interfaces, with type
    arguments as written); ``direct_subtypes``: FQN (also external) -> FQNs declaring it
    as a direct supertype; ``duplicates``: FQN -> further files declaring the same FQN.
    """

    types: dict[str, TypeFacts] = field(default_factory=dict)
    file_of: dict[str, str] = field(default_factory=dict)
    files: dict[str, FileFacts] = field(default_factory=dict)
    package_of: dict[str, str] = field(default_factory=dict)
    outer_of: dict[str, str] = field(default_factory=dict)
    members: dict[str, dict[str, str]] = field(default_factory=dict)
    packages: dict[str, dict[str, str]] = field(default_factory=dict)
    super_refs: dict[str, tuple[SuperRef, ...]] = field(default_factory=dict)
    direct_subtypes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    duplicates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _resolve_memo: dict = field(default_factory=dict, repr=False)
    _supers_memo: dict = field(default_factory=dict, repr=False)
    _subs_memo: dict = field(default_factory=dict, repr=False)
    _const_memo: dict = field(default_factory=dict, repr=False)
    _const_busy: set = field(default_factory=set, repr=False)
    _methods_memo: dict = field(default_factory=dict, repr=False)
    _simple_names: dict | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ types
    def __contains__(self, fqn: str) -> bool:
        return fqn in self.types

    def type(self, fqn: str) -> TypeFacts | None:
        return self.types.get(fqn)

    def file_facts(self, fqn: str) -> FileFacts | None:
        path = self.file_of.get(fqn)
        return self.files.get(path) if path is not None else None

    def simple_name(self, fqn: str) -> str:
        facts = self.types.get(fqn)
        return facts.name if facts is not None else fqn.rsplit(".", 1)[-1]

    def resolve_ref(self, ref: TypeRef | None, context_fqn: str) -> str | None:
        return None if ref is None else self.resolve_type(ref.name, context_fqn)

    def resolve_type(self, name: str, context_fqn: str) -> str | None:
        """The FQN that ``name`` (as written in ``context_fqn``) denotes, or ``None``."""
        return self._resolve_cached(name, context_fqn, False)

    def _resolve_cached(self, name: str, context: str, outside: bool) -> str | None:
        key = (name, context, outside)
        memo = self._resolve_memo
        if key in memo:
            return memo[key]
        result = self._resolve(name, context, outside)
        memo[key] = result
        return result

    def _resolve(self, name: str, context: str, outside: bool) -> str | None:
        """``outside``: resolve in the scope around ``context`` (its extends clause)."""
        name = name.strip()
        if "<" in name:
            name = name.split("<", 1)[0]
        if not name:
            return None
        if "." not in name:
            return self._resolve_simple(name, context, outside)
        segments = name.split(".")
        head = self._resolve_simple(segments[0], context, outside)
        if head is not None:
            walked = self._walk_members(head, segments[1:])
            if walked is not None:
                return walked
        if name in self.types:
            return name
        for cut in range(len(segments) - 1, 0, -1):
            prefix = ".".join(segments[:cut])
            if prefix in self.types:
                return self._walk_members(prefix, segments[cut:])
        if segments[0][:1].islower() and segments[-1][:1].isupper():
            return name  # a fully qualified name of a type outside the tree
        return None

    def _walk_members(self, fqn: str, rest: list[str]) -> str | None:
        for segment in rest:
            if fqn in self.types:
                found = self.member_type(fqn, segment)
                if found is None:
                    return None
                fqn = found
            else:
                fqn = f"{fqn}.{segment}"  # inside an external type: certain, not checkable
        return fqn

    def member_type(self, fqn: str, simple: str) -> str | None:
        """Member type ``simple`` of ``fqn``, declared there or inherited from a supertype."""
        seen: set[str] = set()
        todo = [fqn]
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            found = self.members.get(current, {}).get(simple)
            if found is not None:
                return found
            todo.extend(s.fqn for s in self._supers_of(current) if s.fqn in self.types)
        return None

    def _supers_of(self, fqn: str) -> tuple[SuperRef, ...]:
        """Direct supertypes, resolved on first use (member types can come from supertypes,
        so resolving one type's supertypes may need another's); cycles yield ``()``."""
        refs = self.super_refs.get(fqn)
        if refs is not None:
            return refs
        facts = self.types.get(fqn)
        if facts is None:
            return ()
        self.super_refs[fqn] = ()  # guard against cycles while resolving
        refs = _super_refs_of(self, fqn, facts)
        self.super_refs[fqn] = refs
        return refs

    def _resolve_simple(self, simple: str, context: str, outside: bool = False) -> str | None:
        # 1-2: type variables, member types of the context and its enclosing types
        current: str | None = context
        if outside:
            facts = self.types.get(context)
            if facts is not None and simple in facts.type_params:
                return None
            current = self.outer_of.get(context)
        while current is not None:
            facts = self.types.get(current)
            if facts is None:
                break
            if simple in facts.type_params:
                return None
            if facts.name == simple and not facts.anonymous:
                return current
            found = self.member_type(current, simple)
            if found is not None:
                return found
            current = self.outer_of.get(current)
        top = context
        while top in self.outer_of:
            top = self.outer_of[top]
        file_facts = self.file_facts(top)
        package = self.package_of.get(top, "")
        imports = file_facts.imports if file_facts is not None else ()
        # 3: single-type imports
        for imp in imports:
            if not imp.static and not imp.wildcard and imp.path.rsplit(".", 1)[-1] == simple:
                return self._imported(imp.path)
        # 4: same package
        found = self.packages.get(package, {}).get(simple)
        if found is not None:
            return found
        # 5: on-demand imports and java.lang
        for imp in imports:
            if imp.wildcard and not imp.static:
                found = self._on_demand(imp.path, simple)
                if found is not None:
                    return found
        if simple in JDK_TYPES["java.lang"]:
            return f"java.lang.{simple}"
        found = self.packages.get("java.lang", {}).get(simple)
        return found

    def _imported(self, path: str) -> str:
        if path in self.types:
            return path
        segments = path.split(".")
        for cut in range(len(segments) - 1, 0, -1):  # import a.b.Outer.Inner with Outer known
            prefix = ".".join(segments[:cut])
            if prefix in self.types:
                return self._walk_members(prefix, segments[cut:]) or path
        return path

    def _on_demand(self, path: str, simple: str) -> str | None:
        found = self.packages.get(path, {}).get(simple)
        if found is not None:
            return found
        if path in self.types:
            return self.member_type(path, simple)
        if simple in JDK_TYPES.get(path, ()):
            return f"{path}.{simple}"
        return None

    # -------------------------------------------------------------- hierarchy
    def direct_supertypes(self, fqn: str) -> tuple[str, ...]:
        """Resolved direct supertypes: the superclass first, then interfaces."""
        return tuple(s.fqn for s in self.super_refs.get(fqn, ()) if s.fqn is not None)

    def superclass(self, fqn: str) -> str | None:
        for s in self.super_refs.get(fqn, ()):
            if s.is_class:
                return s.fqn
        return None

    def superclass_chain(self, fqn: str) -> list[str]:
        """Superclasses of ``fqn``, nearest first (stops at an unknown or external class)."""
        chain: list[str] = []
        current = self.superclass(fqn)
        while current is not None and current not in chain and current != fqn:
            chain.append(current)
            current = self.superclass(current)
        return chain

    def supertypes(self, fqn: str) -> tuple[str, ...]:
        """All transitive supertypes: the superclass chain first, then interfaces (BFS)."""
        memo = self._supers_memo.get(fqn)
        if memo is not None:
            return memo
        chain = self.superclass_chain(fqn)
        result: list[str] = list(chain)
        seen = set(result)
        seen.add(fqn)
        todo = [fqn, *chain]
        while todo:
            current = todo.pop(0)
            for s in self.super_refs.get(current, ()):
                if s.fqn is not None and s.fqn not in seen:
                    seen.add(s.fqn)
                    result.append(s.fqn)
                    todo.append(s.fqn)
        value = tuple(result)
        self._supers_memo[fqn] = value
        return value

    def is_subtype(self, fqn: str, ancestor: str) -> bool:
        return fqn == ancestor or ancestor in self.supertypes(fqn)

    def subtypes(self, fqn: str) -> tuple[str, ...]:
        """All transitive subtypes (declared in the tree), sorted."""
        memo = self._subs_memo.get(fqn)
        if memo is not None:
            return memo
        seen: set[str] = set()
        todo = list(self.direct_subtypes.get(fqn, ()))
        while todo:
            current = todo.pop()
            if current in seen or current == fqn:
                continue
            seen.add(current)
            todo.extend(self.direct_subtypes.get(current, ()))
        value = tuple(sorted(seen))
        self._subs_memo[fqn] = value
        return value

    def is_concrete(self, fqn: str) -> bool:
        facts = self.types.get(fqn)
        return facts is not None and facts.kind in ("class", "enum") and "abstract" not in facts.modifiers

    def implementations(self, fqn: str, include_anonymous: bool = True) -> tuple[str, ...]:
        """Concrete classes implementing interface (or extending class) ``fqn``, sorted."""
        return tuple(
            s for s in self.subtypes(fqn)
            if self.is_concrete(s) and (include_anonymous or not self.types[s].anonymous)
        )

    def type_arguments(self, fqn: str, supertype: str) -> tuple[TypeRef, ...]:
        """Type arguments (as written in ``fqn``'s file) that ``fqn`` gives its direct
        supertype ``supertype`` (``extends GenericDaoBase<HostVO, Long>`` -> HostVO, Long)."""
        for s in self.super_refs.get(fqn, ()):
            if s.fqn == supertype:
                return s.ref.args
        return ()

    def type_bindings(self, fqn: str) -> dict[str, dict[str, str]]:
        """For every transitive supertype declared in the tree: its type parameter -> the
        resolved FQN bound to it as seen from ``fqn`` (a still-open type variable of ``fqn``
        stays its name). ``HostDaoImpl`` -> {``GenericDaoBase``: {T: HostVO, ID: Long}, ...}."""
        result: dict[str, dict[str, str]] = {}
        todo: list[tuple[str, dict[str, str]]] = [(fqn, {})]
        seen = {fqn}
        while todo:
            current, env = todo.pop(0)
            for s in self.super_refs.get(current, ()):
                if s.fqn is None or s.fqn in seen:
                    continue
                seen.add(s.fqn)
                facts = self.types.get(s.fqn)
                if facts is None or not facts.type_params:
                    todo.append((s.fqn, {}))
                    continue
                binding: dict[str, str] = {}
                for param, arg in zip(facts.type_params, s.ref.args, strict=False):
                    if arg.name in env:
                        binding[param] = env[arg.name]
                    elif arg.name in (self.types[current].type_params if current in self.types else ()):
                        binding[param] = arg.name
                    else:
                        resolved = self.resolve_type(arg.name, current)
                        binding[param] = resolved if resolved is not None else arg.name
                result[s.fqn] = binding
                todo.append((s.fqn, binding))
        return result

    # ---------------------------------------------------------------- members
    def find_field(self, type_fqn: str, name: str) -> tuple[str, FieldFacts] | None:
        """``(owner FQN, field)`` for field ``name`` of the type or its supertypes."""
        for owner in (type_fqn, *self.supertypes(type_fqn)):
            facts = self.types.get(owner)
            if facts is None:
                continue
            for f in facts.fields:
                if f.name == name:
                    return owner, f
        return None

    def find_methods(self, type_fqn: str, name: str) -> list[tuple[str, MethodFacts]]:
        """Methods called ``name`` of the type and its supertypes, most specific first; a
        signature already found in a more specific type (an override) is not repeated.
        The list is shared: do not change it."""
        return self.methods_table(type_fqn).get(name, _NO_METHODS)

    def methods_table(self, type_fqn: str) -> dict[str, list[tuple[str, MethodFacts]]]:
        """Method name -> :meth:`find_methods` of that name, for every name of the type."""
        table = self._methods_memo.get(type_fqn)
        if table is not None:
            return table
        table = {}
        seen: set[tuple[str, str]] = set()
        for owner in (type_fqn, *self.supertypes(type_fqn)):
            facts = self.types.get(owner)
            if facts is None:
                continue
            for m in facts.methods:
                key = (m.name, m.signature)
                if key not in seen:
                    seen.add(key)
                    table.setdefault(m.name, []).append((owner, m))
        self._methods_memo[type_fqn] = table
        return table

    def classes_named(self, name: str) -> list[str]:
        """Types called ``name``: the one with that FQN, or those with that simple name (the
        last dotted part: ``Outer.Inner`` is found as ``Inner``), in index order."""
        if "." in name:
            return [name] if name in self.types else []
        if self._simple_names is None:
            by_simple: dict[str, list[str]] = {}
            for fqn in self.types:
                by_simple.setdefault(fqn.rsplit(".", 1)[-1], []).append(fqn)
            self._simple_names = by_simple
        return self._simple_names.get(name, [])


def _super_refs_of(index: SymbolIndex, fqn: str, facts: TypeFacts) -> tuple[SuperRef, ...]:
    """Resolve the ``extends``/``implements`` clauses of one type. They are resolved in the
    scope around the type (its enclosing type, or the file), not through its own supertypes;
    an anonymous class extends (or implements) what it is created as."""
    refs: list[SuperRef] = []
    if facts.kind == "interface":
        for ref in facts.extends:
            refs.append(SuperRef(index._resolve_cached(ref.name, fqn, True), ref, False))
        return tuple(refs)
    for ref in facts.extends:
        resolved = index._resolve_cached(ref.name, fqn, True)
        is_class = True
        if facts.anonymous and resolved in index.types and index.types[resolved].kind == "interface":
            is_class = False
        refs.append(SuperRef(resolved, ref, is_class))
    for ref in facts.implements:
        refs.append(SuperRef(index._resolve_cached(ref.name, fqn, True), ref, False))
    return tuple(refs)


def build_symbol_index(scan) -> SymbolIndex:
    """Index every type of ``scan`` (a ScanResult, or an iterable of FileFacts).

    Where two files declare the same FQN, a main-source file wins over a test file, then the
    first in path order; the others are listed in ``duplicates``.
    """
    from flowdoc.read.scan import is_test_path

    files: Iterable[FileFacts] = scan.files if hasattr(scan, "files") else scan
    index = SymbolIndex()
    ordered = sorted(files, key=lambda f: (is_test_path(f.path), f.path))
    dups: dict[str, list[str]] = {}
    for ff in ordered:
        index.files[ff.path] = ff
        prefix = f"{ff.package}." if ff.package else ""
        for t in ff.types:
            fqn = prefix + t.qualname
            if fqn in index.types:
                dups.setdefault(fqn, []).append(ff.path)
                continue
            index.types[fqn] = t
            index.file_of[fqn] = ff.path
            index.package_of[fqn] = ff.package
            if t.outer is not None:
                outer_fqn = prefix + t.outer
                index.outer_of[fqn] = outer_fqn
                if not t.anonymous:
                    index.members.setdefault(outer_fqn, {}).setdefault(t.name, fqn)
            else:
                index.packages.setdefault(ff.package, {}).setdefault(t.name, fqn)
    index.duplicates = {k: tuple(v) for k, v in dups.items()}
    for fqn in index.types:
        index._supers_of(fqn)
    # Resolutions made while a cycle guard was up may be incomplete: start clean.
    index._resolve_memo.clear()
    subs: dict[str, list[str]] = {}
    for fqn, refs in index.super_refs.items():
        for s in refs:
            if s.fqn is not None:
                subs.setdefault(s.fqn, []).append(fqn)
    index.direct_subtypes = {k: tuple(sorted(v)) for k, v in subs.items()}
    return index
