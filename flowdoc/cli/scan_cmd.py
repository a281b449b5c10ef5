"""``flowdoc scan``: parse the tree into facts and print a summary."""

from __future__ import annotations

import argparse
import json

from rich.table import Table

from flowdoc.check.report.escape import rich_escape
from flowdoc.cli.common import add_source_options, console, emit, out, project_of


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("scan", help="parse every .java file into facts and summarize")
    add_source_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--problems", action="store_true", help="list every problem, not only the first 20")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = project_of(args).scan
    stats = result.stats
    if args.format == "json":
        data = {"root": result.root, "version": result.version, "stats": stats.as_dict(),
                "problems": [p.as_dict() for p in result.problems]}
        emit(json.dumps(data, indent=2), None)
        return 0
    table = Table(title=f"flowdoc scan: {rich_escape(result.root)}", show_header=False)
    for key, value in [("version", result.version or "unknown"), *stats.as_dict().items()]:
        table.add_row(key.replace("_", " "), rich_escape(value))
    out.print(table)
    shown = result.problems if args.problems else result.problems[:20]
    for problem in shown:
        console.print(str(problem), style="yellow", markup=False, highlight=False)
    if len(shown) < len(result.problems):
        console.print(f"... and {len(result.problems) - len(shown)} more (--problems lists all)")
    return 0
