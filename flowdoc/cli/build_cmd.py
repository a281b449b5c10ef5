"""``flowdoc build``: the documentation site (API reference, flows, guides) with mkdocs-material."""

from __future__ import annotations

import argparse
from pathlib import Path

from flowdoc.cli.common import add_source_options, console, load_scan, out


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("build", help="build the documentation site (mkdocs-material, strict)")
    add_source_options(parser)
    add_site_options(parser)
    parser.add_argument("-o", "--output", type=Path, default=Path("site"), metavar="DIR",
                        help="site folder, replaced only when the build succeeds (default: ./site)")
    parser.add_argument("--force", action="store_true", help="regenerate and rebuild even if nothing changed")
    parser.set_defaults(run=run)


def add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source-url", default=None, metavar="URL",
                        help="prefix of source links, e.g. a repository's blob URL at a commit "
                             "(https://github.com/apache/cloudstack/blob/<sha>); plain paths without it")
    parser.add_argument("--no-strict", dest="strict", action="store_false",
                        help="do not fail on mkdocs warnings")


def build(args: argparse.Namespace, output: Path):
    from flowdoc.site import build_site

    scan = load_scan(args)
    with console.status("building the site") as status:
        return build_site(scan, output, source_url=args.source_url, strict=args.strict,
                          progress=lambda m: status.update(f"building the site: {m}"),
                          force=getattr(args, "force", False))


def run(args: argparse.Namespace) -> int:
    result = build(args, args.output)
    for problem in result.problems[:20]:
        console.print(f"[yellow]{problem}[/]", markup=True, highlight=False)
    if len(result.problems) > 20:
        console.print(f"... and {len(result.problems) - 20} more problems")
    timing = ", ".join(f"{k} {v:.1f}s" for k, v in result.seconds.items())
    state = "built" if result.mkdocs_ran else "up to date"
    out.print(f"site {state}: {result.output} ({result.pages} pages, {result.size_bytes / 1e6:.1f} MB; "
              f"{result.written} pages rewritten, {result.unchanged} unchanged, {result.removed} removed)")
    if timing:
        out.print(f"time: {timing}")
    return 0
