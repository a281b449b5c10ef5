"""The one Markdown/HTML escaper and the GitHub workflow-command escaping."""

from __future__ import annotations

from flowdoc.check.report.escape import gh_data, gh_prop, md_code, md_escape
from tests.site_fixtures import HOSTILE


def test_md_escape_neutralises_html_and_markdown():
    out = md_escape(HOSTILE)
    for bad in ("<", ">", "|", "[", "]", "*", "`"):
        assert bad not in out
    assert "&#60;script&#62;" in out
    assert md_escape("1. first") == "1&#46; first"
    assert md_escape("- item") == "&#45; item"
    assert md_escape("4.22.0") == "4.22.0"
    assert md_escape("two\nlines") == "two lines"


def test_md_code_is_an_element_not_backticks():
    assert md_code("a`b|c") == "<code>a&#96;b&#124;c</code>"


def test_github_escaping_keeps_one_line_and_properties_apart():
    assert gh_data("50% done\nnext") == "50%25 done%0Anext"
    assert gh_prop("a:b,c") == "a%3Ab%2Cc"
