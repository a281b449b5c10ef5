"""The one keyed artifact store: facts, API models, call graphs and site manifests alike.

An artifact is addressed by its ``kind``, the fingerprint of the ``code`` that made it and the
fingerprint of the ``content`` it was made from::

    <cache dir>/store-s1-py311/<kind>/<code[:16]>/<content[:2]>/<content>.pkl

Every entry is written atomically (a temporary file renamed into place) and read back with
:mod:`flowdoc.store.safe_pickle`, which can rebuild data but never run code. An entry that
cannot be read (truncated, corrupt, foreign, naming a forbidden global) is deleted and
reported as a miss, so the caller rebuilds it; the first such entry of a run logs one warning.

Each kind keeps a bounded number of entries (:data:`KEEP`): the most recently used ones
(loading an entry marks it used). Facts, one entry per source file, instead keep their
``KEEP_CODE`` most recently used code versions.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flowdoc.store import safe_pickle

FORMAT = 1
# Entries kept per kind, newest first (a model is ~5 MB on CloudStack, a graph ~30 MB).
KEEP = {"model": 12, "graph": 6, "site": 12, "history-digest": 400}  # a digest: one release of a history
# Kinds with one entry per source file keep whole code versions instead.
KEEP_CODE = {"facts": 6, "facts-index": 6}
DEFAULT_KEEP = 12
SUFFIX = ".pkl"
# The caches before this store (facts per flowdoc version, graphs per format), deleted once
# unused for LEGACY_IDLE_SECONDS: they are hundreds of MB that no flowdoc reads any more.
LEGACY = re.compile(r"v\d[\w.+]*-f\d+-py\d+|graphs-g\d+")
LEGACY_IDLE_SECONDS = 7 * 24 * 3600

log = logging.getLogger("flowdoc.store")


@contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are loaded or built
    (it would walk them again and again for nothing), then freeze what was made, so later
    collections skip it too."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder (creating it),
    so readers see the old content or the new, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ArtifactStore:
    """Artifacts by (kind, code fingerprint, content fingerprint); see the module docstring.

    ``load`` and ``save`` never raise for cache trouble: an unreadable entry is a miss, an
    unwritable cache only costs time."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self.root = self.directory / f"store-s{FORMAT}-py{sys.version_info.major}{sys.version_info.minor}"
        self.hits: Counter[str] = Counter()
        self.discarded: Counter[str] = Counter()
        self._warned = False
        self._marked: set[tuple[str, str]] = set()

    def path(self, kind: str, code: str, content: str) -> Path:
        return self.root / kind / code[:16] / content[:2] / f"{content}{SUFFIX}"

    def load(self, kind: str, code: str, content: str, expect: type | tuple[type, ...] | None = None) -> Any:
        """The stored value, or None when there is none or it cannot be used (then it is
        deleted). ``expect``: the type(s) the value must have."""
        path = self.path(kind, code, content)
        try:
            handle = open(path, "rb")
        except OSError:
            return None
        try:
            with handle, paused_collector():
                value = safe_pickle.load(handle)
        except Exception as exc:  # truncated, corrupt, foreign or forbidden: rebuild it
            self._discard(path, kind, f"{type(exc).__name__}: {exc}")
            return None
        if expect is not None and not isinstance(value, expect):
            self._discard(path, kind, f"holds a {type(value).__name__}")
            return None
        self.hits[kind] += 1
        if kind not in KEEP_CODE:
            _touch(path)  # recently used: kept by pruning
        self._mark_code_used(kind, code)
        return value

    def save(self, kind: str, code: str, content: str, value: Any) -> bool:
        """Store ``value`` atomically and prune the kind; False when the cache is unwritable."""
        path = self.path(kind, code, content)
        try:
            atomic_write_bytes(path, safe_pickle.dumps(value))
        except OSError:
            return False
        self._mark_code_used(kind, code)
        if kind not in KEEP_CODE:
            self.prune(kind)
            self.prune_legacy()
        return True

    def prune_legacy(self, now: float | None = None) -> list[Path]:
        """Delete the old cache layouts beside the store that were not touched for a week."""
        now = time.time() if now is None else now
        gone = []
        for folder in _children(self.directory):
            if not (LEGACY.fullmatch(folder.name) and folder.is_dir()):
                continue
            # a folder's time moves only when its own entries change: look two levels down too
            stamps = [p for child in [folder, *_children(folder)] for p in [child, *_children(child)]]
            try:
                idle = now - max(p.stat().st_mtime for p in stamps)
            except OSError:
                continue
            if idle > LEGACY_IDLE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
                gone.append(folder)
        return gone

    def discard(self, kind: str, code: str, content: str, reason: str = "rejected by its reader") -> None:
        """Delete one entry (for instance one whose value failed a caller's own check)."""
        self._discard(self.path(kind, code, content), kind, reason)

    def prune(self, kind: str, keep: int | None = None) -> list[Path]:
        """Delete all but the ``keep`` most recently used entries of ``kind`` (or, for the
        per-file kinds, all but the most recently used code versions). Returns what went."""
        folder = self.root / kind
        if kind in KEEP_CODE:
            versions = _by_mtime([p for p in _children(folder) if p.is_dir()], marker=".used")
            gone = versions[keep if keep is not None else KEEP_CODE[kind]:]
            for version in gone:
                shutil.rmtree(version, ignore_errors=True)
            return gone
        entries = _by_mtime([p for version in _children(folder) for shard in _children(version)
                             for p in _children(shard) if p.name.endswith(SUFFIX)])
        gone = entries[keep if keep is not None else KEEP.get(kind, DEFAULT_KEEP):]
        for entry in gone:
            entry.unlink(missing_ok=True)
        return gone

    def _mark_code_used(self, kind: str, code: str) -> None:
        """Per-file kinds: note once per run that this code version is in use (pruning keeps
        the most recently used versions), then prune the others."""
        if kind not in KEEP_CODE or (kind, code) in self._marked:
            return
        self._marked.add((kind, code))
        marker = self.root / kind / code[:16] / ".used"
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
            self.prune(kind)
        except OSError:
            pass

    def _discard(self, path: Path, kind: str, reason: str) -> None:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        self.discarded[kind] += 1
        if not self._warned:  # one warning a run: a bad cache would otherwise flood the terminal
            self._warned = True
            log.warning("flowdoc: warning: discarded an unusable cache entry %s (%s); it is rebuilt, "
                        "and further ones are discarded silently", path, reason)


def _children(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _by_mtime(paths: list[Path], marker: str | None = None) -> list[Path]:
    """``paths`` newest first (by the mtime of ``marker`` inside each, when given)."""
    stamped = []
    for path in paths:
        try:
            stamped.append(((path / marker if marker else path).stat().st_mtime, str(path), path))
        except OSError:
            stamped.append((0.0, str(path), path))
    stamped.sort(reverse=True)
    return [p for _, _, p in stamped]


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass
