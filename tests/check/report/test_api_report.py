"""The api --format markdown/table reports: required parameters first, text escaped once."""

from __future__ import annotations

import io
from types import SimpleNamespace

from rich.console import Console

from flowdoc.analyze.api import ApiCommand
from flowdoc.check.report.api import render_markdown, render_table


def _command() -> ApiCommand:
    return ApiCommand.from_dict({
        "name": "launchRocket", "class": "org.demo.LaunchRocketCmd", "file": "LaunchRocketCmd.java", "line": 3,
        "description": "Launches | a <b>rocket</b>.", "isasync": True, "category": "Rocket",
        "variants": [{"class": "org.demo.LaunchRocketCmd", "registered": True}],
        "params": [{"name": "altitude", "type": "long"}, {"name": "padid", "type": "uuid", "required": True},
                   {"name": "name", "type": "string"}, {"name": "fuel", "type": "string", "required": True}],
    })


def test_markdown_lists_required_parameters_first_then_by_name():
    text = render_markdown(SimpleNamespace(version="9.9", root="/t"), [_command()])
    rows = [line.split("`")[1] for line in text.splitlines() if line.startswith("| `")]
    assert rows == ["padid", "fuel", "altitude", "name"]  # required as declared, then the rest
    assert "Launches &#124; a &#60;b&#62;rocket&#60;/b&#62;." in text  # the one escaper


def test_table_has_the_required_parameters_in_their_own_column():
    buffer = io.StringIO()
    Console(file=buffer, width=200).print(render_table(SimpleNamespace(version="9.9", root="/t"), [_command()]))
    line = next(li for li in buffer.getvalue().splitlines() if "launchRocket" in li)
    assert "padid fuel" in line
