"""Reading a file of the source tree without ever blocking on it.

A named pipe, socket or device can sit under a source tree with any name (``X.java``,
``pom.xml``); a plain ``open().read()`` of a pipe waits for a writer forever. Every reader of
tree files goes through :func:`read_regular`: it looks before it opens (``stat``), opens with
``O_NONBLOCK`` (a pipe opened that way returns at once), checks the opened file again
(``fstat``: the path may have been swapped in between) and reads at most ``limit`` bytes.
"""

from __future__ import annotations

import os
import stat

# Java files over this size are generated or hostile; parsing one would stall a worker for
# minutes (the largest of CloudStack 4.22 is 0.4 MB).
MAX_SOURCE_BYTES = 5 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def file_kind(mode: int) -> str:
    """What ``st_mode`` is, in words ("regular file", "named pipe (FIFO)", "socket", ...)."""
    if stat.S_ISREG(mode):
        return "regular file"
    return next((name for test, name in _KINDS if test(mode)), "special file")


class NotRegularFile(OSError):
    """The path is a pipe, socket, device or folder: never read."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"{kind}, not a regular file")
        self.kind = kind


class FileTooLarge(OSError):
    """The file is larger than the reader's limit: not read."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
        self.size = size
        self.limit = limit


def read_regular(path: str | os.PathLike, limit: int | None = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of the regular file at ``path`` (symbolic links followed).

    Raises NotRegularFile for pipes, sockets, devices and folders, FileTooLarge past
    ``limit`` bytes (None: no limit) and OSError for the rest; never blocks.
    """
    before = os.stat(path)
    if not stat.S_ISREG(before.st_mode):  # look first: opening some devices has effects
        raise NotRegularFile(file_kind(before.st_mode))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegularFile(file_kind(opened.st_mode))
        if limit is not None and opened.st_size > limit:
            raise FileTooLarge(opened.st_size, limit)
        chunks = []
        size = 0
        while True:  # to the end, not to st_size: the file may be growing
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:
                raise FileTooLarge(size, limit)
    finally:
        os.close(fd)


def read_regular_text(path: str | os.PathLike, limit: int | None = MAX_SOURCE_BYTES) -> str:
    """:func:`read_regular` decoded as UTF-8, undecodable bytes replaced."""
    return read_regular(path, limit).decode("utf-8", errors="replace")
