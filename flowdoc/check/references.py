"""Doc references: the hand-written pages name only APIs, parameters and methods that exist.

What a page reference is (everything inside ``<!-- flowdoc-check: off -->`` ...
``<!-- flowdoc-check: on -->`` is skipped):

- **API names**: an inline code span holding one camelCase identifier (``listZones``, not
  ``listZones()``, ``a.b`` or ``some words``) that is an API name of the model, or that
  starts with an API verb followed by a capital letter (``list``, ``create``, ``update``,
  ``delete``, ``deploy``, ... and every verb that starts at least three API names of the
  model, except ``get``/``set``/``is``/``has``, which Java getters share). Plain words are
  never checked.
- **URLs**: every ``command=NAME`` anywhere on a page (code blocks included) must be an
  API (an all-capitals value is a placeholder and is skipped); every other key of the same query string must be a parameter of that API
  (``key[0].name`` counts as ``key``; signing and paging keys such as ``apikey``,
  ``signature``, ``response``, ``sessionkey`` are always allowed).
- **Methods**: ``Class#method`` or ``pkg.Class#method`` must name a type of the tree (by
  FQN or by its simple or nested name) with a method of that name in it or its supertypes;
  ``java.``/``javax.``/``jakarta.`` classes are not checked, nor placeholder names such as
  ``pkg.Class#method`` or ``Foo#bar`` when the tree has no such type.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from flowdoc.model.problems import InputError
from flowdoc.read.docpages import page_checked

# Verbs most CloudStack API names start with; a verb that starts at least
# DERIVED_VERB_MIN API names of the model counts too (``quota``, ``ldap``, ...).
API_VERBS = frozenset("""
    list create update delete deploy destroy add remove start stop reboot restart migrate attach
    detach enable disable register unregister assign associate disassociate upload extract prepare
    cancel reset recover restore scale change configure revoke authorize archive expunge dedicate
    release unmanage import
""".split())
DERIVED_VERB_MIN = 3
NOT_API_VERBS = frozenset({"get", "set", "is", "has", "to", "find", "do", "on", "as"})
# Class names used as placeholders in syntax examples; skipped only when no such type exists.
PLACEHOLDER_CLASSES = frozenset({"Class", "ClassName", "Type", "Foo", "Bar", "Baz", "MyClass", "SomeClass", "Example",
                                 "X", "Y"})
URL_STANDARD_KEYS = frozenset({"command", "apikey", "signature", "response", "sessionkey", "expires",
                               "signatureversion", "_", "jsonp", "callback"})

_OFF = re.compile(r"<!--\s*flowdoc-check:\s*off\s*-->")
_ON = re.compile(r"<!--\s*flowdoc-check:\s*on\s*-->")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_API_LIKE = re.compile(r"^([a-z]+)([A-Z][A-Za-z0-9]*)+$")
_URL_TOKEN = re.compile(r"[^\s`'\"<>()\[\]{}|]*command=[^\s`'\"<>()|]*")
_METHOD_REF = re.compile(r"(?<![\w.#/])((?:[a-z_][a-z0-9_]*\.)*[A-Z][A-Za-z0-9_$]*(?:\.[A-Z][A-Za-z0-9_$]*)*)"
                         r"#([a-z_$][A-Za-z0-9_$]*)")


@dataclass(frozen=True)
class Reference:
    page: str
    line: int
    kind: str  # api | param | method
    name: str
    api: str | None = None  # for params: the API of the URL


@dataclass(frozen=True)
class Dangling:
    ref: Reference
    closest: str | None
    reason: str

    def __str__(self) -> str:
        hint = f" (closest: {self.closest})" if self.closest else ""
        return f"{self.ref.page}:{self.ref.line}: {self.reason}{hint}"

    def as_dict(self) -> dict:
        return {"page": self.ref.page, "line": self.ref.line, "kind": self.ref.kind, "name": self.ref.name,
                "api": self.ref.api, "reason": self.reason, "closest": self.closest}


def api_verbs(api_names) -> frozenset[str]:
    """The static verbs plus every lower-case prefix that starts DERIVED_VERB_MIN API names."""
    counts: dict[str, int] = {}
    for name in api_names:
        m = re.match(r"[a-z]+(?=[A-Z])", name)
        if m:
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    derived = {verb for verb, n in counts.items() if n >= DERIVED_VERB_MIN}
    return frozenset((API_VERBS | derived) - NOT_API_VERBS)


def find_references(page: str, text: str, api_names: set[str], verbs: frozenset[str]) -> list[Reference]:
    """Every API, URL parameter and ``Class#method`` reference of one page (see the module doc)."""
    refs: list[Reference] = []
    off = fenced = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if _OFF.search(line):
            off = True
        if _ON.search(line):
            off = False
            continue
        if off:
            continue
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            for span in _CODE_SPAN.finditer(line):
                word = span.group(2).strip()
                m = _API_LIKE.match(word)
                if m and (word in api_names or m.group(1) in verbs):
                    refs.append(Reference(page, lineno, "api", word))
        for token in _URL_TOKEN.finditer(line):
            refs.extend(_url_refs(page, lineno, token.group(0)))
        for m in _METHOD_REF.finditer(line):
            cls = m.group(1)
            if cls.startswith(("java.", "javax.", "jakarta.")):
                continue
            refs.append(Reference(page, lineno, "method", f"{cls}#{m.group(2)}"))
    return refs


def _url_refs(page: str, lineno: int, token: str) -> list[Reference]:
    query = token.split("?", 1)[1] if "?" in token else token
    pairs = [p for p in re.split(r"&amp;|&", query) if "=" in p]
    keys = [p.split("=", 1)[0] for p in pairs]
    command = next((p.split("=", 1)[1] for p in pairs if p.split("=", 1)[0] == "command"), None)
    if not command:
        return []
    command = re.match(r"[A-Za-z0-9_]*", command).group(0)
    if not command or command.upper() == command:
        return []  # empty, or a placeholder such as command=NAME
    refs = [Reference(page, lineno, "api", command)]
    for key in keys:
        base = re.split(r"[\[.]", key, maxsplit=1)[0]
        if base and base.lower() not in URL_STANDARD_KEYS:
            refs.append(Reference(page, lineno, "param", base, api=command))
    return refs


def _closest(name: str, candidates, cutoff: float = 0.6) -> str | None:
    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=cutoff)
    return found[0] if found else None


class MethodResolver:
    """``Class#method`` against the symbol index."""

    def __init__(self, index) -> None:
        self.index = index
        self.by_suffix: dict[str, list[str]] = {}
        for fqn, facts in index.types.items():
            if getattr(facts, "anonymous", False):
                continue
            parts = fqn.split(".")
            for i in range(len(parts)):
                self.by_suffix.setdefault(".".join(parts[i:]), []).append(fqn)

    def check(self, ref: Reference) -> Dangling | None:
        cls, method = ref.name.split("#", 1)
        types = self.by_suffix.get(cls, [])
        if not types:
            simple = cls.rsplit(".", 1)[-1]
            if simple in PLACEHOLDER_CLASSES:
                return None  # a syntax example such as pkg.Class#method, not a citation
            return Dangling(ref, _closest(simple, {k for k in self.by_suffix if "." not in k}),
                            f"class {cls} (in {ref.name}) not found")
        for fqn in types:
            if self.index.find_methods(fqn, method):
                return None
        names = set()
        for fqn in types:
            for owner in (fqn, *self.index.supertypes(fqn)):
                facts = self.index.types.get(owner)
                if facts is not None:
                    names.update(m.name for m in facts.methods if not m.name.startswith("<"))
        closest = _closest(method, names)
        return Dangling(ref, f"{cls}#{closest}" if closest else None, f"method {ref.name} not found")


def verify_pages(docs: Path, model: dict, index_fn, tree_kind: str = "other") -> tuple[list[Dangling], int, int]:
    """(dangling references, pages read, references checked); ``index_fn()`` gives the symbol
    index and is only called when a page cites a method. A page written about another kind of
    tree than ``tree_kind`` (its front matter, :mod:`flowdoc.read.docpages`) is not read."""
    commands = {c["name"]: c for c in model.get("commands") or ()}
    names = set(commands)
    verbs = api_verbs(names)
    params = {n: {p["name"].lower(): p["name"] for p in c.get("params") or ()} for n, c in commands.items()}
    pages = sorted(p for p in docs.rglob("*.md") if p.is_file())
    dangling: list[Dangling] = []
    resolver: MethodResolver | None = None
    checked = read = 0
    for page in pages:
        rel = page.as_posix()
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{rel}: cannot read: {exc}") from None
        if not page_checked(text, tree_kind):
            continue
        read += 1
        for ref in find_references(rel, text, names, verbs):
            checked += 1
            if ref.kind == "api":
                if ref.name not in names:
                    dangling.append(Dangling(ref, _closest(ref.name, names), f"API {ref.name} does not exist"))
            elif ref.kind == "param":
                known = params.get(ref.api or "")
                if known is None:
                    continue  # the API itself is reported
                if ref.name.lower() not in known:
                    dangling.append(Dangling(ref, _closest(ref.name.lower(), known.values()),
                                             f"API {ref.api} has no parameter {ref.name}"))
            elif ref.kind == "method":
                if resolver is None:
                    resolver = MethodResolver(index_fn())
                problem = resolver.check(ref)
                if problem:
                    dangling.append(problem)
    return dangling, read, checked
