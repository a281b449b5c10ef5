"""The site's data from the stages' plain values: the API model, the flows, the scan's root.

Nothing here runs an analysis stage: the caller (``Project.site_data()``, or a test) builds the
model and the flows and hands them in; this module only draws the diagrams, reads the packaging
files of the tree and puts everything into one :class:`~flowdoc.site.data.SiteData`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from flowdoc.model.problems import Problem
from flowdoc.read import packaging
from flowdoc.site.data import SiteData
from flowdoc.site.sequence import phase_diagrams, sequence_diagram
from flowdoc.site.views.links import SourceLinks


def collect_site_data(scan, model, flows: Mapping[str, object], source_url: str | None = None,
                      timings: dict[str, float] | None = None,
                      reference: dict | None = None) -> tuple[SiteData, list[Problem]]:
    """(SiteData, problems) of a tree: ``model`` is the ApiModel of ``scan``, ``flows`` maps API
    names to their Flow (or ``Flow.as_dict()``) at the site's depth; an API without a flow gets
    no flow page. The problems are the model's and the diagrams that could not be drawn."""
    timings = timings if timings is not None else {}
    root = Path(scan.root)
    problems: list[Problem] = list(getattr(model, "problems", []) or [])
    by_name = {cmd.name: cmd for cmd in model.commands}
    flow_dicts: dict[str, dict] = {}
    diagrams: dict[str, list[dict]] = {}
    t = time.perf_counter()
    for name, flow in flows.items():
        flow_dicts[name] = flow.as_dict() if hasattr(flow, "as_dict") else flow
        try:
            diagrams[name] = phase_diagrams(flow)
        except Exception as exc:  # one API's diagram must not sink the site
            cmd = by_name.get(name)
            problems.append(Problem(cmd.file if cmd else "flowdoc", cmd.line if cmd else 0, "diagram-error",
                                    f"{name}: {type(exc).__name__}: {exc}"))
    timings["diagrams"] = time.perf_counter() - t

    def diagram_fn(name: str, **limits: int) -> str:  # the few lifecycle examples, drawn smaller
        return sequence_diagram(flows[name], **limits) if name in flows else ""

    t = time.perf_counter()
    data = SiteData(model=model.as_dict(), flows=flow_dicts, diagrams=diagrams,
                    packages=[p.as_dict() for p in packaging.read_packages(root)],
                    http_repositories=[r.as_dict() for r in packaging.http_repositories(root)],
                    links=SourceLinks(root=root, url=source_url), diagram_fn=diagram_fn, mermaid=False,
                    tree_kind=packaging.tree_kind(root), project=packaging.project_name(root),
                    reference=reference)
    timings["packaging"] = time.perf_counter() - t
    return data, problems
