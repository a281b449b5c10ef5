"""The scan's view of the artifact store: per-file facts by content hash, and a stat index.

Facts are stored one entry per file content hash (kind ``facts``), under the fingerprint of
the code that parses files, so a parser change never reads stale facts. A per-tree stat index
(path -> mtime, size, hash; kind ``facts-index``) lets an unchanged rerun skip reading and
hashing files. Any unreadable, corrupt or foreign entry is a miss and is rewritten, never an
error (see :mod:`flowdoc.store.artifacts`).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from flowdoc.store.artifacts import ArtifactStore, atomic_write_bytes
from flowdoc.store.fingerprint import code_fingerprint, fingerprint

__all__ = ["FactsCache", "atomic_write_bytes", "content_hash", "default_cache_dir", "facts_code"]


def default_cache_dir() -> Path:
    """``$FLOWDOC_CACHE_DIR``, else ``$XDG_CACHE_HOME/flowdoc``, else ``~/.cache/flowdoc``."""
    env = os.environ.get("FLOWDOC_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "flowdoc"


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


@lru_cache(maxsize=1)
def facts_code() -> str:
    """The fingerprint of what turns a file into facts: the scan's modules and javalang."""
    try:
        javalang = metadata.version("javalang")
    except metadata.PackageNotFoundError:
        javalang = "?"
    return fingerprint(code_fingerprint("flowdoc.read.scan"), f"javalang {javalang}")


class FactsCache:
    """Facts by content hash, plus a stat index per source root and git's blob-id map."""

    def __init__(self, directory: Path | str, store: ArtifactStore | None = None) -> None:
        self.artifacts = store if store is not None else ArtifactStore(directory)
        self.root = self.artifacts.root
        self.code = facts_code()

    @property
    def hits(self) -> int:
        return self.artifacts.hits["facts"]

    def load(self, sha: str):
        """The facts of the file whose content hashes to ``sha``, or None."""
        facts = self.artifacts.load("facts", self.code, sha)
        if facts is not None and getattr(facts, "sha", None) != sha:
            self.artifacts.discard("facts", self.code, sha)
            self.artifacts.hits["facts"] -= 1
            return None
        return facts

    def store(self, facts) -> None:
        """Keep ``facts`` (a FileFacts) under its content hash."""
        self.artifacts.save("facts", self.code, facts.sha, facts)

    def _index_key(self, source_root: Path) -> str:
        return content_hash(str(Path(source_root).resolve()).encode())

    def load_index(self, source_root: Path) -> dict[str, tuple[int, int, str]]:
        index = self.artifacts.load("facts-index", self.code, self._index_key(source_root), expect=dict)
        return index if index is not None else {}

    def store_index(self, source_root: Path, index: dict[str, tuple[int, int, str]]) -> None:
        self.artifacts.save("facts-index", self.code, self._index_key(source_root), index)

    def load_blob_map(self) -> dict[str, str]:
        """git blob id -> content hash (both fixed by the bytes: no code version)."""
        found = self.artifacts.load("git-blobs", "any", "blob-map", expect=dict)
        return found if found is not None else {}

    def store_blob_map(self, data: dict[str, str]) -> None:
        self.artifacts.save("git-blobs", "any", "blob-map", data)
