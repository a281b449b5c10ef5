"""``flowdoc flow API``: the request flow of one API, from the servlet into the command and on."""

from __future__ import annotations

import argparse
import difflib
import json

from flowdoc.cli.common import _positive_int, add_source_options, cache_dir_of, emit, load_scan
from flowdoc.model.problems import InputError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("flow", help="the request flow of one API (framework path, create()/execute(), services)")
    parser.add_argument("api", help="API name as a client calls it, e.g. deployVirtualMachine")
    add_source_options(parser)
    parser.add_argument("--depth", type=_positive_int, default=5, metavar="N",
                        help="how deep to follow calls below create()/execute() (default 5)")
    parser.add_argument("--boundary", action="append", default=[], metavar="GLOB",
                        help="also stop at classes whose name matches GLOB, e.g. '*.network.*' (repeatable)")
    parser.add_argument("--no-default-boundaries", action="store_true",
                        help="expand DAO, entity, utility and context classes too")
    parser.add_argument("--format", choices=("text", "json", "mermaid"), default="text")
    parser.add_argument("--full", action="store_true",
                        help="text: print every step; by default repeated DAO/boundary calls are left out "
                             "and several calls to one method are merged into one line with a count")
    parser.add_argument("-o", "--output", default=None, help="write to FILE instead of stdout")
    parser.set_defaults(run=run)


def load_graph(args: argparse.Namespace):
    """Scan, index, API model and call graph for ``--source`` (shared by flow/callers/graph)."""
    from flowdoc.analyze.api import build_api_model
    from flowdoc.analyze.callgraph import build_call_graph
    from flowdoc.analyze.symbols import build_symbol_index

    scan = load_scan(args)
    index = build_symbol_index(scan)
    model = build_api_model(scan, index)
    graph = build_call_graph(scan, index, cache_dir=cache_dir_of(args))
    return scan, index, model, graph


def suggest(name: str, choices: list[str], what: str) -> InputError:
    close = difflib.get_close_matches(name, choices, n=5, cutoff=0.5)
    if not close:
        lowered = name.lower()
        close = [c for c in choices if lowered in c.lower()][:5]
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    return InputError(f"unknown {what} {name!r}{hint}")


def rules_from(args: argparse.Namespace):
    """FlowRules from ``--boundary`` / ``--no-default-boundaries`` (defaults otherwise)."""
    from flowdoc.analyze.flows import DEFAULT_BOUNDARIES, FlowRules

    base = () if getattr(args, "no_default_boundaries", False) else DEFAULT_BOUNDARIES
    extra = tuple(getattr(args, "boundary", ()) or ())
    if not extra and base == DEFAULT_BOUNDARIES:
        return None
    return FlowRules(boundaries=base + extra)


def run(args: argparse.Namespace) -> int:
    from flowdoc.analyze.flows import build_flow, format_flow_text
    from flowdoc.site.sequence import sequence_diagram

    scan, index, model, graph = load_graph(args)
    command = model.command(args.api)
    if command is None:
        raise suggest(args.api, [c.name for c in model.commands], "API")
    flow = build_flow(command, graph, index, depth=args.depth, rules=rules_from(args))
    if args.format == "json":
        text = json.dumps(flow.as_dict(), indent=2)
    elif args.format == "mermaid":
        text = sequence_diagram(flow)
    else:
        text = format_flow_text(flow, full=args.full)
    emit(text, args.output)
    return 0
