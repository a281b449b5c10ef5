"""``flowdoc diff OLD NEW``: classified API changes between two trees, snapshots or git refs."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.text import Text

from flowdoc.check import drift
from flowdoc.check.report import drift as drift_report
from flowdoc.cli.common import add_model_source_options, console, emit, out, positive_int, project_of
from flowdoc.model.problems import terminal_safe

EPILOG = """\
OLD and NEW are each a source tree, a snapshot file written by 'flowdoc snapshot', or
git:REPO_PATH@REF (read straight from the repository, no checkout).

exit codes: 0 no changes at or above --fail-on, 1 there are, 2 bad input.

examples:
  flowdoc diff api-snapshot.json . --fail-on breaking
  flowdoc diff git:.@origin/main git:.@HEAD --format markdown -o drift.md
  flowdoc diff ../cloudstack-4.20.0.0 ../cloudstack --format github
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("diff", help="classified API changes between two trees, snapshots or git refs",
                            description="Compare the API models of OLD and NEW and classify every change "
                                        "(breaking, non-breaking, warning, doc).",
                            epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", metavar="OLD", help="tree | snapshot.json | git:REPO@REF")
    parser.add_argument("new", metavar="NEW", help="tree | snapshot.json | git:REPO@REF")
    parser.add_argument("--format", choices=("text", "markdown", "json", "github"), default="text")
    parser.add_argument("--fail-on", choices=("breaking", "any", "none"), default="breaking",
                        help="exit 1 when changes of this level exist (default: breaking)")
    parser.add_argument("--max-per-group", type=positive_int, default=None, metavar="N",
                        help="text/markdown: list at most N changes per severity (the counts stay complete)")
    parser.add_argument("--max-chars", type=int, default=drift_report.MARKDOWN_MAX_CHARS, metavar="N",
                        help="markdown: fold the lists so the report stays under N characters, to fit a "
                             f"PR comment (default {drift_report.MARKDOWN_MAX_CHARS:,}; 0: no limit)")
    parser.add_argument("--link-base", default=None, metavar="URL",
                        help="markdown: link file:line to URL/<file>#L<line> (e.g. a GitHub blob URL)")
    parser.add_argument("-o", "--output", type=Path, default=None, help="write the report here (atomically)")
    add_model_source_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    old = project_of(args, args.old, root_label=args.old)
    old_model = old.contract
    new = project_of(args, args.new, root_label=args.new)
    report = drift.build_report(old_model, new.contract, old.label, new.label, locate_field=new.locate_field,
                                locate_old_field=old.locate_field)
    if args.format == "text" and args.output is None and out.is_terminal:
        for style, line in drift_report.text_lines(report, args.max_per_group):
            out.print(Text(terminal_safe(line), style=style or ""))
    else:
        emit(drift_report.render(report, args.format, args.max_per_group, args.link_base, args.max_chars or None),
             args.output)
    failing = report.failing(args.fail_on)
    if failing and args.format != "json":
        console.print(f"flowdoc diff: {len(failing)} change(s) at or above --fail-on {args.fail_on}")
    return 1 if failing else 0
