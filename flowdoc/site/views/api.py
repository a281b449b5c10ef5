"""The view of one API page: parameters, response fields, variants, example request and response."""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from flowdoc.check.report.escape import md_escape
from flowdoc.site.data import SiteData
from flowdoc.site.views.common import (
    Indexes,
    async_kind,
    badges,
    category_of,
    link_slug,
    related_links,
    response_key,
    simple_name,
)
from flowdoc.site.views.markup import attr, code

_PLACEHOLDER_VALUE = {
    "uuid": "...", "string": "text", "boolean": "true", "long": "1", "integer": "1", "short": "1",
    "float": "1.0", "double": "1.0", "date": "2024-01-31", "list": "a,b", "object": "...",
}


def example_url(cmd: dict) -> str:
    """``command=NAME&p=...&response=json`` from the required (exposed) parameters."""
    parts = [f"command={cmd['name']}"]
    for param in cmd.get("params", []):
        if not param.get("required") or param.get("expose") is False:
            continue
        ptype = str(param.get("type") or "string")
        if ptype == "map":
            parts.append(f"{param['name']}[0].key=value")
        else:
            parts.append(f"{param['name']}={_PLACEHOLDER_VALUE.get(ptype, '...')}")
    parts.append("response=json")
    return "&".join(parts)


_JSON_VALUE = {
    "string": "string", "uuid": "string", "boolean": True, "long": 0, "integer": 0, "short": 0,
    "float": 0.0, "double": 0.0, "date": "2024-01-31T12:00:00+0000", "list": [], "map": {},
    "set": [],
}


def _field_value(fld: dict) -> object:
    ftype = str(fld.get("type") or "")
    if fld.get("fields"):  # a nested response object: its own fields, one level deep
        inner = {c["name"]: (_field_value(c) if not c.get("fields") else ([] if c.get("type") in ("list", "set")
                                                                            else {}))
                 for c in fld["fields"]}
        return [inner] if ftype in ("list", "set") else inner
    if ftype in _JSON_VALUE:
        value = _JSON_VALUE[ftype]
        return list(value) if isinstance(value, list) else (dict(value) if isinstance(value, dict) else value)
    if ftype.endswith("Response") or "Response" in ftype:
        return {}
    return "..."


def item_key(response_fqn: str | None) -> str:
    base = simple_name(response_fqn)
    if base.endswith("Response"):
        base = base[: -len("Response")]
    return base.lower() or "item"


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def example_response(cmd: dict, kind: str, item: str | None = None) -> str:
    """A JSON skeleton with the real response key; the job id for asynchronous commands."""
    fields = {f["name"]: _field_value(f) for f in cmd.get("response_fields", [])}
    key = response_key(cmd["name"])
    if kind != "sync":
        immediate: dict = {"jobid": "..."}
        if kind == "async-create":
            immediate = {"id": "...", "jobid": "..."}
        return json.dumps({key: immediate}, indent=2)
    if cmd["name"].lower().startswith("list"):
        body: dict = {"count": 1, item or item_key(cmd.get("response")): [fields]}
        return json.dumps({key: body}, indent=2)
    return json.dumps({key: fields}, indent=2)


def job_result(cmd: dict, item: str | None = None) -> str:
    fields = {f["name"]: _field_value(f) for f in cmd.get("response_fields", [])}
    body = {"jobid": "...", "jobstatus": 1, "jobresultcode": 0,
            "jobresult": {item or item_key(cmd.get("response")): fields}}
    return json.dumps({"queryasyncjobresultresponse": body}, indent=2)


_RESPONSE_TYPE = re.compile(r"([A-Z]\w*Response)\b")


def field_row(fld: dict, idx: Indexes, prefix: str) -> dict:
    """One response field's table row (nested fields as children)."""
    ftype = str(fld.get("type") or "")
    nested = fld.get("response_object") or fld.get("response") or ""
    match = _RESPONSE_TYPE.search(simple_name(str(nested)) or ftype)
    link: Markup | None = None
    if match:
        link = related_links(match.group(1), idx, prefix)
    if link is not None and ftype in ("list", "set"):
        link = Markup(f"{md_escape(ftype)} of {link}")
    return {"name": fld.get("name", ""), "type": ftype, "description": fld.get("description") or "",
            "since": fld.get("since") or "", "nested": link,
            "children": [field_row(c, idx, prefix) for c in fld.get("fields", []) or []]}


def object_key(cmd: dict, idx: Indexes) -> str:
    """The JSON key of the response object. Commands set it in code; by CloudStack's convention it
    is the singular of the list API returning the same response class (listZones -> zone)."""
    name = cmd["name"]
    resp = simple_name(cmd.get("response"))
    lists = [n for n in ([name] if name.lower().startswith("list") else []) + idx.listing.get(resp, [])]
    if lists:
        return singular(lists[0][4:].lower()) or item_key(cmd.get("response"))
    return item_key(cmd.get("response"))


def api_view(cmd: dict, data: SiteData, idx: Indexes) -> dict:
    flow = data.flows.get(cmd["name"])
    item = object_key(cmd, idx)
    kind = async_kind(cmd, flow)
    links = data.links
    params = []
    # required parameters first, as CloudStack's own API docs list them (else alphabetical)
    for p in sorted(cmd.get("params", []), key=lambda p: not p.get("required")):
        related = [related_links(simple_name(r), idx, "") for r in p.get("related", []) or []]
        declared = simple_name(p.get("declared_in")) if p.get("declared_in") else ""
        name_html = Markup(f'<code title="declared in {attr(declared)}">{md_escape(p.get("name", ""))}</code>') \
            if declared else code(p.get("name", ""))
        params.append({"name": p.get("name", ""), "name_html": name_html, "type": p.get("type") or "", "required": bool(p.get("required")),
                       "description": p.get("description") or "", "since": p.get("since") or "",
                       "related": Markup(", ").join(related) if related else "",
                       "hidden": p.get("expose") is False, "roles": ", ".join(p.get("roles") or [])})
    variants = [{"class": v.get("class", ""), "roles": ", ".join(v.get("roles", [])) or "role configuration",
                 "view": v.get("response_view") or "", "admin_only": bool(v.get("admin_only")),
                 "registered": v.get("registered", True),
                     "source": links.short(v.get("file"), v.get("line")),
                     "class_short": Markup(f'<code title="{md_escape(v.get("class") or "")}">'
                                           f'{md_escape(simple_name(v.get("class")) or "?")}</code>')}
                for v in cmd.get("variants", [])]
    return {
        "name": cmd["name"], "slug": link_slug(cmd["name"]), "description": cmd.get("description") or "",
        "since": cmd.get("since") or "", "kind": kind, "roles": cmd.get("roles", []),
        "category": category_of(cmd), "class": cmd.get("class", ""),
        "response": cmd.get("response") or "", "response_simple": simple_name(cmd.get("response")),
        "source": links.md(cmd.get("file"), cmd.get("line")), "variants": variants, "params": params,
        "fields": [field_row(f, idx, "") for f in cmd.get("response_fields", [])],
        "example_url": example_url(cmd), "example_response": example_response(cmd, kind, item),
        "job_result": job_result(cmd, item) if kind != "sync" else "", "response_key": response_key(cmd["name"]),
        "has_flow": cmd["name"] in data.flows, "hidden": cmd.get("include_in_api_doc") is False,
        "badges": badges(cmd, kind), "history": history_of(cmd["name"], data.history),
    }


def history_of(name: str, history: dict | None) -> dict | None:
    """First release, last release with a change, last release of an API from a history file."""
    record = (history or {}).get("apis", {}).get(name)
    if not record:
        return None
    releases = [r["name"] for r in history.get("releases", [])]
    return {"first": record.get("first"), "last_changed": record.get("last_changed"), "last": record.get("last"),
            "gone": bool(releases) and record.get("last") != releases[-1],
            "first_tracked": bool(releases) and record.get("first") == releases[0]}

