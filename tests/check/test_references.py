"""The doc-reference checker on its own (flowdoc.check.references): no CLI, no model cache."""

from __future__ import annotations

import textwrap

from flowdoc.check.references import verify_pages
from flowdoc.pipeline import Project
from tests.check.test_check import PAGE
from tests.check.test_drift import ACME
from tests.helpers import write_java_tree


def test_verify_pages_reads_the_index_only_for_method_references(tmp_path):
    project = Project(write_java_tree(tmp_path / "src", ACME), jobs=1)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "apis.md").write_text("Call `listGadgets`, not `listGadget`.\n")
    asked = []

    def index():
        asked.append(1)
        return project.index

    dangling, pages, checked = verify_pages(docs, project.contract, index)
    assert (pages, checked, asked) == (1, 2, [])  # no Class#method on the page: no index built
    assert [str(d) for d in dangling] == [f"{docs.as_posix()}/apis.md:1: API listGadget does not exist "
                                          "(closest: listGadgets)"]

    (docs / "methods.md").write_text(textwrap.dedent(PAGE))
    dangling, pages, checked = verify_pages(docs, project.contract, index)
    assert asked == [1] and pages == 2
    kinds = sorted({d.ref.kind for d in dangling})
    assert kinds == ["api", "method", "param"]
    method = next(d for d in dangling if d.ref.name == "CreateGadgetCmd#exec")
    assert method.closest == "CreateGadgetCmd#execute" and method.as_dict()["line"] == 16
