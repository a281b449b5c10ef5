"""Drift: compare two API models and classify every difference, as oasdiff and griffe do.

``compare(old, new) -> list[Change]`` works on the JSON contract dicts of
``/work/shared/api-model.md`` (``ApiModel.as_dict()`` or a committed snapshot), so a test, a
snapshot file and a live tree all go through the same code. Names are the resolved ones the
model gives: a constant renamed without changing its value, or a parameter moved into a base
class, changes nothing here.

Severities, most serious first:

- ``breaking``: API removed, renamed, no longer registered, or registered only behind a
  setting that is off by default; parameter removed, became
  required, added as required, retyped, shortened or limited to fewer roles; sync/async
  changed; response field removed or retyped; role removed.
- ``non-breaking``: API added; optional parameter added; parameter became optional, longer
  or open to more roles; response field added or response class changed; role added.
- ``warning``: a new API, or a parameter new to the code base, without ``since``; an API
  whose ``authorized`` roles went from some to none or from none to some.
- ``doc``: description, ``since``, related entities or doc visibility changed.

Places (file, line, declaring class) are never compared. ``KIND_SEVERITY`` lists every kind.

The reports of a comparison (text, markdown, json, github) are in :mod:`flowdoc.check.report.drift`;
the contract's validation and its one serialization are in :mod:`flowdoc.model.contract`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

DRIFT_SCHEMA = "flowdoc.drift/1"

BREAKING = "breaking"
NON_BREAKING = "non-breaking"
WARNING = "warning"
DOC = "doc"
SEVERITIES = (BREAKING, NON_BREAKING, WARNING, DOC)
RANK = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_TITLES = {BREAKING: "Breaking", NON_BREAKING: "Non-breaking", WARNING: "Warnings", DOC: "Doc-only"}

# --fail-on LEVEL: the severities that make the command exit 1.
FAIL_LEVELS = {"breaking": {BREAKING}, "any": set(SEVERITIES), "none": set()}

# Locates a parameter's declaration: (declaring class FQN, parameter name) -> (file, line).
ParamLocator = Callable[[str, str], "tuple[str, int] | None"]


@dataclass(frozen=True)
class Change:
    """One classified difference between two API models.

    ``file``/``line`` point at the Java source: in the new tree when the thing still exists
    there (``side == "new"``), else where it was in the old tree (``side == "old"``).
    """

    kind: str
    severity: str
    api: str
    message: str
    param: str | None = None
    file: str | None = None
    line: int | None = None
    side: str = "new"
    old: Any = None
    new: Any = None

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def where(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def sort_key(self) -> tuple:
        return (RANK[self.severity], self.api.lower(), self.api, self.kind, self.param or "")


@dataclass
class Report:
    """Changes plus what was compared, ready for any report style."""

    changes: list[Change]
    old_label: str = "old"
    new_label: str = "new"
    old_apis: int = 0
    new_apis: int = 0
    extra: dict = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        c = Counter(ch.severity for ch in self.changes)
        return {s: c.get(s, 0) for s in SEVERITIES}

    def kind_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(ch.kind for ch in self.changes).items()))

    def failing(self, fail_on: str) -> list[Change]:
        levels = FAIL_LEVELS[fail_on]
        return [c for c in self.changes if c.severity in levels]

    def as_dict(self) -> dict:
        return {
            "schema": DRIFT_SCHEMA,
            "old": {"label": self.old_label, "apis": self.old_apis},
            "new": {"label": self.new_label, "apis": self.new_apis},
            "summary": self.counts(),
            "kinds": self.kind_counts(),
            **({"unparsed": self.extra["unparsed"]} if "unparsed" in self.extra else {}),
            "changes": [c.as_dict() for c in self.changes],
        }


# ---------------------------------------------------------------------------------------
# Comparison


def _by_name(items: Iterable[dict] | None) -> dict[str, dict]:
    return {i["name"]: i for i in items or () if isinstance(i, dict) and "name" in i}


def _reachable(cmd: dict) -> bool:
    """False only when the model lists variants and none is registered."""
    variants = cmd.get("variants") or []
    if not variants:
        return True
    return any(v.get("registered", True) for v in variants)


def _on_by_default(cmd: dict) -> bool:
    """True unless every registered variant is registered only under a condition that is
    false with the default settings (``registered_by_default: false``)."""
    registered = [v for v in cmd.get("variants") or () if v.get("registered", True)]
    if not registered:
        return True
    return any(v.get("registered_by_default") is not False for v in registered)


def _conditions(cmd: dict) -> list[str]:
    return sorted({str(v["registered_if"]) for v in cmd.get("variants") or ()
                   if v.get("registered", True) and v.get("registered_if")})


def _short(text: Any, limit: int = 60) -> str:
    s = " ".join(str(text).split()) if text is not None else "none"
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _simple(fqn: Any) -> str:
    return str(fqn).rsplit(".", 1)[-1] if fqn else "none"


class _Comparer:
    def __init__(self, locate_param: ParamLocator | None, locate_field: ParamLocator | None = None,
                 locate_old_field: ParamLocator | None = None) -> None:
        self.changes: list[Change] = []
        self.locate_field = locate_field
        self.locate_old_field = locate_old_field
        self.known_params: set[tuple] = set()
        self.locate_param = locate_param

    def add(self, kind: str, severity: str, cmd: dict, message: str, *, param: str | None = None,
            side: str = "new", old: Any = None, new: Any = None, where: tuple[str, int] | None = None) -> None:
        file, line = where if where else (cmd.get("file"), cmd.get("line"))
        self.changes.append(Change(kind, severity, cmd["name"], message, param, file, line, side, old, new))

    def param_where(self, cmd: dict, p: dict) -> tuple[str, int] | None:
        """Where the parameter's field is declared: from the model, else the locator."""
        if p.get("file") and p.get("line"):
            return p["file"], int(p["line"])
        if self.locate_param and p.get("declared_in"):
            found = self.locate_param(p["declared_in"], p["name"])
            if found:
                return found
        return None

    # --- whole APIs -----------------------------------------------------------------

    def run(self, old: dict, new: dict) -> list[Change]:
        old_cmds, new_cmds = _by_name(old.get("commands")), _by_name(new.get("commands"))
        # parameters declared before by the same class: an API that starts inheriting them
        # from an existing base class gains no parameter new to the code base
        self.known_params = {(p.get("declared_in"), p["name"]) for c in old_cmds.values()
                             for p in c.get("params") or () if p.get("declared_in")}
        removed = sorted(set(old_cmds) - set(new_cmds))
        added = sorted(set(new_cmds) - set(old_cmds))
        renamed = self._renames(old_cmds, new_cmds, removed, added)
        for old_name, new_name in renamed.items():
            o, n = old_cmds[old_name], new_cmds[new_name]
            self.add("api-renamed", BREAKING, n, f"API {old_name} renamed to {new_name} ({_simple(n.get('class'))})",
                     old=old_name, new=new_name)
            self.compare_command(o, n)
        renamed_new = set(renamed.values())
        for name in removed:
            if name in renamed:
                continue
            o = old_cmds[name]
            self.add("api-removed", BREAKING, o, f"API {name} removed (was {_simple(o.get('class'))})", side="old")
        for name in added:
            if name in renamed_new:
                continue
            n = new_cmds[name]
            required = sorted(p["name"] for p in n.get("params") or () if p.get("required"))
            extra = f", required: {', '.join(required)}" if required else ""
            self.add("api-added", NON_BREAKING, n,
                     f"API {name} added ({'async' if n.get('isasync') else 'sync'}{extra})", new=name)
            if not n.get("since"):
                self.add("api-without-since", WARNING, n, f"new API {name} has no 'since'")
        for name in sorted(set(old_cmds) & set(new_cmds)):
            self.compare_command(old_cmds[name], new_cmds[name])
        return sorted(self.changes, key=Change.sort_key)

    @staticmethod
    def _renames(old_cmds: dict, new_cmds: dict, removed: list[str], added: list[str]) -> dict[str, str]:
        """A removed name whose class now declares exactly one added name was renamed."""
        added_by_class: dict[str, list[str]] = {}
        for name in added:
            cls = new_cmds[name].get("class")
            if cls:
                added_by_class.setdefault(cls, []).append(name)
        renamed = {}
        for name in removed:
            cls = old_cmds[name].get("class")
            candidates = added_by_class.get(cls or "", [])
            if len(candidates) == 1:
                renamed[name] = candidates[0]
        # one new name claimed twice is not a rename of either
        claimed = Counter(renamed.values())
        return {o: n for o, n in renamed.items() if claimed[n] == 1}

    def compare_command(self, o: dict, n: dict) -> None:
        name = n["name"]
        if _reachable(o) and not _reachable(n):
            self.add("api-unregistered", BREAKING, n,
                     f"API {name}: no class declaring it is registered any more (getCommands())")
        elif not _reachable(o) and _reachable(n):
            self.add("api-registered", NON_BREAKING, n, f"API {name} is now registered (getCommands())")
        elif _reachable(o) and _reachable(n):
            conditions = _conditions(n)
            when = f" when {' or '.join(conditions)}" if conditions else ""
            if _on_by_default(o) and not _on_by_default(n):
                self.add("api-off-by-default", BREAKING, n,
                         f"API {name} is now registered only{when}, which the default settings leave off",
                         old=_conditions(o), new=conditions)
            elif not _on_by_default(o) and _on_by_default(n):
                self.add("api-on-by-default", NON_BREAKING, n, f"API {name} is now registered with the default "
                         "settings", old=_conditions(o), new=conditions)
            elif _conditions(o) != conditions:
                self.add("api-registration-condition", WARNING, n,
                         f"API {name}: registration condition {' or '.join(_conditions(o)) or 'none'} -> "
                         f"{' or '.join(conditions) or 'none'}", old=_conditions(o), new=conditions)
        if bool(o.get("isasync")) != bool(n.get("isasync")):
            was, now = ("async", "sync") if o.get("isasync") else ("sync", "async")
            self.add("async-changed", BREAKING, n, f"API {name} changed from {was} to {now}",
                     old=bool(o.get("isasync")), new=bool(n.get("isasync")))
        self.compare_roles(o, n)
        self.compare_params(o, n)
        self.compare_response(o, n)
        if o.get("include_in_api_doc", True) != n.get("include_in_api_doc", True):
            hidden = not n.get("include_in_api_doc", True)
            self.add("api-doc-visibility", DOC, n,
                     f"API {name} is {'now hidden from' if hidden else 'now shown in'} listApis/docs"
                     " (includeInApiDoc)", old=o.get("include_in_api_doc", True), new=n.get("include_in_api_doc", True))
        if (o.get("description") or "") != (n.get("description") or ""):
            self.add("api-description", DOC, n, f"API {name}: description changed",
                     old=o.get("description"), new=n.get("description"))
        if o.get("since") != n.get("since"):
            self.add("api-since", DOC, n, f"API {name}: since {o.get('since')} -> {n.get('since')}",
                     old=o.get("since"), new=n.get("since"))

    def compare_roles(self, o: dict, n: dict) -> None:
        name = n["name"]
        old_roles, new_roles = set(o.get("roles") or ()), set(n.get("roles") or ())
        if old_roles == new_roles:
            return
        if not new_roles:
            self.add("roles-cleared", WARNING, n,
                     f"API {name} no longer names roles (was {', '.join(sorted(old_roles))}); "
                     "role configuration now decides", old=sorted(old_roles), new=[])
            return
        if not old_roles:
            self.add("roles-restricted", WARNING, n,
                     f"API {name} now names roles {', '.join(sorted(new_roles))} (named none before)",
                     old=[], new=sorted(new_roles))
            return
        for role in sorted(old_roles - new_roles):
            self.add("role-removed", BREAKING, n, f"API {name}: role {role} removed", param=role, old=role)
        for role in sorted(new_roles - old_roles):
            self.add("role-added", NON_BREAKING, n, f"API {name}: role {role} added", param=role, new=role)

    # --- parameters -------------------------------------------------------------------

    def compare_params(self, o: dict, n: dict) -> None:
        name = n["name"]
        old_ps, new_ps = _by_name(o.get("params")), _by_name(n.get("params"))
        for pname in sorted(set(old_ps) - set(new_ps)):
            gone = old_ps[pname]
            was = f" (was {gone['file'].rsplit('/', 1)[-1]}:{gone['line']})" if gone.get("file") and gone.get("line") \
                else ""
            self.add("param-removed", BREAKING, n, f"API {name}: parameter {pname} removed{was}", param=pname,
                     old=gone.get("type"))
        for pname in sorted(set(new_ps) - set(old_ps)):
            p = new_ps[pname]
            where = self.param_where(n, p)
            if p.get("required"):
                self.add("param-added-required", BREAKING, n,
                         f"API {name}: new required parameter {pname} ({p.get('type')})",
                         param=pname, new=p.get("type"), where=where)
            else:
                self.add("param-added", NON_BREAKING, n, f"API {name}: optional parameter {pname} added"
                         f" ({p.get('type')})", param=pname, new=p.get("type"), where=where)
            if not p.get("since") and (p.get("declared_in"), pname) not in self.known_params:
                self.add("param-without-since", WARNING, n, f"API {name}: new parameter {pname} has no 'since'",
                         param=pname, where=where)
        for pname in sorted(set(old_ps) & set(new_ps)):
            self.compare_exposure(n, old_ps[pname], new_ps[pname])
            self.compare_param(n, old_ps[pname], new_ps[pname])

    def compare_exposure(self, cmd: dict, op: dict, np: dict) -> None:
        """A parameter whose ``expose`` changes appears or disappears for API users: the server
        neither reads nor lists an ``expose = false`` parameter (``BaseCmd`` and listApis skip it)."""
        was, now = op.get("expose", True), np.get("expose", True)
        if was == now:
            return
        name, pname = cmd["name"], np["name"]
        where = self.param_where(cmd, np)
        if not now:
            self.add("param-removed", BREAKING, cmd, f"API {name}: parameter {pname} removed for API users "
                     "(now expose = false)", param=pname, old=op.get("type"), where=where)
        elif np.get("required"):
            self.add("param-added-required", BREAKING, cmd, f"API {name}: new required parameter {pname} "
                     f"({np.get('type')}; was expose = false)", param=pname, new=np.get("type"), where=where)
        else:
            self.add("param-added", NON_BREAKING, cmd, f"API {name}: optional parameter {pname} added "
                     f"({np.get('type')}; was expose = false)", param=pname, new=np.get("type"), where=where)

    def compare_param(self, cmd: dict, op: dict, np: dict) -> None:
        name, pname = cmd["name"], np["name"]
        found: list[tuple] = []
        if op.get("type") != np.get("type"):
            found.append(("param-type-changed", BREAKING,
                          f"API {name}: parameter {pname} type {op.get('type')} -> {np.get('type')}",
                          op.get("type"), np.get("type")))
        if not op.get("required") and np.get("required"):
            found.append(("param-now-required", BREAKING, f"API {name}: parameter {pname} became required",
                          False, True))
        elif op.get("required") and not np.get("required"):
            found.append(("param-now-optional", NON_BREAKING, f"API {name}: parameter {pname} became optional",
                          True, False))
        ol, nl = op.get("length"), np.get("length")
        if isinstance(ol, int) and isinstance(nl, int) and ol != nl:
            kind, sev = ("param-length-reduced", BREAKING) if nl < ol else ("param-length-increased", NON_BREAKING)
            found.append((kind, sev, f"API {name}: parameter {pname} max length {ol} -> {nl}", ol, nl))
        if op.get("include_in_api_doc", True) != np.get("include_in_api_doc", True):
            hidden = not np.get("include_in_api_doc", True)
            found.append(("param-doc-visibility", DOC,
                          f"API {name}: parameter {pname} {'now hidden from' if hidden else 'now shown in'} the docs"
                          " (includeInApiDoc)", op.get("include_in_api_doc", True), np.get("include_in_api_doc", True)))
        found += _param_role_changes(name, pname, set(op.get("roles") or ()), set(np.get("roles") or ()))
        if (op.get("description") or "") != (np.get("description") or ""):
            found.append(("param-description", DOC, f"API {name}: parameter {pname} description changed",
                          op.get("description"), np.get("description")))
        if op.get("since") != np.get("since"):
            found.append(("param-since", DOC, f"API {name}: parameter {pname} since {op.get('since')} -> "
                          f"{np.get('since')}", op.get("since"), np.get("since")))
        if sorted(op.get("related") or ()) != sorted(np.get("related") or ()):
            found.append(("param-related", DOC, f"API {name}: parameter {pname} related entities "
                          f"{sorted(op.get('related') or ())} -> {sorted(np.get('related') or ())}",
                          op.get("related"), np.get("related")))
        if not found:
            return
        where = self.param_where(cmd, np)
        for kind, sev, message, old, new in found:
            self.add(kind, sev, cmd, message, param=pname, old=old, new=new, where=where)

    # --- response ---------------------------------------------------------------------

    def field_where(self, f: dict) -> tuple[str, int] | None:
        """Where a response field is declared (``@SerializedName``), when the new side knows."""
        if f.get("file") and f.get("line"):
            return f["file"], int(f["line"])
        if self.locate_field and f.get("declared_in"):
            return self.locate_field(f["declared_in"], f["name"])
        return None

    @staticmethod
    def _flat_fields(fields: Iterable[dict] | None, prefix: str = "") -> dict[str, dict]:
        """Response fields by dotted name; nested objects' fields as ``nic.ipaddress``."""
        out: dict[str, dict] = {}
        for f in fields or ():
            if not isinstance(f, dict) or "name" not in f:
                continue
            name = prefix + f["name"]
            out[name] = f
            if isinstance(f.get("fields"), list):
                out.update(_Comparer._flat_fields(f["fields"], name + "."))
        return out

    def compare_response(self, o: dict, n: dict) -> None:
        name = n["name"]
        old_fs, new_fs = self._flat_fields(o.get("response_fields")), self._flat_fields(n.get("response_fields"))
        if o.get("response") != n.get("response"):
            # informational: removed or retyped fields are reported one by one below
            self.add("response-class-changed", NON_BREAKING, n,
                     f"API {name}: response class {_simple(o.get('response'))} -> {_simple(n.get('response'))}",
                     old=o.get("response"), new=n.get("response"))
        gone = sorted(set(old_fs) - set(new_fs))
        for fname in gone:
            if "." in fname and fname.rsplit(".", 1)[0] in gone:
                continue  # inside a removed object: the object is reported
            f = old_fs[fname]
            was = self.locate_old_field(f["declared_in"], f["name"]) \
                if (self.locate_old_field and f.get("declared_in")) else None
            where_was = f" (was {was[0].rsplit('/', 1)[-1]}:{was[1]})" if was else ""
            self.add("response-field-removed", BREAKING, n, f"API {name}: response field {fname} removed{where_was}",
                     param=fname, old=f.get("type"))
        came = sorted(set(new_fs) - set(old_fs))
        for fname in came:
            if "." in fname and fname.rsplit(".", 1)[0] in came:
                continue
            self.add("response-field-added", NON_BREAKING, n, f"API {name}: response field {fname} added",
                     param=fname, new=new_fs[fname].get("type"), where=self.field_where(new_fs[fname]))
        for fname in sorted(set(old_fs) & set(new_fs)):
            of, nf = old_fs[fname], new_fs[fname]
            where = self.field_where(nf)
            if of.get("type") and nf.get("type") and of.get("type") != nf.get("type"):
                self.add("response-field-retyped", BREAKING, n,
                         f"API {name}: response field {fname} type {of.get('type')} -> {nf.get('type')}",
                         param=fname, old=of.get("type"), new=nf.get("type"), where=where)
            if (of.get("description") or "") != (nf.get("description") or ""):
                self.add("response-field-description", DOC, n,
                         f"API {name}: response field {fname} description changed",
                         param=fname, old=of.get("description"), new=nf.get("description"), where=where)
            if of.get("since") != nf.get("since"):
                self.add("response-field-since", DOC, n,
                         f"API {name}: response field {fname} since {of.get('since')} -> {nf.get('since')}",
                         param=fname, old=of.get("since"), new=nf.get("since"), where=where)


def _param_role_changes(api: str, pname: str, old: set[str], new: set[str]) -> list[tuple]:
    """``@Parameter(authorized=...)``: empty means every caller may pass the parameter."""
    if old == new:
        return []
    if not new:
        return [("param-roles-lifted", NON_BREAKING, f"API {api}: parameter {pname} is no longer limited to "
                 f"{', '.join(sorted(old))}", sorted(old), [])]
    if not old:
        return [("param-roles-restricted", BREAKING, f"API {api}: parameter {pname} is now limited to "
                 f"{', '.join(sorted(new))}", [], sorted(new))]
    out = []
    for role in sorted(old - new):
        out.append(("param-role-removed", BREAKING, f"API {api}: parameter {pname}: role {role} removed", role, None))
    for role in sorted(new - old):
        out.append(("param-role-added", NON_BREAKING, f"API {api}: parameter {pname}: role {role} added", None, role))
    return out


def compare(old: dict, new: dict, locate_param: ParamLocator | None = None,
            locate_field: ParamLocator | None = None, locate_old_field: ParamLocator | None = None) -> list[Change]:
    """Every classified difference from ``old`` to ``new`` (contract dicts), breaking first.

    ``locate_param`` / ``locate_field`` map (declaring class, name) to (file, line) in the new
    tree where the dicts do not say (response fields carry no line in the contract);
    ``locate_old_field`` does it in the old tree, for saying where a removed field was."""
    return _Comparer(locate_param, locate_field, locate_old_field).run(old, new)


def unparsed_files(model: dict) -> list[str]:
    """Files the scan could not turn into facts (``*-error`` problems): whatever they declare
    is missing from the model."""
    return sorted({str(p.get("file")) for p in model.get("problems") or ()
                   if isinstance(p, dict) and str(p.get("kind", "")).endswith("-error")})


def build_report(old: dict, new: dict, old_label: str | None = None, new_label: str | None = None,
                 locate_param: ParamLocator | None = None, locate_field: ParamLocator | None = None,
                 locate_old_field: ParamLocator | None = None) -> Report:
    changes = compare(old, new, locate_param, locate_field, locate_old_field)
    broken_new = set(unparsed_files(new))
    if broken_new:  # an API "removed" because its file no longer parses is a parse problem first
        changes = [Change(**{**c.as_dict(), "message": c.message + " (its file does not parse in the new tree)"})
                   if c.kind == "api-removed" and c.file in broken_new else c for c in changes]
    report = Report(changes, old_label or _label(old, "old"), new_label or _label(new, "new"),
                    len(old.get("commands") or ()), len(new.get("commands") or ()))
    report.extra = {"unparsed": {"old": len(unparsed_files(old)), "new": len(broken_new)}}
    return report


def _label(model: dict, default: str) -> str:
    source = model.get("source") or {}
    return str(source.get("version") or source.get("root") or default)


# The severity of each kind of change (one kind, one severity).
KIND_SEVERITY = {
    "api-removed": BREAKING, "api-renamed": BREAKING, "api-unregistered": BREAKING, "api-off-by-default": BREAKING,
    "async-changed": BREAKING,
    "param-removed": BREAKING, "param-added-required": BREAKING, "param-now-required": BREAKING,
    "param-type-changed": BREAKING, "param-length-reduced": BREAKING,
    "param-roles-restricted": BREAKING, "param-role-removed": BREAKING, "response-field-removed": BREAKING,
    "response-field-retyped": BREAKING, "role-removed": BREAKING,
    "api-added": NON_BREAKING, "api-registered": NON_BREAKING, "api-on-by-default": NON_BREAKING, "param-added": NON_BREAKING,
    "param-now-optional": NON_BREAKING, "param-length-increased": NON_BREAKING,
    "param-roles-lifted": NON_BREAKING, "param-role-added": NON_BREAKING,
    "response-class-changed": NON_BREAKING, "response-field-added": NON_BREAKING, "role-added": NON_BREAKING,
    "api-without-since": WARNING, "api-registration-condition": WARNING, "param-without-since": WARNING, "roles-cleared": WARNING,
    "roles-restricted": WARNING,
    "api-doc-visibility": DOC, "api-description": DOC, "api-since": DOC, "param-doc-visibility": DOC,
    "param-description": DOC, "param-since": DOC, "param-related": DOC, "response-field-description": DOC,
    "response-field-since": DOC,
}
