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
    row = next(line for line in pages["settings.md"].splitlines() if "instance.start.any.host" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:5] == ["Advanced", "<code>true</code>", "Zone", "yes"]
    assert "[<code>startInstance</code>](api/startInstance.md)" in cells[7]


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
