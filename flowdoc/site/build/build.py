"""``flowdoc build``: site data -> Markdown pages -> staging folder -> mkdocs-material site.

1. The caller hands in a ``collect`` function that gathers the stages' plain values into a
   :class:`~flowdoc.site.data.SiteData` (:func:`flowdoc.site.collect.collect_site_data`); it is
   called only when the pages must be generated again.
2. :func:`flowdoc.site.pages.render_pages` turns that into ``{path: markdown}``; the hand-written
   pages of ``site_src/`` are added with their markers filled in.
3. :func:`~flowdoc.site.build.staging.stage` writes the pages into the staging folder.
4. :func:`~flowdoc.site.build.config.run_mkdocs` builds the staged folder with the root
   ``mkdocs.yml`` (inherited) in strict mode into a temporary folder, which then replaces the
   output folder. When neither the pages nor the configuration changed since the site in the
   output folder was built, mkdocs is skipped.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flowdoc.model.problems import InputError, Problem
from flowdoc.site.build.config import (
    HOOKS_FILE,
    IFRAME_WORKER_TARGET,
    MERMAID_TARGET,
    PACKAGE_DIR,
    config_file,
    find_iframe_worker,
    find_mermaid,
    make_nav,
    project_config,
    project_values,
    run_mkdocs,
    site_src_dirs,
    site_title,
    write_config,
)
from flowdoc.site.build.staging import (
    STAGING_OWNER,
    STAMP,
    building_prefix,
    prune_staging,
    remove_stale_builds,
    replaceable,
    split_side_html,
    stage,
    staging_dir,
    swap_into_place,
)
from flowdoc.site.data import SiteData
from flowdoc.site.pages import hand_written_pages, render_pages
from flowdoc.store.artifacts import ArtifactStore
from flowdoc.store.cache import content_hash
from flowdoc.store.fingerprint import code_fingerprint

PAGE_HTML_LIMIT = 300_000

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
    record: dict = field(default_factory=dict)  # the site record of the staged pages (site_record)


def _code_fingerprint() -> str:
    """What the generated pages are made by: the stages behind them and the site's code (the
    store's one code fingerprint, imports followed) and the page templates."""
    code = code_fingerprint("flowdoc.pipeline", "flowdoc.site.build.build", "flowdoc.site.hooks",
                            "flowdoc.check.history")
    digest = hashlib.sha256(code.encode())
    for path in sorted((PACKAGE_DIR / "templates").rglob("*.j2")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
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


def generated_files(data: SiteData) -> dict[str, bytes]:
    """The generated pages (call trees split into their side files) and ``api.json``."""
    files: dict[str, bytes] = {}
    for rel, text in render_pages(data).items():
        files.update(split_side_html(rel, text))
    files["api.json"] = (json.dumps(data.model, separators=(",", ":")) + "\n").encode("utf-8")
    return files


def generated_markdown(data: SiteData, project: Path | None = None) -> dict[str, bytes]:
    """Every Markdown page of the site built from ``data``: generated and hand-written ones
    (the golden comparison of benchmarks/golden.py captures these)."""
    files = hand_written_pages(site_src_dirs(project), data)
    files.update(generated_files(data))
    return {rel: content for rel, content in files.items() if rel.endswith(".md")}


# The records of the staging folder's layout before they moved into the store: deleted on sight.
LEGACY_RECORDS = (".flowdoc-generated.json", ".flowdoc-handwritten.json")


def site_record(generated: dict[str, bytes], data: SiteData) -> dict:
    """What the store keeps of a build (kind ``site``, keyed by the generation key): the content
    hash of every generated file, so a rebuild can tell that the staged files are this key's, and
    what the hand-written pages need (API names, packaging fragments), so an unchanged rebuild
    does not have to run the analysis again."""
    return {"files": {rel: content_hash(content) for rel, content in generated.items()},
            "names": [c["name"] for c in data.model.get("commands", [])], "packages": data.packages,
            "http_repositories": data.http_repositories, "tree_kind": data.tree_kind}


def kept_site_data(record: dict) -> SiteData:
    """The hand-written pages' data of a :func:`site_record` (KeyError/TypeError when malformed)."""
    return SiteData(model={"commands": [{"name": n} for n in record["names"]]}, packages=record["packages"],
                    http_repositories=record["http_repositories"], tree_kind=record["tree_kind"])


def reused_pages(record: dict, docs: Path) -> tuple[dict[str, bytes], SiteData] | None:
    """The staged generated files and the hand-written pages' data when ``record`` (a
    :func:`site_record`) matches what ``docs`` holds; None when anything is missing or differs
    (another key's pages were staged since, or the record is of another shape)."""
    try:
        files = record["files"]
        generated = {rel: (docs / rel).read_bytes() for rel in files}
        if any(content_hash(content) != files[rel] for rel, content in generated.items()):
            return None
        kept = kept_site_data(record)
    except (OSError, KeyError, TypeError, AttributeError):
        return None
    return generated, kept


Collect = Callable[..., tuple[SiteData, list[Problem]]]  # (scan, source_url, progress=, timings=)


def build_site(scan, output: Path, collect: Collect, source_url: str | None = None, strict: bool = True,
               progress: Callable[[str], None] | None = None, force: bool = False,
               config: Path | None = None, store: ArtifactStore | None = None) -> BuildResult:
    """Render and build the whole site into ``output`` (replaced only on success).

    ``collect(scan, source_url, progress=, timings=)`` gathers the site's data; it is called only
    when the generated pages must be rendered again (tests hand in fixture data). ``config`` is
    the project's mkdocs.yml (else ./mkdocs.yml when there is one), merged over flowdoc's own.
    ``store``: the artifact store that keeps what an unchanged rebuild reuses (kind ``site``);
    None (``--no-cache``): every build renders the pages as a first build does."""
    project = project_config(config)
    srcs = site_src_dirs(project)
    output = Path(output).resolve()
    if not output.parent.is_dir():
        raise InputError(f"-o: folder {output.parent} does not exist")
    remove_stale_builds(output)  # a killed build's leftovers; may put the previous site back
    if output.exists() and not replaceable(output):
        raise InputError(f"-o: {output} exists and is not a site flowdoc built; it would be replaced, "
                         "so remove it or choose another folder")
    result = BuildResult(output=output)
    say = progress or (lambda _m: None)
    base = staging_dir(output)
    docs = base / "docs"
    base.mkdir(parents=True, exist_ok=True)
    (base / STAGING_OWNER).write_text(str(output) + "\n", encoding="utf-8")  # also marks it as in use
    for name in LEGACY_RECORDS:
        (base / name).unlink(missing_ok=True)
    prune_staging(base)

    t0 = time.perf_counter()
    mermaid = find_mermaid()
    code = _code_fingerprint()
    key = generation_key(scan, source_url) + ("+mermaid" if mermaid else "")  # pages differ without it
    record = store.load("site", code, key, expect=dict) if store is not None and not force else None
    reused = reused_pages(record, docs) if record is not None else None
    result.mermaid = mermaid is not None
    if mermaid is None:
        result.problems.append(Problem("package.json", 0, "mermaid-missing",
                                       "mermaid is not installed (run `npm ci` in the flowdoc checkout): "
                                       "diagrams are shown as their text"))

    if reused is not None:
        say("pages unchanged since the last build")
        generated, kept = reused
        result.record = record
        hand = hand_written_pages(srcs, kept)
    else:
        data, problems = collect(scan, source_url, progress=say, timings=result.seconds)
        data.mermaid = mermaid is not None
        result.problems.extend(problems)
        t = time.perf_counter()
        say("rendering pages")
        generated = generated_files(data)
        result.seconds["render"] = time.perf_counter() - t
        hand = hand_written_pages(srcs, data)
        result.record = site_record(generated, data)
    if mermaid is not None:
        generated[MERMAID_TARGET] = mermaid.read_bytes()
    iframe_worker = find_iframe_worker()
    if iframe_worker is not None:
        generated[IFRAME_WORKER_TARGET] = iframe_worker.read_bytes()
    else:
        result.problems.append(Problem("package.json", 0, "iframe-worker-missing",
                                       "iframe-worker is not installed (run `npm ci` in the flowdoc checkout): "
                                       "search works over HTTP only, not from file://"))

    files = dict(hand)
    for rel in sorted(set(hand) & set(generated)):
        result.problems.append(Problem(f"site_src/{rel}", 0, "page-replaced",
                                       f"flowdoc generates {rel} itself, so this hand-written page is not "
                                       "used: rename it (for example to guides/overview.md)"))
    files.update(generated)  # generated pages win over a hand-written page of the same path
    result.seconds["prepare"] = time.perf_counter() - t0 - sum(result.seconds.values())
    t = time.perf_counter()
    say("staging")
    written, unchanged, removed = stage(docs, files)
    is_page = lambda rel: rel.endswith(".md")  # noqa: E731
    result.written = sum(map(is_page, written))
    result.unchanged = sum(map(is_page, unchanged))
    result.removed = sum(map(is_page, removed))
    if reused is None and store is not None:  # saved once the pages are staged, so it describes them
        store.save("site", code, key, result.record)
    md_pages = {p: len(c) for p, c in files.items() if p.endswith(".md")}
    result.pages = len(md_pages)
    if md_pages:
        result.largest_page = max(((p, n) for p, n in md_pages.items() if p in generated),
                                  key=lambda x: x[1], default=("", 0))

    nav = make_nav(sorted(hand))
    title = result.title = site_title(scan)
    config_text = json.dumps({"INHERIT": str(config_file()), "nav": nav, "title": title,
                              "root": config_file().read_text(encoding="utf-8"), "strict": strict,
                              "project": project_values(project),
                              # the hooks mkdocs runs
                              "hooks": hashlib.sha256(HOOKS_FILE.read_bytes()).hexdigest()})
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
        tmp_site = Path(tempfile.mkdtemp(dir=output.parent, prefix=building_prefix(output)))
        try:
            cfg_path = base / "mkdocs.yml"
            write_config(cfg_path, docs, tmp_site, nav, title, project)
            warnings = run_mkdocs(cfg_path, strict=strict)
            for message in warnings:
                result.problems.append(Problem("mkdocs", 0, "mkdocs-warning", message))
            (tmp_site / STAMP).write_text(stamp + "\n")
            result.seconds["mkdocs"] = time.perf_counter() - t
            t = time.perf_counter()
            swap_into_place(tmp_site, output)
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


def serve_config(output: Path, title: str | None = None, config: Path | None = None,
                 record: dict | None = None) -> Path:
    """A config for ``mkdocs serve`` over the staged pages of the site built into ``output``
    (``record``: its build's :attr:`BuildResult.record`).

    Its hook (:func:`flowdoc.site.hooks.on_pre_build`) copies the hand-written pages of the
    site_src folders into the staging folder again before each rebuild, so editing a guide
    reloads the page."""
    project = project_config(config)
    srcs = site_src_dirs(project)
    base = staging_dir(Path(output).resolve())
    nav = make_nav(sorted(hand_written_pages(srcs, None)))
    path = base / "serve.yml"
    write_config(path, base / "docs", base / "serve-site", nav, title, project,
                 extra={"flowdoc_serve": True, "flowdoc_site_src": [str(s) for s in srcs],
                        "flowdoc_generated": sorted((record or {}).get("files", ())),
                        "flowdoc_kept": {k: v for k, v in (record or {}).items() if k != "files"}})
    return path
