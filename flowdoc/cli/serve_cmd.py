"""``flowdoc serve``: build the site, then preview it with live reload."""

from __future__ import annotations

import argparse
import shutil
import signal
import socket
import tempfile
from pathlib import Path

from flowdoc.cli.common import add_site_options, add_source_options, build_site_for, console
from flowdoc.model.problems import InputError


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

    from flowdoc.site.build.build import serve_config
    from flowdoc.site.build.config import project_config, site_src_dirs
    from flowdoc.site.build.staging import staging_dir

    host, port = parse_dev_addr(args.dev_addr)
    check_port_free(host, port)  # before the build: a busy port is known in a millisecond
    tmp = Path(tempfile.mkdtemp(prefix="flowdoc-serve-"))
    output = tmp / "site"
    previous = _stop_on_sigterm()
    try:
        result = build_site_for(args, output)
        config = serve_config(result.output, result.title, args.config, result.record)
        check_port_free(host, port)  # still free after the build?
        console.print(f"serving {result.html_pages} HTML pages on http://{host}:{port}/ (Ctrl-C stops)")
        try:
            serve(config_file=str(config), dev_addr=f"{host}:{port}", livereload=True,
                  watch=[str(s) for s in site_src_dirs(project_config(args.config))], strict=False)
        except OSError as exc:
            raise InputError(f"-a: cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging_dir(output.resolve()), ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _stop_on_sigterm():
    """``kill PID`` stops the server like Ctrl-C does, so the temporary folders are removed."""
    def stop(_signum, _frame):
        raise KeyboardInterrupt
    try:
        return signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (tests)
        return None


def parse_dev_addr(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) -> (host, port); InputError with a one-line reason."""
    host, sep, port_text = text.rpartition(":")
    if not sep or not host:
        raise InputError(f"-a: {text!r} is not HOST:PORT (e.g. 127.0.0.1:8000)")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise InputError(f"-a: {text!r}: the port must be a number from 1 to 65535")
    try:
        socket.getaddrinfo(host, int(port_text), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"-a: {text!r}: unknown host {host!r} ({exc})") from None
    return host, int(port_text)


def check_port_free(host: str, port: int) -> None:
    """InputError when nothing can listen on host:port (in use, or not an address of this machine)."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, _type, _proto, _name, sockaddr = info[0]
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(sockaddr)
    except OSError as exc:
        raise InputError(f"-a: cannot serve on {host}:{port}: {exc.strerror or exc}") from None
