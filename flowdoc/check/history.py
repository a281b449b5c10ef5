"""API history across releases: when each API, parameter and response field first and last
appears, when required/type changed, and which ``since`` values disagree with that.

``find_releases(repo)`` finds the releases of a git repository (tags, else the commits where
the root ``pom.xml`` version becomes a release version); ``HistoryBuilder`` takes one API model
dict a release, oldest first, keeping only a compact digest of each (so thirty releases cost
little memory); ``history.as_dict()`` is the ``flowdoc.history/1`` file ``build --history``
reads. Rules in ``site_src/reference/history.md``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from flowdoc.model.problems import InputError
from flowdoc.read.gitsource import _git, check_repo_path, parse_git_spec, project_version, resolve
from flowdoc.store.artifacts import ArtifactStore
from flowdoc.store.fingerprint import code_fingerprint, fingerprint

SCHEMA = "flowdoc.history/1"
RELEASE_VERSION = re.compile(r"v?(\d+(?:\.\d+){1,3})")
RELEASE_TITLE = "Updating pom.xml version numbers for release "


@dataclass(frozen=True)
class Release:
    name: str  # the version (or the ref as given)
    ref: str  # what git resolves: a tag or a commit id


def version_key(text: str | None) -> tuple[int, ...]:
    """``4.15`` -> (4, 15, 0, 0); anything unreadable sorts first."""
    match = re.match(r"v?(\d+(?:\.\d+)*)", (text or "").strip())
    if match is None:
        return ()
    parts = [int(p) for p in match.group(1).split(".")][:4]
    return tuple(parts + [0] * (4 - len(parts)))


def is_release_version(text: str | None) -> bool:
    return bool(text) and RELEASE_VERSION.fullmatch(text.strip()) is not None


def find_releases(repo: str) -> list[Release]:
    """Releases of ``repo``, oldest version first: its release-version tags when it has any,
    else, per version, the newest commit whose root ``pom.xml`` has that release version while
    its parent's does not (the release manager's "Updating pom.xml version numbers for release X")."""
    tagged = [t for t in tag_names(repo) if RELEASE_VERSION.fullmatch(t)]
    if tagged:
        return sorted((Release(t.lstrip("v"), t) for t in tagged), key=lambda r: version_key(r.name))
    log = _git(repo, "log", "--full-history", "--format=%H", "--end-of-options", "HEAD", "--", "pom.xml")
    commits = log.stdout.decode().split() if log.returncode == 0 else []
    specs = [s for c in commits for s in (f"{c}:pom.xml", f"{c}^:pom.xml")]
    versions = _pom_versions(repo, specs)
    found: dict[str, Release] = {}
    for commit in commits:  # newest first
        version = versions.get(f"{commit}:pom.xml")
        if is_release_version(version) and versions.get(f"{commit}^:pom.xml") != version:
            found.setdefault(version, Release(version, commit))
    return sorted(found.values(), key=lambda r: version_key(r.name))


def cached_releases(repo: str, store: ArtifactStore | None) -> list[Release]:
    """:func:`find_releases`, remembered per HEAD commit and tags (reading the root pom of
    every commit that touched it takes seconds)."""
    key = fingerprint(resolve(parse_git_spec(f"git:{repo}@HEAD")), tag_names(repo))
    code = code_fingerprint("flowdoc.check.history")
    found = store.load("history-releases", code, key, expect=list) if store is not None else None
    if found is None:
        found = [(r.name, r.ref) for r in find_releases(repo)]
        if store is not None:
            store.save("history-releases", code, key, found)
    return [Release(name, ref) for name, ref in found]


def tag_names(repo: str) -> list[str]:
    """The repository's tags; InputError when it is not a git repository."""
    check_repo_path(repo)
    if not Path(repo).is_dir():
        raise InputError(f"git:{repo}: no such directory")
    tags = _git(repo, "tag", "--list")
    if tags.returncode != 0:
        raise InputError(f"git:{repo}: not a git repository")
    return tags.stdout.decode(errors="replace").split()


def _pom_versions(repo: str, specs: list[str]) -> dict[str, str | None]:
    """``rev:path`` -> the project ``<version>`` of that pom, read with one ``git cat-file --batch``."""
    if not specs:
        return {}
    done = _git(repo, "cat-file", "--batch", input="".join(s + "\n" for s in specs).encode())
    out, pos, data = {}, 0, done.stdout
    for spec in specs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            out[spec] = None
            continue
        size = int(header[2])
        out[spec] = project_version(data[pos:pos + size])
        pos += size + 1
    return out


# ------------------------------------------------------------------ the history itself
def digest_model(model: dict) -> dict:
    """What the history keeps of one release's model (small enough to cache per commit)."""
    return {"version": (model.get("source") or {}).get("version"), "apis": _digest(model)}


def _digest(model: dict) -> dict[str, dict]:
    """Per API what the history tracks: since, exposed parameters (type, required, since) and
    response fields (flattened ``parent.child``, type)."""
    out = {}
    for c in model.get("commands") or ():
        if not c.get("include_in_api_doc", True) or not any(v.get("registered", True) for v in c.get("variants") or [{}]):
            continue
        params = {p["name"]: (p.get("type"), bool(p.get("required")), p.get("since"))
                  for p in c.get("params") or () if p.get("expose", True)}
        fields: dict[str, tuple] = {}
        stack = [("", f) for f in c.get("response_fields") or ()]
        while stack:
            prefix, f = stack.pop()
            fields[prefix + f["name"]] = (f.get("type"),)
            stack.extend((prefix + f["name"] + ".", x) for x in f.get("fields") or ())
        out[c["name"]] = {"since": c.get("since"), "params": params, "response": fields}
    return out


class HistoryBuilder:
    """Feed ``add(release, model)`` oldest first; ``as_dict()`` is the history file."""

    def __init__(self) -> None:
        self.releases: list[dict] = []
        self.apis: dict[str, dict] = {}
        self._previous: dict[str, dict] = {}

    def add(self, release: Release, model: dict) -> None:
        self.add_digest(release, digest_model(model))

    def add_digest(self, release: Release, digested: dict) -> None:
        """Like ``add``, from :func:`digest_model`'s value."""
        name, digest = release.name, digested["apis"]
        self.releases.append({"name": name, "ref": release.ref, "version": digested.get("version"),
                              "apis": len(digest)})
        for api, now in digest.items():
            record = self.apis.get(api)
            before = self._previous.get(api)
            if record is None:
                record = self.apis[api] = {"first": name, "last": name, "last_changed": name, "since": now["since"],
                                           "params": {}, "response": {}, "changes": []}
            record["last"], record["since"] = name, now["since"]
            changed = before is None
            changed |= _track(record["params"], before and before["params"], now["params"], name, ("type", "required"))
            changed |= _track(record["response"], before and before["response"], now["response"], name, ("type",))
            if changed:
                record["last_changed"] = name
            if before is None and self._previous and len(self.releases) > 1:
                record["changes"].append({"release": name, "what": "added" if record["first"] == name else "back"})
        for api in set(self._previous) - set(digest):
            self.apis[api]["changes"].append({"release": name, "what": "removed"})
        self._previous = digest

    def as_dict(self) -> dict:
        names = [r["name"] for r in self.releases]
        added = {n: sorted(a for a, r in self.apis.items() if r["first"] == n) for n in names[1:]}
        return {"schema": SCHEMA, "releases": self.releases, "added_per_release": added,
                "since_disagreements": since_disagreements(self.apis, names),
                "apis": {a: self.apis[a] for a in sorted(self.apis)}}


def _track(records: dict, before: dict | None, now: dict, release: str, keys: tuple[str, ...]) -> bool:
    """Update first/last/changes of each parameter or field; True when anything changed."""
    changed = False
    before = before or {}
    for name, values in now.items():
        record = records.get(name)
        if record is None:
            record = records[name] = {"first": release, "last": release, "changes": []}
            if len(values) > 2:
                record["since"] = values[2]
        if name not in before:
            changed = True
        else:
            for key, old, new in zip(keys, before[name], values, strict=False):
                if old != new:
                    record["changes"].append({"release": release, key: [old, new]})
                    changed = True
        record["last"] = release
        if len(values) > 2:
            record["since"] = values[2]
    return changed or bool(set(before) - set(now))


def since_disagreements(apis: dict[str, dict], releases: list[str]) -> list[dict]:
    """APIs and parameters whose ``since`` is later than the first release that has them
    ("later"), earlier than it while the history covers that earlier release ("earlier"; not
    for a parameter as old as its API), or missing on one that appeared after the first
    release ("missing"; a parameter only when it is newer than its API)."""
    if not releases:
        return []
    start = version_key(releases[0])
    out = []

    def check(api: str, param: str | None, since: str | None, first: str, judge_early: bool = True) -> None:
        if since is None or not since.strip():
            if first != releases[0]:
                out.append({"api": api, "param": param, "since": None, "first": first, "kind": "missing"})
            return
        claimed, seen = version_key(since), version_key(first)
        if claimed > seen:
            out.append({"api": api, "param": param, "since": since, "first": first, "kind": "later"})
        elif (judge_early and claimed < seen and first != releases[0] and claimed >= start
              and not _same_line(claimed, seen)):
            out.append({"api": api, "param": param, "since": since, "first": first, "kind": "earlier"})

    for api, record in sorted(apis.items()):
        check(api, None, record.get("since"), record["first"])
        for pname, p in sorted(record["params"].items()):
            # A parameter as old as its API may go without since, and an older since on it is the
            # base class's (a new command inheriting BaseDeployVMCmd's parameters): only "later".
            if p["first"] != record["first"]:
                check(api, pname, p.get("since"), p["first"])
            elif p.get("since"):
                check(api, pname, p.get("since"), p["first"], judge_early=False)
    return out


def _same_line(claimed: tuple[int, ...], seen: tuple[int, ...]) -> bool:
    """``since 4.17.0`` on an API first released in 4.17.0.1 is fine: the fourth number is a
    re-spin of the same release."""
    return claimed[:3] == seen[:3]


def write_history(path: Path, data: dict) -> None:
    """Write the history file through a temporary file (an interrupted run keeps the old one)."""
    from flowdoc.store.cache import atomic_write_bytes

    atomic_write_bytes(path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())


def load_history(path: Path) -> dict:
    """A ``flowdoc.history/1`` file; InputError (exit 2) for anything else."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a flowdoc history file (not JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise InputError(f"{path}: not a flowdoc history file (schema {found!r}, expected {SCHEMA!r})")
    if not isinstance(data.get("apis"), dict) or not isinstance(data.get("releases"), list):
        raise InputError(f"{path}: flowdoc history file without 'apis' and 'releases'")
    return data


def summary_lines(data: dict) -> list[str]:
    """A short text report: releases, APIs added per release, since disagreements by kind."""
    releases = data["releases"]
    lines = [f"{len(releases)} releases: {releases[0]['name']} .. {releases[-1]['name']}" if releases else "no releases"]
    for name, added in data["added_per_release"].items():
        lines.append(f"  {name}: {len(added)} API(s) added" + (f" ({', '.join(added[:4])}{', ...' if len(added) > 4 else ''})"
                                                                 if added else ""))
    found = data["since_disagreements"]
    kinds = {k: sum(1 for d in found if d["kind"] == k) for k in ("later", "earlier", "missing")}
    lines.append(f"since disagreements: {len(found)} (" + ", ".join(f"{v} {k}" for k, v in kinds.items()) + ")")
    return lines
