"""``flowdoc build``: the documentation site (API reference, flows, guides) with mkdocs-material."""

from __future__ import annotations

import argparse
from pathlib import Path

from flowdoc.cli.common import add_site_options, add_source_options, build_site_for, console, out
from flowdoc.model.problems import terminal_safe


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("build", help="build the documentation site (mkdocs-material, strict)")
    add_source_options(parser)
    add_site_options(parser)
    parser.add_argument("-o", "--output", type=Path, default=Path("site"), metavar="DIR",
                        help="site folder, replaced only when the build succeeds (default: ./site)")
    parser.add_argument("--force", action="store_true", help="regenerate and rebuild even if nothing changed")
    parser.set_defaults(run=run)


def summary(result) -> list[str]:
    """The result lines: what the site holds, what changed in the staged Markdown, where time went."""
    state = "built" if result.mkdocs_ran else "up to date (nothing changed since the last build; mkdocs skipped)"
    lines = [f"site {state}: {result.output}",
             f"  {result.html_pages} HTML pages, {result.size_bytes / 1e6:.1f} MB",
             f"  Markdown pages: {result.pages} in the site; {result.written} written, "
             f"{result.unchanged} unchanged, {result.removed} removed"]
    if result.seconds:
        timing = ", ".join(f"{k} {v:.1f}s" for k, v in result.seconds.items())
        lines.append(f"  time: {timing}; total {sum(result.seconds.values()):.1f}s")
    return lines


def run(args: argparse.Namespace) -> int:
    result = build_site_for(args, args.output)
    for problem in result.problems[:20]:
        console.print(str(problem), style="yellow", markup=False, highlight=False)
    if len(result.problems) > 20:
        console.print(f"... and {len(result.problems) - 20} more problems")
    for line in summary(result):
        out.print(terminal_safe(line), markup=False, highlight=False)
    return 0
