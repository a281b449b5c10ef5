"""Facts: frozen plain values that round-trip through the cache's allow-listed loading."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from flowdoc.model.facts import LazyBody, TypeRef
from flowdoc.read.javaparse import parse_java
from flowdoc.store import safe_pickle

SOURCE = """\
package org.kiln.fire;

import java.util.List;
import javax.inject.Inject;

@Deprecated
public class FurnaceImpl extends BaseFurnace<Brick, Long> implements Furnace {
    @Inject
    private BrickDao _bricks;

    public List<Brick> fire(long id) {
        Brick b = _bricks.findById(id);
        if (b instanceof GlazedBrick) {
            ((GlazedBrick) b).glaze();
        }
        return _bricks.listAll();
    }
}
"""


@pytest.fixture
def facts():
    return parse_java("kiln/src/main/java/org/kiln/fire/FurnaceImpl.java", SOURCE, sha="abc")


def test_facts_carry_declarations_and_bodies(facts):
    (cls,) = facts.types
    assert (facts.package, cls.name, cls.kind) == ("org.kiln.fire", "FurnaceImpl", "class")
    assert [str(t) for t in cls.extends] == ["BaseFurnace<Brick, Long>"]
    assert [a.simple for a in cls.annotations] == ["Deprecated"]
    (field,) = cls.fields
    assert field.name == "_bricks" and [a.simple for a in field.annotations] == ["Inject"]
    (method,) = [m for m in cls.methods if m.name == "fire"]
    assert [c.member for c in method.calls] == ["findById", "glaze", "listAll"]
    assert method.line == 11 and method.end_line == 17


def test_facts_are_frozen(facts):
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.types[0].name = "Other"  # type: ignore[misc]


def test_facts_round_trip_through_the_cache_format(facts):
    blob = safe_pickle.dumps(facts)
    again = safe_pickle.loads(blob)
    assert again == facts
    assert [m.calls for m in again.types[0].methods] == [m.calls for m in facts.types[0].methods]


def test_a_lazy_body_is_unpacked_only_when_read():
    body = parse_java("A.java", "class A { void f() { g(); } void g() {} }").types[0].methods[0].body
    packed = pickle.loads(pickle.dumps(body))
    assert isinstance(packed, LazyBody) and packed._body is None  # still bytes
    assert [c.member for c in packed.get().calls] == ["g"] and packed._blob is None


def test_type_refs_print_as_written():
    ref = TypeRef("Map.Entry", (TypeRef("String"), TypeRef("Long", dims=1)))
    assert str(ref) == "Map.Entry<String, Long[]>" and ref.simple == "Entry"
