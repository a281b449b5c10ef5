"""``flowdoc api --format apidoc-xml``: the ``commands.xml`` the apidoc build writes (CloudStack's
``ApiXmlDocWriter``, serialised by XStream), which Marvin's code generator reads.

Rules (from ``ApiXmlDocWriter``; ``site_src/reference/exports.md`` states them): every
``@APICommand`` class of the scanned packages, one per name, the most specialised class of a
name kept; ``includeInApiDoc = false`` commands left out; request arguments are the class's and
its superclasses' exposed, documented ``@Parameter`` fields, ``id`` first when required, then
the required ones by name, then the optional ones by name; response arguments are the fields
the response class itself declares (not inherited) with ``@SerializedName`` and a documented
``@Param``, ``id`` first, then the fields without nested objects by name, then those with
nested objects (named ``name(*)``) by name.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as _xml_escape

from flowdoc.analyze.api import ApiCommand, ApiModel, ApiParameter, ResponseField
from flowdoc.check.report.listapis import java_hashmap_order

# The packages the apidoc build scans for @APICommand classes (ApiXmlDocWriter.main).
SCANNED_PACKAGES = ("org.apache.cloudstack.api", "com.cloud.api", "com.cloud.api.commands",
                    "com.globo.globodns.cloudstack.api", "org.apache.cloudstack.network.opendaylight.api",
                    "org.apache.cloudstack.api.command.admin.zone", "org.apache.cloudstack.network.contrail.api.command")
RESPONSE_PACKAGE = "org.apache.cloudstack.api.response."
ASYNC_JOB_RESPONSE = RESPONSE_PACKAGE + "AsyncJobResponse"
# Response classes the writer gives an extra jobid and jobstatus argument.
ASYNC_RESPONSES = frozenset(RESPONSE_PACKAGE + n for n in (
    "TemplateResponse", "VolumeResponse", "HostResponse", "IPAddressResponse", "StoragePoolResponse",
    "UserVmResponse", "SecurityGroupResponse", "SnapshotResponse"))
# XStream escapes quotes and carriage returns in element text as well as & < >.
_EXTRA_ESCAPES = {'"': "&quot;", "'": "&apos;", "\r": "&#xd;"}


def in_packages(class_name: str, packages: tuple[str, ...]) -> bool:
    package = class_name.rsplit(".", 1)[0]
    return any(package == p or package.startswith(p + ".") for p in packages)


def documented_commands(model: ApiModel, only: set[str] | None = None,
                        packages: tuple[str, ...] = SCANNED_PACKAGES) -> list[ApiCommand]:
    """The commands ``commands.xml`` holds, in the writer's order (its HashMap's, over every
    name it found, hidden ones included); ``only`` keeps those names."""
    found = {c.name: c for c in model.commands if in_packages(c.class_name, packages)}
    return [found[n] for n in java_hashmap_order(list(found))
            if found[n].include_in_api_doc and (only is None or n in only)]


def request_arguments(command: ApiCommand) -> list[ApiParameter]:
    """Exposed, documented parameters of the documented class: required ``id``, required, optional."""
    variant = next((v for v in command.variants if v.class_name == command.class_name), None)
    names = list(dict.fromkeys(variant.params)) if variant is not None and variant.params else [p.name for p in command.params]
    params = [p for p in (command.param(n) for n in names) if p is not None and p.expose and p.include_in_api_doc]
    first = [p for p in params if p.required and p.name == "id"]
    required = sorted((p for p in params if p.required and p.name != "id"), key=lambda p: p.name)
    optional = sorted((p for p in params if not p.required), key=lambda p: p.name)
    return first + required + optional


def response_arguments(fields: list[ResponseField], owner: str | None) -> list[tuple[str, ResponseField | None, str]]:
    """``(name as written, field, description)``; the writer's extra job arguments have no field."""
    own = [x for f in fields for x in (f, *f.shadows)
           if x.include_in_api_doc and (owner is None or x.declared_in in ("", owner))]
    first = [(f.name, f, f.description) for f in own if f.name == "id"]
    plain = sorted(((f.name, f, f.description) for f in own if f.name != "id" and not _has_children(f)),
                   key=lambda a: a[0])
    nested = sorted(((f.name + "(*)", f, f.description) for f in own if f.name != "id" and _has_children(f)),
                    key=lambda a: a[0])
    out = first + plain + nested
    if owner == ASYNC_JOB_RESPONSE:
        out.append(("jobid", None, "the ID of the async job"))
    elif owner in ASYNC_RESPONSES:
        out += [("jobid", None, "the ID of the latest async job acting on this object"),
                ("jobstatus", None, "the current status of the latest async job acting on this object")]
    return out


def _has_children(f: ResponseField) -> bool:
    return bool(f.fields or f.unannotated)


def apidoc_xml(model: ApiModel, only: set[str] | None = None, packages: tuple[str, ...] = SCANNED_PACKAGES) -> str:
    """The ``commands.xml`` document (of the ``only`` names when given) over the command
    classes of ``packages`` (the apidoc build's by default)."""
    lines = ["<commands>"]
    for c in documented_commands(model, only, packages):
        lines.append("  <command>")
        lines.append(_element(4, "name", c.name))
        if c.description:
            lines.append(_element(4, "description", c.description))
        if c.usage:
            lines.append(_element(4, "usage", c.usage))
        lines.append(_element(4, "isAsync", "true" if c.isasync else "false"))
        if c.since:
            lines.append(_element(4, "sinceVersion", c.since))
        lines.append("    <request>")
        for p in request_arguments(c):
            lines.append("      <arg>")
            lines.append(_element(8, "name", p.name))
            if p.description:
                lines.append(_element(8, "description", p.description))
            lines.append(_element(8, "required", "true" if p.required else "false"))
            if p.type in ("list", "map"):
                lines.append(_element(8, "type", p.type))
            if p.since:
                lines.append(_element(8, "sinceVersion", p.since))
            lines.append(_element(8, "dataType", p.type))
            lines.append("      </arg>")
        lines.append("    </request>")
        lines += _response_block(4, "response", c.response_fields, c.response)
        lines.append(_element(4, "isDeprecated", "true" if c.deprecated else "false"))
        lines.append("  </command>")
    lines.append("</commands>")
    return "\n".join(lines) + "\n"


def _response_block(indent: int, tag: str, fields: list[ResponseField], owner: str | None) -> list[str]:
    pad = " " * indent
    args = response_arguments(fields, owner)
    if not args:
        return [f"{pad}<{tag}/>"]
    lines = [f"{pad}<{tag}>"]
    for name, f, description in args:
        lines.append(f"{pad}  <arg>")
        lines.append(_element(indent + 4, "name", name))
        if description:
            lines.append(_element(indent + 4, "description", description))
        if f is not None:
            if f.since:
                lines.append(_element(indent + 4, "sinceVersion", f.since))
            if _has_children(f):
                lines += _response_block(indent + 4, "arguments", f.fields, f.response_object)
            lines.append(_element(indent + 4, "dataType", f.type or ""))
        lines.append(f"{pad}  </arg>")
    lines.append(f"{pad}</{tag}>")
    return lines


def _element(indent: int, tag: str, text: str) -> str:
    return f"{' ' * indent}<{tag}>{escape(text)}</{tag}>"


def escape(text: str) -> str:
    """XStream's escaping of element text."""
    return _xml_escape(text, _EXTRA_ESCAPES)
