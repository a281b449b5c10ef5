"""``flowdoc flow API``: the request flow of one API, from the servlet into the command and on."""

from __future__ import annotations

import argparse
import json

from flowdoc.cli.common import add_source_options, emit, positive_int, project_of, suggest


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("flow", help="the request flow of one API (framework path, create()/execute(), services)")
    parser.add_argument("api", help="API name as a client calls it, e.g. deployVirtualMachine")
    add_source_options(parser)
    parser.add_argument("--depth", type=positive_int, default=5, metavar="N",
                        help="how deep to follow calls below create()/execute() (default 5)")
    parser.add_argument("--boundary", action="append", default=[], metavar="GLOB",
                        help="also stop at classes whose name matches GLOB, e.g. '*.network.*' (repeatable)")
    parser.add_argument("--no-default-boundaries", action="store_true",
                        help="expand DAO, entity, utility and context classes too")
    parser.add_argument("--through", action="append", default=[], metavar="KIND",
                        help="follow hand-offs of KIND past --depth: vm_work, agent, message_bus, async or all "
                             "(repeatable); only the calls on the way to one go on")
    parser.add_argument("--handler-depth", type=int, default=0, metavar="N",
                        help="with --through: how deep to expand each handler past a hand-off (default 0)")
    parser.add_argument("--format", choices=("text", "json", "mermaid"), default="text")
    parser.add_argument("--all", action="store_true", dest="show_all",
                        help="text: also list the side steps (access checks, DAO calls, getters...) that the "
                             "default view folds into counts on their caller's row")
    parser.add_argument("--full", action="store_true",
                        help="text: print every step in call order, unranked; by default repeated DAO/boundary "
                             "calls are left out and several calls to one method are merged into one line")
    parser.add_argument("-o", "--output", default=None, help="write to FILE instead of stdout")
    parser.set_defaults(run=run)


def rules_from(args: argparse.Namespace):
    """FlowRules from ``--boundary`` / ``--no-default-boundaries`` / ``--through`` (defaults otherwise)."""
    from flowdoc.analyze.flows import DEFAULT_BOUNDARIES, FlowRules
    from flowdoc.analyze.handoffs import KINDS

    base = () if getattr(args, "no_default_boundaries", False) else DEFAULT_BOUNDARIES
    extra = tuple(getattr(args, "boundary", ()) or ())
    through = [k for item in getattr(args, "through", ()) or () for k in item.split(",") if k]
    for kind in through:
        if kind != "all" and kind not in KINDS:
            raise suggest(kind, sorted(KINDS) + ["all"], "--through hand-off kind")
    through = sorted(KINDS) if "all" in through else sorted(set(through))
    if not extra and base == DEFAULT_BOUNDARIES and not through:
        return None
    return FlowRules(boundaries=base + extra, through=tuple(through),
                     through_handler_depth=max(0, getattr(args, "handler_depth", 0)))


def run(args: argparse.Namespace) -> int:
    from flowdoc.analyze.flows import format_flow_text
    from flowdoc.site.sequence import sequence_diagram

    project = project_of(args)
    if project.model.command(args.api) is None:
        raise suggest(args.api, [c.name for c in project.model.commands], "API")
    flow = project.flow(args.api, depth=args.depth, rules=rules_from(args))
    if args.format == "json":
        text = json.dumps(flow.as_dict(), indent=2)
    elif args.format == "mermaid":
        text = sequence_diagram(flow)
    else:
        text = format_flow_text(flow, full=args.full, show_all=args.show_all)
    emit(text, args.output)
    return 0
