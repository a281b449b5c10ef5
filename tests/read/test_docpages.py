"""Which tree a hand-written page is written about: front matter, and the tree's kind."""

from __future__ import annotations

from flowdoc.cli.common import sample_tree
from flowdoc.read.docpages import front_matter, page_checked, page_in_site
from flowdoc.read.packaging import tree_kind

CLOUDSTACK_ONLY = "---\nflowdoc_tree: cloudstack\ntitle: 'Walk'\n---\n\n# Walk\n"
EXAMPLES = "---\r\nflowdoc_check: CloudStack\r\n---\r\n# Reference\n"


def test_front_matter_values_and_pages_without_it():
    assert front_matter(CLOUDSTACK_ONLY) == {"flowdoc_tree": "cloudstack", "title": "Walk"}
    assert front_matter(EXAMPLES) == {"flowdoc_check": "CloudStack"}
    assert front_matter("# Title\n---\nflowdoc_tree: x\n---\n") == {}  # only a leading block counts


def test_a_tree_page_is_built_and_checked_only_for_its_kind():
    assert page_in_site(CLOUDSTACK_ONLY, "cloudstack") and page_checked(CLOUDSTACK_ONLY, "cloudstack")
    assert not page_in_site(CLOUDSTACK_ONLY, "sample") and not page_checked(CLOUDSTACK_ONLY, "sample")


def test_an_examples_page_is_built_everywhere_and_checked_only_for_its_kind():
    assert page_in_site(EXAMPLES, "sample") and page_in_site(EXAMPLES, "other")
    assert page_checked(EXAMPLES, "cloudstack") and not page_checked(EXAMPLES, "sample")
    assert page_in_site("# plain\n", "other") and page_checked("# plain\n", "sample")


def _pom(root, body):
    root.mkdir(parents=True, exist_ok=True)
    (root / "pom.xml").write_text(f'<project xmlns="http://maven.apache.org/POM/4.0.0">{body}</project>')
    return root


def test_tree_kind_from_the_root_pom(tmp_path):
    assert tree_kind(_pom(tmp_path / "cs", "<groupId>org.apache.cloudstack</groupId>")) == "cloudstack"
    declared = "<groupId>org.apache.cloudstack</groupId><properties><flowdoc.tree>Fork</flowdoc.tree></properties>"
    assert tree_kind(_pom(tmp_path / "fork", declared)) == "fork"
    assert tree_kind(_pom(tmp_path / "x", "<groupId>org.example</groupId>")) == "other"
    assert tree_kind(tmp_path / "no-pom") == "other"
    assert tree_kind(sample_tree()) == "sample"
