"""Global settings: every ``new ConfigKey<>(...)`` of the tree with its name, category, default,
scope, dynamic flag and description.

The arguments are read through the constructor they call: the overload is chosen by arity and
argument kinds (a class literal is a ``Class``, a string a ``String``, ``Scope.Zone`` a
``Scope``...), and each argument is named by that constructor's parameter (``name``,
``category``, ``defaultValue``, ``description``, ``isDynamic``, ``scope``/``scopes``), so the
several argument orders of ``ConfigKey``'s constructors need no table here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flowdoc.analyze.handoffs.lookup import may_name
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import Creation, Expr, MethodFacts

CONFIG_KEY = "ConfigKey"  # simple name of the setting class
READ_PREFIX = "value"  # value(), valueIn(id), valueInScope(...), valueInDomain(...) read a setting
ENUM_READ = "key"  # Config.X.key(): the name a settings enum's constant is looked up by


@dataclass
class Setting:
    """One ``ConfigKey`` declaration; ``field`` is ``Owner.FIELD`` when it initializes a field."""

    name: str | None
    category: str | None
    default: str | None
    description: str | None
    dynamic: bool | None
    scopes: list[str]
    type: str | None
    declared_in: str
    field: str | None
    file: str
    line: int
    readers: list[str] = field(default_factory=list)  # filled by callers: APIs whose flows read it

    @property
    def key(self) -> str:
        """What identifies the declaration: its field, else its place."""
        return self.field or f"{self.declared_in}:{self.line}"

    def as_dict(self) -> dict:
        return {"name": self.name, "category": self.category, "default": self.default,
                "description": self.description, "dynamic": self.dynamic, "scopes": self.scopes,
                "type": self.type, "declared_in": self.declared_in, "field": self.field,
                "file": self.file, "line": self.line}


@dataclass
class SettingCatalog:
    settings: list[Setting]
    config_key: str | None  # the FQN of the ConfigKey class (None: not in the tree)
    by_field: dict[tuple[str, str], Setting] = field(default_factory=dict)  # also (enum, CONSTANT)
    unnamed: int = 0  # declarations whose name is not a constant

    def by_name(self) -> dict[str, list[Setting]]:
        found: dict[str, list[Setting]] = {}
        for s in self.settings:
            if s.name:
                found.setdefault(s.name, []).append(s)
        return found


def find_config_key_class(index: SymbolIndex) -> str | None:
    """The setting class: a top-level generic class named :data:`CONFIG_KEY`; with several,
    the one with the most constructors (a tree may hold look-alikes)."""
    found = [(len([m for m in t.methods if m.is_constructor]), fqn) for fqn, t in index.types.items()
             if t.name == CONFIG_KEY and t.type_params and not t.outer and t.kind == "class"]
    return max(found)[1] if found else None


def build_setting_catalog(index: SymbolIndex, main: frozenset[str] | None = None) -> SettingCatalog:
    """Every ``ConfigKey`` creation in the given types (default: all), sorted by name."""
    config_key = find_config_key_class(index)
    catalog = SettingCatalog([], config_key)
    if config_key is None:
        return catalog
    constructors = [m for m in index.types[config_key].methods if m.is_constructor]
    for fqn in sorted(main if main is not None else index.types):
        facts = index.types.get(fqn)
        if facts is None or not may_name(index, fqn, config_key):
            continue
        key_fields = sorted((f.line, f.name) for f in facts.fields
                            if f.initializer is not None and f.initializer.kind == "new"
                            and f.type.simple == CONFIG_KEY)
        for m in facts.methods:
            for creation in m.creations:
                if creation.anonymous or index.resolve_type(creation.type.name, fqn) != config_key:
                    continue
                setting = _setting(index, fqn, m, creation, config_key, constructors, key_fields)
                catalog.settings.append(setting)
                if setting.field is not None:
                    catalog.by_field[(fqn, setting.field.rsplit(".", 1)[-1])] = setting
                if setting.name is None:
                    catalog.unnamed += 1
    for enum in _setting_enums(index, main):
        _add_enum_settings(index, enum, catalog)
    catalog.settings.sort(key=lambda s: (s.name or "", s.declared_in, s.line))
    return catalog


_ENUM_PARAMS = frozenset({"category", "name", "defaultValue", "description"})


def _setting_enums(index: SymbolIndex, main: frozenset[str] | None) -> list[str]:
    """Enums declaring settings the older way (CloudStack's ``Config``): a constructor taking
    a category, a name, a default value and a description, as ConfigKey's does."""
    found = []
    for fqn in sorted(main if main is not None else index.types):
        facts = index.types.get(fqn)
        if facts is not None and facts.kind == "enum" and any(
                m.is_constructor and _ENUM_PARAMS <= {p.name for p in m.params} for m in facts.methods):
            found.append(fqn)
    return found


def _add_enum_settings(index: SymbolIndex, enum: str, catalog: SettingCatalog) -> None:
    """One setting per constant: ``VmDeploymentPlanner("Advanced", ..., "vm.deployment.planner", ...)``."""
    facts = index.types[enum]
    constructors = [m for m in facts.methods if m.is_constructor]
    init = next((m for m in facts.methods if m.name == "<clinit>"), None)
    own = [c for c in (init.creations if init is not None else ()) if c.type.name == facts.name and not c.anonymous]
    # constants construct the enum in declaration order; when every one has arguments they pair up
    names = facts.enum_constants if len(own) == len(facts.enum_constants) else (None,) * len(own)
    for constant, creation in zip(names, own, strict=True):
        setting = _setting(index, enum, init, creation, enum, constructors, [])
        setting.field = f"{enum}.{constant}" if constant else None
        setting.scopes = setting.scopes or []
        catalog.settings.append(setting)
        if constant:
            catalog.by_field[(enum, constant)] = setting
        if setting.name is None:
            catalog.unnamed += 1


Bound = tuple[Expr, str, MethodFacts]  # an argument, the class and method it is written in


def _bind(index: SymbolIndex, owner: str, m: MethodFacts, args: tuple[Expr, ...], key_class: str,
          constructors: list[MethodFacts], depth: int = 0) -> dict[str, Bound]:
    """Constructor parameter name -> the argument given for it, following ``this(...)``
    delegations for the parameters a short constructor leaves to a longer one (the 6-argument
    constructor passes ``Scope.Global`` on)."""
    ctor = _choose(index, owner, m, args, constructors)
    if ctor is None:
        return {}
    named: dict[str, Bound] = {p.name: (a, owner, m) for p, a in zip(ctor.params, args, strict=True)}
    delegation = next((c for c in ctor.calls if c.kind == "this" and c.receiver.kind != "super"), None)
    if delegation is not None and depth < 8:
        for param, bound in _bind(index, key_class, ctor, delegation.args, key_class, constructors, depth + 1).items():
            expr = bound[0]
            if expr.kind == "name" and expr.text in named:  # passed on: the outer argument
                named.setdefault(param, named[expr.text])
            elif param not in named:
                named[param] = bound
    return named


def _setting(index: SymbolIndex, owner: str, m: MethodFacts, creation: Creation, key_class: str,
             constructors: list[MethodFacts], key_fields: list[tuple[int, str]]) -> Setting:
    named = _bind(index, owner, m, creation.args, key_class, constructors)

    def text(param: str) -> str | None:
        if param not in named:
            return None
        value = _value(index, *named[param])
        return None if value is None else str(value) if not isinstance(value, bool) else str(value).lower()

    dynamic = index.evaluate_constant(*named["isDynamic"][:2]) if "isDynamic" in named else None
    type_arg = named.get("type", (None,))[0]
    field_name = None
    if m.name == "<clinit>" and key_fields:  # a field initializer: the ConfigKey field on or above the line
        above = [name for line, name in key_fields if line <= creation.line]
        field_name = above[-1] if above else None
    return Setting(
        name=text("name"), category=text("category"), default=text("defaultValue"), description=text("description"),
        dynamic=dynamic if isinstance(dynamic, bool) else None,
        scopes=_scopes(named),
        type=type_arg.text if type_arg is not None and type_arg.kind == "class" else None,
        declared_in=owner, field=f"{owner}.{field_name}" if field_name else None,
        file=index.file_of.get(owner, ""), line=creation.line)


_TO_STRING = frozenset({"valueOf", "toString"})


def _value(index: SymbolIndex, expr: Expr, context: str, m: MethodFacts):
    """A constant argument's value; also ``Enum.CONSTANT.name()`` and ``String.valueOf(constant)``
    / ``Long.toString(constant)``, which default values are often written as."""
    if expr.kind == "call" and expr.text.isdigit() and int(expr.text) < len(m.calls):
        call = m.calls[int(expr.text)]
        if call.member in ("name", "toString") and not call.args and call.receiver.kind == "name":
            enum, _, constant = call.receiver.text.rpartition(".")
            fqn = index.resolve_type(enum, context) if enum else None
            if fqn in index.types and constant in index.types[fqn].enum_constants:
                return constant
        if call.member in _TO_STRING and len(call.args) == 1 and call.receiver.kind == "name":
            inner = index.evaluate_constant(call.args[0], context)
            return None if inner is None else str(inner).lower() if isinstance(inner, bool) else str(inner)
        return None
    return index.evaluate_constant(expr, context)


def _scopes(named: dict[str, Bound]) -> list[str]:
    """``Scope.Zone`` -> ["Zone"]; ``List.of(Scope.Zone, Scope.Cluster)`` -> both."""
    if "scope" in named and named["scope"][0].kind == "name":
        return [named["scope"][0].text.rsplit(".", 1)[-1]]
    if "scopes" in named:
        expr, _, m = named["scopes"]
        if expr.kind == "call" and expr.text.isdigit() and int(expr.text) < len(m.calls):
            return [a.text.rsplit(".", 1)[-1] for a in m.calls[int(expr.text)].args if a.kind == "name"]
    return []


_LIST_FACTORIES = frozenset({"of", "asList", "singletonList"})


def _kind_of(index: SymbolIndex, expr: Expr, owner: str, m: MethodFacts) -> str | None:
    """The simple type an argument has, when it is evident; None: could be anything."""
    kind = expr.kind
    if kind == "call" and expr.text.isdigit() and int(expr.text) < len(m.calls):
        call = m.calls[int(expr.text)]
        if call.member in _LIST_FACTORIES:
            return "List"
        if call.member == "key" and not call.args and call.receiver.kind == "name":  # OtherKey.key(): a String
            found = index.resolve_constant(call.receiver.text, owner)
            return "String" if found is not None and found[1].type.simple == CONFIG_KEY else None
        return "String" if _value(index, expr, owner, m) is not None else None
    if kind == "str":
        return "String"
    if kind == "class":
        return "Class"
    if kind == "bool":
        return "boolean"
    if kind == "null":
        return "null"
    if kind in ("name", "field", "binop"):
        value = index.evaluate_constant(expr, owner)
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, str):
            return "String"
        if kind == "name" and "." in expr.text:  # an enum constant: ConfigKey.Scope.Zone, Kind.CSV
            enum = index.resolve_type(expr.text.rsplit(".", 1)[0], owner)
            if enum is not None and index.types.get(enum) is not None and index.types[enum].kind == "enum":
                return index.types[enum].name
    return None


_ACCEPTS = {"String": {"String", "null"}, "Class": {"Class", "null"}, "boolean": {"boolean"},
            "Boolean": {"boolean", "null"}}


def _choose(index: SymbolIndex, owner: str, m: MethodFacts, args: tuple[Expr, ...],
            constructors: list[MethodFacts]) -> MethodFacts | None:
    """The constructor a creation calls: same arity, no argument of an evident kind the
    parameter cannot take (ties: the first declared)."""
    kinds = [_kind_of(index, a, owner, m) for a in args]
    for ctor in constructors:
        if len(ctor.params) != len(args):
            continue
        ok = True
        for param, kind in zip(ctor.params, kinds, strict=True):
            if kind is None or param.type is None:
                continue
            simple = param.type.simple
            accepts = _ACCEPTS.get(simple)
            if accepts is not None:
                ok = kind in accepts
            elif kind in ("String", "Class", "boolean"):
                ok = simple in ("T", "Object") and kind != "Class"  # a type variable takes a value
            elif kind != "null":
                ok = simple == kind
            if not ok:
                break
        if ok:
            return ctor
    return None
