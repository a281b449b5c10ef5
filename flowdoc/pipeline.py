"""The pipeline, wired once: ``Project(source, options)`` computes each stage lazily, once.

    scan -> index (symbols) -> spring -> model (API) -> graph (calls) -> flows -> site data

Every stage is a plain function of the stages before it (``flowdoc.read``, ``flowdoc.analyze``,
``flowdoc.site``); this module only calls them in order and keeps what they return. With a
cache folder, the facts, the API contract (the normalised model dict that ``snapshot``,
``diff`` and ``check`` compare) and the call graph come from the artifact store
(:mod:`flowdoc.store`) when the source and flowdoc's code are unchanged, so a warm ``diff``
scans nothing and a warm ``flow`` resolves no call.

A source is a tree, a snapshot file (it has a contract and nothing else) or ``git:REPO@REF``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from flowdoc.model import contract
from flowdoc.model.facts import UnusableBody
from flowdoc.model.problems import InputError, Problem
from flowdoc.read.scan import ProgressCallback, ScanResult
from flowdoc.read.sources import GIT, SNAPSHOT, Source, resolve_source
from flowdoc.store.artifacts import ArtifactStore, paused_collector
from flowdoc.store.cache import FactsCache
from flowdoc.store.fingerprint import code_fingerprint, fingerprint

SITE_DEPTH = 5  # how deep the site's flows follow calls below create()/execute() (build_flow's default)

# A factory of scan progress callbacks: ``with progress(label) as update: ...`` (update may be None).
ProgressFactory = Callable[[str], AbstractContextManager[ProgressCallback | None]]


@dataclass(frozen=True)
class Options:
    """How a Project runs its stages.

    ``cache_dir`` None: nothing is read from or written to a cache. ``use_model_cache`` False:
    the contract is rebuilt from the (cached) facts even when a stored one matches."""

    cache_dir: Path | None = None
    jobs: int | None = None
    excludes: tuple[str, ...] = ()
    use_model_cache: bool = True
    progress: ProgressFactory | None = None


@contextmanager
def _no_progress(_label: str) -> Iterator[None]:
    yield None


@lru_cache(maxsize=1)
def _model_code() -> str:
    """What a contract is made by: the API model builder, the sources and their scan, the
    normaliser, the response field locator (and what each of them imports)."""
    return code_fingerprint("flowdoc.analyze.api", "flowdoc.analyze.response_fields", "flowdoc.read.sources",
                            "flowdoc.model.contract")


@lru_cache(maxsize=1)
def _graph_code() -> str:
    import networkx as nx

    return fingerprint(code_fingerprint("flowdoc.analyze.callgraph", "flowdoc.read.spring"), f"networkx {nx.__version__}")


class Project:
    """One source and its stages, each computed on first use and kept (see the module docstring).

    ``Project(source, Options(...))`` or ``Project(source, cache_dir=..., jobs=..., excludes=...)``;
    ``root_label`` is what the contract's ``source.root`` says (default: the source as given)."""

    def __init__(self, source: str | Path, options: Options | None = None, *, root_label: str | None = None,
                 **option_values: Any) -> None:
        if options is None:
            option_values["excludes"] = tuple(option_values.get("excludes") or ())
            options = Options(**option_values)
        elif option_values:
            raise TypeError("give Options or option keywords, not both")
        self.options = options
        self.source: Source = resolve_source(source)
        self.root_label = root_label if root_label is not None else str(source)
        self.seconds: dict[str, float] = {}  # stage -> seconds it took here
        self._flows: dict | None = None  # every API's flow at the site's depth, once built
        self._flow_problems: list[Problem] = []
        store = ArtifactStore(options.cache_dir) if options.cache_dir is not None else None
        self.store = store
        self.facts_cache = FactsCache(options.cache_dir, store) if store is not None else None

    @classmethod
    def from_scan(cls, scan: ScanResult, options: Options | None = None) -> Project:
        """A Project over facts scanned already (tests, benchmarks)."""
        project = cls(scan.root, options)
        project.__dict__["scan"] = scan
        return project

    @property
    def kind(self) -> str:
        return self.source.kind

    def _timed(self, stage: str, fn: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        value = fn()
        self.seconds[stage] = time.perf_counter() - started
        return value

    # ---------------------------------------------------------------- stages

    @cached_property
    def scan(self) -> ScanResult:
        """Facts of every ``.java`` file (from the facts cache where unchanged)."""
        progress = self.options.progress or _no_progress
        with progress(self.source.spec) as update:
            return self._timed("scan", lambda: self.source.scan(self.options.excludes, self.options.jobs,
                                                                self.facts_cache, update))

    @cached_property
    def index(self):
        """The SymbolIndex: every type by FQN, supertypes, constants."""
        from flowdoc.analyze.symbols import build_symbol_index

        scan = self.scan
        return self._timed("symbols", lambda: build_symbol_index(scan))

    @cached_property
    def spring(self):
        """Every bean of the tree's Spring XML files."""
        from flowdoc.read.spring import SpringContext, load_spring_context

        scan = self.scan
        return load_spring_context(scan.root, scan.excluded) if scan.root else SpringContext()

    @cached_property
    def model(self):
        """The ApiModel (command objects; :attr:`contract` is its normalised dict)."""
        from flowdoc.analyze.api import build_api_model

        def build():
            scan, index = self.scan, self.index  # from facts alone, for a tree or a git commit
            return self._timed("api", lambda: build_api_model(scan, index))

        return self._rescanned_on_unusable_body(build)

    @cached_property
    def graph(self):
        """The CallGraph, from the store when built before for the same facts and code."""
        def build():
            with paused_collector():  # as the graph build does: the lookups are ~100,000 small objects
                return self._stored_or_built_graph(self.scan, self.index)

        return self._rescanned_on_unusable_body(build)

    def _rescanned_on_unusable_body(self, compute: Callable[[], Any]) -> Any:
        """``compute()``; when it meets a method body of a cached facts entry that cannot be
        used (:class:`UnusableBody`, found only when read), discard every such entry (one
        warning), rescan, and compute again from facts that are all freshly parsed or sound."""
        try:
            return compute()
        except UnusableBody:
            if self.store is None or "scan" not in self.__dict__:
                raise
        for facts in self.scan.files:
            reason = _unusable_body(facts)
            if reason is not None:
                self.store.discard("facts", self.facts_cache.code, facts.sha, reason=f"a method body: {reason}")
        for stage in ("scan", "index", "model", "graph"):
            self.__dict__.pop(stage, None)
        self.store.hits["facts"] = 0  # the rescan counts its own hits
        self._flows, self._flow_problems = None, []
        return compute()

    def _stored_or_built_graph(self, scan, index):
        from flowdoc.analyze.callgraph import CallGraphStats, assemble_call_graph, build_call_graph

        started = time.perf_counter()  # the Spring XML is part of the graph's time, as it always was
        spring = self.spring
        content = fingerprint(sorted((f.path, f.sha) for f in scan.files), (spring.beans, spring.files, spring.problems))
        if self.store is not None:
            import networkx as nx

            stored = self.store.load("graph", _graph_code(), content, expect=tuple)
            if (stored is not None and len(stored) == 2 and isinstance(stored[0], nx.MultiDiGraph)
                    and isinstance(stored[1], CallGraphStats)):
                graph = assemble_call_graph(scan, index, spring, stored[0], stored[1])
                self.seconds["callgraph"] = time.perf_counter() - started
                return graph
            if stored is not None:
                self.store.discard("graph", _graph_code(), content)
        graph = build_call_graph(scan, index, spring)
        if self.store is not None:
            self.store.save("graph", _graph_code(), content, (graph.graph, graph.stats))
        self.seconds["callgraph"] = time.perf_counter() - started
        return graph

    def flow(self, api_name: str, depth: int = SITE_DEPTH, rules=None):
        """The Flow of one API; KeyError for a name that is not an API."""
        from flowdoc.analyze.flows import build_flow

        command = self.model.command(api_name)
        if command is None:
            raise KeyError(api_name)
        if depth == SITE_DEPTH and rules is None and self._flows is not None and api_name in self._flows:
            return self._flows[api_name]
        return self._rescanned_on_unusable_body(
            lambda: build_flow(self.model.command(api_name), self.graph, self.index, depth=depth, rules=rules))

    def flows(self) -> dict:
        """Every API's Flow at the site's depth (an API whose flow fails is left out and its
        error kept in :attr:`flow_problems`: one flow must not sink the others)."""
        if self._flows is None:
            self._rescanned_on_unusable_body(self._build_flows)
        return self._flows

    def _build_flows(self) -> None:
        from flowdoc.analyze.flows import build_flow

        if self._flows is None:
            model, graph, index = self.model, self.graph, self.index
            started = time.perf_counter()
            found = {}
            for command in model.commands:
                try:
                    found[command.name] = build_flow(command, graph, index, depth=SITE_DEPTH)
                except UnusableBody:
                    raise  # not this flow's failure: the facts are rescanned
                except Exception as exc:
                    self._flow_problems.append(Problem(command.file, command.line, "flow-error",
                                                       f"{command.name}: {type(exc).__name__}: {exc}"))
            self._flows = found
            self.seconds["flows"] = time.perf_counter() - started

    @property
    def flow_problems(self) -> list[Problem]:
        return list(self._flow_problems)

    # ---------------------------------------------------------------- the site

    def collect_site(self, scan: ScanResult | None = None, source_url: str | None = None,
                     progress: Callable[[str], None] | None = None,
                     timings: dict[str, float] | None = None) -> tuple[Any, list[Problem]]:
        """(SiteData, problems) for ``flowdoc.site.build.build_site``'s ``collect`` hook."""
        from flowdoc.site.collect import collect_site_data

        say = progress or (lambda _m: None)
        for stage, message, compute in (("symbols", "symbols", lambda: self.index),
                                        ("api", "API model", lambda: self.model),
                                        ("callgraph", "call graph", lambda: self.graph),
                                        ("flows", "flows", self.flows)):
            say(message)
            compute()
            if timings is not None and stage in self.seconds:
                timings[stage] = self.seconds[stage]
        data, problems = collect_site_data(self.scan, self.model, self.flows(), source_url, timings=timings,
                                           reference=self.reference_data())
        return data, [*problems, *self._flow_problems]  # the model's problems come first

    def reference_data(self) -> dict:
        """Settings, tables and concepts with the APIs whose site-depth flows touch them."""
        from flowdoc.analyze.flows import flow_builder
        from flowdoc.analyze.touches.reference import reference_data

        return self._rescanned_on_unusable_body(
            lambda: reference_data(flow_builder(self.graph, self.index).touches(), self.flows()))

    def site_data(self, source_url: str | None = None):
        """The SiteData the generated pages are rendered from."""
        return self.collect_site(source_url=source_url)[0]

    # ---------------------------------------------------------------- the contract

    @cached_property
    def _contract_and_fields(self) -> tuple[dict, dict]:
        if self.kind == SNAPSHOT:

            return contract.load_snapshot(self.source.path, self.source.spec), {}
        if self.kind != GIT:
            self.source.check_tree()
        key = None
        if self.store is not None:
            version, pairs = self.source.content(self.options.excludes, self.facts_cache)
            self.__dict__["version"] = version
            key = fingerprint(self.kind, version, sorted(self.options.excludes), pairs)
            if self.options.use_model_cache:
                stored = self.store.load("model", _model_code(), key, expect=tuple)
                if (stored is not None and len(stored) == 2 and isinstance(stored[0], dict)
                        and isinstance(stored[0].get("commands"), list) and isinstance(stored[1], dict)):
                    return stored
        from flowdoc.analyze.response_fields import response_field_locations

        model, fields = self._rescanned_on_unusable_body(lambda: self._built_contract(response_field_locations))
        if self.store is not None:
            self.store.save("model", _model_code(), key, (model, fields))
        return model, fields

    def _built_contract(self, response_field_locations) -> tuple[dict, dict]:
        model = contract.normalize(self.model.as_dict(), copy=False)
        return model, response_field_locations(model, self.index)

    @cached_property
    def contract(self) -> dict:
        """The normalised ``flowdoc.api/1`` dict, ``source.root`` set to :attr:`root_label` for
        live sources (a snapshot says what it says)."""
        model = self._contract_and_fields[0]
        if self.kind != SNAPSHOT:
            model["source"] = {**(model.get("source") or {}), "root": self.root_label}
        return model

    @cached_property
    def version(self) -> str | None:
        """The project version of the source (root pom, or what a snapshot records)."""
        if self.kind == SNAPSHOT:
            return (self.contract.get("source") or {}).get("version")
        return self.source.version()

    @property
    def label(self) -> str:
        """``name (version)`` of the source, for reports."""
        return self.source.label(self.version)

    def locate_field(self, declared_in: str, name: str) -> tuple[str, int] | None:
        """Where the response field ``name`` of ``declared_in`` is declared (file, line)."""
        found = self._contract_and_fields[1].get(f"{declared_in}#{name}")
        return (found[0], found[1]) if found else None


def _unusable_body(facts) -> str | None:
    """Why one of the file's method bodies cannot be used, or None when all can."""
    for t in facts.types:
        for m in t.methods:
            try:
                m.body.get()
            except UnusableBody as exc:
                return str(exc)
    return None


__all__ = ["InputError", "Options", "Project"]
