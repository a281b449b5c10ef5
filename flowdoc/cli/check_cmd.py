"""``flowdoc check``: the committed snapshot still matches the source, and the hand-written
pages name only APIs, parameters and methods that exist (see :mod:`flowdoc.check.references`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from flowdoc.check import drift
from flowdoc.check.references import verify_pages
from flowdoc.check.report.check import CheckResult, render_check
from flowdoc.cli.common import add_source_options, display_root, emit, out, project_of
from flowdoc.model.contract import load_snapshot
from flowdoc.model.problems import InputError, terminal_safe
from flowdoc.read.packaging import tree_kind

DEFAULT_DOCS = Path("site_src")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="fail when the snapshot is stale or the docs name missing APIs",
                            description="Exit 1 when the committed snapshot no longer matches the source, or "
                                        "when a hand-written page references an API, URL parameter or "
                                        "Class#method that does not exist. "
                                        "Mark a region '<!-- flowdoc-check: off -->' ... "
                                        "'<!-- flowdoc-check: on -->' to skip it.")
    add_source_options(parser)
    parser.add_argument("--snapshot", type=Path, default=None, metavar="FILE",
                        help="the committed snapshot (written by 'flowdoc snapshot') to compare with the source")
    parser.add_argument("--docs", type=Path, default=None, metavar="DIR",
                        help=f"hand-written Markdown pages to verify (default: {DEFAULT_DOCS} when it exists)")
    parser.add_argument("--no-docs", action="store_true", help="skip the page check")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text")
    parser.add_argument("-o", "--output", type=Path, default=None, help="write the findings here (atomically)")
    parser.set_defaults(run=run)


def docs_folder(args: argparse.Namespace) -> Path | None:
    """``--docs``, else site_src/ when it exists; None with ``--no-docs``."""
    if args.no_docs:
        return None
    docs = args.docs if args.docs is not None else DEFAULT_DOCS
    if docs.is_dir():
        return docs
    if args.docs is not None:
        raise InputError(f"--docs: {docs} is not a directory")
    return None


def run(args: argparse.Namespace) -> int:
    docs = docs_folder(args)
    snapshot = load_snapshot(args.snapshot) if args.snapshot is not None else None
    project = project_of(args, root_label=display_root(args))
    contract = project.contract
    result = CheckResult(args.snapshot if snapshot is not None else None, [], project.label, display_root(args),
                         len(contract["commands"]), docs)
    if snapshot is not None:
        result.stale = drift.compare(snapshot, contract, locate_field=project.locate_field)
    if docs is not None:
        kind = tree_kind(project.source.path) if project.source.kind == "tree" else "other"
        result.dangling, result.pages, result.references = verify_pages(docs, contract, lambda: project.index, kind)
    text = render_check(result, args.format)
    if args.format == "text" and args.output is None:
        out.print(terminal_safe(text), end="", markup=False, highlight=False)
    else:
        emit(text, args.output)
    return 1 if result.failed else 0
