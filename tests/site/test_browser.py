"""A real browser on the built sample site: Debian's Chromium driven by playwright, network cut off.

Needs `apt-get install chromium` and `pip install -e '.[browser]'` (playwright, without
`playwright install`: the Debian browser is used), and `npm ci` for mermaid. Skipped otherwise.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import build_sample_site

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("FLOWDOC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _requirements() -> str | None:
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        return f"Chromium not installed ({CHROMIUM}; apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (pip install -e '.[browser]')"
    from flowdoc.site.build.config import find_mermaid

    if find_mermaid() is None:
        return "mermaid not installed (npm ci)"
    return None


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    reason = _requirements()
    if reason:
        pytest.skip(reason)
    out = build_sample_site(tmp_path_factory)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", out
    finally:
        server.shutdown()
        server.server_close()


def _launch(pw, tmp_path):
    """Debian's Chromium, headless, with a fresh profile (playwright's own browser is not used)."""
    return pw.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium"),
        headless=True, args=CHROMIUM_ARGS)


@pytest.fixture()
def page(served_site, tmp_path):
    from playwright.sync_api import sync_playwright

    base, _ = served_site
    with sync_playwright() as pw:
        context = _launch(pw, tmp_path)
        blocked: list[str] = []

        def only_local(route):
            if route.request.url.startswith(base + "/"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", only_local)
        pg = context.new_page()
        pg.blocked = blocked
        pg.base = base
        try:
            yield pg
        finally:
            context.close()


def _search(page, query: str, expect: str):
    """Type ``query`` in Material's search box; return the result link to the page ``expect``."""
    box = page.locator("input.md-search__input")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box.fill("")
    box.press_sequentially(query, delay=15)  # the search listens to key events
    link = page.locator(f".md-search-result__item > a[href*='{expect}']").first
    link.wait_for(timeout=15_000)
    return link


def test_search_api_open_page_and_flow(page):
    page.goto(page.base + "/index.html")
    assert "1.0.0-SAMPLE" in page.inner_text("article")

    # by a parameter name (hostid is a parameter of listInstances, admins only), then by API name;
    # a fresh page each time, so that no result list is left over from the previous query
    assert _search(page, "hostid", "api/listInstances.html").is_visible()
    page.goto(page.base + "/index.html")
    assert _search(page, "listInstances", "api/listInstances.html").is_visible()
    page.goto(page.base + "/index.html")
    link = _search(page, "deployInstance", "api/deployInstance.html")
    first = page.locator(".md-search-result__item > a").first.get_attribute("href") or ""
    assert "api/deployInstance.html" in first, first  # the API's own page ranks first
    link.click()
    page.wait_for_url("**/api/deployInstance.html*")
    article = page.inner_text("article")
    assert "Request parameters" in article
    rows = page.locator("article table tr").all_inner_texts()
    assert any(r.split("\t")[0].strip() == "zoneid" and "yes" in r for r in rows), rows
    assert "command=deployInstance&" in article
    assert "deployinstanceresponse" in article and "jobid" in article

    # the hostile description of listInstances' name parameter is text, not a script
    page.goto(page.base + "/api/listInstances.html")
    assert "<script>alert('x')</script>" in page.inner_text("article")
    assert page.evaluate("document.querySelectorAll('article script').length") == 0

    page.goto(page.base + "/api/deployInstance.html")
    flow_link = page.locator("article a[href$='flows/deployInstance.html']")
    if flow_link.count() == 0:
        pytest.skip("the flow stages are not in this checkout yet")
    flow_link.first.click()
    page.wait_for_url("**/flows/deployInstance.html*")
    svg = page.locator(".flowdoc-mermaid-svg svg").first
    svg.wait_for(timeout=20_000)
    text = page.evaluate("el => el.textContent", svg.element_handle())
    assert "ApiServlet" in text and "DeployInstanceCmd" in text
    assert page.locator("pre.flowdoc-mermaid-error").count() == 0
    assert not page.locator("pre.flowdoc-mermaid").first.is_visible()  # the source gave way to the drawing
    # switching to the dark scheme draws the diagram again
    page.locator("label.md-header__button[for^='__palette']").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_timeout(1000)
    assert page.locator(".flowdoc-mermaid-svg svg").count() == 2  # one diagram a phase, each drawn once
    assert not page.locator("pre.flowdoc-mermaid").first.is_visible()
    # a hop opens to show its source lines
    hop = page.locator(".flowdoc-calltree details").first
    hop.locator("summary").click()
    assert hop.locator("pre.flowdoc-src").inner_text().strip()
    assert page.blocked == [], page.blocked


def test_concepts_diagram_renders_offline(page):
    page.goto(page.base + "/concepts.html")
    svg = page.locator(".flowdoc-mermaid-svg svg").first
    svg.wait_for(timeout=20_000)
    assert "Cluster" in page.evaluate("el => el.textContent", svg.element_handle())
    assert page.blocked == [], page.blocked


def test_flow_diagram_fits_the_page_and_shows_natural_size_on_request(page):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(page.base + "/flows/deployInstance.html")
    svg = page.locator(".flowdoc-mermaid-svg svg").first
    svg.wait_for(timeout=20_000)
    box = ".flowdoc-mermaid-svg"
    # scaled to fit: no horizontal scrollbar, and nothing drawn outside the viewBox (notes not cut off)
    assert page.evaluate(f"(() => {{ const d = document.querySelector('{box}'); "
                         "return d.scrollWidth <= d.clientWidth + 1; })()")
    inside = page.evaluate("""(() => {
        const s = document.querySelector('.flowdoc-mermaid-svg svg'), b = s.getBBox();
        const v = s.viewBox.baseVal;
        return b.x >= v.x && b.y >= v.y && b.x + b.width <= v.x + v.width && b.y + b.height <= v.y + v.height;
    })()""")
    assert inside
    button = page.locator(".flowdoc-diagram-zoom").first
    assert button.inner_text() == "Natural size"
    fitted = svg.bounding_box()["width"]
    natural = float(svg.get_attribute("width"))
    button.click()
    assert button.inner_text() == "Fit to width"
    assert abs(svg.bounding_box()["width"] - natural) < 2 and natural >= fitted
    assert page.blocked == [], page.blocked


RENDERED_TEXT = """() => Array.from(document.querySelectorAll('.flowdoc-mermaid-svg svg')).map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    let least = Infinity;
    svg.querySelectorAll('text').forEach(t => {
        if (t.textContent.trim()) least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * scale);
    });
    return least;
})"""


def test_flow_diagrams_one_a_phase_with_text_of_11_px_or_more(page):
    """At 1400 px wide every phase's diagram is drawn with its text at 11 px or more, as rendered."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(page.base + "/flows/deployInstance.html")
    page.locator(".flowdoc-mermaid-svg svg").nth(1).wait_for(timeout=20_000)
    headings = [h.rstrip("¶") for h in page.locator("article h3").all_inner_texts()]
    assert headings[:2] == ["1. HTTP request thread", "2. Job thread (the asynchronous job)"], headings
    sizes = page.evaluate(RENDERED_TEXT)
    assert len(sizes) == 2 and min(sizes) >= 11, sizes
    assert page.blocked == [], page.blocked


def test_search_works_from_file_url_and_the_api_page_comes_first(served_site, tmp_path):
    """Opened as file:// (as the README says), the search box is there and finds deployInstance
    first; the snippet starts with the API's description, not its facts table."""
    from playwright.sync_api import sync_playwright

    _, out = served_site
    with sync_playwright() as pw:
        context = _launch(pw, tmp_path)
        blocked: list[str] = []

        def only_files(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", only_files)
        try:
            pg = context.new_page()
            pg.goto((out / "index.html").as_uri())
            link = _search(pg, "deployInstance", "api/deployInstance.html")
            first = pg.locator(".md-search-result__item").first
            assert "api/deployInstance.html" in (first.locator("a").first.get_attribute("href") or "")
            snippet = first.inner_text()
            assert "Creates and starts a new virtual instance." in snippet and "Category" not in snippet, snippet
            link.click()
            pg.wait_for_url("**/api/deployInstance.html*")
            assert blocked == [], blocked
        finally:
            context.close()


MAIN_PATH_ROWS = """() => Array.from(document.querySelectorAll('.flowdoc-calltree li')).filter(li => li.checkVisibility())
    .map(li => { const code = li.querySelector('code'); const r = li.getBoundingClientRect();
                 return [code ? code.textContent : '', r.top, li.closest('details.flowdoc-fold') !== null]; })"""


def test_flow_page_opens_on_the_main_path_with_side_steps_folded(page):
    """At 1400x1000 the first screen shows create() -> the service, the hand-off and execute() ->
    the service, in that order; side steps (DAO calls) are folded, one click away."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(page.base + "/flows/deployInstance.html")
    rows = page.evaluate(MAIN_PATH_ROWS)
    names = [name for name, _, _ in rows]
    order = ["ApiServlet#processRequest", "DeployInstanceCmd#create()", "InstanceManagerImpl#allocateInstance",
             "AsyncJobManagerImpl$1#runInContext()", "DeployInstanceCmd#execute()",
             "InstanceManagerImpl#startDeployedInstance"]
    at = [next(i for i, n in enumerate(names) if n.startswith(o)) for o in order]
    assert at == sorted(at), names
    assert all(rows[i][1] < 1000 for i in at), [rows[i] for i in at]  # no scrolling
    assert not any(folded for _, _, folded in rows)  # every fold closed: the DAO calls are not visible
    fold = page.locator("details.flowdoc-fold > summary").first
    assert "DAO call" in fold.inner_text()
    fold.click()
    inside = page.locator("details.flowdoc-fold[open] li .flowdoc-rank-dao")
    assert inside.count() >= 1 and inside.first.is_visible()
    assert page.blocked == [], page.blocked
