"""Views of the overview pages: home, API index, flow index, lifecycle and concepts."""

from __future__ import annotations

from markupsafe import Markup

from flowdoc.site.data import SiteData
from flowdoc.site.views.common import (
    Indexes,
    api_link,
    async_kind,
    badges,
    category_of,
    link_slug,
    node_label,
    short_description,
    simple_name,
    slug,
)
from flowdoc.site.views.markup import code


def _chains(flow: dict, cmd: dict | None = None) -> list[dict]:
    """The framework path of a flow: for each step on the command class that starts a phase (the
    first one on the request thread, the first one on the job thread), the chain of calls that
    led to it from the entry point. Side calls are left out."""
    nodes = {n["id"]: n for n in flow.get("nodes", [])}
    classes = {flow.get("command_class")} | {v.get("class") for v in (cmd or {}).get("variants", [])}

    def on_command(cls: str, method: str) -> bool:  # the command's own (or inherited) execute/create
        return cls in classes or (method.split("(")[0] in ("execute", "create") and simple_name(cls).endswith("Cmd"))

    stack: list[dict] = []
    done: set[bool] = set()
    path: list[dict] = []
    taken: set[int] = set()
    for step in flow.get("steps", []):
        depth = int(step.get("depth", 0))
        del stack[depth:]
        stack.append(step)
        on_job = any(s.get("async") for s in stack)
        node = nodes.get(step.get("node", ""))
        if on_job in done or not node or not on_command(node.get("class") or "", node.get("method") or ""):
            continue
        done.add(on_job)
        for s in stack:
            if id(s) in taken:
                continue
            taken.add(id(s))
            path.append({"depth": int(s.get("depth", 0)), "label": node_label(nodes.get(s.get("node", "")),
                                                                               s.get("node", "")),
                         "kind": s.get("kind") or "call", "async": bool(s.get("async"))})
    for entry in path:
        entry["indent"] = Markup("    " * entry["depth"])
    return path


PREFERRED_EXAMPLES = {  # well-known APIs make better examples; any API of the kind will do
    "sync": ("listVirtualMachines", "listZones", "listInstances"),
    "async": ("startVirtualMachine", "stopVirtualMachine", "rebootVirtualMachine", "startInstance"),
    "async-create": ("deployVirtualMachine", "createVolume", "deployInstance"),
}


def lifecycle_view(data: SiteData, idx: Indexes) -> dict:
    kinds: dict[str, list[str]] = {"sync": [], "async": [], "async-create": []}
    for name, cmd in idx.by_name.items():
        kinds[async_kind(cmd, data.flows.get(name))].append(name)
    sections = []
    for kind in ("sync", "async", "async-create"):
        names = kinds[kind]
        usable = [n for n in names if data.flows.get(n, {}).get("steps")]
        pick = next((n for n in PREFERRED_EXAMPLES[kind] if n in usable), usable[0] if usable else None)
        view = {"kind": kind, "count": len(names), "example": pick, "slug": link_slug(pick or ""), "path": [],
                "diagram": ""}
        if pick:
            flow = data.flows[pick]
            view["path"] = _chains(flow, idx.by_name.get(pick))
            handoff = [s for s in flow.get("steps", []) if s.get("async")]
            view["handoff"] = node_label({n["id"]: n for n in flow.get("nodes", [])}.get(handoff[0]["node"]),
                                          handoff[0]["node"]) if handoff else ""
            if data.diagram_fn is not None:
                try:
                    view["diagram"] = data.diagram_fn(pick, max_participants=6, max_messages=18, notes=False)
                except Exception:  # a diagram is an illustration here; the path list still explains
                    view["diagram"] = ""
        view.setdefault("handoff", "")
        sections.append(view)
    return {"sections": sections, "mermaid": data.mermaid}


# level key, title, response classes (simple names), words in API names
CONCEPT_LEVELS = (
    ("zone", "Zone", ("ZoneResponse", "DataCenterResponse"), ("zone",)),
    ("pod", "Pod", ("PodResponse",), ("pod",)),
    ("cluster", "Cluster", ("ClusterResponse",), ("cluster",)),
    ("host", "Host", ("HostResponse",), ("host",)),
    ("primary", "Primary storage (per cluster)", ("StoragePoolResponse", "PrimaryStorageResponse"),
     ("storagepool", "primarystorage")),
    ("secondary", "Secondary storage (per zone)", ("ImageStoreResponse", "SecondaryStorageResponse"),
     ("imagestore", "secondarystorage")),
)


def concepts_view(idx: Indexes) -> dict:
    levels = []
    for key, title, responses, words in CONCEPT_LEVELS:
        names: set[str] = set()
        for resp in responses:
            names.update(idx.returning.get(resp, []))
        for name, cmd in idx.by_name.items():
            lowered = name.lower()
            if not any(w in lowered for w in words):
                continue
            related = {simple_name(r) for p in cmd.get("params", []) for r in (p.get("related") or [])}
            if related & set(responses):
                names.add(name)
        levels.append({"key": key, "title": title, "responses": responses,
                       "apis": [api_link(n, "api/") for n in sorted(names)]})
    return {"levels": levels}


def home_view(data: SiteData, idx: Indexes) -> dict:
    model = data.model
    source = model.get("source", {})
    cmds = model.get("commands", [])
    kinds = [async_kind(c, data.flows.get(c["name"])) for c in cmds]
    return {"project": data.project or "CloudStack", "version": source.get("version") or "unknown",
            "files": source.get("files", 0),
            "apis": len(cmds), "async": sum(k != "sync" for k in kinds),
            "async_create": sum(k == "async-create" for k in kinds),
            "categories": len(idx.categories), "flows": len(data.flows),
            "hidden": sum(1 for c in cmds if c.get("include_in_api_doc") is False),
            "problems": len(model.get("problems", []))}


def api_index_view(data: SiteData, idx: Indexes, limit: int = 80) -> list[dict]:
    groups = []
    for category, names in idx.categories.items():
        rows = []
        for name in names:
            cmd = idx.by_name[name]
            kind = async_kind(cmd, data.flows.get(name))
            record = ((data.history or {}).get("apis") or {}).get(name) or {}
            rows.append({"link": api_link(name), "badges": [b for b in badges(cmd, kind) if b != "sync"],
                         "description": short_description(cmd.get("description") or "", limit) if limit else "",
                         "added": record.get("first") or ""})
        groups.append({"category": category, "rows": rows})
    return groups


def flow_index_view(data: SiteData) -> list[dict]:
    """One row per API that has a flow page."""
    return [{"link": Markup(f"[{code(c['name'])}]({slug(c['name'])}.md)"),
             "kind": async_kind(c, data.flows.get(c["name"])), "category": category_of(c)}
            for c in data.model.get("commands", []) if c["name"] in data.flows]


def releases_view(data: SiteData) -> list[dict]:
    """Per release of the history (newest first): the APIs it added and those it changed."""
    history = data.history or {}
    names = {c["name"] for c in data.model.get("commands", [])}
    apis = history.get("apis") or {}
    out = []
    for i, release in enumerate(reversed(history.get("releases") or [])):
        name = release["name"]
        first = i == len(history["releases"]) - 1
        added = sorted(a for a, r in apis.items() if r.get("first") == name and a in names)
        changed = sorted(a for a, r in apis.items() if r.get("last_changed") == name and r.get("first") != name
                         and a in names)
        out.append({"name": name, "version": release.get("version") or "", "first": first,
                    "added": [api_link(a) for a in added], "changed": [api_link(a) for a in changed]})
    return out
