"""``instanceof`` guards (found by the scan: :class:`~flowdoc.model.facts.InstanceOfGuard`):
whether a command of a given class takes a branch."""

from __future__ import annotations


def evaluate(atom: tuple, decide) -> bool | None:
    """A guard condition's value when ``decide(subject, type)`` tells the ``instanceof`` atoms
    (True/False, or None when it cannot be told)."""
    kind = atom[0]
    if kind == "is":
        return decide(atom[1], atom[2])
    if kind == "not":
        inner = evaluate(atom[1], decide)
        return None if inner is None else not inner
    if kind == "and":
        values = [evaluate(a, decide) for a in atom[1]]
        if any(v is False for v in values):
            return False
        return True if all(v is True for v in values) else None
    if kind == "or":
        values = [evaluate(a, decide) for a in atom[1]]
        if any(v is True for v in values):
            return True
        return False if all(v is False for v in values) else None
    return None


def atoms(atom: tuple):
    """The ``("is", subject, type)`` atoms of a condition."""
    if atom[0] == "is":
        yield atom
    elif atom[0] == "not":
        yield from atoms(atom[1])
    elif atom[0] in ("and", "or"):
        for a in atom[1]:
            yield from atoms(a)
