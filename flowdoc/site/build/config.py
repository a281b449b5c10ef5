"""Where the site's configuration comes from and the mkdocs configuration flowdoc writes:
the root mkdocs.yml, the hand-written pages (site_src), mermaid's bundle, the navigation, and
running mkdocs itself."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from flowdoc.model.problems import InputError

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # the flowdoc package
PROJECT_ROOT = PACKAGE_DIR.parent
HOOKS_FILE = PACKAGE_DIR / "site" / "hooks.py"
# shipped with the package (package data; in the checkout, links to the root mkdocs.yml and site_src/)
BUNDLED_CONFIG = PACKAGE_DIR / "mkdocs.yml"
BUNDLED_SITE_SRC = PACKAGE_DIR / "site_src"  # the mkdocs hooks of every config flowdoc writes
MERMAID_TARGET = "assets/javascripts/mermaid.min.js"
IFRAME_WORKER_TARGET = "assets/javascripts/iframe-worker.js"  # the polyfill mkdocs.yml names

# Order of the hand-written guides in the navigation; others follow alphabetically.
GUIDE_ORDER = ("getting-started.md", "architecture.md", "reading-a-flow.md", "sample-walkthrough.md",
               "deploy-walkthrough.md", "deploy-walkthrough-flow.md", "deploy-walkthrough-deep.md", "packaging.md",
               "faq.md")
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


def config_file() -> Path:
    """The site configuration flowdoc ships (``flowdoc/mkdocs.yml``, package data), or
    $FLOWDOC_MKDOCS_YML."""
    path = Path(os.environ.get("FLOWDOC_MKDOCS_YML") or BUNDLED_CONFIG)
    if not path.is_file():
        raise InputError(f"the site configuration {path} is missing: reinstall flowdoc (or set FLOWDOC_MKDOCS_YML)")
    return path.resolve()


def project_config(explicit: Path | None = None) -> Path | None:
    """The documented project's own mkdocs.yml, which extends and overrides flowdoc's: ``--config``,
    else ``mkdocs.yml`` in the current folder (not flowdoc's own, as in the flowdoc checkout)."""
    if explicit is not None:
        if not Path(explicit).is_file():
            raise InputError(f"--config: {explicit} does not exist or is not a file")
        return Path(explicit).resolve()
    here = Path.cwd() / "mkdocs.yml"
    if here.is_file() and not _same(here, config_file()):
        return here.resolve()
    return None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def site_src_dirs(project: Path | None = None) -> list[Path]:
    """The hand-written pages, later folders overriding earlier ones page by page: flowdoc's own
    (package data, or $FLOWDOC_SITE_SRC), then the project's ``site_src/`` beside its mkdocs.yml
    (or in the current folder without one)."""
    dirs = [Path(os.environ.get("FLOWDOC_SITE_SRC") or BUNDLED_SITE_SRC)]
    own = (project.parent if project is not None else Path.cwd()) / "site_src"
    if own.is_dir() and not any(_same(own, d) for d in dirs) and not _same(own, BUNDLED_SITE_SRC):
        dirs.append(own.resolve())
    return dirs


_OURS = ("INHERIT", "docs_dir", "site_dir", "nav")  # flowdoc decides these in the staging config


def project_values(project: Path | None) -> dict:
    """The project's mkdocs.yml as plain values to merge over flowdoc's (mkdocs' own loader, so
    !ENV and INHERIT work); relative paths made absolute, flowdoc's own keys left out."""
    if project is None:
        return {}
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(project, "rb") as handle:
            values = yaml_load(handle) or {}
    except Exception as exc:  # a YAML or INHERIT error: one line, never a traceback
        raise InputError(f"--config: {project}: {exc}".splitlines()[0]) from None
    if not isinstance(values, dict):
        raise InputError(f"--config: {project}: not a mkdocs configuration (expected a mapping)")
    values = {k: v for k, v in values.items() if k not in _OURS}
    theme = values.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        values["theme"] = {**theme, "custom_dir": str(project.parent / theme["custom_dir"])}
    if isinstance(values.get("hooks"), list):
        values["hooks"] = [str(project.parent / h) for h in values["hooks"]]
    try:
        json.dumps(values)
    except (TypeError, ValueError) as exc:
        raise InputError(f"--config: {project}: flowdoc merges plain values only ({exc})") from None
    return values


def find_node_asset(rel: str, env: str) -> Path | None:
    """A browser bundle from the npm install of package.json (``npm ci``): $``env``, else
    node_modules/``rel`` of the checkout flowdoc runs from, of the current folder or beside the
    site configuration."""
    candidates = [os.environ.get(env), PROJECT_ROOT / "node_modules" / rel, Path.cwd() / "node_modules" / rel]
    try:
        candidates.append(config_file().parent / "node_modules" / rel)
    except InputError:
        pass
    for cand in candidates:
        if cand and Path(cand).is_file():
            return Path(cand)
    return None


def find_mermaid() -> Path | None:
    """mermaid's browser bundle (draws the diagrams)."""
    return find_node_asset("mermaid/dist/mermaid.min.js", "FLOWDOC_MERMAID_JS")


def find_iframe_worker() -> Path | None:
    """The iframe-worker shim: lets the search's web worker run from ``file://`` (mkdocs-material's
    offline plugin names it in ``extra.polyfills`` of mkdocs.yml; without it, no search there)."""
    return find_node_asset("iframe-worker/shim/index.js", "FLOWDOC_IFRAME_WORKER_JS")


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

def write_config(path: Path, docs: Path, site_dir: Path, nav: list, title: str | None = None,
                 project: Path | None = None, extra: dict | None = None) -> str:
    """A staging mkdocs.yml that inherits flowdoc's configuration, with the project's values over
    it (their site_name wins over ``title``) and flowdoc's hooks."""
    own = project_values(project)
    config = {"INHERIT": str(config_file()), **({"site_name": title} if title else {}),
              "validation": {"links": {"not_found": "warn"}}, **own,
              "docs_dir": str(docs), "site_dir": str(site_dir), "nav": nav,
              "hooks": [str(HOOKS_FILE), *own.get("hooks", [])]}
    if extra:
        config["extra"] = {**(own.get("extra") or {}), **extra}
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
