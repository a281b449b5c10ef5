"""listApis export on a small tree: the discovery plugin's rules, value by value."""

from __future__ import annotations

import json

from flowdoc.analyze.api import ApiModel, build_api_model
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.check.report.listapis import counts, java_hashmap_order, java_string_hash, listapis
from flowdoc.cli import main
from tests.check.report.exports_tree import TREE, C, exports_model
from tests.helpers import scan_java_tree, write_java_tree


def test_java_string_hash_and_hashmap_order():
    assert java_string_hash("hello") == 99162322  # the value Java's "hello".hashCode() gives
    assert java_string_hash("Aa") == java_string_hash("BB") == 2112
    # same bucket: insertion order; different buckets: bucket order, whatever the insertion order
    assert java_hashmap_order(["BB", "Aa"]) == ["BB", "Aa"]
    assert java_hashmap_order(["Aa", "BB"]) == ["Aa", "BB"]
    assert java_hashmap_order(["b", "a"]) == ["a", "b"]  # 98 & 15 = 2, 97 & 15 = 1
    assert java_hashmap_order(["a", "a", "b"]) == ["a", "b"]


def test_one_answer_per_registered_name_in_server_order(tmp_path):
    answer = listapis(exports_model(tmp_path))
    names = [a["name"] for a in answer["api"]]
    assert answer["count"] == 4
    assert names == java_hashmap_order(["fillJar", "listJars", "dropJar", "stackJar"])
    assert "peekJar" not in names  # includeInApiDoc = false


def test_api_fields_and_the_admin_variant_served(tmp_path):
    apis = {a["name"]: a for a in listapis(exports_model(tmp_path))["api"]}
    fill, jars = apis["fillJar"], apis["listJars"]
    assert list(fill) == ["name", "description", "since", "isasync", "related", "params", "response"]
    assert (fill["description"], fill["since"], fill["isasync"]) == ("Fills a jar.", "1.0", True)
    assert jars["description"] == "Lists jars (admin)."  # the admin class is registered last
    assert "since" not in jars
    params = {p["name"]: p for p in jars["params"]}
    assert sorted(params) == ["hostid", "id", "keyword", "zone"]  # no "internal" (expose = false), no "response"
    assert params["keyword"] == {"name": "keyword", "description": "free text", "type": "string", "length": 255,
                                 "required": False, "since": "1.1"}


def test_related_follows_the_servers_shared_lists(tmp_path):
    """Each API is removed from its response class's list as the server walks its map, so
    later APIs see shorter lists; SuccessResponse APIs have no related at all."""
    apis = {a["name"]: a for a in listapis(exports_model(tmp_path))["api"]}
    # walk order fillJar, listJars, stackJar, dropJar; registration order fillJar, listJars, listJars, stackJar
    assert apis["fillJar"]["related"] == "listJars,listJars,stackJar"
    assert apis["listJars"]["related"] == "listJars,stackJar"
    assert apis["stackJar"]["related"] == "listJars"
    assert "related" not in apis["dropJar"]
    fill_id = next(p for p in apis["fillJar"]["params"] if p["name"] == "id")
    drop_id = next(p for p in apis["dropJar"]["params"] if p["name"] == "id")
    assert fill_id["related"] == "fillJar,listJars,listJars,stackJar"
    assert drop_id["related"] == "listJars"
    assert all("related" not in p for p in apis["fillJar"]["params"] if p["name"] != "id")


def test_response_fields_nest_shadow_and_keep_empty_entries(tmp_path):
    apis = {a["name"]: a for a in listapis(exports_model(tmp_path))["api"]}
    response = apis["fillJar"]["response"]
    named = [r["name"] for r in response if r]
    assert sorted(named) == ["id", "jobid", "jobid", "lids", "secret", "volume"]
    assert response.count({}) == 1  # BaseResponse.objectName has no @SerializedName
    lids = next(r for r in response if r.get("name") == "lids")
    assert lids["type"] == "list"
    assert lids["response"] == [{"name": "color", "description": "lid color", "type": "string"}, {}]
    assert {r["description"] for r in response if r.get("name") == "jobid"} == {"the job", "the jar's own job"}


def test_roles(tmp_path):
    model = exports_model(tmp_path)
    user = {a["name"]: a for a in listapis(model, "user")["api"]}
    domain = {a["name"]: a for a in listapis(model, "domainadmin")["api"]}
    assert sorted(user) == ["fillJar", "listJars"]
    assert sorted(domain) == ["listJars"]
    assert [p["name"] for p in user["listJars"]["params"]] == ["hostid", "id", "keyword"]  # zone: Admin only


def test_counts_and_cli(tmp_path, capsys):
    model = exports_model(tmp_path)
    answer = listapis(model)
    assert counts(answer) == {"apis": 4, "params": 3 + 4 + 0 + 1,
                              "response_fields": 3 * (6 + 1) + 2}
    root = write_java_tree(tmp_path / "cli", TREE)
    assert main(["api", "--source", str(root), "--format", "listapis", "--name", "list*", "--role", "user"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["count"] == 1 and printed["api"][0]["related"] == "listJars,stackJar"


def test_a_parameter_declared_again_by_a_superclass_is_listed_twice(tmp_path):
    """The server lists every @Parameter field of the class chain (a HashSet of responses
    without equals): a subclass field hiding a superclass field of the same name gives two
    entries, each with its own field's text; the model's params keep the specific one."""
    base = "plugins/shelf/src/main/java/org/kappa/shelf/"
    tree = {**TREE,
            base + "LabelCmd.java": "package org.kappa.shelf;\n" + C + """
                public abstract class LabelCmd extends BaseCmd {
                    @Parameter(name = "label", type = CommandType.STRING, description = "old label")
                    private String label;
                }
                """,
            base + "StackJarCmd.java": "package org.kappa.shelf;\n" + C + """
                @APICommand(name = "stackJar", description = "Stacks a jar.", responseObject = JarResponse.class)
                public class StackJarCmd extends LabelCmd {
                    @Parameter(name = "label", type = CommandType.STRING, required = true, description = "new label")
                    private String label;
                }
                """}
    scan = scan_java_tree(tmp_path / "tree", tree)
    model = build_api_model(scan, build_symbol_index(scan))
    command = model.command("stackJar")
    assert [(p.name, p.description) for p in command.params] == [("label", "new label")]
    assert [(p.name, p.description) for p in command.shadowed_params] == [("label", "old label")]
    answer = next(a for a in listapis(model)["api"] if a["name"] == "stackJar")
    assert [(p["name"], p["description"], p["required"]) for p in answer["params"]] == [
        ("label", "new label", True), ("label", "old label", False)]
    # the JSON contract keeps them, so a snapshot answers the same
    again = ApiModel.from_dict(json.loads(json.dumps(model.as_dict())))
    assert next(a for a in listapis(again)["api"] if a["name"] == "stackJar")["params"] == answer["params"]
