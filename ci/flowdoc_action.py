"""What the flowdoc GitHub Action (action.yml) runs: ``flowdoc diff`` against the base branch
and/or ``flowdoc check``, with GitHub annotations on stdout (workflow commands, which the
runner turns into annotations at the Java lines) and a Markdown job summary appended to the
file ``$GITHUB_STEP_SUMMARY`` names. Exit 0 clean, 1 findings, 2 bad input.

    python ci/flowdoc_action.py --mode both --base origin/main --source . --snapshot api-snapshot.json

Only the standard library; flowdoc itself runs as the ``flowdoc`` command next to this Python
(or on PATH), so the script works wherever ``pip install flowdoc`` put it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def flowdoc_command() -> list[str]:
    beside = Path(sys.executable).with_name("flowdoc")
    found = str(beside) if beside.exists() else shutil.which("flowdoc")
    if not found:
        raise SystemExit("flowdoc_action: the flowdoc command is not installed (pip install flowdoc)")
    return [found]


def run(args: list[str]) -> subprocess.CompletedProcess:
    """Run flowdoc; its stdout (annotations) passes through, stderr too."""
    done = subprocess.run(flowdoc_command() + args, capture_output=True, text=True, check=False)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done


def diff_step(opts: argparse.Namespace, work: Path) -> tuple[int, list[str]]:
    old = f"git:{opts.repo}@{opts.base}"
    new = opts.source if opts.head is None else f"git:{opts.repo}@{opts.head}"
    common = [old, new, *opts.cache]
    annotated = run(["diff", *common, "--format", "github", "--fail-on", opts.fail_on])
    if annotated.returncode == 2:
        return 2, [f"### flowdoc diff\n\nflowdoc diff could not run: `{annotated.stderr.strip()}`\n"]
    report = work / "diff.md"
    run(["diff", *common, "--format", "markdown", "--fail-on", "none", "--max-per-group", str(opts.max_per_group),
         "-o", str(report)])
    text = report.read_text(encoding="utf-8") if report.exists() else "(no report)\n"
    return annotated.returncode, [f"### flowdoc diff `{opts.base}` -> `{opts.head or 'working tree'}`\n\n{text}"]


def check_step(opts: argparse.Namespace, work: Path) -> tuple[int, list[str]]:
    common = ["--source", opts.source, *opts.cache]
    if opts.snapshot:
        common += ["--snapshot", opts.snapshot]
    common += ["--docs", opts.docs] if opts.docs else []
    annotated = run(["check", *common, "--format", "github"])
    if annotated.returncode == 2:
        return 2, [f"### flowdoc check\n\nflowdoc check could not run: `{annotated.stderr.strip()}`\n"]
    found = work / "check.json"
    run(["check", *common, "--format", "json", "-o", str(found)])
    data = json.loads(found.read_text(encoding="utf-8")) if found.exists() else {}
    return annotated.returncode, [check_summary(data)]


def check_summary(data: dict) -> str:
    """The check's findings as Markdown: snapshot staleness and dangling references."""
    snapshot, docs = data.get("snapshot") or {}, data.get("docs") or {}
    lines = ["### flowdoc check", ""]
    if snapshot.get("file"):
        changes = snapshot.get("changes") or []
        state = f"stale: {len(changes)} change(s) since it was written" if snapshot.get("stale") else "up to date"
        lines.append(f"- snapshot `{snapshot['file']}`: {state}")
        lines += [f"  - {cell(c.get('message', ''))}" for c in changes[:50]]
    if docs.get("dir"):
        dangling = docs.get("dangling") or []
        lines.append(f"- pages in `{docs['dir']}`: {docs.get('pages', 0)} page(s), {docs.get('references', 0)} "
                     f"reference(s), {len(dangling)} dangling")
        for d in dangling[:50]:
            lines.append(f"  - `{cell(str(d.get('file', '')))}:{d.get('line', '')}`: {cell(str(d.get('message', d)))}")
    if len(lines) == 2:
        lines.append("Nothing to check (no snapshot, no pages).")
    return "\n".join(lines) + "\n"


def cell(text: str) -> str:
    """One line of Markdown list text: no newlines, no HTML."""
    return " ".join(str(text).split()).replace("<", "&lt;").replace(">", "&gt;")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("diff", "check", "both"), default="both")
    parser.add_argument("--base", default=os.environ.get("GITHUB_BASE_REF") and f"origin/{os.environ['GITHUB_BASE_REF']}",
                        help="git ref to compare with (default: origin/<the pull request's base branch>)")
    parser.add_argument("--head", default=None, help="git ref of the new side (default: the working tree)")
    parser.add_argument("--source", default=".", help="the CloudStack tree (the checkout)")
    parser.add_argument("--repo", default=None, help="the git repository (default: --source)")
    parser.add_argument("--snapshot", default=None, help="committed API snapshot for flowdoc check")
    parser.add_argument("--docs", default=None, help="hand-written pages for flowdoc check")
    parser.add_argument("--fail-on", choices=("breaking", "any", "none"), default="breaking")
    parser.add_argument("--max-per-group", type=int, default=50)
    parser.add_argument("--cache-dir", default=None)
    opts = parser.parse_args(argv)
    opts.repo = opts.repo or opts.source
    opts.cache = ["--cache-dir", opts.cache_dir] if opts.cache_dir else []
    if opts.mode in ("diff", "both") and not opts.base:
        print("flowdoc_action: --base is needed for the diff (no GITHUB_BASE_REF either)", file=sys.stderr)
        return 2
    codes, parts = [], []
    with tempfile.TemporaryDirectory(prefix="flowdoc-action-") as tmp:
        for wanted, step in (("diff", diff_step), ("check", check_step)):
            if opts.mode in (wanted, "both"):
                code, text = step(opts, Path(tmp))
                codes.append(code)
                parts += text
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write("## flowdoc\n\n" + "\n".join(parts))
    return max(codes, default=0)


if __name__ == "__main__":
    sys.exit(main())
