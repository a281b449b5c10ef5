"""flowdoc's mkdocs hooks (mkdocs loads this file by path, from the configs flowdoc writes)."""

from __future__ import annotations

from pathlib import Path

from flowdoc.site.build.build import kept_site_data
from flowdoc.site.build.staging import CALLTREE_SLOT, side_file, stage
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
    extra = config["extra"]
    generated = set(extra.get("flowdoc_generated") or ())
    try:
        kept = kept_site_data(extra.get("flowdoc_kept") or {})
    except (KeyError, TypeError):
        return  # a config serve_config did not write
    srcs = [Path(s) for s in extra.get("flowdoc_site_src", [])]
    hand = hand_written_pages(srcs, kept)
    stage(docs, {k: v for k, v in hand.items() if k not in generated}, keep=generated)
