"""``flowdoc serve``: build the site, then preview it with live reload."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from flowdoc.cli.build_cmd import add_site_options
from flowdoc.cli.common import add_source_options, console


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="preview the site with live reload (mkdocs serve)")
    add_source_options(parser)
    add_site_options(parser)
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                        help="address to serve on (default 127.0.0.1:8000)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the pages once into the staging folder, then let mkdocs serve it.

    mkdocs rebuilds on edits of the staged pages, of site_src/ (hand-written guides and assets)
    and of mkdocs.yml; edits in site_src/ are copied into the staging folder by a watcher hook.
    """
    from mkdocs.commands.serve import serve

    from flowdoc.cli.build_cmd import build
    from flowdoc.site import serve_config, site_src_dir

    with tempfile.TemporaryDirectory(prefix="flowdoc-serve-") as tmp:
        result = build(args, Path(tmp) / "site")
        config = serve_config(result.output)
        console.print(f"serving {result.pages} pages on http://{args.dev_addr}/ (Ctrl-C stops)")
        serve(config_file=str(config), dev_addr=args.dev_addr, livereload=True, watch=[str(site_src_dir())],
              strict=False)
    return 0
