"""API model on small trees written for these tests (package org.zeta, not CloudStack code)."""

from __future__ import annotations

import json

import pytest

from flowdoc.analyze.api import ApiModel, build_api_model, category_for
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.cli import main
from tests.helpers import scan_java_tree, write_java_tree

API = "core/src/main/java/org/zeta/api"
HEADER = "package org.zeta.api;\n"

TREE = {
    # ---- framework
    f"{API}/APICommand.java": HEADER + """
        import org.zeta.acl.RoleType;
        public @interface APICommand {
            Class<?> responseObject();
            String name() default "";
            String description() default "";
            String since() default "";
            boolean includeInApiDoc() default true;
            ResponseView responseView() default ResponseView.Full;
            boolean requestHasSensitiveInfo() default true;
            boolean responseHasSensitiveInfo() default true;
            RoleType[] authorized() default {};
            Class<?>[] entityType() default {};
        }
        """,
    f"{API}/ResponseView.java": HEADER + "public enum ResponseView { Full, Restricted }\n",
    f"{API}/Parameter.java": HEADER + """
        import org.zeta.acl.RoleType;
        public @interface Parameter {
            String name() default "";
            String description() default "";
            boolean required() default false;
            BaseCmd.CommandType type() default BaseCmd.CommandType.OBJECT;
            BaseCmd.CommandType collectionType() default BaseCmd.CommandType.OBJECT;
            Class<?>[] entityType() default Object.class;
            boolean expose() default true;
            int length() default 255;
            String since() default "";
            RoleType[] authorized() default {};
        }
        """,
    "core/src/main/java/org/zeta/acl/RoleType.java": "package org.zeta.acl;\npublic enum RoleType { Admin, DomainAdmin, User }\n",
    "core/src/main/java/org/zeta/serial/SerializedName.java": "package org.zeta.serial;\npublic @interface SerializedName { String value(); }\n",
    "core/src/main/java/org/zeta/serial/Param.java": """
        package org.zeta.serial;
        public @interface Param { String description() default ""; Class<?> responseObject() default Object.class; String since() default ""; }
        """,
    f"{API}/Keys.java": HEADER + """
        public class Keys {
            public static final String ID = "id";
            public static final String BOX = "box";
            public static final String BOX_ID = BOX + ID;
            public static final String KEYWORD = "keyword";
            public static final String PAGE = "page";
            public static final int BIG = 4 * 1024;
        }
        """,
    "core/src/main/java/org/zeta/names/MoreKeys.java": """
        package org.zeta.names;
        public interface MoreKeys {
            String COLOR = "color";
            String LIST_BOXES = "list" + "Boxes";
        }
        """,
    f"{API}/AdminCmd.java": HEADER + "public interface AdminCmd { }\n",
    f"{API}/BaseCmd.java": HEADER + """
        public abstract class BaseCmd {
            public enum CommandType { BOOLEAN, DATE, LIST, LONG, MAP, OBJECT, STRING, UUID }
            @Parameter(name = "response", type = CommandType.STRING)
            private String responseType;
            public abstract void execute();
        }
        """,
    f"{API}/BaseAsyncCmd.java": HEADER + """
        public abstract class BaseAsyncCmd extends BaseCmd {
            @Parameter(name = "starteventid", type = CommandType.LONG)
            private Long startEventId;
        }
        """,
    f"{API}/BaseAsyncCreateCmd.java": HEADER + "public abstract class BaseAsyncCreateCmd extends BaseAsyncCmd { }\n",
    f"{API}/BaseListCmd.java": HEADER + """
        public abstract class BaseListCmd extends BaseCmd {
            @Parameter(name = Keys.KEYWORD, type = CommandType.STRING, description = "free text")
            private String keyword;
            @Parameter(name = Keys.PAGE, type = CommandType.INTEGER)
            private Integer page;
        }
        """,
    f"{API}/BaseListOwnedCmd.java": HEADER + """
        public abstract class BaseListOwnedCmd extends BaseListCmd {
            @Parameter(name = "owner", type = CommandType.STRING, description = "owner " + Keys.ID)
            private String owner;
        }
        """,
    f"{API}/BaseResponse.java": HEADER + """
        import org.zeta.serial.Param;
        import org.zeta.serial.SerializedName;
        public abstract class BaseResponse {
            @SerializedName("jobid") @Param(description = "the job")
            protected String jobId;
        }
        """,
    f"{API}/response/TagResponse.java": """
        package org.zeta.api.response;
        import org.zeta.api.BaseResponse;
        import org.zeta.serial.Param;
        import org.zeta.serial.SerializedName;
        public class TagResponse extends BaseResponse {
            @SerializedName("key") @Param(description = "tag key")
            private String key;
        }
        """,
    f"{API}/response/BoxResponse.java": """
        package org.zeta.api.response;
        import java.util.List;
        import java.util.Set;
        import org.zeta.api.BaseResponse;
        import org.zeta.api.Keys;
        import org.zeta.serial.Param;
        import org.zeta.serial.SerializedName;
        public class BoxResponse extends BaseResponse {
            @SerializedName(Keys.ID) @Param(description = "the box id")
            private String id;
            @SerializedName("size") @Param(description = "bytes", since = "2.0")
            private Long size;
            @SerializedName("tags") @Param(description = "its tags", responseObject = TagResponse.class)
            private Set<TagResponse> tags;
            @SerializedName("labels") @Param(description = "its labels")
            private List<TagResponse> labels;
            @SerializedName("internal")
            private String notDocumented;
        }
        """,
    # ---- commands: three levels of inheritance, user + admin variant, static import
    f"{API}/command/user/box/ListBoxesCmd.java": """
        package org.zeta.api.command.user.box;
        import static org.zeta.names.MoreKeys.COLOR;
        import org.zeta.acl.RoleType;
        import org.zeta.api.*;
        import org.zeta.api.response.BoxResponse;
        import org.zeta.names.MoreKeys;
        @APICommand(name = MoreKeys.LIST_BOXES, description = "Lists boxes.", responseObject = BoxResponse.class,
                responseView = ResponseView.Restricted, authorized = {RoleType.Admin, RoleType.User})
        public class ListBoxesCmd extends BaseListOwnedCmd {
            @Parameter(name = COLOR, type = CommandType.LIST, collectionType = CommandType.STRING,
                    authorized = {RoleType.Admin}, length = Keys.BIG)
            private java.util.List<String> colors;
            @Parameter(name = Keys.BOX_ID, type = CommandType.UUID, entityType = BoxResponse.class, required = true)
            private Long boxId;
            public void execute() { }
        }
        """,
    f"{API}/command/admin/box/ListBoxesCmdByAdmin.java": """
        package org.zeta.api.command.admin.box;
        import org.zeta.api.APICommand;
        import org.zeta.api.AdminCmd;
        import org.zeta.api.Parameter;
        import org.zeta.api.ResponseView;
        import org.zeta.api.BaseCmd.CommandType;
        import org.zeta.api.command.user.box.ListBoxesCmd;
        import org.zeta.api.response.BoxResponse;
        @APICommand(name = "listBoxes", description = "Lists boxes (admin).", responseObject = BoxResponse.class,
                responseView = ResponseView.Full)
        public class ListBoxesCmdByAdmin extends ListBoxesCmd implements AdminCmd {
            @Parameter(name = "hostid", type = CommandType.UUID, expose = false)
            private Long hostId;
        }
        """,
    # ---- generic base class, async create
    f"{API}/command/user/box/BaseBoxCmd.java": """
        package org.zeta.api.command.user.box;
        import org.zeta.api.*;
        public abstract class BaseBoxCmd<R extends BaseResponse> extends BaseAsyncCreateCmd {
            @Parameter(name = "zoneid", type = CommandType.UUID, required = true, since = "1.5")
            protected Long zoneId;
        }
        """,
    f"{API}/command/user/box/CreateBoxCmd.java": """
        package org.zeta.api.command.user.box;
        import org.zeta.api.*;
        import org.zeta.api.response.BoxResponse;
        @APICommand(name = "createBox", description = "Creates a box.", responseObject = BoxResponse.class, since = "1.2",
                requestHasSensitiveInfo = false, includeInApiDoc = false)
        public class CreateBoxCmd extends BaseBoxCmd<BoxResponse> {
            @Parameter(name = Missing.NAME, type = CommandType.STRING)
            private String broken;
            @Parameter(name = "details", type = CommandType.MAP)
            private java.util.Map details;
            public void execute() { }
            @Parameter(name = "onmethod")
            public void setThing(String thing) { }
        }
        """,
    f"{API}/command/user/box/PingBoxCmd.java": """
        package org.zeta.api.command.user.box;
        import org.zeta.api.*;
        import org.zeta.api.response.BoxResponse;
        @APICommand(name = "pingBox", responseObject = NoSuchResponse.class)
        public class PingBoxCmd extends BaseAsyncCmd { public void execute() { } }
        """,
    f"{API}/command/admin/box/PingBoxAgainCmd.java": """
        package org.zeta.api.command.admin.box;
        import org.zeta.api.*;
        import org.zeta.api.response.BoxResponse;
        @APICommand(name = "pingBox", responseObject = BoxResponse.class)
        public class PingBoxAgainCmd extends BaseCmd { public void execute() { } }
        """,
    # ---- a plugin outside the core package, registered by its own service
    "plugins/storage/crate-store/src/main/java/org/zeta/crate/api/ListCratesCmd.java": """
        package org.zeta.crate.api;
        import org.zeta.api.*;
        import org.zeta.api.response.TagResponse;
        @APICommand(name = "listCrates", description = "Lists crates.", responseObject = TagResponse.class)
        public class ListCratesCmd extends BaseListCmd { public void execute() { } }
        """,
    "plugins/storage/crate-store/src/main/java/org/zeta/crate/api/DropCrateCmd.java": """
        package org.zeta.crate.api;
        import org.zeta.api.*;
        import org.zeta.api.response.TagResponse;
        @APICommand(name = "dropCrate", description = "Drops a crate.", responseObject = TagResponse.class)
        public class DropCrateCmd extends BaseAsyncCmd { public void execute() { } }
        """,
    "core/src/main/java/org/zeta/config/ConfigKey.java": """
        package org.zeta.config;
        public class ConfigKey<T> {
            public ConfigKey(String category, Class<T> type, String name, String defaultValue, String description, boolean dynamic) { }
            public T value() { return null; }
        }
        """,
    "plugins/storage/crate-store/src/main/java/org/zeta/crate/CrateConfig.java": """
        package org.zeta.crate;
        import org.zeta.config.ConfigKey;
        public interface CrateConfig {
            ConfigKey<Boolean> CratesEnabled = new ConfigKey<>("Advanced", Boolean.class, "crates.enabled", "false",
                    "whether crates can be dropped", true);
        }
        """,
    "plugins/storage/crate-store/src/main/java/org/zeta/crate/CrateService.java": """
        package org.zeta.crate;
        import java.util.ArrayList;
        import java.util.List;
        import org.zeta.crate.api.DropCrateCmd;
        import org.zeta.crate.api.ListCratesCmd;
        public class CrateService implements CrateConfig {
            public List<Class<?>> getCommands() {
                List<Class<?>> cmds = new ArrayList<>();
                cmds.add(ListCratesCmd.class);
                if (!CratesEnabled.value()) {
                    return cmds;  // the feature is off
                }
                cmds.add(DropCrateCmd.class);
                return cmds;
            }
        }
        """,
    "server/src/main/java/org/zeta/server/ManagementServer.java": """
        package org.zeta.server;
        import java.util.ArrayList;
        import java.util.List;
        import org.zeta.api.command.admin.box.ListBoxesCmdByAdmin;
        import org.zeta.api.command.user.box.*;
        public class ManagementServer {
            public List<Class<?>> getCommands() {
                List<Class<?>> cmdList = new ArrayList<Class<?>>();
                cmdList.add(ListBoxesCmd.class);
                cmdList.add(ListBoxesCmdByAdmin.class);
                cmdList.addAll(boxCommands());
                return cmdList;
            }
            private List<Class<?>> boxCommands() {
                return List.of(CreateBoxCmd.class, PingBoxCmd.class);
            }
        }
        """,
    # ---- a command in a test folder is not part of the model
    "core/src/test/java/org/zeta/api/FakeCmd.java": """
        package org.zeta.api;
        @APICommand(name = "fake", responseObject = BaseResponse.class)
        public class FakeCmd extends BaseCmd { public void execute() { } }
        """,
}


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> ApiModel:
    scan = scan_java_tree(tmp_path_factory.mktemp("api"), TREE)
    return build_api_model(scan, build_symbol_index(scan))


def params(command) -> dict:
    return {p.name: p for p in command.params}


def test_one_entry_per_name_sorted_and_tests_excluded(model):
    assert [c.name for c in model.commands] == ["createBox", "dropCrate", "listBoxes", "listCrates", "pingBox"]


def test_user_and_admin_variants(model):
    c = model.command("listBoxes")  # name from a concatenated interface constant
    assert [v.class_name for v in c.variants] == [
        "org.zeta.api.command.admin.box.ListBoxesCmdByAdmin", "org.zeta.api.command.user.box.ListBoxesCmd"]
    admin, user = c.variants
    assert admin.admin_only and admin.response_view == "Full" and admin.registered
    assert not user.admin_only and user.response_view == "Restricted"
    assert c.class_name == admin.class_name and c.description == "Lists boxes (admin)."  # what root admin is served
    assert c.roles == ["Admin", "User"]  # union of the variants' roles
    assert user.roles == ["Admin", "User"] and admin.roles == []
    assert c.category == "Box" and c.response == "org.zeta.api.response.BoxResponse"
    assert c.line == 9  # the @APICommand line
    assert not c.isasync and not c.async_create


def test_parameters_inherited_three_levels_with_constants(model):
    ps = params(model.command("listBoxes"))
    assert set(ps) == {"boxid", "color", "hostid", "keyword", "owner", "page"}  # framework "response" left out
    assert ps["keyword"].declared_in == "org.zeta.api.BaseListCmd"
    assert ps["owner"].declared_in == "org.zeta.api.BaseListOwnedCmd"
    assert ps["owner"].description == "owner id"  # concatenation in a description
    assert ps["boxid"].type == "uuid" and ps["boxid"].required and ps["boxid"].related == ["BoxResponse"]
    color = ps["color"]  # static import, list with collection type, role array, constant length
    assert (color.type, color.collection_type, color.roles, color.length) == ("list", "string", ["Admin"], 4096)
    assert ps["page"].type == "integer" and ps["page"].length == 255 and ps["page"].since is None
    assert not ps["hostid"].expose and ps["hostid"].declared_in.endswith("ListBoxesCmdByAdmin")
    assert ps["keyword"].expose and ps["keyword"].related == []


def test_generic_base_async_create_and_hidden(model):
    c = model.command("createBox")
    assert c.isasync and c.async_create and c.since == "1.2"
    assert not c.include_in_api_doc and not c.request_has_sensitive_info and c.response_has_sensitive_info
    ps = params(c)
    assert ps["zoneid"].declared_in == "org.zeta.api.command.user.box.BaseBoxCmd"
    assert ps["zoneid"].since == "1.5" and ps["zoneid"].required
    assert "starteventid" not in ps  # declared by the framework root BaseAsyncCmd
    assert "Missing.NAME" in ps  # unresolvable: kept as written, and reported
    assert ps["details"].type == "map" and ps["details"].collection_type is None


def test_response_fields_inherited_and_nested(model):
    fields = {f.name: f for f in model.command("listBoxes").response_fields}
    assert set(fields) == {"id", "jobid", "labels", "size", "tags"}  # "internal" has no @Param
    assert fields["id"].type == "string" and fields["size"].type == "long" and fields["size"].since == "2.0"
    assert fields["jobid"].declared_in == "org.zeta.api.BaseResponse"
    assert fields["tags"].response_object == "org.zeta.api.response.TagResponse"
    assert [f.name for f in fields["tags"].fields] == ["key"]
    assert fields["labels"].response_object == "org.zeta.api.response.TagResponse" and fields["labels"].type == "list"


def test_plugin_command_and_registration(model):
    c = model.command("listCrates")
    assert c.category == "Crate Store" and c.registered
    assert c.file.startswith("plugins/storage/crate-store/")
    assert set(params(c)) == {"keyword", "page"}
    assert c.variants[0].registered_if is None and c.variants[0].registered_by_default
    drop = model.command("dropCrate").variants[0]  # behind a feature flag that is off by default
    assert drop.registered and drop.registered_if == "CratesEnabled.value()" and drop.registered_by_default is False
    assert model.command("createBox").registered  # through a helper method of getCommands()
    ping = model.command("pingBox")
    assert [v.registered for v in ping.variants] == [False, True]
    assert ping.class_name.endswith("PingBoxCmd")  # the registered one is served


def test_problems(model):
    kinds = {(p.kind, p.file.rsplit("/", 1)[-1]) for p in model.problems}
    assert ("unresolved-constant", "CreateBoxCmd.java") in kinds
    assert ("parameter-not-field", "CreateBoxCmd.java") in kinds
    assert ("missing-response-class", "PingBoxCmd.java") in kinds
    assert ("duplicate-api-name", "PingBoxCmd.java") in kinds
    assert not any(p.kind == "duplicate-api-name" and "listBoxes" in p.message for p in model.problems)
    unresolved = next(p for p in model.problems if p.kind == "unresolved-constant")
    assert "Missing.NAME" in unresolved.message and unresolved.line == 8


def test_contract_round_trip(model):
    data = model.as_dict()
    assert data["schema"] == "flowdoc.api/1"
    assert set(data["source"]) == {"root", "version", "files"}
    cmd = next(c for c in data["commands"] if c["name"] == "listBoxes")
    for key in ("name", "class", "file", "line", "description", "since", "isasync", "roles", "response",
                "include_in_api_doc", "variants", "params", "response_fields"):
        assert key in cmd
    assert set(cmd["variants"][0]) >= {"class", "roles", "admin_only", "response_view", "registered", "response",
                                       "file", "line"}
    assert set(cmd["params"][0]) >= {"name", "type", "required", "description", "since", "length", "related",
                                     "declared_in", "expose"}
    assert [p["name"] for p in cmd["params"]] == sorted(p["name"] for p in cmd["params"])
    text = json.dumps(data)
    assert ApiModel.from_dict(json.loads(text)).as_dict() == data


@pytest.mark.parametrize(("package", "path", "expected"), [
    ("org.apache.x.api.command.user.vm", "api/X.java", "Virtual Machine"),
    ("org.apache.x.api.command.admin.loadbalancer", "api/X.java", "Load Balancer"),
    ("org.apache.x.api.command", "plugins/network-elements/nsx/src/main/java/X.java", "NSX"),
    ("com.x.api.commands", "plugins/hypervisors/baremetal/src/main/java/X.java", "Baremetal"),
    ("org.x.quota.api", "plugins/database/quota/src/main/java/X.java", "Quota"),
    ("org.x.api.command.user", "plugins/event-bus/web-hook/src/main/java/X.java", "Web Hook"),
])
def test_category(package, path, expected):
    assert category_for(package, path) == expected


def test_sample_tree_model():
    from flowdoc.cli.common import sample_tree
    from flowdoc.read.scan import scan_tree

    model = build_api_model(scan_tree(sample_tree(), jobs=1))
    names = [c.name for c in model.commands]
    assert "fakeEcho" not in names and "deployInstance" in names and "listDiskProviders" in names
    deploy = model.command("deployInstance")
    assert len(deploy.variants) == 2 and deploy.async_create
    assert not model.command("migrateInstance").registered
    assert not model.command("getHostToken").include_in_api_doc
    assert model.command("addHost").name == "addHost"
    assert not [p for p in model.problems if p.kind != "parse-error"]


def test_cli_formats(tmp_path, capsys):
    out = tmp_path / "api.json"
    assert main(["api", "--format", "json", "--no-cache", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["schema"] == "flowdoc.api/1" and len(data["commands"]) >= 15
    assert main(["api", "--format", "markdown", "--no-cache", "--name", "list*"]) == 0
    text = capsys.readouterr().out
    assert "## listInstances" in text and "## deployInstance" not in text
    assert main(["api", "--format", "table", "--no-cache", "--name", "deploy*"]) == 0
    assert "deployInstance" in capsys.readouterr().out
    assert main(["api", "--no-cache", "--name", "nomatch*"]) == 2
    assert main(["api", "--no-cache", "--strict", "-o", str(tmp_path / "t.txt")]) == 0  # the sample has no problems
    assert "deployInstance" in (tmp_path / "t.txt").read_text()


def test_cli_strict_exit_code_with_problems(tmp_path):
    write_java_tree(tmp_path, TREE)
    assert main(["api", "--no-cache", "-s", str(tmp_path), "-f", "json", "-o", str(tmp_path / "a.json")]) == 0
    assert main(["api", "--no-cache", "-s", str(tmp_path), "--strict", "-f", "json", "-o",
                 str(tmp_path / "b.json")]) == 1
    assert json.loads((tmp_path / "b.json").read_text())["problems"]
