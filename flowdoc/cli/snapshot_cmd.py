"""``flowdoc snapshot``: write the API model JSON, stably sorted, to commit next to the docs.

Also home of what ``diff`` and ``check`` share: turning a source spec (a tree, a snapshot
file or ``git:REPO@REF``) into a model dict, with a model cache keyed by the content of
every ``.java`` file and by flowdoc's own code, so a rerun on an unchanged tree skips the
scan and the model build.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flowdoc.check import drift
from flowdoc.cli.common import console, emit, load_scan, source_root
from flowdoc.model.problems import InputError, terminal_safe
from flowdoc.read import gitsource
from flowdoc.read.scan import ScanResult, find_java_files, known_hash, read_source_version, scan_tree
from flowdoc.store.cache import FactsCache, atomic_write_bytes, default_cache_dir

MODEL_CACHE_FORMAT = 2
MODEL_CACHE_KEEP = 12


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("snapshot", help="write the API model JSON (stably sorted) to commit next to the docs",
                            description="Write the API model of a source tree as stably sorted JSON "
                                        "(schema flowdoc.api/1), meant to be committed and checked with "
                                        "'flowdoc check'.")
    from flowdoc.cli.common import add_source_options

    add_source_options(parser)
    parser.add_argument("-o", "--output", type=Path, default=None, help="write here (atomically) instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = source_root(args)
    side = load_side(str(root), args, need_index=False, root_label=_display_root(args))
    write_output(drift.dumps_snapshot(side.model), args.output)
    if args.output is not None:
        console.print(f"wrote {args.output}: {len(side.model['commands'])} APIs ({side.label})")
    return 0


def write_output(text: str, output: Path | None) -> None:
    """``emit`` (atomic -o writes), except that an existing non-regular target such as
    ``/dev/null`` or a pipe is written in place: an atomic rename would replace the device."""
    if output is not None and output.exists() and not output.is_file():
        with open(output, "w", encoding="utf-8") as handle:
            text = terminal_safe(text)
            handle.write(text if text.endswith("\n") else text + "\n")
        return
    emit(text, output)


def _display_root(args: argparse.Namespace) -> str:
    """The source as the user gave it (relative stays relative, so snapshots are portable)."""
    return str(args.source) if args.source is not None else "<bundled sample>"


# ---------------------------------------------------------------------------------------
# Sources: tree | snapshot file | git:REPO@REF  ->  model dict


@dataclass
class Side:
    """One side of a comparison: the model dict and, for live sources, the scan."""

    spec: str
    kind: str  # tree | snapshot | git
    model: dict
    label: str
    scan: ScanResult | None = None
    index: object | None = None  # SymbolIndex, built on demand
    field_locations: dict | None = None  # "declaring class#field name" -> [file, line]

    def locate_field(self, declared_in: str, name: str) -> tuple[str, int] | None:
        found = (self.field_locations or {}).get(f"{declared_in}#{name}")
        return (found[0], found[1]) if found else None


def _cache(args: argparse.Namespace) -> FactsCache | None:
    if getattr(args, "no_cache", False):
        return None
    return FactsCache(getattr(args, "cache_dir", None) or default_cache_dir())


def load_side(spec: str, args: argparse.Namespace, *, need_index: bool = False,
              root_label: str | None = None) -> Side:
    """The model of ``spec``; InputError (exit 2) for a missing path, a malformed snapshot
    or an unknown git ref."""
    excludes = tuple(getattr(args, "exclude", ()) or ())
    jobs = getattr(args, "jobs", None)
    cache = _cache(args)
    if gitsource.is_git_spec(spec):
        git = gitsource.parse_git_spec(spec)
        commit, entries, java = gitsource.java_entries(git, excludes)
        if not java:
            raise InputError(f"{spec}: no .java files at {commit[:12]}")
        version = gitsource.read_version(git.repo, commit, entries)
        git_key = _model_key("git", version, java, excludes)

        def key(scan: ScanResult | None = None) -> str:
            return git_key

        def scan() -> ScanResult:
            with _progress(spec) as update:
                return gitsource.scan_git(git, excludes=excludes, jobs=jobs, cache=cache, progress=update)
        label = f"{git.ref} ({version})" if version else git.ref
        return _live_side(spec, "git", key, scan, cache, need_index or _no_model_cache(args), root_label or spec,
                          label)
    path = Path(spec)
    if not path.exists():
        raise InputError(f"{spec}: no such file or directory")
    if path.is_file():
        model = drift.load_snapshot(path, spec)
        version = (model.get("source") or {}).get("version")
        return Side(spec, "snapshot", model, f"{path.name} ({version})" if version else path.name)
    if not path.is_dir():
        raise InputError(f"{spec}: not a file or directory")
    version = read_source_version(path)

    def key(scan: ScanResult | None = None) -> str:
        # before a scan: hash the files (the stat index makes it cheap); after: the scan's hashes
        pairs = _tree_hashes(path, excludes, cache) if scan is None else [(f.path, f.sha) for f in scan.files]
        if not pairs:
            raise InputError(f"{spec}: no .java files under it")
        return _model_key("tree", version, pairs, excludes)

    def scan() -> ScanResult:
        if all(hasattr(args, a) for a in ("exclude", "jobs", "no_cache", "cache_dir")):
            return load_scan(args, path)  # with a progress bar on a terminal
        return scan_tree(path, excludes=excludes, jobs=jobs, cache=cache)
    name = path.resolve().name or str(path)
    label = f"{name} ({version})" if version else name
    return _live_side(spec, "tree", key, scan, cache, need_index or _no_model_cache(args), root_label or spec,
                      label)


@contextmanager
def _progress(label: str):
    """A progress callback drawing a bar on a terminal (stderr), else doing nothing."""
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("scanning {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def scan_for(spec: str, args: argparse.Namespace) -> ScanResult:
    """The scan of a tree or git source (for stages the model cache does not cover)."""
    excludes = tuple(getattr(args, "exclude", ()) or ())
    if gitsource.is_git_spec(spec):
        return gitsource.scan_git(spec, excludes=excludes, jobs=getattr(args, "jobs", None), cache=_cache(args))
    return load_scan(args, Path(spec))


def _no_model_cache(args) -> bool:
    return bool(getattr(args, "no_model_cache", False))


def _live_side(spec, kind, key_fn, scan_fn, cache, skip_lookup, root_label, label) -> Side:
    """The model from the cache when it is there (unless ``skip_lookup``), else built."""
    if cache is not None and not skip_lookup:
        cached = _load_cached_model(cache, key_fn())
        if cached is not None:
            model, fields = cached
            model["source"] = {**(model.get("source") or {}), "root": root_label}
            return Side(spec, kind, model, label, field_locations=fields)
    scan = scan_fn()
    from flowdoc.analyze.api import build_api_model
    from flowdoc.analyze.symbols import build_symbol_index

    index = build_symbol_index(scan)
    if kind == "git":  # the model reads a few files' text: serve them from the commit
        with gitsource.materialized(scan) as readable:
            api_model = build_api_model(readable, index)
    else:
        api_model = build_api_model(scan, index)
    model = drift.normalize(api_model.as_dict(), copy=False)
    fields = response_field_locations(model, index)
    if cache is not None:
        _store_cached_model(cache, key_fn(scan), model, fields)
    model["source"] = {**(model.get("source") or {}), "root": root_label}
    return Side(spec, kind, model, label, scan=scan, index=index, field_locations=fields)


def response_field_locations(model: dict, index) -> dict[str, list]:
    """"declaring class#name" -> [file, line] of the ``@SerializedName`` field of every
    response field of the model (the contract gives response fields no line)."""
    owners: set[str] = set()
    todo = [f for c in model.get("commands") or () for f in c.get("response_fields") or ()]
    while todo:
        f = todo.pop()
        if f.get("declared_in"):
            owners.add(f["declared_in"])
        todo.extend(f.get("fields") or ())
    out: dict[str, list] = {}
    for owner in sorted(owners):
        t = index.types.get(owner)
        path = index.file_of.get(owner)
        if t is None or path is None:
            continue
        for fld in t.fields:
            sn = next((a for a in fld.annotations if a.simple == "SerializedName"), None)
            if sn is None:
                continue
            name = index.evaluate_string(sn.get("value"), owner) or fld.name
            out.setdefault(f"{owner}#{name}", [path, fld.line])
    return out


# --- the model cache ---------------------------------------------------------------------


_CODE_HASH: str | None = None
# The modules a model's content depends on (facts -> symbols -> api -> normalised dict).
MODEL_MODULES = ("model/facts.py", "read/javaparse.py", "read/javadecl.py", "read/javawalk.py", "read/javanodes.py",
                 "read/javatokens.py", "read/scan.py", "store/cache.py",
                 "analyze/symbols.py", "analyze/api.py", "read/gitsource.py", "check/drift.py", "__init__.py")


def _code_hash() -> str:
    """A hash of the modules that build a model: a model built by other code is never reused."""
    global _CODE_HASH
    if _CODE_HASH is None:
        pkg = Path(__file__).resolve().parent.parent
        h = hashlib.sha1(usedforsecurity=False)
        for name in MODEL_MODULES:
            path = pkg / name
            h.update(name.encode() + b"\0")
            h.update(path.read_bytes() if path.exists() else b"-")
        _CODE_HASH = h.hexdigest()
    return _CODE_HASH


def _model_key(kind: str, version: str | None, pairs, excludes) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    h.update(f"{MODEL_CACHE_FORMAT}\0{_code_hash()}\0{kind}\0{version}\0{sorted(excludes)}\0".encode())
    for rel, sha in pairs:
        h.update(f"{rel}\0{sha}\n".encode())
    return h.hexdigest()


def _tree_hashes(root: Path, excludes, cache: FactsCache | None) -> list[tuple[str, str]]:
    """(path, content hash) of every .java file, from the scan's stat index where the file
    is unchanged, else by hashing it."""
    rels = find_java_files(root, excludes)
    known = cache.load_index(root) if cache is not None else {}
    pairs = []
    for rel in rels:
        try:
            sha = known_hash(root, rel, known)[1]
        except OSError:
            sha = "unreadable"
        pairs.append((rel, sha))
    return pairs


def _model_path(cache: FactsCache, key: str) -> Path:
    return cache.root / "models" / f"{key}.pkl"


def _load_cached_model(cache: FactsCache, key: str):
    path = _model_path(cache, key)
    try:
        with open(path, "rb") as handle:
            data = pickle.load(handle)
        model, fields = data
        if isinstance(model, dict) and isinstance(model.get("commands"), list) and isinstance(fields, dict):
            os.utime(path)  # recently used: kept by the pruning below
            return model, fields
    except Exception:
        return None
    return None


def _store_cached_model(cache: FactsCache, key: str, model: dict, fields: dict) -> None:
    """Store a model; keep the MODEL_CACHE_KEEP most recently used ones (about 5 MB each for
    CloudStack), so the cache does not grow with every tree state ever compared."""
    try:
        atomic_write_bytes(_model_path(cache, key), pickle.dumps((model, fields), protocol=pickle.HIGHEST_PROTOCOL))
        folder = _model_path(cache, key).parent
        entries = sorted(folder.glob("*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[MODEL_CACHE_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
