"""Request flows: the framework path into a command, then what its create()/execute() reach.

``build_flow(command, graph, index, depth=5) -> Flow``. The framework path is *found in the
call graph*, not typed in: configuration names only the entry method (``ApiServlet.processRequest``)
and the command bind points (``BaseCmd.execute``, ``BaseAsyncCreateCmd.create``); a
breadth-first search from the entry finds the shortest hops to each bind point. The search is
specialized per command: branches guarded by ``instanceof`` on a command-typed variable are
kept only when the command's class matches (read from the method's source text), the bind
points bind to the command's own or inherited override, and for an asynchronous command the
``execute()`` hop must come after an ``async`` hand-off (job submission -> job thread).

From the bound ``create()``/``execute()`` the flow follows calls to ``depth`` through injected
service interfaces to the bean implementations, stopping at boundaries (DAO classes and
entity VOs by default); trivial getters/setters and empty constructors are collapsed.
"""

from __future__ import annotations

import fnmatch
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from flowdoc.analyze.callgraph import CallGraph, class_of
from flowdoc.analyze.handoffs import ASYNC_JOB, crossed_by
from flowdoc.analyze.handoffs import KINDS as HANDOFF_KINDS
from flowdoc.analyze.handoffs.agent import KIND as AGENT
from flowdoc.analyze.handoffs.agent import answer_root, answers_of
from flowdoc.analyze.handoffs.lookup import module_of
from flowdoc.analyze.ranking import rank_flow
from flowdoc.analyze.reading import format_reading_text, step_tags, where_text
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.analyze.touches import FlowTouches, Touches

# Shown but not expanded: data access, entities, utilities, and CloudStack's request-context and
# configuration plumbing (present in every release), so that flows read like notes, not dumps.
DEFAULT_BOUNDARIES = ("*Dao", "*DaoImpl", "*DaoBase", "*.dao.*", "*VO", "*.utils.*", "*.util.*", "java.*",
                      "javax.*", "org.apache.cloudstack.context.*", "org.apache.cloudstack.framework.config.*")
_THROWABLES = frozenset({"java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException",
                         "java.lang.Error"})
_TRIVIAL_NAME = re.compile(r"^(get|is|set|has)[A-Z_]")
_GETTER_NAME = re.compile(r"^(get|is|has)[A-Z_]")
_GETTER_LINES = 12  # a no-argument getter this short that stays in its own class is collapsed
_VALUE_METHODS = frozenset({"toString", "name", "ordinal", "getValue", "value", "hashCode"})
_CONTEXT_GETTERS = frozenset({"current", "getInstance", "value"})  # of boundary classes: ConfigKey.value()
_OBJECT_VALUE_METHODS = frozenset({"equals", "hashCode", "compareTo", "toString"})


@dataclass(frozen=True)
class FlowRules:
    """What a flow starts from, where commands are bound, and where it stops."""

    entry_class: str = "ApiServlet"
    entry_method: str = "processRequest"
    servlet_methods: tuple[str, ...] = ("doGet", "doPost")  # the first one calling the entry starts the flow
    execute_class: str = "BaseCmd"
    execute_method: str = "execute"
    create_class: str = "BaseAsyncCreateCmd"
    create_method: str = "create"
    boundaries: tuple[str, ...] = DEFAULT_BOUNDARIES
    max_fanout: int = 6  # more implementations than this: shown as one folded step
    collapse_trivial: bool = True  # call-free getters/setters, tiny call-free methods, empty constructors
    collapse_exceptions: bool = True  # constructing exceptions
    # hand-off kinds a flow follows past ``depth`` (``flowdoc flow --through agent``): below the
    # depth only the calls on a shortest way to such a hand-off go on, at most ``through_limit``
    # levels more; each handler past it is expanded ``through_handler_depth`` levels
    through: tuple[str, ...] = ()
    through_limit: int = 30
    through_handler_depth: int = 0
    # for ranking steps (flowdoc.analyze.ranking): the framework's generic DAO interface and the
    # interface of its access checkers, each by simple name or FQN
    dao_interface: str = "GenericDao"
    checker_interface: str = "SecurityChecker"


@dataclass
class FlowStep:
    depth: int
    node: str
    kind: str  # entry | call | dispatch | inject | async | new
    call_file: str | None
    call_line: int | None
    handoff: str = ""  # the hand-off kind this step crosses (see flowdoc.analyze.handoffs), if any
    repeat: bool = False
    folded: int = 0
    ambiguous: bool = False
    # text view only (not in as_dict): the other lines where the caller calls this same target,
    # and whether the target is a boundary (shown, never expanded)
    more_lines: tuple[int, ...] = ()
    boundary: bool = False
    # past a hand-off other than the API job: the handler's build module and, for an agent
    # command, the answer classes it creates
    module: str = ""
    answers: tuple[str, ...] = ()
    rank: str = ""  # main | a side kind (flowdoc.analyze.ranking), set when the flow is built

    @property
    def is_async(self) -> bool:
        """The step starts the API job on a job thread (the async job hand-off)."""
        return self.handoff == ASYNC_JOB

    def as_dict(self) -> dict:
        data = {"depth": self.depth, "node": self.node, "kind": self.kind, "call_file": self.call_file,
                "call_line": self.call_line, "async": self.is_async, "repeat": self.repeat, "folded": self.folded,
                "rank": self.rank}
        if self.handoff and not self.is_async:
            data["handoff"] = self.handoff  # the async job keeps its historical "async" flag alone
            data["module"] = self.module
            if self.answers:
                data["answers"] = list(self.answers)
        return data


@dataclass
class Flow:
    api: str
    command_class: str
    is_async: bool
    async_create: bool
    steps: list[FlowStep]
    nodes: dict[str, dict]
    edges: list[dict]
    unknown: list[dict]
    framework_found: bool = True
    problems: list[str] = field(default_factory=list)
    touches: FlowTouches | None = None  # tables, settings, events of the methods the flow expands

    @property
    def unresolved(self) -> int:
        return len(self.unknown)

    def as_dict(self) -> dict:
        touches = self.touches.as_dict() if self.touches is not None else {}
        return {
            "api": self.api,
            "command_class": self.command_class,
            "async": self.is_async,
            "async_create": self.async_create,
            "nodes": [self.nodes[k] for k in sorted(self.nodes)],
            "edges": self.edges,
            "steps": [s.as_dict() for s in self.steps],
            "unresolved": self.unresolved,
            "unknown": self.unknown,
            **touches,
        }


# ------------------------------------------------------------------------------ guards
_TOKEN = re.compile(
    r"""(?P<ws>\s+)|(?P<comment>//[^\n]*|/\*.*?\*/)|(?P<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"""|(?P<word>[\w$]+(?:\.[\w$]+)*)|(?P<op>&&|\|\||->|::|\S)""",
    re.S,
)


@dataclass(frozen=True)
class Guard:
    """``if (cond) {then} else {other}`` where ``cond`` tests variables with ``instanceof``."""

    atoms: tuple  # nested ("or"|"and", [...]) / ("not", x) / ("is", subject, type) / ("?",)
    then_lines: frozenset[int]
    else_lines: frozenset[int]


def _tokens(text: str, first_line: int) -> list[tuple[str, int]]:
    out = []
    line = first_line
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        value = m.group()
        if kind in ("ws", "comment"):
            line += value.count("\n")
            continue
        out.append((value, line))
        line += value.count("\n")
    return out


def _match(tokens, i: int, open_: str, close: str) -> int:
    """Index of the token closing the bracket opened at ``i``."""
    depth = 0
    for j in range(i, len(tokens)):
        t = tokens[j][0]
        if t == open_:
            depth += 1
        elif t == close:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _statement_end(tokens, i: int) -> int:
    """Index just after the statement starting at token ``i``."""
    n = len(tokens)
    if i >= n:
        return n
    t = tokens[i][0]
    if t == "{":
        return _match(tokens, i, "{", "}") + 1
    if t == "if" and i + 1 < n and tokens[i + 1][0] == "(":
        close = _match(tokens, i + 1, "(", ")")
        end = _statement_end(tokens, close + 1)
        if end < n and tokens[end][0] == "else":
            end = _statement_end(tokens, end + 1)
        return end
    if t == "try":
        j = i + 1
        if j < n and tokens[j][0] == "(":
            j = _match(tokens, j, "(", ")") + 1
        j = _statement_end(tokens, j)
        while j < n and tokens[j][0] in ("catch", "finally"):
            if tokens[j][0] == "catch":
                j = _match(tokens, j + 1, "(", ")") + 1
            else:
                j += 1
            j = _statement_end(tokens, j)
        return j
    if t in ("for", "while", "synchronized", "switch") and i + 1 < n and tokens[i + 1][0] == "(":
        close = _match(tokens, i + 1, "(", ")")
        return _statement_end(tokens, close + 1)
    depth = 0
    for j in range(i, n):
        v = tokens[j][0]
        if v in "({[":
            depth += 1
        elif v in ")}]":
            depth -= 1
        elif v == ";" and depth == 0:
            return j + 1
    return n


def _condition(tokens) -> tuple:
    """A condition as nested and/or/not of instanceof atoms; anything else is unknown."""
    while tokens and tokens[0][0] == "(" and _match(tokens, 0, "(", ")") == len(tokens) - 1:
        tokens = tokens[1:-1]
    for op, kind in (("||", "or"), ("&&", "and")):
        parts, depth, start = [], 0, 0
        for j, (v, _) in enumerate(tokens):
            if v in "([{":
                depth += 1
            elif v in ")]}":
                depth -= 1
            elif v == op and depth == 0:
                parts.append(tokens[start:j])
                start = j + 1
        if parts:
            parts.append(tokens[start:])
            return (kind, tuple(_condition(p) for p in parts))
    if tokens and tokens[0][0] == "!":
        return ("not", _condition(tokens[1:]))
    values = [v for v, _ in tokens]
    if len(values) in (3, 4) and values[1] == "instanceof" and re.match(r"^[A-Za-z_$][\w$]*$", values[0]):
        return ("is", values[0], values[2])
    return ("?",)


def find_guards(text: str, first_line: int) -> list[Guard]:
    """Every ``if`` whose condition uses ``instanceof``, with the lines of its two branches."""
    tokens = _tokens(text, first_line)
    guards = []
    n = len(tokens)
    for i, (v, _) in enumerate(tokens):
        if v != "if" or i + 1 >= n or tokens[i + 1][0] != "(":
            continue
        close = _match(tokens, i + 1, "(", ")")
        cond = tokens[i + 2:close]
        if not any(t == "instanceof" for t, _ in cond):
            continue
        then_end = _statement_end(tokens, close + 1)
        then_lines = _branch_lines(tokens, close + 1, then_end)
        else_lines: frozenset[int] = frozenset()
        if then_end < n and tokens[then_end][0] == "else":
            else_end = _statement_end(tokens, then_end + 1)
            else_lines = _branch_lines(tokens, then_end + 1, else_end)
        # lines shared with code outside a branch (e.g. "} else {") belong to neither for sure
        guards.append(Guard(_condition(cond), then_lines, else_lines - then_lines))
    return guards


def _branch_lines(tokens, start: int, end: int) -> frozenset[int]:
    """Lines of a branch's statements (inside its braces, when it is a block)."""
    if start < end and tokens[start][0] == "{" and tokens[end - 1][0] == "}":
        start, end = start + 1, end - 1
    return frozenset(line for _, line in tokens[start:end])


def _evaluate(atom: tuple, decide) -> bool | None:
    kind = atom[0]
    if kind == "is":
        return decide(atom[1], atom[2])
    if kind == "not":
        inner = _evaluate(atom[1], decide)
        return None if inner is None else not inner
    if kind == "and":
        values = [_evaluate(a, decide) for a in atom[1]]
        if any(v is False for v in values):
            return False
        return True if all(v is True for v in values) else None
    if kind == "or":
        values = [_evaluate(a, decide) for a in atom[1]]
        if any(v is True for v in values):
            return True
        return False if all(v is False for v in values) else None
    return None


# ------------------------------------------------------------------------------ builder
class FlowBuilder:
    """Builds flows for one call graph; keeps what every flow shares (framework searches)."""

    def __init__(self, graph: CallGraph, index: SymbolIndex, rules: FlowRules | None = None,
                 root: str | None = None) -> None:
        self.graph = graph
        self.index = index
        self.rules = rules or FlowRules()
        self.root = Path(root) if root else None
        self._texts: dict[str, list[str] | None] = {}
        self._guards: dict[str, list[tuple[Guard, str]]] = {}
        self._framework: dict[tuple, dict] = {}
        self._children: dict[tuple[str, str | None], tuple[list[tuple], list[dict], int]] = {}
        self._trivial: dict[str, bool] = {}
        self._command_types: set[str] | None = None
        self.entry = self._servlet_entry(self._find_method(self.rules.entry_class, self.rules.entry_method))
        self.execute_bind = self._find_method(self.rules.execute_class, self.rules.execute_method, arity=0)
        self.create_bind = self._find_method(self.rules.create_class, self.rules.create_method, arity=0)
        self.command_root = class_of(self.execute_bind) if self.execute_bind else None
        self._guard_types: tuple[str, ...] | None = None
        self._adjacency: dict[str, list[tuple[str, dict]]] = {}
        self._corridor: set[str] | None = None
        self._key_memo: dict[tuple[str, bool], tuple] = {}
        self._toward: dict[str, int] | None = None
        self._touches = None
        self._answer_root: str | None = None

    def _servlet_entry(self, entry: str | None) -> str | None:
        """Where the HTTP request enters: the servlet's ``doGet`` (``doPost`` alike) when it calls
        the entry method, else the entry method itself."""
        if entry is None:
            return None
        for name in self.rules.servlet_methods:
            for node in self.graph.find_nodes(class_of(entry), name):
                if any(t == entry for t, _ in self.graph.out_edges(node)):
                    return node
        return entry

    # ---------------------------------------------------------------- lookups
    def _find_method(self, cls: str, method: str, arity: int | None = None) -> str | None:
        candidates = []
        for fqn in self.index.types:
            if fqn == cls or fqn.rsplit(".", 1)[-1] == cls:
                for node in self.graph.find_nodes(fqn, method):
                    m = self.graph.method_of(node)[1]
                    if arity is None or len(m.params) == arity:
                        candidates.append(node)
        # several classes of that name: the one most of the tree builds on (most subtypes)
        candidates.sort(key=lambda n: (-len(self.index.subtypes(class_of(n))), n))
        return candidates[0] if candidates else None

    def is_command_type(self, fqn: str | None) -> bool:
        return bool(fqn and self.command_root and self.index.is_subtype(fqn, self.command_root))

    def bind(self, cls: str, bind_node: str | None) -> str | None:
        """The command's own or inherited implementation of a bind point."""
        if bind_node is None:
            return None
        target = self.graph.override_in(cls, bind_node)
        if target is None:
            return None
        found = self.graph.method_of(target)
        return target if found is not None and found[1].has_body else None

    def _source_lines(self, path: str) -> list[str] | None:
        if path not in self._texts:
            lines = None
            if self.root is not None:
                try:
                    lines = (self.root / path).read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    lines = None
            self._texts[path] = lines
        return self._texts[path]

    def guards_of(self, node: str) -> list[tuple[Guard, str]]:
        """Command guards of a method: (guard, its class context) for ``instanceof`` tests on
        variables whose declared type is a command type."""
        if node in self._guards:
            return self._guards[node]
        result: list[tuple[Guard, str]] = []
        found = self.graph.method_of(node)
        if found is not None and self.command_root is not None:
            cls, m = found
            if m.has_body and m.instanceofs and any(self._command_subject(cls, m, c.subject.text)
                                                   for c in m.instanceofs if c.subject.kind == "name"):
                lines = self._source_lines(self.graph.node(node)["file"])
                if lines is not None:
                    text = "\n".join(lines[m.line - 1:m.end_line])
                    result = [(g, cls) for g in find_guards(text, m.line)]
        self._guards[node] = result
        return result

    def _command_subject(self, cls: str, m, name: str) -> bool:
        for v in (*m.params, *m.locals):
            if v.name == name and v.type is not None:
                return self.is_command_type(self.index.resolve_type(v.type.name, cls))
        return False

    def excluded_lines(self, node: str, command_cls: str) -> frozenset[int]:
        """Lines of branches the command cannot take in this method."""
        guards = self.guards_of(node)
        if not guards:
            return frozenset()
        found = self.graph.method_of(node)
        m = found[1]
        excluded: set[int] = set()

        def decide(subject: str, type_name: str) -> bool | None:
            cls = found[0]
            if not self._command_subject(cls, m, subject):
                return None
            fqn = self.index.resolve_type(type_name, cls)
            if fqn is None or fqn not in self.index.types:
                return None
            return self.index.is_subtype(command_cls, fqn)

        for guard, _ in guards:
            value = _evaluate(guard.atoms, decide)
            if value is False:
                excluded |= guard.then_lines
            elif value is True:
                excluded |= guard.else_lines
        return frozenset(excluded)

    # -------------------------------------------------------------- framework
    def _framework_key(self, command_cls: str, is_async: bool) -> tuple:
        key = self._key_memo.get((command_cls, is_async))
        if key is None:
            key = self._key_memo[(command_cls, is_async)] = self._framework_key_uncached(command_cls, is_async)
        return key

    def _framework_key_uncached(self, command_cls: str, is_async: bool) -> tuple:
        if self._guard_types is None:
            types: set[str] = set()
            for node in sorted(self.corridor()):
                for guard, cls in self.guards_of(node):
                    for atom in _atoms(guard.atoms):
                        fqn = self.index.resolve_type(atom[2], cls)
                        if fqn is not None and fqn in self.index.types:
                            types.add(fqn)
            self._guard_types = tuple(sorted(types))
        return (is_async, *(self.index.is_subtype(command_cls, t) for t in self._guard_types))

    def adjacency(self, node: str) -> list[tuple[str, dict]]:
        """Edges a framework search may follow from ``node`` (command independent)."""
        found = self._adjacency.get(node)
        if found is None:
            found = [(t, d) for t, d in self.graph.out_edges(node)
                     if d["kind"] != "unknown" and not self._blocked(t)]
            self._adjacency[node] = found
        return found

    def corridor(self) -> set[str]:
        """Methods on some path from the entry to a bind point: reachable from the entry and
        reaching a bind point. Per-command searches stay inside it."""
        if self._corridor is not None:
            return self._corridor
        binds = {b for b in (self.execute_bind, self.create_bind) if b}
        forward: set[str] = set()
        if self.entry is not None:
            todo = [self.entry]
            while todo:
                node = todo.pop()
                if node in forward:
                    continue
                forward.add(node)
                if node in binds:
                    continue
                todo.extend(t for t, _ in self.adjacency(node) if t not in forward)
        backward: set[str] = set()
        todo = sorted(binds)
        graph = self.graph.graph
        while todo:
            node = todo.pop()
            if node in backward:
                continue
            backward.add(node)
            for pred, _, data in graph.in_edges(node, data=True):
                if pred not in backward and pred in forward and data["kind"] != "unknown":
                    todo.append(pred)
        self._corridor = forward & backward
        return self._corridor

    def _blocked(self, target: str) -> bool:
        """Framework searches do not wander into command classes (their own behaviour is the
        flow's second half) nor into abstract methods (no body)."""
        if target in (self.execute_bind, self.create_bind):
            return False
        cls = class_of(target)
        if self.is_command_type(cls):
            return True
        return self.graph.node(target).get("abstract", False)

    def framework_paths(self, command_cls: str, is_async: bool) -> dict[str, list[tuple[str, dict | None]]]:
        """Shortest guarded paths from the entry to each reachable bind point:
        {bind node: [(node, edge data into it), ...]}."""
        key = self._framework_key(command_cls, is_async)
        if key in self._framework:
            return self._framework[key]
        paths: dict[str, list[tuple[str, dict | None]]] = {}
        if self.entry is not None:
            targets = {b for b in (self.execute_bind, self.create_bind) if b}
            corridor = self.corridor()
            start = (self.entry, False)
            parent: dict[tuple[str, bool], tuple[tuple[str, bool], dict] | None] = {start: None}
            queue = deque([start])
            found: dict[str, tuple[str, bool]] = {}
            while queue and len(found) < len(targets):
                state = queue.popleft()
                node, crossed = state
                if node in targets:
                    want_async = node == self.execute_bind and is_async
                    if node not in found and (crossed or not want_async):
                        found[node] = state
                    continue
                excluded = self.excluded_lines(node, command_cls)
                for target, data in self.adjacency(node):
                    if target not in corridor or (excluded and data["line"] in excluded):
                        continue
                    nxt = (target, crossed or data["kind"] == ASYNC_JOB)
                    if nxt not in parent:
                        parent[nxt] = (state, data)
                        queue.append(nxt)
            for bind, state in found.items():
                path: list[tuple[str, dict | None]] = []
                current: tuple[str, bool] | None = state
                while current is not None:
                    link = parent[current]
                    path.append((current[0], link[1] if link else None))
                    current = link[0] if link else None
                path.reverse()
                paths[bind] = path
        self._framework[key] = paths
        return paths

    # ------------------------------------------------------------------- flow
    def _label_handler(self, step: FlowStep) -> None:
        found = self.graph.method_of(step.node)
        if found is None:
            return
        step.module = module_of(self.graph.node(step.node).get("file", ""))
        if step.handoff == AGENT:
            if self._answer_root is None:
                self._answer_root = answer_root(self.index) or ""
            step.answers = tuple(answers_of(self.index, found[0], found[1], self._answer_root or None))

    def touches(self) -> Touches:
        """Tables, settings and events per method of this graph (catalogs built once)."""
        if self._touches is None:
            self._touches = Touches(self.graph, self.index)
        return self._touches

    def build(self, command, depth: int = 5) -> Flow:
        """The flow of one command, its steps ranked for reading (:mod:`flowdoc.analyze.ranking`)."""
        flow = self._build(command, depth)
        rank_flow(flow, self)
        # what the flow touches: the methods it expands (a caller of every edge; the entry)
        expanded = {e["from"] for e in flow.edges}
        flow.touches = self.touches().of_nodes(expanded)
        return flow

    def _build(self, command, depth: int) -> Flow:
        cls = command.class_name
        is_async = bool(command.isasync)
        flow = Flow(command.name, cls, is_async, bool(command.async_create), [], {}, [], [])
        binds: dict[str, str | None] = {}
        if self.execute_bind:
            binds[self.execute_bind] = self.bind(cls, self.execute_bind)
        if self.create_bind and self.index.is_subtype(cls, class_of(self.create_bind)):
            binds[self.create_bind] = self.bind(cls, self.create_bind)
        paths = {b: p for b, p in self.framework_paths(cls, is_async).items() if binds.get(b)}
        expanded: set[str] = set()
        if not paths:
            flow.framework_found = False
            flow.problems.append("no framework path from the entry to the command's bind points")
            for impl in sorted(binds.values(), key=lambda n: n != binds.get(self.create_bind)):  # create() first
                if impl:
                    self._expand(flow, impl, "dispatch", None, None, 0, depth, cls, expanded, "")
            return flow
        # merge the paths into one tree, children in call-line order
        tree: dict[str, list[tuple[int, str, dict]]] = {}
        for path in paths.values():
            for (a, _), (b, data) in zip(path, path[1:], strict=False):
                children = tree.setdefault(a, [])
                if not any(c[1] == b for c in children):
                    children.append((data["line"], b, data))
        for children in tree.values():
            children.sort(key=lambda c: (c[0], c[1]))
        self._add_node(flow, self.entry)
        flow.steps.append(FlowStep(0, self.entry, "entry", None, None))

        def walk(node: str, level: int, crossed: frozenset[str]) -> None:
            children = tree.get(node, ())
            shown = {c[1] for c in children}
            flow.steps[-1].folded = self._other_sites(node, shown)
            for _, child, data in children:
                kind = data["kind"]
                handoff = kind if kind in HANDOFF_KINDS and kind not in crossed else ""
                if child in binds:
                    impl = binds[child]
                    self._edge(flow, node, impl, "dispatch", data)
                    self._expand(flow, impl, "dispatch", data["file"], data["line"], level + 1, depth, cls,
                                 expanded, handoff)
                    continue
                self._add_node(flow, child)
                self._edge(flow, node, child, data["kind"], data)
                flow.steps.append(FlowStep(level + 1, child, data["kind"], data["file"], data["line"],
                                           handoff=handoff, ambiguous=bool(data.get("ambiguous"))))
                walk(child, level + 1, crossed | {kind} if kind in HANDOFF_KINDS else crossed)

        walk(self.entry, 0, frozenset())
        return flow

    def _other_sites(self, node: str, shown: set[str]) -> int:
        sites = set()
        for target, data in self.graph.out_edges(node):
            if data["kind"] != "unknown" and target not in shown:
                sites.add((data["site"], data["line"]))
        return len(sites)

    def _add_node(self, flow: Flow, node: str) -> None:
        if node in flow.nodes:
            return
        attrs = self.graph.node(node)
        flow.nodes[node] = {"id": node, "class": attrs.get("class", class_of(node)),
                            "method": attrs.get("method", node.rsplit(".", 1)[-1]), "file": attrs.get("file"),
                            "line": attrs.get("line"), "end_line": attrs.get("end_line")}

    def _edge(self, flow: Flow, src: str, dst: str, kind: str, data: dict) -> None:
        edge = {"from": src, "to": dst, "kind": kind, "file": data["file"], "line": data["line"],
                "ambiguous": bool(data.get("ambiguous"))}
        if edge not in flow.edges:
            flow.edges.append(edge)

    def is_boundary(self, node: str) -> bool:
        cls = class_of(node)
        return any(fnmatch.fnmatchcase(cls, pattern) for pattern in self.rules.boundaries)

    def is_trivial(self, node: str) -> bool:
        memo = self._trivial.get(node)
        if memo is None:
            memo = self._trivial[node] = self._is_trivial_uncached(node)
        return memo

    def _is_trivial_uncached(self, node: str) -> bool:
        found = self.graph.method_of(node)
        if found is None:
            return False
        cls, m = found
        if self.rules.collapse_exceptions and m.is_constructor and self._is_throwable(cls):
            return True
        if not self.rules.collapse_trivial:
            return False
        if m.name in _OBJECT_VALUE_METHODS and self._stays_home(cls, node):
            return True  # equals()/hashCode()/compareTo()/toString() that only compare own fields
        if not m.params and not m.is_constructor:
            facts = self.index.types.get(cls)
            if m.name in _VALUE_METHODS and facts is not None and facts.kind == "enum":
                return True  # an enum's toString()/name(): a value, not a step
            if _GETTER_NAME.match(m.name) or m.name in _CONTEXT_GETTERS:
                if self.is_boundary(node):
                    return True  # CallContext.current(), a VO's getX(): plumbing below a boundary
                if m.end_line - m.line <= _GETTER_LINES and self._stays_home(cls, node):
                    return True  # a getter that only converts its own fields
        if m.call_count or (m.has_body and m.calls):
            return False
        if m.is_constructor or m.end_line - m.line <= 4:
            return True
        return bool(_TRIVIAL_NAME.match(m.name))

    def _stays_home(self, cls: str, node: str) -> bool:
        """True when every call of ``node`` stays in its class hierarchy, in boundaries, or is
        itself trivial (no injected service, no dispatch to other implementations, no thread)."""
        home = {cls, *self.index.supertypes(cls)}
        for target, data in self.graph.out_edges(node):
            kind = data["kind"]
            if kind == "unknown":
                continue
            if kind in ("inject", "dispatch") or kind in HANDOFF_KINDS:
                return False
            owner = class_of(target)
            if owner in home or self.is_boundary(target) or target == node:
                continue
            found = self.graph.method_of(target)
            facts = self.index.types.get(owner)
            if found is not None and facts is not None and facts.kind == "enum" and found[1].name in _VALUE_METHODS:
                continue
            if kind == "new" and found is not None and self._is_throwable(owner):
                continue
            return False
        return True

    def _is_throwable(self, cls: str) -> bool:
        return any(s in _THROWABLES for s in self.index.supertypes(cls))

    def children(self, node: str, this_cls: str | None) -> tuple[list[tuple], list[dict], int]:
        """Visible callees of ``node``: (target, kind, call file, line, ambiguous, this class,
        lines of its other calls), the unknown targets, and how many callees were collapsed or
        folded. A target called several times is listed once, at its first call."""
        key = (node, this_cls)
        memo = self._children.get(key)
        if memo is None:
            memo = self._children[key] = self._children_uncached(node, this_cls)
        return memo

    def _children_uncached(self, node: str, this_cls: str | None) -> tuple[list[tuple], list[dict], int]:
        groups: dict[tuple, list[tuple[str, dict]]] = {}
        for target, data in self.graph.out_edges(node):
            # a hand-off found at a call site (an agent send) is a group of its own beside the call
            handoff = data["kind"] if data["kind"] in HANDOFF_KINDS else ""
            key = (data["site"], data["line"], handoff) if data["site"] >= 0 else (-1, data["line"], target)
            groups.setdefault(key, []).append((target, data))
        out: list[tuple] = []
        unknown: list[dict] = []
        folded = 0
        seen_targets: dict[str, list[int]] = {}
        for group in groups.values():
            kinds = {d["kind"] for _, d in group}
            if "unknown" in kinds:
                for target, data in group:
                    unknown.append({"from": node, "text": target[2:], "line": data["line"]})
                continue
            picked: list[tuple[str, str, dict, str | None]] = []
            if "inject" in kinds:
                picked = [(t, "inject", d, d.get("bean") or class_of(t)) for t, d in group if d["kind"] == "inject"]
            elif "new" in kinds or kinds & HANDOFF_KINDS:
                picked = [(t, d["kind"], d, class_of(t)) for t, d in group]
            else:
                calls = [(t, d) for t, d in group if d["kind"] == "call"]
                dispatch = [(t, d) for t, d in group if d["kind"] == "dispatch"]
                for target, data in calls:
                    rebound = None
                    if data.get("self_call") and this_cls and this_cls != class_of(target):
                        rebound = self.graph.override_in(this_cls, target)
                    if rebound is not None and rebound != target:
                        picked.append((rebound, "dispatch", data, this_cls))
                        continue
                    if not self.graph.node(target).get("abstract"):
                        picked.append((target, "call", data, this_cls if data.get("self_call") else class_of(target)))
                    elif len(dispatch) <= self.rules.max_fanout:
                        picked.extend((t, "dispatch", d, class_of(t)) for t, d in dispatch)
                    else:
                        picked.append((target, "dispatch", data, class_of(target)))
                        folded += len(dispatch)
            for target, kind, data, cls in picked:
                if self.is_trivial(target) and kind not in HANDOFF_KINDS:  # a hand-off target always shows
                    folded += 1
                    continue
                if target in seen_targets:
                    seen_targets[target].append(data["line"])
                    continue
                seen_targets[target] = []
                out.append((target, kind, data["file"], data["line"], bool(data.get("ambiguous")), cls))
        out = [(*c, tuple(sorted(seen_targets[c[0]]))) for c in out]
        out.sort(key=lambda c: (c[3], c[0]))
        return out, unknown, folded

    def toward(self) -> dict[str, int]:
        """For ``rules.through``: method -> calls to the nearest hand-off of those kinds (0: it
        makes one), by a reverse breadth-first search that does not pass boundary classes."""
        if self._toward is None:
            kinds = set(self.rules.through)
            graph = self.graph.graph
            hops: dict[str, int] = {}
            queue: deque[str] = deque()
            for u, _, data in graph.edges(data=True):
                if data["kind"] in kinds and u not in hops:
                    hops[u] = 0
                    queue.append(u)
            while queue:
                node = queue.popleft()
                if hops[node] >= self.rules.through_limit:
                    continue
                for pred, _, data in graph.in_edges(node, data=True):
                    if pred not in hops and data["kind"] != "unknown" and not self.is_boundary(pred):
                        hops[pred] = hops[node] + 1
                        queue.append(pred)
            self._toward = hops
        return self._toward

    def _expand(self, flow: Flow, node: str, kind: str, call_file, call_line, level: int, depth: int,
                this_cls: str | None, expanded: set[str], handoff: str, base: int | None = None,
                more_lines: tuple[int, ...] = ()) -> None:
        """Depth-first, preorder: one step for ``node``, then its callees to ``depth`` (and past
        it, toward the hand-offs of ``rules.through``)."""
        base = level if base is None else base
        self._add_node(flow, node)
        boundary = self.is_boundary(node)
        step = FlowStep(level, node, kind, call_file, call_line, handoff=handoff, more_lines=more_lines,
                        boundary=boundary)
        if handoff and handoff != ASYNC_JOB:
            self._label_handler(step)
        flow.steps.append(step)
        if node in expanded:
            step.repeat = True
            return
        children, unknown, folded = self.children(node, this_cls)
        shown = children
        if level - base >= depth:  # past the depth: only on the way to a followed hand-off
            hops = self.toward().get(node) if self.rules.through else None
            through = self.rules.through
            shown = [] if hops is None else [c for c in children if (hops == 0 and c[1] in through)
                                             or (hops > 0 and self.toward().get(c[0]) == hops - 1)]
        if boundary or (not shown and level - base >= depth):
            step.folded = len(children) + folded
            return
        expanded.add(node)
        flow.unknown.extend(unknown)
        step.folded = folded + len(children) - len(shown)
        for target, ckind, cfile, cline, ambiguous, cls, more in shown:
            self._edge(flow, node, target, ckind, {"file": cfile, "line": cline, "ambiguous": ambiguous})
            if ckind in self.rules.through:  # past a followed hand-off: the handler, a few levels
                self._expand(flow, target, ckind, cfile, cline, level + 1, self.rules.through_handler_depth, cls,
                             expanded, ckind, level + 1, more)
                continue
            self._expand(flow, target, ckind, cfile, cline, level + 1, depth, cls, expanded,
                         ckind if ckind in HANDOFF_KINDS else "", base, more)


def _atoms(atom: tuple):
    if atom[0] == "is":
        yield atom
    elif atom[0] == "not":
        yield from _atoms(atom[1])
    elif atom[0] in ("and", "or"):
        for a in atom[1]:
            yield from _atoms(a)


_BUILDERS: dict[int, FlowBuilder] = {}


def flow_builder(graph: CallGraph, index: SymbolIndex, rules: FlowRules | None = None) -> FlowBuilder:
    """The (cached) builder for a graph: framework searches are shared by all its flows."""
    key = id(graph)
    rules = rules or FlowRules()
    builder = _BUILDERS.get(key)
    if builder is None or builder.graph is not graph or builder.rules != rules:
        builder = FlowBuilder(graph, index, rules, root=graph.root)
        _BUILDERS.clear()
        _BUILDERS[key] = builder
    return builder


def build_flow(command, graph: CallGraph, index: SymbolIndex, depth: int = 5,
               rules: FlowRules | None = None) -> Flow:
    """The request flow of one API command (see the module docstring)."""
    return flow_builder(graph, index, rules).build(command, depth)


def _short_node(node: str) -> str:
    """``Class.method(Args)`` without the package."""
    head, _, args = node.partition("(")
    cls, _, method = head.rpartition(".")
    return f"{cls.rsplit('.', 1)[-1]}.{method}({args}"


def _compact_plan(flow: Flow) -> tuple[set[int], dict[int, int]]:
    """Which steps the compact view leaves out, and how many each parent gains in "not shown".

    Left out: a boundary step (a DAO call, an entity, a utility...; shown, never expanded) whose
    method already has a line above in this flow, unless it starts the job thread. Every method
    of the full tree therefore still appears at least once."""
    dropped: set[int] = set()
    extra: dict[int, int] = {}
    shown: set[str] = set()
    parents: list[int] = []  # index of the last kept step at each depth
    for i, step in enumerate(flow.steps):
        del parents[step.depth:]
        if step.boundary and step.node in shown and not step.handoff and parents:
            dropped.add(i)
            extra[parents[-1]] = extra.get(parents[-1], 0) + 1
            continue
        shown.add(step.node)
        parents.extend([i] * (step.depth + 1 - len(parents)))
    return dropped, extra


def format_flow_text(flow: Flow, full: bool = False, show_all: bool = False) -> str:
    """The text view. By default ranked for reading (:func:`flowdoc.analyze.reading.format_reading_text`):
    the main path, side steps folded into counts; ``show_all`` lists the side steps too. Both
    are compact: a boundary call (DAO, entity, utility...) already listed above is left out
    (counted in the caller's ``+N not shown``) and a callee called at several places shows
    ``×N`` and the other lines. ``full`` prints every step of :attr:`Flow.steps` as it is, in
    call order, one hop per line with where the method is defined and where it is called."""
    if not full:
        dropped, extra = _compact_plan(flow)
        return format_reading_text(flow, show_all=show_all, dropped=dropped, extra=extra)
    head = "async" if flow.is_async else "sync"
    if flow.async_create:
        head += ", async-create"
    lines = [f"{flow.api}  ({flow.command_class}; {head})  [every step, in call order]"]
    if not flow.framework_found:
        lines.append("  (no framework path found from the entry; showing the command's methods only)")
    last_at: dict[int, tuple] = {}  # depth -> the hand-off (kind, call site) of the previous step there
    callers: list[str | None] = []  # defining file of the last step at each depth
    for step in flow.steps:
        del callers[step.depth:]
        indent = "  " * step.depth
        rule = crossed_by(step)
        crossing = (step.handoff, step.call_file, step.call_line) if rule is not None else None
        for deeper in [d for d in last_at if d > step.depth]:
            del last_at[deeper]
        if rule is not None and last_at.get(step.depth) != crossing:  # one line for the handlers of one hand-off
            lines.append(f"{indent}== {rule.boundary} ==")
        last_at[step.depth] = crossing
        marker = "=>" if rule is not None else ("*" if step.kind == "entry" else "->")
        text = f"{indent}{marker} {_short_node(step.node)}{step_tags(step)}"
        location = where_text(flow, step, callers[-1] if callers else None)
        if location:
            text += f"  {location}"
        if step.repeat:
            text += "  (see above)"
        elif step.folded:
            text += f"  (+{step.folded} not shown)"
        lines.append(text)
        callers.extend([flow.nodes.get(step.node, {}).get("file")] * (step.depth + 1 - len(callers)))
    if flow.touches is not None:
        lines.extend(flow.touches.summary_lines())
    if flow.unknown:
        lines.append(f"unresolved calls: {len(flow.unknown)} (flowdoc flow --format json lists them)")
    return "\n".join(lines) + "\n"


@dataclass
class CallerPath:
    """One API reaching a method: ``path`` from the API's bound create()/execute() (or a
    framework method) to the method, as (node, edge kind, call file, call line) hops."""

    api: str
    command_class: str
    via: str  # the bound method (or framework method) the path starts from
    path: list[tuple[str, str, str | None, int | None]]

    def as_dict(self) -> dict:
        return {"api": self.api, "command_class": self.command_class, "via": self.via,
                "hops": len(self.path) - 1,
                "path": [{"node": n, "kind": k, "call_file": f, "call_line": line} for n, k, f, line in self.path]}


def find_callers(targets: list[str], graph: CallGraph, index: SymbolIndex, commands, max_depth: int = 12,
                 rules: FlowRules | None = None) -> list[CallerPath]:
    """Impact analysis: which APIs reach any of ``targets``, each with one shortest path.

    A reverse breadth-first search from the targets stops at methods that some API binds as
    its create()/execute(), and at the framework corridor (then every API whose framework path
    passes there reaches the target). Like flows, it does not follow virtual calls with more
    than ``max_fanout`` implementations."""
    builder = flow_builder(graph, index, rules)
    bound: dict[str, list] = {}
    for command in commands:
        for bind_node in (builder.execute_bind, builder.create_bind):
            if bind_node is None:
                continue
            if bind_node == builder.create_bind and not index.is_subtype(command.class_name, class_of(bind_node)):
                continue
            impl = builder.bind(command.class_name, bind_node)
            if impl:
                bound.setdefault(impl, []).append(command)
    corridor = builder.corridor()
    nx_graph = graph.graph
    fanouts: dict[tuple[str, int], int] = {}

    def fanout(pred: str, site: int) -> int:
        key = (pred, site)
        if key not in fanouts:
            for _, _, d in nx_graph.out_edges(pred, data=True):
                if d["kind"] == "dispatch":
                    k = (pred, d["site"])
                    fanouts[k] = fanouts.get(k, 0) + 1
            fanouts.setdefault(key, 0)
        return fanouts[key]
    parent: dict[str, tuple[str, dict] | None] = {t: None for t in targets if t in nx_graph}
    queue = deque((t, 0) for t in parent)
    hits: list[str] = []
    while queue:
        node, dist = queue.popleft()
        at_bound = node in bound
        if at_bound or (node in corridor and node not in (builder.execute_bind, builder.create_bind)):
            hits.append(node)
        if dist >= max_depth:
            continue
        for pred, _, data in sorted(nx_graph.in_edges(node, data=True), key=lambda e: (e[0], e[2]["line"])):
            if data["kind"] == "unknown" or pred in parent:
                continue
            if at_bound and not builder.is_command_type(class_of(pred)):
                continue  # past a bound create()/execute() only subclass commands (super.create()) lead on
            if data["kind"] == "dispatch" and fanout(pred, data["site"]) > builder.rules.max_fanout:
                continue  # as in flows: a call with many implementations is not followed
            if pred in corridor and builder.is_command_type(class_of(node)):
                continue  # the framework calling a command's own method: not a path for every API
            parent[pred] = (node, data)
            queue.append((pred, dist + 1))

    def path_from(start: str) -> list[tuple[str, str, str | None, int | None]]:
        hops = [(start, "entry", None, None)]
        current = start
        while parent.get(current) is not None:
            nxt, data = parent[current]
            hops.append((nxt, data["kind"], data["file"], data["line"]))
            current = nxt
        return hops

    results: dict[str, CallerPath] = {}
    framework_nodes: dict[str, set[str]] = {}
    for hit in hits:
        path = path_from(hit)
        if hit in bound:
            for command in bound[hit]:
                old = results.get(command.name)
                if old is None or len(path) < len(old.path):
                    results[command.name] = CallerPath(command.name, command.class_name, hit, path)
            continue
        for command in commands:  # a framework method: the APIs whose framework path uses it
            if command.name in results:
                continue
            on_path = framework_nodes.get(command.name)
            if on_path is None:
                paths = builder.framework_paths(command.class_name, bool(command.isasync))
                on_path = framework_nodes[command.name] = {n for p in paths.values() for n, _ in p}
            if hit in on_path:
                results[command.name] = CallerPath(command.name, command.class_name, hit, path)
    return [results[k] for k in sorted(results)]
