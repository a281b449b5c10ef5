"""The reference pages' data from the same facts as the flows: every setting of the tree, every
table (entity, DAO, columns) and the infrastructure concepts, each with the APIs whose flows
touch it. Plain dicts, for :mod:`flowdoc.site`.
"""

from __future__ import annotations

from collections.abc import Mapping

from flowdoc.analyze.touches import Touches

# The seed's infrastructure concepts and the tables each may be stored in (CloudStack's schema
# names first; the first one the tree has is taken)
CONCEPT_TABLES = (("zone", "Zone", ("data_center", "zone")), ("pod", "Pod", ("host_pod_ref", "pod")),
                  ("cluster", "Cluster", ("cluster",)), ("host", "Host", ("host",)),
                  ("primary", "Primary storage", ("storage_pool",)),
                  ("secondary", "Secondary storage", ("image_store",)))
# an API's verb, from its name: what it does to the concept it writes or lists
VERBS = (("create", ("create", "add", "register", "upload", "deploy")), ("list", ("list",)),
         ("update", ("update", "change", "modify", "enable", "disable", "prepare", "cancel", "reconnect")),
         ("delete", ("delete", "remove", "destroy", "release")))


def _touching(flows: Mapping[str, dict]) -> tuple[dict[str, dict[str, set[str]]], dict[str, set[str]]]:
    """table -> access -> APIs, setting -> APIs, from the flows' ``tables``/``settings``."""
    tables: dict[str, dict[str, set[str]]] = {}
    settings: dict[str, set[str]] = {}
    for api, flow in flows.items():
        data = flow if isinstance(flow, dict) else flow.as_dict()
        for table in data.get("tables", []):
            for access in table["access"]:
                tables.setdefault(table["name"], {}).setdefault(access, set()).add(api)
        for setting in data.get("settings", []):
            settings.setdefault(setting["name"], set()).add(api)
    return tables, settings


def _verb(api: str) -> str | None:
    for verb, prefixes in VERBS:
        if api.startswith(prefixes):
            return verb
    return None


def reference_data(touches: Touches, flows: Mapping[str, object]) -> dict:
    """``{"settings": [...], "tables": [...], "concepts": [...]}`` (each sorted by name)."""
    by_table, by_setting = _touching(flows)
    settings = []
    for s in touches.settings.settings:
        entry = s.as_dict()
        entry["read_by"] = sorted(by_setting.get(s.name or "", ()))
        settings.append(entry)
    tables = []
    for name, table in touches.tables.tables.items():
        entry = table.as_dict()
        access = by_table.get(name, {})
        entry["written_by"] = sorted(access.get("write", ()))
        entry["read_by"] = sorted(access.get("read", ()))
        tables.append(entry)
    concepts = []
    for key, title, names in CONCEPT_TABLES:
        table_name = next((n for n in names if n in touches.tables.tables), names[0])
        table = touches.tables.tables.get(table_name)
        access = by_table.get(table_name, {})
        apis: dict[str, list[str]] = {verb: [] for verb, _ in VERBS}
        for api in sorted(access.get("write", set()) | access.get("read", set())):
            verb = _verb(api)
            if verb == "list" and api in access.get("read", ()) or verb not in (None, "list") and api in access.get(
                    "write", ()):
                apis[verb].append(api)
        concepts.append({"key": key, "title": title, "table": table_name if table is not None else None,
                         "entities": table.entities if table is not None else [],
                         "daos": table.daos if table is not None else [], "apis": apis})
    return {"settings": settings, "tables": tables, "concepts": concepts}
