"""Tree-wide lookups the hand-off rules (and :mod:`flowdoc.analyze.touches`) share: which types
can name a class at all (to skip reading other bodies), the named type of a simple name, and the
module a source file belongs to (``plugins/hypervisors/kvm``)."""

from __future__ import annotations

from flowdoc.analyze.symbols import SymbolIndex

_SOURCE_ROOTS = ("/src/main/java/", "/src/java/", "/src/")


def may_name(index: SymbolIndex, fqn: str, target: str) -> bool:
    """Whether code of type ``fqn`` can name ``target`` without spelling its package: same
    package, or its file imports it (singly or on demand). A cheap filter before reading bodies."""
    package = target.rsplit(".", 1)[0]
    if index.package_of.get(fqn) == package or fqn.startswith(target + "."):
        return True
    ff = index.file_facts(fqn)
    return ff is not None and any(not imp.static and (imp.path == target or (imp.wildcard and imp.path == package))
                                  for imp in ff.imports)


def named_types(index: SymbolIndex, simple: str, main: frozenset[str] | None = None) -> list[str]:
    """Top-level types of a simple name, most subtyped first (a tree may hold look-alikes)."""
    found = [fqn for fqn, t in index.types.items() if t.name == simple and not t.outer
             and (main is None or fqn in main)]
    found.sort(key=lambda fqn: (-len(index.subtypes(fqn)), fqn))
    return found


def module_of(path: str) -> str:
    """The build module a source file belongs to: the path before its source root
    (``plugins/hypervisors/kvm/src/main/java/...`` -> ``plugins/hypervisors/kvm``)."""
    for root in _SOURCE_ROOTS:
        head, sep, _ = path.partition(root)
        if sep:
            return head
    return path.rsplit("/", 1)[0] if "/" in path else ""
