"""What a source spec names: a tree, a snapshot file or ``git:REPO@REF``, and its content.

:func:`resolve_source` tells the three apart (without reading anything big);
:meth:`Source.content` lists ``(path, content id)`` of every ``.java`` file — the content
fingerprint of a model or graph built from it — without parsing: for a tree from the scan's
stat index (no read for an unchanged file), for git from ``git ls-tree``'s blob ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flowdoc.model.problems import InputError
from flowdoc.read import gitsource
from flowdoc.read.scan import ProgressCallback, ScanResult, find_java_files, known_hash, read_source_version, scan_tree
from flowdoc.store.cache import FactsCache

TREE, SNAPSHOT, GIT = "tree", "snapshot", "git"


@dataclass(frozen=True)
class Source:
    """A resolved source spec; ``path`` for trees and snapshots, ``git`` for git sources."""

    spec: str
    kind: str  # tree | snapshot | git
    path: Path | None = None
    git: gitsource.GitSpec | None = None

    def content(self, excludes: Sequence[str], cache: FactsCache | None) -> tuple[str | None, list[tuple[str, str]]]:
        """(project version, [(path, content id)]) of the ``.java`` files; InputError when
        there are none."""
        if self.kind == GIT:
            commit, entries, java = gitsource.java_entries(self.git, excludes)
            if not java:
                raise InputError(f"{self.spec}: no .java files at {commit[:12]}")
            return gitsource.read_version(self.git.repo, commit, entries), list(java)
        self.check_tree()
        pairs = tree_hashes(self.path, excludes, cache)
        if not pairs:
            raise InputError(f"{self.spec}: no .java files under it")
        return read_source_version(self.path), pairs

    def version(self) -> str | None:
        """The project version: the root pom's <version> (of the tree or the commit)."""
        if self.kind == GIT:
            commit, entries, _java = gitsource.java_entries(self.git, ())
            return gitsource.read_version(self.git.repo, commit, entries)
        return read_source_version(self.path) if self.kind == TREE else None

    def check_tree(self) -> None:
        """InputError unless a tree spec names an existing folder (said the way ``diff`` says it)."""
        if not self.path.exists():
            raise InputError(f"{self.spec}: no such file or directory")
        if not self.path.is_dir():
            raise InputError(f"{self.spec}: not a file or directory")

    def scan(self, excludes: Sequence[str], jobs: int | None, cache: FactsCache | None,
             progress: ProgressCallback | None = None) -> ScanResult:
        """Facts of every ``.java`` file (InputError for a snapshot, which has no source)."""
        if self.kind == GIT:
            return gitsource.scan_git(self.git, excludes=excludes, jobs=jobs, cache=cache, progress=progress)
        if self.kind == SNAPSHOT:
            raise InputError(f"{self.spec}: a snapshot file holds an API model, not source to scan")
        return scan_tree(self.path, excludes=excludes, jobs=jobs, cache=cache, progress=progress)

    def label(self, version: str | None) -> str:
        """How reports name the source: ``name (version)``."""
        if self.kind == GIT:
            name = self.git.ref
        else:
            name = (self.path.resolve().name or str(self.path)) if self.kind == TREE else self.path.name
        return f"{name} ({version})" if version else name


def resolve_source(spec: str | Path) -> Source:
    """The kind of ``spec``: ``git:REPO@REF`` (InputError when malformed), an existing file
    (a snapshot), else a tree (checked when it is read)."""
    text = str(spec)
    if gitsource.is_git_spec(text):
        return Source(text, GIT, git=gitsource.parse_git_spec(text))
    path = Path(spec)
    return Source(text, SNAPSHOT if path.is_file() else TREE, path=path)


def tree_hashes(root: Path, excludes: Sequence[str], cache: FactsCache | None) -> list[tuple[str, str]]:
    """(path, content hash) of every .java file, from the scan's stat index where the file
    is unchanged, else by hashing it."""
    rels = find_java_files(root, excludes)
    known = cache.load_index(root) if cache is not None else {}
    pairs = []
    for rel in rels:
        try:
            sha = known_hash(root, rel, known)[1]
        except OSError:
            sha = "unreadable"
        pairs.append((rel, sha))
    return pairs
