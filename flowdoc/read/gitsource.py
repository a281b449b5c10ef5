"""Read a source tree straight from a git repository at a ref, without a checkout.

``scan_git(repo, ref) -> ScanResult`` lists the commit's files with ``git ls-tree -r -z``,
reads the ``.java`` blobs it needs with one ``git cat-file --batch`` and parses them with the
scan's own ``parse_bytes``; facts go through the content-hash ``FactsCache``, and a small
blob-id -> content-hash map lets a warm run skip reading blobs at all.

Every git call is an argument list (never a shell). A repository path or ref that could be
read as an option (``--output=...``, ``-x``) or that holds control characters is refused
before git sees it, and the ref is resolved with ``--end-of-options`` as well.
"""

from __future__ import annotations

import fnmatch
import gc
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from flowdoc.model.facts import FileFacts
from flowdoc.model.problems import InputError
from flowdoc.read.files import MAX_SOURCE_BYTES, FileTooLarge
from flowdoc.read.scan import (
    SKIPPED_DIRS,
    ProgressCallback,
    ScanResult,
    odd_name,
    parse_bytes,
    parse_in_workers,
    skipped_file,
    summarize,
)
from flowdoc.store.cache import FactsCache, content_hash

GIT_PREFIX = "git:"
# A git call that takes longer than this is stuck (a lock, a network file system), not slow:
# listing and reading all of CloudStack 4.22's blobs takes about a second.
GIT_TIMEOUT = 600
_BAD_CHARS = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class GitSpec:
    """``git:REPO_PATH@REF`` split into its parts (REF defaults to HEAD)."""

    repo: str
    ref: str

    def __str__(self) -> str:
        return f"{GIT_PREFIX}{self.repo}@{self.ref}"


def is_git_spec(text: str) -> bool:
    return str(text).startswith(GIT_PREFIX)


def check_ref(ref: str) -> str:
    """Refuse refs git could read as options or that no ref name may contain."""
    if not ref:
        raise InputError("git ref is empty")
    if ref.startswith("-"):
        raise InputError(f"git ref {ref!r} looks like an option; refused")
    if _BAD_CHARS.search(ref):
        raise InputError(f"git ref {ref!r} contains spaces or control characters; refused")
    if ".." in ref:
        raise InputError(f"git ref {ref!r} is a range; give one commit")
    return ref


def check_repo_path(path: str) -> str:
    if not path:
        raise InputError("git repository path is empty")
    if path.startswith("-"):
        raise InputError(f"git repository path {path!r} looks like an option; refused")
    if "\x00" in path or "\n" in path:
        raise InputError("git repository path contains control characters; refused")
    return path


def parse_git_spec(text: str) -> GitSpec:
    """``git:REPO_PATH@REF`` -> GitSpec; the last ``@`` separates the ref."""
    if not is_git_spec(text):
        raise InputError(f"{text!r} is not a git:REPO_PATH@REF source")
    body = text[len(GIT_PREFIX):]
    repo, sep, ref = body.rpartition("@")
    if not sep:
        repo, ref = body, "HEAD"
    return GitSpec(check_repo_path(repo), check_ref(ref))


def _git(repo: str, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run ``git -C REPO ARGS...`` (an argument list, no shell); bytes in and out."""
    cmd = ["git", "-C", repo, "-c", "core.quotepath=off", *args]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"}
    # stdin is never the terminal's: git must not wait on it
    stdin = subprocess.DEVNULL if input is None else None
    try:
        return subprocess.run(cmd, input=input, stdin=stdin, capture_output=True, check=False, env=env,
                              timeout=GIT_TIMEOUT)
    except FileNotFoundError:
        raise InputError("git is not installed (needed for git: sources)") from None
    except subprocess.TimeoutExpired:
        raise InputError(f"git:{repo}: git {args[0]} did not finish in {GIT_TIMEOUT} s") from None


def resolve(spec: GitSpec) -> str:
    """The commit id ``spec.ref`` names in ``spec.repo``; InputError when there is none."""
    repo = spec.repo
    if not os.path.isdir(repo):
        raise InputError(f"git:{repo}: no such directory")
    probe = _git(repo, "rev-parse", "--git-dir")
    if probe.returncode != 0:
        raise InputError(f"git:{repo}: not a git repository")
    done = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec.ref}^{{commit}}")
    if done.returncode != 0 or not done.stdout.strip():
        raise InputError(f"{spec}: unknown git ref {spec.ref!r}")
    return done.stdout.decode().strip()


def list_tree(repo: str, commit: str) -> list[tuple[str, str, str]]:
    """(mode, blob id, path) of every file in the commit, sorted by path."""
    done = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit)
    if done.returncode != 0:
        raise InputError(f"git:{repo}@{commit}: ls-tree failed: {done.stderr.decode(errors='replace').strip()}")
    entries = []
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == "blob":
            entries.append((mode, sha, path.decode("utf-8", errors="surrogateescape")))
    entries.sort(key=lambda e: e[2])
    return entries


def _wanted(rel: str, excludes: Sequence[str]) -> bool:
    """The same selection as ``scan.find_java_files``: .java, no hidden or build folders."""
    if not rel.endswith(".java"):
        return False
    parts = rel.split("/")[:-1]
    if any(p.startswith(".") or p in SKIPPED_DIRS for p in parts):
        return False
    return not any(fnmatch.fnmatch(rel, pattern) for pattern in excludes)


def _cat_file(repo: str, option: str, unique: list[str]) -> bytes:
    """``git cat-file OPTION`` (``--batch`` or ``--batch-check``) for ``unique`` object ids."""
    done = _git(repo, "cat-file", option, input=("\n".join(unique) + "\n").encode())
    if done.returncode != 0:
        raise InputError(f"git:{repo}: cat-file failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def read_blobs(repo: str, shas: Sequence[str]) -> dict[str, bytes]:
    """Contents of many blobs with one ``git cat-file --batch``."""
    if not shas:
        return {}
    unique = list(dict.fromkeys(shas))
    data = _cat_file(repo, "--batch", unique)
    out: dict[str, bytes] = {}
    pos = 0
    for sha in unique:
        end = data.index(b"\n", pos)
        header = data[pos:end].decode().split()
        pos = end + 1
        if len(header) < 3 or header[1] == "missing":
            raise InputError(f"git:{repo}: blob {sha} is missing")
        size = int(header[2])
        out[sha] = data[pos:pos + size]
        pos += size + 1  # the content is followed by a newline
    return out


def blob_sizes(repo: str, shas: Sequence[str]) -> dict[str, int]:
    """Sizes of many blobs with one ``git cat-file --batch-check`` (nothing is read), so that a
    huge blob is reported instead of read."""
    if not shas:
        return {}
    sizes = {}
    for line in _cat_file(repo, "--batch-check", list(dict.fromkeys(shas))).decode(errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].isdigit():
            sizes[parts[0]] = int(parts[2])
    return sizes


def read_version(repo: str, commit: str, entries: list[tuple[str, str, str]]) -> str | None:
    """The ``<version>`` of the commit's root ``pom.xml``, as ``scan.read_source_version``."""
    pom = next((sha for _, sha, path in entries if path == "pom.xml"), None)
    return None if pom is None else project_version(read_blobs(repo, [pom])[pom])


def project_version(pom: bytes) -> str | None:
    """The project's own ``<version>`` (a direct child of ``<project>``) of a pom.xml's bytes."""
    try:
        root = ET.fromstring(pom)
    except ET.ParseError:
        return None
    for child in root:
        if child.tag.rsplit("}", 1)[-1] == "version" and child.text:
            return child.text.strip()
    return None


class BlobMap:
    """git blob id -> content hash, remembered in the facts cache folder."""

    def __init__(self, cache: FactsCache | None) -> None:
        self.cache = cache
        self.data: dict[str, str] = cache.load_blob_map() if cache else {}
        self.dirty = False

    def get(self, blob: str) -> str | None:
        return self.data.get(blob)

    def put(self, blob: str, sha: str) -> None:
        if self.data.get(blob) != sha:
            self.data[blob] = sha
            self.dirty = True

    def save(self) -> None:
        if self.cache is not None and self.dirty:
            self.cache.store_blob_map(self.data)


def _parse_items(items: list[tuple[str, bytes]], cache: FactsCache | None) -> list[FileFacts]:
    results = []
    for rel, data in items:
        facts = parse_bytes(rel, data, content_hash(data))
        if cache is not None and facts.sha:
            cache.store(facts)
        results.append(facts)
    return results


def java_entries(spec: GitSpec, excludes: Sequence[str] = ()) -> tuple[str, list[tuple[str, str, str]],
                                                                       list[tuple[str, str]]]:
    """(commit, all entries, [(path, blob)] of the .java files the scan reads)."""
    commit = resolve(spec)
    entries = list_tree(spec.repo, commit)
    java = [(path, sha) for mode, sha, path in entries if mode != "120000" and _wanted(path, excludes)]
    return commit, entries, java


def scan_git(spec: GitSpec | str, *, excludes: Sequence[str] = (), jobs: int | None = None,
             cache: FactsCache | None = None, progress: ProgressCallback | None = None) -> ScanResult:
    """Scan the ``.java`` files of ``spec`` (see the module docstring)."""
    started = time.perf_counter()
    if isinstance(spec, str):
        spec = parse_git_spec(spec)
    commit, entries, java = java_entries(spec, excludes)
    if not java:
        raise InputError(f"{spec}: no .java files at {commit[:12]}")
    gc_was = gc.isenabled()
    gc.disable()  # millions of small acyclic objects: as in scan._quiet_gc
    try:
        return _scan(spec, commit, entries, java, excludes, jobs, cache, started, progress)
    finally:
        gc.freeze()
        if gc_was:
            gc.enable()


def _skipped(entries: list[tuple[str, str, str]], java: list[tuple[str, str]],
             excludes: Sequence[str]) -> dict[str, FileFacts]:
    """The .java entries that are not read, with the reason: symbolic links (the blob is the
    link's target) and odd names, as a tree scan reports them."""
    skipped = {path: skipped_file(path, "not-a-file", "symbolic link (git mode 120000); skipped")
               for mode, _, path in entries if mode == "120000" and _wanted(path, excludes)}
    for path, _ in java:
        odd = odd_name(path)
        if odd is not None:
            skipped[path] = odd
    return skipped


def _scan(spec, commit, entries, java, excludes, jobs, cache, started, progress) -> ScanResult:
    blobmap = BlobMap(cache)
    results = _skipped(entries, java, excludes)
    missing: list[tuple[str, str]] = []
    for rel, blob in java:
        if rel in results:
            continue
        sha = blobmap.get(blob)
        facts = cache.load(sha) if (cache is not None and sha) else None
        if facts is not None and facts.path == rel:
            results[rel] = facts
        else:
            missing.append((rel, blob))
    if progress:
        progress(len(results), len(java))
    if missing:
        sizes = blob_sizes(spec.repo, [blob for _, blob in missing])
        for rel, blob in missing:
            if sizes.get(blob, 0) > MAX_SOURCE_BYTES:
                results[rel] = skipped_file(rel, "too-large", f"{FileTooLarge(sizes[blob], MAX_SOURCE_BYTES)}; skipped")
        missing = [(rel, blob) for rel, blob in missing if rel not in results]
        contents = read_blobs(spec.repo, [blob for _, blob in missing])
        items = [(rel, contents[blob]) for rel, blob in missing]
        for facts in _parse_all(items, jobs, cache, progress, len(results), len(java)):
            results[facts.path] = facts
        for rel, blob in missing:
            blobmap.put(blob, results[rel].sha)
    blobmap.save()
    files = tuple(sorted(results.values(), key=lambda f: f.path))
    return summarize(str(spec), read_version(spec.repo, commit, entries), files, cache, started, excludes)


def _parse_all(items: list[tuple[str, bytes]], jobs: int | None, cache: FactsCache | None,
               progress: ProgressCallback | None = None, done: int = 0, total: int = 0) -> list[FileFacts]:
    out: list[FileFacts] = []
    for batch in parse_in_workers(partial(_parse_items, cache=cache), items, jobs):
        out.extend(batch)
        done += len(batch)
        if progress:
            progress(done, total)
    return out
