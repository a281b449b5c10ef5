"""Whole-path figures of a tree: how much of the work-job, agent and table/setting plumbing the
rules find. Not a timing benchmark; the figures go into the call-graph reference.

    python benchmarks/handoff_figures.py /path/to/cloudstack [--cache-dir DIR] [--json]

- work jobs: VmWork subclasses created in main sources, and how many of them a vm_work edge
  links to a handler;
- agent commands: command classes whose objects are handed to a sender (AgentManager/EndPoint
  send methods, a Commands batch), and how many reach at least one handler; send sites whose
  command is only known as the Command base (or not at all);
- DAO calls: call sites into DAO classes mapped to a table, and the rest by reason;
- settings: ConfigKey declarations found vs a text search of main sources for
  ``new ConfigKey<...>(``; settings-enum constants;
- flows: APIs whose site-depth flow has a non-empty table list.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from flowdoc.analyze.handoffs import TreeView
from flowdoc.analyze.handoffs import agent as agent_rule
from flowdoc.analyze.handoffs import vm_work as work_rule
from flowdoc.analyze.touches import Touches
from flowdoc.pipeline import Options, Project
from flowdoc.read.scan import is_test_path

_CONFIG_KEY_TEXT = re.compile(r"new\s+ConfigKey\s*<[^>]*>\s*\(")


def work_job_figures(project: Project, tree: TreeView) -> dict:
    index, graph = project.index, project.graph
    state = work_rule.prepare(tree)
    created = set()
    for owner, m in graph.methods.values():
        for creation in m.creations:
            fqn = index.resolve_type(creation.type.name, owner) if not creation.anonymous else None
            if fqn and state.root and fqn != state.root and index.is_subtype(fqn, state.root):
                created.add(fqn)
    linked = {d.get("via") for _, _, d in graph.graph.edges(data=True) if d["kind"] == work_rule.KIND}
    return {"work_classes_created": len(created), "linked_to_a_handler": len(created & linked),
            "handler_hosts": list(state.hosts), "not_linked": sorted(created - linked)}


def agent_figures(project: Project, tree: TreeView) -> dict:
    index, graph = project.index, project.graph
    state = agent_rule.prepare(tree)
    sent: Counter = Counter()
    base_only = 0
    for node in graph.methods:
        _, m = graph.methods[node]
        if not m.calls:
            continue
        scope = graph.scope(node)
        for i in range(len(m.calls)):
            for _, command in agent_rule._sent_commands(scope, state, i):
                if not state.is_command(index, command):
                    base_only += 1
                else:
                    sent[command] += 1
    reached = [c for c in sent if state.handlers_of(index, c)]
    return {"command_classes_sent": len(sent), "reaching_a_handler": len(reached),
            "send_sites_typed": sum(sent.values()), "send_sites_base_or_unknown": base_only,
            "handled_command_classes": len(state.handlers),
            "not_reached": sorted(c for c in sent if c not in set(reached))}


def touch_figures(project: Project, touches: Touches) -> dict:
    graph = project.graph
    mapped = 0
    reasons: Counter = Counter()
    for node in graph.methods:
        found = touches.of_method(node)
        mapped += len({(t.line, t.method) for t in found.tables})
        reasons.update(u.reason for u in found.unknown if u.what == "table" and u.reason == "dao-entity-unknown")
    root = Path(project.scan.root)
    text_hits = 0
    for ff in project.scan.files:
        if not is_test_path(ff.path) and "ConfigKey" in (text := (root / ff.path).read_text(errors="replace")):
            text_hits += len(_CONFIG_KEY_TEXT.findall(text))
    config_keys = [s for s in touches.settings.settings if s.declared_in not in touches._setting_enums]
    return {"dao_sites_mapped": mapped, "dao_sites_unmapped": sum(reasons.values()),
            "config_key_declarations": len(config_keys), "config_key_text_search": text_hits,
            "settings_enum_constants": len(touches.settings.settings) - len(config_keys),
            "settings_without_name": touches.settings.unnamed,
            "tables": len(touches.tables.tables), "entities": len(touches.tables.entities)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree")
    parser.add_argument("--cache-dir", default="/tmp/fdcache")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    project = Project(args.tree, Options(cache_dir=Path(args.cache_dir)))
    main_types = frozenset(f for f, p in project.index.file_of.items() if not is_test_path(p))
    tree = TreeView(project.index, main_types)
    touches = Touches(project.graph, project.index)
    flows = project.flows()
    with_tables = sum(1 for f in flows.values() if f.touches is not None and f.touches.tables)
    figures = {"tree": args.tree, "work_jobs": work_job_figures(project, tree),
               "agent": agent_figures(project, tree), "touches": touch_figures(project, touches),
               "flows": {"apis": len(flows), "with_tables": with_tables},
               "edges": {k: v for k, v in project.graph.stats.edges.items() if k in ("vm_work", "agent", "message_bus")},
               "seconds": round(time.perf_counter() - started, 1)}
    print(json.dumps(figures, indent=2) if args.json else _text(figures))


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _text(f: dict) -> str:
    w, a, t, fl = f["work_jobs"], f["agent"], f["touches"], f["flows"]
    return "\n".join([
        f"tree {f['tree']}  ({f['seconds']} s)",
        f"work jobs: {w['linked_to_a_handler']}/{w['work_classes_created']} VmWork classes created are linked to a "
        f"handler ({share(w['linked_to_a_handler'], w['work_classes_created'])}); hosts {', '.join(w['handler_hosts'])}",
        f"agent: {a['reaching_a_handler']}/{a['command_classes_sent']} command classes sent reach a handler "
        f"({share(a['reaching_a_handler'], a['command_classes_sent'])}); {a['send_sites_typed']} typed send sites, "
        f"{a['send_sites_base_or_unknown']} only Command/unknown",
        f"DAO calls: {t['dao_sites_mapped']} mapped to a table, {t['dao_sites_unmapped']} not "
        f"({share(t['dao_sites_mapped'], t['dao_sites_mapped'] + t['dao_sites_unmapped'])})",
        f"ConfigKey declarations: {t['config_key_declarations']} found, text search {t['config_key_text_search']}; "
        f"settings-enum constants {t['settings_enum_constants']}; {t['tables']} tables of {t['entities']} entities",
        f"flows with tables: {fl['with_tables']}/{fl['apis']} ({share(fl['with_tables'], fl['apis'])})",
        f"hand-off edges: {f['edges']}",
        f"not linked work classes: {w['not_linked']}",
        f"command classes sent without a handler ({len(a['not_reached'])}): {', '.join(c.rsplit('.', 1)[-1] for c in a['not_reached'][:40])}",
    ])


if __name__ == "__main__":
    main()
