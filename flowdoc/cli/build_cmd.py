"""``flowdoc build``: the documentation site (API reference, flows, guides) with mkdocs-material."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.cli.common import add_source_options, cache_dir_of, console, load_scan, out
from flowdoc.model.problems import Problem, terminal_safe


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
    parser.add_argument("--no-strict", dest="strict", action="store_false", help="do not fail on mkdocs warnings")
    parser.add_argument("--config", type=Path, default=None, metavar="FILE", help="the project's mkdocs.yml, "
                        "merged over flowdoc's (default: ./mkdocs.yml if any); site_src/ beside it adds pages")


def stages(cache_dir: Path | None):
    """The site's ``collect``: runs symbols, API model, call graph and flows on the scan and hands
    their values to the site (until the pipeline's Project computes them)."""
    def collect(scan, source_url, progress=None, timings=None):
        from flowdoc.analyze.api import build_api_model
        from flowdoc.analyze.callgraph import build_call_graph
        from flowdoc.analyze.flows import build_flow
        from flowdoc.site.collect import collect_site_data

        timings, say = (timings if timings is not None else {}), (progress or (lambda _m: None))
        t, _ = time.perf_counter(), say("symbols")
        index = build_symbol_index(scan)
        timings["symbols"], t = time.perf_counter() - t, time.perf_counter()
        say("API model")
        model = build_api_model(scan, index)
        timings["api"], t = time.perf_counter() - t, time.perf_counter()
        say("call graph")
        graph = build_call_graph(scan, index, cache_dir=cache_dir)
        timings["callgraph"], t = time.perf_counter() - t, time.perf_counter()
        say("flows")
        flows, problems = {}, []
        for cmd in model.commands:
            try:
                flows[cmd.name] = build_flow(cmd, graph, index)
            except Exception as exc:  # one API's flow must not sink the site
                problems.append(Problem(cmd.file, cmd.line, "flow-error", f"{cmd.name}: {type(exc).__name__}: {exc}"))
        timings["flows"] = time.perf_counter() - t
        data, more = collect_site_data(scan, model, flows, source_url, timings=timings)
        return data, more + problems
    return collect


def build(args: argparse.Namespace, output: Path):
    from flowdoc.site.build.build import build_site

    t = time.perf_counter()
    scan = load_scan(args)
    scan_seconds = time.perf_counter() - t
    with console.status("building the site") as status:
        result = build_site(scan, output, stages(cache_dir_of(args)), source_url=args.source_url, strict=args.strict,
                            progress=lambda m: status.update(f"building the site: {m}"),
                            force=getattr(args, "force", False), config=args.config)
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
        console.print(str(problem), style="yellow", markup=False, highlight=False)
    if len(result.problems) > 20:
        console.print(f"... and {len(result.problems) - 20} more problems")
    for line in summary(result):
        out.print(terminal_safe(line), markup=False, highlight=False)
    return 0
