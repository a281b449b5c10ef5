"""A small API model dict and flows in the exact contract shapes, for the render and site tests."""

from __future__ import annotations

HOSTILE = "the name <script>alert('x')</script> | <img src=x onerror=alert(1)> [click](javascript:alert(2)) *bold*"


def fixture_model() -> dict:
    return {
        "schema": "flowdoc.api/1",
        "source": {"root": "/tmp/tree", "version": "9.9.9-TEST", "files": 42},
        "commands": [
            {
                "name": "launchRocket", "class": "org.demo.api.command.user.rocket.LaunchRocketCmd",
                "file": "api/src/main/java/org/demo/api/command/user/rocket/LaunchRocketCmd.java", "line": 12,
                "description": "Launches a rocket from a pad.", "since": "2.1", "isasync": True,
                "async_create": True, "roles": ["Admin", "User"],
                "response": "org.demo.api.response.RocketResponse", "include_in_api_doc": True,
                "variants": [
                    {"class": "org.demo.api.command.user.rocket.LaunchRocketCmd", "roles": ["Admin", "User"],
                     "admin_only": False, "response_view": "Restricted", "registered": True,
                     "response": "org.demo.api.response.RocketResponse",
                     "file": "api/src/main/java/org/demo/api/command/user/rocket/LaunchRocketCmd.java", "line": 12},
                    {"class": "org.demo.api.command.admin.rocket.LaunchRocketCmdByAdmin", "roles": ["Admin"],
                     "admin_only": True, "response_view": "Full", "registered": True,
                     "response": "org.demo.api.response.RocketResponse",
                     "file": "api/src/main/java/org/demo/api/command/admin/rocket/LaunchRocketCmdByAdmin.java",
                     "line": 9},
                ],
                "params": [
                    {"name": "padid", "type": "uuid", "required": True, "description": "pad to launch from",
                     "since": None, "length": 255, "related": ["PadResponse"], "declared_in": "x", "expose": True},
                    {"name": "name", "type": "string", "required": False, "description": HOSTILE,
                     "since": "2.2", "length": 255, "related": [], "declared_in": "x", "expose": True},
                    {"name": "payload", "type": "map", "required": True, "description": "cargo | weight",
                     "since": None, "length": 255, "related": [], "declared_in": "x", "expose": True},
                ],
                "response_fields": [
                    {"name": "id", "type": "string", "description": "rocket id", "since": None},
                    {"name": "pad", "type": "PadResponse", "description": "where it stands", "since": None},
                ],
            },
            {
                "name": "listPads", "class": "org.demo.api.command.user.pad.ListPadsCmd",
                "file": "api/src/main/java/org/demo/api/command/user/pad/ListPadsCmd.java", "line": 20,
                "description": "Lists launch pads.", "since": None, "isasync": False, "roles": [],
                "response": "org.demo.api.response.PadResponse", "include_in_api_doc": True,
                "variants": [{"class": "org.demo.api.command.user.pad.ListPadsCmd", "roles": [],
                              "admin_only": False, "response_view": "Restricted", "registered": True,
                              "response": "org.demo.api.response.PadResponse",
                              "file": "api/src/main/java/org/demo/api/command/user/pad/ListPadsCmd.java",
                              "line": 20}],
                "params": [{"name": "zoneid", "type": "uuid", "required": False, "description": "zone",
                            "since": None, "length": 255, "related": ["ZoneResponse"], "declared_in": "x",
                            "expose": True}],
                "response_fields": [{"name": "id", "type": "string", "description": "pad id", "since": None}],
            },
            {
                "name": "listZones", "class": "org.demo.api.command.user.zone.ListZonesCmd",
                "file": "api/src/main/java/org/demo/api/command/user/zone/ListZonesCmd.java", "line": 5,
                "description": "Lists zones.", "since": None, "isasync": False, "roles": [],
                "response": "org.demo.api.response.ZoneResponse", "include_in_api_doc": True, "variants": [],
                "params": [], "response_fields": [],
            },
        ],
        "problems": [],
    }


def fixture_flow(api: str = "launchRocket") -> dict:
    cmd = "org.demo.api.command.user.rocket.LaunchRocketCmd"
    return {
        "api": api, "command_class": cmd, "async": True, "async_create": True,
        "nodes": [
            {"id": "org.demo.web.Servlet.handle(Request)", "class": "org.demo.web.Servlet", "method": "handle",
             "file": "web/Servlet.java", "line": 3, "end_line": 6},
            {"id": "org.demo.jobs.JobManager.submit(Job)", "class": "org.demo.jobs.JobManager", "method": "submit",
             "file": "jobs/JobManager.java", "line": 2, "end_line": 4},
            {"id": f"{cmd}.execute()", "class": cmd, "method": "execute",
             "file": "api/src/main/java/org/demo/api/command/user/rocket/LaunchRocketCmd.java",
             "line": 12, "end_line": 14},
            {"id": "org.demo.jobs.Worker.run()", "class": "org.demo.jobs.Worker", "method": "run",
             "file": "jobs/Worker.java", "line": 5, "end_line": 7},
        ],
        "edges": [
            {"from": "org.demo.web.Servlet.handle(Request)", "to": "org.demo.jobs.JobManager.submit(Job)",
             "kind": "call", "file": "web/Servlet.java", "line": 4, "ambiguous": False},
            {"from": "org.demo.jobs.JobManager.submit(Job)", "to": f"{cmd}.execute()", "kind": "async",
             "file": "jobs/JobManager.java", "line": 3, "ambiguous": False},
        ],
        "steps": [
            {"depth": 0, "node": "org.demo.web.Servlet.handle(Request)", "kind": "call", "call_file": None,
             "call_line": None, "async": False, "repeat": False, "folded": 0},
            {"depth": 1, "node": "org.demo.jobs.JobManager.submit(Job)", "kind": "call", "call_file": "web/Servlet.java",
             "call_line": 4, "async": False, "repeat": False, "folded": 0},
            {"depth": 2, "node": f"{cmd}.execute()", "kind": "async", "call_file": "jobs/JobManager.java",
             "call_line": 3, "async": True, "repeat": False, "folded": 2, "hops": ["org.demo.jobs.Worker.run()"]},
        ],
        "unresolved": 1, "unknown": [{"from": f"{cmd}.execute()", "text": "mystery.<b>call</b>()", "line": 13}],
    }


DIAGRAM = """sequenceDiagram
    participant Servlet
    participant JobManager
    participant LaunchRocketCmd
    Servlet->>JobManager: submit
    JobManager-)LaunchRocketCmd: execute (job thread)
"""
PHASES = [{"kind": "request", "title": "HTTP request thread", "diagram": DIAGRAM,
           "participants": ["Servlet", "JobManager", "LaunchRocketCmd"], "calls": 3, "drawn": 2}]  # as phase_diagrams() gives them

SOURCES = {
    "web/Servlet.java": "class Servlet {\n  // entry\n  void handle(Request r) {\n    jobs.submit(r);\n  }\n}\n",
    "jobs/JobManager.java": "class JobManager {\n  void submit(Job j) {\n    pool.run(j); // a <b>tag</b> in a comment\n  }\n}\n",
    "api/src/main/java/org/demo/api/command/user/rocket/LaunchRocketCmd.java":
        "\n" * 11 + "class LaunchRocketCmd {\n  void execute() {\n  }\n}\n",
}


def write_sources(root) -> None:
    for rel, text in SOURCES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
