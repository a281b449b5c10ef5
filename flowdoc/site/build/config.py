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
HOOKS_FILE = PACKAGE_DIR / "site" / "hooks.py"  # the mkdocs hooks of every config flowdoc writes
MERMAID_TARGET = "assets/javascripts/mermaid.min.js"
IFRAME_WORKER_TARGET = "assets/javascripts/iframe-worker.js"  # the polyfill mkdocs.yml names

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

def write_config(path: Path, docs: Path, site_dir: Path, nav: list, title: str | None = None) -> str:
    """A staging mkdocs.yml that inherits the root configuration (with flowdoc's hooks)."""
    config = {"INHERIT": str(config_file()), "docs_dir": str(docs), "site_dir": str(site_dir), "nav": nav,
              **({"site_name": title} if title else {}),
              "hooks": [str(HOOKS_FILE)], "validation": {"links": {"not_found": "warn"}}}
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
