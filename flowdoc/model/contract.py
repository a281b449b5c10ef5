"""The API model's JSON contract (``flowdoc.api/1``, /work/shared/api-model.md): its one
validation, its normal (stably sorted) form and its one serialization, the snapshot text.

Every stage that reads or writes a contract dict goes through here: the pipeline's model
stage, ``snapshot``, ``check``, ``diff`` and ``history``.
"""

from __future__ import annotations

import json
from typing import Any

from flowdoc.model.problems import InputError

SCHEMA = "flowdoc.api/1"



def validate_model(data: Any, label: str) -> dict:
    """Check that ``data`` looks like a ``flowdoc.api/1`` document; InputError otherwise."""
    if not isinstance(data, dict):
        raise InputError(f"{label}: not an API model (expected a JSON object)")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise InputError(f"{label}: unsupported schema {schema!r} (expected {SCHEMA!r})")
    commands = data.get("commands")
    if not isinstance(commands, list):
        raise InputError(f"{label}: 'commands' is missing or not a list")
    for i, cmd in enumerate(commands):
        if not isinstance(cmd, dict) or not isinstance(cmd.get("name"), str):
            raise InputError(f"{label}: commands[{i}] has no name")
        for key in ("params", "response_fields", "variants", "roles"):
            if key in cmd and not isinstance(cmd[key], list):
                raise InputError(f"{label}: commands[{i}] ({cmd['name']}): {key!r} is not a list")
        for j, p in enumerate(cmd.get("params") or ()):
            if not isinstance(p, dict) or not isinstance(p.get("name"), str):
                raise InputError(f"{label}: commands[{i}] ({cmd['name']}): params[{j}] has no name")
        for j, f in enumerate(cmd.get("response_fields") or ()):
            if not isinstance(f, dict) or not isinstance(f.get("name"), str):
                raise InputError(f"{label}: commands[{i}] ({cmd['name']}): response_fields[{j}] has no name")
    return data


def load_snapshot(path, label: str | None = None) -> dict:
    """Read and validate a snapshot file; InputError (exit 2) for anything unusable."""
    label = label or str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{label}: malformed snapshot: {exc}") from None
    return validate_model(data, label)


def normalize(model: dict, copy: bool = True) -> dict:
    """A stably sorted copy of a model dict: the form written as a snapshot (sorted in place
    when ``copy`` is false and the caller owns the dict)."""
    data = json.loads(json.dumps(model)) if copy else model  # a deep copy of plain JSON types
    commands = []
    for cmd in sorted(data.get("commands", []), key=lambda c: c["name"]):
        cmd["params"] = sorted(cmd.get("params") or [], key=lambda p: p["name"])
        cmd["response_fields"] = sorted(cmd.get("response_fields") or [], key=lambda f: f["name"])
        cmd["variants"] = sorted(cmd.get("variants") or [], key=lambda v: str(v.get("class")))
        cmd["roles"] = sorted(cmd.get("roles") or [])
        for p in cmd["params"]:
            if isinstance(p.get("related"), list):
                p["related"] = sorted(p["related"])
        for v in cmd["variants"]:
            if isinstance(v.get("roles"), list):
                v["roles"] = sorted(v["roles"])
        commands.append(cmd)
    data["commands"] = commands
    if isinstance(data.get("problems"), list):
        data["problems"] = sorted(data["problems"], key=lambda p: (str(p.get("file")), p.get("line") or 0,
                                                                  str(p.get("kind")), str(p.get("message"))))
    return data


_TOP_ORDER = ("schema", "source", "commands", "problems")


def _sort_keys(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _sort_keys(obj[k]) for k in sorted(obj)}
    if isinstance(obj, list):
        return [_sort_keys(v) for v in obj]
    return obj


def dumps_snapshot(model: dict) -> str:
    """The snapshot text: schema and source first, then keys and collections sorted,
    two-space indent, final newline."""
    data = _sort_keys(normalize(model))
    ordered = {k: data[k] for k in _TOP_ORDER if k in data}
    ordered.update((k, v) for k, v in data.items() if k not in ordered)
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
