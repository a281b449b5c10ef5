"""``flowdoc api --format listapis``: the answer a management server's ``listApis`` gives, from
the API model alone.

The rules are those of CloudStack's API discovery plugin (``ApiDiscoveryServiceImpl``), read
from its source; ``site_src/reference/exports.md`` states each one. The server keeps one
answer per API name in a ``java.util.HashMap`` and answers in that map's iteration order; the
``related`` lists it computes also depend on that order (it removes each API from a list
shared by all APIs of one response class while it walks the map), so the walk is reproduced
here: :func:`java_hashmap_order`.
"""

from __future__ import annotations

from flowdoc.analyze.api import ApiCommand, ApiModel, ApiParameter, ApiVariant, ResponseField

# ``--role`` values and the RoleType each one is (the server's account types).
ROLES = {"admin": "Admin", "domainadmin": "DomainAdmin", "resourceadmin": "ResourceAdmin", "user": "User"}
# Response classes whose name contains this never count as related (the server's test).
SUCCESS_RESPONSE = "SuccessResponse"
# Parameter.entityType() defaults to Object.class; Object is no API's response.
DEFAULT_ENTITY = "java.lang.Object"


def java_string_hash(text: str) -> int:
    """``String.hashCode()`` as an unsigned 32-bit value (over UTF-16 code units)."""
    h = 0
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h = (31 * h + (data[i] | data[i + 1] << 8)) & 0xFFFFFFFF
    return h


def java_hashmap_order(keys: list[str]) -> list[str]:
    """The iteration order of a default ``HashMap<String, ?>`` after putting ``keys`` in this
    order: by bucket of the final table (``hash ^ hash >>> 16`` masked by the capacity, which
    doubles from 16 whenever the size passes three quarters of it), and within a bucket by
    first insertion. (Buckets of eight or more keys become trees in Java; with at most a
    thousand API names in a table of 1024 or 2048 buckets that does not happen.)"""
    unique = list(dict.fromkeys(keys))
    capacity = 16
    while len(unique) > capacity * 3 // 4:
        capacity *= 2

    def bucket(key: str) -> int:
        h = java_string_hash(key)
        return (h ^ (h >> 16)) & (capacity - 1)

    return [k for _, k in sorted(enumerate(unique), key=lambda ik: (bucket(ik[1]), ik[0]))]


def served_classes(model: ApiModel) -> list[tuple[ApiVariant, ApiCommand]]:
    """Every class a default management server registers, in registration order: registered by
    a ``getCommands()`` and not behind a setting that is off by default (a condition flowdoc
    cannot decide counts as on, so the class stays visible)."""
    found = [(v, c) for c in model.commands for v in c.variants
             if v.registered and v.registered_by_default is not False]
    return sorted(found, key=lambda vc: (vc[0].registration_order is None, vc[0].registration_order or 0,
                                         vc[0].class_name))


def role_allows(command: ApiCommand, role_type: str) -> bool:
    """Whether a role that is not the root admin is served the API by the source alone: one of
    its registered classes names the role in ``authorized`` (the dynamic role checker's
    fallback when no role permission rule matches)."""
    return any(role_type in v.roles for v in command.variants if v.registered)


def listapis(model: ApiModel, role: str = "admin", only: set[str] | None = None) -> dict:
    """The ``listapisresponse`` body: ``{"count": N, "api": [...]}`` for ``role``; ``only``
    keeps the answers of those API names (computed over the whole model all the same)."""
    role_type = ROLES[role]
    entries: dict[str, tuple[ApiCommand, ApiVariant]] = {}
    by_response: dict[str, list[str]] = {}
    for variant, command in served_classes(model):
        if not command.include_in_api_doc or not command.name:
            continue
        response = variant.response or ""
        if SUCCESS_RESPONSE not in response:
            by_response.setdefault(response, []).append(command.name)
        entries[command.name] = (command, variant)  # a later class of the same name replaces the answer

    answers: dict[str, dict] = {}
    for name in java_hashmap_order(list(entries)):
        command, variant = entries[name]
        params = []
        for param in _served_params(command, variant):
            entity = param.entity_classes[0] if param.entity_classes else DEFAULT_ENTITY
            related = by_response.get(entity)
            params.append(_param(param, None if related is None else ",".join(related)))
        shared = by_response.get(variant.response or "")
        if shared is not None and name in shared:
            shared.remove(name)  # the server mutates the shared list: later APIs see it shorter
        answers[name] = _api(command, variant, params, None if shared is None else ",".join(shared))

    apis = []
    for name, answer in answers.items():
        command = entries[name][0]
        if only is not None and name not in only:
            continue
        if role_type == "Admin":
            apis.append(answer)
        elif role_allows(command, role_type):
            apis.append(_without_unauthorized_params(answer, command, role_type))
    return {"count": len(apis), "api": apis}


def _served_params(command: ApiCommand, variant: ApiVariant) -> list[ApiParameter]:
    """The exposed, documented parameters of the class the answer describes; a name that a
    superclass field declares again is listed twice (the server lists every ``@Parameter`` field)."""
    names = variant.params or [p.name for p in command.params]
    chosen, repeated = [], {}
    for name in names:
        if name not in repeated:
            repeated[name] = iter([p for p in command.shadowed_params if p.name == name])
            chosen.append(command.param(name))
        else:
            chosen.append(next(repeated[name], None))
    return sorted((p for p in chosen if p is not None and p.expose and p.include_in_api_doc), key=lambda p: p.name)


def _param(p: ApiParameter, related: str | None) -> dict:
    out: dict = {"name": p.name, "description": p.description, "type": p.type, "length": p.length,
                 "required": p.required}
    if p.since:
        out["since"] = p.since
    if related is not None:
        out["related"] = related
    return out


def _api(c: ApiCommand, v: ApiVariant, params: list[dict], related: str | None) -> dict:
    out: dict = {"name": c.name, "description": c.description}
    if c.since:
        out["since"] = c.since
    out["isasync"] = c.isasync
    if related is not None:
        out["related"] = related
    out["params"] = params
    out["response"] = response_entries(c.response_fields, c.response_unannotated)
    return out


def response_entries(fields: list[ResponseField], unannotated: int) -> list[dict]:
    """Response fields as listApis nests them; a field without ``@SerializedName`` and
    ``@Param`` (``responseName``, ``objectName`` of ``BaseResponse``...) is an empty object."""
    out = []
    for f in [x for field_ in fields for x in (field_, *field_.shadows)]:
        entry: dict = {"name": f.name, "description": f.description, "type": f.type or ""}
        if f.fields or f.unannotated:
            entry["response"] = response_entries(f.fields, f.unannotated)
        out.append(entry)
    out.extend({} for _ in range(unannotated))
    return out


def _without_unauthorized_params(answer: dict, command: ApiCommand, role_type: str) -> dict:
    """Parameters whose ``authorized`` roles leave the role out are removed for it."""
    hidden = {p.name for p in command.params if p.roles and role_type not in p.roles}
    return {**answer, "params": [p for p in answer["params"] if p["name"] not in hidden]}


def counts(answer: dict) -> dict[str, int]:
    """APIs, parameters and (named) response fields of a listApis answer, nested ones included."""
    def fields(entries: list[dict]) -> int:
        return sum(1 + fields(e.get("response") or []) for e in entries if e)
    return {"apis": answer["count"], "params": sum(len(a["params"]) for a in answer["api"]),
            "response_fields": sum(fields(a["response"]) for a in answer["api"])}
