"""drift.compare on contract dicts: every class of change, and the report styles."""

from __future__ import annotations

import copy
import json

import pytest

from flowdoc import drift
from flowdoc.problems import InputError


def param(name, type="string", required=False, **kw):
    return {"name": name, "type": type, "required": required, "description": kw.pop("description", f"the {name}"),
            "since": kw.pop("since", None), "length": kw.pop("length", 255), "related": kw.pop("related", []),
            "declared_in": kw.pop("declared_in", "org.acme.api.BaseThingCmd"), "expose": kw.pop("expose", True), **kw}


def field(name, type="string", **kw):
    return {"name": name, "type": type, "description": kw.pop("description", f"the {name}"),
            "since": kw.pop("since", None)}


def command(name, params=(), fields=(), **kw):
    cls = kw.pop("cls", f"org.acme.api.{name[0].upper()}{name[1:]}Cmd")
    file = f"api/src/main/java/{cls.replace('.', '/')}.java"
    return {"name": name, "class": cls, "file": file, "line": kw.pop("line", 20),
            "description": kw.pop("description", f"does {name}"), "since": kw.pop("since", "1.0"),
            "isasync": kw.pop("isasync", False), "roles": kw.pop("roles", []),
            "response": kw.pop("response", "org.acme.api.response.ThingResponse"),
            "include_in_api_doc": kw.pop("include_in_api_doc", True),
            "variants": kw.pop("variants", [{"class": cls, "roles": [], "admin_only": False, "response_view":
                                             "Restricted", "registered": True, "file": file, "line": 20}]),
            "params": list(params), "response_fields": list(fields), **kw}


def model(*commands, version="1.0"):
    return {"schema": "flowdoc.api/1", "source": {"root": "src", "version": version, "files": 3},
            "commands": list(commands), "problems": []}


BASE = model(
    command("createThing", [param("name", required=True), param("zoneid", "uuid", required=True),
                            param("size", "long")], [field("id"), field("name"), field("size", "long")],
            isasync=True, roles=["Admin", "User"]),
    command("listThings", [param("keyword"), param("page", "integer")], [field("id")]),
)


def changes_between(mutate):
    new = copy.deepcopy(BASE)
    mutate({c["name"]: c for c in new["commands"]}, new)
    return drift.compare(BASE, new)


def kinds(changes):
    return [(c.kind, c.severity, c.api, c.param) for c in changes]


def test_identical_models_have_no_changes():
    assert drift.compare(BASE, copy.deepcopy(BASE)) == []


def test_location_and_declaring_class_are_not_changes():
    def mutate(cmds, new):
        cmds["createThing"]["line"] = 99
        cmds["createThing"]["file"] = "elsewhere/CreateThingCmd.java"
        for p in cmds["createThing"]["params"]:
            p["declared_in"] = "org.acme.api.SomeNewBaseCmd"  # parameters moved into a base class
    assert changes_between(mutate) == []


def test_api_removed_is_breaking_at_the_old_location():
    (ch,) = changes_between(lambda cmds, new: new["commands"].remove(cmds["listThings"]))
    assert (ch.kind, ch.severity, ch.api, ch.side) == ("api-removed", "breaking", "listThings", "old")
    assert ch.file.endswith("ListThingsCmd.java")


def test_api_renamed_when_the_same_class_declares_a_new_name():
    def mutate(cmds, new):
        cmds["listThings"]["name"] = "listAllThings"
    (ch,) = changes_between(mutate)
    assert (ch.kind, ch.severity, ch.old, ch.new) == ("api-renamed", "breaking", "listThings", "listAllThings")


def test_api_added_non_breaking_and_warned_without_since():
    def mutate(cmds, new):
        new["commands"].append(command("deleteThing", [param("id", "uuid", required=True)], since=None))
    assert kinds(changes_between(mutate)) == [
        ("api-added", "non-breaking", "deleteThing", None),
        ("api-without-since", "warning", "deleteThing", None),
    ]


def test_api_added_with_since_is_not_warned():
    def mutate(cmds, new):
        new["commands"].append(command("deleteThing", since="1.1"))
    assert kinds(changes_between(mutate)) == [("api-added", "non-breaking", "deleteThing", None)]


@pytest.mark.parametrize("mutate, expected", [
    (lambda c: c["createThing"]["params"].pop(2), ("param-removed", "breaking", "size")),
    (lambda c: c["createThing"]["params"][2].update(required=True), ("param-now-required", "breaking", "size")),
    (lambda c: c["createThing"]["params"].append(param("tier", required=True, since="1.1")),
     ("param-added-required", "breaking", "tier")),
    (lambda c: c["createThing"]["params"][2].update(type="integer"), ("param-type-changed", "breaking", "size")),
    (lambda c: c["createThing"]["params"][0].update(length=64), ("param-length-reduced", "breaking", "name")),
    (lambda c: c["createThing"].update(isasync=False), ("async-changed", "breaking", None)),
    (lambda c: c["createThing"]["response_fields"].pop(2), ("response-field-removed", "breaking", "size")),
    (lambda c: c["createThing"]["response_fields"][2].update(type="string"),
     ("response-field-retyped", "breaking", "size")),
    (lambda c: c["createThing"].update(roles=["Admin"]), ("role-removed", "breaking", "User")),
    (lambda c: c["createThing"]["variants"][0].update(registered=False), ("api-unregistered", "breaking", None)),
    (lambda c: c["createThing"]["params"].append(param("tag", since="1.1")), ("param-added", "non-breaking", "tag")),
    (lambda c: c["createThing"]["params"][0].update(required=False), ("param-now-optional", "non-breaking", "name")),
    (lambda c: c["createThing"]["params"][0].update(length=1024),
     ("param-length-increased", "non-breaking", "name")),
    (lambda c: c["createThing"]["response_fields"].append(field("state")),
     ("response-field-added", "non-breaking", "state")),
    (lambda c: c["createThing"].update(roles=["Admin", "DomainAdmin", "User"]),
     ("role-added", "non-breaking", "DomainAdmin")),
    (lambda c: c["createThing"].update(description="makes a thing"), ("api-description", "doc", None)),
    (lambda c: c["createThing"].update(since="0.9"), ("api-since", "doc", None)),
    (lambda c: c["createThing"]["params"][1].update(description="where"), ("param-description", "doc", "zoneid")),
    (lambda c: c["createThing"]["params"][1].update(since="1.0"), ("param-since", "doc", "zoneid")),
    (lambda c: c["createThing"]["params"][1].update(related=["ZoneResponse"]), ("param-related", "doc", "zoneid")),
    (lambda c: c["createThing"]["params"][1].update(expose=False), ("param-doc-visibility", "doc", "zoneid")),
    (lambda c: c["createThing"].update(include_in_api_doc=False), ("api-doc-visibility", "doc", None)),
    (lambda c: c["createThing"]["response_fields"][0].update(description="uuid"),
     ("response-field-description", "doc", "id")),
    (lambda c: c["createThing"].update(roles=[]), ("roles-cleared", "warning", None)),
    (lambda c: c["listThings"].update(roles=["Admin"]), ("roles-restricted", "warning", None)),
])
def test_each_class_of_change(mutate, expected):
    got = changes_between(lambda cmds, new: mutate(cmds))
    assert [(c.kind, c.severity, c.param) for c in got] == [expected]
    assert got[0].severity == drift._KIND_SEVERITY[got[0].kind]


def test_new_parameter_without_since_is_warned():
    got = changes_between(lambda cmds, new: cmds["listThings"]["params"].append(param("state")))
    assert kinds(got) == [("param-added", "non-breaking", "listThings", "state"),
                          ("param-without-since", "warning", "listThings", "state")]


def test_untyped_response_fields_are_not_retyped():
    got = changes_between(lambda cmds, new: cmds["createThing"]["response_fields"][0].update(type=None))
    assert got == []


def test_breaking_first_then_by_api():
    def mutate(cmds, new):
        cmds["listThings"]["params"].pop(0)
        cmds["createThing"].update(description="x")
        cmds["createThing"]["params"].append(param("tag", since="2"))
        new["commands"].append(command("addThing", since="2"))
    got = changes_between(mutate)
    assert [c.severity for c in got] == ["breaking", "non-breaking", "non-breaking", "doc"]
    assert [c.api for c in got[1:3]] == ["addThing", "createThing"]


def test_param_locator_points_at_the_declaration():
    def locate(declared_in, name):
        return ("api/src/main/java/org/acme/api/BaseThingCmd.java", 42) if name == "size" else None
    new = copy.deepcopy(BASE)
    new["commands"][0]["params"][2]["type"] = "integer"
    (ch,) = drift.compare(BASE, new, locate_param=locate)
    assert (ch.file, ch.line) == ("api/src/main/java/org/acme/api/BaseThingCmd.java", 42)


# --- validation and snapshots -------------------------------------------------------------------


@pytest.mark.parametrize("data, message", [
    ([], "expected a JSON object"),
    ({"schema": "other/1", "commands": []}, "unsupported schema"),
    ({"schema": "flowdoc.api/1"}, "'commands' is missing"),
    ({"schema": "flowdoc.api/1", "commands": [{"nom": "x"}]}, "has no name"),
    ({"schema": "flowdoc.api/1", "commands": [{"name": "x", "params": {}}]}, "not a list"),
    ({"schema": "flowdoc.api/1", "commands": [{"name": "x", "params": [{"type": "string"}]}]}, "params[0]"),
])
def test_validate_model_rejects_malformed(data, message):
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        drift.validate_model(data, "snap.json")


def test_load_snapshot_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="malformed snapshot"):
        drift.load_snapshot(bad)
    with pytest.raises(InputError, match="no such file"):
        drift.load_snapshot(tmp_path / "absent.json")


def test_snapshot_text_is_stable_and_sorted():
    shuffled = copy.deepcopy(BASE)
    shuffled["commands"].reverse()
    shuffled["commands"][1]["params"].reverse()
    shuffled["commands"][1]["roles"].reverse()
    text = drift.dumps_snapshot(shuffled)
    assert text == drift.dumps_snapshot(BASE)
    data = json.loads(text)
    assert [c["name"] for c in data["commands"]] == ["createThing", "listThings"]
    assert [p["name"] for p in data["commands"][0]["params"]] == ["name", "size", "zoneid"]
    assert drift.compare(BASE, drift.validate_model(data, "x")) == []


# --- report styles ---------------------------------------------------------------------------


def sample_report():
    new = copy.deepcopy(BASE)
    new["version"] = "2.0"
    cmds = {c["name"]: c for c in new["commands"]}
    cmds["createThing"]["params"].pop(2)
    cmds["createThing"]["params"].append(param("tier,a", required=False))
    cmds["listThings"]["description"] = "lists | things"
    new["commands"].append(command("deleteThing", since=None))
    return drift.build_report(BASE, new, "1.0", "2.0")


def test_report_counts_and_fail_levels():
    report = sample_report()
    assert report.counts() == {"breaking": 1, "non-breaking": 2, "warning": 2, "doc": 1}
    assert len(report.failing("breaking")) == 1
    assert len(report.failing("any")) == 6
    assert report.failing("none") == []


def test_text_report_groups_breaking_first():
    text = drift.render_text(sample_report())
    assert text.splitlines()[0] == "flowdoc diff: 1.0 -> 2.0"
    assert text.index("Breaking (1)") < text.index("Non-breaking (2)") < text.index("Warnings (2)") \
        < text.index("Doc-only (1)")
    assert "API createThing: parameter size removed" in text
    assert "api/src/main/java/org/acme/api/CreateThingCmd.java:20" in text


def test_markdown_report_has_open_breaking_table_and_folded_rest():
    md = drift.render_markdown(sample_report())
    assert md.startswith("### ❌ flowdoc API drift: `1.0` → `2.0`")
    assert "#### ❌ Breaking (1)" in md
    assert "<summary>✅ Non-breaking (2)</summary>" in md
    assert "lists \\| things" not in md  # descriptions are not printed, only that they changed
    assert "| `createThing` | API createThing: parameter size removed |" in md


def test_markdown_link_base_and_limit():
    md = drift.render_markdown(sample_report(), max_per_group=1, link_base="https://example.org/blob/abc")
    assert "](https://example.org/blob/abc/api/src/main/java/org/acme/api/CreateThingCmd.java#L20)" in md
    assert "1 more (see the json report)" in md


def test_json_report_round_trips():
    data = json.loads(drift.render_json(sample_report()))
    assert data["schema"] == "flowdoc.drift/1"
    assert data["summary"]["breaking"] == 1
    assert data["changes"][0]["kind"] == "param-removed"
    assert {"kind", "severity", "api", "param", "message", "file", "line"} <= set(data["changes"][0])


def test_github_annotations_escape_and_point_at_java_lines():
    lines = drift.render_github(sample_report()).splitlines()
    assert lines[0].startswith("::error file=api/src/main/java/org/acme/api/CreateThingCmd.java,line=20,title=")
    assert lines[0].endswith("::API createThing: parameter size removed")
    tier = next(line for line in lines if "tier" in line and "warning" in line)
    assert "tier,a" in tier.split("::")[2]  # message text keeps commas; properties escape them
    assert lines[-1].startswith("::notice title=flowdoc diff::1 breaking")


def test_github_removed_api_has_no_file_property():
    new = copy.deepcopy(BASE)
    new["commands"].pop(1)
    out = drift.render_github(drift.build_report(BASE, new))
    first = out.splitlines()[0]
    assert first.startswith("::error title=") and "(was api/src/main/java/org/acme/api/ListThingsCmd.java:20)" in first
