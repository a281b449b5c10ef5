"""``flowdoc callers 'pkg.Class#method'``: which APIs reach a method (impact analysis)."""

from __future__ import annotations

import argparse
import json

from flowdoc.cli.common import add_source_options, emit, positive_int, project_of, suggest


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("callers", help="which APIs reach a method, each with one shortest path")
    parser.add_argument("method", help="'pkg.Class#method' (or 'Class#method', 'Class#method(Type,...)')")
    add_source_options(parser)
    parser.add_argument("--depth", type=positive_int, default=12, metavar="N",
                        help="longest path searched, in calls (default 12)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output", default=None, help="write to FILE instead of stdout")
    parser.set_defaults(run=run)


def _short(node: str) -> str:
    head, _, args = node.partition("(")
    cls, _, method = head.rpartition(".")
    return f"{cls.rsplit('.', 1)[-1]}.{method}({args}"


def run(args: argparse.Namespace) -> int:
    from flowdoc.analyze.flows import find_callers

    project = project_of(args)
    graph = project.graph
    spec = args.method
    cls, sep, method = spec.partition("#")
    if not sep:
        cls, _, method = spec.rpartition(".")
    targets = graph.find_nodes(cls, method or None) if cls else []
    if not targets and cls and method:
        targets = graph.find_inherited(cls, method)
    if not targets:
        choices = sorted({f"{owner}#{m.name}" for owner, m in graph.methods.values()
                          if owner.rsplit(".", 1)[-1] == cls.rsplit(".", 1)[-1] or m.name == method})
        if not choices:
            choices = sorted({f"{owner}#{m.name}" for owner, m in graph.methods.values()})
        raise suggest(spec, choices, "method")
    results = find_callers(targets, graph, project.index, project.model.commands, max_depth=args.depth)
    if args.format == "json":
        text = json.dumps({"method": spec, "targets": targets, "apis": [r.as_dict() for r in results]}, indent=2)
    else:
        lines = [f"{len(results)} API(s) reach {spec} ({', '.join(_short(t) for t in targets[:3])}"
                 f"{'...' if len(targets) > 3 else ''})"]
        for r in results:
            hops = " -> ".join(_short(n) for n, *_ in r.path)
            lines.append(f"  {r.api}: {hops}")
        text = "\n".join(lines)
    emit(text, args.output)
    return 0
