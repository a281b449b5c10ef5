"""The 4.22 deployVirtualMachine flow page opens on the main path (skipped without the tree)."""

from __future__ import annotations

import re

import pytest

from flowdoc.analyze.api import build_api_model
from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.flows import build_flow
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.site.views.flow import call_tree_html
from flowdoc.site.views.links import SourceLinks

pytestmark = pytest.mark.realtree

_TAG = re.compile(r'<details class="flowdoc-fold">|<details>|</details>')


def unfolded(html: str) -> str:
    """The call tree without its folds (what a reader sees before opening any); tags dropped."""
    out, pos, folds, stack = [], 0, 0, []
    for m in _TAG.finditer(html):
        if folds == 0:
            out.append(html[pos:m.start()])
        if m.group() == '<details class="flowdoc-fold">':
            stack.append(True)
            folds += 1
        elif m.group() == "<details>":
            stack.append(False)
        elif stack.pop():
            folds -= 1
        pos = m.end()
    if folds == 0:
        out.append(html[pos:])
    return "".join(out)


def test_deploy_virtual_machine_page_shows_the_main_path_before_any_side_step(scan_422):
    index = build_symbol_index(scan_422)
    model = build_api_model(scan_422, index)
    graph = build_call_graph(scan_422, index)
    flow = build_flow(model.command("deployVirtualMachine"), graph, index)
    html = call_tree_html(flow.as_dict(), SourceLinks(root=scan_422.root), snippet_budget=0)
    shown = unfolded(html)
    order = ["ApiServlet#processRequest(", "DeployVMCmd#create()", "UserVmManagerImpl#createVirtualMachine(",
             "AsyncJobManagerImpl$5#runInContext()", "DeployVMCmd#execute()", "UserVmManagerImpl#startVirtualMachine("]
    at = [shown.index(o) for o in order]
    assert at == sorted(at)
    before = shown[:at[-1]]
    assert "checkAccess" not in before and "flowdoc-rank-" not in before  # no side step before the start
    assert before.count("<li") <= 25  # the first screen at 1400x1000 holds about 30 rows
    # the access checks are there, folded, with their count on the fold's line
    assert "checkAccess" in html and "1 access check" in html
