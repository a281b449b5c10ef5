"""What a flow is: the rules it is built with (:class:`FlowRules`) and the result (:class:`Flow`
of :class:`FlowStep`), plain data with one ``as_dict`` for JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

from flowdoc.analyze.handoffs import ASYNC_JOB
from flowdoc.analyze.touches import FlowTouches

# Shown but not expanded: data access, entities, utilities, and CloudStack's request-context and
# configuration plumbing (present in every release), so that flows read like notes, not dumps.
DEFAULT_BOUNDARIES = ("*Dao", "*DaoImpl", "*DaoBase", "*.dao.*", "*VO", "*.utils.*", "*.util.*", "java.*",
                      "javax.*", "org.apache.cloudstack.context.*", "org.apache.cloudstack.framework.config.*")


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
    # framework methods a flow shows with their callees wherever its framework path calls them
    # ("Class.method", simple class name): CloudStack's dispatch chain, whose workers unpack,
    # convert and validate the request parameters of every command, sync or async
    framework_calls: tuple[str, ...] = ("DispatchChain.dispatch",)
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
    # for ranking steps (flowdoc.analyze.flows.ranking): the framework's generic DAO interface and the
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
    rank: str = ""  # main | a side kind (flowdoc.analyze.flows.ranking), set when the flow is built
    # past a hand-off: the mechanism's own methods the work passes through before this step
    # (flowdoc.analyze.handoffs.HandoffEdge.hops), in order; drawn, not expanded
    hops: tuple[str, ...] = ()

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
        if self.hops:
            data["hops"] = list(self.hops)
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
