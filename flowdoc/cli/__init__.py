"""The flowdoc command line: verbs -> stage calls, nothing more.

Each verb lives in its own module here with ``register(subparsers)`` that adds its parser
and sets ``run(args) -> int``. Exit codes: 0 success, 1 findings, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys

from flowdoc import __version__
from flowdoc.cli.common import fail
from flowdoc.problems import InputError

# In help order. A verb whose module is not there yet is simply not offered.
VERBS = ("scan", "api", "flow", "callers", "graph", "build", "serve", "snapshot", "diff", "check")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for every bad input
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="flowdoc", description="Docs, request flows and API drift checks for Apache CloudStack.")
    parser.add_argument("--version", action="version", version=f"flowdoc {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    sub.required = True
    for verb in VERBS:
        name = f"flowdoc.cli.{verb}_cmd"
        if importlib.util.find_spec(name) is None:
            continue
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``flowdoc`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted", code=130)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an internal error: one line unless asked for the traceback
        if args.debug:
            raise
        return fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", code=3)


if __name__ == "__main__":
    sys.exit(main())
