"""What code touches: the database tables it reads and writes, the settings it reads, the
events it records; per method from the call graph, and per flow as the union over the methods
it reaches.

``Touches(graph, index)`` keeps the tree's catalogs (:mod:`.tables`, :mod:`.settings`) and a
per-method memo. A call site is a

- **table access** when its targets are methods of a DAO class: the receiver's static type (or
  the injected bean) gives the DAO, its entity the tables; the DAO method's name says read or
  write (:func:`.tables.dao_access`);
- **setting read** when it calls ``ConfigKey.value*()`` on a field holding a declared key;
- **event** when it calls ``ActionEventUtils`` with a constant event type; a method annotated
  ``@ActionEvent`` records its event type too.

Whatever cannot be told (a DAO whose entity is not bound, a key held in a local variable, an
event type computed at run time, a DAO method whose name says neither read nor write) becomes
an :class:`UnknownTouch`: counted and listed, never guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flowdoc.analyze.callgraph import CallGraph, class_of
from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.analyze.touches.events import EVENT_UTILS, annotated_event_types, event_type_param
from flowdoc.analyze.touches.settings import ENUM_READ, READ_PREFIX, SettingCatalog, build_setting_catalog
from flowdoc.analyze.touches.tables import TableCatalog, build_table_catalog, dao_access
from flowdoc.read.scan import is_test_path


@dataclass(frozen=True, slots=True)
class TableTouch:
    table: str
    access: str  # read | write | unknown
    dao: str  # the DAO type the call goes through
    method: str  # the DAO method called
    node: str  # the calling method
    line: int


@dataclass(frozen=True, slots=True)
class SettingRead:
    name: str
    key: str  # Owner.FIELD of the ConfigKey
    node: str
    line: int


@dataclass(frozen=True, slots=True)
class EventRecord:
    type: str
    how: str  # annotation | call
    node: str
    line: int


@dataclass(frozen=True, slots=True)
class UnknownTouch:
    what: str  # table | setting | event
    reason: str
    node: str
    line: int
    text: str

    def as_dict(self) -> dict:
        return {"what": self.what, "reason": self.reason, "node": self.node, "line": self.line, "text": self.text}


@dataclass(frozen=True, slots=True)
class MethodTouches:
    tables: tuple[TableTouch, ...] = ()
    settings: tuple[SettingRead, ...] = ()
    events: tuple[EventRecord, ...] = ()
    unknown: tuple[UnknownTouch, ...] = ()


NOTHING = MethodTouches()


@dataclass
class FlowTouches:
    """The union of the touches of a set of methods, grouped for output."""

    tables: list[TableTouch] = field(default_factory=list)
    settings: list[SettingRead] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    unknown: list[UnknownTouch] = field(default_factory=list)

    def table_names(self, access: str | None = None) -> list[str]:
        return sorted({t.table for t in self.tables if access is None or t.access == access})

    def summary_lines(self) -> list[str]:
        """The text view's closing lines: tables written and read, settings read, events, unknowns."""
        lines = []
        for label, names in (("writes", self.table_names("write")), ("reads", self.table_names("read")),
                             ("settings read", sorted({s.name for s in self.settings})),
                             ("events", sorted({e.type for e in self.events}))):
            if names:
                lines.append(f"{label}: {', '.join(names)}")
        if self.unknown:
            counts = Counter(u.what for u in self.unknown)
            parts = ", ".join(f"{counts[k]} {k}{'s' if counts[k] > 1 else ''}" for k in ("table", "setting", "event")
                              if counts[k])
            lines.append(f"not told from the code: {parts} (flowdoc flow --format json lists them)")
        return lines

    def as_dict(self) -> dict:
        """``tables``/``settings``/``events``: one entry per name with its sites;
        ``touch_unknown``: the count per kind and each unknown site."""
        tables: dict[str, dict] = {}
        for t in self.tables:
            entry = tables.setdefault(t.table, {"name": t.table, "access": set(), "sites": []})
            entry["access"].add(t.access)
            entry["sites"].append({"node": t.node, "line": t.line, "dao": t.dao, "method": t.method,
                                   "access": t.access})
        settings: dict[str, dict] = {}
        for s in self.settings:
            entry = settings.setdefault(s.name, {"name": s.name, "key": s.key, "sites": []})
            entry["sites"].append({"node": s.node, "line": s.line})
        events: dict[str, dict] = {}
        for e in self.events:
            entry = events.setdefault(e.type, {"type": e.type, "how": set(), "sites": []})
            entry["how"].add(e.how)
            entry["sites"].append({"node": e.node, "line": e.line, "how": e.how})
        for group in (tables, events):
            for entry in group.values():
                for key in ("access", "how"):
                    if key in entry:
                        entry[key] = sorted(entry[key])
        counts = Counter(u.what for u in self.unknown)
        return {
            "tables": [tables[k] for k in sorted(tables)],
            "settings": [settings[k] for k in sorted(settings)],
            "events": [events[k] for k in sorted(events)],
            "touch_unknown": {"tables": counts["table"], "settings": counts["setting"], "events": counts["event"],
                              "sites": [u.as_dict() for u in self.unknown]},
        }


class Touches:
    """Tables, settings and events per method of one call graph (memoized)."""

    def __init__(self, graph: CallGraph, index: SymbolIndex, tables: TableCatalog | None = None,
                 settings: SettingCatalog | None = None) -> None:
        main = frozenset(fqn for fqn, path in index.file_of.items() if not is_test_path(path))
        self.graph = graph
        self.index = index
        self.tables = tables if tables is not None else build_table_catalog(index, main)
        self.settings = settings if settings is not None else build_setting_catalog(index, main)
        self._memo: dict[str, MethodTouches] = {}
        self._setting_enums = {owner for owner, _ in self.settings.by_field if index.types[owner].kind == "enum"}

    def of_method(self, node: str) -> MethodTouches:
        found = self._memo.get(node)
        if found is None:
            found = self._memo[node] = self._of_method(node)
        return found

    def methods_touching(self, table: str | None = None, setting: str | None = None,
                         access: str | None = None) -> list[str]:
        """Methods whose own calls touch ``table`` (read, write or either) or read ``setting``;
        the targets of ``flowdoc callers --table/--setting``."""
        found = []
        for node in sorted(self.graph.methods):
            touches = self.of_method(node)
            if table is not None and any(t.table == table and (access is None or t.access == access)
                                         for t in touches.tables):
                found.append(node)
            elif setting is not None and any(s.name == setting for s in touches.settings):
                found.append(node)
        return found

    def of_nodes(self, nodes) -> FlowTouches:
        """The touches of every method in ``nodes``, in node order then line order."""
        out = FlowTouches()
        for node in sorted(set(nodes)):
            touches = self.of_method(node)
            out.tables.extend(touches.tables)
            out.settings.extend(touches.settings)
            out.events.extend(touches.events)
            out.unknown.extend(touches.unknown)
        return out

    def _of_method(self, node: str) -> MethodTouches:
        found = self.graph.method_of(node)
        if found is None:
            return NOTHING
        owner, m = found
        tables: list[TableTouch] = []
        settings: list[SettingRead] = []
        events: list[EventRecord] = []
        unknown: list[UnknownTouch] = []
        for event_type, _, line in annotated_event_types(self.index, owner, m):
            if event_type:
                events.append(EventRecord(event_type, "annotation", node, line))
            else:
                unknown.append(UnknownTouch("event", "event-type-not-constant", node, line, "@ActionEvent"))
        sites: dict[int, list[tuple[str, dict]]] = {}
        for target, data in self.graph.out_edges(node):
            if data["site"] >= 0 and data["kind"] != "unknown":
                sites.setdefault(data["site"], []).append((target, data))
        types = None
        key_class = self.settings.config_key
        for i, group in sorted(sites.items()):
            classes = {class_of(t) for t, _ in group}
            call = m.calls[i]
            line = call.line
            if any(self.tables.is_dao(c) for c in classes):
                types = types or self.graph.scope(node)
                self._table_site(node, i, group, types, tables, unknown)
            elif key_class in classes and call.member.startswith(READ_PREFIX) \
                    or call.member == ENUM_READ and classes & self._setting_enums:
                types = types or self.graph.scope(node)
                self._setting_site(call, types, node, settings, unknown)
            elif any(c.rsplit(".", 1)[-1] == EVENT_UTILS for c in classes):
                self._event_site(node, owner, i, group, events, unknown)
        return MethodTouches(tuple(tables), tuple(settings), tuple(events), tuple(unknown))

    def _setting_site(self, call, scope, node: str, settings: list, unknown: list) -> None:
        """``KEY.value()`` on a ConfigKey field, or ``Config.CONSTANT.key()`` of a settings enum."""
        key = scope.field_of(call.receiver) if scope is not None else None
        if key is None and call.member == ENUM_READ and call.receiver.kind == "name" and scope is not None:
            enum = scope.type_of(call.receiver)
            key = (enum, call.receiver.text.rsplit(".", 1)[-1]) if enum in self._setting_enums else None
        setting = self.settings.by_field.get(key) if key else None
        if setting is not None and setting.name:
            settings.append(SettingRead(setting.name, setting.key, node, call.line))
        else:
            reason = "key-not-a-field" if key is None else "key-not-declared"
            unknown.append(UnknownTouch("setting", reason, node, call.line, f"{_text(call.receiver)}.{call.member}()"))

    def _table_site(self, node: str, i: int, group, types, tables: list, unknown: list) -> None:
        call = self.graph.method_of(node)[1].calls[i]
        access = dao_access(call.member)
        if access == "":
            return  # a query builder: no table yet
        dao = _receiver_type(types, call) if types is not None else None
        found = self.tables.tables_of_dao(dao) if dao else None
        while found is None and dao in self.index.outer_of and call.receiver.kind == "implicit":
            dao = self.index.outer_of[dao]  # a callback inside a DAO calling the DAO's own method
            found = self.tables.tables_of_dao(dao)
        if found is None:  # through an injected bean: the bean's DAO class
            for _, data in group:
                bean = data.get("bean")
                if bean and self.tables.tables_of_dao(bean):
                    dao, found = bean, self.tables.tables_of_dao(bean)
                    break
        text = f"{_text(call.receiver)}.{call.member}()"
        if found is None:
            unknown.append(UnknownTouch("table", "dao-entity-unknown", node, call.line, text))
            return
        if access is None:
            unknown.append(UnknownTouch("table", "dao-method-access-unknown", node, call.line, text))
        for table in found:
            tables.append(TableTouch(table, access or "unknown", dao, call.member, node, call.line))

    def _event_site(self, node: str, owner: str, i: int, group, events: list, unknown: list) -> None:
        call = self.graph.method_of(node)[1].calls[i]
        for target, _ in group:
            callee = self.graph.method_of(target)
            position = event_type_param(callee[1]) if callee is not None else None
            if position is None or position >= len(call.args):
                continue
            event_type = self.index.evaluate_string(call.args[position], owner)
            if event_type:
                events.append(EventRecord(event_type, "call", node, call.line))
            else:
                unknown.append(UnknownTouch("event", "event-type-not-constant", node, call.line,
                                            f"{EVENT_UTILS}.{call.member}()"))
            return


def _receiver_type(scope, call) -> str | None:
    """The static type a call is made on; ``this``, ``super`` or none written: the method's class."""
    receiver = call.receiver
    if receiver.kind in ("implicit", "super") or (receiver.kind == "this" and not receiver.text):
        return scope.owner
    return scope.type_of(receiver)


def _text(expr) -> str:
    return expr.text if expr.kind in ("name", "this") and expr.text else expr.kind
