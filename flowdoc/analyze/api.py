"""API model: every ``@APICommand`` class of the tree, one entry per API name.

``build_api_model(scan, index=None) -> ApiModel``; ``ApiModel.as_dict()`` is the JSON
contract of ``shared/api-model.md`` (schema ``flowdoc.api/1``) and ``ApiModel.from_dict``
reads it back. The rules follow what CloudStack's API discovery (``listApis``) does at run
time, read from the source instead of from loaded classes:

- a class is a command when it carries ``@APICommand``; test folders are left out;
- ``registered``: a ``getCommands()`` method of any class (CloudStack's ``PluggableService``
  implementations: the management server and the plugins) lists the class literal, directly
  or through a helper method of the same class;
- ``params``: ``@Parameter`` fields of the class and of its superclasses, except those of the
  framework roots ``BaseCmd``, ``BaseAsyncCmd`` and ``BaseAsyncCreateCmd`` (``response``,
  ``starteventid``, ``customjobid``), which ``listApis`` leaves out for every command;
- ``response_fields``: fields with both ``@SerializedName`` and ``@Param`` of the response
  class and its superclasses; a ``@Param(responseObject = X.class)`` whose class extends
  the response base class carries X's own fields nested, as ``listApis`` does;
- annotation defaults (``responseView``, ``length``, ...) are read from the annotation
  declarations in the tree when they are there, else CloudStack's defaults apply.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from flowdoc.analyze.symbols import SymbolIndex, build_symbol_index
from flowdoc.model.facts import Annotation, Expr, FieldFacts, TypeFacts
from flowdoc.model.problems import Problem
from flowdoc.read.conditions import is_command_list_method, strip_parens
from flowdoc.read.scan import ScanResult, is_test_path

SCHEMA = "flowdoc.api/1"

# The roots of the command hierarchy whose parameters listApis never reports.
FRAMEWORK_BASES = frozenset({"BaseCmd", "BaseAsyncCmd", "BaseAsyncCreateCmd"})
ASYNC_BASE = "BaseAsyncCmd"
ASYNC_CREATE_BASE = "BaseAsyncCreateCmd"
ADMIN_MARKER = "AdminCmd"
RESPONSE_BASE = "BaseResponse"

# CloudStack's annotation defaults, used where the annotation declaration is not in the tree.
DEFAULTS = {
    "APICommand": {"responseView": "Full", "includeInApiDoc": True, "requestHasSensitiveInfo": True,
                   "responseHasSensitiveInfo": True},
    "Parameter": {"type": "object", "collectionType": "object", "length": 255, "required": False,
                  "expose": True, "includeInApiDoc": True},
}

# Readable names for the package segment after command.user / command.admin.
CATEGORY_NAMES = {
    "vm": "Virtual Machine", "vmsnapshot": "VM Snapshot", "vmgroup": "VM Group", "volume": "Volume",
    "storage": "Storage", "network": "Network", "loadbalancer": "Load Balancer", "vpn": "VPN",
    "autoscale": "AutoScale", "template": "Template", "iso": "ISO", "host": "Host", "zone": "Zone",
    "pod": "Pod", "cluster": "Cluster", "router": "Router", "gpu": "GPU", "snapshot": "Snapshot",
    "kubernetes": "Kubernetes Service", "firewall": "Firewall", "backup": "Backup", "usage": "Usage",
    "vpc": "VPC", "user": "User", "account": "Account", "domain": "Domain", "guest": "Guest OS",
    "acl": "Roles and Permissions", "project": "Project", "address": "Address", "systemvm": "System VM",
    "resource": "Resource", "outofbandmanagement": "Out-of-band Management", "ha": "High Availability",
    "securitygroup": "Security Group", "userdata": "User Data", "offering": "Offering",
    "config": "Configuration", "vlan": "VLAN", "solidfire": "SolidFire", "region": "Region",
    "internallb": "Internal Load Balancer", "nat": "NAT", "affinitygroup": "Affinity Group",
    "ca": "Certificate Authority", "ssh": "SSH Key Pair", "ipv6": "IPv6", "event": "Event",
    "bucket": "Object Storage", "tag": "Resource Tags", "job": "Async Job", "consoleproxy": "Console Proxy",
    "swift": "Swift", "management": "Management Server", "diagnostics": "Diagnostics",
    "ratelimit": "Rate Limit", "discovery": "API Discovery", "bgp": "BGP", "alert": "Alert",
    "sioc": "Storage I/O Control", "annotation": "Annotation", "direct": "Direct Download",
    "disk": "Disk", "instance": "Virtual Machine", "image": "Image", "dc": "Zone", "gui": "GUI Theme",
    "ldap": "LDAP", "saml2": "SAML", "nsx": "NSX", "ucs": "UCS", "ovs": "OVS", "vnmc": "VNMC", "auth": "Authentication",
    "nvp": "NVP", "vcs": "VCS", "ssp": "SSP", "sdn": "SDN", "dns": "DNS", "api": "API", "oauth2": "OAuth2",
    "vmware": "VMware", "kvm": "KVM", "xenserver": "XenServer", "hyperv": "Hyper-V", "lb": "Load Balancer",
    "cloudian": "Cloudian", "netscaler": "NetScaler", "f5": "F5", "srx": "SRX", "bigswitch": "BigSwitch",
}
ROLE_SEGMENTS = frozenset({"user", "admin", "domain", "resource"})
GENERIC_SEGMENTS = frozenset({"api", "command", "commands", "cmd", "cmds", "apis", "org", "com", "net"})


# ----------------------------------------------------------------- data model
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
    params: list[str] = field(default_factory=list)  # names of the parameters this class and its superclasses declare

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


# ------------------------------------------------------------------ helpers
def expr_text(expr: Expr | None) -> str:
    """Source-like text of an expression (used to keep an unresolvable value visible)."""
    if expr is None:
        return ""
    k = expr.kind
    if k == "str":
        return '"' + expr.text + '"'
    if k in ("name", "num", "bool", "null"):
        return expr.text or k
    if k == "char":
        return "'" + expr.text + "'"
    if k == "class":
        return expr.text + ".class"
    if k == "annotation":
        return "@" + expr.text
    if k == "binop":
        return f" {expr.text} ".join(expr_text(i) for i in expr.items)
    if k == "array":
        return "{" + ", ".join(expr_text(i) for i in expr.items) + "}"
    if k == "field" and expr.items:
        return f"{expr_text(expr.items[0])}.{expr.text}"
    if k == "cast" and expr.items:
        return f"({expr.text}) {expr_text(expr.items[0])}"
    return expr.text or k


def _elements(expr: Expr | None) -> tuple[Expr, ...]:
    if expr is None:
        return ()
    return expr.items if expr.kind == "array" else (expr,)


def _last(text: str) -> str:
    return text.rsplit(".", 1)[-1]




class _Builder:
    def __init__(self, scan: ScanResult, index: SymbolIndex) -> None:
        self.scan = scan
        self.index = index
        self.problems: list[Problem] = []
        self._fields_memo: dict[str, list[tuple[str, FieldFacts]]] = {}
        self._resp_memo: dict[str, list[ResponseField]] = {}
        self._param_memo: dict[tuple[str, str], ApiParameter] = {}
        self._checked: set[str] = set()
        self.api_annotations = self._annotation_types("APICommand")
        self.param_annotations = self._annotation_types("Parameter")
        self.defaults = {name: self._read_defaults(name, fqns) for name, fqns in
                         (("APICommand", self.api_annotations), ("Parameter", self.param_annotations))}

    # -- annotation types and their defaults
    def _annotation_types(self, simple: str) -> set[str]:
        return {fqn for fqn, t in self.index.types.items() if t.name == simple and t.kind == "annotation"
                and not is_test_path(self.index.file_of[fqn])}

    def _read_defaults(self, name: str, fqns: set[str]) -> dict:
        """Element defaults of the annotation declaration in the tree; CloudStack's where the
        declaration is not there."""
        defaults = dict(DEFAULTS[name])
        for fqn in sorted(fqns):
            for element in self.index.types[fqn].methods:
                raw = element.default
                if raw is None:
                    continue
                key = element.name
                if key in ("responseView", "type", "collectionType") and raw.kind == "name":
                    defaults[key] = _last(raw.text) if key == "responseView" else _last(raw.text).lower()
                elif key == "length" and raw.kind == "num":
                    try:
                        defaults[key] = int(raw.text)
                    except ValueError:
                        pass
                elif raw.kind == "bool":
                    defaults[key] = raw.text == "true"
            break
        return defaults

    def _is_annotation(self, ann: Annotation, context: str, kinds: set[str], simple: str) -> bool:
        if ann.simple != simple:
            return False
        if not kinds:
            return True
        resolved = self.index.resolve_type(ann.name, context)
        return resolved is None or resolved in kinds or resolved not in self.index.types

    # -- values
    def string(self, expr: Expr | None, context: str, what: str, where: tuple[str, int]) -> str | None:
        if expr is None:
            return None
        value = self.index.evaluate_string(expr, context)
        if value is None:
            raw = expr_text(expr)
            self.problems.append(Problem(where[0], where[1], "unresolved-constant",
                                         f"{what}: cannot evaluate {raw} in {context}; kept as written"))
            return raw
        return value

    def since(self, ann: Annotation, context: str, where: tuple[str, int]) -> str | None:
        value = self.string(ann.get("since"), context, "since", where)
        return value or None

    def boolean(self, ann: Annotation, key: str, context: str, default: bool) -> bool:
        expr = ann.get(key)
        if expr is None:
            return default
        value = self.index.evaluate_constant(expr, context)
        return value if isinstance(value, bool) else default

    def class_names(self, expr: Expr | None, context: str) -> list[str]:
        out = []
        for item in _elements(expr):
            if item.kind != "class":
                continue
            fqn = self.index.resolve_type(item.text, context)
            name = self.index.simple_name(fqn) if fqn else _last(item.text)
            if name != "Object":
                out.append(name)
        return out

    def roles(self, ann: Annotation) -> list[str]:
        return sorted({_last(e.text) for e in _elements(ann.get("authorized")) if e.kind in ("name", "field")})

    # -- hierarchy
    def chain(self, fqn: str) -> list[str]:
        return [fqn, *self.index.superclass_chain(fqn)]

    def has_ancestor(self, fqn: str, simple: str) -> bool:
        return any(self.index.simple_name(s) == simple for s in self.index.superclass_chain(fqn))

    def implements(self, fqn: str, simple: str) -> bool:
        return any(_last(s) == simple for s in self.index.supertypes(fqn))

    # -- registration
    def registered_classes(self) -> dict[str, tuple[str | None, str]]:
        """Class FQN -> (the condition under which a command-list method adds it, or ``None``
        for always; the class whose method it is). Unconditional anywhere wins."""
        found: dict[str, tuple[str | None, str]] = {}
        for fqn, t in self.index.types.items():
            if is_test_path(self.index.file_of[fqn]):
                continue
            for m in t.methods:
                if is_command_list_method(m):
                    self._collect_literals(fqn, t, m.name, found, depth=0, seen=set())
        return found

    def _collect_literals(self, fqn: str, t: TypeFacts, method: str, found: dict, depth: int,
                          seen: set) -> None:
        if (fqn, method) in seen:
            return
        seen.add((fqn, method))
        for m in t.methods:
            if m.name != method:
                continue
            guards = dict(m.literal_conditions)  # found by the scan (read/conditions.py)
            exprs: list[Expr] = [a for c in m.calls for a in c.args]
            exprs.extend(a for c in m.creations for a in c.args)
            while exprs:
                e = exprs.pop()
                if e.kind == "class":
                    resolved = self.index.resolve_type(e.text, fqn)
                    if resolved is not None:
                        condition = guards.get(e.text)
                        if resolved not in found or condition is None:
                            found[resolved] = (condition, fqn)
                elif e.items:
                    exprs.extend(e.items)
            if depth < 2:  # helpers of the same class: cmdList.addAll(getVmCommands())
                for c in m.calls:
                    if c.receiver.kind in ("implicit", "this") and c.receiver.text == "":
                        self._collect_literals(fqn, t, c.member, found, depth + 1, seen)

    def registration_order(self) -> dict[str, int]:
        """Class FQN -> its position in the concatenated command lists, as listApis' discovery
        collects them into one ordered set: each list in source order (helper calls expanded
        where they are called); the lists of the class registering the most commands (the
        management server) first, then the others by file path (Spring's order of the
        services is not in the source)."""
        lists: list[tuple[int, str, list[str]]] = []
        for fqn, t in self.index.types.items():
            if is_test_path(self.index.file_of[fqn]):
                continue
            literals: list[str] = []
            for m in t.methods:
                if is_command_list_method(m):
                    self._ordered_literals(fqn, t, m.name, literals, 0, set())
            if literals:
                lists.append((-len(literals), self.index.file_of[fqn], literals))
        order: dict[str, int] = {}
        for _, _, literals in sorted(lists):
            for name in literals:
                order.setdefault(name, len(order))
        return order

    def _ordered_literals(self, fqn: str, t: TypeFacts, method: str, out: list[str], depth: int, seen: set) -> None:
        if (fqn, method) in seen:
            return
        seen.add((fqn, method))
        for m in t.methods:
            if m.name != method:
                continue
            sites = sorted([(c.line, i, c.args, c) for i, c in enumerate(m.calls)]
                           + [(c.line, len(m.calls) + i, c.args, None) for i, c in enumerate(m.creations)],
                           key=lambda s: (s[0], s[1]))
            for _, _, args, call in sites:
                stack = list(reversed(args))
                while stack:
                    e = stack.pop()
                    if e.kind == "class":
                        resolved = self.index.resolve_type(e.text, fqn)
                        if resolved is not None:
                            out.append(resolved)
                    elif e.items:
                        stack.extend(reversed(e.items))
                if (call is not None and depth < 2 and call.receiver.kind in ("implicit", "this")
                        and call.receiver.text == ""):
                    self._ordered_literals(fqn, t, call.member, out, depth + 1, seen)

    def unannotated_fields(self, fqn: str, declared_only: bool) -> int:
        """Fields of the class (and of all its supertypes unless ``declared_only``) without both
        ``@SerializedName`` and ``@Param``: listApis reports each as an empty object."""
        owners = [fqn] if declared_only else [fqn, *self.index.supertypes(fqn)]
        count = 0
        for owner in owners:
            t = self.index.types.get(owner)
            for f in t.fields if t is not None else ():
                simple = {a.simple for a in f.annotations}
                count += not {"SerializedName", "Param"} <= simple
        return count

    def default_registration(self, condition: str | None, fqn: str) -> bool | None:
        """Whether a class added under ``condition`` is registered with the default settings:
        decided for conjunctions of ``[!]Key.value()`` on ``ConfigKey`` constants with a literal
        default (CloudStack's feature flags); ``None`` when it cannot be told."""
        if condition is None:
            return True
        result = True
        for term in _split_top(condition, "&&"):
            term = strip_parens(term)
            negated = term.startswith("!")
            term = strip_parens(term.lstrip("!").strip())
            boxed = re.fullmatch(r"Boolean\.TRUE\.equals\((.*)\)", term)
            if boxed:
                term = strip_parens(boxed.group(1))
            value = self.flag_default(term, fqn)
            if value is None:
                return None
            result = result and (value != negated)
        return result

    def flag_default(self, term: str, fqn: str, depth: int = 0) -> bool | None:
        """Default of ``Key.value()`` (a ``ConfigKey`` constant), or of a method of the same
        class whose body only reads one such key (``isQuotaServiceEnabled()``)."""
        match = re.fullmatch(r"([\w.]+)\.value\(\)", term)
        if match is not None:
            return self.config_default(match.group(1), fqn)
        call = re.fullmatch(r"(?:this\.)?(\w+)\(\)", term)
        if call is None or depth > 1:
            return None
        for owner, m in self.index.find_methods(fqn, call.group(1)):
            if m.params or not m.has_body:
                continue
            reads = [c for c in m.calls if c.member == "value" and c.receiver.kind == "name" and not c.args]
            if len(reads) == 1 and len(m.calls) == 1:
                return self.config_default(reads[0].receiver.text, owner)
        return None

    def config_default(self, name: str, context: str) -> bool | None:
        found = self.index.resolve_constant(name, context)
        if found is None:
            return None
        owner, f = found
        if f.type.simple != "ConfigKey":
            return None
        for m in self.index.types[owner].methods:
            if m.name != "<clinit>":
                continue
            for c in m.creations:
                if c.type.simple == "ConfigKey" and f.line <= c.line <= f.line + 2 and len(c.args) > 3:
                    default = self.index.evaluate_string(c.args[3], owner)
                    if default in ("true", "false"):
                        return default == "true"
        return None

    # -- parameters
    def param_fields(self, fqn: str) -> list[tuple[str, FieldFacts]]:
        """``(declaring class, field)`` of every @Parameter field, most specific first."""
        memo = self._fields_memo.get(fqn)
        if memo is not None:
            return memo
        out: list[tuple[str, FieldFacts]] = []
        for owner in self.chain(fqn):
            t = self.index.types.get(owner)
            if t is None or t.name in FRAMEWORK_BASES:
                continue
            for f in t.fields:
                if any(self._is_annotation(a, owner, self.param_annotations, "Parameter") for a in f.annotations):
                    out.append((owner, f))
        self._fields_memo[fqn] = out
        return out

    def parameter(self, owner: str, f: FieldFacts) -> ApiParameter:
        key = (owner, f.name)
        found = self._param_memo.get(key)
        if found is None:
            found = self._param_memo[key] = self._parameter(owner, f)
        return found

    def _parameter(self, owner: str, f: FieldFacts) -> ApiParameter:
        ann = next(a for a in f.annotations if a.simple == "Parameter")
        path = self.index.file_of[owner]
        where = (path, f.line)
        d = self.defaults["Parameter"]
        name_expr = ann.get("name")
        name = self.string(name_expr, owner, f"parameter name of field {f.name}", where) if name_expr else ""
        if not name:
            name = f.name  # CloudStack falls back to the field name
        type_expr = ann.get("type")
        ptype = _last(type_expr.text).lower() if type_expr is not None and type_expr.text else d["type"]
        coll_expr = ann.get("collectionType")
        collection = (_last(coll_expr.text).lower() if coll_expr is not None and coll_expr.text
                      else (d["collectionType"] if ptype == "list" else None))
        length = d["length"]
        if ann.get("length") is not None:
            value = self.index.evaluate_constant(ann.get("length"), owner)
            if isinstance(value, int) and not isinstance(value, bool):
                length = value
            else:
                self.problems.append(Problem(path, f.line, "unresolved-constant",
                                             f"length of parameter {name}: cannot evaluate {expr_text(ann.get('length'))}"))
        description = self.string(ann.get("description"), owner, f"description of parameter {name}", where) or ""
        return ApiParameter(
            name=name, type=ptype, required=self.boolean(ann, "required", owner, d["required"]),
            description=description, since=self.since(ann, owner, where), length=length,
            related=self.class_names(ann.get("entityType"), owner), declared_in=owner,
            expose=self.boolean(ann, "expose", owner, d["expose"]),
            include_in_api_doc=self.boolean(ann, "includeInApiDoc", owner, d["includeInApiDoc"]),
            collection_type=collection, roles=self.roles(ann), file=path, line=f.line,
            entity_classes=[self.index.resolve_type(e.text, owner) or e.text
                            for e in _elements(ann.get("entityType")) if e.kind == "class"])

    def check_misplaced_parameters(self, fqn: str) -> None:
        """Report ``@Parameter`` on methods or method parameters of the command class and its
        superclasses (CloudStack only reads fields); each class is looked at once."""
        for owner in self.chain(fqn):
            if owner in self._checked or owner not in self.index.types:
                continue
            self._checked.add(owner)
            path = self.index.file_of[owner]
            for m in self.index.types[owner].methods:
                spots = [(a, m.line) for a in m.annotations]
                spots.extend((a, m.line) for p in m.params for a in p.annotations)
                for a, line in spots:
                    if self._is_annotation(a, owner, self.param_annotations, "Parameter"):
                        self.problems.append(Problem(path, line, "parameter-not-field",
                                                     f"@Parameter on method {m.name} of {owner} is not a field; "
                                                     "CloudStack ignores it"))

    # -- responses
    def response_fields(self, fqn: str, declared_only: bool = False, stack: tuple = ()) -> list[ResponseField]:
        key = f"{fqn}|{declared_only}"
        if key in self._resp_memo and not stack:
            return self._resp_memo[key]
        owners = [fqn] if declared_only else self.chain(fqn)
        by_name: dict[str, ResponseField] = {}
        for owner in owners:
            t = self.index.types.get(owner)
            if t is None:
                continue
            for f in t.fields:
                sn = next((a for a in f.annotations if a.simple == "SerializedName"), None)
                pa = next((a for a in f.annotations if a.simple == "Param"), None)
                if sn is None or pa is None:
                    continue
                where = (self.index.file_of[owner], f.line)
                name = self.string(sn.get("value"), owner, f"response field name of {f.name}", where) or f.name
                ro = pa.get("responseObject")
                nested_fqn = None
                nested: list[ResponseField] = []
                unannotated = 0
                if ro is not None and ro.kind == "class":
                    nested_fqn = self.index.resolve_type(ro.text, owner)
                    if (nested_fqn in self.index.types and nested_fqn not in stack and nested_fqn != fqn
                            and self.index.simple_name(self.index.superclass(nested_fqn) or "") == RESPONSE_BASE):
                        nested = self.response_fields(nested_fqn, True, (*stack, fqn))
                        unannotated = self.unannotated_fields(nested_fqn, True)
                if nested_fqn is None and f.type.args:
                    arg = self.index.resolve_type(f.type.args[-1].name, owner)
                    if arg in self.index.types and self.has_ancestor(arg, RESPONSE_BASE):
                        nested_fqn = arg
                if nested_fqn is None and f.type.name not in ("String",):
                    own = self.index.resolve_type(f.type.name, owner)
                    if own in self.index.types and self.has_ancestor(own, RESPONSE_BASE):
                        nested_fqn = own
                description = self.string(pa.get("description"), owner, f"description of response field {name}",
                                          where) or ""
                ftype = f.type.simple.lower() + "[]" * f.type.dims
                include = self.boolean(pa, "includeInApiDoc", owner, True)
                found = ResponseField(name, ftype, description, self.since(pa, owner, where),
                                      nested_fqn, owner, nested, include, unannotated)
                if name in by_name:  # hidden by a more specific class or an earlier field; listApis lists both
                    by_name[name].shadows.append(found)
                else:
                    by_name[name] = found
        result = sorted(by_name.values(), key=lambda r: r.name)
        if not stack:
            self._resp_memo[key] = result
        return result


def _split_top(text: str, op: str) -> list[str]:
    parts, depth, start, k = [], 0, 0, 0
    while k < len(text):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and text.startswith(op, k):
            parts.append(text[start:k].strip())
            start = k + len(op)
            k += len(op)
            continue
        k += 1
    parts.append(text[start:].strip())
    return parts


def category_for(package: str, path: str) -> str:
    """A human grouping from the package (``...command.user.vm`` -> Virtual Machine), else
    from the plugin folder (``plugins/network-elements/nsx`` -> NSX)."""
    segments = package.split(".")
    for i, seg in enumerate(segments):
        if seg in ("command", "commands") and i + 1 < len(segments):
            rest = segments[i + 1:]
            if rest[0] in ROLE_SEGMENTS:
                rest = rest[1:]
            if rest:
                return _readable(rest[0])
    parts = path.split("/")
    if "plugins" in parts:
        i = parts.index("plugins")
        module = parts[i + 2] if i + 3 < len(parts) and parts[i + 2] != "src" else parts[i + 1]
        return _readable(module)
    tail = [s for s in segments if s not in GENERIC_SEGMENTS and s not in ROLE_SEGMENTS]
    return _readable(tail[-1]) if tail else "Other"


def _readable(segment: str) -> str:
    key = segment.lower()
    if key in CATEGORY_NAMES:
        return CATEGORY_NAMES[key]
    words = re.split(r"[-_]", segment)
    return " ".join(CATEGORY_NAMES.get(w.lower(), w[:1].upper() + w[1:]) for w in words if w)


def build_api_model(scan: ScanResult, index: SymbolIndex | None = None) -> ApiModel:
    """The API model of a scanned tree (see the module docstring)."""
    started = time.perf_counter()
    if index is None:
        index = build_symbol_index(scan)
    b = _Builder(scan, index)
    registered = b.registered_classes()
    reg_order = b.registration_order()

    by_name: dict[str, list[dict]] = {}
    for fqn, t in index.types.items():
        path = index.file_of[fqn]
        if t.kind != "class" or is_test_path(path):
            continue
        ann = next((a for a in t.annotations if b._is_annotation(a, fqn, b.api_annotations, "APICommand")), None)
        if ann is None:
            continue
        line = ann.line or t.line
        where = (path, line)
        name_expr = ann.get("name")
        name = b.string(name_expr, fqn, "API name", where) if name_expr is not None else ""
        if not name:
            b.problems.append(Problem(path, line, "unnamed-command", f"@APICommand of {fqn} names no API"))
            name = t.name
        response = None
        ro = ann.get("responseObject")
        if ro is not None and ro.kind == "class":
            response = index.resolve_type(ro.text, fqn)
            if response is None or response not in index.types:
                b.problems.append(Problem(path, line, "missing-response-class",
                                          f"{name}: response class {ro.text} of {fqn} is not in the tree"))
                response = response or ro.text
        else:
            b.problems.append(Problem(path, line, "missing-response-class",
                                      f"{name}: @APICommand of {fqn} names no responseObject class"))
        b.check_misplaced_parameters(fqn)
        d = b.defaults["APICommand"]
        rv = ann.get("responseView")
        by_name.setdefault(name, []).append({
            "fqn": fqn, "t": t, "ann": ann, "path": path,
            "variant": ApiVariant(fqn, b.roles(ann), b.implements(fqn, ADMIN_MARKER),
                                  _last(rv.text) if rv is not None and rv.text else d["responseView"],
                                  fqn in registered, response, path, line,
                                  registered[fqn][0] if fqn in registered else None,
                                  b.default_registration(*registered[fqn]) if fqn in registered else False,
                                  reg_order.get(fqn) if fqn in registered else None,
                                  sorted({b.parameter(o, f).name for o, f in b.param_fields(fqn)})),
            "line": line,
        })

    commands = []
    for name in sorted(by_name):
        entries = sorted(by_name[name], key=lambda e: e["fqn"])
        commands.append(_command(b, name, entries))
    problems = sorted({*scan.problems, *b.problems})
    stats = {"seconds": round(time.perf_counter() - started, 3),
             "classes": sum(len(c.variants) for c in commands), "apis": len(commands)}
    return ApiModel(scan.root, scan.version, len(scan.files), commands, problems, stats)


def _related(b: _Builder, a: str, c: str) -> bool:
    """Variants of one API: one extends the other, or one is the admin flavour of the other."""
    idx = b.index
    if idx.is_subtype(a, c) or idx.is_subtype(c, a):
        return True
    if b.implements(a, ADMIN_MARKER) != b.implements(c, ADMIN_MARKER):
        return True
    shared = set(idx.superclass_chain(a)) & set(idx.superclass_chain(c))
    return any(idx.simple_name(s) not in FRAMEWORK_BASES and not idx.simple_name(s).startswith("Base")
               for s in shared)


def _command(b: _Builder, name: str, entries: list[dict]) -> ApiCommand:
    idx = b.index
    variants = [e["variant"] for e in entries]
    for i, e in enumerate(entries[1:], 1):
        for other in entries[:i]:
            if not _related(b, e["fqn"], other["fqn"]):
                b.problems.append(Problem(e["path"], e["line"], "duplicate-api-name",
                                          f"{name} is declared by unrelated classes {other['fqn']} and {e['fqn']}"))
                break
    reg = [e for e in entries if e["variant"].registered]
    served = (next((e for e in reg if e["variant"].admin_only), None) or (reg[0] if reg else None)
              or min(entries, key=lambda e: (len(idx.superclass_chain(e["fqn"])), e["fqn"])))
    fqn, ann, path, line = served["fqn"], served["ann"], served["path"], served["line"]
    where = (path, line)
    d = b.defaults["APICommand"]

    params: dict[str, ApiParameter] = {}
    order = [served] + [e for e in (reg or entries) if e is not served]
    for e in order:
        for owner, f in b.param_fields(e["fqn"]):
            p = b.parameter(owner, f)
            params.setdefault(p.name, p)
    roles = sorted({r for e in (reg or entries) for r in e["variant"].roles})
    response = served["variant"].response
    return ApiCommand(
        name=name, class_name=fqn, file=path, line=line,
        description=b.string(ann.get("description"), fqn, f"description of {name}", where) or "",
        since=b.since(ann, fqn, where),
        isasync=b.has_ancestor(fqn, ASYNC_BASE), async_create=b.has_ancestor(fqn, ASYNC_CREATE_BASE),
        roles=roles, response=response,
        include_in_api_doc=b.boolean(ann, "includeInApiDoc", fqn, d["includeInApiDoc"]),
        category=category_for(idx.package_of[fqn], path),
        variants=variants,
        params=sorted(params.values(), key=lambda p: p.name),
        response_fields=b.response_fields(response) if response in idx.types else [],
        response_view=served["variant"].response_view,
        request_has_sensitive_info=b.boolean(ann, "requestHasSensitiveInfo", fqn, d["requestHasSensitiveInfo"]),
        response_has_sensitive_info=b.boolean(ann, "responseHasSensitiveInfo", fqn, d["responseHasSensitiveInfo"]),
        entity_types=b.class_names(ann.get("entityType"), fqn),
        usage=b.string(ann.get("usage"), fqn, f"usage of {name}", where) or None,
        deprecated=any(a.simple == "Deprecated" for a in served["t"].annotations),
        response_unannotated=b.unannotated_fields(response, False) if response in idx.types else 0,
    )
