"""The wheel ships the rules and the examples: build it, install it into a fresh virtual
environment, and render a memo with the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_renders_a_memo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist),
         str(ROOT)], capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("legal_analysis-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    # the dependencies come from the test's own environment (no network); the package itself
    # only from the wheel: a .pth line appends the dependencies after the new site-packages
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps",
                              "--no-index", str(wheel)], capture_output=True, text=True,
                             check=False)
    assert install.returncode == 0, install.stderr[-2000:]
    out = tmp_path / "memo.md"
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    example = subprocess.run([str(env_dir / "bin" / "legal-analysis"), "examples", "copy",
                              "dprk-2025-01-12", str(workdir)], capture_output=True, text=True,
                             cwd=workdir, env=env, check=False)
    assert example.returncode == 0, example.stderr
    memo = subprocess.run([str(env_dir / "bin" / "legal-analysis"), "memo",
                           str(workdir / "dprk-2025-01-12.yaml"), "-o", str(out)],
                          capture_output=True, text=True, cwd=workdir, env=env, check=False)
    assert memo.returncode == 0, memo.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Memorandum") and "party to the" in text
    where = subprocess.run([str(py), "-c", "import legal_analysis, sys; "
                            "sys.stdout.write(legal_analysis.__file__)"],
                           capture_output=True, text=True, cwd=workdir, env=env, check=True)
    assert str(env_dir) in where.stdout  # the installed copy, not the checkout
