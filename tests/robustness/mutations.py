"""Mutations of the bundled sample tree, as hypothesis strategies, and what a scan must account for.

A mutation is plain data (which file, what to do, where), so hypothesis can shrink a failing
tree to the one change that breaks flowdoc and print it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from flowdoc.cli.common import sample_tree
from flowdoc.model.problems import printable
from flowdoc.read.files import MAX_SOURCE_BYTES

SAMPLE = sample_tree()
SAMPLE_JAVA = sorted(p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*.java"))
SKIPPED_DIRS = {b"target", b"build", b"node_modules", b"__pycache__"}

# Text a hostile or broken file may hold: escape sequences, NUL, bidi override, BOM, line
# separator, astral and combining characters, Java unicode escapes the tokenizer decodes
# (a lone surrogate among them), a bad one, and bytes that are not UTF-8.
ODD_TEXT = [
    "\x1b[2J\x1b]0;pwned\x07", "\x00", "\u202e", "\ufeff", "\u2028", "\U0001F600", "e\u0301", "\x9b31m",
    "\\u001b[31m", "\\ud800", "\\uD83D\\uDE00", "\\uZZZZ", "\\", "[/]", '"', "'", "/*", "*/", "//", "`",
]
ODD_BYTES = [b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"\x80\x81\x82"]
# Names a file may be renamed to; bytes, since some are not UTF-8.
ODD_NAMES = [
    b"With Space.java", b"New\nLine.java", b"Caf\xe9.java", b"-rf.java", b"$(touch pwned).java",
    b"Emoji\xf0\x9f\x98\x80.java", b"Bidi\xe2\x80\xae.java", b"\xc3\x9cml.java", b"Esc\x1b[2J.java",
    b"semi;colon&amp|pipe.java", b"notjava.txt",
]
DEEP = ["(" * 3000 + "x" + ")" * 3000, "f(" * 500 + "x" + ")" * 500, "{" * 3000, "a ? " * 2000 + "b",
        "List<" * 400, "x" + ".m()" * 2000]


@dataclass(frozen=True)
class Mutation:
    """One change to one of the sample's .java files (``file`` indexes SAMPLE_JAVA)."""

    kind: str
    file: int
    at: int = 0
    value: int = 0

    def apply(self, root: Path) -> None:
        path = root / SAMPLE_JAVA[self.file % len(SAMPLE_JAVA)]
        if not path.is_file() or path.is_symlink():
            return  # renamed or replaced by an earlier mutation
        data = path.read_bytes()
        at = self.at % (len(data) + 1)
        if self.kind == "truncate":
            path.write_bytes(data[:at])
        elif self.kind == "flip" and data:
            i = self.at % len(data)
            path.write_bytes(data[:i] + bytes([data[i] ^ (1 + self.value % 255)]) + data[i + 1:])
        elif self.kind in ("drop-brace", "duplicate-brace"):
            braces = [i for i, b in enumerate(data) if b in b"{}"]
            if braces:
                i = braces[self.at % len(braces)]
                repeat = data[i:i + 1] * (2 if self.kind == "duplicate-brace" else 0)
                path.write_bytes(data[:i] + repeat + data[i + 1:])
        elif self.kind == "insert-text":
            path.write_bytes(data[:at] + ODD_TEXT[self.value % len(ODD_TEXT)].encode() + data[at:])
        elif self.kind == "insert-bytes":
            path.write_bytes(data[:at] + ODD_BYTES[self.value % len(ODD_BYTES)] + data[at:])
        elif self.kind == "insert-deep":
            path.write_bytes(data[:at] + DEEP[self.value % len(DEEP)].encode() + data[at:])
        elif self.kind == "rename":
            target = os.path.join(os.fsencode(path.parent), ODD_NAMES[self.value % len(ODD_NAMES)])
            if not os.path.lexists(target):
                os.rename(path, target)
        elif self.kind == "fifo":
            path.unlink()
            os.mkfifo(path)
        elif self.kind == "dangling-link":
            path.unlink()
            path.symlink_to(root / "no" / "such" / "file.java")
        elif self.kind == "link-loop":
            path.unlink()
            path.symlink_to(path)
        elif self.kind == "huge":
            with open(path, "ab") as handle:  # sparse: over the limit without the disk
                handle.truncate(MAX_SOURCE_BYTES + 1 + self.value % 1000)
        elif self.kind == "random":
            path.write_bytes(os.urandom(1 + self.value % 4000))


# How often each kind comes up: the text edits most, the file-system oddities now and then.
KINDS = (["truncate", "flip", "flip", "drop-brace", "duplicate-brace", "insert-text", "insert-text",
          "insert-bytes", "insert-deep", "rename", "rename"] + ["fifo", "dangling-link", "link-loop", "huge", "random"])

mutations = st.builds(Mutation, st.sampled_from(KINDS), st.integers(0, 10_000), st.integers(0, 1 << 20),
                      st.integers(0, 1 << 16))
mutation_lists = st.lists(mutations, min_size=1, max_size=6)


def mutated_copy(target: Path, changes: list[Mutation]) -> Path:
    """A copy of the sample tree at ``target`` with ``changes`` applied in order."""
    shutil.copytree(SAMPLE, target)
    for change in changes:
        change.apply(target)
    return target


def java_names(root: Path) -> list[str]:
    """Every ``*.java`` entry the scan must account for, found independently of flowdoc: walked
    as bytes, hidden and build folders left out, names as the scan reports them (escaped when
    they hold control characters or bytes that are not UTF-8)."""
    found = []
    base = os.fsencode(root)
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if not d.startswith(b".") and d not in SKIPPED_DIRS]
        for name in filenames:
            if name.endswith(b".java"):
                found.append(printable(os.fsdecode(os.path.relpath(os.path.join(dirpath, name), base)), None))
    return sorted(found)
