"""The worked examples shipped with the package (the casebook's scenario files)."""

from __future__ import annotations

from pathlib import Path

from .errors import LegalAnalysisError, Location, OutputError, did_you_mean
from .output import write_atomic


def examples_dir() -> Path:
    """The folder of example scenarios: inside the wheel, or the checkout's docs/examples."""
    here = Path(__file__).resolve().parent
    packaged = here / "examples"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "docs" / "examples"


def example_names() -> list[str]:
    """The names of the shipped examples (file names without extension)."""
    root = examples_dir()
    return sorted(p.stem for p in root.glob("**/*.yaml"))


def example_title(name: str) -> str:
    """An example's title (read from its file without validating it)."""
    import yaml

    data = yaml.safe_load(example_path(name).read_text(encoding="utf-8"))
    return str(data.get("title", "")) if isinstance(data, dict) else ""


def example_path(name: str) -> Path:
    """The file of an example by name (e.g. ``dprk-2025-01-12``)."""
    root = examples_dir()
    matches = sorted(root.glob(f"**/{name}.yaml"))
    if not matches:
        raise LegalAnalysisError(f"no example named {name!r}",
                                 suggestion=did_you_mean(name, example_names()),
                                 expected="a name listed by 'legal-analysis examples list'")
    return matches[0]


def copy_example(name: str, directory: Path, force: bool = False) -> Path:
    """Copy an example's scenario file into ``directory``; never over a file without ``force``,
    and never over anything but a regular file (see :func:`.output.check_target`)."""
    src = example_path(name)
    if not directory.is_dir():
        raise OutputError("the target folder does not exist", location=Location(str(directory)),
                          expected="an existing folder")
    target = directory / src.name
    write_atomic(target, src.read_bytes(), force)
    return target
