"""What the few generic JDK methods that call chains commonly go through hand back."""

from __future__ import annotations

from flowdoc.analyze.callgraph.types import OBJECT_METHODS, STRING, JType, object_value
from flowdoc.model.facts import CallSite

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


def external_value(recv: JType, member: str, site: CallSite) -> JType | None:
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
        return object_value(member)
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
