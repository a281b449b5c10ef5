"""Rendering from the contract dict: page text, escaping, examples, call tree, hand-written pages."""

from __future__ import annotations

import json

import pytest

from flowdoc.check.report.escape import md_escape
from flowdoc.site.data import SiteData
from flowdoc.site.pages import PAGE_LIMIT, link_api_names, render_pages
from flowdoc.site.views.api import example_response, field_row
from flowdoc.site.views.common import async_kind, build_indexes, link_slug, response_key, slug
from flowdoc.site.views.links import SourceLinks
from tests.site_fixtures import PHASES, fixture_flow, fixture_model, write_sources


@pytest.fixture()
def pages(tmp_path):
    write_sources(tmp_path)
    data = SiteData(model=fixture_model(), flows={"launchRocket": fixture_flow()},
                    diagrams={"launchRocket": PHASES}, links=SourceLinks(root=tmp_path))
    return render_pages(data)


def test_every_page_is_generated(pages):
    assert set(pages) == {"index.md", "api/index.md", "api/launchRocket.md", "api/listPads.md", "api/listZones.md",
                          "flows/launchRocket.md", "flows/index.md", "lifecycle.md", "concepts.md"}


def test_home_counts(pages):
    home = pages["index.md"]
    assert "| Source version | 9.9.9-TEST |" in home
    assert "| APIs | 3 |" in home
    assert "| Asynchronous APIs | 1 " in home
    assert "| Java files read | 42 |" in home


def test_api_page_parameter_rows_and_examples(pages):
    page = pages["api/launchRocket.md"]
    assert '| <code title="declared in x">padid</code> | uuid | yes | pad to launch from |  | ' \
           '<code class="flowdoc-entity">Pad<wbr>Response</code> ([<code class="flowdoc-entity">list<wbr>Pads</code>](listPads.md)) |' in page
    assert '| <code title="declared in x">payload</code> | map | yes | cargo &#124; weight |' in page
    assert "command=launchRocket&amp;padid=...&amp;payload[0].key=value&amp;response=json" in page
    assert '"launchrocketresponse"' in page and '"jobid"' in page
    assert "queryasyncjobresultresponse" in page
    assert "| Kind | async-create |" in page
    assert "[how <code>launchRocket</code> is implemented](../flows/launchRocket.md)" in page
    # two classes declare the name
    assert "LaunchRocketCmdByAdmin" in page


def test_hostile_description_is_text(pages):
    page = pages["api/launchRocket.md"]
    assert "<script>" not in page and "<img" not in page and "](javascript" not in page
    assert "&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;" in page


def test_list_api_example_response_has_count_and_items(pages):
    page = pages["api/listPads.md"]
    assert "command=listPads&amp;response=json" in page
    assert '"listpadsresponse"' in page and '"count": 1' in page and '"pad": [' in page


def test_nested_response_linked(pages):
    assert '| <code>pad</code> | <code class="flowdoc-entity">Pad<wbr>Response</code> ' \
           '([<code class="flowdoc-entity">list<wbr>Pads</code>](listPads.md)) |' in pages["api/launchRocket.md"]


def test_required_parameters_come_first(pages):
    page = pages["api/launchRocket.md"]
    rows = [line.split(">", 2)[1].split("<")[0] for line in page.splitlines() if line.startswith('| <code title="declared')]
    assert rows == ["padid", "payload", "name"]  # padid and payload are required; then the rest by name


def test_entity_names_break_only_between_words():
    from flowdoc.site.views.common import entity_code

    assert entity_code("AffinityGroupResponse") == \
        '<code class="flowdoc-entity">Affinity<wbr>Group<wbr>Response</code>'
    assert "<b>" not in entity_code("X<b>Y")


def test_index_grouped_by_category(pages):
    index = pages["api/index.md"]
    assert index.index("## pad") < index.index("## rocket") < index.index("## zone")
    assert '<span class="flowdoc-badge flowdoc-async-create">async-create</span>' in index


def test_flow_page_diagram_and_call_tree(pages):
    page = pages["flows/launchRocket.md"]
    assert "Participants: <code>Servlet</code>, <code>JobManager</code>, <code>LaunchRocketCmd</code>" in page
    assert '<pre class="flowdoc-mermaid">sequenceDiagram' in page
    assert "Servlet-&gt;&gt;JobManager: submit" in page
    # hops expandable with their source lines, escaped
    assert "<summary><code>JobManager#submit</code>" in page
    assert "pool.run(j); // a &lt;b&gt;tag&lt;/b&gt; in a comment" in page
    assert '<span class="flowdoc-badge flowdoc-async">job thread</span>' in page
    # the hand-off's hops (the runnable wrapper) on the row of the step past it
    assert '<small class="flowdoc-hops">via <code>Worker#run</code></small>' in page
    assert "+2 not shown" in page
    # nested lists are well formed
    assert page.count("<ul>") == page.count("</ul>")
    assert page.count("<li") == page.count("</li>")
    assert "mystery.&#60;b&#62;call&#60;/b&#62;()" in page


def test_source_links_with_url(tmp_path):
    write_sources(tmp_path)
    links = SourceLinks(root=tmp_path, url="https://example.org/repo/blob/abc")
    data = SiteData(model=fixture_model(), flows={"launchRocket": fixture_flow()}, diagrams={}, links=links)
    pages = render_pages(data)
    assert "(https://example.org/repo/blob/abc/api/src/main/java/org/demo/api/command/user/rocket/" \
           "LaunchRocketCmd.java#L12)" in pages["api/launchRocket.md"]
    assert '<a href="https://example.org/repo/blob/abc/jobs/JobManager.java#L2">' in pages["flows/launchRocket.md"]


def test_large_flow_page_stays_under_limit(tmp_path):
    flow = fixture_flow()
    big = "\n".join(f"    int x{i} = {i}; // {'y' * 60}" for i in range(400))
    (tmp_path / "Big.java").write_text("class Big {\n" + big + "\n}\n")
    nodes, steps = list(flow["nodes"]), []
    for i in range(600):
        node = {"id": f"p.Big.m{i}()", "class": "p.Big", "method": f"m{i}", "file": "Big.java", "line": 1,
                "end_line": 400}
        nodes.append(node)
        steps.append({"depth": i % 5, "node": node["id"], "kind": "call", "call_file": "Big.java", "call_line": 2,
                      "async": False, "repeat": False, "folded": 0})
    flow.update(nodes=nodes, steps=steps)
    data = SiteData(model=fixture_model(), flows={"launchRocket": flow}, diagrams={}, links=SourceLinks(root=tmp_path))
    page = render_pages(data)["flows/launchRocket.md"]
    assert len(page.encode()) < PAGE_LIMIT
    assert "more lines" in page


def test_lifecycle_and_concepts(pages):
    life = pages["lifecycle.md"]
    assert "## async-create (1 APIs)" in life
    assert "## sync (2 APIs)" in life
    assert "[<code>launchRocket</code>](flows/launchRocket.md)" in life
    # the chain from the entry point to the command's method, the job-thread hop marked
    assert "- <code>Servlet&#35;handle</code>\n    - <code>JobManager&#35;submit</code>\n" \
           "        - <code>LaunchRocketCmd&#35;execute</code> (async) — on the job thread" in life
    concepts = pages["concepts.md"]
    assert "zone[Zone] --&gt; pod[Pod]" in concepts
    assert "[<code>listZones</code>](api/listZones.md)" in concepts


def test_link_api_names_skips_code_blocks():
    text = "Call `listPads` first.\n\n```\n`listPads`\n```\n\nAlready [`listPads`](x.md); unknown `fooBar`.\n"
    out = link_api_names(text, ["listPads"], "../api/")
    assert out.splitlines()[0] == "Call [`listPads`](../api/listPads.md) first."
    assert "```\n`listPads`\n```" in out
    assert "[`listPads`](x.md)" in out and "`fooBar`" in out


def test_example_response_json_is_valid():
    model = fixture_model()
    for cmd in model["commands"]:
        kind = async_kind(cmd)
        assert response_key(cmd["name"]) in json.loads(example_response(cmd, kind))


def test_slug_neutralises_odd_names():
    assert slug("../etc/passwd") == "_etc_passwd"
    assert slug("deployVirtualMachine") == "deployVirtualMachine"


def test_nested_response_fields_in_skeleton_and_table():
    cmd = {"name": "listThings", "response": "p.ThingResponse", "params": [], "variants": [],
           "response_fields": [{"name": "nic", "type": "set", "response_object": "p.NicResponse",
                                "fields": [{"name": "ip", "type": "string"}]}]}
    body = json.loads(example_response(cmd, "sync", "thing"))
    assert body == {"listthingsresponse": {"count": 1, "thing": [{"nic": [{"ip": "string"}]}]}}
    idx = build_indexes({"commands": [cmd, {"name": "listNics", "response": "p.NicResponse"}]})
    row = field_row(cmd["response_fields"][0], idx, "")
    assert row["nested"] == ('set of <code class="flowdoc-entity">Nic<wbr>Response</code> '
                             '([<code class="flowdoc-entity">list<wbr>Nics</code>](listNics.md))')
    assert row["children"][0]["name"] == "ip"


def test_variant_source_shows_file_name_with_full_path_as_title(pages, tmp_path):
    page = pages["api/launchRocket.md"]
    full = "api/src/main/java/org/demo/api/command/admin/rocket/LaunchRocketCmdByAdmin.java:9"
    assert (f'<code class="flowdoc-src-short" title="{md_escape(full)}">'
            f'{md_escape("LaunchRocketCmdByAdmin.java:9")}</code>') in page
    fqn = "org.demo.api.command.admin.rocket.LaunchRocketCmdByAdmin"
    assert f'| <code title="{md_escape(fqn)}">LaunchRocketCmdByAdmin</code> |' in page
    linked = SourceLinks(root=tmp_path, url="https://example.org/blob/abc").short("a/b/C.java", 4)
    assert linked == ('<a href="https://example.org/blob/abc/a/b/C.java#L4" title="a/b/C.java&#58;4">'
                      '<code class="flowdoc-src-short" title="a/b/C.java&#58;4">C.java&#58;4</code></a>')


def test_link_targets_with_underscores_are_not_escaped():
    """ADD_HOST (an API named by an unresolved constant) and data_center (a table) keep their
    underscores in link targets; the link text is still escaped."""
    from flowdoc.site.pages import make_environment

    env = make_environment()
    text = env.from_string("[{{ name|code }}]({{ name|slug }}.md) [x](../api/{{ s }}.md)").render(
        name="data_center", s=link_slug("ApiNames.ADD_HOST"))
    assert "(data_center.md)" in text and "(../api/ApiNames.ADD_HOST.md)" in text
    assert "&#95;" not in text.split("](")[1]


def test_a_phase_with_nothing_drawn_is_a_sentence_not_an_empty_diagram(tmp_path):
    write_sources(tmp_path)
    empty = {"kind": "message_bus", "title": "Message bus: delivered (Listener)", "diagram": "sequenceDiagram\n",
             "participants": ["Listener"], "calls": 0, "drawn": 0}
    data = SiteData(model=fixture_model(), flows={"launchRocket": fixture_flow()},
                    diagrams={"launchRocket": [*PHASES, empty]}, links=SourceLinks(root=tmp_path))
    page = render_pages(data)["flows/launchRocket.md"]
    assert page.count('<pre class="flowdoc-mermaid">') == 1  # the request phase only
    assert "### 2. Message bus&#58; delivered (Listener)" in page
    assert "The work runs in <code>Listener</code>;" in page and "--depth N" in page
