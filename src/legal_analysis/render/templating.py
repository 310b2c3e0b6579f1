"""Jinja environments for memo templates: the shipped ones, or a user's in a sandbox."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..errors import Location, TemplateError

TEMPLATES = Path(__file__).parent / "templates"


def environment(template_dir: Path | None, *, autoescape: bool,
                finalize: Callable[[Any], Any] | None = None) -> jinja2.Environment:
    """An environment with StrictUndefined; a user's folder is searched first, sandboxed.

    ``finalize`` is applied to every ``{{ expression }}`` (the Markdown memo escapes there).
    """
    if template_dir is not None and not template_dir.is_dir():
        raise TemplateError("the template folder does not exist",
                            location=Location(str(template_dir)))
    search = [str(template_dir)] if template_dir is not None else []
    search.append(str(TEMPLATES))
    env_class = SandboxedEnvironment if template_dir is not None else jinja2.Environment
    return env_class(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=False,
        finalize=finalize,
    )


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render a template; any template error becomes one located line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}",
                            location=Location(exc.filename or name, exc.lineno or 0)) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}", location=Location(name)) from None
    except jinja2.UndefinedError as exc:
        line = _template_line(exc)
        raise TemplateError(f"template error: {exc.message}",
                            location=Location(line[0] or name, line[1])) from None
    except jinja2.exceptions.SecurityError as exc:
        line = _template_line(exc)
        raise TemplateError(f"the template tried something unsafe: {exc}",
                            location=Location(line[0] or name, line[1])) from None
    except jinja2.TemplateError as exc:
        line = _template_line(exc)
        raise TemplateError(f"template error: {exc}",
                            location=Location(line[0] or name, line[1])) from None


def _template_line(exc: BaseException) -> tuple[str | None, int]:
    """The template file and line where ``exc`` arose (the last template frame)."""
    tb = exc.__traceback__
    found: tuple[str | None, int] = (None, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".md")) or "/templates/" in filename:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
