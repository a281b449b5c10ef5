"""Light walks over method text at scan time: instanceof guard branches, registration conditions."""

from __future__ import annotations

from flowdoc.read.conditions import find_guards, guarded_class_literals, negate
from tests.helpers import parse_snippet

GUARDED = """\
void queue(BaseCmd cmd) {
    if (cmd instanceof AsyncCmd) {
        if (cmd instanceof CreateCmd && ready()) {
            createIt();
        }
        submit();
    } else if (!(cmd instanceof ListCmd) || other) {
        plain();
    } else {
        listIt(); // { brace in a comment
    }
    String s = "if (x instanceof Y) {";
}
"""


def test_guard_parser_finds_branches_and_conditions():
    guards = find_guards(GUARDED, 10)
    assert len(guards) == 3
    outer, inner, second = guards
    assert outer.atoms == ("is", "cmd", "AsyncCmd")
    assert outer.then_lines == (12, 13, 14, 15)
    assert 17 in outer.else_lines and 19 in outer.else_lines
    assert inner.atoms[0] == "and" and inner.atoms[1][0] == ("is", "cmd", "CreateCmd")
    assert second.atoms[0] == "or" and second.atoms[1][0] == ("not", ("is", "cmd", "ListCmd"))
    assert second.then_lines == (17,)
    assert second.else_lines == (19,)


def test_guarded_class_literals():
    text = """
        public List<Class<?>> getCommands() {
            List<Class<?>> list = new ArrayList<>();
            list.add(A.class);  // always
            if (Flags.X.value()) {
                list.add(B.class);
            } else
                list.add(C.class);
            if (y && (z || w)) list.add(D.class);
            /* if (commented) { return list; } */
            if (!Feature.value()) {
                return list;
            }
            list.add(E.class);
            for (Class<?> c : more) { if (c != null) { list.add(c); } }
            list.add(org.x.F.class);
            return list;
        }
    """
    assert guarded_class_literals(text) == {
        "A": None, "B": "Flags.X.value()", "C": "!Flags.X.value()", "D": "y && (z || w)",
        "E": "Feature.value()", "org.x.F": "Feature.value()"}
    assert negate("y && z") == "!(y && z)" and negate("!(a)") == "a" and negate("a.b()") == "!a.b()"


def test_the_scan_stores_guards_and_registration_conditions_in_method_bodies():
    facts = parse_snippet("""
        package org.acme;
        import java.util.*;
        public class Registry {
            public List<Class<?>> getCommands() {
                List<Class<?>> list = new ArrayList<>();
                list.add(A.class);
                if (Flags.ON.value()) {
                    list.add(B.class);
                }
                return list;
            }
            void route(Object cmd) {
                if (cmd instanceof A) {
                    a();
                } else {
                    b();
                }
            }
            void plain() { if (x) { y(); } }
        }
        """)
    methods = {m.name: m for m in facts.types[0].methods}
    assert methods["getCommands"].literal_conditions == (("B", "Flags.ON.value()"),)
    assert methods["getCommands"].guards == ()
    (guard,) = methods["route"].guards
    assert (guard.atoms, guard.then_lines, guard.else_lines) == (("is", "cmd", "A"), (14,), (16,))
    assert methods["route"].literal_conditions == ()  # no class literal passed
    assert methods["plain"].guards == () and methods["plain"].literal_conditions == ()


def test_a_class_without_a_command_list_method_gets_no_conditions():
    facts = parse_snippet("""
        package org.acme;
        public class Other {
            void add(java.util.List<Class<?>> list) { if (on) { list.add(B.class); } }
        }
        """)
    assert facts.types[0].methods[0].literal_conditions == ()
