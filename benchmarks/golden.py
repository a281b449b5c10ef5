"""Golden outputs of flowdoc on real trees, to prove that a change which should not change
behaviour did not: capture before, capture after, compare byte for byte.

    python benchmarks/golden.py capture OUT --tree /tmp/cloudstack-4.22.0.0-SNAPSHOT \
        --old-tree /tmp/cloudstack-4.20.0.0 [--cache-dir DIR]
    python benchmarks/golden.py compare BEFORE AFTER

What is captured (each a file under OUT):
  api.json            flowdoc api --format json
  snapshot.json       flowdoc snapshot
  diff.json           flowdoc diff OLD-TREE TREE --format json
  callers/<n>.json    flowdoc callers METHOD --format json, for the methods in CALLERS
  flows/<API>.json    every API's flow (Flow.as_dict() at the site's depth)
  pages/<rel>         every generated Markdown page of ``build`` and the hand-written pages
                      rendered for this tree
The CLI outputs come from the installed ``flowdoc`` (the one beside this interpreter); flows
and pages are computed in-process, through whichever layout the checkout has.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

CALLERS = (
    "com.cloud.vm.UserVmManagerImpl#createVirtualMachine",
    "com.cloud.vm.VirtualMachineManagerImpl#advanceStart",
    "com.cloud.storage.VolumeApiServiceImpl#attachVolumeToVM",
    "com.cloud.network.NetworkServiceImpl#createGuestNetwork",
    "com.cloud.api.query.QueryManagerImpl#searchForUserVMs",
)


def _flowdoc(*args: str, cache_dir: str, ok=(0, 1)) -> bytes:
    exe = Path(sys.executable).with_name("flowdoc")
    proc = subprocess.run([str(exe), *args, "--cache-dir", cache_dir], capture_output=True)
    if proc.returncode not in ok:
        raise SystemExit(f"flowdoc {' '.join(args)}: exit {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return proc.stdout


def _site_pages(tree: str, cache_dir: str) -> tuple[dict[str, dict], dict[str, bytes]]:
    """(flows by API name, Markdown pages by path) as ``build`` generates them for ``tree``."""
    try:  # the pipeline layout
        from flowdoc.pipeline import Project
    except ImportError:
        Project = None
    if Project is not None:
        from flowdoc.site.build.build import generated_markdown

        project = Project(tree, cache_dir=Path(cache_dir))
        data = project.site_data()
        data.mermaid = False
        return data.flows, generated_markdown(data)
    from flowdoc.read.scan import scan_tree
    from flowdoc.store.cache import FactsCache

    scan = scan_tree(Path(tree), cache=FactsCache(Path(cache_dir)))
    try:  # the site in rooms (site/build/, site/collect.py), before the Project
        from flowdoc.cli.build_cmd import stages
        from flowdoc.site.build.build import generated_markdown
    except ImportError:
        stages = None
    if stages is not None:
        data, _problems = stages(Path(cache_dir))(scan, None)
        return data.flows, generated_markdown(data)
    # the flat layout (before the pipeline): the same calls build_site makes
    from flowdoc.site.build import collect_site_data, hand_written_pages, site_src_dir, split_side_html
    from flowdoc.site.pages import render_pages

    data, _problems = collect_site_data(scan, None, cache_dir=Path(cache_dir))
    data.mermaid = False
    files: dict[str, bytes] = {}
    for rel, text in render_pages(data).items():
        files.update(split_side_html(rel, text))
    files.update(hand_written_pages(site_src_dir(), data))
    return data.flows, {k: v for k, v in files.items() if k.endswith(".md")}


def capture(out: Path, tree: str, old_tree: str | None, cache_dir: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "api.json").write_bytes(_flowdoc("api", "--source", tree, "--format", "json", cache_dir=cache_dir))
    (out / "snapshot.json").write_bytes(_flowdoc("snapshot", "--source", tree, cache_dir=cache_dir))
    if old_tree:
        (out / "diff.json").write_bytes(_flowdoc("diff", old_tree, tree, "--format", "json", cache_dir=cache_dir))
    (out / "callers").mkdir(exist_ok=True)
    for i, method in enumerate(CALLERS):
        (out / "callers" / f"{i}.json").write_bytes(
            _flowdoc("callers", method, "--source", tree, "--format", "json", cache_dir=cache_dir, ok=(0, 1, 2)))
    flows, pages = _site_pages(tree, cache_dir)
    (out / "flows").mkdir(exist_ok=True)
    for name, flow in sorted(flows.items()):
        (out / "flows" / f"{name}.json").write_text(json.dumps(flow, indent=1, sort_keys=True) + "\n")
    for rel, content in sorted(pages.items()):
        path = out / "pages" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    print(f"captured {len(flows)} flows, {len(pages)} pages into {out}")


def compare(before: Path, after: Path) -> int:
    """Print every file that differs or exists on one side only; exit 1 when any does."""
    def files(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}

    a, b = files(before), files(after)
    differ = sorted(rel for rel in a & b if not filecmp.cmp(before / rel, after / rel, shallow=False))
    for rel in sorted(a - b):
        print(f"only before: {rel}")
    for rel in sorted(b - a):
        print(f"only after:  {rel}")
    for rel in differ:
        print(f"differs:     {rel}")
    same = len(a & b) - len(differ)
    print(f"{same} identical, {len(differ)} differ, {len(a - b)} only before, {len(b - a)} only after")
    return 1 if differ or a != b else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    cap = sub.add_parser("capture")
    cap.add_argument("out", type=Path)
    cap.add_argument("--tree", required=True)
    cap.add_argument("--old-tree", default=None)
    cap.add_argument("--cache-dir", default=os.environ.get("FLOWDOC_CACHE_DIR", str(Path.home() / ".cache/flowdoc")))
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.what == "capture":
        capture(args.out, args.tree, args.old_tree, args.cache_dir)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
