"""Facts from Java text, including each javalang gap flowdoc works around."""

from __future__ import annotations

from flowdoc.model.facts import Expr, TypeRef
from flowdoc.read.javaparse import rewrite_method_refs, unquote
from tests.helpers import parse_snippet

COMMAND = """
package org.acme.api.command;

import static org.acme.api.Names.ZONE;
import java.util.*;
import org.acme.api.Base;

/** Starts a widget. */
@Cmd(name = Names.PREFIX + "Widget", roles = {Role.Admin, Role.User}, response = WidgetReply.class)
public class StartWidgetCmd extends Base<Widget> implements Runnable, Sized<String> {
    @Inject
    private List<WidgetPlugin> plugins;

    @Arg(name = ZONE, required = true, description = "the \\"zone\\" of it")
    private Long zoneId;

    public static final String KIND = "wid" + "get";

    /**
     * Runs it.
     * @param a the name
     */
    public int run(final String a, int... sizes) throws IOException {
        Widget w = new Widget(1);
        w.prepare(a).start();
        this.plugins.get(0).notify(w);
        ((Engine) w).spin(2, "fast");
        if (w instanceof Gadget) {
            super.run(a);
        }
        return 1;
    }

    class Helper {
        void help() { run("x"); }
    }
}
"""


def _type(facts, qualname):
    return next(t for t in facts.types if t.qualname == qualname)


def test_types_fields_and_annotations():
    facts = parse_snippet(COMMAND, "api/StartWidgetCmd.java")
    assert facts.parsed and facts.problems == ()
    assert facts.package == "org.acme.api.command"
    assert [(i.path, i.static, i.wildcard) for i in facts.imports] == [
        ("org.acme.api.Names.ZONE", True, False), ("java.util", False, True), ("org.acme.api.Base", False, False)]
    cmd = _type(facts, "StartWidgetCmd")
    assert cmd.kind == "class" and cmd.javadoc == "Starts a widget."
    assert cmd.extends == (TypeRef("Base", (TypeRef("Widget"),)),)
    assert [str(t) for t in cmd.implements] == ["Runnable", "Sized<String>"]
    ann = cmd.annotation("Cmd")
    assert ann.get("name") == Expr("binop", "+", (Expr("name", "Names.PREFIX"), Expr("str", "Widget")))
    assert ann.get("roles") == Expr("array", "", (Expr("name", "Role.Admin"), Expr("name", "Role.User")))
    assert ann.get("response") == Expr("class", "WidgetReply")
    fields = {f.name: f for f in cmd.fields}
    assert str(fields["plugins"].type) == "List<WidgetPlugin>"
    assert fields["plugins"].annotations[0].name == "Inject"
    arg = fields["zoneId"].annotations[0]
    assert arg.get("name") == Expr("name", "ZONE")
    assert arg.get("description") == Expr("str", 'the "zone" of it')  # quotes stripped, escapes decoded
    assert fields["KIND"].initializer == Expr("binop", "+", (Expr("str", "wid"), Expr("str", "get")))
    assert {"public", "static", "final"} <= fields["KIND"].modifiers


def test_method_lines_javadoc_and_call_sites():
    facts = parse_snippet(COMMAND)
    run = next(m for m in _type(facts, "StartWidgetCmd").methods if m.name == "run")
    assert run.signature == "run(String,int[])" and run.varargs
    assert (run.line, run.end_line) == (22, 31)
    assert run.javadoc.startswith("Runs it.")
    assert run.throws == ("IOException",)
    calls = [(c.member, c.receiver, c.line) for c in run.calls]
    assert calls == [
        ("prepare", Expr("name", "w"), 24),
        ("start", Expr("call", "0"), 24),  # chained on the result of call #0
        ("get", Expr("this", "plugins"), 25),
        ("notify", Expr("call", "2"), 25),
        ("spin", Expr("cast", "Engine"), 26),  # the call javalang drops after ((T) x)
        ("run", Expr("super"), 28),
    ]
    assert run.call_count == 6
    assert [(c.type.name, c.line) for c in run.creations] == [("Widget", 23)]
    assert [(i.type.name, i.subject) for i in run.instanceofs] == [("Gadget", Expr("name", "w"))]
    assert [(v.name, str(v.type)) for v in run.locals] == [("w", "Widget")]
    helper = _type(facts, "StartWidgetCmd.Helper")
    assert helper.outer == "StartWidgetCmd"
    assert helper.methods[0].calls[0].receiver == Expr("implicit")


def test_interface_members_are_implicitly_abstract_and_constants_static():
    facts = parse_snippet("""
        package p;
        public interface Service {
            String NAME = "svc";
            void serve(int n);
            default void idle() { serve(0); }
        }
    """)
    svc = facts.types[0]
    assert svc.kind == "interface"
    assert {"static", "final"} <= svc.fields[0].modifiers
    methods = {m.name: m for m in svc.methods}
    assert "abstract" in methods["serve"].modifiers and not methods["serve"].has_body
    assert "abstract" not in methods["idle"].modifiers


def test_anonymous_class_lambda_and_constructor_reference():
    facts = parse_snippet("""
        package p;
        class Jobs {
            Runnable make(final Job job) {
                return new ContextRunnable() {
                    @Override
                    protected void runInContext() {
                        job.dispatcher().run(job);
                    }
                };
            }
            String[] names(java.util.List<Job> jobs) {
                jobs.forEach(j -> audit.record(j));
                return jobs.stream().map(Job::getName).toArray(String[]::new);
            }
            java.util.function.Supplier<java.util.List<String>> empty() {
                return java.util.ArrayList<String>::new;
            }
        }
    """)
    assert facts.parsed, facts.problems
    anon = _type(facts, "Jobs$1")
    assert anon.anonymous and anon.extends == (TypeRef("ContextRunnable"),)
    assert anon.enclosing_method == "make" and anon.outer == "Jobs" and anon.line == 4
    inner = anon.methods[0]
    assert [(c.member, c.receiver) for c in inner.calls] == [("dispatcher", Expr("name", "job")), ("run", Expr("call", "0"))]
    make = next(m for m in _type(facts, "Jobs").methods if m.name == "make")
    assert make.creations[0].anonymous == "Jobs$1"
    names = next(m for m in _type(facts, "Jobs").methods if m.name == "names")
    members = [(c.member, c.kind) for c in names.calls]
    assert ("record", "call") in members  # calls in a lambda belong to the enclosing method
    assert ("getName", "ref") in members and ("<init>", "ref") in members
    assert ("j", None) in [(v.name, v.type) for v in names.locals]


def test_rewrite_keeps_lines_and_columns():
    text = "a(String[]::new);\nb(List<Map<K, V>>::size);\nc(x < y ? 1 : 2);"
    rewritten = rewrite_method_refs(text)
    assert rewritten == "a(String  ::new);\nb(List" + " " * len("<Map<K, V>>") + "::size);\nc(x < y ? 1 : 2);"
    assert [len(line) for line in rewritten.splitlines()] == [len(line) for line in text.splitlines()]


def test_positionless_nodes_take_the_nearest_positioned_line():
    facts = parse_snippet("""
        package p;
        class A {
            void m() {
                String s = "a"
                    + helper.name(
                        other.value());
            }
        }
    """)
    calls = {c.member: c.line for c in facts.types[0].methods[0].calls}
    assert calls == {"name": 5, "value": 6}


def test_parse_error_is_a_problem_with_line():
    facts = parse_snippet("package p;\nclass A {\n  void m( {\n}\n", "bad/A.java")
    assert not facts.parsed and facts.types == ()
    (problem,) = facts.problems
    assert problem.file == "bad/A.java" and problem.kind == "parse-error" and problem.line == 3


def test_lexer_error_is_a_problem():
    facts = parse_snippet('class A { String s = "unterminated; }\n', "A.java")
    assert not facts.parsed and facts.problems[0].kind == "lex-error"


def test_long_concatenation_stays_flat_and_picklable():
    import pickle

    parts = " + ".join(f'"p{i}"' for i in range(3000))
    facts = parse_snippet(f"class A {{ static final String S = {parts}; }}")
    init = facts.types[0].fields[0].initializer
    assert init.kind == "binop" and len(init.items) == 3000
    assert pickle.loads(pickle.dumps(facts)) == facts


def test_unquote():
    assert unquote('"a\\tb\\u0041"') == "a\tbA"
    assert unquote("plain") == "plain"


def test_explicit_type_arguments_keep_the_method_name():
    facts = parse_snippet("""
        class A {
            void m() {
                java.util.List<String> x = Collections.<String>emptyList();
                rest.client.<Reply>post(url);
                helper(x).<Long>get();
            }
        }
    """)
    calls = [(c.member, c.receiver) for c in facts.types[0].methods[0].calls]
    assert calls[:2] == [("emptyList", Expr("name", "Collections")), ("post", Expr("name", "rest.client"))]
    assert calls[2][0] == "helper"


def test_annotation_lines_and_element_defaults():
    facts = parse_snippet("""
        package p;

        @Command(name = "a",
            description = "b")
        public class A {
            @Arg(name = "z") private Long z;
        }
        @interface Arg {
            String name() default "";
            boolean required() default false;
            Kind type() default Kind.OBJECT;
            int length() default 255;
        }
    """)
    a = next(t for t in facts.types if t.name == "A")
    assert a.line == 5 and a.annotations[0].line == 3
    assert a.fields[0].annotations[0].line == 6
    arg = next(t for t in facts.types if t.name == "Arg")
    assert [(m.name, m.default) for m in arg.methods] == [
        ("name", Expr("str", "")), ("required", Expr("bool", "false")),
        ("type", Expr("name", "Kind.OBJECT")), ("length", Expr("num", "255"))]


def test_nested_annotations_keep_their_elements():
    from tests.helpers import parse_snippet

    facts = parse_snippet("""
        @SecondaryTables({@SecondaryTable(name = "user_vm", pkJoinColumns = @Key("id")), @Marker})
        public class Vm { }
        """)
    (ann,) = facts.types[0].annotations
    tables = dict(ann.values)["value"]
    first, second = tables.items
    assert (first.kind, first.text) == ("annotation", "SecondaryTable")
    name, join = first.items
    assert (name.kind, name.text, name.items[0].text) == ("element", "name", "user_vm")
    key = join.items[0]
    assert (key.kind, key.text, key.items[0].text, key.items[0].items[0].text) == ("annotation", "Key", "value", "id")
    assert (second.kind, second.text, second.items) == ("annotation", "Marker", ())


def test_an_enhanced_for_variable_records_what_it_iterates():
    facts = parse_snippet("""
        package p;
        class Planner {
            java.util.List<Step> steps;
            void plan() {
                for (final Step s : this.steps) { s.go(); }
                for (Step t : load()) { t.go(); }
                Step plain = null;
            }
        }
        """)
    method = facts.types[0].methods[0]
    found = {v.name: v for v in method.locals}
    assert found["s"].type == TypeRef("Step") and found["s"].iterates == Expr("this", "steps")
    assert found["t"].iterates is not None and found["t"].iterates.kind == "call"
    assert method.calls[int(found["t"].iterates.text)].member == "load"
    assert found["plain"].iterates is None
