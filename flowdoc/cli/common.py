"""Helpers every verb shares: source options, the Project with a scan progress bar, output."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flowdoc.check.report.escape import rich_escape
from flowdoc.model.problems import InputError, terminal_safe
from flowdoc.pipeline import Options, Project
from flowdoc.read.packaging import enclosing_cloudstack_tree
from flowdoc.store.cache import default_cache_dir

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
                           help="CloudStack source tree (default: the CloudStack tree of the current folder, "
                                "else the bundled sample tree)")
    group.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip files whose relative path matches GLOB (repeatable)")
    group.add_argument("--jobs", "-j", type=positive_int, default=None, metavar="N",
                       help="parser processes (default: number of cores)")
    group.add_argument("--cache-dir", type=Path, default=None, help="facts cache (default: user cache dir)")
    group.add_argument("--no-cache", action="store_true", help="parse every file, read and write no cache")
    return group


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def source_root(args: argparse.Namespace) -> Path:
    """``--source``, else the CloudStack tree the current folder is in (as users run it: where
    their code is), else the bundled sample tree (said on a terminal's stderr, once per run)."""
    if args.source is not None:
        return args.source
    here = Path.cwd()
    found = enclosing_cloudstack_tree(here)
    if found is not None:
        return Path(os.path.relpath(found, here)) if found != here else Path(".")
    if console.is_terminal and not getattr(args, "_told_sample", False):  # pipes keep one-line errors
        args._told_sample = True
        console.print("flowdoc: no CloudStack tree here: using the bundled sample tree (--source DIR for another)")
    return sample_tree()


def cache_dir_of(args: argparse.Namespace) -> Path | None:
    """Where facts and built call graphs are cached: ``--cache-dir`` or the user cache dir;
    None with ``--no-cache``."""
    if getattr(args, "no_cache", False):
        return None
    return getattr(args, "cache_dir", None) or default_cache_dir()


def project_of(args: argparse.Namespace, source: str | Path | None = None, root_label: str | None = None) -> Project:
    """The Project of ``source`` (default ``--source``) with the verb's source options, and a
    progress bar for its scan on a terminal."""
    options = Options(cache_dir=cache_dir_of(args), jobs=getattr(args, "jobs", None),
                      excludes=tuple(getattr(args, "exclude", ()) or ()),
                      use_model_cache=not getattr(args, "no_model_cache", False), progress=progress_bar)
    return Project(source if source is not None else source_root(args), options, root_label=root_label)


def display_root(args: argparse.Namespace) -> str:
    """The source as the user gave it (relative stays relative, so snapshots are portable)."""
    if args.source is not None:
        return str(args.source)
    root = source_root(args)
    return "<bundled sample>" if root == sample_tree() else str(root)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A scan progress callback drawing a bar on a terminal (stderr), else None."""
    if not console.is_terminal:
        yield None
        return
    with Progress(TextColumn("scanning {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def suggest(name: str, choices: list[str], what: str) -> InputError:
    """An InputError for an unknown name, with the closest choices."""
    close = difflib.get_close_matches(name, choices, n=5, cutoff=0.5)
    if not close:
        lowered = name.lower()
        close = [c for c in choices if lowered in c.lower()][:5]
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    return InputError(f"unknown {what} {name!r}{hint}")


def method_form_hint(spec: str, graph) -> InputError | None:
    """For a bare class or method name given where ``pkg.Class#method`` is expected: an
    InputError saying the form, with a few candidates (a class's most called methods; the
    classes having the method)."""
    simple = spec.rsplit(".", 1)[-1]
    by_class: dict[str, dict[str, int]] = {}
    by_method: set[str] = set()
    for node, (owner, m) in graph.methods.items():
        if owner == spec or ("." not in spec and owner.rsplit(".", 1)[-1] == spec):
            if not m.is_constructor:
                calls = by_class.setdefault(owner, {})
                calls[m.name] = calls.get(m.name, 0) + (graph.graph.in_degree(node) if node in graph.graph else 0)
        elif "." not in spec and m.name == simple:
            by_method.add(f"{owner}#{m.name}")
    if by_class:
        owner = sorted(by_class)[0]
        names = sorted(by_class[owner], key=lambda n: (-by_class[owner][n], n))
        more = f" (+{len(names) - 3} more methods)" if len(names) > 3 else ""
        return InputError(f"{spec!r} is a class; callers needs 'pkg.Class#method', e.g. "
                          f"{', '.join(f'{owner}#{n}' for n in names[:3])}{more}")
    if by_method:
        found = sorted(by_method)
        more = f" (+{len(found) - 4} more)" if len(found) > 4 else ""
        return InputError(f"{spec!r} is a method name; callers needs 'pkg.Class#method': {', '.join(found[:4])}{more}")
    return None


def add_site_options(parser: argparse.ArgumentParser) -> None:
    """The options ``build`` and ``serve`` share: source links, strict mode, the project's config."""
    parser.add_argument("--source-url", default=None, metavar="URL",
                        help="prefix of source links, e.g. a repository's blob URL at a commit "
                             "(https://github.com/apache/cloudstack/blob/<sha>); plain paths without it")
    parser.add_argument("--no-strict", dest="strict", action="store_false", help="do not fail on mkdocs warnings")
    parser.add_argument("--config", type=Path, default=None, metavar="FILE", help="the project's mkdocs.yml, "
                        "merged over flowdoc's (default: ./mkdocs.yml if any); site_src/ beside it adds pages")
    parser.add_argument("--history", type=Path, default=None, metavar="FILE",
                        help="a 'flowdoc history' file: API pages show added in / last changed in")


def build_site_for(args: argparse.Namespace, output: Path):
    """Build the site of ``--source`` into ``output`` (``build`` and ``serve``): scan, then the
    site build runs the later stages only when the pages must change."""
    from flowdoc.check.history import load_history
    from flowdoc.site.build.build import build_site

    history = load_history(args.history) if getattr(args, "history", None) else None  # a bad file: exit 2 first
    project = project_of(args)
    scan = project.scan

    def collect(*given, **named):
        data, problems = project.collect_site(*given, **named)
        data.history = history
        return data, problems
    with console.status("building the site") as status:
        result = build_site(scan, output, collect, source_url=args.source_url, strict=args.strict,
                            progress=lambda m: status.update(f"building the site: {m}"),
                            force=getattr(args, "force", False), config=getattr(args, "config", None),
                            store=project.store)
    result.seconds = {"scan": project.seconds.get("scan", 0.0), **result.seconds}
    return result


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


def add_model_source_options(parser: argparse.ArgumentParser) -> None:
    """The source options of verbs that compare API models of several sources (diff, history)."""
    group = add_source_options(parser, with_source=False)
    group.add_argument("--no-model-cache", action="store_true",
                       help="rebuild the API models from the (cached) facts instead of reusing cached models")
