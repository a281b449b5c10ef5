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

The package, one module a job: :mod:`.graph` (the :class:`CallGraph` later stages use),
:mod:`.build` (nodes and edges), :mod:`.resolve` with its parts :mod:`.expressions`,
:mod:`.sites`, :mod:`.overloads`, :mod:`.dispatch` (receiver types and binding),
:mod:`.types` and :mod:`.jdk` (static types, JDK return types), :mod:`.scope` (what
hand-off rules see of a resolved method). Caching a built graph is the pipeline's job
(:mod:`flowdoc.pipeline`, :mod:`flowdoc.store`).
"""

from __future__ import annotations

from flowdoc.analyze.callgraph.build import assemble_call_graph, build_call_graph
from flowdoc.analyze.callgraph.graph import CallGraph, CallGraphStats, class_of, method_id, types_of_file

__all__ = ["CallGraph", "CallGraphStats", "assemble_call_graph", "build_call_graph", "class_of", "method_id",
           "types_of_file"]
