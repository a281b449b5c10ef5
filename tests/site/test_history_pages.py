"""API pages and index with a history file: added in / last changed in, APIs by release."""

from __future__ import annotations

from flowdoc.check import history
from flowdoc.site.data import SiteData
from flowdoc.site.pages import render_pages
from tests.site_fixtures import fixture_model


def fixture_history() -> dict:
    model = fixture_model()
    older = {"commands": [c for c in model["commands"] if c["name"] != "launchRocket"]}
    changed = {"commands": [dict(c, params=[]) if c["name"] == "listPads" else c for c in model["commands"]]}
    builder = history.HistoryBuilder()
    for name, m in (("1.0.0", older), ("1.1.0", model), ("1.2.0", changed)):
        builder.add(history.Release(name, name), m)
    return builder.as_dict()


def test_api_pages_and_index_show_the_history():
    pages = render_pages(SiteData(model=fixture_model(), history=fixture_history()))
    assert "| Added in | 1.1.0 |" in pages["api/launchRocket.md"]
    assert "| Last changed in | 1.1.0 |" in pages["api/launchRocket.md"]
    assert "| Added in | 1.0.0 (or earlier: the first release of the history) |" in pages["api/listPads.md"]
    assert "| Last changed in | 1.2.0 |" in pages["api/listPads.md"]
    index = pages["api/index.md"]
    assert "| API | badges | added in | description |" in index
    assert "[APIs by release](releases.md)" in index
    row = next(line for line in index.splitlines() if "(launchRocket.md)" in line)
    assert "| 1.1.0 |" in row
    releases = pages["api/releases.md"]
    assert releases.index("## 1.2.0") < releases.index("## 1.1.0") < releases.index("## 1.0.0")
    section = releases[releases.index("## 1.1.0"):releases.index("## 1.0.0")]
    assert "- **Added (1):** [<code>launchRocket</code>](launchRocket.md)" in section
    assert "**Changed (1):** [<code>listPads</code>](listPads.md)" in releases[:releases.index("## 1.1.0")]  # changed in 1.2.0


def test_without_history_nothing_changes():
    pages = render_pages(SiteData(model=fixture_model()))
    assert "api/releases.md" not in pages
    assert "Added in" not in pages["api/launchRocket.md"]
    assert "| API | badges | description |" in pages["api/index.md"]


def test_build_refuses_a_file_of_another_format(tmp_path, capsys):
    from flowdoc.cli import main

    bad = tmp_path / "snapshot.json"
    bad.write_text('{"schema": "flowdoc.api/1", "commands": []}')
    assert main(["build", "--history", str(bad), "-o", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a flowdoc history file" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "site").exists()
