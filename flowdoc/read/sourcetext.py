"""Source text for excerpts: the one reader of ``.java`` text after the scan.

Later stages work from facts; only the site's method excerpts show source lines. A
:class:`SourceText` serves them from a folder or from a git commit (``git:REPO@REF``, read
blob by blob with ``git cat-file``, never a checkout), caching each file's lines.
"""

from __future__ import annotations

from pathlib import Path

from flowdoc.read import gitsource
from flowdoc.read.files import read_regular


class SourceText:
    """The lines of a tree's files by relative path (``None`` when a file cannot be read)."""

    def __init__(self, root: str | Path | None) -> None:
        self.root = str(root) if root is not None else None
        self._lines: dict[str, list[str] | None] = {}
        self._blobs: dict[str, str] | None = None  # git: path -> blob id

    def lines(self, path: str) -> list[str] | None:
        """All lines of ``path`` (decoded as UTF-8, bad bytes replaced)."""
        if path not in self._lines:
            data = self._read(path)
            self._lines[path] = None if data is None else data.decode("utf-8", errors="replace").splitlines()
        return self._lines[path]

    def excerpt(self, path: str | None, start: int | None, end: int | None) -> list[str] | None:
        """Lines ``start``..``end`` (1-based, inclusive; ``end`` before ``start`` means one line)."""
        if not path or not start:
            return None
        text = self.lines(path)
        if text is None:
            return None
        end = end if end and end >= start else start
        return text[start - 1:end]

    def _read(self, path: str) -> bytes | None:
        if not self.root:
            return None
        if gitsource.is_git_spec(self.root):
            return self._read_blob(path)
        parts = path.split("/")
        if path.startswith("/") or ".." in parts:
            return None  # never outside the tree
        try:  # never blocks: a file swapped for a pipe since the scan is left out
            return read_regular(Path(self.root) / path)
        except OSError:
            return None

    def _read_blob(self, path: str) -> bytes | None:
        try:
            spec = gitsource.parse_git_spec(self.root)
            if self._blobs is None:
                commit = gitsource.resolve(spec)
                self._blobs = {p: sha for _, sha, p in gitsource.list_tree(spec.repo, commit)}
            sha = self._blobs.get(path)
            return None if sha is None else gitsource.read_blobs(spec.repo, [sha]).get(sha)
        except Exception:  # an excerpt that cannot be read is left out, never an error
            self._blobs = self._blobs or {}
            return None
