"""Scan stage: find ``.java`` files, parse them in worker processes, cache the facts.

``scan_tree(root) -> ScanResult`` is the only entry point; everything it returns is plain
data, sorted by path, with every file accounted for (parsed, or listed in ``problems``).
"""

from __future__ import annotations

import fnmatch
import gc
import os
import stat
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from flowdoc.model.facts import FileFacts
from flowdoc.model.problems import InputError, Problem, printable
from flowdoc.read.files import FileTooLarge, NotRegularFile, file_kind, read_regular
from flowdoc.read.javaparse import parse_java
from flowdoc.store.cache import FactsCache, content_hash

# Build output and VCS folders never hold sources worth reading.
SKIPPED_DIRS = frozenset({"target", "build", "node_modules", "__pycache__"})
TEST_DIR_MARKERS = ("/src/test/", "/test/", "/tests/")

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class ScanStats:
    files: int
    parsed: int
    types: int
    methods: int
    call_sites: int
    problems: int
    cache_hits: int
    seconds: float

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class ScanResult:
    """All facts of one source tree. ``version`` is the project version of the root pom."""

    root: str
    version: str | None
    files: tuple[FileFacts, ...]
    problems: tuple[Problem, ...]
    stats: ScanStats
    excluded: tuple[str, ...] = field(default=())


def is_test_path(path: str) -> bool:
    """True for files under test source folders (``src/test/``, top-level ``test/``)."""
    p = "/" + path.replace(os.sep, "/")
    return any(marker in p for marker in TEST_DIR_MARKERS)


def find_java_files(root: Path, excludes: Sequence[str] = ()) -> list[str]:
    """Relative POSIX paths of the ``.java`` files under ``root``, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED_DIRS)
        rel_dir = os.path.relpath(dirpath, root)
        for name in filenames:
            if not name.endswith(".java"):
                continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            if any(fnmatch.fnmatch(rel, pattern) for pattern in excludes):
                continue
            found.append(rel)
    found.sort()
    return found


def read_source_version(root: Path) -> str | None:
    """The ``<version>`` of the root ``pom.xml`` (the project's, not its parent's)."""
    try:
        tree = ET.fromstring(read_regular(root / "pom.xml"))
    except (OSError, ET.ParseError):
        return None
    for child in tree:
        if child.tag.rsplit("}", 1)[-1] == "version" and child.text:
            return child.text.strip()
    return None


def parse_file(root: str, rel: str) -> FileFacts:
    """Read, hash and parse one file; read and decode failures, pipes, devices and huge
    files become problems (see ``read.files``: nothing here can block)."""
    try:
        data = read_regular(os.path.join(root, rel))
    except NotRegularFile as exc:
        return skipped_file(rel, "not-a-file", f"{exc.kind}; skipped")
    except FileTooLarge as exc:
        return skipped_file(rel, "too-large", f"{exc}; skipped")
    except OSError as exc:
        return skipped_file(rel, "read-error", exc.strerror or str(exc))
    return parse_bytes(rel, data, content_hash(data))


def skipped_file(rel: str, kind: str, message: str) -> FileFacts:
    """The facts of a file that was not parsed: no types, one problem saying why."""
    return FileFacts(rel, "", "", problems=(Problem(rel, 1, kind, message),), parsed=False)


def odd_name(rel: str) -> FileFacts | None:
    """A skipped file when ``rel`` holds control or formatting characters or bytes that are not
    UTF-8: no Java type can be named so, and such a name would garble every report and page."""
    shown = printable(rel, None)
    if shown == rel:
        return None
    return FileFacts(shown, "", "", problems=(Problem(shown, 1, "odd-name", "file name has control characters "
                                                      "or bytes that are not UTF-8; skipped"),), parsed=False)


def parse_bytes(rel: str, data: bytes, sha: str) -> FileFacts:
    extra: tuple[Problem, ...] = ()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("latin-1")
        extra = (Problem(rel, line, "encoding", "not valid UTF-8; read as Latin-1"),)
    text = text.removeprefix("\ufeff")
    facts = parse_java(rel, text, sha)
    if extra:
        facts = FileFacts(**{**{k: getattr(facts, k) for k in FileFacts.__slots__}, "problems": extra + facts.problems})
    return facts


def parse_in_workers(parse_batch: Callable[[list], list[FileFacts]], items: list, jobs: int | None) -> Iterator[list[FileFacts]]:
    """Yield ``parse_batch(batch)`` for batches of ``items``, in worker processes when there
    are enough items to pay for them. ``parse_batch`` must be picklable (a module-level
    function or a ``functools.partial`` of one)."""
    workers = max(1, jobs or os.cpu_count() or 1)
    if workers == 1 or len(items) < 64:
        for batch in _batches(items, 16):
            yield parse_batch(batch)
        return
    size = max(4, min(32, len(items) // (workers * 8) or 4))
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"), initializer=_worker_init)
    try:
        yield from executor.map(parse_batch, list(_batches(items, size)))
    finally:
        executor.shutdown(cancel_futures=True)


def summarize(root: str, version: str | None, files: tuple[FileFacts, ...], cache: FactsCache | None,
              started: float, excludes: Sequence[str] = ()) -> ScanResult:
    """The ScanResult of ``files``, with its problems and counts (method bodies stay packed)."""
    problems = tuple(sorted(p for f in files for p in f.problems))
    stats = ScanStats(
        files=len(files),
        parsed=sum(1 for f in files if f.parsed),
        types=sum(len(f.types) for f in files),
        methods=sum(len(t.methods) for f in files for t in f.types),
        call_sites=sum(m.call_count for f in files for t in f.types for m in t.methods),
        problems=len(problems),
        cache_hits=cache.hits if cache else 0,
        seconds=round(time.perf_counter() - started, 3),
    )
    return ScanResult(root, version, files, problems, stats, tuple(excludes))


def _parse_batch(root: str, cache: FactsCache | None, batch: list[str]) -> list[FileFacts]:
    results = [parse_file(root, rel) for rel in batch]
    if cache is not None:  # stored here, in the worker, so the main process only collects
        for facts in results:
            if facts.sha:
                cache.store(facts)
    return results


def _worker_init() -> None:
    # Parsing allocates millions of short-lived objects and creates no cycles worth
    # chasing; the default collector thresholds would spend a third of the time on them.
    gc.set_threshold(200_000, 50, 100)
    gc.enable()


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def scan_tree(
    root: Path | str,
    *,
    excludes: Sequence[str] = (),
    jobs: int | None = None,
    cache: FactsCache | None = None,
    progress: ProgressCallback | None = None,
) -> ScanResult:
    """Scan every ``.java`` file under ``root`` into facts (see the module docstring)."""
    started = time.perf_counter()
    root_path = Path(root)
    if not root_path.exists():
        raise InputError(f"--source: {root} does not exist")
    if not root_path.is_dir():
        raise InputError(f"--source: {root} is not a directory")
    rel_paths = find_java_files(root_path, excludes)
    if not rel_paths:
        raise InputError(f"--source: no .java files under {root}")
    odd = [skipped for skipped in map(odd_name, rel_paths) if skipped is not None]
    if odd:
        rel_paths = [rel for rel in rel_paths if odd_name(rel) is None]
    with _quiet_gc():
        results = _collect(root_path, rel_paths, jobs, cache, progress)
    files = tuple(results[rel] for rel in rel_paths)
    if odd:
        files = tuple(sorted(files + tuple(odd), key=lambda f: f.path))
    return summarize(str(root_path), read_source_version(root_path), files, cache, started, excludes)


@contextmanager
def _quiet_gc():
    """Facts are millions of small acyclic objects: the cyclic collector would walk them
    over and over while they are built or loaded (it tripled warm-run time). Pause it, then
    freeze what was built so later collections skip it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def known_hash(root: Path, rel: str, index: dict[str, tuple[int, int, str]]) -> tuple[os.stat_result, str]:
    """The file's stat and content hash, taken from the stat index when size and mtime are
    unchanged (no read), else hashed; raises OSError for an unreadable file, a pipe or device
    (NotRegularFile) and a huge file (FileTooLarge)."""
    full = root / rel
    st = full.stat()
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(file_kind(st.st_mode))
    known = index.get(rel)
    if known and known[0] == st.st_mtime_ns and known[1] == st.st_size:
        return st, known[2]
    return st, content_hash(read_regular(full))


def _collect(root_path: Path, rel_paths: list[str], jobs: int | None, cache: FactsCache | None,
             progress: ProgressCallback | None) -> dict[str, FileFacts]:
    """Facts for every path: from the cache where the content is known, else parsed."""
    total = len(rel_paths)
    results: dict[str, FileFacts] = {}
    index = cache.load_index(root_path) if cache else {}
    new_index: dict[str, tuple[int, int, str]] = {}
    to_parse: list[str] = []
    for rel in rel_paths:
        if cache is None:
            to_parse.append(rel)
            continue
        try:
            st, sha = known_hash(root_path, rel, index)
        except OSError:
            to_parse.append(rel)  # parse_file reports the read error
            continue
        facts = cache.load(sha)
        if facts is not None and facts.path == rel:
            results[rel] = facts
            new_index[rel] = (st.st_mtime_ns, st.st_size, sha)
        else:
            to_parse.append(rel)
    done = len(results)
    if progress:
        progress(done, total)

    for batch in parse_in_workers(partial(_parse_batch, str(root_path), cache), to_parse, jobs):
        for facts in batch:
            results[facts.path] = facts
            if cache is not None and facts.sha:
                try:
                    st = (root_path / facts.path).stat()
                    new_index[facts.path] = (st.st_mtime_ns, st.st_size, facts.sha)
                except OSError:
                    pass
        done += len(batch)
        if progress:
            progress(done, total)
    if cache is not None and new_index != index:
        cache.store_index(root_path, new_index)
    return results

