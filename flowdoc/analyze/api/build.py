"""Building the API model: one :class:`~.model.ApiCommand` per API name."""

from __future__ import annotations

import time

from flowdoc.analyze.api.builder import ADMIN_MARKER, ASYNC_BASE, ASYNC_CREATE_BASE, FRAMEWORK_BASES, ModelBuilder, last
from flowdoc.analyze.api.categories import category_for
from flowdoc.analyze.api.model import ApiCommand, ApiModel, ApiParameter, ApiVariant
from flowdoc.analyze.symbols import SymbolIndex, build_symbol_index
from flowdoc.model.problems import Problem
from flowdoc.read.scan import ScanResult, is_test_path


def build_api_model(scan: ScanResult, index: SymbolIndex | None = None) -> ApiModel:
    """The API model of a scanned tree (see the module docstring)."""
    started = time.perf_counter()
    if index is None:
        index = build_symbol_index(scan)
    b = ModelBuilder(scan, index)
    registered = b.registered_classes()
    reg_order = b.registration_order()

    by_name: dict[str, list[dict]] = {}
    for fqn, t in index.types.items():
        path = index.file_of[fqn]
        if t.kind != "class" or is_test_path(path):
            continue
        ann = next((a for a in t.annotations if b._is_annotation(a, fqn, b.api_annotations, "APICommand")), None)
        if ann is None:
            continue
        line = ann.line or t.line
        where = (path, line)
        name_expr = ann.get("name")
        name = b.string(name_expr, fqn, "API name", where) if name_expr is not None else ""
        if not name:
            b.problems.append(Problem(path, line, "unnamed-command", f"@APICommand of {fqn} names no API"))
            name = t.name
        response = None
        ro = ann.get("responseObject")
        if ro is not None and ro.kind == "class":
            response = index.resolve_type(ro.text, fqn)
            if response is None or response not in index.types:
                b.problems.append(Problem(path, line, "missing-response-class",
                                          f"{name}: response class {ro.text} of {fqn} is not in the tree"))
                response = response or ro.text
        else:
            b.problems.append(Problem(path, line, "missing-response-class",
                                      f"{name}: @APICommand of {fqn} names no responseObject class"))
        b.check_misplaced_parameters(fqn)
        d = b.defaults["APICommand"]
        rv = ann.get("responseView")
        by_name.setdefault(name, []).append({
            "fqn": fqn, "t": t, "ann": ann, "path": path,
            "variant": ApiVariant(fqn, b.roles(ann), b.implements(fqn, ADMIN_MARKER),
                                  last(rv.text) if rv is not None and rv.text else d["responseView"],
                                  fqn in registered, response, path, line,
                                  registered[fqn][0] if fqn in registered else None,
                                  b.default_registration(*registered[fqn]) if fqn in registered else False,
                                  reg_order.get(fqn) if fqn in registered else None,
                                  sorted(b.parameter(o, f).name for o, f in b.param_fields(fqn))),
            "line": line,
        })

    commands = []
    for name in sorted(by_name):
        entries = sorted(by_name[name], key=lambda e: e["fqn"])
        commands.append(_command(b, name, entries))
    problems = sorted({*scan.problems, *b.problems})
    stats = {"seconds": round(time.perf_counter() - started, 3),
             "classes": sum(len(c.variants) for c in commands), "apis": len(commands)}
    return ApiModel(scan.root, scan.version, len(scan.files), commands, problems, stats)


def _related(b: ModelBuilder, a: str, c: str) -> bool:
    """Variants of one API: one extends the other, or one is the admin flavour of the other."""
    idx = b.index
    if idx.is_subtype(a, c) or idx.is_subtype(c, a):
        return True
    if b.implements(a, ADMIN_MARKER) != b.implements(c, ADMIN_MARKER):
        return True
    shared = set(idx.superclass_chain(a)) & set(idx.superclass_chain(c))
    return any(idx.simple_name(s) not in FRAMEWORK_BASES and not idx.simple_name(s).startswith("Base")
               for s in shared)


def _command(b: ModelBuilder, name: str, entries: list[dict]) -> ApiCommand:
    idx = b.index
    variants = [e["variant"] for e in entries]
    for i, e in enumerate(entries[1:], 1):
        for other in entries[:i]:
            if not _related(b, e["fqn"], other["fqn"]):
                b.problems.append(Problem(e["path"], e["line"], "duplicate-api-name",
                                          f"{name} is declared by unrelated classes {other['fqn']} and {e['fqn']}"))
                break
    reg = [e for e in entries if e["variant"].registered]
    served = (next((e for e in reg if e["variant"].admin_only), None) or (reg[0] if reg else None)
              or min(entries, key=lambda e: (len(idx.superclass_chain(e["fqn"])), e["fqn"])))
    fqn, ann, path, line = served["fqn"], served["ann"], served["path"], served["line"]
    where = (path, line)
    d = b.defaults["APICommand"]

    params: dict[str, ApiParameter] = {}
    shadowed: dict[tuple[str, str], ApiParameter] = {}
    order = [served] + [e for e in (reg or entries) if e is not served]
    for e in order:
        names: set[str] = set()
        for owner, f in b.param_fields(e["fqn"]):  # most specific first
            p = b.parameter(owner, f)
            params.setdefault(p.name, p)
            if p.name in names and params[p.name] is not p:
                shadowed.setdefault((p.declared_in, p.name), p)
            names.add(p.name)
    roles = sorted({r for e in (reg or entries) for r in e["variant"].roles})
    response = served["variant"].response
    return ApiCommand(
        name=name, class_name=fqn, file=path, line=line,
        description=b.string(ann.get("description"), fqn, f"description of {name}", where) or "",
        since=b.since(ann, fqn, where),
        isasync=b.has_ancestor(fqn, ASYNC_BASE), async_create=b.has_ancestor(fqn, ASYNC_CREATE_BASE),
        roles=roles, response=response,
        include_in_api_doc=b.boolean(ann, "includeInApiDoc", fqn, d["includeInApiDoc"]),
        category=category_for(idx.package_of[fqn], path),
        variants=variants,
        params=sorted(params.values(), key=lambda p: p.name),
        shadowed_params=sorted(shadowed.values(), key=lambda p: (p.name, p.declared_in)),
        response_fields=b.response_fields(response) if response in idx.types else [],
        response_view=served["variant"].response_view,
        request_has_sensitive_info=b.boolean(ann, "requestHasSensitiveInfo", fqn, d["requestHasSensitiveInfo"]),
        response_has_sensitive_info=b.boolean(ann, "responseHasSensitiveInfo", fqn, d["responseHasSensitiveInfo"]),
        entity_types=b.class_names(ann.get("entityType"), fqn),
        usage=b.string(ann.get("usage"), fqn, f"usage of {name}", where) or None,
        deprecated=any(a.simple == "Deprecated" for a in served["t"].annotations),
        response_unannotated=b.unannotated_fields(response, False) if response in idx.types else 0,
    )
