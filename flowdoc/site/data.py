"""What the generated pages are made of, as plain values (the site's input)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flowdoc.site.views.links import SourceLinks


@dataclass
class SiteData:
    """Everything the generated pages need, as plain values."""

    model: dict
    flows: dict[str, dict] = field(default_factory=dict)  # api name -> Flow.as_dict()
    diagrams: dict[str, list[dict]] = field(default_factory=dict)  # api name -> phase_diagrams()
    packages: list[dict] = field(default_factory=list)  # from flowdoc.read.packaging
    http_repositories: list[dict] = field(default_factory=list)
    links: SourceLinks = field(default_factory=SourceLinks)
    mermaid: bool = True  # the site bundles mermaid (the build decides)
    tree_kind: str = "other"  # flowdoc.read.packaging.tree_kind: which hand-written pages apply
    project: str | None = None  # the root pom's project name ("Apache CloudStack", "Nimbus Cloud")
    diagram_fn: Callable[..., str] | None = None  # (api name, max_participants=, max_messages=) -> mermaid
    history: dict | None = None  # a flowdoc.history/1 file (flowdoc history), for "added in / last changed in"
    reference: dict | None = None  # settings, tables, concepts (flowdoc.analyze.touches.reference)

