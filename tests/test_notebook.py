"""docs/notebook.ipynb runs, without Jupyter: each code cell is executed in order in one
namespace (the repository's root as working directory), and a cell's last expression is kept
as ``_``, as a notebook shows it."""

from __future__ import annotations

import ast
import json
from typing import Any

import pytest

from legal_analysis import Analysis, Result, WhatIf

from .conftest import ROOT
from .test_readable import parse

NOTEBOOK = ROOT / "docs" / "notebook.ipynb"


def code_cells() -> list[str]:
    book = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert book["nbformat"] == 4
    cells = [c for c in book["cells"] if c["cell_type"] == "code"]
    for cell in cells:
        assert cell["outputs"] == [] and cell["execution_count"] is None, "stored output"
    return ["".join(c["source"]) for c in cells]


def run_cell(source: str, namespace: dict[str, Any], name: str) -> Any:
    """Execute a cell; the value of its last statement if that is an expression, else None."""
    tree = ast.parse(source, name)
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr):
        exec(compile(ast.Module(tree.body[:-1], []), name, "exec"), namespace)
        return eval(compile(ast.Expression(last.value), name, "eval"), namespace)
    exec(compile(tree, name, "exec"), namespace)
    return None


def test_the_notebook_runs_and_its_displays_parse(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    shown: list[Any] = []
    for n, source in enumerate(code_cells()):
        shown.append(run_cell(source, namespace, f"{NOTEBOOK.name}, code cell {n + 1}"))
    printed = capsys.readouterr().out
    analysis, result, changed = namespace["analysis"], namespace["result"], namespace["changed"]
    assert isinstance(analysis, Analysis) and isinstance(result, Result)
    assert isinstance(changed, WhatIf)
    assert shown[0] is analysis and shown[1] is result and shown[3] is changed
    assert result.describe() in printed
    assert all(b.describe() in printed for b in result.branches)
    assert "Democratic People's Republic of Korea is not a party to the conflict." in printed
    assert shown[4] == namespace["rows"][0] and "answer" in shown[4]
    for obj in (analysis, result, changed):
        text = " ".join(parse(obj._repr_html_()).text)
        assert result.describe() in text or obj is changed
    last = shown[-1]
    assert isinstance(last, Analysis) and last.scenario.title == "Two states <and a deployment>"
    page = parse(last._repr_html_() or "")
    assert "Two states <and a deployment>" in page.text and "and" not in page.tags


def test_a_cell_s_last_expression_is_what_it_shows() -> None:
    """The runner is not vacuous: it keeps the value of a final expression, not of a statement."""
    ns: dict[str, Any] = {}
    assert run_cell("x = 2\nx * 3", ns, "cell") == 6
    assert run_cell("y = x", ns, "cell") is None and ns["y"] == 2
