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

The package: :mod:`.model` (rules, flows, steps), :mod:`.guards` (evaluating ``instanceof`` guards),
:mod:`.framework` (the framework path), :mod:`.collapse` (boundaries, trivial methods),
:mod:`.builder` (one flow), :mod:`.ranking` (each step's rank for reading: main path or a side
kind), :mod:`.text` (the text view; :mod:`.reading`, its ranked default), :mod:`.callers` (which
APIs reach a method).
"""

from __future__ import annotations

from flowdoc.analyze.flows.builder import FlowBuilder, build_flow, flow_builder
from flowdoc.analyze.flows.callers import CallerPath, find_callers
from flowdoc.analyze.flows.model import DEFAULT_BOUNDARIES, Flow, FlowRules, FlowStep
from flowdoc.analyze.flows.text import format_flow_text

__all__ = ["DEFAULT_BOUNDARIES", "CallerPath", "Flow", "FlowBuilder", "FlowRules", "FlowStep", "build_flow",
           "find_callers", "flow_builder", "format_flow_text"]
