"""Settings, database and concepts pages from the touches' reference data, on the bundled sample."""

from __future__ import annotations

from pathlib import Path

import pytest

import flowdoc
from flowdoc.pipeline import Options, Project
from flowdoc.site.pages import render_pages


@pytest.fixture(scope="module")
def pages():
    project = Project(Path(flowdoc.__file__).parent / "sample", Options(cache_dir=None))
    return render_pages(project.site_data())


def test_settings_page_lists_every_key_with_its_readers(pages):
    row = next(line for line in pages["settings/advanced.md"].splitlines() if "instance.start.any.host" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:5] == ["Advanced", "<code>true</code>", "Zone", "yes"]
    assert "[<code>startInstance</code>](../api/startInstance.md)" in cells[7]
    index = pages["settings/index.md"]
    assert "| [Advanced](advanced.md) |" in index and "settings in" in index


def test_a_database_page_per_table_with_columns_and_writers(pages):
    assert {"database/index.md", "database/instance.md", "database/zone.md"} <= set(pages)
    instance = pages["database/instance.md"]
    assert "| <code>host&#95;id</code> | <code>hostId</code> | <code>Long</code> | <code>org.nimbus.vm.InstanceVO</code> |" \
        in instance
    writers = instance.split("## APIs that write it", 1)[1].split("## APIs that read it", 1)[0]
    assert "[<code>deployInstance</code>](../api/deployInstance.md)" in writers
    assert "listInstances" not in writers  # it only reads


def test_concepts_tie_each_level_to_its_table_and_apis(pages):
    concepts = pages["concepts.md"]
    zone = concepts.split("### Zone", 1)[1].split("###", 1)[0]
    assert "Table [<code>zone</code>](database/zone.md)" in zone and "org.nimbus.dc.dao.ZoneDaoImpl" in zone
    assert "- create: [<code>createZone</code>](api/createZone.md)" in zone
    assert "This tree has no table for it." in concepts.split("### Pod", 1)[1].split("###", 1)[0]


def test_a_large_settings_category_is_split_into_parts_by_name():
    from flowdoc.site.pages import SETTINGS_PER_PAGE, make_environment, settings_pages

    keys = {"default": None, "scopes": [], "dynamic": None, "description": "", "field": "K", "declared_in": "K"}
    many = [{**keys, "name": f"kiln.temp.{i:04d}", "category": "Advanced", "read_by": []}
            for i in range(SETTINGS_PER_PAGE + 3)]
    pages = settings_pages(make_environment(), [*many, {**keys, "name": "a.b", "category": "Network", "read_by": ["x"]}])
    assert sorted(pages) == ["settings/advanced-1.md", "settings/advanced-2.md", "settings/index.md",
                             "settings/network.md"]
    assert "kiln.temp.0000" in pages["settings/advanced-1.md"] and "kiln.temp.0000" not in pages["settings/advanced-2.md"]
    assert "(2 of 2&#58; kiln.temp.0250 to kiln.temp.0252)](advanced-2.md) | 3 | 0 |" in pages["settings/index.md"]
    assert "| [Network](network.md) | 1 | 1 |" in pages["settings/index.md"]
