"""``flowdoc build``: API model + flows -> Markdown pages -> mkdocs-material site.

Steps, each a plain function:

1. :func:`collect_site_data` runs the stages (symbols, API model, call graph, flows, packaging
   readers) and gathers their plain values into a :class:`~flowdoc.site.pages.SiteData`.
2. :func:`flowdoc.site.pages.render_pages` turns that into ``{path: markdown}``; the hand-written pages
   of ``site_src/`` are added with their markers filled in (:func:`hand_written_pages`).
3. :func:`stage` writes the pages into a persistent staging ``docs`` folder under flowdoc's cache
   folder (:func:`staging_dir`), rewriting only pages whose content changed and deleting stale ones.
4. :func:`run_mkdocs` builds the staged folder with the root ``mkdocs.yml`` (inherited) in strict
   mode into a temporary folder, which then replaces the output folder: a failed build leaves the
   previous site intact. When neither the pages nor the configuration changed since the site in
   the output folder was built, mkdocs is skipped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from flowdoc import __version__
from flowdoc.model.problems import InputError, Problem
from flowdoc.site.pages import (
    MARKER,
    SiteData,
    SourceLinks,
    link_api_names,
    make_environment,
    render_pages,
)

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the flowdoc package
PROJECT_ROOT = PACKAGE_DIR.parent
STAMP = ".flowdoc-stamp"
PAGE_HTML_LIMIT = 300_000
MERMAID_TARGET = "assets/javascripts/mermaid.min.js"
GENERATED_MANIFEST = ".flowdoc-generated.json"

# Order of the hand-written guides in the navigation; others follow alphabetically.
GUIDE_ORDER = ("getting-started.md", "architecture.md", "reading-a-flow.md", "deploy-walkthrough.md",
               "deploy-walkthrough-flow.md", "packaging.md", "faq.md")
SECTION_TITLES = {"guides": "Guides", "reference": "flowdoc reference", "benchmarks": "Benchmarks",
                  "img": None, "assets": None}
SECTION_ORDER = ("guides",)
# flowdoc's own pages: grouped under one last section, after everything about the documented tree
ABOUT_TITLE = "About flowdoc"
ABOUT_SECTIONS = ("reference", "benchmarks")
GENERATED_NAV = [
    {"Home": "index.md"},
]
GENERATED_NAV_AFTER_GUIDES = [
    {"API reference": "api/index.md"},
    {"Request flows": ["flows/index.md", "lifecycle.md"]},
    {"Concepts": "concepts.md"},
]


@dataclass
class BuildResult:
    output: Path
    pages: int = 0  # Markdown pages in the site (staged)
    html_pages: int = 0  # HTML pages in the built site folder
    written: int = 0  # Markdown pages written into the staging folder (new or changed)
    unchanged: int = 0  # Markdown pages already staged with the same text
    removed: int = 0  # stale Markdown pages deleted from the staging folder
    mkdocs_ran: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    size_bytes: int = 0
    largest_page: tuple[str, int] = ("", 0)
    mermaid: bool = False
    title: str = ""


# ---------------------------------------------------------------------------------------------
# locating the project's files


def config_file() -> Path:
    """The root mkdocs.yml: $FLOWDOC_MKDOCS_YML, else the checkout flowdoc runs from (an editable
    install), else the current folder (``pip install .`` run from the checkout)."""
    candidates = [os.environ.get("FLOWDOC_MKDOCS_YML"), PROJECT_ROOT / "mkdocs.yml", Path.cwd() / "mkdocs.yml"]
    for cand in candidates:
        if cand and Path(cand).is_file():
            return Path(cand).resolve()
    raise InputError("the site configuration mkdocs.yml was not found: run flowdoc build from the flowdoc "
                     "checkout (or set FLOWDOC_MKDOCS_YML)")


def site_src_dir() -> Path:
    """The hand-written pages: $FLOWDOC_SITE_SRC, else site_src/ beside the root mkdocs.yml."""
    if os.environ.get("FLOWDOC_SITE_SRC"):
        return Path(os.environ["FLOWDOC_SITE_SRC"])
    return config_file().parent / "site_src"


def find_mermaid() -> Path | None:
    """mermaid's browser bundle from the npm install of package.json (``npm ci``)."""
    candidates = [os.environ.get("FLOWDOC_MERMAID_JS"),
                  PROJECT_ROOT / "node_modules/mermaid/dist/mermaid.min.js",
                  Path.cwd() / "node_modules/mermaid/dist/mermaid.min.js"]
    try:
        candidates.append(config_file().parent / "node_modules/mermaid/dist/mermaid.min.js")
    except InputError:
        pass
    for cand in candidates:
        if cand and Path(cand).is_file():
            return Path(cand)
    return None


# ---------------------------------------------------------------------------------------------
# stage 1: data


def collect_site_data(scan, source_url: str | None = None, progress: Callable[[str], None] | None = None,
                      timings: dict[str, float] | None = None,
                      cache_dir: Path | None = None) -> tuple[SiteData, list[Problem]]:
    """Run the analysis stages on a scan and gather what the pages need; with ``cache_dir``
    the call graph comes from (and goes to) the graph cache there."""
    from flowdoc.analyze.api import build_api_model
    from flowdoc.analyze.symbols import build_symbol_index
    from flowdoc.read import packaging

    try:
        from flowdoc.analyze.callgraph import build_call_graph
        from flowdoc.analyze.flows import build_flow
    except ImportError:  # a checkout without the flow stages still gets its API reference
        build_call_graph = build_flow = None
    try:
        from flowdoc.site.sequence import sequence_diagram
    except ImportError:
        sequence_diagram = None

    timings = timings if timings is not None else {}
    say = progress or (lambda _m: None)
    root = Path(scan.root)

    t = time.perf_counter()
    say("symbols")
    index = build_symbol_index(scan)
    timings["symbols"] = time.perf_counter() - t

    t = time.perf_counter()
    say("API model")
    model = build_api_model(scan, index)
    model_dict = model.as_dict()
    timings["api"] = time.perf_counter() - t

    problems: list[Problem] = list(getattr(model, "problems", []) or [])
    flows: dict[str, dict] = {}
    flow_objects: dict[str, object] = {}
    diagrams: dict[str, str] = {}
    graph = None
    if build_call_graph is None:
        problems.append(Problem("flowdoc", 0, "flows-missing", "the call graph stages are not installed: no flow pages"))
        commands = []
    else:
        t = time.perf_counter()
        say("call graph")
        graph = build_call_graph(scan, index, cache_dir=cache_dir)
        timings["callgraph"] = time.perf_counter() - t
        commands = model.commands
    by_name = {cmd.name: cmd for cmd in model.commands}

    t = time.perf_counter()
    say("flows")
    for name, flow_dict, diagram, errors in _all_flows(commands, graph, index,
                                                        build_flow, sequence_diagram):
        cmd = by_name[name]
        for kind, message in errors:
            problems.append(Problem(cmd.file, cmd.line, kind, f"{name}: {message}"))
        if flow_dict is not None:
            flows[name] = flow_dict
        if diagram is not None:
            diagrams[name] = diagram
    timings["flows"] = time.perf_counter() - t

    # the contract dict does not carry async_create; flows and the command objects do
    for entry, cmd in zip(model_dict.get("commands", []), model.commands, strict=False):
        if entry.get("name") == cmd.name and "async_create" not in entry:
            entry["async_create"] = bool(getattr(cmd, "async_create", False))
        if entry.get("name") == cmd.name and "category" not in entry and getattr(cmd, "category", None):
            entry["category"] = cmd.category

    def diagram_fn(name: str, **limits: int) -> str:  # the few lifecycle examples: built again here
        if sequence_diagram is None or name not in by_name:
            return ""
        if name not in flow_objects:
            flow_objects[name] = build_flow(by_name[name], graph, index)
        return sequence_diagram(flow_objects[name], **limits)

    t = time.perf_counter()
    data = SiteData(model=model_dict, flows=flows, diagrams=diagrams,
                    packages=[p.as_dict() for p in packaging.read_packages(root)],
                    http_repositories=[r.as_dict() for r in packaging.http_repositories(root)],
                    links=SourceLinks(root=root, url=source_url), diagram_fn=diagram_fn)
    timings["packaging"] = time.perf_counter() - t
    return data, problems


def _one_flow(cmd, graph, index, build_flow, sequence_diagram) -> tuple:
    """(name, Flow.as_dict(), mermaid text, [(problem kind, message)]) of one API."""
    errors: list[tuple[str, str]] = []
    try:
        flow = build_flow(cmd, graph, index)
    except Exception as exc:  # one API's flow must not sink the site
        return cmd.name, None, None, [("flow-error", f"{type(exc).__name__}: {exc}")]
    diagram = None
    if sequence_diagram is not None:
        try:
            diagram = sequence_diagram(flow)
        except Exception as exc:
            errors.append(("diagram-error", f"{type(exc).__name__}: {exc}"))
    return cmd.name, flow.as_dict(), diagram, errors


def _all_flows(commands, graph, index, build_flow, sequence_diagram) -> list[tuple]:
    """Every API's flow dict and diagram, in one process: two forked workers were measured slower
    on the 4.22 tree (13.3 s against 7.4 s), as sending the flows back costs more than building them."""
    return [_one_flow(c, graph, index, build_flow, sequence_diagram) for c in commands]


# ---------------------------------------------------------------------------------------------
# hand-written pages


def _fragments(data: SiteData) -> dict[str, str]:
    env = make_environment()
    return {
        "packages": env.get_template("packages.md.j2").render(packages=data.packages),
        "http-repositories": env.get_template("http_repositories.md.j2").render(repos=data.http_repositories),
    }


def hand_written_pages(src: Path, data: SiteData | None) -> dict[str, bytes]:
    """Every file of ``site_src``; Markdown gets its ``<!-- flowdoc:NAME -->`` markers filled in
    and backticked API names linked to their pages."""
    files: dict[str, bytes] = {}
    if not src.is_dir():
        return files
    fragments = _fragments(data) if data is not None else {}
    names = [c["name"] for c in data.model.get("commands", [])] if data is not None else []
    for path in sorted(src.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(src).parts):
            continue
        rel = path.relative_to(src).as_posix()
        raw = path.read_bytes()
        if rel.endswith(".md") and data is not None:
            text = raw.decode("utf-8")
            text = MARKER.sub(lambda m: fragments.get(m.group(1), m.group(0)), text)
            depth = rel.count("/")
            text = link_api_names(text, names, "../" * depth + "api/")
            raw = text.encode("utf-8")
        files[rel] = raw
    return files


# ---------------------------------------------------------------------------------------------
# staging


def stage(docs: Path, files: dict[str, bytes], keep: set[str] | None = None) -> tuple[list, list, list]:
    """Make ``docs`` hold exactly ``files`` (plus ``keep``), rewriting only what changed.

    Returns the relative paths (written, unchanged, removed)."""
    docs.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    unchanged: list[str] = []
    removed: list[str] = []
    for rel, content in files.items():
        target = docs / rel
        try:
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                unchanged.append(rel)
                continue
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, target)
        written.append(rel)
    wanted = set(files) | (keep or set())
    for path in sorted(docs.rglob("*"), reverse=True):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and rel not in wanted and not rel.startswith(".flowdoc"):
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, unchanged, removed


def _title_key(rel: str) -> tuple:
    name = rel.rsplit("/", 1)[-1]
    if name == "index.md":  # a folder's overview page opens its section
        return (-1, rel)
    order = GUIDE_ORDER.index(name) if name in GUIDE_ORDER else len(GUIDE_ORDER)
    return (order, rel)


def make_nav(hand_written: list[str]) -> list:
    """Generated sections plus every hand-written page, grouped by its folder."""
    sections: dict[str, list[str]] = {}
    top: list[str] = []
    for rel in hand_written:
        if not rel.endswith(".md") or rel == "index.md":
            continue
        if "/" in rel:
            sections.setdefault(rel.split("/", 1)[0], []).append(rel)
        else:
            top.append(rel)
    nav: list = list(GENERATED_NAV)

    def section(name: str) -> dict:
        title = SECTION_TITLES.get(name, name.replace("-", " ").replace("_", " ").capitalize())
        return {title or name: sorted(sections[name], key=_title_key)}

    for name in SECTION_ORDER:
        if name in sections:
            nav.append(section(name))
    nav.extend(GENERATED_NAV_AFTER_GUIDES)
    nav.extend(sorted(top, key=_title_key))
    for name in sorted(sections):
        if name not in SECTION_ORDER and name not in ABOUT_SECTIONS:
            nav.append(section(name))
    about = [section(name) for name in ABOUT_SECTIONS if name in sections]
    if about:
        nav.append({ABOUT_TITLE: about})
    return nav


def site_title(scan) -> str:
    """What the site documents: "<project name from the root pom> <version> — flowdoc"."""
    from flowdoc.read.packaging import project_name

    name = project_name(Path(scan.root)) or "CloudStack"
    version = getattr(scan, "version", None)
    return f"{name} {version} — flowdoc" if version else f"{name} — flowdoc"


CALLTREE_START = "<!-- flowdoc:calltree-start -->"
CALLTREE_END = "<!-- flowdoc:calltree-end -->"
CALLTREE_SLOT = '<div class="flowdoc-calltree-slot"></div>'


def side_file(rel: str) -> str:
    folder, _, name = rel.rpartition("/")
    return f"{folder}/.{name[:-3]}.calltree.html" if folder else f".{name[:-3]}.calltree.html"


def split_side_html(rel: str, text: str) -> dict[str, bytes]:
    """Move a page's call tree (pure HTML, up to a few hundred KB) into a hidden side file that the
    mkdocs hook :func:`on_page_content` puts back after Markdown: Markdown has nothing to do in
    it and parsing it as raw HTML would double the time of a real-tree build."""
    head, start, rest = text.partition(CALLTREE_START)
    if not start:
        return {rel: text.encode("utf-8")}
    body, end, tail = rest.partition(CALLTREE_END)
    return {rel: (head + CALLTREE_SLOT + tail).encode("utf-8"), side_file(rel): body.strip().encode("utf-8")}


def on_page_content(html: str, page, config, files, **_kwargs) -> str:  # mkdocs hook
    if CALLTREE_SLOT not in html:
        return html
    side = Path(config["docs_dir"]) / side_file(page.file.src_uri)
    try:
        tree = side.read_text(encoding="utf-8")
    except OSError:
        return html
    return html.replace(f"<p>{CALLTREE_SLOT}</p>", tree).replace(CALLTREE_SLOT, tree)


def write_config(path: Path, docs: Path, site_dir: Path, nav: list, title: str | None = None) -> str:
    """A staging mkdocs.yml that inherits the root configuration (and uses this module as hook)."""
    config = {"INHERIT": str(config_file()), "docs_dir": str(docs), "site_dir": str(site_dir), "nav": nav,
              **({"site_name": title} if title else {}),
              "hooks": [str(Path(__file__).resolve())], "validation": {"links": {"not_found": "warn"}}}
    text = json.dumps(config, indent=1) + "\n"  # JSON is YAML
    path.write_text(text, encoding="utf-8")
    return text


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_path: Path, strict: bool = True) -> list[str]:
    """Build with mkdocs' API; returns the warnings; raises InputError when strict mode aborts."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=str(config_path), strict=strict)
        build(cfg)
    except (Abort, ConfigurationError) as exc:
        detail = "; ".join(dict.fromkeys(handler.messages[:10]))
        raise InputError(f"mkdocs build failed: {exc} {detail}".strip()) from None
    finally:
        logger.removeHandler(handler)
    return handler.messages


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _normal_permissions(folder: Path) -> None:
    """mkdtemp makes the folder ``drwx------``: give the site the permissions any folder and file
    created per the umask would have, so a web server running as another user can read it."""
    mask = _current_umask()
    dir_mode, file_mode = 0o777 & ~mask, 0o666 & ~mask
    os.chmod(folder, dir_mode)
    for root, dirs, names in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), dir_mode)
        for name in names:
            os.chmod(os.path.join(root, name), file_mode)


def _swap_into_place(built: Path, output: Path) -> None:
    _normal_permissions(built)
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.replace(output, old)
    os.replace(built, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _code_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        rel = path.relative_to(PACKAGE_DIR).as_posix()
        if path.is_file() and not rel.startswith("sample/") and path.suffix in (".py", ".j2"):
            digest.update(rel.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def generation_key(scan, source_url: str | None) -> str:
    """Changes whenever anything the generated pages are made of changes."""
    from flowdoc.read.packaging import packaging_inputs

    digest = hashlib.sha256(_code_fingerprint().encode())
    digest.update(json.dumps([str(scan.root), scan.version, source_url]).encode())
    for facts in sorted(scan.files, key=lambda f: f.path):
        digest.update(f"{facts.path}\0{facts.sha}\n".encode())
    root = Path(scan.root)
    for rel in packaging_inputs(root):
        digest.update(rel.encode())
        digest.update(hashlib.sha256((root / rel).read_bytes()).digest())
    return digest.hexdigest()


def _replaceable(output: Path) -> bool:
    """An empty folder, a site flowdoc built, or an mkdocs build output (plain `mkdocs build`)."""
    if not output.is_dir():
        return False
    if (output / STAMP).is_file() or not any(output.iterdir()):
        return True
    return (output / "sitemap.xml").is_file() and (output / "404.html").is_file()


def staging_dir(output: Path) -> Path:
    """The persistent staging folder of the site built into ``output``: under flowdoc's cache
    folder, keyed by the output's absolute path, so nothing is left beside the output folder."""
    from flowdoc.store.cache import default_cache_dir

    key = hashlib.sha256(str(Path(output).resolve()).encode("utf-8")).hexdigest()[:16]
    return default_cache_dir() / "site-staging" / f"{Path(output).name or 'site'}-{key}"


STAGING_OWNER = ".flowdoc-output"
STAGING_KEEP_SECONDS = 24 * 3600


def prune_staging(keep: Path, now: float | None = None) -> list[Path]:
    """Delete staging folders whose site folder is gone and that were not used for a day (sites
    built into temporary folders would otherwise pile up in the cache). Returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for folder in sorted(keep.parent.glob("*")) if keep.parent.is_dir() else []:
        if folder == keep or not folder.is_dir():
            continue
        try:
            owner = Path((folder / STAGING_OWNER).read_text(encoding="utf-8").strip())
            idle = now - (folder / STAGING_OWNER).stat().st_mtime
        except OSError:
            owner, idle = None, now - folder.stat().st_mtime
        if idle > STAGING_KEEP_SECONDS and (owner is None or not owner.exists()):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def build_site(scan, output: Path, source_url: str | None = None, strict: bool = True,
               progress: Callable[[str], None] | None = None, force: bool = False,
               collect: Callable[..., tuple[SiteData, list[Problem]]] | None = None,
               cache_dir: Path | None = None) -> BuildResult:
    """Render and build the whole site into ``output`` (replaced only on success).

    ``collect`` replaces :func:`collect_site_data` (tests hand in fixture data); ``cache_dir``
    is where the call graph is cached between builds (None: rebuilt every time)."""
    collect = collect or partial(collect_site_data, cache_dir=cache_dir)
    output = Path(output).resolve()
    if not output.parent.is_dir():
        raise InputError(f"-o: folder {output.parent} does not exist")
    if output.exists() and not _replaceable(output):
        raise InputError(f"-o: {output} exists and is not a site flowdoc built; it would be replaced, "
                         "so remove it or choose another folder")
    result = BuildResult(output=output)
    say = progress or (lambda _m: None)
    base = staging_dir(output)
    docs = base / "docs"
    manifest_path = base / GENERATED_MANIFEST
    base.mkdir(parents=True, exist_ok=True)
    (base / STAGING_OWNER).write_text(str(output) + "\n", encoding="utf-8")  # also marks it as in use
    prune_staging(base)

    t0 = time.perf_counter()
    mermaid = find_mermaid()
    key = generation_key(scan, source_url) + ("+mermaid" if mermaid else "")  # pages differ without it
    manifest = {}
    if manifest_path.is_file() and not force:
        try:
            manifest = json.loads(manifest_path.read_text())
        except ValueError:
            manifest = {}
    reuse = manifest.get("key") == key and all((docs / p).is_file() for p in manifest.get("files", []))
    kept = _DataFromManifest.load(base) if reuse else None
    reuse = kept is not None
    result.mermaid = mermaid is not None
    if mermaid is None:
        result.problems.append(Problem("package.json", 0, "mermaid-missing",
                                       "mermaid is not installed (run `npm ci` in the flowdoc checkout): "
                                       "diagrams are shown as their text"))

    if reuse:
        say("pages unchanged since the last build")
        generated_files = {p: (docs / p).read_bytes() for p in manifest["files"]}
        hand = hand_written_pages(site_src_dir(), kept)
    else:
        data, problems = collect(scan, source_url, progress=say, timings=result.seconds)
        data.mermaid = mermaid is not None
        result.problems.extend(problems)
        t = time.perf_counter()
        say("rendering pages")
        pages = render_pages(data)
        generated_files = {}
        for rel, text in pages.items():
            generated_files.update(split_side_html(rel, text))
        generated_files["api.json"] = (json.dumps(data.model, separators=(",", ":")) + "\n").encode("utf-8")
        result.seconds["render"] = time.perf_counter() - t
        hand = hand_written_pages(site_src_dir(), data)
        _DataFromManifest.save(base, data)
    if mermaid is not None:
        generated_files[MERMAID_TARGET] = mermaid.read_bytes()

    files = dict(hand)
    for rel in sorted(set(hand) & set(generated_files)):
        result.problems.append(Problem(f"site_src/{rel}", 0, "page-replaced",
                                       f"flowdoc generates {rel} itself, so this hand-written page is not "
                                       "used: rename it (for example to guides/overview.md)"))
    files.update(generated_files)  # generated pages win over a hand-written page of the same path
    result.seconds["prepare"] = time.perf_counter() - t0 - sum(result.seconds.values())
    t = time.perf_counter()
    say("staging")
    written, unchanged, removed = stage(docs, files)
    is_page = lambda rel: rel.endswith(".md")  # noqa: E731
    result.written = sum(map(is_page, written))
    result.unchanged = sum(map(is_page, unchanged))
    result.removed = sum(map(is_page, removed))
    manifest_path.write_text(json.dumps({"key": key, "files": sorted(generated_files)}))
    md_pages = {p: len(c) for p, c in files.items() if p.endswith(".md")}
    result.pages = len(md_pages)
    if md_pages:
        result.largest_page = max(((p, n) for p, n in md_pages.items() if p in generated_files),
                                  key=lambda x: x[1], default=("", 0))

    nav = make_nav(sorted(hand))
    title = result.title = site_title(scan)
    config_text = json.dumps({"INHERIT": str(config_file()), "nav": nav, "title": title,
                              "root": config_file().read_text(encoding="utf-8"), "strict": strict,
                              # the hooks mkdocs runs live in this module
                              "hooks": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()})
    content_digest = hashlib.sha256(config_text.encode())
    for rel in sorted(files):
        content_digest.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    stamp = content_digest.hexdigest()
    result.seconds["stage"] = time.perf_counter() - t

    stamp_path = output / STAMP
    if not force and stamp_path.is_file() and stamp_path.read_text().strip() == stamp:
        say("site is up to date")
    else:
        t = time.perf_counter()
        say("mkdocs build")
        tmp_site = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.building-"))
        try:
            cfg_path = base / "mkdocs.yml"
            write_config(cfg_path, docs, tmp_site, nav, title)
            warnings = run_mkdocs(cfg_path, strict=strict)
            for message in warnings:
                result.problems.append(Problem("mkdocs", 0, "mkdocs-warning", message))
            (tmp_site / STAMP).write_text(stamp + "\n")
            result.seconds["mkdocs"] = time.perf_counter() - t
            t = time.perf_counter()
            _swap_into_place(tmp_site, output)
            result.seconds["swap"] = time.perf_counter() - t
        except BaseException:
            shutil.rmtree(tmp_site, ignore_errors=True)
            raise
        result.mkdocs_ran = True
    t = time.perf_counter()
    sizes = {p: p.stat().st_size for p in output.rglob("*") if p.is_file()}
    result.html_pages = sum(1 for p in sizes if p.suffix == ".html")
    result.size_bytes = sum(sizes.values())
    for path, size in sorted(sizes.items()):
        if path.suffix == ".html" and size >= PAGE_HTML_LIMIT:
            result.problems.append(Problem(str(path.relative_to(output)), 0, "page-too-large",
                                           f"{size / 1000:.0f} KB (the limit is {PAGE_HTML_LIMIT // 1000} KB)"))
    result.seconds["check"] = time.perf_counter() - t
    return result


class _DataFromManifest:
    """What the hand-written pages need (API names, packaging fragments) kept between builds,
    so an unchanged rebuild does not have to run the analysis again."""

    FILE = ".flowdoc-handwritten.json"

    @staticmethod
    def save(base: Path, data: SiteData) -> None:
        keep = {"names": [c["name"] for c in data.model.get("commands", [])],
                "packages": data.packages, "http_repositories": data.http_repositories}
        (base / _DataFromManifest.FILE).write_text(json.dumps(keep))

    @staticmethod
    def load(base: Path) -> SiteData | None:
        try:
            keep = json.loads((base / _DataFromManifest.FILE).read_text())
        except (OSError, ValueError):
            return None
        return SiteData(model={"commands": [{"name": n} for n in keep["names"]]}, packages=keep["packages"],
                        http_repositories=keep["http_repositories"])


# ---------------------------------------------------------------------------------------------
# flowdoc serve


def serve_config(output: Path, title: str | None = None) -> Path:
    """A config for ``mkdocs serve`` over the staged pages of the site built into ``output``.

    This module is also the config's mkdocs hook: before each rebuild it copies the hand-written
    pages of site_src/ into the staging folder again, so editing a guide reloads the page."""
    base = staging_dir(Path(output).resolve())
    nav = make_nav(sorted(hand_written_pages(site_src_dir(), None)))
    path = base / "serve.yml"
    config = {"INHERIT": str(config_file()), "docs_dir": str(base / "docs"), "site_dir": str(base / "serve-site"),
              "nav": nav, "hooks": [str(Path(__file__).resolve())], "extra": {"flowdoc_serve": True},
              **({"site_name": title} if title else {})}
    path.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return path


def on_pre_build(config, **_kwargs) -> None:  # mkdocs hook (serve only)
    if not (config.get("extra") or {}).get("flowdoc_serve"):
        return
    docs = Path(config["docs_dir"])
    base = docs.parent
    manifest_path = base / GENERATED_MANIFEST
    try:
        generated = set(json.loads(manifest_path.read_text())["files"])
    except (OSError, ValueError, KeyError):
        return
    hand = hand_written_pages(site_src_dir(), _DataFromManifest.load(base))
    stage(docs, {k: v for k, v in hand.items() if k not in generated}, keep=generated)
