"""Jinja environments for memo templates: the shipped ones, or a user's in a sandbox.

A user's folder is read through :class:`FolderLoader`, which reads only regular files inside the
folder (a symbolic link that leads out of it is refused, and so is a named pipe or a device), and
rendered in the :class:`~.template_sandbox.Sandbox`, under the limits of
:data:`~.template_limits.LIMITS`. Whatever goes wrong in a template ends as one
:class:`~legal_analysis.errors.TemplateError` line naming the template file and line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from ..errors import Location, TemplateError
from . import template_limits
from .template_limits import Limits, Refused
from .template_sandbox import Sandbox

TEMPLATES = Path(__file__).parent / "templates"

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0))
"""Flags for opening a template: a named pipe swapped in after the check does not block, and a
symbolic link swapped in is not followed."""


def environment(template_dir: Path | None, *, autoescape: bool,
                finalize: Callable[[Any], Any] | None = None,
                limits: Limits | None = None) -> jinja2.Environment:
    """An environment with StrictUndefined; a user's folder is searched first, sandboxed.

    ``finalize`` is applied to every ``{{ expression }}`` (the Markdown memo escapes there).
    ``limits`` default to :data:`~.template_limits.LIMITS`.
    """
    options: dict[str, Any] = {"undefined": jinja2.StrictUndefined, "autoescape": autoescape,
                               "keep_trailing_newline": True, "trim_blocks": False,
                               "finalize": finalize}
    if template_dir is None:
        return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), **options)
    if not template_dir.is_dir():
        raise TemplateError("the template folder does not exist",
                            location=Location(str(template_dir)))
    limits = limits or template_limits.LIMITS
    return Sandbox(limits, loader=FolderLoader(template_dir, limits), auto_reload=False,
                   **options)


class FolderLoader(jinja2.BaseLoader):
    """A user's template folder, then the shipped templates; nothing else is read.

    A template name is resolved to its real path (every symbolic link followed) and refused
    unless that path is inside the folder and a regular file of at most
    :attr:`~.template_limits.Limits.template_bytes`.
    """

    def __init__(self, folder: Path, limits: Limits) -> None:
        self.folder = str(folder)
        self.root = os.path.realpath(folder)
        self.limits = limits

    def shown(self, name: str) -> str:
        """How the template ``name`` in the folder is named in messages."""
        return os.path.join(self.folder, name)

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        if not isinstance(template, str):
            raise jinja2.TemplateNotFound(repr(template))
        pieces = split_template_path(template)  # refuses '..'
        if not pieces:  # '', '.', '/': the folder itself
            raise jinja2.TemplateNotFound(template)
        shown = os.path.normpath(os.path.join(self.folder, *pieces))
        try:
            real = os.path.realpath(os.path.join(self.root, *pieces))
        except (OSError, ValueError):
            raise Refused(f"refused to read {template!r}: not a usable file name") from None
        if not _inside(real, self.root):
            raise Refused(f"refused to read {template!r}: it leads outside the template "
                          f"folder, to {real}")
        if os.path.lexists(real):
            return self._read(template, real, shown), shown, lambda: True
        shipped = TEMPLATES.joinpath(*pieces)
        if shipped.is_file():
            return self._read(template, str(shipped), str(shipped)), str(shipped), lambda: True
        raise jinja2.TemplateNotFound(template)

    def load(self, environment: jinja2.Environment, name: str,
             globals: Any = None) -> jinja2.Template:
        if isinstance(environment, Sandbox):
            environment.budget.tick()  # a long list of names to try, {% include [...] %}
        return super().load(environment, name, globals)

    def _read(self, name: str, real: str, shown: str) -> str:
        """The text of the template file ``real``: a regular file, never anything that could
        block or be endless (a named pipe, a device)."""
        limit = self.limits.template_bytes
        try:
            kind = _kind(os.stat(real).st_mode)
            if not kind:
                fd = os.open(real, _OPEN_FLAGS)
                try:
                    kind = _kind(os.fstat(fd).st_mode)
                    data = b"" if kind else _read_at_most(fd, limit + 1)
                finally:
                    os.close(fd)
        except OSError as exc:
            raise Refused(f"cannot read {name!r} ({shown}): {exc.strerror}") from None
        if kind:
            raise Refused(f"refused to read {name!r}: {shown} is {kind}, not a regular file")
        if len(data) > limit:
            raise Refused(f"refused to read {name!r}: {shown} is larger than {limit:,} bytes "
                          "(the limit for a template)")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Refused(f"cannot read {name!r}: {shown} is not UTF-8 text "
                          f"(byte {exc.start + 1})") from None


def _inside(path: str, root: str) -> bool:
    """Whether the real path ``path`` is ``root`` or inside it."""
    try:
        return os.path.commonpath([root, path]) == root
    except ValueError:  # another drive
        return False


def _read_at_most(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes of the open file ``fd``."""
    chunks: list[bytes] = []
    left = size
    while left > 0 and (chunk := os.read(fd, left)):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is ('' for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
    return next((kind for test, kind in kinds if test(mode)), "a special file")


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render a template; anything that goes wrong becomes one located line."""
    if isinstance(env, Sandbox):
        env.restart()
    loader = env.loader
    shown = loader.shown(name) if isinstance(loader, FolderLoader) else name
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}",
                            location=Location(exc.filename or shown, exc.lineno or 0)) from None
    except Exception as exc:  # a template can raise nearly anything: 1 / 0, a filter's TypeError…
        file, line = _template_line(exc)
        raise TemplateError(_message(exc), location=Location(file or shown, line)) from None


def _message(exc: Exception) -> str:
    """What went wrong in a template, in words."""
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template not found: {_text(exc.name)}"
    if isinstance(exc, SecurityError):
        return f"the template tried something unsafe: {_text(exc)}"
    if isinstance(exc, jinja2.TemplateError):  # Refused (a limit, a file), UndefinedError, …
        return f"template error: {_text(exc)}"
    if isinstance(exc, RecursionError):
        return ("template error: nested too deeply for Python (templates within templates, "
                "or a value within values)")
    if isinstance(exc, MemoryError):
        return "template error: out of memory"
    return f"template error: {_text(exc)} ({type(exc).__name__})"


def _text(value: object, limit: int = 300) -> str:
    """``str(value)``, shortened to ``limit`` characters; never raises."""
    try:
        text = str(value)
    except Exception:  # an exception whose message cannot be written out
        text = ""
    text = text or type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _template_line(exc: BaseException) -> tuple[str | None, int]:
    """The template file and line where ``exc`` arose (the innermost template frame).

    Jinja rewrites a template's frames so that they name the template file and line; such a
    frame has the exception in its globals as ``__jinja_exception__``.
    """
    tb = exc.__traceback__
    found: tuple[str | None, int] = (None, 0)
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
