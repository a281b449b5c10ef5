"""A reader of commands.xml shaped like Marvin's code generator (``loadCmdFromXML``): it walks
the same elements and turns each command into a request/response description."""

from __future__ import annotations

import xml.dom.minidom
from dataclasses import dataclass, field


@dataclass
class Prop:
    name: str
    desc: str = ""
    required: str | None = None
    type: str | None = None
    data_type: str | None = None
    sub: list = field(default_factory=list)


@dataclass
class Cmd:
    name: str
    desc: str = ""
    asyncmethod: str = "false"
    request: list = field(default_factory=list)
    response: list = field(default_factory=list)


def _text(nodes) -> str:
    return "".join(n.data for n in nodes[0].childNodes if n.nodeType == n.TEXT_NODE) if nodes else ""


def _children(node, tag: str) -> list:
    return [c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE and c.tagName == tag]


def _response(arg) -> Prop:
    prop = Prop(_text(_children(arg, "name")), _text(_children(arg, "description")),
                data_type=_text(_children(arg, "dataType")) or None)
    for block in _children(arg, "arguments"):
        prop.sub = [_response(a) for a in _children(block, "arg")]
    return prop


def load_commands(text: str) -> list[Cmd]:
    dom = xml.dom.minidom.parseString(text)
    cmds = []
    for cmd in dom.getElementsByTagName("command"):
        c = Cmd(_text(cmd.getElementsByTagName("name")))
        assert c.name
        c.desc = _text(cmd.getElementsByTagName("description"))
        c.asyncmethod = _text(cmd.getElementsByTagName("isAsync")) or "false"
        for param in cmd.getElementsByTagName("request")[0].getElementsByTagName("arg"):
            p = Prop(_text(param.getElementsByTagName("name")))
            assert p.name
            p.required = _text(param.getElementsByTagName("required")) or None
            p.desc = _text(param.getElementsByTagName("description"))
            p.type = _text(param.getElementsByTagName("type")) or None
            p.data_type = _text(param.getElementsByTagName("dataType")) or None
            c.request.append(p)
        response = cmd.getElementsByTagName("response")[0]
        c.response = [_response(a) for a in _children(response, "arg")]
        cmds.append(c)
    return cmds


def count(cmds: list[Cmd]) -> dict[str, int]:
    def fields(props: list[Prop]) -> int:
        return sum(1 + fields(p.sub) for p in props)
    return {"commands": len(cmds), "params": sum(len(c.request) for c in cmds),
            "response_fields": sum(fields(c.response) for c in cmds)}
