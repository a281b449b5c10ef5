"""The report of ``flowdoc check``: a stale snapshot and dangling doc references, as text,
JSON or GitHub annotations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from flowdoc.check import drift
from flowdoc.check.references import Dangling
from flowdoc.check.report import drift as drift_report
from flowdoc.check.report.escape import gh_data, gh_prop


@dataclass
class CheckResult:
    """What ``check`` found. ``snapshot`` None: no snapshot was compared; ``docs`` None: no pages."""

    snapshot: Path | None
    stale: list[drift.Change]
    source_label: str  # the source's "name (version)"
    source_display: str  # the source as the user gave it (for the refresh command)
    apis: int  # APIs of the source's model
    docs: Path | None = None
    dangling: list[Dangling] = field(default_factory=list)
    pages: int = 0
    references: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.stale or self.dangling)


def render_check(result: CheckResult, fmt: str) -> str:
    """``fmt``: text | json | github."""
    if fmt == "json":
        return json.dumps({
            "schema": "flowdoc.check/1",
            "snapshot": {"file": str(result.snapshot) if result.snapshot is not None else None,
                         "stale": bool(result.stale), "changes": [c.as_dict() for c in result.stale]},
            "docs": {"dir": str(result.docs) if result.docs else None, "pages": result.pages,
                     "references": result.references, "dangling": [d.as_dict() for d in result.dangling]},
        }, indent=2) + "\n"
    if fmt == "github":
        lines = []
        for ch in result.stale:
            prop = f"file={gh_prop(ch.file)},line={ch.line}," if ch.file and ch.side == "new" else ""
            lines.append(f"::error {prop}title={gh_prop('flowdoc check: snapshot is stale')}::"
                         f"{gh_data(ch.message)}")
        for d in result.dangling:
            hint = f" (closest: {d.closest})" if d.closest else ""
            lines.append(f"::error file={gh_prop(d.ref.page)},line={d.ref.line},"
                         f"title={gh_prop('flowdoc check: dangling reference')}::"
                         f"{gh_data(d.reason + hint)}")
        return "\n".join(lines) + ("\n" if lines else "")
    lines = []
    if result.snapshot is not None:
        if result.stale:
            lines.append(f"{result.snapshot}: stale: {len(result.stale)} change(s) since it was written "
                         f"(refresh with: flowdoc snapshot --source {result.source_display} -o {result.snapshot})")
            report = drift.Report(result.stale, str(result.snapshot), result.source_label)
            lines += ["  " + line for line in drift_report.render_text(report).splitlines()[2:] if line.strip()]
        else:
            lines.append(f"{result.snapshot}: up to date ({result.apis} APIs)")
    if result.docs is not None:
        for d in result.dangling:
            lines.append(str(d))
        lines.append(f"{result.docs}: {result.pages} pages, {result.references} references, "
                     f"{len(result.dangling)} dangling")
    if not lines:
        lines.append("nothing to check (no --snapshot, no docs folder)")
    return "\n".join(lines) + "\n"
