"""Fingerprints: of content (what an artifact was made from) and of code (what made it).

:func:`code_fingerprint` hashes the source of the modules that make an artifact and of every
flowdoc module they import, found from their ``import`` statements (function-level ones too,
so the fingerprint errs on the side of too many modules),
so an artifact made by other code is never reused and nobody keeps a list of modules by hand.
"""

from __future__ import annotations

import hashlib
import re
import sys
from functools import cache
from pathlib import Path

from flowdoc import __version__

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# The store holds artifacts and makes none: its format is in its folder name (artifacts.FORMAT),
# so editing it does not invalidate every fact.
STORE = "flowdoc.store"


def fingerprint(*parts: object) -> str:
    """A hex digest of ``parts`` (strings, numbers, tuples: anything with a stable ``repr``)."""
    digest = hashlib.sha1(usedforsecurity=False)
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _module_file(module: str) -> Path | None:
    rel = Path(*module.split(".")[1:])
    for candidate in (PACKAGE_DIR / rel / "__init__.py", (PACKAGE_DIR / rel).with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


# ``from X import a, b`` (one line or parenthesized) and ``import flowdoc.x``, at any indent:
# a regular expression, as parsing every module's syntax tree cost most of a second a run.
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#]*)", re.M)
# A package that imports its own modules by name at run time (the hand-off rules) counts with all of them.
_DISCOVERS = re.compile(r"pkgutil\.|import_module\(")


def _flowdoc_imports(path: Path, module: str) -> set[str]:
    """The flowdoc modules ``path`` imports (``from flowdoc.x import y`` may name module y)."""
    text = path.read_text(encoding="utf-8")
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for match in _IMPORT.finditer(text):
        for part in match.group(1).split(","):
            name = part.split(" as ")[0].strip()
            if name.split(".")[0] == "flowdoc":
                found.add(name)
    for match in _FROM_IMPORT.finditer(text):
        base, names = match.group(1), match.group(2)
        level = len(base) - len(base.lstrip("."))
        if level:
            parts = package.split(".")
            parts = parts[: len(parts) - level + 1]
            rest = base[level:]
            base = ".".join([*parts, rest] if rest else parts)
        if base.split(".")[0] != "flowdoc":
            continue
        found.add(base)
        for part in names.strip("()").split(","):
            name = part.split(" as ")[0].strip()
            if name.isidentifier():
                found.add(f"{base}.{name}")
    if path.name == "__init__.py" and _DISCOVERS.search(text):  # finds its modules at run time
        found.update(f"{module}.{p.stem}" for p in path.parent.glob("*.py") if p.name != "__init__.py")
    return found


def code_modules(*modules: str) -> dict[str, Path]:
    """``modules`` and every flowdoc module they import, transitively: dotted name -> file
    (the store's own modules aside)."""
    todo = list(modules)
    seen: dict[str, Path] = {}
    while todo:
        module = todo.pop()
        if module in seen or module.startswith(STORE):
            continue
        path = _module_file(module)
        if path is None:
            continue  # ``from flowdoc.x import name`` where name is not a module
        seen[module] = path
        todo.extend(_flowdoc_imports(path, module) - set(seen))
    return seen


@cache
def code_fingerprint(*modules: str) -> str:
    """A digest of flowdoc's version, Python's, and the source of ``modules`` (dotted names,
    e.g. ``flowdoc.analyze.api``) with every flowdoc module they import, transitively.
    Computed once per process for each set of modules."""
    found = code_modules(*modules)
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(f"flowdoc {__version__} py{sys.version_info.major}.{sys.version_info.minor}\n".encode())
    for module in sorted(found):
        digest.update(module.encode() + b"\0" + found[module].read_bytes() + b"\0")
    return digest.hexdigest()
