"""The built site: mkdocs strict build, hostile text in HTML, incremental rebuilds, failure safety,
packaging readers, and the bundled sample tree end to end."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from flowdoc.model.problems import InputError
from flowdoc.pipeline import Project
from flowdoc.read.packaging import http_repositories
from flowdoc.site import hooks
from flowdoc.site.build import build as site
from flowdoc.site.build import config, staging
from flowdoc.site.data import SiteData
from flowdoc.site.views.links import SourceLinks
from flowdoc.store.artifacts import ArtifactStore
from tests.conftest import build_sample_site
from tests.site_fixtures import PHASES, fixture_flow, fixture_model, write_sources


class _Scan:
    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.version = "9.9.9-TEST"
        self.files = ()


def _collector(root: Path, model: dict | None = None):
    def collect(scan, source_url, progress=None, timings=None, cache_dir=None):
        data = SiteData(model=model or fixture_model(), flows={"launchRocket": fixture_flow()},
                        diagrams={"launchRocket": PHASES}, links=SourceLinks(root=root, url=source_url))
        return data, []
    return collect


@pytest.fixture()
def tree(tmp_path, monkeypatch):
    """A small source tree; the hand-written pages are this module's own (guides and assets), so
    that pages other developers are writing do not break these tests."""
    src = tmp_path / "site_src"
    for part in ("assets", "guides", "img"):
        shutil.copytree(config.PROJECT_ROOT / "site_src" / part, src / part)
    monkeypatch.setenv("FLOWDOC_SITE_SRC", str(src))
    root = tmp_path / "tree"
    write_sources(root)
    (root / "pom.xml").write_text(
        "<project><repositories><repository><id>old</id><url>http://repo.example/m2</url></repository>"
        "<repository><id>ok</id><url>https://repo.example/m2</url></repository></repositories></project>\n")
    return root


def _text(page: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_fixture_site_builds_strict_and_escapes(tree, tmp_path):
    out = tmp_path / "site"
    result = site.build_site(_Scan(tree), out, collect=_collector(tree))
    assert result.mkdocs_ran
    page = (out / "api" / "launchRocket.html").read_text()
    # hostile parameter description: literal text, never markup
    assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript' not in page
    assert "the name <script>alert('x')</script> | <img src=x onerror=alert(1)>" in _text(page)
    assert "<td>pad to launch from</td>" in page
    assert "command=launchRocket&padid=...&payload[0].key=value&response=json" in _text(page)
    assert "launchrocketresponse" in page
    flow = (out / "flows" / "launchRocket.html").read_text()
    assert '<pre class="flowdoc-mermaid">sequenceDiagram' in flow
    assert "<summary><code>JobManager#submit</code>" in flow
    # offline: mermaid copied into the site when installed, never a CDN reference
    assert (out / "assets" / "javascripts" / "flowdoc.js").is_file()
    assert "unpkg.com" not in flow and "fonts.googleapis" not in flow
    if site.find_mermaid():
        assert (out / site.MERMAID_TARGET).stat().st_size > 1_000_000
    # the API model sits next to the pages
    assert '"schema":"flowdoc.api/1"' in (out / "api.json").read_text()
    # the search index knows the API and its parameter names
    index = (out / "search" / "search_index.json").read_text()
    assert "launchRocket" in index and "padid" in index
    # search from file://: the index inlined into a script, the worker shim local, no CDN
    assert (out / "search" / "search_index.js").read_text().startswith("var __index = ")
    assert '<script src="../assets/javascripts/iframe-worker.js"' in page and "unpkg.com" not in page
    if site.find_iframe_worker():
        assert (out / site.IFRAME_WORKER_TARGET).stat().st_size > 500
    # the snippet of the API's page is its description: badges and facts table are left out
    docs = {d["location"]: d["text"] for d in json.loads(index)["docs"]}
    assert docs["api/launchRocket.html"] == "<p>Launches a rocket from a pad.</p>"


def _counted(root: Path, model: dict | None = None):
    """A collector that counts its calls (each one means the pages were rendered again)."""
    calls = []
    inner = _collector(root, model)

    def collect(*given, **named):
        calls.append(1)
        return inner(*given, **named)
    return collect, calls


def test_unchanged_rebuild_skips_rendering_and_mkdocs(tree, tmp_path):
    out, store = tmp_path / "site", ArtifactStore(tmp_path / "cache")
    collect, calls = _counted(tree)
    site.build_site(_Scan(tree), out, collect=collect, store=store)
    mtime = (out / "index.html").stat().st_mtime_ns
    again = site.build_site(_Scan(tree), out, collect=collect, store=store)
    assert len(calls) == 1 and "render" not in again.seconds
    assert not again.mkdocs_ran and again.written == 0 and again.pages > 0
    assert (out / "index.html").stat().st_mtime_ns == mtime
    # the build's record lives in the store, not beside the staged pages
    assert len(list((store.root / "site").rglob("*.pkl"))) == 1
    assert not list(site.staging_dir(out.resolve()).glob(".flowdoc-*.json"))


def test_without_a_store_every_build_renders_as_a_first_build(tree, tmp_path):
    out = tmp_path / "site"
    collect, calls = _counted(tree)
    site.build_site(_Scan(tree), out, collect=collect)
    again = site.build_site(_Scan(tree), out, collect=collect)
    assert len(calls) == 2 and "render" in again.seconds
    assert not again.mkdocs_ran and again.written == 0  # same pages: mkdocs is still skipped


def test_record_of_pages_staged_over_since_is_not_reused(tree, tmp_path):
    out, store = tmp_path / "site", ArtifactStore(tmp_path / "cache")
    other_tree, other_model = _Scan(tree), fixture_model()
    other_tree.version = "10.0-TEST"
    other_model["commands"][1]["description"] = "Lists the launch pads of a zone."
    collect, calls = _counted(tree)
    site.build_site(_Scan(tree), out, collect=collect, store=store)
    site.build_site(other_tree, out, collect=_collector(tree, other_model), store=store)
    assert "Lists the launch pads of a zone." in (out / "api" / "listPads.html").read_text()
    # the first key's record is still stored, but the staged pages are the other key's now
    back = site.build_site(_Scan(tree), out, collect=collect, store=store)
    assert len(calls) == 2 and back.mkdocs_ran
    assert "Lists the launch pads of a zone." not in (out / "api" / "listPads.html").read_text()


def test_changed_page_rewrites_only_that_page(tree, tmp_path):
    out = tmp_path / "site"
    site.build_site(_Scan(tree), out, collect=_collector(tree))
    docs = site.staging_dir(out.resolve()) / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    model = fixture_model()
    model["commands"][1]["description"] = "Lists the launch pads of a zone."
    site.build_site(_Scan(tree), out, collect=_collector(tree, model), force=True)
    changed = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.stat().st_mtime_ns != before.get(p)}
    assert changed == {"api/listPads.md", "api/index.md"}
    assert "Lists the launch pads of a zone." in (out / "api" / "listPads.html").read_text()


def test_failed_build_leaves_previous_site(tree, tmp_path, monkeypatch):
    out = tmp_path / "site"
    site.build_site(_Scan(tree), out, collect=_collector(tree))
    before = (out / "index.html").read_text()

    def broken(*_a, **_k):
        raise InputError("mkdocs build failed: simulated")

    monkeypatch.setattr(site, "run_mkdocs", broken)
    model = fixture_model()
    model["source"]["version"] = "10.0"
    with pytest.raises(InputError):
        site.build_site(_Scan(tree), out, collect=_collector(tree, model), force=True)
    assert (out / "index.html").read_text() == before
    assert not list(tmp_path.glob(".site.building-*"))


def test_strict_mode_fails_on_broken_link(tree, tmp_path, monkeypatch):
    src = tmp_path / "site_src"
    (src / "guides" / "broken.md").write_text("# Broken\n\n[missing](nowhere.md)\n")
    monkeypatch.setenv("FLOWDOC_SITE_SRC", str(src))
    with pytest.raises(InputError, match="nowhere.md|strict"):
        site.build_site(_Scan(tree), tmp_path / "site", collect=_collector(tree))


def test_hand_written_pages_markers_and_links(tree, tmp_path, monkeypatch):
    src = tmp_path / "own_site_src"
    (src / "guides").mkdir(parents=True)
    (src / "guides" / "faq.md").write_text("# FAQ\n\nSee `listPads`.\n\n<!-- flowdoc:http-repositories -->\n")
    (src / "notes.md").write_text("# Notes\n")
    monkeypatch.setenv("FLOWDOC_SITE_SRC", str(src))
    data, _ = _collector(tree)(None, None)
    data.http_repositories = [r.as_dict() for r in http_repositories(tree)]
    files = site.hand_written_pages([src], data)
    faq = files["guides/faq.md"].decode()
    assert "[`listPads`](../api/listPads.md)" in faq
    assert "<code>http&#58;//repo.example/m2</code>" in faq and "https&#58;//repo.example" not in faq
    nav = site.make_nav(sorted(files))
    assert {"Guides": ["guides/faq.md"]} in nav and "notes.md" in nav
    assert nav[0] == {"Home": "index.md"}


def test_hand_written_pages_of_another_kind_of_tree_are_left_out(tree, tmp_path):
    src = tmp_path / "own_site_src"
    (src / "guides").mkdir(parents=True)
    (src / "guides" / "walk.md").write_text("---\nflowdoc_tree: cloudstack\n---\n# Walk\n")
    (src / "guides" / "sample.md").write_text("---\nflowdoc_tree: sample\n---\n# Sample\n")
    (src / "guides" / "ref.md").write_text("---\nflowdoc_check: cloudstack\n---\n# Ref\n"
                                           "See [the walk](walk.md#step-1) and [the sample](../guides/sample.md).\n")
    data, _ = _collector(tree)(None, None)
    data.tree_kind = "sample"
    files = site.hand_written_pages([src], data)
    assert sorted(files) == ["guides/ref.md", "guides/sample.md"]
    assert "See the walk and [the sample](../guides/sample.md)." in files["guides/ref.md"].decode()
    data.tree_kind = "cloudstack"
    assert sorted(site.hand_written_pages([src], data)) == ["guides/ref.md", "guides/walk.md"]


def test_nav_orders_guides_and_includes_other_folders():
    nav = site.make_nav(["guides/faq.md", "guides/getting-started.md", "guides/zzz.md", "reference/api.md",
                         "benchmarks/site.md", "img/shot.png"])
    guides = next(n["Guides"] for n in nav if isinstance(n, dict) and "Guides" in n)
    assert guides == ["guides/getting-started.md", "guides/faq.md", "guides/zzz.md"]
    # flowdoc's own pages come last, in one section; the documented tree's pages first
    assert nav[-1] == {"About flowdoc": [{"flowdoc reference": ["reference/api.md"]},
                                         {"Benchmarks": ["benchmarks/site.md"]}]}
    titles = [next(iter(n)) if isinstance(n, dict) else n for n in nav]
    assert titles[:5] == ["Home", "Guides", "API reference", "Request flows", "Concepts"]


def test_site_title_names_the_documented_tree(tree, tmp_path):
    (tree / "pom.xml").write_text("<project><artifactId>rocketry</artifactId><version>2.0</version>"
                                  "<name>Rocketry Cloud</name></project>\n")
    out = tmp_path / "site"
    result = site.build_site(_Scan(tree), out, collect=_collector(tree))
    assert result.title == "Rocketry Cloud 9.9.9-TEST — flowdoc"
    home = (out / "index.html").read_text()
    assert "<title>Rocketry Cloud 9.9.9-TEST — flowdoc</title>" in home
    assert "<title>Getting started - Rocketry Cloud 9.9.9-TEST — flowdoc</title>" in (
        out / "guides" / "getting-started.html").read_text()
    (tree / "pom.xml").unlink()
    assert site.site_title(_Scan(tree)) == "CloudStack 9.9.9-TEST — flowdoc"


# ------------------------------------------------------------------------------ the sample tree


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    return build_sample_site(tmp_path_factory)


def test_sample_site_pages(sample_site):
    home = _text((sample_site / "index.html").read_text())
    assert "1.0.0-SAMPLE" in home
    page = (sample_site / "api" / "listInstances.html").read_text()
    assert "<script>alert" not in page
    text = _text(page)
    assert "<script>alert('x')</script>" in text
    assert "command=listInstances&response=json" in text
    assert "listinstancesresponse" in text
    assert "zoneid" in text
    deploy = _text((sample_site / "api" / "deployInstance.html").read_text())
    assert "deployinstanceresponse" in deploy and "jobid" in deploy
    faq = _text((sample_site / "guides" / "faq.html").read_text())
    assert "http://repo.nimbus.example/maven2" in faq
    packaging = _text((sample_site / "guides" / "packaging.html").read_text())
    assert "nimbus-management" in packaging and "libvirt" in packaging
    assert not (sample_site / "api" / "fakeEcho.html").exists()


def test_sample_site_flows(sample_site):
    flow_page = sample_site / "flows" / "deployInstance.html"
    if not flow_page.exists():
        pytest.skip("the flow stages are not in this checkout yet")
    html = flow_page.read_text()
    assert '<pre class="flowdoc-mermaid">sequenceDiagram' in html
    assert "ApiServer" in html and "flowdoc-calltree" in html
    lifecycle = _text((sample_site / "lifecycle.html").read_text())
    assert "async-create" in lifecycle and "sync" in lifecycle


def test_sample_site_largest_page_under_limit(sample_site):
    biggest = max(p.stat().st_size for p in sample_site.rglob("*.html"))
    assert biggest < 300_000


# ------------------------------------------------------------------------------ the real 4.22 tree


@pytest.mark.realtree
def test_real_tree_site(scan_422, tmp_path, monkeypatch):
    """The 4.22 site builds in strict mode (no broken links) and shows the right things."""
    src = tmp_path / "site_src"
    for part in ("assets", "guides", "img"):
        shutil.copytree(config.PROJECT_ROOT / "site_src" / part, src / part)
    monkeypatch.setenv("FLOWDOC_SITE_SRC", str(src))
    out = tmp_path / "site"
    result = site.build_site(scan_422, out, Project.from_scan(scan_422).collect_site, source_url="https://github.com/apache/cloudstack/blob/4.22.0.0")
    assert result.mkdocs_ran
    assert result.pages > 1800
    biggest = max(p.stat().st_size for p in out.rglob("*.html"))
    assert biggest < 300_000

    page = (out / "api" / "deployVirtualMachine.html").read_text()
    text = _text(page)
    assert "command=deployVirtualMachine&serviceofferingid=...&zoneid=...&response=json" in text
    assert "deployvirtualmachineresponse" in text and "jobid" in text
    assert '<td><code title="declared in BaseDeployVMCmd">zoneid</code></td>\n<td>uuid</td>\n<td>yes</td>' in page
    assert "https://github.com/apache/cloudstack/blob/4.22.0.0/api/src/main/java/org/apache/cloudstack/api/" \
           "command/" in page
    flow = (out / "flows" / "deployVirtualMachine.html").read_text()
    for participant in ("ApiServlet", "ApiDispatcher", "DeployVMCmd", "AsyncJobManagerImpl"):
        assert f"<code>{participant}</code>" in flow
    assert "UserVmManagerImpl" in flow
    life = _text((out / "lifecycle.html").read_text())
    assert "AsyncJobManagerImpl#submitAsyncJob" in life and "on the job thread" in life
    concepts = _text((out / "concepts.html").read_text())
    assert "addHost" in concepts and "listZones" in concepts and "createStoragePool" in concepts
    faq = _text((out / "guides" / "faq.html").read_text())
    assert "maven-default-http-blocker" in faq and "pom.xml" in faq
    packaging = _text((out / "guides" / "packaging.html").read_text())
    assert "cloudstack-management" in packaging and "cloudstack-agent" in packaging


def test_configuration_and_guides_ship_with_the_package_and_a_project_adds_its_own(tmp_path, monkeypatch):
    """From any folder: flowdoc's mkdocs.yml and site_src/ come with the package; a project's own
    mkdocs.yml and site_src/ in the current folder (or --config) are merged over them."""
    monkeypatch.delenv("FLOWDOC_SITE_SRC", raising=False)
    monkeypatch.chdir(tmp_path)  # an unrelated folder
    assert config.config_file() == config.BUNDLED_CONFIG.resolve()
    assert config.project_config() is None
    assert config.site_src_dirs() == [config.BUNDLED_SITE_SRC]
    assert (config.BUNDLED_SITE_SRC / "guides" / "getting-started.md").is_file()
    (tmp_path / "mkdocs.yml").write_text("site_name: Our cloud\nextra:\n  team: ops\ntheme:\n  custom_dir: overrides\n"
                                         "docs_dir: elsewhere\n")
    (tmp_path / "site_src" / "guides").mkdir(parents=True)
    project = config.project_config()
    assert project == (tmp_path / "mkdocs.yml").resolve()
    assert config.site_src_dirs(project) == [config.BUNDLED_SITE_SRC, (tmp_path / "site_src").resolve()]
    values = config.project_values(project)
    assert values["site_name"] == "Our cloud" and values["theme"]["custom_dir"] == str(tmp_path / "overrides")
    assert "docs_dir" not in values  # flowdoc stages the pages itself
    with pytest.raises(InputError, match="--config: .*missing.yml"):
        config.project_config(tmp_path / "missing.yml")
    (tmp_path / "bad.yml").write_text("site_name: [unclosed\n")
    with pytest.raises(InputError, match="--config: .*bad.yml"):
        config.project_values(tmp_path / "bad.yml")


def test_a_projects_config_and_pages_extend_flowdocs(tree, tmp_path, monkeypatch):
    project = tmp_path / "ourcloud"
    (project / "site_src" / "guides").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: Our cloud docs\nextra:\n  team: ops\n")
    (project / "site_src" / "guides" / "runbook.md").write_text("# Runbook\n\nCall `listPads` first.\n")
    (project / "site_src" / "guides" / "faq.md").write_text("# Our FAQ\n\nAsk the ops team.\n")
    monkeypatch.chdir(project)
    out = tmp_path / "site"
    result = site.build_site(_Scan(tree), out, collect=_collector(tree))
    runbook = (out / "guides" / "runbook.html").read_text()
    assert "Our cloud docs" in runbook and 'href="../api/listPads.html"' in runbook
    assert "Ask the ops team." in (out / "guides" / "faq.html").read_text()  # the project's page wins
    assert (out / "guides" / "getting-started.html").is_file()  # flowdoc's own guides are still there
    assert result.mkdocs_ran


def test_refuses_to_replace_a_folder_it_did_not_build(tree, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("precious")
    with pytest.raises(InputError, match="not a site flowdoc built"):
        site.build_site(_Scan(tree), out, collect=_collector(tree))
    assert (out / "thesis.txt").read_text() == "precious"


def test_serve_hook_restages_hand_written_pages(tree, tmp_path):
    out = tmp_path / "site"
    built = site.build_site(_Scan(tree), out, collect=_collector(tree))
    config = json.loads(site.serve_config(out, record=built.record).read_text())
    assert config["hooks"] == [str(Path(hooks.__file__).resolve())]
    guide = Path(os.environ["FLOWDOC_SITE_SRC"]) / "guides" / "faq.md"
    guide.write_text(guide.read_text() + "\nA new answer about `listPads`.\n")
    hooks.on_pre_build({"docs_dir": config["docs_dir"], "extra": config["extra"]})
    staged = (Path(config["docs_dir"]) / "guides" / "faq.md").read_text()
    assert "A new answer about [`listPads`](../api/listPads.md)." in staged
    assert (Path(config["docs_dir"]) / "api" / "listPads.md").is_file()  # generated pages kept


def test_without_mermaid_the_build_succeeds_and_says_so(tree, tmp_path, monkeypatch):
    monkeypatch.setattr(site, "find_mermaid", lambda: None)
    out = tmp_path / "site"
    result = site.build_site(_Scan(tree), out, collect=_collector(tree))
    assert any(p.kind == "mermaid-missing" and "npm ci" in p.message for p in result.problems)
    assert not (out / site.MERMAID_TARGET).exists()
    assert '<pre class="flowdoc-mermaid flowdoc-mermaid-off">sequenceDiagram' in \
        (out / "flows" / "launchRocket.html").read_text()


def test_built_site_has_umask_permissions(tree, tmp_path):
    out = tmp_path / "site"
    old = os.umask(0o022)
    try:
        site.build_site(_Scan(tree), out, collect=_collector(tree))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o755
    assert (out / "api").stat().st_mode & 0o777 == 0o755
    assert (out / "index.html").stat().st_mode & 0o777 == 0o644
    assert (out / site.STAMP).stat().st_mode & 0o777 == 0o644


def test_serve_rejects_bad_or_busy_address_up_front(tmp_path, monkeypatch, capsys):
    import glob
    import socket
    import tempfile

    from flowdoc.cli import main

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["serve", "-a", "nonsense"]) == 2
    assert "-a: 'nonsense' is not HOST:PORT" in capsys.readouterr().err
    assert main(["serve", "-a", "127.0.0.1:http"]) == 2
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "-a", f"127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert f"-a: cannot serve on 127.0.0.1:{port}" in err and "internal error" not in err
    assert glob.glob(str(tmp_path / "flowdoc-serve-*")) == []


def test_serve_removes_its_temporary_folders_when_serving_fails(tree, tmp_path, monkeypatch):
    import tempfile

    import mkdocs.commands.serve

    from flowdoc.cli import main

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    def busy(**_kwargs):
        raise OSError(98, "Address already in use")

    monkeypatch.setattr(mkdocs.commands.serve, "serve", busy)
    monkeypatch.setattr(Project, "collect_site", lambda _self, scan, url, **_kw: _collector(tree)(scan, url))
    assert main(["serve", "-s", str(tree), "-a", "127.0.0.1:1"]) in (2,)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_staging_lives_in_the_cache_folder_not_beside_the_output(tree, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("FLOWDOC_CACHE_DIR", str(cache))
    parent = tmp_path / "checkout"
    parent.mkdir()
    out = parent / "site"
    site.build_site(_Scan(tree), out, collect=_collector(tree))
    assert sorted(p.name for p in parent.iterdir()) == ["site"]
    staging = site.staging_dir(out)
    assert staging.parent == cache / "site-staging" and (staging / "docs" / "index.md").is_file()
    assert site.staging_dir(tmp_path / "other" / "site") != staging


def test_summary_counts_are_labelled_and_timings_add_up(tree, tmp_path):
    from flowdoc.cli.build_cmd import summary

    out = tmp_path / "site"
    first = site.build_site(_Scan(tree), out, collect=_collector(tree))
    assert first.html_pages == len(list(out.rglob("*.html")))
    assert first.written == first.pages and first.unchanged == 0  # Markdown only: no assets, no side files
    assert {"prepare", "stage", "mkdocs", "swap", "check"} <= set(first.seconds)
    again = site.build_site(_Scan(tree), out, collect=_collector(tree))
    assert (again.written, again.unchanged, again.removed) == (0, first.pages, 0)
    assert "mkdocs" not in again.seconds
    lines = summary(again)
    assert lines[0].startswith("site up to date") and f"{again.html_pages} HTML pages" in lines[1]
    assert f"Markdown pages: {again.pages} in the site; 0 written, {again.pages} unchanged, 0 removed" in lines[2]
    total = float(lines[3].rsplit("total ", 1)[1].rstrip("s"))
    assert abs(total - sum(again.seconds.values())) < 0.1


def test_hand_written_page_replaced_by_a_generated_one_is_reported(tree, tmp_path, monkeypatch):
    src = Path(os.environ["FLOWDOC_SITE_SRC"])
    (src / "index.md").write_text("# My own home\n")
    (src / "guides" / "index.md").write_text("# Guides overview\n")
    out = tmp_path / "site"
    result = site.build_site(_Scan(tree), out, collect=_collector(tree))
    replaced = [p for p in result.problems if p.kind == "page-replaced"]
    assert [p.file for p in replaced] == ["site_src/index.md"]
    assert (out / "guides" / "index.html").is_file()
    nav = site.make_nav(["guides/faq.md", "guides/index.md"])
    assert {"Guides": ["guides/index.md", "guides/faq.md"]} in nav


def test_stale_staging_folders_of_vanished_sites_are_pruned(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("FLOWDOC_CACHE_DIR", str(tmp_path / "cache"))
    gone, alive, fresh = (site.staging_dir(tmp_path / n / "site") for n in ("gone", "alive", "fresh"))
    (tmp_path / "alive" / "site").mkdir(parents=True)
    old = time.time() - 2 * staging.STAGING_KEEP_SECONDS
    for folder, output in ((gone, "gone"), (alive, "alive"), (fresh, "fresh")):
        (folder / "docs").mkdir(parents=True)
        (folder / site.STAGING_OWNER).write_text(str(tmp_path / output / "site"))
        if folder is not fresh:
            os.utime(folder / site.STAGING_OWNER, (old, old))
    current = site.staging_dir(tmp_path / "current" / "site")
    current.mkdir(parents=True)
    assert site.prune_staging(current) == [gone]
    assert alive.is_dir() and fresh.is_dir() and current.is_dir()


def test_serve_stops_cleanly_on_sigterm():
    """``kill PID`` raises KeyboardInterrupt in serve, so its finally-block removes the folders."""
    import subprocess
    import sys

    code = ("import os, signal, sys, time\n"
            "from flowdoc.cli import serve_cmd\n"
            "serve_cmd._stop_on_sigterm()\n"
            "try:\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    time.sleep(5)\n"
            "    sys.exit(9)\n"
            "except KeyboardInterrupt:\n"
            "    sys.exit(0)\n")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_site_record_is_reused_only_when_the_staged_files_match(tmp_path):
    docs = tmp_path / "docs"
    generated = {"api/listPads.md": b"# listPads\n", "api.json": b"{}\n"}
    data = SiteData(model={"commands": [{"name": "listPads"}]}, tree_kind="sample")
    record = site.site_record(generated, data)
    assert site.reused_pages(record, docs) is None  # nothing staged yet
    staging.stage(docs, generated)
    files, kept = site.reused_pages(record, docs)
    assert files == generated and kept.tree_kind == "sample" and kept.model["commands"] == [{"name": "listPads"}]
    assert site.reused_pages({"files": 3}, docs) is None  # a record of another shape
    assert site.reused_pages({**record, "names": None}, docs) is None
    (docs / "api" / "listPads.md").write_bytes(b"# listPads of another tree\n")
    assert site.reused_pages(record, docs) is None
