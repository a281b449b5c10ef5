"""flowdoc's mkdocs hooks (mkdocs loads this file by path, from the configs flowdoc writes)."""

from __future__ import annotations

import json
from pathlib import Path

from flowdoc.site.build.staging import CALLTREE_SLOT, GENERATED_MANIFEST, KeptData, side_file, stage
from flowdoc.site.pages import hand_written_pages


def on_page_content(html: str, page, config, files, **_kwargs) -> str:  # mkdocs hook
    if CALLTREE_SLOT not in html:
        return html
    side = Path(config["docs_dir"]) / side_file(page.file.src_uri)
    try:
        tree = side.read_text(encoding="utf-8")
    except OSError:
        return html
    return html.replace(f"<p>{CALLTREE_SLOT}</p>", tree).replace(CALLTREE_SLOT, tree)


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
    srcs = [Path(s) for s in config["extra"].get("flowdoc_site_src", [])]
    hand = hand_written_pages(srcs, KeptData.load(base))
    stage(docs, {k: v for k, v in hand.items() if k not in generated}, keep=generated)
