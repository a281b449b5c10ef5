"""Where each response field of an API model is declared: the contract gives response fields
no line, so ``diff`` and ``check`` look them up here to point a change at its Java line."""

from __future__ import annotations


def response_field_locations(model: dict, index) -> dict[str, list]:
    """"declaring class#name" -> [file, line] of the ``@SerializedName`` field of every
    response field of the model (the contract gives response fields no line)."""
    owners: set[str] = set()
    todo = [f for c in model.get("commands") or () for f in c.get("response_fields") or ()]
    while todo:
        f = todo.pop()
        if f.get("declared_in"):
            owners.add(f["declared_in"])
        todo.extend(f.get("fields") or ())
    out: dict[str, list] = {}
    for owner in sorted(owners):
        t = index.types.get(owner)
        path = index.file_of.get(owner)
        if t is None or path is None:
            continue
        for fld in t.fields:
            sn = next((a for a in fld.annotations if a.simple == "SerializedName"), None)
            if sn is None:
                continue
            name = index.evaluate_string(sn.get("value"), owner) or fld.name
            out.setdefault(f"{owner}#{name}", [path, fld.line])
    return out
