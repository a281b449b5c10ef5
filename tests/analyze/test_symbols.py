"""Symbol index: type resolution, hierarchy, members and constant evaluation."""

from __future__ import annotations

import pytest

from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.model.facts import Expr
from tests.helpers import scan_java_tree

TREE = {
    "core/src/main/java/org/acme/base/Keys.java": """
        package org.acme.base;
        public class Keys {
            public static final String ROOT = "acme";
            public static final String ID = "id";
            public static final String DISK = "disk";
            public static final String DISK_ID = DISK + ID;
            public static final String FULL = ROOT + "." + DISK_ID;
            public static final String NUMBERED = "v" + 2;
            public static final int MAX = 16 * 1024;
            public static final String LOOP_A = LOOP_B;
            public static final String LOOP_B = LOOP_A;
            public static String notFinal = "nope";
            public static final String NESTED = Inner.DEEP;
            public static class Inner {
                public static final String DEEP = "deep";
            }
        }
        """,
    "core/src/main/java/org/acme/base/Names.java": """
        package org.acme.base;
        public interface Names {
            String HELLO = "hello";
            String HELLO_WORLD = HELLO + "World";
        }
        """,
    "core/src/main/java/org/acme/base/Holder.java": """
        package org.acme.base;
        public abstract class Holder<T, ID> implements Store<T, ID> {
            protected T item;
            public T get(ID id) { return item; }
            public void put(T item) { }
            public static class Entry { }
        }
        """,
    "core/src/main/java/org/acme/base/Store.java": """
        package org.acme.base;
        public interface Store<T, ID> {
            T get(ID id);
        }
        """,
    "core/src/main/java/org/acme/vm/Machine.java": """
        package org.acme.vm;
        public class Machine { }
        """,
    "core/src/main/java/org/acme/vm/MachineStore.java": """
        package org.acme.vm;
        import org.acme.base.Holder;
        import java.util.*;
        import static org.acme.base.Keys.DISK_ID;
        import static org.acme.base.Names.*;
        public class MachineStore extends Holder<Machine, Long> implements Runnable {
            public static final String MINE = DISK_ID + "-" + HELLO_WORLD;
            private List<Machine> machines;
            private Entry entry;
            public void run() {
                Runnable r = new Runnable() { public void run() { } };
            }
            public void put(Machine m) { }
            class Local { Entry e; }
        }
        """,
    "core/src/main/java/org/acme/vm/FastMachineStore.java": """
        package org.acme.vm;
        public class FastMachineStore extends MachineStore {
            String x = org.acme.base.Keys.FULL;
        }
        """,
    "core/src/main/java/org/acme/vm/Process.java": """
        package org.acme.vm;
        public class Process { }
        """,
    "core/src/main/java/org/acme/other/User.java": """
        package org.acme.other;
        import org.acme.vm.*;
        import org.acme.base.Keys.Inner;
        public class User<T> {
            Machine m;
            Inner i;
            T t;
            String s;
            org.acme.base.Keys k;
            java.util.Map.Entry<String, String> e;
        }
        """,
    "core/src/test/java/org/acme/vm/Machine.java": """
        package org.acme.vm;
        public class Machine { int testOnly; }
        """,
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    scan = scan_java_tree(tmp_path_factory.mktemp("symbols"), TREE)
    return build_symbol_index(scan)


def test_types_by_fqn_including_nested_anonymous_and_local(index):
    assert "org.acme.base.Keys.Inner" in index.types
    assert "org.acme.vm.MachineStore$1" in index.types
    assert index.types["org.acme.vm.MachineStore$1"].anonymous
    assert "org.acme.vm.MachineStore.Local" in index.types
    assert index.file_of["org.acme.vm.Machine"].startswith("core/src/main/")  # main wins over test
    assert index.duplicates["org.acme.vm.Machine"] == ("core/src/test/java/org/acme/vm/Machine.java",)


@pytest.mark.parametrize(("name", "context", "expected"), [
    ("Holder", "org.acme.vm.MachineStore", "org.acme.base.Holder"),  # single-type import
    ("Machine", "org.acme.vm.MachineStore", "org.acme.vm.Machine"),  # same package
    ("Machine", "org.acme.other.User", "org.acme.vm.Machine"),  # wildcard import
    ("Inner", "org.acme.other.User", "org.acme.base.Keys.Inner"),  # imported nested type
    ("Entry", "org.acme.vm.MachineStore", "org.acme.base.Holder.Entry"),  # inherited member type
    ("Entry", "org.acme.vm.MachineStore.Local", "org.acme.base.Holder.Entry"),  # from enclosing type
    ("List", "org.acme.vm.MachineStore", "java.util.List"),  # JDK wildcard import
    ("String", "org.acme.other.User", "java.lang.String"),  # java.lang
    ("Process", "org.acme.vm.Machine", "org.acme.vm.Process"),  # same package shadows java.lang
    ("org.acme.base.Keys", "org.acme.other.User", "org.acme.base.Keys"),  # fully qualified
    ("org.acme.base.Keys.Inner", "org.acme.other.User", "org.acme.base.Keys.Inner"),
    ("Keys.Inner", "org.acme.base.Names", "org.acme.base.Keys.Inner"),  # dotted, member walk
    ("java.util.Map.Entry", "org.acme.other.User", "java.util.Map.Entry"),  # external FQN
    ("T", "org.acme.other.User", None),  # a type variable
    ("Nowhere", "org.acme.other.User", None),
])
def test_resolve_type(index, name, context, expected):
    assert index.resolve_type(name, context) == expected


def test_supertypes_subtypes_implementations(index):
    assert index.direct_supertypes("org.acme.vm.MachineStore") == ("org.acme.base.Holder", "java.lang.Runnable")
    assert index.supertypes("org.acme.vm.FastMachineStore") == (
        "org.acme.vm.MachineStore", "org.acme.base.Holder", "java.lang.Runnable", "org.acme.base.Store")
    assert index.superclass_chain("org.acme.vm.FastMachineStore") == ["org.acme.vm.MachineStore", "org.acme.base.Holder"]
    assert index.subtypes("org.acme.base.Store") == (
        "org.acme.base.Holder", "org.acme.vm.FastMachineStore", "org.acme.vm.MachineStore")
    assert index.implementations("org.acme.base.Store") == ("org.acme.vm.FastMachineStore", "org.acme.vm.MachineStore")
    assert "org.acme.vm.MachineStore$1" in index.implementations("java.lang.Runnable")
    assert "org.acme.vm.MachineStore$1" not in index.implementations("java.lang.Runnable", include_anonymous=False)
    assert index.is_subtype("org.acme.vm.FastMachineStore", "org.acme.base.Store")


def test_generic_supertype_arguments_stay_available(index):
    args = index.type_arguments("org.acme.vm.MachineStore", "org.acme.base.Holder")
    assert [a.name for a in args] == ["Machine", "Long"]
    bindings = index.type_bindings("org.acme.vm.FastMachineStore")
    assert bindings["org.acme.base.Holder"] == {"T": "org.acme.vm.Machine", "ID": "java.lang.Long"}
    assert bindings["org.acme.base.Store"] == {"T": "org.acme.vm.Machine", "ID": "java.lang.Long"}


def test_find_field_and_methods_through_supertypes(index):
    owner, f = index.find_field("org.acme.vm.FastMachineStore", "item")
    assert owner == "org.acme.base.Holder" and f.type.name == "T"
    assert index.find_field("org.acme.vm.FastMachineStore", "nothing") is None
    found = index.find_methods("org.acme.vm.FastMachineStore", "put")
    assert [(o, m.signature) for o, m in found] == [
        ("org.acme.vm.MachineStore", "put(Machine)"), ("org.acme.base.Holder", "put(T)")]
    gets = index.find_methods("org.acme.vm.MachineStore", "get")
    assert [o for o, _ in gets] == ["org.acme.base.Holder"]  # the interface's get(ID) is overridden


def test_methods_table_and_classes_by_name(index):
    table = index.methods_table("org.acme.vm.FastMachineStore")
    assert table["put"] is index.find_methods("org.acme.vm.FastMachineStore", "put")  # one list, memoized
    assert index.find_methods("org.acme.vm.FastMachineStore", "nothing") == []
    assert index.classes_named("Machine") == ["org.acme.vm.Machine"]
    assert index.classes_named("org.acme.vm.Machine") == ["org.acme.vm.Machine"]
    assert index.classes_named("Entry") == ["org.acme.base.Holder.Entry"]  # a member type by its simple name
    assert index.classes_named("Holder.Entry") == [] and index.classes_named("Nowhere") == []


@pytest.mark.parametrize(("expr", "context", "expected"), [
    (Expr("name", "Keys.DISK_ID"), "org.acme.other.User", None),  # Keys is not imported there
    (Expr("name", "org.acme.base.Keys.DISK_ID"), "org.acme.other.User", "diskid"),
    (Expr("name", "DISK_ID"), "org.acme.base.Keys", "diskid"),  # concatenation
    (Expr("name", "FULL"), "org.acme.base.Keys", "acme.diskid"),
    (Expr("name", "NUMBERED"), "org.acme.base.Keys", "v2"),
    (Expr("name", "NESTED"), "org.acme.base.Keys", "deep"),
    (Expr("name", "DEEP"), "org.acme.base.Keys.Inner", "deep"),
    (Expr("name", "ID"), "org.acme.base.Keys.Inner", "id"),  # from the enclosing type
    (Expr("name", "MINE"), "org.acme.vm.MachineStore", "diskid-helloWorld"),  # static imports
    (Expr("name", "MINE"), "org.acme.vm.FastMachineStore", "diskid-helloWorld"),  # inherited
    (Expr("name", "HELLO_WORLD"), "org.acme.base.Names", "helloWorld"),  # interface constants
    (Expr("name", "LOOP_A"), "org.acme.base.Keys", None),  # a cycle has no value
    (Expr("name", "notFinal"), "org.acme.base.Keys", None),
    (Expr("binop", "+", (Expr("str", "a"), Expr("name", "Keys.ID"))), "org.acme.base.Names", "aid"),
    (Expr("str", "plain"), "org.acme.base.Keys", "plain"),
    (Expr("call", "0"), "org.acme.base.Keys", None),
])
def test_evaluate_string(index, expr, context, expected):
    assert index.evaluate_string(expr, context) == expected


def test_evaluate_constant_numbers(index):
    assert index.evaluate_constant(Expr("name", "MAX"), "org.acme.base.Keys") == 16384
    assert index.evaluate_constant(Expr("num", "0x10"), "org.acme.base.Keys") == 16
    assert index.evaluate_string(Expr("name", "MAX"), "org.acme.base.Keys") is None


def test_accepts_plain_file_facts(tmp_path):
    scan = scan_java_tree(tmp_path, {"A.java": "class A extends B {}\nclass B extends A {}\n"})
    index = build_symbol_index(scan.files)  # a cycle does not hang
    assert index.supertypes("A") == ("B",)
