"""drift.compare on contract dicts: every class of change, and the report styles."""

from __future__ import annotations

import copy
import json

import pytest

from flowdoc.check import drift
from flowdoc.check.report import drift as drift_report
from flowdoc.model import contract
from flowdoc.model.problems import InputError


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
    (lambda c: c["createThing"]["params"][1].update(expose=False), ("param-removed", "breaking", "zoneid")),
    (lambda c: c["createThing"]["params"][1].update(include_in_api_doc=False), ("param-doc-visibility", "doc", "zoneid")),
    (lambda c: c["createThing"].update(include_in_api_doc=False), ("api-doc-visibility", "doc", None)),
    (lambda c: c["createThing"]["response_fields"][0].update(description="uuid"),
     ("response-field-description", "doc", "id")),
    (lambda c: c["createThing"].update(roles=[]), ("roles-cleared", "warning", None)),
    (lambda c: c["listThings"].update(roles=["Admin"]), ("roles-restricted", "warning", None)),
])
def test_each_class_of_change(mutate, expected):
    got = changes_between(lambda cmds, new: mutate(cmds))
    assert [(c.kind, c.severity, c.param) for c in got] == [expected]
    assert got[0].severity == drift.KIND_SEVERITY[got[0].kind]


@pytest.mark.parametrize("required, expected", [(False, ("param-added", "non-breaking")),
                                                (True, ("param-added-required", "breaking"))])
def test_a_parameter_that_becomes_exposed_is_added(required, expected):
    """expose = false -> true: API users see a new parameter (listApis and the server skip hidden ones)."""
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    for side, exposed in ((old, False), (new, True)):
        thing = next(c for c in side["commands"] if c["name"] == "createThing")
        thing["params"][1].update(expose=exposed, required=required)
    got = drift.compare(old, new)
    assert [(c.kind, c.severity, c.param) for c in got] == [(*expected, "zoneid")]
    assert "was expose = false" in got[0].message


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
        contract.validate_model(data, "snap.json")


def test_load_snapshot_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="malformed snapshot"):
        contract.load_snapshot(bad)
    with pytest.raises(InputError, match="no such file"):
        contract.load_snapshot(tmp_path / "absent.json")


def test_snapshot_text_is_stable_and_sorted():
    shuffled = copy.deepcopy(BASE)
    shuffled["commands"].reverse()
    shuffled["commands"][1]["params"].reverse()
    shuffled["commands"][1]["roles"].reverse()
    text = contract.dumps_snapshot(shuffled)
    assert text == contract.dumps_snapshot(BASE)
    data = json.loads(text)
    assert [c["name"] for c in data["commands"]] == ["createThing", "listThings"]
    assert [p["name"] for p in data["commands"][0]["params"]] == ["name", "size", "zoneid"]
    assert drift.compare(BASE, contract.validate_model(data, "x")) == []


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


# --- fixture pairs: small Java trees, old and new, through the real scan and API model ------------

ACME = {
    "api/src/main/java/org/acme/api/ApiConstants.java": """
        package org.acme.api;
        public class ApiConstants {
            public static final String ID = "id";
            public static final String NAME = "name";
            public static final String ZONE_ID = "zoneid";
            public static final String SIZE = "size";
        }
        """,
    "api/src/main/java/org/acme/api/RoleType.java": """
        package org.acme.api;
        public enum RoleType { Admin, DomainAdmin, User }
        """,
    "api/src/main/java/org/acme/api/BaseCmd.java": """
        package org.acme.api;
        public abstract class BaseCmd {
            public enum CommandType { BOOLEAN, INTEGER, LONG, STRING, UUID, LIST, MAP }
            public abstract void execute();
        }
        """,
    "api/src/main/java/org/acme/api/BaseAsyncCmd.java": """
        package org.acme.api;
        public abstract class BaseAsyncCmd extends BaseCmd {
        }
        """,
    "api/src/main/java/org/acme/api/response/BaseResponse.java": """
        package org.acme.api.response;
        public abstract class BaseResponse {
        }
        """,
    "api/src/main/java/org/acme/api/response/GadgetResponse.java": """
        package org.acme.api.response;
        import com.google.gson.annotations.SerializedName;
        import org.acme.api.ApiConstants;
        import org.acme.serializer.Param;
        public class GadgetResponse extends BaseResponse {
            @SerializedName(ApiConstants.ID)
            @Param(description = "the gadget id")
            private String id;
            @SerializedName("size")
            @Param(description = "the gadget size")
            private Long size;
        }
        """,
    "api/src/main/java/org/acme/api/command/CreateGadgetCmd.java": """
        package org.acme.api.command;
        import org.acme.api.*;
        import org.acme.api.response.GadgetResponse;
        @APICommand(name = "createGadget", description = "Creates a gadget", responseObject = GadgetResponse.class,
                since = "1.0", authorized = {RoleType.Admin, RoleType.User})
        public class CreateGadgetCmd extends BaseAsyncCmd {
            @Parameter(name = ApiConstants.NAME, type = CommandType.STRING, required = true, description = "gadget name")
            private String name;
            @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, description = "the zone")
            private Long zoneId;
            @Parameter(name = ApiConstants.SIZE, type = CommandType.LONG, description = "the size")
            private Long size;
            public void execute() {}
        }
        """,
    "api/src/main/java/org/acme/api/command/ListGadgetsCmd.java": """
        package org.acme.api.command;
        import org.acme.api.*;
        import org.acme.api.response.GadgetResponse;
        @APICommand(name = "listGadgets", description = "Lists gadgets", responseObject = GadgetResponse.class,
                since = "1.0")
        public class ListGadgetsCmd extends BaseCmd {
            @Parameter(name = "keyword", type = CommandType.STRING, description = "search words")
            private String keyword;
            public void execute() {}
        }
        """,
    "server/src/main/java/org/acme/server/ManagementServer.java": """
        package org.acme.server;
        import java.util.*;
        import org.acme.api.command.*;
        public class ManagementServer {
            public List<Class<?>> getCommands() {
                List<Class<?>> cmds = new ArrayList<>();
                cmds.add(CreateGadgetCmd.class);
                cmds.add(ListGadgetsCmd.class);
                return cmds;
            }
        }
        """,
}
CREATE = "api/src/main/java/org/acme/api/command/CreateGadgetCmd.java"
LIST = "api/src/main/java/org/acme/api/command/ListGadgetsCmd.java"
RESPONSE = "api/src/main/java/org/acme/api/response/GadgetResponse.java"
SERVER = "server/src/main/java/org/acme/server/ManagementServer.java"
CONSTANTS = "api/src/main/java/org/acme/api/ApiConstants.java"

DELETE_CMD = """
    package org.acme.api.command;
    import org.acme.api.*;
    import org.acme.api.response.GadgetResponse;
    @APICommand(name = "deleteGadget", description = "Deletes a gadget", responseObject = GadgetResponse.class%s)
    public class DeleteGadgetCmd extends BaseCmd {
        @Parameter(name = ApiConstants.ID, type = CommandType.UUID, required = true, description = "the gadget")
        private Long id;
        public void execute() {}
    }
    """


def edit(files: dict, path: str, old: str, new: str) -> dict:
    files = dict(files)
    assert old in files[path], (path, old)
    files[path] = files[path].replace(old, new)
    return files


def acme_model(tmp_path, files: dict, name: str) -> dict:
    from flowdoc.analyze.api import build_api_model
    from tests.helpers import scan_java_tree

    return build_api_model(scan_java_tree(tmp_path / name, files)).as_dict()


def tree_changes(tmp_path, new_files: dict) -> list[tuple]:
    old = acme_model(tmp_path, ACME, "old")
    new = acme_model(tmp_path, new_files, "new")
    return [(c.kind, c.severity, c.api, c.param) for c in drift.compare(old, new)]


ADD_DELETE = {**ACME, "api/src/main/java/org/acme/api/command/DeleteGadgetCmd.java": DELETE_CMD % ""}
ADD_DELETE[SERVER] = ADD_DELETE[SERVER].replace("cmds.add(ListGadgetsCmd.class);",
                                                "cmds.add(ListGadgetsCmd.class);\n        cmds.add(DeleteGadgetCmd.class);")
MOVED_TO_BASE = edit(ACME, CREATE, """            @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, description = "the zone")
            private Long zoneId;
""", "")
MOVED_TO_BASE = edit(MOVED_TO_BASE, CREATE, "extends BaseAsyncCmd", "extends BaseGadgetCmd")
MOVED_TO_BASE["api/src/main/java/org/acme/api/command/BaseGadgetCmd.java"] = """
    package org.acme.api.command;
    import org.acme.api.*;
    public abstract class BaseGadgetCmd extends BaseAsyncCmd {
        @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, description = "the zone")
        private Long zoneId;
    }
    """
RENAMED_CONSTANT = edit(edit(ACME, CONSTANTS, "ZONE_ID = ", "ZONE = "), CREATE, "ApiConstants.ZONE_ID", "ApiConstants.ZONE")

TREE_CASES = {
    "renamed constant, same value: nothing": (RENAMED_CONSTANT, []),
    "parameter moved into a base class: nothing": (MOVED_TO_BASE, []),
    "api removed": ({k: v for k, v in ACME.items() if k != LIST} | {SERVER: ACME[SERVER].replace(
        "cmds.add(ListGadgetsCmd.class);", "")}, [("api-removed", "breaking", "listGadgets", None)]),
    "api renamed": (edit(ACME, LIST, 'name = "listGadgets"', 'name = "listAllGadgets"'),
                    [("api-renamed", "breaking", "listAllGadgets", None)]),
    "api unregistered": (edit(ACME, SERVER, "cmds.add(ListGadgetsCmd.class);", ""),
                         [("api-unregistered", "breaking", "listGadgets", None)]),
    "parameter removed": (edit(ACME, CREATE, """            @Parameter(name = ApiConstants.SIZE, type = CommandType.LONG, description = "the size")
            private Long size;
""", ""), [("param-removed", "breaking", "createGadget", "size")]),
    "parameter became required": (edit(ACME, CREATE, 'CommandType.UUID, description', 'CommandType.UUID, required = true, '
                                       'description'), [("param-now-required", "breaking", "createGadget", "zoneid")]),
    "new required parameter": (edit(ACME, LIST, "private String keyword;", 'private String keyword;\n'
                                    '    @Parameter(name = "state", type = CommandType.STRING, required = true, '
                                    'since = "1.1")\n    private String state;'),
                               [("param-added-required", "breaking", "listGadgets", "state")]),
    "parameter type changed": (edit(ACME, CREATE, "SIZE, type = CommandType.LONG", "SIZE, type = CommandType.INTEGER"),
                               [("param-type-changed", "breaking", "createGadget", "size")]),
    "async became sync": (edit(ACME, CREATE, "extends BaseAsyncCmd", "extends BaseCmd"),
                          [("async-changed", "breaking", "createGadget", None)]),
    "response field removed": (edit(ACME, RESPONSE, """            @SerializedName("size")
            @Param(description = "the gadget size")
            private Long size;
""", ""), [("response-field-removed", "breaking", "createGadget", "size"),
           ("response-field-removed", "breaking", "listGadgets", "size")]),
    "response field retyped": (edit(ACME, RESPONSE, "private Long size;", "private String size;"),
                               [("response-field-retyped", "breaking", "createGadget", "size"),
                                ("response-field-retyped", "breaking", "listGadgets", "size")]),
    "role removed": (edit(ACME, CREATE, "{RoleType.Admin, RoleType.User}", "{RoleType.Admin}"),
                     [("role-removed", "breaking", "createGadget", "User")]),
    "api added with since": (edit(ADD_DELETE, "api/src/main/java/org/acme/api/command/DeleteGadgetCmd.java",
                                  "GadgetResponse.class)", 'GadgetResponse.class, since = "1.1")'),
                             [("api-added", "non-breaking", "deleteGadget", None)]),
    "api added without since": (ADD_DELETE, [("api-added", "non-breaking", "deleteGadget", None),
                                             ("api-without-since", "warning", "deleteGadget", None)]),
    "optional parameter added": (edit(ACME, LIST, "private String keyword;", 'private String keyword;\n'
                                      '    @Parameter(name = "state", type = CommandType.STRING, since = "1.1")\n'
                                      '    private String state;'),
                                 [("param-added", "non-breaking", "listGadgets", "state")]),
    "parameter added without since": (edit(ACME, LIST, "private String keyword;", 'private String keyword;\n'
                                           '    @Parameter(name = "state", type = CommandType.STRING)\n'
                                           '    private String state;'),
                                      [("param-added", "non-breaking", "listGadgets", "state"),
                                       ("param-without-since", "warning", "listGadgets", "state")]),
    "response field added": (edit(ACME, RESPONSE, "private Long size;", 'private Long size;\n'
                                  '    @SerializedName("color")\n    @Param(description = "the color")\n'
                                  '    private String color;'),
                             [("response-field-added", "non-breaking", "createGadget", "color"),
                              ("response-field-added", "non-breaking", "listGadgets", "color")]),
    "role added": (edit(ACME, CREATE, "{RoleType.Admin, RoleType.User}", "{RoleType.Admin, RoleType.DomainAdmin, "
                        "RoleType.User}"), [("role-added", "non-breaking", "createGadget", "DomainAdmin")]),
    "description changed": (edit(ACME, CREATE, '"Creates a gadget"', '"Creates one gadget"'),
                            [("api-description", "doc", "createGadget", None)]),
    "since changed": (edit(ACME, LIST, 'since = "1.0"', 'since = "0.9"'), [("api-since", "doc", "listGadgets", None)]),
    "parameter description changed": (edit(ACME, LIST, '"search words"', '"words to search"'),
                                      [("param-description", "doc", "listGadgets", "keyword")]),
}


@pytest.mark.parametrize("case", sorted(TREE_CASES))
def test_fixture_pairs(tmp_path, case):
    new_files, expected = TREE_CASES[case]
    assert tree_changes(tmp_path, new_files) == expected


def test_fixture_change_points_at_the_parameter_line(tmp_path):
    old = acme_model(tmp_path, ACME, "old")
    new = acme_model(tmp_path, TREE_CASES["parameter became required"][0], "new")
    (ch,) = drift.compare(old, new)
    assert (ch.file, ch.line) == (CREATE, 10)  # the @Parameter field


def test_inherited_parameters_of_an_existing_base_class_are_not_warned():
    old = copy.deepcopy(BASE)
    old["commands"].append(command("listWidgets", [param("pagesize", "integer", declared_in="org.acme.api.BaseListCmd")]))
    new = copy.deepcopy(old)
    new["commands"][1]["params"].append(param("pagesize", "integer", declared_in="org.acme.api.BaseListCmd"))
    assert kinds(drift.compare(old, new)) == [("param-added", "non-breaking", "listThings", "pagesize")]


@pytest.mark.parametrize("old_v, new_v, expected", [
    ({}, {"registered_if": "Flag.value()", "registered_by_default": False}, ("api-off-by-default", "breaking")),
    ({"registered_if": "Flag.value()", "registered_by_default": False}, {}, ("api-on-by-default", "non-breaking")),
    ({"registered_if": "A.value()", "registered_by_default": True},
     {"registered_if": "B.value()", "registered_by_default": True}, ("api-registration-condition", "warning")),
    ({"registered_if": "A.value()", "registered_by_default": None},
     {"registered_if": "A.value()", "registered_by_default": None}, None),
])
def test_registration_conditions(old_v, new_v, expected):
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    old["commands"][1]["variants"][0].update(old_v)
    new["commands"][1]["variants"][0].update(new_v)
    got = [(c.kind, c.severity) for c in drift.compare(old, new)]
    assert got == ([expected] if expected else [])


def test_an_api_lost_to_a_parse_error_says_so():
    new = copy.deepcopy(BASE)
    gone = new["commands"].pop(1)
    new["problems"] = [{"file": gone["file"], "line": 3, "kind": "parse-error", "message": "bad"}]
    report = drift.build_report(BASE, new)
    (ch,) = report.changes
    assert ch.message.endswith("(its file does not parse in the new tree)")
    assert report.as_dict()["unparsed"] == {"old": 0, "new": 1}
    assert "note: 1 file(s) of NEW could not be parsed" in drift_report.render_text(report)
    assert "> ⚠️ note: 1 file(s) of NEW could not be parsed" in drift_report.render_markdown(report)


def test_removed_response_field_says_where_it_was():
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    new["commands"][1]["response_fields"] = []
    for f in old["commands"][1]["response_fields"]:
        f["declared_in"] = "org.acme.api.response.ThingResponse"
    locate = {("org.acme.api.response.ThingResponse", "id"): ("api/ThingResponse.java", 12)}.get
    (ch,) = drift.compare(old, new, locate_old_field=lambda cls, name: locate((cls, name)))
    assert ch.message == "API listThings: response field id removed (was ThingResponse.java:12)"
