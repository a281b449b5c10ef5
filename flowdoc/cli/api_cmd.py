"""``flowdoc api``: the API model as JSON (the contract), Markdown or a terminal table."""

from __future__ import annotations

import argparse
import fnmatch
import io
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from flowdoc.analyze.api import ApiCommand, ApiModel, build_api_model
from flowdoc.analyze.symbols import build_symbol_index
from flowdoc.cli.common import add_source_options, console, emit, load_scan, out
from flowdoc.model.problems import InputError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("api", help="list every API command with its parameters and response fields",
                            description="Build the API model of a CloudStack source tree: one entry per API name, "
                                        "with inherited parameters, resolved constants and response fields.")
    add_source_options(parser)
    parser.add_argument("--format", "-f", choices=("json", "markdown", "table"), default="table",
                        help="json: the flowdoc.api/1 contract; markdown: one section per API; "
                             "table: a terminal view (default)")
    parser.add_argument("--name", "-n", action="append", default=[], metavar="GLOB",
                        help="only APIs whose name matches GLOB (case-insensitive, repeatable), e.g. 'list*'")
    parser.add_argument("--category", action="append", default=[], metavar="NAME",
                        help="only APIs of this category (repeatable), e.g. 'Virtual Machine'")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when there are problems (unresolved constants, duplicate names, ...)")
    parser.set_defaults(run=run)


def select(model: ApiModel, names: list[str], categories: list[str]) -> list[ApiCommand]:
    chosen = model.commands
    if names:
        globs = [g.lower() for g in names]
        chosen = [c for c in chosen if any(fnmatch.fnmatchcase(c.name.lower(), g) for g in globs)]
    if categories:
        wanted = {c.lower() for c in categories}
        chosen = [c for c in chosen if c.category.lower() in wanted]
    return chosen


def run(args: argparse.Namespace) -> int:
    scan = load_scan(args)
    model = build_api_model(scan, build_symbol_index(scan))
    chosen = select(model, args.name, args.category)
    if (args.name or args.category) and not chosen:
        raise InputError("no API matches " + ", ".join([*args.name, *args.category]))
    if args.format == "json":
        data = model.as_dict()
        if args.name or args.category:
            keep = {c.name for c in chosen}
            data["commands"] = [c for c in data["commands"] if c["name"] in keep]
        emit(json.dumps(data, indent=2, ensure_ascii=False), args.output)
    elif args.format == "markdown":
        emit(render_markdown(model, chosen), args.output)
    else:
        table = render_table(model, chosen)
        if args.output is None:
            out.print(table)
        else:
            buffer = io.StringIO()
            Console(file=buffer, width=160, highlight=False).print(table)
            emit(buffer.getvalue(), args.output)
    for problem in model.problems[:20]:
        console.print(f"[yellow]{problem}[/]", markup=True, highlight=False)
    if len(model.problems) > 20:
        console.print(f"... and {len(model.problems) - 20} more problems (see --format json)")
    return 1 if args.strict and model.problems else 0


def render_table(model: ApiModel, commands: list[ApiCommand]) -> Table:
    """One row per API: the columns a contributor scans for; details are in --format markdown."""
    table = Table(title=f"{len(commands)} APIs of {model.root} ({model.version or 'unknown version'})",
                  caption="async: yes / create (async create); cls: classes declaring the name (user and admin "
                          "variants); roles: - = decided by role configuration; h: hidden (includeInApiDoc = false); u: no getCommands() registers it; "
                          "f: registered only when a setting that is off by default is on",
                  show_lines=False)
    table.add_column("API", style="bold cyan", overflow="fold", min_width=24)
    table.add_column("category", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("async", no_wrap=True)
    table.add_column("params", justify="right", no_wrap=True)
    table.add_column("required", ratio=2, min_width=20)
    table.add_column("roles", ratio=1, min_width=10)
    table.add_column("cls", justify="right", no_wrap=True)
    for c in commands:
        flags = ("create" if c.async_create else "yes") if c.isasync else ""
        required = " ".join(p.name for p in c.params if p.required)
        name = c.name if c.include_in_api_doc else f"{c.name} [dim]h[/]"
        if not c.registered:
            name += " [dim]u[/]"
        elif not any(v.registered_by_default for v in c.variants if v.registered):
            name += " [dim]f[/]"
        table.add_row(name, c.category, flags, str(len(c.params)), required,
                      _roles(c.roles), str(len(c.variants)))
    return table


def _roles(roles: list[str]) -> str:
    if not roles:
        return "-"
    if set(roles) >= {"Admin", "DomainAdmin", "ResourceAdmin", "User"}:
        return "all"
    return " ".join(roles)


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ").strip()


def render_markdown(model: ApiModel, commands: list[ApiCommand]) -> str:
    lines = [f"# API reference: {model.version or model.root}", "",
             f"{len(commands)} API{'' if len(commands) == 1 else 's'}. Generated by flowdoc from the source tree; do not edit.", ""]
    for c in commands:
        lines += [f"## {c.name}", "", _cell(c.description) or "_No description._", ""]
        facts = [f"**Category:** {c.category}",
                 f"**Async:** {'yes (async create)' if c.async_create else 'yes' if c.isasync else 'no'}",
                 f"**Since:** {c.since or '-'}",
                 f"**Roles:** {', '.join(c.roles) or 'from role configuration'}",
                 f"**Class:** `{c.class_name}` ({c.file}:{c.line})"]
        if c.response:
            facts.append(f"**Response:** `{c.response.rsplit('.', 1)[-1]}`")
        if not c.include_in_api_doc:
            facts.append("**Hidden:** `includeInApiDoc = false`")
        lines += [" · ".join(facts), ""]
        conditions = sorted({v.registered_if for v in c.variants if v.registered and v.registered_if})
        if conditions:
            default = {v.registered_by_default for v in c.variants if v.registered}
            state = ("on" if default == {True} else "off" if default == {False} else "unknown")
            lines += [f"Registered only when `{' or '.join(conditions)}` (by default: {state}).", ""]
        if len(c.variants) > 1:
            lines += ["Variants:", ""]
            for v in c.variants:
                tags = [t for t in ("admin" if v.admin_only else "", v.response_view or "",
                                    "" if v.registered else "not registered") if t]
                lines.append(f"- `{v.class_name}` ({', '.join(tags)})")
            lines.append("")
        if c.params:
            lines += ["| Parameter | Type | Required | Description | Since |", "|---|---|---|---|---|"]
            for p in c.params:
                ptype = p.type + (f" of {p.collection_type}" if p.collection_type else "")
                note = "" if p.expose else " (not exposed)"
                lines.append(f"| `{p.name}` | {ptype} | {'yes' if p.required else 'no'} | "
                             f"{_cell(p.description)}{note} | {p.since or ''} |")
            lines.append("")
        if c.response_fields:
            lines += ["| Response field | Type | Description |", "|---|---|---|"]
            for f in c.response_fields:
                lines.append(f"| `{f.name}` | {f.type or ''} | {_cell(f.description)} |")
            lines.append("")
    return "\n".join(lines)
