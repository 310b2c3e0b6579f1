"""The package's layers: every module imports only from its own layer or those below, and no
modules import each other in a circle.

Imports are read from the source (at module level, inside functions, and under
``TYPE_CHECKING``), so a circle cannot be hidden by importing inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "legal_analysis"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("errors", "nesting", "documents", "validation", "output", "dates", "scalars", "text_checks",
     "terminal", "filekinds", "model_walk", "formats", "migrate"),
    ("fact_types", "facts", "scenario", "sources", "examples", "schema", "model", "bridge",
     "citations", "limits", "rewrite"),
    ("ruleset",),
    ("engine",),
    ("lint",),
    ("render",),
    ("batch", "cli", "cli_files", "console", "display", "interview", "styled", "__main__", ""),
)
"""From the bottom up: values every layer shares; errors, reading and writing files and checking
plain values; the scenario models of both formats and the sources registry; the rule language;
the engine; the warnings about a scenario (which ask the engine what its rules read); the memo;
the command line (with ``new``'s interview) and the package's public face (``""``, its
``__init__``, and the analyses it makes for people to read, ``display``)."""

ALLOWED_CYCLES: frozenset[frozenset[str]] = frozenset({
    frozenset({"render.model", "render.diagram"}),
})
"""Circles tolerated for now: the memo model builds its diagrams, and the diagram module types
its arguments with the model's classes (an import for the type checker only)."""


def module_name(path: Path) -> str:
    """``render.model`` for src/legal_analysis/render/model.py; ``""`` for the package."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, name: str | None = None) -> set[str]:
    """The project modules a module imports (anywhere in it), by module name (``name``: the
    module the file is read as, by default the one it is)."""
    name = module_name(path) if name is None else name
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    package = [p for p in package if p]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("legal_analysis"):
                target = node.module.removeprefix("legal_analysis").lstrip(".")
            else:
                continue
            for alias in node.names:
                child = f"{target}.{alias.name}".lstrip(".")
                out.add(child if (PACKAGE / Path(*child.split("."))).with_suffix(".py").exists()
                        or (PACKAGE / Path(*child.split(".")) / "__init__.py").exists()
                        else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("legal_analysis"):
                    out.add(alias.name.removeprefix("legal_analysis").lstrip("."))
    out.discard(name)
    return out


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def layer(name: str) -> int:
    head = name.split(".")[0]
    for i, members in enumerate(LAYERS):
        if head in members:
            return i
    raise AssertionError(f"module {name!r} is in no layer: add it to LAYERS")


def test_every_import_goes_down_or_stays_in_its_layer() -> None:
    upward = sorted(f"{m} (layer {layer(m)}) imports {d} (layer {layer(d)})"
                    for m, deps in graph().items() for d in deps if layer(d) > layer(m))
    assert not upward, "\n".join(upward)


def test_the_ruleset_never_imports_the_engine() -> None:
    bad = sorted((m, d) for m, deps in graph().items() if m.startswith("ruleset")
                 for d in deps if d.startswith(("engine", "render")))
    assert not bad


def test_no_modules_import_each_other_in_a_circle() -> None:
    g = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(g.get(node, ())):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):]
                if frozenset(cycle) not in ALLOWED_CYCLES:
                    cycles.append([*cycle, nxt])
            elif state.get(nxt) is None and nxt in g:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(g):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def test_the_reader_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The checks above can fail: the reader sees relative imports (of a module, of a name in
    a module), absolute ones, and those inside functions."""
    fake = tmp_path / "conditions.py"
    fake.write_text("from ..errors import Location\nfrom . import paths\n"
                    "import legal_analysis.facts\n"
                    "def f():\n    from ..engine import analysis\n", encoding="utf-8")
    found = imports(fake, "ruleset.conditions")
    assert found == {"errors", "ruleset.paths", "facts", "engine.analysis"}
    assert layer("engine.analysis") > layer("ruleset.conditions")
