"""Shared machinery of the robustness suite: bounded runs, the tally behind the reliability figures.

How many mutated trees each property tries is small by default, so the suite stays fast;
``FLOWDOC_ROBUST_EXAMPLES=N`` makes every property try N trees (the figures on the reliability
page come from such a run), and ``FLOWDOC_ROBUST_PROFILE=explore`` skips shrinking. The tally is printed at the end of the session, and written as JSON
to ``$FLOWDOC_ROBUST_REPORT`` when that is set.
"""

from __future__ import annotations

import io
import json
import os
import signal
from collections import Counter
from contextlib import contextmanager, redirect_stderr, redirect_stdout

import pytest
from hypothesis import HealthCheck, Phase, settings

from flowdoc.cli import main

# FLOWDOC_ROBUST_PROFILE=explore: find failures fast, without shrinking them (long runs).
settings.register_profile("explore", phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.load_profile(os.environ.get("FLOWDOC_ROBUST_PROFILE", "default"))

TALLY: Counter = Counter()
RUN_SECONDS = 60  # one verb on the 98-file sample takes about a second; a minute is a hang


def examples(default: int) -> int:
    """How many examples a property tries: ``$FLOWDOC_ROBUST_EXAMPLES``, else ``default``."""
    return int(os.environ.get("FLOWDOC_ROBUST_EXAMPLES", default))


def robust_settings(default: int):
    return settings(max_examples=examples(default), deadline=None, derandomize="FLOWDOC_ROBUST_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None)


class Hang(BaseException):  # not an Exception: flowdoc's own handlers must not swallow it
    """A run went past its time bound."""


@contextmanager
def bounded(seconds: float, what: str):
    """Raise Hang in the main thread if the block runs longer than ``seconds`` (SIGALRM
    interrupts a blocking open() or read(), which is how a hang on a pipe shows up)."""
    def on_alarm(signum, frame):
        raise Hang(f"{what} still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """``flowdoc ARGS`` in this process, bounded, counted: (exit code, stdout, stderr).

    A crash (exit 3, a traceback, an exception out of main) and a hang are tallied and fail."""
    out, err = io.StringIO(), io.StringIO()
    TALLY["runs"] += 1
    try:
        with bounded(RUN_SECONDS, f"flowdoc {' '.join(args)}"), redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    except Hang:
        TALLY["hangs"] += 1
        raise
    except BaseException:
        TALLY["crashes"] += 1
        raise
    stdout, stderr = out.getvalue(), err.getvalue()
    if code not in (0, 1, 2) or "Traceback" in stderr or "internal error" in stderr:
        TALLY["crashes"] += 1
        raise AssertionError(f"flowdoc {' '.join(args)} crashed (exit {code}): {stderr[-2000:]}")
    for stream in (stdout, stderr):
        stream.encode("utf-8")  # a stray surrogate would make the real stdout raise
        if "\x1b" in stream or "\u202e" in stream:
            TALLY["raw-escapes"] += 1
            raise AssertionError(f"flowdoc {' '.join(args)} printed a raw escape: {stream!r:.2000}")
    return code, stdout, stderr


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    """One facts cache for the session: unchanged sample files are parsed once."""
    return tmp_path_factory.mktemp("robust-cache")


def pytest_terminal_summary(terminalreporter):
    if not TALLY:
        return
    figures = {key: TALLY[key] for key in ("trees", "runs", "crashes", "hangs", "raw-escapes", "files",
                                           "unaccounted", "builds", "killed-builds", "git-refs", "cache-tampered",
                                           "cache-caught")}
    terminalreporter.write_line("robustness: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    report = os.environ.get("FLOWDOC_ROBUST_REPORT")
    if report:
        with open(report, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)
