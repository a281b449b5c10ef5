"""An installed flowdoc (the wheel, in a fresh venv) builds the sample's site from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # builds a wheel and a venv: about a minute


def _run(*cmd: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (cmd, proc.stdout[-2000:], proc.stderr[-2000:])
    return proc


def test_the_wheel_builds_the_sample_site_from_an_unrelated_folder(tmp_path):
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, REPO, cwd=tmp_path)
    (wheel,) = wheels.glob("flowdoc-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # the wheel without its dependencies; those are borrowed from this interpreter's site-packages
    # (a path entry behind the venv's own, so the venv's flowdoc is the one imported)
    _run(python, "-m", "pip", "install", "-q", "--no-deps", wheel, cwd=tmp_path)
    site_packages = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                              cwd=tmp_path).stdout.strip())
    (site_packages / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    anywhere = tmp_path / "somewhere" / "else"
    anywhere.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWDOC_")}
    env["FLOWDOC_CACHE_DIR"] = str(tmp_path / "cache")
    where = _run(python, "-c", "import flowdoc; print(flowdoc.__file__)", cwd=anywhere, env=env).stdout
    assert where.startswith(str(site_packages)), where  # the installed package, not the checkout
    _run(env_dir / "bin" / "flowdoc", "build", "-o", "site", cwd=anywhere, env=env)
    site = anywhere / "site"
    assert "deployInstance" in (site / "api" / "deployInstance.html").read_text()
    assert (site / "guides" / "getting-started.html").is_file()  # the guides ship with the package
    assert (site / "assets" / "stylesheets" / "flowdoc.css").is_file()
    assert (site / "search" / "search_index.js").is_file()
