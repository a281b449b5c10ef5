"""``flowdoc snapshot``: write the API model JSON, stably sorted, to commit next to the docs."""

from __future__ import annotations

import argparse
from pathlib import Path

from flowdoc.cli.common import add_source_options, console, display_root, emit, project_of
from flowdoc.model import contract


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("snapshot", help="write the API model JSON (stably sorted) to commit next to the docs",
                            description="Write the API model of a source tree as stably sorted JSON "
                                        "(schema flowdoc.api/1), meant to be committed and checked with "
                                        "'flowdoc check'.")
    add_source_options(parser)
    parser.add_argument("-o", "--output", type=Path, default=None, help="write here (atomically) instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args, root_label=display_root(args))
    emit(contract.dumps_snapshot(project.contract), args.output)
    if args.output is not None:
        console.print(f"wrote {args.output}: {len(project.contract['commands'])} APIs ({project.label})")
    return 0
