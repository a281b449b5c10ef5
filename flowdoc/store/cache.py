"""Content-addressed cache of per-file facts.

Facts are stored one pickle per file content hash, under a directory stamped with flowdoc's
and Python's versions, so an upgrade never reads stale facts. A per-tree stat index
(path -> mtime, size, hash) lets an unchanged rerun skip reading and hashing files. Any
unreadable or corrupt entry is treated as a miss and rewritten, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from flowdoc import __version__
from flowdoc.model.facts import FileFacts

# Bumped when the facts' shape changes without a release, so old pickles are not read.
FACTS_FORMAT = 5


def default_cache_dir() -> Path:
    """``$FLOWDOC_CACHE_DIR``, else ``$XDG_CACHE_HOME/flowdoc``, else ``~/.cache/flowdoc``."""
    env = os.environ.get("FLOWDOC_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "flowdoc"


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


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


class FactsCache:
    """Facts by content hash, plus a stat index per source root."""

    def __init__(self, directory: Path) -> None:
        stamp = f"v{__version__}-f{FACTS_FORMAT}-py{sys.version_info.major}{sys.version_info.minor}"
        self.root = Path(directory) / stamp
        self.hits = 0

    def _object_path(self, sha: str) -> Path:
        return self.root / "facts" / sha[:2] / f"{sha}.pkl"

    def load(self, sha: str) -> FileFacts | None:
        path = self._object_path(sha)
        try:
            with open(path, "rb") as handle:
                facts = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # corrupt or truncated entry: drop it and parse again
            path.unlink(missing_ok=True)
            return None
        if not isinstance(facts, FileFacts) or facts.sha != sha:
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return facts

    def store(self, facts: FileFacts) -> None:
        try:
            atomic_write_bytes(self._object_path(facts.sha), pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _index_path(self, source_root: Path) -> Path:
        key = content_hash(str(source_root.resolve()).encode())[:16]
        return self.root / "trees" / f"{key}.pkl"

    def load_index(self, source_root: Path) -> dict[str, tuple[int, int, str]]:
        try:
            with open(self._index_path(source_root), "rb") as handle:
                index = pickle.load(handle)
            return index if isinstance(index, dict) else {}
        except Exception:
            return {}

    def store_index(self, source_root: Path, index: dict[str, tuple[int, int, str]]) -> None:
        try:
            atomic_write_bytes(self._index_path(source_root), pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
