"""Benchmark of `flowdoc build`: a cold full site, an unchanged rebuild, and a rebuild after one edit.

    python benchmarks/bench_site.py [TREE] [--screenshots DIR]   (default: /tmp/cloudstack-4.22.0.0-SNAPSHOT)
    python benchmarks/bench_site.py --shots-of SITE --api deployInstance --prefix sample- --screenshots site_src/img

Cold means an empty facts cache, no staging folder and no previous site. Prints the figures
recorded in site_src/benchmarks/site.md. With ``--screenshots DIR`` it also takes the PNG
screenshots of the built site that the guides show (Debian chromium + playwright, network cut off,
1400x1000 window) and prints the smallest diagram text of each flow page as rendered.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def shot_pages(api: str, search: str) -> list[tuple]:
    """(file name, page, element to wait for, element to scroll to, search query) of the shots."""
    return [
        ("api-page.png", f"api/{api}.html", None, None, None),
        ("api-parameters.png", f"api/{api}.html", None, "#request-parameters", None),
        ("flow-page.png", f"flows/{api}.html", ".flowdoc-mermaid-svg svg", None, None),
        ("flow-job-phase.png", f"flows/{api}.html", ".flowdoc-mermaid-svg svg", "[id^='2-job-thread']",
         None),
        ("call-tree.png", f"flows/{api}.html", ".flowdoc-calltree", ".flowdoc-calltree", None),
        ("search.png", "index.html", None, None, search),
    ]


RENDERED_TEXT = """() => Math.min(...Array.from(document.querySelectorAll('.flowdoc-mermaid-svg svg')).map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim())
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale));
}))"""
FLOWDOC = [sys.executable, "-c", "import sys; from flowdoc.cli import main; sys.exit(main())"]


def run(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(FLOWDOC + args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"flowdoc {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return elapsed, " | ".join(proc.stdout.strip().splitlines())


def site_figures(site: Path) -> dict:
    html = [p for p in site.rglob("*.html")]
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    largest = max(html, key=lambda p: p.stat().st_size)
    return {"html pages": len(html), "api pages": len(list((site / "api").glob("*.html"))),
            "flow pages": len(list((site / "flows").glob("*.html"))) if (site / "flows").is_dir() else 0,
            "site size": f"{size / 1e6:.1f} MB",
            "largest page": f"{largest.relative_to(site)} ({largest.stat().st_size / 1e3:.0f} KB)"}


def screenshots(site: Path, target: Path, api: str = "deployVirtualMachine", prefix: str = "",
                search: str = "serviceofferingid") -> None:
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    target.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", headless=True, viewport={"width": 1400, "height": 1000},
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        page = context.new_page()
        for name, path, wait, scroll, query in shot_pages(api, search):
            name = prefix + name
            page.goto(f"{base}/{path}")
            if wait:
                page.locator(wait).first.wait_for(timeout=30_000)
            if "calltree" in (wait or ""):
                for i in (3, 4):
                    page.locator(".flowdoc-calltree details > summary").nth(i).click()
            if scroll:
                page.evaluate("s => { const e = document.querySelector(s); e.scrollIntoView(); window.scrollBy(0, -60); }",
                              scroll)
            if query:
                page.locator("label.md-search__icon, .md-search__input").first.click()
                page.locator("input.md-search__input").press_sequentially(query, delay=20)
                page.wait_for_timeout(2500)
            if wait and "mermaid" in wait:
                page.wait_for_timeout(800)
                print(f"{path}: smallest diagram text {page.evaluate(RENDERED_TEXT):.1f} px as rendered")
            page.screenshot(path=str(target / name))
            print(f"screenshot {target / name}: {(target / name).stat().st_size / 1e3:.0f} KB")
        context.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", type=Path, default=Path("/tmp/cloudstack-4.22.0.0-SNAPSHOT"))
    parser.add_argument("--screenshots", type=Path, default=None, metavar="DIR")
    parser.add_argument("--shots-of", type=Path, default=None, metavar="SITE",
                        help="only take the screenshots of an already built site")
    parser.add_argument("--api", default="deployVirtualMachine", help="the API whose pages are shot")
    parser.add_argument("--search", default="serviceofferingid", help="the search shot's query")
    parser.add_argument("--prefix", default="", help="prefix of the PNG file names (sample-)")
    args = parser.parse_args()
    if args.shots_of:
        screenshots(args.shots_of, args.screenshots or Path("site_src/img"), args.api, args.prefix, args.search)
        return
    tree = args.tree
    work = Path(tempfile.mkdtemp(prefix="flowdoc-bench-site-"))
    try:
        cache, site = work / "cache", work / "site"
        common = ["build", "--source", str(tree), "--cache-dir", str(cache), "-o", str(site)]
        print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}")
        print(f"tree: {tree}")
        cold, line = run(common)
        print(f"cold full build (empty facts cache): {cold:.1f} s   [{line}]")
        figures = site_figures(site)
        unchanged, line = run(common)
        print(f"unchanged rebuild: {unchanged:.1f} s   [{line}]")
        forced, line = run(common + ["--force"])
        print(f"forced full rebuild, warm facts cache: {forced:.1f} s   [{line}]")
        for key, value in figures.items():
            print(f"{key}: {value}")
        if args.screenshots is not None:
            screenshots(site, args.screenshots)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
