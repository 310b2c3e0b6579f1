"""Output paths that are not regular files: a named pipe, a socket, a device node, a directory,
or a symbolic link to one of them. Every command that writes a file (``memo -o``, ``batch -o``,
``examples copy``) refuses them with one line and exit code 2, with or without ``--force``, and
leaves them as they were: renaming the new file into place would have replaced a device node by
a regular file.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from legal_analysis.errors import OutputError
from legal_analysis.output import atomic_writer

from .test_hostile import assert_one_line, cli, small_scenario

Command = Callable[[Path, Path], list[str | Path]]


def _memo(folder: Path, target: Path) -> list[str | Path]:
    return ["memo", small_scenario(folder), "-o", target]


def _batch(folder: Path, target: Path) -> list[str | Path]:
    inputs = folder / "inputs"
    inputs.mkdir(exist_ok=True)
    small_scenario(inputs)
    return ["batch", inputs, "-o", target]


def _copy(folder: Path, target: Path) -> list[str | Path]:
    """``examples copy`` names the file after the example: ``target`` must carry that name."""
    return ["examples", "copy", "tutorial-border-war", target.parent]


COMMANDS: dict[str, Command] = {"memo": _memo, "batch": _batch, "examples copy": _copy}
TARGET_NAME = "tutorial-border-war.yaml"
"""The name every test gives its target, so that ``examples copy`` writes to it too."""


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    held: list[socket.socket] = []

    def make(path: Path) -> None:
        if len(str(path)) > 100:
            pytest.skip("the temporary folder's path is too long for a Unix socket")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(str(path))
        held.append(sock)

    yield make
    for sock in held:
        sock.close()


def _snapshot(path: Path) -> tuple[int, int, int]:
    """What the node at ``path`` is: its type, its device numbers and its inode."""
    st = path.lstat()
    return stat.S_IFMT(st.st_mode), st.st_rdev, st.st_ino


def _assert_refused(command: Command, folder: Path, target: Path, *words: str) -> None:
    """The command refuses ``target`` with and without --force and leaves it and the folder as
    they were (no temporary file either)."""
    args = command(folder, target)
    before = _snapshot(target)
    names = sorted(p.name for p in target.parent.iterdir())
    assert_one_line(*cli(*args), *words)
    assert_one_line(*cli(*args, "--force"), *words)
    assert _snapshot(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == names


@pytest.mark.parametrize("command", COMMANDS)
def test_a_named_pipe_is_never_replaced(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / TARGET_NAME
    os.mkfifo(target)
    _assert_refused(COMMANDS[command], tmp_path, target, "named pipe (FIFO)",
                    "not a regular file")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_to_a_named_pipe_is_never_written_through(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = out / TARGET_NAME
    link.symlink_to(fifo)
    args = COMMANDS[command](tmp_path, link)
    assert_one_line(*cli(*args), "symbolic link")
    assert_one_line(*cli(*args, "--force"), "named pipe (FIFO)")
    assert link.is_symlink() and stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_socket_is_never_replaced(tmp_path: Path, command: str,
                                    unix_socket: Callable[[Path], None]) -> None:
    out = tmp_path / "o"
    out.mkdir()
    target = out / TARGET_NAME
    unix_socket(target)
    _assert_refused(COMMANDS[command], tmp_path, target, "a socket")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make a device node (os.mknod)")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_node_is_never_replaced(tmp_path: Path, command: str) -> None:
    """A device node made in the test's own folder (the numbers of /dev/null; no real /dev
    entry is touched): as root, ``--force`` renamed the new file over it."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / TARGET_NAME
    os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    _assert_refused(COMMANDS[command], tmp_path, target, "a character device")
    assert os.major(target.lstat().st_rdev) == 1 and os.minor(target.lstat().st_rdev) == 3


@pytest.mark.parametrize("command", ["memo", "batch"])
def test_a_directory_is_never_replaced(tmp_path: Path, command: str) -> None:
    target = tmp_path / TARGET_NAME
    target.mkdir()
    _assert_refused(COMMANDS[command], tmp_path, target, "is a directory")


def test_examples_copy_refuses_a_directory_of_the_examples_name(tmp_path: Path) -> None:
    (tmp_path / TARGET_NAME).mkdir()
    assert_one_line(*cli("examples", "copy", "tutorial-border-war", tmp_path, "--force"),
                    "is a directory")
    assert (tmp_path / TARGET_NAME).is_dir()


def test_a_regular_file_and_a_link_to_one_are_still_replaced_with_force(tmp_path: Path) -> None:
    """The refusal is for special files only: a regular file (or a link to one) is replaced
    with ``--force``, by every command."""
    for name, command in COMMANDS.items():
        out = tmp_path / name.replace(" ", "-")
        out.mkdir()
        target = out / TARGET_NAME
        target.write_text("old")
        code, _, err = cli(*command(out, target), "--force")
        assert code == 0, (name, err)
        assert target.read_text(encoding="utf-8") != "old"
        real = out / "real.yaml"
        real.write_text("old")
        target.unlink()
        target.symlink_to(real)
        code, _, err = cli(*command(out, target), "--force")
        assert code == 0, (name, err)
        assert target.is_symlink() and real.read_text(encoding="utf-8") != "old"


def test_examples_copy_refuses_a_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / TARGET_NAME
    target.write_text("mine")
    assert_one_line(*cli("examples", "copy", "tutorial-border-war", tmp_path), "exists already",
                    "--force")
    assert target.read_text() == "mine"


def test_a_pipe_made_while_writing_is_not_renamed_over(tmp_path: Path) -> None:
    """The target is looked at again just before the rename: a named pipe put there while the
    file was being written is left as it is, and the temporary file is removed."""
    target = tmp_path / "memo.md"

    def write() -> None:
        with atomic_writer(target) as fh:
            fh.write(b"text")
            os.mkfifo(target)

    with pytest.raises(OutputError, match="named pipe"):
        write()
    assert stat.S_ISFIFO(target.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]
