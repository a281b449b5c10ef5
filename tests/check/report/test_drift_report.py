"""The drift reports (text, markdown, json, github) of a small comparison."""

from __future__ import annotations

import copy
import json

from flowdoc.check import drift
from flowdoc.check.report import drift as drift_report
from tests.check.test_drift import BASE, sample_report


def test_text_report_groups_breaking_first():
    text = drift_report.render_text(sample_report())
    assert text.splitlines()[0] == "flowdoc diff: 1.0 -> 2.0"
    assert text.index("Breaking (1)") < text.index("Non-breaking (2)") < text.index("Warnings (2)") \
        < text.index("Doc-only (1)")
    assert "API createThing: parameter size removed" in text
    assert "api/src/main/java/org/acme/api/CreateThingCmd.java:20" in text


def test_markdown_report_has_open_breaking_table_and_folded_rest():
    md = drift_report.render_markdown(sample_report())
    assert md.startswith("### ❌ flowdoc API drift: `1.0` → `2.0`")
    assert "#### ❌ Breaking (1)" in md
    assert "<summary>✅ Non-breaking (2)</summary>" in md
    assert "lists &#124; things" not in md and "lists | things" not in md  # descriptions: only that they changed
    assert ("| <code>createThing</code> | parameter size removed | "
            "<code>api/src/main/java/org/acme/api/CreateThingCmd.java&#58;20</code> |") in md


def test_markdown_report_escapes_hostile_text_with_the_one_escaper():
    report = sample_report()
    report.changes[0] = drift.Change(**{**report.changes[0].as_dict(), "api": "x<script>|y",
                                        "message": "API x<script>|y: [a](javascript:1) *b*"})
    md = drift_report.render_markdown(report)
    assert "<script>" not in md and "[a](" not in md and "*b*" not in md
    assert "<code>x&#60;script&#62;&#124;y</code>" in md


def test_markdown_link_base_and_limit():
    md = drift_report.render_markdown(sample_report(), max_per_group=1, link_base="https://example.org/blob/abc")
    assert "[CreateThingCmd.java&#58;20](https://example.org/blob/abc/api/src/main/java/org/acme/api/CreateThingCmd.java#L20)" in md
    assert "1 more (see the json report)" in md


def test_json_report_round_trips():
    data = json.loads(drift_report.render_json(sample_report()))
    assert data["schema"] == "flowdoc.drift/1"
    assert data["summary"]["breaking"] == 1
    assert data["changes"][0]["kind"] == "param-removed"
    assert {"kind", "severity", "api", "param", "message", "file", "line"} <= set(data["changes"][0])


def test_github_annotations_escape_and_point_at_java_lines():
    lines = drift_report.render_github(sample_report()).splitlines()
    assert lines[0].startswith("::error file=api/src/main/java/org/acme/api/CreateThingCmd.java,line=20,title=")
    assert lines[0].endswith("::API createThing: parameter size removed")
    tier = next(line for line in lines if "tier" in line and "warning" in line)
    assert "tier,a" in tier.split("::")[2]  # message text keeps commas; properties escape them
    assert lines[-1].startswith("::notice title=flowdoc diff::1 breaking")


def test_github_removed_api_has_no_file_property():
    new = copy.deepcopy(BASE)
    new["commands"].pop(1)
    out = drift_report.render_github(drift.build_report(BASE, new))
    first = out.splitlines()[0]
    assert first.startswith("::error title=") and "(was api/src/main/java/org/acme/api/ListThingsCmd.java:20)" in first


def _many_changes(n_breaking: int, n_other: int):
    report = sample_report()
    first = report.changes[0].as_dict()
    made = [drift.Change(**{**first, "api": f"api{i:04d}", "message": f"API api{i:04d}: parameter p removed",
                            "severity": drift.BREAKING if i < n_breaking else drift.NON_BREAKING})
            for i in range(n_breaking + n_other)]
    report.changes = made
    return report


def test_markdown_stays_under_the_limit_keeping_breaking_rows_longest():
    report = _many_changes(30, 3000)
    full = drift_report.render_markdown(report, max_chars=None)
    assert len(full) > 65_536 and "Shortened" not in full
    md = drift_report.render_markdown(report)  # the default limit
    assert len(md) <= drift_report.MARKDOWN_MAX_CHARS
    assert all(f"<code>api{i:04d}</code>" in md for i in range(30))  # every breaking row kept
    assert "more (see the json report)" in md and "`flowdoc diff --format json` lists every change" in md


def test_markdown_limit_folds_breaking_rows_too_when_they_alone_do_not_fit():
    md = drift_report.render_markdown(_many_changes(400, 0), max_chars=5_000)
    assert len(md) <= 5_000
    assert "more (see the json report)" in md
