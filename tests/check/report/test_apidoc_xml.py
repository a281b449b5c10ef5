"""apidoc-xml export: read back by a Marvin-like reader; order and shape of ApiXmlDocWriter."""

from __future__ import annotations

from flowdoc.analyze.api import ApiModel
from flowdoc.check.report.apidoc_xml import (
    ASYNC_JOB_RESPONSE,
    ASYNC_RESPONSES,
    apidoc_xml,
    documented_commands,
    escape,
    request_arguments,
)
from tests.check.report.exports_tree import exports_model
from tests.check.report.marvin_like import count, load_commands

PACKAGES = ("org.kappa.api",)


def model_counts(model: ApiModel, packages: tuple[str, ...] = PACKAGES) -> dict[str, int]:
    """The same figures from the JSON model, by the writer's rules."""
    commands = documented_commands(ApiModel.from_dict(model.as_dict()), packages=packages)

    def fields(items, owner) -> int:
        own = [x for f in items for x in (f, *f.shadows) if x.include_in_api_doc and x.declared_in in ("", owner)]
        extra = 1 if owner == ASYNC_JOB_RESPONSE else 2 if owner in ASYNC_RESPONSES else 0  # the writer's job fields
        return extra + sum(1 + (fields(f.fields, f.response_object) if f.fields or f.unannotated else 0)
                           for f in own)
    return {"commands": len(commands), "params": sum(len(request_arguments(c)) for c in commands),
            "response_fields": sum(fields(c.response_fields, c.response) for c in commands)}


def test_read_back_equals_the_model(tmp_path):
    model = exports_model(tmp_path)
    cmds = load_commands(apidoc_xml(model, packages=PACKAGES))
    assert count(cmds) == model_counts(model)
    assert sorted(c.name for c in cmds) == ["dropJar", "fillJar", "listJars"]  # stackJar: other package; peekJar hidden


def test_order_and_shape(tmp_path):
    cmds = {c.name: c for c in load_commands(apidoc_xml(exports_model(tmp_path), packages=PACKAGES))}
    fill = cmds["fillJar"]
    assert fill.asyncmethod == "true" and fill.desc == "Fills a jar."
    # required id first, then required by name, then optional by name
    assert [(p.name, p.required) for p in fill.request] == [("id", "true"), ("amount", "true"), ("details", "false")]
    assert fill.request[1].desc == "how much <ml>"
    assert [(p.type, p.data_type) for p in fill.request] == [(None, "uuid"), (None, "integer"), ("map", "map")]
    # declared fields only (no inherited BaseResponse.jobid), id first, nested ones last as name(*)
    assert [p.name for p in fill.response] == ["id", "jobid", "volume", "lids(*)"]
    assert [(p.name, p.data_type) for p in fill.response[-1].sub] == [("color", "string")]
    assert [p.name for p in cmds["listJars"].request] == ["hostid", "id", "keyword", "zone"]


def test_escaping():
    assert escape("a<b & \"c\" 'd'\r") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&#xd;"
