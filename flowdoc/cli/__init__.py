"""The flowdoc command line: verbs -> stage calls, nothing more.

Each verb lives in its own module here with ``register(subparsers)`` that adds its parser
and sets ``run(args) -> int``. Exit codes: 0 success, 1 findings, 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import importlib.util
import sys

from flowdoc import __version__
from flowdoc.cli.common import fail
from flowdoc.model.problems import InputError

# In help order. A verb whose module is not there yet is simply not offered.
VERBS = ("scan", "api", "flow", "callers", "graph", "build", "serve", "snapshot", "diff", "history", "check")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as for every bad input
        self.exit(2, f"{self.prog}: error: {message}{self._hint(message)}\n")

    def _hint(self, message: str) -> str:
        """A did-you-mean for misspelled options, a pointer to --help otherwise."""
        if message.startswith("unrecognized arguments:"):
            options = [o for action in self._actions for o in action.option_strings if o.startswith("--")]
            for word in message.split(":", 1)[1].split():
                if word.startswith("-"):
                    close = close_option(word.split("=", 1)[0], options)
                    if close:
                        return f" (did you mean {close}?)"
        return f" (see '{self.prog} --help')"


def close_option(word: str, options: list[str]) -> str | None:
    """The option ``word`` is a misspelling of, if one is close: compared without the dashes,
    which every option shares (with them ``--frobnicate`` looked close to ``--strict``)."""
    bare = {o.lstrip("-"): o for o in options}
    close = difflib.get_close_matches(word.lstrip("-"), list(bare), n=1, cutoff=0.75)
    return bare[close[0]] if close else None


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
    args, extra = parser.parse_known_args(argv)
    if extra:  # reported by the verb's own parser, which knows the verb's options
        verbs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        verbs.choices[args.verb].error(f"unrecognized arguments: {' '.join(extra)}")
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
