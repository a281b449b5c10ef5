"""``flowdoc build``: the documentation site (API reference, flows, guides) with mkdocs-material."""

from __future__ import annotations

import argparse
from pathlib import Path

from flowdoc.cli.common import add_source_options, cache_dir_of, console, load_scan, out


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
    import time

    from flowdoc.site.build import build_site

    t = time.perf_counter()
    scan = load_scan(args)
    scan_seconds = time.perf_counter() - t
    with console.status("building the site") as status:
        result = build_site(scan, output, source_url=args.source_url, strict=args.strict,
                            progress=lambda m: status.update(f"building the site: {m}"),
                            force=getattr(args, "force", False), cache_dir=cache_dir_of(args))
    result.seconds = {"scan": scan_seconds, **result.seconds}
    return result


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
    result = build(args, args.output)
    for problem in result.problems[:20]:
        console.print(f"[yellow]{problem}[/]", markup=True, highlight=False)
    if len(result.problems) > 20:
        console.print(f"... and {len(result.problems) - 20} more problems")
    for line in summary(result):
        out.print(line, highlight=False)
    return 0
