"""Readers for the packaging files of a source tree: rpm specs, Debian control files, pom.xml repositories.

They feed the Packaging and FAQ pages. Each reader is a function over text, plus a tree walker;
nothing here builds anything.
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path

from flowdoc.read.files import read_regular_text

SKIP_DIRS = {".git", "node_modules", "target", ".flowdoc-build", "site", "__pycache__"}


@dataclass
class Package:
    name: str
    format: str  # "rpm" | "deb"
    source: str  # relative path of the spec/control file
    summary: str = ""
    description: str = ""
    depends: list[str] = field(default_factory=list)
    build_depends: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Repository:
    file: str
    line: int
    id: str
    url: str
    kind: str  # repository | pluginRepository | snapshotRepository ...

    def as_dict(self) -> dict:
        return asdict(self)


# -------------------------------------------------------------------------------- rpm spec

_MACRO = re.compile(r"%\{\??([A-Za-z_][A-Za-z0-9_]*)\}|%([A-Za-z_][A-Za-z0-9_]*)")


def _expand(text: str, macros: dict[str, str], depth: int = 0) -> str:
    def sub(m: re.Match) -> str:
        key = m.group(1) or m.group(2)
        return macros.get(key, m.group(0))

    out = _MACRO.sub(sub, text)
    return _expand(out, macros, depth + 1) if out != text and depth < 5 else out


def _split_deps(value: str) -> list[str]:
    """``a >= 1, b c, (d or e)`` -> ``["a >= 1", "b", "c", "(d or e)"]`` (rpm rich deps stay whole)."""
    tokens: list[str] = []
    depth = 0
    current = ""
    for ch in value:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and (ch == "," or ch.isspace()):
            tokens.append(current)
            tokens.append("," if ch == "," else " ")
            current = ""
        else:
            current += ch
    tokens.append(current)
    words = [t for t in tokens if t not in (" ", "")]
    deps: list[str] = []
    for word in words:
        if word == ",":
            continue
        if deps and (word[:1] in "<>=" or (deps[-1][-1:] in "<>=" and deps[-1].split()[-1] in ("<", ">", "=", "<=", ">=", "=="))):
            deps[-1] += " " + word
        else:
            deps.append(word)
    return deps


def parse_spec(text: str, source: str) -> list[Package]:
    """The packages an rpm spec builds: main package and every ``%package``."""
    macros: dict[str, str] = {}
    packages: dict[str, Package] = {}
    order: list[str] = []
    current: str | None = None
    build_depends: list[str] = []
    section = "preamble"
    desc_target: str | None = None
    desc_lines: list[str] = []

    def flush_description() -> None:
        nonlocal desc_lines, desc_target
        if desc_target and desc_target in packages:
            packages[desc_target].description = " ".join(" ".join(desc_lines).split())
        desc_lines, desc_target = [], None

    def package_name(arg: str) -> str:
        args = arg.split()
        if "-n" in args:
            i = args.index("-n")
            return _expand(args[i + 1], macros) if i + 1 < len(args) else ""
        sub = [a for a in args if not a.startswith("-")]
        base = macros.get("name", "")
        return f"{base}-{_expand(sub[0], macros)}" if sub else base

    for raw in text.splitlines():
        line = raw.rstrip()
        m = re.match(r"^%(define|global)\s+(\S+)\s+(.*)$", line)
        if m:
            macros[m.group(2)] = _expand(m.group(3).strip(), macros)
            continue
        m = re.match(r"^%(package|description|prep|build|install|files|changelog|clean|check|pre|post|preun|postun"
                     r"|posttrans|pretrans|triggerin|triggerun)\b(.*)$", line)
        if m:
            flush_description()
            keyword, arg = m.group(1), m.group(2).strip()
            if keyword == "package":
                current = package_name(arg)
                if current and current not in packages:
                    packages[current] = Package(current, "rpm", source)
                    order.append(current)
                section = "package"
            elif keyword == "description":
                desc_target = package_name(arg) if arg else macros.get("name", "")
                section = "description"
            else:
                section = keyword
            continue
        if section == "description":
            if not line.lstrip().startswith("%"):
                desc_lines.append(line)
            continue
        if section not in ("preamble", "package"):
            continue
        m = re.match(r"^([A-Za-z][A-Za-z0-9()]*):\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1).lower(), _expand(m.group(2).strip(), macros)
        if section == "preamble" and key == "name":
            macros["name"] = value
            current = value
            if value not in packages:
                packages[value] = Package(value, "rpm", source)
                order.insert(0, value)
        elif key == "version" and section == "preamble":
            macros["version"] = value
        elif key == "summary" and current in packages:
            packages[current].summary = value
        elif key.startswith("requires") and current in packages:
            packages[current].depends.extend(_split_deps(value))
        elif key == "buildrequires":
            build_depends.extend(_split_deps(value))
    flush_description()
    for name in order:
        packages[name].build_depends = list(build_depends)
    return [packages[n] for n in order]


# -------------------------------------------------------------------------------- debian/control


def _control_paragraphs(text: str) -> list[dict[str, str]]:
    paragraphs: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key: str | None = None
    for raw in text.splitlines():
        if raw.startswith("#"):
            continue
        if not raw.strip():
            if current:
                paragraphs.append(current)
            current, key = {}, None
            continue
        if raw[0] in " \t" and key:
            current[key] += "\n" + raw.strip()
            continue
        m = re.match(r"^([A-Za-z0-9-]+):\s*(.*)$", raw)
        if m:
            key = m.group(1).lower()
            current[key] = m.group(2).strip()
    if current:
        paragraphs.append(current)
    return paragraphs


def _deb_deps(value: str) -> list[str]:
    return [" ".join(p.split()) for p in value.replace("\n", " ").split(",") if p.strip()]


def parse_control(text: str, source: str) -> list[Package]:
    """Binary packages of a Debian control file with their dependencies."""
    paragraphs = _control_paragraphs(text)
    build: list[str] = []
    packages = []
    for para in paragraphs:
        if "source" in para and "package" not in para:
            build = _deb_deps(para.get("build-depends", ""))
            continue
        if "package" not in para:
            continue
        desc = para.get("description", "")
        summary, _, rest = desc.partition("\n")
        rest = " ".join(line for line in rest.splitlines() if line != ".")
        packages.append(Package(para["package"], "deb", source, summary.strip(), " ".join(rest.split()),
                                _deb_deps(para.get("depends", "")) + _deb_deps(para.get("pre-depends", "")),
                                list(build)))
    return packages


# -------------------------------------------------------------------------------- walking the tree


def _walk(root: Path, want) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        rel_dir = os.path.relpath(dirpath, root)
        for name in sorted(filenames):
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            if want(rel, name) and _is_regular(os.path.join(dirpath, name)):
                found.append(rel)
    return sorted(found)


def _is_regular(path: str) -> bool:
    """Only regular files are listed: the site build hashes every listed file, and a pipe
    named pom.xml would block it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _read(path: Path) -> str:
    """The text of a packaging file; "" for a pipe, device or unreadable file (never blocks)."""
    try:
        return read_regular_text(path)
    except OSError:
        return ""


def packaging_files(root: Path) -> list[str]:
    """rpm specs under ``packaging/`` and Debian control files (``debian/control``)."""
    root = Path(root)

    def want(rel: str, name: str) -> bool:
        return (name.endswith(".spec") and rel.startswith("packaging/")) or rel.endswith("debian/control")

    files = []
    if (root / "packaging").is_dir():
        files += [f"packaging/{r}" for r in _walk(root / "packaging", lambda r, n: n.endswith(".spec"))]
    if (root / "debian" / "control").is_file():
        files.append("debian/control")
    return sorted(set(files))


def read_packages(root: Path) -> list[Package]:
    root = Path(root)
    packages: list[Package] = []
    for rel in packaging_files(root):
        text = _read(root / rel)
        packages += parse_control(text, rel) if rel.endswith("control") else parse_spec(text, rel)
    return packages


_REPO_TAGS = ("repository", "pluginRepository", "snapshotRepository")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_pom_repositories(text: str, source: str) -> list[Repository]:
    """Repositories with a plain ``http://`` URL declared in one pom.xml."""
    found: list[Repository] = []
    try:
        tree = ET.fromstring(text)
    except ET.ParseError:
        return found
    for elem in tree.iter():
        kind = _local(elem.tag)
        if kind not in _REPO_TAGS:
            continue
        values = {_local(child.tag): (child.text or "").strip() for child in elem}
        url = values.get("url", "")
        if not url.lower().startswith("http://"):
            continue
        found.append(Repository(source, _line_of(text, url), values.get("id", ""), url, kind))
    return found


def _line_of(text: str, needle: str) -> int:
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else 0


def http_repositories(root: Path) -> list[Repository]:
    root = Path(root)
    repos: list[Repository] = []
    for rel in _walk(root, lambda r, n: n == "pom.xml"):
        text = _read(root / rel)
        if "http://" in text:
            repos += parse_pom_repositories(text, rel)
    return repos


def packaging_inputs(root: Path) -> list[str]:
    """Relative paths of every file these readers look at (for the build's change detection)."""
    root = Path(root)
    return packaging_files(root) + _walk(root, lambda r, n: n == "pom.xml")


def _root_pom(root: Path) -> dict[str, str]:
    """The root ``pom.xml``'s top-level elements and ``<properties>`` (``properties.X``), as text."""
    try:  # read_regular: a pom.xml that is a pipe must not hang the run
        top = ET.fromstring(read_regular_text(Path(root) / "pom.xml"))
    except (OSError, ET.ParseError):
        return {}
    found = {_local(child.tag): (child.text or "").strip() for child in top}
    for child in top:
        if _local(child.tag) == "properties":
            found.update({f"properties.{_local(p.tag)}": (p.text or "").strip() for p in child})
    return found


def project_name(root: Path) -> str | None:
    """The ``<name>`` of the root ``pom.xml`` (else its ``<artifactId>``), e.g. "Apache CloudStack"."""
    found = _root_pom(root)
    return found.get("name") or found.get("artifactId") or None


def enclosing_cloudstack_tree(start: Path) -> Path | None:
    """The CloudStack tree ``start`` is in: the outermost folder from ``start`` up whose
    ``pom.xml`` is a CloudStack root pom (a module's pom inherits its group, so it does not
    count; the outermost one wins over a module that names the group itself)."""
    found = None
    for folder in (start, *start.parents):
        if (folder / "pom.xml").is_file() and tree_kind(folder) == "cloudstack":
            found = folder
    return found


def tree_kind(root: Path) -> str:
    """What kind of tree this is, for pages written about one: the root pom's ``flowdoc.tree``
    property when it sets one (the bundled sample says ``sample``), else ``cloudstack`` for
    Apache CloudStack and its forks (group ``org.apache.cloudstack``), else ``other``."""
    found = _root_pom(root)
    declared = found.get("properties.flowdoc.tree")
    if declared:
        return declared.lower()
    return "cloudstack" if found.get("groupId") == "org.apache.cloudstack" else "other"
