"""``flowdoc history``: API history across releases (first/last release of every API,
parameter and response field, required/type changes, ``since`` disagreements)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from flowdoc.check import history
from flowdoc.cli.common import add_model_source_options, cache_dir_of, console, out, project_of
from flowdoc.model.problems import InputError
from flowdoc.read.gitsource import is_git_spec, parse_git_spec, resolve
from flowdoc.store.artifacts import ArtifactStore
from flowdoc.store.fingerprint import code_fingerprint, fingerprint

CODE = code_fingerprint("flowdoc.check.history", "flowdoc.analyze.api", "flowdoc.read.sources")
EPILOG = """\
examples:
  flowdoc history git:../cloudstack --from 4.15.0.0 -o history.json     # releases found in the repository
  flowdoc history git:../cloudstack --refs 4.19.0.0,4.20.0.0 -o h.json  # these refs (tags or commits)
  flowdoc history ../cs-4.20 ../cs-4.22 api-4.23.json -o h.json         # trees / snapshots, oldest first
  flowdoc build --source ../cloudstack --history history.json            # API pages: added in / last changed in
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("history", help="API history across releases: added in, last changed in, since checks",
                            epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="git:REPO (its releases), or trees / snapshots / git:REPO@REF, oldest first")
    parser.add_argument("--refs", action="append", default=[], metavar="REF[,REF...]",
                        help="with git:REPO: these refs instead of the releases found; with several sources: their names")
    parser.add_argument("--from", dest="first", default=None, metavar="VERSION", help="releases from this version on")
    parser.add_argument("--to", dest="last", default=None, metavar="VERSION", help="releases up to this version")
    parser.add_argument("-o", "--output", type=Path, default=Path("flowdoc-history.json"),
                        help="the history file (default: flowdoc-history.json; replaced atomically)")
    add_model_source_options(parser)
    parser.set_defaults(run=run)


def releases_of(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(name, source spec) of every release, oldest first."""
    refs = [r.strip() for text in args.refs for r in text.split(",") if r.strip()]
    if len(args.sources) == 1 and is_git_spec(args.sources[0]) and "@" not in args.sources[0]:
        repo = parse_git_spec(args.sources[0]).repo
        store = ArtifactStore(cache_dir_of(args)) if cache_dir_of(args) is not None else None
        found = [history.Release(r, r) for r in refs] if refs else history.cached_releases(repo, store)
        if args.first or args.last:
            low, high = history.version_key(args.first or "0"), history.version_key(args.last or "999999")
            found = [r for r in found if low <= history.version_key(r.name) <= high]
        if not found:
            raise InputError(f"{args.sources[0]}: no releases found (no release tags, no release commits of "
                             "the root pom.xml" + (" in the --from/--to range" if args.first or args.last else "") + ")")
        return [(r.name, f"git:{repo}@{r.ref}") for r in found]
    if refs and len(refs) != len(args.sources):
        raise InputError(f"--refs names {len(refs)} release(s) for {len(args.sources)} source(s)")
    return [(refs[i] if refs else "", spec) for i, spec in enumerate(args.sources)]


def digest_of(args: argparse.Namespace, spec: str, store: ArtifactStore | None) -> dict:
    """One release's digest; for a git commit it is cached by commit id (a warm run reads 26
    small entries instead of loading or rebuilding 26 models)."""
    key = None
    if store is not None and is_git_spec(spec):
        key = fingerprint(resolve(parse_git_spec(spec)), sorted(args.exclude or ()))
        found = store.load("history-digest", CODE, key, expect=dict)
        if found is not None and isinstance(found.get("apis"), dict):
            return found
    digest = history.digest_model(project_of(args, spec, root_label=spec).contract)
    if key is not None:
        store.save("history-digest", CODE, key, digest)
    return digest


def run(args: argparse.Namespace) -> int:
    builder = history.HistoryBuilder()
    started = time.perf_counter()
    store = ArtifactStore(cache_dir_of(args)) if cache_dir_of(args) is not None else None
    for name, spec in releases_of(args):
        began = time.perf_counter()
        digest = digest_of(args, spec, store)  # one release at a time: only its digest stays
        label = name or digest.get("version") or spec
        builder.add_digest(history.Release(label, spec.rsplit("@", 1)[-1] if is_git_spec(spec) else spec), digest)
        console.print(f"{label}: {builder.releases[-1]['apis']} APIs ({time.perf_counter() - began:.1f} s)")
    data = builder.as_dict()
    history.write_history(args.output, data)
    for line in history.summary_lines(data):
        out.print(line)
    console.print(f"wrote {args.output} ({len(data['releases'])} releases, {time.perf_counter() - started:.1f} s)")
    return 0
