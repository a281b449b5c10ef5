"""Tables, settings and events per method and per set of methods, on the kiln fixture tree."""

from __future__ import annotations

import pytest

from flowdoc.analyze.callgraph import build_call_graph
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.analyze.touches import Touches
from flowdoc.analyze.touches.settings import build_setting_catalog
from flowdoc.analyze.touches.tables import build_table_catalog, dao_access
from tests.analyze.kiln_fixture import FILES
from tests.helpers import scan_java_tree

K = "org.kiln."
D = "org.kiln.db."
FIRE = K + "KilnManagerImpl.fire(long)"
COOL = K + "KilnManagerImpl.cool(long,String)"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("kiln")
    scan = scan_java_tree(root, FILES)
    index = build_symbol_index(scan)
    graph = build_call_graph(scan, index)
    return index, graph, Touches(graph, index)


def test_tables_come_from_entities_and_their_joined_superclass(built):
    index, _, _ = built
    catalog = build_table_catalog(index)
    assert catalog.entities[D + "FiringVO"].tables == ("firing",)  # @Table(name = constant)
    # own table, secondary table, then the joined superclass's table
    assert catalog.entities[D + "GlazeFiringVO"].tables == ("glaze_firing", "firing_note", "firing")
    firing = catalog.tables["firing"]
    assert [c.name for c in firing.columns] == ["id", "peak_temp", "state"]  # @Column without name: the field
    assert [c.name for c in catalog.tables["firing_note"].columns] == ["note"]  # @Column(table = ...)
    assert [c.name for c in catalog.tables["glaze_firing"].columns] == ["glaze"]
    assert firing.daos == [D + "FiringDaoImpl", D + "GlazeFiringDaoImpl"]
    assert catalog.entity_of(D + "FiringDao") == D + "FiringVO"  # through the interface's type arguments
    assert catalog.entity_of(D + "GenericDaoBase") is None  # still generic
    assert catalog.entities[D + "ShelfVO"].tables == ("shelf", "shelf_tag", "shelf_slot")  # @SecondaryTables


def test_dao_method_names_say_read_or_write():
    assert dao_access("persist") == "write"
    assert dao_access("markCooled") == "write"
    assert dao_access("findById") == "read"
    assert dao_access("listAll") == "read"
    assert dao_access("createSearchBuilder") == ""  # builds a query, touches nothing
    assert dao_access("bakeAll") is None  # says neither: unknown


def test_method_tables_read_write_and_unknown_access(built):
    _, _, touches = built
    found = touches.of_method(FIRE)
    got = sorted((t.table, t.access, t.method) for t in found.tables)
    assert got == [
        ("firing", "read", "findById"),
        ("firing", "unknown", "bakeAll"),
        ("firing", "write", "persist"),
        ("firing", "write", "persist"),  # GlazeFiringVO rows also write their superclass table
        ("firing_note", "write", "persist"),
        ("glaze_firing", "write", "persist"),
    ]
    assert {t.dao for t in found.tables if t.table == "glaze_firing"} == {D + "GlazeFiringDao"}
    unknown = [(u.what, u.reason) for u in found.unknown]
    assert unknown == [("table", "dao-method-access-unknown")]


def test_dao_callback_calling_its_own_dao_maps_to_the_dao_table(built):
    _, _, touches = built
    callback = touches.of_method(D + "FiringDaoImpl$1.run()")
    assert [(t.table, t.access, t.dao) for t in callback.tables] == [("firing", "write", D + "FiringDaoImpl")]


def test_settings_catalog_reads_every_constructor_order(built):
    index, _, _ = built
    catalog = build_setting_catalog(index)
    by_name = {s.name: s for s in catalog.settings}
    assert sorted(by_name) == ["kiln.cool.minutes", "kiln.dry.seconds", "kiln.enabled", "kiln.max.heat", "kiln.name"]
    dry = by_name["kiln.dry.seconds"]  # a settings enum's constant, read through its constructor
    assert (dry.category, dry.default, dry.type, dry.field) == ("Kiln", "30", "Integer", K + "KilnConfig.DrySeconds")
    heat = by_name["kiln.max.heat"]
    assert (heat.category, heat.default, heat.dynamic, heat.scopes, heat.type) == ("Advanced", "1200", True, ["Zone"],
                                                                                  "Integer")
    assert heat.field == K + "KilnManager.MaxHeat"
    cool = by_name["kiln.cool.minutes"]  # (Class, name, category, ...) order; String.valueOf default
    assert (cool.category, cool.default, cool.dynamic, cool.scopes) == ("Kiln", "45", False, ["Cluster"])
    enabled = by_name["kiln.enabled"]  # the 6-argument constructor passes Scope.Global on
    assert enabled.scopes == ["Global"]
    assert enabled.description == "Whether kilns fire at all"


def test_setting_reads_through_fields_and_unknown_local(built):
    _, _, touches = built
    fire = touches.of_method(FIRE)
    assert [(s.name, s.key) for s in fire.settings] == [("kiln.enabled", K + "KilnManagerImpl.Enabled"),
                                                        ("kiln.max.heat", K + "KilnManager.MaxHeat")]
    cool = touches.of_method(COOL)
    assert [s.name for s in cool.settings] == ["kiln.dry.seconds"]  # KilnConfig.DrySeconds.key()
    assert ("setting", "key-not-a-field") in [(u.what, u.reason) for u in cool.unknown]  # key.value() on a local


def test_events_from_annotation_and_calls(built):
    _, _, touches = built
    assert [(e.type, e.how) for e in touches.of_method(FIRE).events] == [("KILN.FIRE", "annotation")]
    cool = touches.of_method(COOL)
    assert [(e.type, e.how) for e in cool.events] == [("KILN.COOL", "call")]
    assert ("event", "event-type-not-constant") in [(u.what, u.reason) for u in cool.unknown]


def test_union_over_methods_groups_by_name_with_counts(built):
    _, _, touches = built
    union = touches.of_nodes([COOL, FIRE, D + "FiringDaoImpl$1.run()"])
    data = union.as_dict()
    firing = next(t for t in data["tables"] if t["name"] == "firing")
    assert firing["access"] == ["read", "unknown", "write"]
    assert len(firing["sites"]) == 6  # fire(): 4, cool(): markCooled, the DAO callback: update
    assert [s["name"] for s in data["settings"]] == ["kiln.dry.seconds", "kiln.enabled", "kiln.max.heat"]
    assert [e["type"] for e in data["events"]] == ["KILN.COOL", "KILN.FIRE"]
    assert data["touch_unknown"]["tables"] == 1
    assert data["touch_unknown"]["settings"] == 1
    assert data["touch_unknown"]["events"] == 1
    assert union.table_names("write") == ["firing", "firing_note", "glaze_firing"]
