"""Database tables from the facts: entities (``@Entity`` + ``@Table``/``@SecondaryTable``),
their ``@Column`` fields, and the DAO classes serving them.

A DAO is a subtype of the generic DAO root (``GenericDao<T, ID>`` / ``GenericDaoBase<T, ID>``);
its entity is the type argument bound to ``T`` as seen from the DAO
(``VMInstanceDaoImpl extends GenericDaoBase<VMInstanceVO, Long>`` -> ``VMInstanceVO``). An
entity's tables are its own ``@Table`` and ``@SecondaryTable`` names, plus those of entity
superclasses (``@Inheritance(JOINED)``: persisting a ``UserVmVO`` writes ``user_vm`` and
``vm_instance``). Nothing is named after a class: an entity without ``@Table`` has no table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flowdoc.analyze.symbols import SymbolIndex
from flowdoc.model.facts import Annotation, Expr, TypeFacts

DAO_ROOTS = ("GenericDao", "GenericDaoBase")  # simple names of the generic DAO types
ENTITY_PARAM = "T"  # fallback when the root declares no type parameters (never on real trees)

# DAO method names -> what they do to the table (the first matching prefix wins)
_WRITE_PREFIXES = ("persist", "update", "remove", "expunge", "delete", "save", "insert", "unremove",
                   "batchExpunge", "clear", "add", "assign", "unassign", "release", "allocate", "take", "mark",
                   "expire", "change", "attach", "detach", "set", "complete", "increment", "decrement", "reset",
                   "create")
_READ_PREFIXES = ("find", "list", "search", "count", "get", "lock", "acquire", "is", "exists", "customSearch",
                  "has", "sum", "select", "load", "can", "are", "check", "filter", "order")
# query builders and lifecycle: no table is read or written by the call itself
_NO_TABLE_PREFIXES = ("createSearch", "createForUpdate", "createSearchCriteria", "createSearchBuilder", "configure",
                      "<init>", "toEntityBean", "newSearch")


def dao_access(method_name: str) -> str | None:
    """``write``, ``read`` or None (unknown) for a DAO method name; query builders
    (``createSearchBuilder``) touch no table and give ``""``."""
    if method_name.startswith(_NO_TABLE_PREFIXES):
        return ""
    for prefix in _WRITE_PREFIXES:
        if method_name.startswith(prefix):
            return "write"
    for prefix in _READ_PREFIXES:
        if method_name.startswith(prefix):
            return "read"
    return None


@dataclass(frozen=True)
class Column:
    """A ``@Column`` field: the column name, the Java field and type, where it is declared."""

    name: str
    field: str
    type: str
    declared_in: str
    line: int

    def as_dict(self) -> dict:
        return {"name": self.name, "field": self.field, "type": self.type, "declared_in": self.declared_in,
                "line": self.line}


@dataclass(frozen=True)
class Entity:
    """An ``@Entity`` class: ``tables`` first its own primary table, then secondary ones, then
    those of entity superclasses."""

    fqn: str
    file: str
    line: int
    tables: tuple[str, ...]
    columns: tuple[Column, ...]


@dataclass
class Table:
    name: str
    entities: list[str] = field(default_factory=list)  # classes that map to it (primary or secondary)
    daos: list[str] = field(default_factory=list)  # DAO classes whose entity maps to it
    columns: list[Column] = field(default_factory=list)  # one per column name (first declaring entity)

    def as_dict(self) -> dict:
        return {"name": self.name, "entities": self.entities, "daos": self.daos,
                "columns": [c.as_dict() for c in self.columns]}


@dataclass
class TableCatalog:
    entities: dict[str, Entity]
    tables: dict[str, Table]
    dao_roots: tuple[str, ...]
    daos: dict[str, str | None]  # every DAO type in the tree -> its entity (None: not bound)
    index: SymbolIndex = field(repr=False, default=None)  # type: ignore[assignment]
    _memo: dict[str, tuple[str, ...] | None] = field(default_factory=dict, repr=False)

    def is_dao(self, fqn: str) -> bool:
        return fqn in self.daos

    def entity_of(self, dao: str) -> str | None:
        return self.daos.get(dao)

    def tables_of_dao(self, dao: str) -> tuple[str, ...] | None:
        """The tables a DAO type serves; None when it is no DAO or its entity is unknown."""
        if dao in self._memo:
            return self._memo[dao]
        entity = self.daos.get(dao)
        found = self.entities.get(entity) if entity else None
        tables = found.tables if found is not None and found.tables else None
        self._memo[dao] = tables
        return tables


def _string(index: SymbolIndex, expr: Expr | None, context: str) -> str | None:
    value = index.evaluate_string(expr, context)
    return value if value else None


def _annotations(facts: TypeFacts, simple: str, container: str) -> list[Annotation]:
    """``@X`` annotations of a type, also inside their container (``@SecondaryTables({...})``)."""
    found = [a for a in facts.annotations if a.simple == simple]
    for ann in facts.annotations:
        if ann.simple == container:
            value = ann.get("value")
            items = value.items if value is not None and value.kind == "array" else ()
            found.extend(Annotation.nested(item) for item in items if item.kind == "annotation")
    return found


def _own_tables(index: SymbolIndex, fqn: str, facts: TypeFacts) -> list[str]:
    names = []
    table = facts.annotation("Table")
    if table is not None:
        name = _string(index, table.get("name"), fqn)
        if name:
            names.append(name)
    for ann in _annotations(facts, "SecondaryTable", "SecondaryTables"):
        name = _string(index, ann.get("name"), fqn)
        if name and name not in names:
            names.append(name)
    return names


def _columns(index: SymbolIndex, fqn: str, facts: TypeFacts, primary: str | None) -> list[tuple[str | None, Column]]:
    out = []
    for f in facts.fields:
        ann = next((a for a in f.annotations if a.simple == "Column"), None)
        if ann is None or "static" in f.modifiers:
            continue
        name = _string(index, ann.get("name"), fqn) or f.name
        table = _string(index, ann.get("table"), fqn) or primary
        out.append((table, Column(name, f.name, str(f.type), fqn, f.line)))
    return out


def build_table_catalog(index: SymbolIndex, main: frozenset[str] | None = None) -> TableCatalog:
    """Entities, tables and DAOs of the tree's types (``main``: the types to consider, default all)."""
    types = sorted(main if main is not None else index.types)
    entities: dict[str, Entity] = {}
    own: dict[str, list[str]] = {}
    columns: dict[str, list[tuple[str | None, Column]]] = {}
    for fqn in types:
        facts = index.types.get(fqn)
        if facts is None or facts.annotation("Entity") is None:
            continue
        own[fqn] = _own_tables(index, fqn, facts)
        columns[fqn] = _columns(index, fqn, facts, own[fqn][0] if own[fqn] else None)
    tables: dict[str, Table] = {}
    for fqn in own:
        names = list(own[fqn])
        for ancestor in index.superclass_chain(fqn):
            for name in own.get(ancestor, ()):
                if name not in names:
                    names.append(name)
        cols = tuple(c for _, c in columns[fqn])
        entities[fqn] = Entity(fqn, index.file_of.get(fqn, ""), index.types[fqn].line, tuple(names), cols)
        for name in own[fqn]:
            tables.setdefault(name, Table(name)).entities.append(fqn)
        for table, col in columns[fqn]:
            if table is not None:
                tables.setdefault(table, Table(table)).columns.append(col)
    roots = _dao_roots(index)
    daos: dict[str, str | None] = {}
    for root in roots:
        param = (index.types[root].type_params or (ENTITY_PARAM,))[0]
        for dao in index.subtypes(root):
            if main is not None and dao not in main:
                continue
            if dao in daos and daos[dao] is not None:
                continue
            bound = index.type_bindings(dao).get(root, {}).get(param)
            daos[dao] = bound if bound in entities else None
    for dao, entity in sorted(daos.items()):
        if entity is not None and index.types[dao].kind == "class" and not index.types[dao].anonymous:
            for name in entities[entity].tables:
                tables.setdefault(name, Table(name)).daos.append(dao)
    for table in tables.values():  # several entities may map one column (VMInstanceVO, VMEntityVO)
        by_name: dict[str, Column] = {}
        for col in sorted(table.columns, key=lambda c: (c.name, c.declared_in)):
            by_name.setdefault(col.name, col)
        table.columns = list(by_name.values())
    return TableCatalog(entities, dict(sorted(tables.items())), roots, daos, index)


def _dao_roots(index: SymbolIndex) -> tuple[str, ...]:
    """The generic DAO types: the classes/interfaces named like :data:`DAO_ROOTS` that take
    type parameters (a tree may hold unrelated classes of the same simple name)."""
    found = []
    for fqn, facts in index.types.items():
        if facts.name in DAO_ROOTS and facts.type_params and not facts.outer:
            found.append(fqn)
    return tuple(sorted(found))
