"""Spring XML bean definitions: which classes a CloudStack deployment really instantiates.

CloudStack wires its managers, DAOs and plugins with Spring XML contexts
(``META-INF/cloudstack/**/spring-*-context.xml`` and a few other ``*.xml`` files under
``src/main/resources``). When an injected interface has several implementations in the
tree, the declared beans decide which one is live (for example the clustered agent manager,
not the single-node one). :func:`load_spring_context` reads every such file with
``xml.parsers.expat`` into :mod:`xml.etree` elements (so each bean keeps its line number);
malformed files become :class:`~flowdoc.model.problems.Problem` records, never exceptions.
"""

from __future__ import annotations

import fnmatch
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from flowdoc.model.problems import Problem
from flowdoc.read.files import read_regular

SPRING_BEANS_NS = "http://www.springframework.org/schema/beans"
_SKIPPED_DIRS = frozenset({"target", "build", "node_modules", "__pycache__"})
_LINE = "{flowdoc}line"  # attribute carrying the source line on parsed elements


@dataclass(frozen=True, slots=True)
class SpringProperty:
    """``<property name=...>``: a ``ref``, a ``value`` or a list/set/map of references."""

    name: str
    ref: str | None = None
    value: str | None = None
    refs: tuple[str, ...] = ()  # bean ids inside <list>/<set>/<map>
    nested_classes: tuple[str, ...] = ()  # classes of beans declared inside the property


@dataclass(frozen=True, slots=True)
class SpringBean:
    """One ``<bean>``. ``class_name`` is as written (a fully qualified name) or inherited
    from the ``parent`` bean; ``nested`` beans are declared inside another bean."""

    id: str | None
    class_name: str | None
    file: str
    line: int
    parent: str | None = None
    abstract: bool = False
    nested: bool = False
    aliases: tuple[str, ...] = ()
    properties: tuple[SpringProperty, ...] = ()
    constructor_refs: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"id": self.id, "class": self.class_name, "file": self.file, "line": self.line,
                "parent": self.parent, "abstract": self.abstract, "nested": self.nested}


@dataclass(frozen=True)
class SpringContext:
    """Every bean of a tree's Spring XML files, in file and document order."""

    beans: tuple[SpringBean, ...] = ()
    files: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    _by_class: dict[str, tuple[SpringBean, ...]] = field(default_factory=dict, repr=False, compare=False)
    _by_id: dict[str, SpringBean] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_class: dict[str, list[SpringBean]] = {}
        by_id: dict[str, SpringBean] = {}
        raw_by_id = {b.id: b for b in self.beans if b.id}
        for bean in self.beans:
            for name in (bean.id, *bean.aliases):
                if name and name not in by_id:
                    by_id[name] = bean
            cls = bean.class_name or _inherited_class(bean, raw_by_id)
            if cls and not bean.abstract:
                by_class.setdefault(cls, []).append(bean)
        self._by_class.update({k: tuple(v) for k, v in by_class.items()})
        self._by_id.update(by_id)

    @property
    def classes(self) -> frozenset[str]:
        """Fully qualified names of every class instantiated as a (non-abstract) bean."""
        return frozenset(self._by_class)

    def beans_of_class(self, fqn: str) -> tuple[SpringBean, ...]:
        return self._by_class.get(fqn, ())

    def bean(self, bean_id: str) -> SpringBean | None:
        return self._by_id.get(bean_id)

    def declares(self, fqn: str) -> bool:
        return fqn in self._by_class


def _inherited_class(bean: SpringBean, by_id: dict[str, SpringBean]) -> str | None:
    seen = set()
    current = bean
    while current.class_name is None and current.parent and current.parent not in seen:
        seen.add(current.parent)
        parent = by_id.get(current.parent)
        if parent is None:
            return None
        current = parent
    return current.class_name


def find_spring_files(root: Path, excludes: Sequence[str] = ()) -> list[str]:
    """Relative paths of the XML files under ``src/main/resources`` folders (tests skipped)."""
    found = []
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIPPED_DIRS)
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        if "src/main/resources" not in f"/{rel_dir}/":
            continue
        for name in filenames:
            if not name.endswith(".xml"):
                continue
            rel = f"{rel_dir}/{name}" if rel_dir != "." else name
            if any(fnmatch.fnmatch(rel, pattern) for pattern in excludes):
                continue
            found.append(rel)
    found.sort()
    return found


def load_spring_context(root: Path | str, excludes: Sequence[str] = ()) -> SpringContext:
    """Read every Spring bean file of the tree at ``root``."""
    root = Path(root)
    beans: list[SpringBean] = []
    problems: list[Problem] = []
    files: list[str] = []
    for rel in find_spring_files(root, excludes):
        try:
            text = read_regular(root / rel)
        except OSError as exc:  # a pipe or device named *.xml included: never opened for reading
            problems.append(Problem(rel, 0, "spring-xml", f"cannot read: {exc.strerror or exc}"))
            continue
        if b"<beans" not in text and b":beans" not in text:
            continue
        file_beans, file_problems = parse_spring_xml(rel, text)
        problems.extend(file_problems)
        if file_beans or not file_problems:
            files.append(rel)
        beans.extend(file_beans)
    return SpringContext(tuple(beans), tuple(files), tuple(problems))


def parse_spring_xml(rel: str, text: bytes | str) -> tuple[list[SpringBean], list[Problem]]:
    """Beans of one XML document; a malformed document yields one problem and no beans."""
    try:
        root = _parse_with_lines(text)
    except expat.ExpatError as exc:
        return [], [Problem(rel, exc.lineno or 0, "spring-xml", f"malformed XML: {expat.ErrorString(exc.code)}")]
    if _local(root.tag) != "beans":
        return [], []
    beans: list[SpringBean] = []
    _collect_beans(root, rel, beans, nested=False)
    return beans, []


def _parse_with_lines(text: bytes | str) -> ET.Element:
    """Parse with expat, building ElementTree elements that remember their start line."""
    parser = expat.ParserCreate(namespace_separator="}")
    builder = ET.TreeBuilder()

    def start(tag: str, attrs: dict[str, str]) -> None:
        tag = "{" + tag if "}" in tag else tag
        attrib = dict(attrs)
        attrib[_LINE] = str(parser.CurrentLineNumber)
        builder.start(tag, attrib)

    def end(tag: str) -> None:
        builder.end("{" + tag if "}" in tag else tag)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.Parse(text, True)
    return builder.close()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _line(element: ET.Element) -> int:
    return int(element.get(_LINE, "0"))


def _collect_beans(element: ET.Element, rel: str, out: list[SpringBean], nested: bool) -> None:
    for child in element:
        name = _local(child.tag)
        if name == "bean":
            out.append(_bean(child, rel, nested))
            # beans inside properties/constructor args of this bean are nested beans
            _collect_beans(child, rel, out, nested=True)
        elif name == "alias":
            continue
        else:
            _collect_beans(child, rel, out, nested=nested or name not in ("beans",))


def _bean(element: ET.Element, rel: str, nested: bool) -> SpringBean:
    properties = []
    constructor_refs: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "property":
            properties.append(_property(child))
        elif name == "constructor-arg":
            if child.get("ref"):
                constructor_refs.append(child.get("ref"))
            constructor_refs.extend(_refs_inside(child))
    names = element.get("name")
    aliases = tuple(a for a in (names or "").replace(";", ",").replace(" ", ",").split(",") if a)
    return SpringBean(
        id=element.get("id"),
        class_name=(element.get("class") or "").strip() or None,
        file=rel,
        line=_line(element),
        parent=element.get("parent"),
        abstract=element.get("abstract") == "true",
        nested=nested,
        aliases=aliases,
        properties=tuple(properties),
        constructor_refs=tuple(constructor_refs),
    )


def _property(element: ET.Element) -> SpringProperty:
    value = element.get("value")
    if value is None:
        for child in element:
            if _local(child.tag) == "value":
                value = (child.text or "").strip()
    nested_classes = tuple(
        b.get("class") for b in element.iter() if _local(b.tag) == "bean" and b.get("class")
    )
    return SpringProperty(
        name=element.get("name", ""),
        ref=element.get("ref"),
        value=value,
        refs=tuple(_refs_inside(element)),
        nested_classes=nested_classes,
    )


def _refs_inside(element: ET.Element) -> Iterable[str]:
    for node in element.iter():
        if node is element:
            continue
        tag = _local(node.tag)
        if tag in ("ref", "idref"):
            target = node.get("bean") or node.get("local") or node.get("parent")
            if target:
                yield target
        elif tag == "entry" and node.get("value-ref"):
            yield node.get("value-ref")


# --------------------------------------------------------------------------- injection
INJECT_ANNOTATIONS = frozenset({"Inject", "Autowired", "Resource"})
COMPONENT_ANNOTATIONS = frozenset({"Component", "Service", "Repository", "Named"})
_LIST_TYPES = frozenset({"List", "Collection", "Set", "Iterable", "ArrayList", "LinkedList", "HashSet",
                         "SortedSet", "LinkedHashSet"})
_MAP_TYPES = frozenset({"Map", "HashMap", "LinkedHashMap", "TreeMap", "SortedMap"})


@dataclass(frozen=True, slots=True)
class BeanChoice:
    """What an injected field holds at run time.

    ``how``: ``single`` (the only implementation in the tree), ``spring`` (several
    implementations, the Spring XML instantiates exactly one), ``named`` (several beans, the
    field's qualifier or name picks one), ``ambiguous`` (several remain: ``classes`` lists them),
    ``none`` (no implementation in the tree), ``external`` (a type outside the tree), ``list``
    (a collection of adapters: every live implementation)."""

    classes: tuple[str, ...]
    how: str
    is_list: bool = False


class Injection:
    """Decides the bean class(es) behind injected fields (``@Inject``/``@Autowired``/``@Resource``
    fields, injected setters, and ``<property>`` wiring in the XML), from the implementations
    in the tree and the Spring bean definitions."""

    def __init__(self, index, spring: SpringContext, main: frozenset[str] | None = None) -> None:
        self.index = index
        self.spring = spring
        self.main = main if main is not None else frozenset(index.types)
        self._choice_memo: dict[str, BeanChoice] = {}
        self._field_memo: dict[tuple[str, str], BeanChoice | None] = {}
        self._setter_memo: dict[str, frozenset[str]] = {}
        self._xml_props: dict[str, dict[str, SpringProperty]] | None = None

    # which fields are injected
    def _setter_fields(self, owner: str) -> frozenset[str]:
        memo = self._setter_memo.get(owner)
        if memo is None:
            names = set()
            facts = self.index.types.get(owner)
            for m in facts.methods if facts is not None else ():
                if (len(m.params) == 1 and m.name.startswith("set") and len(m.name) > 3
                        and any(a.simple in INJECT_ANNOTATIONS for a in m.annotations)):
                    base = m.name[3:]
                    names.add(base[0].lower() + base[1:])
            memo = frozenset(names)
            self._setter_memo[owner] = memo
        return memo

    def _xml_property(self, owner: str, f) -> SpringProperty | None:
        if self._xml_props is None:
            props: dict[str, dict[str, SpringProperty]] = {}
            raw_by_id = {b.id: b for b in self.spring.beans if b.id}
            for bean in self.spring.beans:
                cls = bean.class_name or _inherited_class(bean, raw_by_id)
                if cls and bean.properties:
                    table = props.setdefault(cls, {})
                    for p in bean.properties:
                        table.setdefault(p.name, p)
            self._xml_props = props
        if not self._xml_props:
            return None
        name = f.name.lstrip("_")
        for cls in (owner, *self.index.subtypes(owner)):
            table = self._xml_props.get(cls)
            if table is not None:
                prop = table.get(name) or table.get(f.name)
                if prop is not None and (prop.ref or prop.refs or (prop.value or "").startswith("#{")):
                    return prop
        return None

    def is_injected(self, owner: str, f) -> bool:
        if "static" in f.modifiers:
            return False
        if any(a.simple in INJECT_ANNOTATIONS for a in f.annotations):
            return True
        name = f.name.lstrip("_")
        if name in self._setter_fields(owner):
            return True
        return self._xml_property(owner, f) is not None

    def field_beans(self, owner: str, f) -> BeanChoice | None:
        """The bean choice for an injected field, or ``None`` when the field is not injected."""
        key = (owner, f.name)
        if key in self._field_memo:
            return self._field_memo[key]
        choice = None
        if self.is_injected(owner, f):
            choice = self._decide(owner, f)
        self._field_memo[key] = choice
        return choice

    def _decide(self, owner: str, f) -> BeanChoice:
        ref = f.type
        element = None
        if ref.dims == 1:
            element = TypeRefLike(ref.name)
        elif ref.simple in _LIST_TYPES and ref.args:
            element = ref.args[0]
        elif ref.simple in _MAP_TYPES and len(ref.args) == 2:
            element = ref.args[1]
        prop = self._xml_property(owner, f)
        if prop is not None and (prop.ref or prop.refs):
            classes = []
            for bean_id in ((prop.ref,) if prop.ref else prop.refs):
                bean = self.spring.bean(bean_id)
                cls = bean.class_name if bean is not None else None
                if cls:
                    classes.append(cls)
            if classes:
                return BeanChoice(tuple(classes), "spring" if element is None else "list", element is not None)
        if element is not None:
            fqn = self.index.resolve_type(element.name, owner)
            if fqn is None or fqn not in self.index.types:
                return BeanChoice((), "external", True)
            base = self.candidates(fqn)
            return BeanChoice(base.classes, "list", True)
        fqn = self.index.resolve_type(ref.name, owner)
        if fqn is None or fqn not in self.index.types:
            return BeanChoice((), "external")
        choice = self.candidates(fqn)
        if choice.how == "ambiguous":
            wanted = _qualifier(f) or f.name.lstrip("_")
            for cls in choice.classes:
                ids = {b.id for b in self.spring.beans_of_class(cls)} | {
                    a for b in self.spring.beans_of_class(cls) for a in b.aliases}
                if wanted in ids:
                    return BeanChoice((cls,), "named")
        return choice

    def candidates(self, fqn: str) -> BeanChoice:
        """Live classes for an injection point of type ``fqn``."""
        memo = self._choice_memo.get(fqn)
        if memo is not None:
            return memo
        index = self.index
        classes = [s for s in index.implementations(fqn, include_anonymous=False) if s in self.main]
        if index.is_concrete(fqn) and fqn in self.main:
            classes.insert(0, fqn)
        if not classes:
            choice = BeanChoice((), "none")
        elif len(classes) == 1:
            choice = BeanChoice(tuple(classes), "single")
        else:
            beans = [c for c in classes if self.spring.declares(c)]
            if len(beans) == 1:
                choice = BeanChoice(tuple(beans), "spring")
            elif beans:
                choice = BeanChoice(tuple(beans), "ambiguous")
            else:
                annotated = [c for c in classes
                             if any(a.simple in COMPONENT_ANNOTATIONS for a in index.types[c].annotations)]
                if len(annotated) == 1:
                    choice = BeanChoice(tuple(annotated), "spring")
                else:
                    choice = BeanChoice(tuple(annotated or classes), "ambiguous")
        self._choice_memo[fqn] = choice
        return choice


@dataclass(frozen=True, slots=True)
class TypeRefLike:
    name: str


def _qualifier(f) -> str | None:
    for ann in f.annotations:
        if ann.simple in ("Qualifier", "Named", "Resource"):
            value = ann.get("value") or ann.get("name")
            if value is not None and value.kind == "str":
                return value.text
    return None
