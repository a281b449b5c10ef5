"""``flowdoc api``: the API model as JSON (the contract), Markdown or a terminal table."""

from __future__ import annotations

import argparse
import fnmatch
import io
import json
from pathlib import Path

from rich.console import Console

from flowdoc.analyze.api import ApiCommand, ApiModel
from flowdoc.check.report.api import render_markdown, render_table
from flowdoc.check.report.apidoc_xml import apidoc_xml
from flowdoc.check.report.listapis import ROLES, listapis
from flowdoc.cli.common import add_source_options, console, emit, out, project_of
from flowdoc.model.problems import InputError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("api", help="list every API command with its parameters and response fields",
                            description="Build the API model of a CloudStack source tree: one entry per API name, "
                                        "with inherited parameters, resolved constants and response fields.")
    add_source_options(parser)
    parser.add_argument("--format", "-f", choices=("json", "markdown", "table", "listapis", "apidoc-xml"),
                        default="table", help="json: the flowdoc.api/1 contract; markdown: one section per API; "
                        "table: a terminal view (default); listapis: a management server's listApis answer; "
                        "apidoc-xml: the apidoc build's commands.xml")
    parser.add_argument("--role", choices=sorted(ROLES), default="admin",
                        help="with --format listapis: the answer an account of this role gets (default: root admin)")
    parser.add_argument("--name", "-n", action="append", default=[], metavar="GLOB",
                        help="only APIs whose name matches GLOB (case-insensitive, repeatable), e.g. 'list*'")
    parser.add_argument("--category", action="append", default=[], metavar="NAME",
                        help="only APIs of this category (repeatable), e.g. 'Virtual Machine'")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when there are problems (unresolved constants, duplicate names, ...)")
    parser.set_defaults(run=run)


def select(model: ApiModel, names: list[str], categories: list[str]) -> list[ApiCommand]:
    chosen = model.commands
    if names:
        globs = [g.lower() for g in names]
        chosen = [c for c in chosen if any(fnmatch.fnmatchcase(c.name.lower(), g) for g in globs)]
    if categories:
        wanted = {c.lower() for c in categories}
        chosen = [c for c in chosen if c.category.lower() in wanted]
    return chosen


def run(args: argparse.Namespace) -> int:
    model = project_of(args).model
    chosen = select(model, args.name, args.category)
    if (args.name or args.category) and not chosen:
        raise InputError("no API matches " + ", ".join([*args.name, *args.category]))
    if args.format == "json":
        data = model.as_dict()
        if args.name or args.category:
            keep = {c.name for c in chosen}
            data["commands"] = [c for c in data["commands"] if c["name"] in keep]
        emit(json.dumps(data, indent=2, ensure_ascii=False), args.output)
    elif args.format in ("listapis", "apidoc-xml"):
        only = {c.name for c in chosen} if args.name or args.category else None
        text = (json.dumps(listapis(model, args.role, only), indent=2, ensure_ascii=False)
                if args.format == "listapis" else apidoc_xml(model, only))
        emit(text, args.output)
    elif args.format == "markdown":
        emit(render_markdown(model, chosen), args.output)
    else:
        table = render_table(model, chosen)
        if args.output is None:
            out.print(table)
        else:
            buffer = io.StringIO()
            Console(file=buffer, width=160, highlight=False).print(table)
            emit(buffer.getvalue(), args.output)
    for problem in model.problems[:20]:
        console.print(str(problem), style="yellow", markup=False, highlight=False)  # source text: no markup
    if len(model.problems) > 20:
        console.print(f"... and {len(model.problems) - 20} more problems (see --format json)")
    return 1 if args.strict and model.problems else 0
