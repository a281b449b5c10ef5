"""The API model's data: :class:`ApiModel` of :class:`ApiCommand` (variants, parameters,
response fields), with ``as_dict``/``from_dict`` for the JSON contract (schema ``flowdoc.api/1``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flowdoc.model.contract import SCHEMA
from flowdoc.model.problems import Problem


@dataclass
class ApiParameter:
    name: str
    type: str
    required: bool
    description: str
    since: str | None
    length: int
    related: list[str]
    declared_in: str
    expose: bool = True
    include_in_api_doc: bool = True
    collection_type: str | None = None
    roles: list[str] = field(default_factory=list)
    file: str = ""
    line: int = 0
    entity_classes: list[str] = field(default_factory=list)  # entityType classes, fully qualified

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "required": self.required,
                "description": self.description, "since": self.since, "length": self.length,
                "related": list(self.related), "declared_in": self.declared_in, "expose": self.expose,
                "include_in_api_doc": self.include_in_api_doc, "collection_type": self.collection_type,
                "roles": list(self.roles), "file": self.file, "line": self.line,
                "entity_classes": list(self.entity_classes)}

    @classmethod
    def from_dict(cls, d: dict) -> ApiParameter:
        return cls(d["name"], d.get("type", "object"), bool(d.get("required", False)), d.get("description") or "",
                   d.get("since"), int(d.get("length", 255) or 255), list(d.get("related") or []),
                   d.get("declared_in") or "", bool(d.get("expose", True)), bool(d.get("include_in_api_doc", True)),
                   d.get("collection_type"), list(d.get("roles") or []), d.get("file") or "", int(d.get("line") or 0),
                   list(d.get("entity_classes") or []))


@dataclass
class ResponseField:
    name: str
    type: str | None
    description: str
    since: str | None = None
    response_object: str | None = None
    declared_in: str = ""
    fields: list[ResponseField] = field(default_factory=list)
    include_in_api_doc: bool = True  # @Param(includeInApiDoc = false) hides it from the apidoc build only
    unannotated: int = 0  # fields of the nested class without @SerializedName + @Param (listApis: "{}")
    shadows: list[ResponseField] = field(default_factory=list)  # later declarations of the same name


    def as_dict(self) -> dict:
        d = {"name": self.name, "type": self.type, "description": self.description, "since": self.since,
             "response_object": self.response_object, "declared_in": self.declared_in}
        if self.fields:
            d["fields"] = [f.as_dict() for f in self.fields]
        if not self.include_in_api_doc:
            d["include_in_api_doc"] = False
        if self.unannotated:
            d["unannotated"] = self.unannotated
        if self.shadows:
            d["shadows"] = [f.as_dict() for f in self.shadows]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> ResponseField:
        return cls(d["name"], d.get("type"), d.get("description") or "", d.get("since"), d.get("response_object"),
                   d.get("declared_in") or "", [cls.from_dict(x) for x in d.get("fields") or ()],
                   bool(d.get("include_in_api_doc", True)), int(d.get("unannotated") or 0),
                   [cls.from_dict(x) for x in d.get("shadows") or ()])


@dataclass
class ApiVariant:
    class_name: str
    roles: list[str]
    admin_only: bool
    response_view: str | None
    registered: bool
    response: str | None
    file: str
    line: int
    registered_if: str | None = None  # the condition guarding the registration, as written
    registered_by_default: bool | None = True  # with default settings; None: cannot tell
    registration_order: int | None = None  # position in the servers' command lists (listApis' insertion order)
    # names of the parameters this class and its superclasses declare, sorted; a name declared
    # again by a superclass field is listed again (the server's listApis lists both fields)
    params: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"class": self.class_name, "roles": list(self.roles), "admin_only": self.admin_only,
                "response_view": self.response_view, "registered": self.registered, "response": self.response,
                "file": self.file, "line": self.line, "registered_if": self.registered_if,
                "registered_by_default": self.registered_by_default,
                "registration_order": self.registration_order, "params": list(self.params)}

    @classmethod
    def from_dict(cls, d: dict) -> ApiVariant:
        registered = bool(d.get("registered", True))
        return cls(d["class"], list(d.get("roles") or []), bool(d.get("admin_only")), d.get("response_view"),
                   registered, d.get("response"), d.get("file") or "", int(d.get("line") or 0),
                   d.get("registered_if"), d.get("registered_by_default", registered),
                   d.get("registration_order"), list(d.get("params") or []))


@dataclass
class ApiCommand:
    name: str
    class_name: str
    file: str
    line: int
    description: str
    since: str | None
    isasync: bool
    async_create: bool
    roles: list[str]
    response: str | None
    include_in_api_doc: bool
    category: str
    variants: list[ApiVariant]
    params: list[ApiParameter]
    response_fields: list[ResponseField]
    response_view: str | None = None
    request_has_sensitive_info: bool = True
    response_has_sensitive_info: bool = True
    entity_types: list[str] = field(default_factory=list)
    usage: str | None = None
    deprecated: bool = False  # the class carries @Deprecated
    response_unannotated: int = 0  # fields of the response class and its supertypes without @SerializedName + @Param
    # @Parameter fields of a superclass that a more specific field of the same name hides: the
    # request reads the specific one, but listApis lists every field (``params`` has the first)
    shadowed_params: list[ApiParameter] = field(default_factory=list)

    @property
    def registered(self) -> bool:
        return any(v.registered for v in self.variants)

    def param(self, name: str) -> ApiParameter | None:
        return next((p for p in self.params if p.name == name), None)

    def as_dict(self) -> dict:
        return {
            "name": self.name, "class": self.class_name, "file": self.file, "line": self.line,
            "description": self.description, "since": self.since, "isasync": self.isasync,
            "async_create": self.async_create, "category": self.category, "roles": list(self.roles),
            "response": self.response, "response_view": self.response_view,
            "include_in_api_doc": self.include_in_api_doc,
            "request_has_sensitive_info": self.request_has_sensitive_info,
            "response_has_sensitive_info": self.response_has_sensitive_info,
            "entity_types": list(self.entity_types), "usage": self.usage,
            "deprecated": self.deprecated, "response_unannotated": self.response_unannotated,
            "variants": [v.as_dict() for v in self.variants],
            "params": [p.as_dict() for p in self.params],
            "response_fields": [f.as_dict() for f in self.response_fields],
            # only where there are some: most commands have none, snapshots stay as they were
            **({"shadowed_params": [p.as_dict() for p in self.shadowed_params]} if self.shadowed_params else {}),
        }

    @classmethod
    def from_dict(cls, d: dict) -> ApiCommand:
        return cls(
            name=d["name"], class_name=d.get("class") or "", file=d.get("file") or "", line=int(d.get("line") or 0),
            description=d.get("description") or "", since=d.get("since"), isasync=bool(d.get("isasync")),
            async_create=bool(d.get("async_create")), roles=list(d.get("roles") or []), response=d.get("response"),
            include_in_api_doc=bool(d.get("include_in_api_doc", True)), category=d.get("category") or "Other",
            variants=[ApiVariant.from_dict(v) for v in d.get("variants") or ()],
            params=[ApiParameter.from_dict(p) for p in d.get("params") or ()],
            response_fields=[ResponseField.from_dict(f) for f in d.get("response_fields") or ()],
            response_view=d.get("response_view"),
            request_has_sensitive_info=bool(d.get("request_has_sensitive_info", True)),
            response_has_sensitive_info=bool(d.get("response_has_sensitive_info", True)),
            entity_types=list(d.get("entity_types") or []), usage=d.get("usage"),
            deprecated=bool(d.get("deprecated")), response_unannotated=int(d.get("response_unannotated") or 0),
            shadowed_params=[ApiParameter.from_dict(p) for p in d.get("shadowed_params") or ()],
        )


@dataclass
class ApiModel:
    root: str
    version: str | None
    files: int
    commands: list[ApiCommand]
    problems: list[Problem]
    stats: dict = field(default_factory=dict)

    def command(self, name: str) -> ApiCommand | None:
        return next((c for c in self.commands if c.name == name), None)

    def as_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "source": {"root": self.root, "version": self.version, "files": self.files},
            "commands": [c.as_dict() for c in self.commands],
            "problems": [p.as_dict() for p in self.problems],
        }

    @classmethod
    def from_dict(cls, d: dict) -> ApiModel:
        source = d.get("source") or {}
        commands = sorted((ApiCommand.from_dict(c) for c in d.get("commands") or ()), key=lambda c: c.name)
        problems = [Problem(p.get("file") or "", int(p.get("line") or 0), p.get("kind") or "", p.get("message") or "")
                    for p in d.get("problems") or ()]
        return cls(source.get("root") or "", source.get("version"), int(source.get("files") or 0), commands, problems)
