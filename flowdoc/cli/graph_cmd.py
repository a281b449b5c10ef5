"""``flowdoc graph``: the whole call graph as JSON or GraphML, for other tools."""

from __future__ import annotations

import argparse
import io
import json

import networkx as nx

from flowdoc.cli.common import add_source_options, console, emit, project_of

SCHEMA = "flowdoc.callgraph/1"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("graph", help="export the whole call graph (json or graphml)")
    add_source_options(parser)
    parser.add_argument("--format", choices=("json", "graphml"), default="json")
    parser.add_argument("-o", "--output", default=None, help="write to FILE instead of stdout")
    parser.set_defaults(run=run)


def graph_as_dict(graph, scan) -> dict:
    g = graph.graph
    nodes = []
    for node in sorted(g.nodes):
        attrs = g.nodes[node]
        nodes.append({"id": node, **{k: attrs[k] for k in sorted(attrs)}})
    edges = []
    for u, v, d in g.edges(data=True):
        edge = {"from": u, "to": v, "kind": d["kind"], "file": d["file"], "line": d["line"],
                "ambiguous": d["ambiguous"]}
        edge.update({k: (list(d[k]) if k == "hops" else d[k]) for k in ("via", "hops") if d.get(k)})
        edges.append(edge)
    edges.sort(key=lambda e: (e["from"], e["line"], e["to"], e["kind"]))
    return {"schema": SCHEMA, "source": {"root": str(scan.root), "version": scan.version},
            "stats": graph.stats.as_dict(), "nodes": nodes, "edges": edges}


def _graphml_ready(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML holds scalars only: a hand-off's hops become one text, ``a -> b``."""
    if not any("hops" in d for _, _, d in g.edges(data=True)):
        return g
    out = g.copy()
    for _, _, d in out.edges(data=True):
        if "hops" in d:
            d["hops"] = " -> ".join(d["hops"])
    return out


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    graph, scan = project.graph, project.scan
    if args.format == "json":
        text = json.dumps(graph_as_dict(graph, scan), separators=(",", ":"))  # large: keep it compact
    else:
        buffer = io.BytesIO()
        nx.write_graphml(_graphml_ready(graph.graph), buffer)
        text = buffer.getvalue().decode("utf-8")
    emit(text, args.output)
    stats = graph.stats
    console.print(f"call graph: {stats.methods_summary()}; {graph.graph.number_of_edges():,} edges, "
                  f"{stats.resolved_share:.1%} of {stats.call_sites:,} call sites resolved",
                  markup=False, highlight=False)
    return 0
