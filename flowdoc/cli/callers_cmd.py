"""``flowdoc callers 'pkg.Class#method'`` (or ``--table NAME``, ``--setting NAME``): which APIs
reach a method, write or read a table, read a setting (impact analysis)."""

from __future__ import annotations

import argparse
import json

from flowdoc.cli.common import add_source_options, emit, method_form_hint, positive_int, project_of, suggest
from flowdoc.model.problems import InputError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("callers", help="which APIs reach a method, each with one shortest path")
    parser.add_argument("method", nargs="?", default=None,
                        help="'pkg.Class#method' (or 'Class#method', 'Class#method(Type,...)')")
    parser.add_argument("--table", default=None, metavar="NAME", help="instead: the APIs touching database table NAME")
    parser.add_argument("--access", choices=("read", "write"), default=None, help="with --table: only reads or writes")
    parser.add_argument("--setting", default=None, metavar="NAME", help="instead: the APIs reading global setting NAME")
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

    if sum(x is not None for x in (args.method, args.table, args.setting)) != 1:
        raise InputError("callers: give one of METHOD, --table NAME or --setting NAME")
    project = project_of(args)
    graph, index = project.graph, project.index
    if args.method is None:
        targets, spec = _touching(graph, index, args)
    else:
        targets, spec = _method_targets(graph, args.method), args.method
    results = find_callers(targets, graph, index, project.model.commands, max_depth=args.depth)
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


def _method_targets(graph, spec: str) -> list[str]:
    cls, sep, method = spec.partition("#")
    if not sep:
        cls, _, method = spec.rpartition(".")
    targets = graph.find_nodes(cls, method or None) if cls else []
    if not targets and cls and method:
        targets = graph.find_inherited(cls, method)
    hint = method_form_hint(spec, graph) if not targets and not sep else None
    if hint is not None:
        raise hint
    if not targets:
        choices = sorted({f"{owner}#{m.name}" for owner, m in graph.methods.values()
                          if owner.rsplit(".", 1)[-1] == cls.rsplit(".", 1)[-1] or m.name == method})
        if not choices:
            choices = sorted({f"{owner}#{m.name}" for owner, m in graph.methods.values()})
        raise suggest(spec, choices, "method")
    return targets


def _touching(graph, index, args: argparse.Namespace) -> tuple[list[str], str]:
    from flowdoc.analyze.touches import Touches

    touches = Touches(graph, index)
    if args.table is not None:
        if args.table not in touches.tables.tables:
            raise suggest(args.table, sorted(touches.tables.tables), "table")
        return touches.methods_touching(table=args.table, access=args.access), f"table {args.table}"
    if args.setting not in touches.settings.by_name():
        raise suggest(args.setting, sorted(touches.settings.by_name()), "setting")
    return touches.methods_touching(setting=args.setting), f"setting {args.setting}"
