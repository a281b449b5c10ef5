"""``flowdoc flow --through`` and ``flowdoc callers --table/--setting`` on the bundled sample."""

from __future__ import annotations

import json

from flowdoc.cli import main


def test_flow_json_lists_tables_settings_and_unknown_counts(capsys):
    assert main(["flow", "startInstance", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    instance = next(t for t in data["tables"] if t["name"] == "instance")
    assert instance["access"] == ["read", "write"]
    assert {"node": "org.nimbus.vm.InstanceManagerImpl.startInstance(long)", "line": 109,
            "dao": "org.nimbus.vm.dao.InstanceDao", "method": "update", "access": "write"} in instance["sites"]
    assert [s["name"] for s in data["settings"]] == ["instance.start.any.host"]
    assert set(data["touch_unknown"]) == {"tables", "settings", "events", "sites"}


def test_flow_text_ends_with_what_it_touches(capsys):
    assert main(["flow", "startInstance"]) == 0
    text = capsys.readouterr().out
    assert "\nwrites: instance\n" in text
    assert "settings read: instance.start.any.host" in text


def test_through_an_unknown_hand_off_kind_is_exit_2_with_the_kinds(capsys):
    assert main(["flow", "startInstance", "--through", "agnt"]) == 2
    assert "did you mean: agent?" in capsys.readouterr().err


def test_callers_of_a_table_by_access_and_of_a_setting(capsys):
    assert main(["callers", "--table", "instance", "--access", "write", "--format", "json"]) == 0
    writers = {a["api"] for a in json.loads(capsys.readouterr().out)["apis"]}
    assert {"deployInstance", "destroyInstance", "startInstance"} <= writers
    assert "listInstances" not in writers  # it only reads
    assert main(["callers", "--setting", "instance.start.any.host", "--format", "json"]) == 0
    readers = {a["api"] for a in json.loads(capsys.readouterr().out)["apis"]}
    assert readers == {"deployInstance", "startInstance"}


def test_callers_of_an_unknown_table_or_setting_suggests_close_names(capsys):
    assert main(["callers", "--table", "instanse"]) == 2
    assert "unknown table 'instanse'; did you mean: instance" in capsys.readouterr().err
    assert main(["callers", "--setting", "instance.start.any"]) == 2
    assert "instance.start.any.host" in capsys.readouterr().err
    assert main(["callers"]) == 2
    assert "give one of METHOD, --table NAME or --setting NAME" in capsys.readouterr().err
