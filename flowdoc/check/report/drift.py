"""Reports of an API drift comparison: ``text`` (grouped, coloured on a terminal), ``markdown``
(a PR comment), ``json`` (for tools) and ``github`` (workflow-command annotations at the Java line).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from flowdoc.check.drift import (
    BREAKING,
    DOC,
    KIND_SEVERITY,
    NON_BREAKING,
    RANK,
    SEVERITIES,
    SEVERITY_TITLES,
    WARNING,
    Change,
    Report,
)
from flowdoc.check.report.escape import gh_data, gh_prop, md_code, md_escape

_STYLE = {BREAKING: "bold red", NON_BREAKING: "green", WARNING: "yellow", DOC: "dim"}
_ICON = {BREAKING: "❌", NON_BREAKING: "✅", WARNING: "⚠️", DOC: "📝"}


def _summary_line(report: Report) -> str:
    c = report.counts()
    kinds = report.kind_counts()
    apis = f"APIs {report.old_apis} -> {report.new_apis} (+{kinds.get('api-added', 0)} " \
           f"-{kinds.get('api-removed', 0)}"
    if kinds.get("api-renamed"):
        apis += f", {kinds['api-renamed']} renamed"
    apis += ")"
    return (f"{c[BREAKING]} breaking, {c[NON_BREAKING]} non-breaking, {c[WARNING]} warnings, "
            f"{c[DOC]} doc-only; {apis}")


# Plural phrases for rows that fold several changes of one kind to one API.
_PLURAL = {
    "param-removed": "parameters removed", "param-added": "optional parameters added",
    "param-added-required": "new required parameters", "param-now-required": "parameters became required",
    "param-now-optional": "parameters became optional", "param-type-changed": "parameters retyped",
    "param-without-since": "new parameters without 'since'", "param-description": "parameter descriptions changed",
    "param-since": "parameter 'since' changed", "response-field-removed": "response fields removed",
    "response-field-added": "response fields added", "response-field-retyped": "response fields retyped",
    "response-field-description": "response field descriptions changed",
    "response-field-since": "response field 'since' changed", "role-removed": "roles removed",
    "role-added": "roles added",
}


@dataclass(frozen=True)
class Row:
    """One line of a text or markdown report: a change, or several of one kind to one API."""

    severity: str
    api: str
    message: str
    where: str
    side: str
    file: str | None
    line: int | None
    count: int = 1


def rows(changes: Iterable[Change]) -> list[Row]:
    """Changes as report rows, folding same-kind changes of one API (12 response fields
    added to ``listX`` are one row, not twelve). The json report keeps every change."""
    out: list[Row] = []
    groups: dict[tuple, list[Change]] = {}
    order: list[tuple] = []
    for ch in changes:
        key = (ch.severity, ch.api, ch.kind) if ch.param and ch.kind in _PLURAL else (id(ch),)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(ch)
    for key in order:
        group = groups[key]
        first = group[0]
        if len(group) == 1:
            out.append(Row(first.severity, first.api, first.message, first.where, first.side, first.file, first.line))
            continue
        names = ", ".join(c.param or "" for c in group)
        files = {(c.file, c.line) for c in group}
        where = first.where if len(files) == 1 else f"{first.where} (+{len(files) - 1} more places)"
        out.append(Row(first.severity, first.api, f"API {first.api}: {len(group)} {_PLURAL[first.kind]}: {names}",
                       where, first.side, first.file, first.line, len(group)))
    return out


def text_lines(report: Report, max_per_group: int | None = None) -> list[tuple[str, str]]:
    """(rich style, line) pairs: a header, then one group per severity, breaking first."""
    lines: list[tuple[str, str]] = [
        ("bold", f"flowdoc diff: {report.old_label} -> {report.new_label}"),
        ("bold red" if report.counts()[BREAKING] else "bold green", _summary_line(report)),
    ]
    note = unparsed_note(report)
    if note:
        lines.append(("yellow", note.replace("`", "")))
    for sev in SEVERITIES:
        group = [c for c in report.changes if c.severity == sev]
        if not group:
            continue
        lines.append(("", ""))
        lines.append((_STYLE[sev] + " underline", f"{SEVERITY_TITLES[sev]} ({len(group)})"))
        all_rows = rows(group)
        shown = all_rows if max_per_group is None else all_rows[:max_per_group]
        for row in shown:
            lines.append((_STYLE[sev], f"  {row.message}"))
            if row.where:
                lines.append(("dim", f"    {row.where}" + (" (old tree)" if row.side == "old" else "")))
        if len(shown) < len(all_rows):
            hidden = sum(r.count for r in all_rows[len(shown):])
            lines.append(("dim", f"  ... and {hidden} more (--format json lists all)"))
    if not report.changes:
        lines.append(("green", "no API changes"))
    return lines


def render_text(report: Report, max_per_group: int | None = None) -> str:
    return "\n".join(text for _, text in text_lines(report, max_per_group)) + "\n"


# A GitHub PR comment holds at most 65,536 characters; leave room for what a workflow adds.
MARKDOWN_MAX_CHARS = 60_000


def render_markdown(report: Report, max_per_group: int | None = None, link_base: str | None = None,
                    max_chars: int | None = MARKDOWN_MAX_CHARS) -> str:
    """A PR comment: summary, breaking changes in the open, the rest folded. Longer than
    ``max_chars`` (None: no limit), the groups list fewer rows, breaking ones kept longest, and
    say how many more the json report has."""
    caps = dict.fromkeys(SEVERITIES, max_per_group)
    text = _markdown(report, caps, link_base)
    if max_chars is None or len(text) <= max_chars:
        return text
    sizes = {sev: len(rows([ch for ch in report.changes if ch.severity == sev])) for sev in SEVERITIES}
    others = [sev for sev in SEVERITIES if sev != BREAKING]
    for squeezed in (others, list(SEVERITIES)):  # the other groups first, then breaking too
        def fits(k: int, squeezed=squeezed) -> bool:
            return len(_markdown(report, {**caps, **{s: _cap(caps[s], k) for s in squeezed}}, link_base,
                                 folded=max_chars)) <= max_chars
        if fits(0):
            lo, hi = 0, max(sizes[s] for s in squeezed)
            while lo < hi:  # the largest per-group count that still fits
                mid = (lo + hi + 1) // 2
                lo, hi = (mid, hi) if fits(mid) else (lo, mid - 1)
            return _markdown(report, {**caps, **{s: _cap(caps[s], lo) for s in squeezed}}, link_base, folded=max_chars)
    return _markdown(report, dict.fromkeys(SEVERITIES, 0), link_base, folded=max_chars)


def _cap(given: int | None, k: int) -> int:
    return k if given is None else min(given, k)


def _markdown(report: Report, caps: dict[str, int | None], link_base: str | None, folded: int | None = None) -> str:
    c = report.counts()
    head = "❌" if c[BREAKING] else "✅"
    out = [f"### {head} flowdoc API drift: `{report.old_label}` → `{report.new_label}`", "",
           f"**{c[BREAKING]} breaking**, {c[NON_BREAKING]} non-breaking, {c[WARNING]} warnings, "
           f"{c[DOC]} doc-only · APIs {report.old_apis} → {report.new_apis}", ""]
    note = unparsed_note(report)
    if note:
        out += [f"> ⚠️ {note}", ""]
    kinds = report.kind_counts()
    if kinds:
        out.append("| change | count |")
        out.append("|---|---:|")
        for kind, n in sorted(kinds.items(), key=lambda kv: (RANK[KIND_SEVERITY.get(kv[0], DOC)], kv[0])):
            out.append(f"| {_ICON[KIND_SEVERITY.get(kind, DOC)]} `{kind}` | {n} |")
        out.append("")
    for sev in SEVERITIES:
        group = [ch for ch in report.changes if ch.severity == sev]
        if not group:
            continue
        all_rows = rows(group)
        shown = all_rows if caps[sev] is None else all_rows[:caps[sev]]
        body = ["| API | change | where |", "|---|---|---|"]
        for row in shown:
            where = row.where
            if where and link_base and row.file and row.side == "new":
                short = where.rsplit("/", 1)[-1]
                where = f"[{md_escape(short)}]({link_base.rstrip('/')}/{row.file}#L{row.line or 1})"
            else:
                where = md_code(where) if where else ""
            if where and row.side == "old":
                where += " (old)"
            message = row.message.removeprefix(f"API {row.api}: ")
            body.append(f"| {md_code(row.api)} | {md_escape(message)} | {where} |")
        if len(shown) < len(all_rows):
            hidden = sum(r.count for r in all_rows[len(shown):])
            body.append(f"| … | {hidden} more (see the json report) | |")
        title = f"{_ICON[sev]} {SEVERITY_TITLES[sev]} ({len(group)})"
        if sev == BREAKING:
            out += [f"#### {title}", "", *body, ""]
        else:
            out += ["<details>", f"<summary>{title}</summary>", "", *body, "", "</details>", ""]
    if not report.changes:
        out.append("No API changes.")
    if folded:
        out += ["", f"_Shortened to {folded:,} characters at most, to fit a pull-request comment; "
                    "`flowdoc diff --format json` lists every change._"]
    return "\n".join(out).rstrip() + "\n"


def render_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: ``::error`` for breaking, ``::warning`` for the
    rest (``::notice`` for doc-only), at the Java line in the new tree."""
    level = {BREAKING: "error", NON_BREAKING: "warning", WARNING: "warning", DOC: "notice"}
    out = []
    for ch in report.changes:
        props = []
        message = ch.message
        if ch.file and ch.side == "new":
            props.append(f"file={gh_prop(ch.file)}")
            if ch.line:
                props.append(f"line={ch.line}")
        elif ch.file:
            message += f" (was {ch.where})"
        props.append(f"title={gh_prop(f'flowdoc: {ch.severity} API change ({ch.kind})')}")
        out.append(f"::{level[ch.severity]} {','.join(props)}::{gh_data(message)}")
    out.append(f"::notice title={gh_prop('flowdoc diff')}::{gh_data(_summary_line(report))}")
    return "\n".join(out) + "\n"


def render(report: Report, fmt: str, max_per_group: int | None = None, link_base: str | None = None,
           max_chars: int | None = MARKDOWN_MAX_CHARS) -> str:
    if fmt == "text":
        return render_text(report, max_per_group)
    if fmt == "markdown":
        return render_markdown(report, max_per_group, link_base, max_chars)
    if fmt == "json":
        return render_json(report)
    if fmt == "github":
        return render_github(report)
    raise ValueError(f"unknown report format {fmt!r}")


def unparsed_note(report: Report) -> str | None:
    """The line saying how many files of each side could not be parsed (None: all parsed)."""
    counts = report.extra.get("unparsed") or {}
    parts = [f"{n} file(s) of {side.upper()} could not be parsed" for side, n in counts.items() if n]
    if not parts:
        return None
    return "note: " + "; ".join(parts) + " (APIs they declare are missing from that side; see `flowdoc scan --problems`)"
