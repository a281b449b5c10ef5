"""Helpers every verb shares: source options, loading the scan with progress, output."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flowdoc.check.report.escape import rich_escape
from flowdoc.model.problems import InputError, terminal_safe
from flowdoc.read.scan import ScanResult, scan_tree
from flowdoc.store.cache import FactsCache, default_cache_dir

# Messages and progress go to stderr so that stdout stays clean for --format json.
console = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error and return the exit code."""
    console.print(f"[bold red]flowdoc: error:[/] {rich_escape(message)}", markup=True, highlight=False)
    return code


def sample_tree() -> Path:
    """The bundled CloudStack-shaped sample tree, the default ``--source``."""
    return Path(str(resources.files("flowdoc") / "sample"))


def add_source_options(parser: argparse.ArgumentParser, with_source: bool = True) -> argparse._ArgumentGroup:
    """--source (unless the verb names its sources itself), --exclude, --jobs and the cache options."""
    group = parser.add_argument_group("source")
    if with_source:
        group.add_argument("--source", "-s", type=Path, default=None,
                           help="CloudStack source tree (default: the bundled sample tree)")
    group.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip files whose relative path matches GLOB (repeatable)")
    group.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N",
                       help="parser processes (default: number of cores)")
    group.add_argument("--cache-dir", type=Path, default=None, help="facts cache (default: user cache dir)")
    group.add_argument("--no-cache", action="store_true", help="parse every file, read and write no cache")
    return group


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def source_root(args: argparse.Namespace) -> Path:
    return args.source if args.source is not None else sample_tree()


def cache_dir_of(args: argparse.Namespace) -> Path | None:
    """Where facts and built call graphs are cached: ``--cache-dir`` or the user cache dir;
    None with ``--no-cache``."""
    if getattr(args, "no_cache", False):
        return None
    return getattr(args, "cache_dir", None) or default_cache_dir()


def load_scan(args: argparse.Namespace, source: Path | None = None) -> ScanResult:
    """Scan ``source`` (or ``--source``) with a progress bar on a terminal."""
    root = source if source is not None else source_root(args)
    cache_dir = cache_dir_of(args)
    cache = FactsCache(cache_dir) if cache_dir is not None else None
    if not console.is_terminal:
        return scan_tree(root, excludes=args.exclude, jobs=args.jobs, cache=cache)
    with Progress(TextColumn("scanning {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task(str(root), total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return scan_tree(root, excludes=args.exclude, jobs=args.jobs, cache=cache, progress=update)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a failure leaves the old file."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"-o: folder {parent} does not exist")
    if path.exists() and not path.is_file():
        # /dev/null, a FIFO, /dev/stdout: write into it; renaming over it would replace a device
        if path.is_dir():
            raise InputError(f"-o: {path} is a folder")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; outputs are for others too
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def emit(text: str, output: Path | None) -> None:
    """Write to ``-o FILE`` atomically, or to stdout; control characters the source put in
    descriptions or names are shown as escapes (valid inside JSON strings too)."""
    text = terminal_safe(text)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_text_atomic(output, text if text.endswith("\n") else text + "\n")
