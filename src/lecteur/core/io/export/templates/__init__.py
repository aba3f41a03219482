"""The Jinja2 layouts of exports: the package's defaults, or the reader's own.

A reader's template (``<config dir>/templates/article.md.j2`` or ``playbook.md.j2``)
replaces the default of the same name. Templates run in Jinja2's `SandboxedEnvironment`
(no access to Python internals, even from a template someone shared), with autoescape off
(the output is Markdown, not HTML); what they show (titles, passages, notes) is passed as
data, so a page's text holding ``{{ ... }}`` or ``{% ... %}`` is printed, never run.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lecteur.core.errors import InvalidInputError

if TYPE_CHECKING:
    from jinja2 import Template

ARTICLE = "article.md.j2"
PLAYBOOK = "playbook.md.j2"


def blockquote(text: object) -> str:
    """Each line of `text` as a Markdown block-quote line (``> ``; ``>`` for a blank one)."""
    return "\n".join(f"> {line}" if line else ">" for line in str(text).split("\n"))


def template_source(name: str, user_folder: Path | None) -> str:
    """The text of template `name`: the reader's own if there is one, else the default."""
    if user_folder is not None:
        own = user_folder / name
        if own.is_file():
            return own.read_text(encoding="utf-8")
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def load_template(name: str, user_folder: Path | None = None) -> Template:
    """Template `name`, compiled in a sandbox; `InvalidInputError` if it does not parse."""
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(autoescape=False, trim_blocks=True, lstrip_blocks=True,
                                       keep_trailing_newline=True)
    environment.filters["blockquote"] = blockquote
    try:
        return environment.from_string(template_source(name, user_folder))
    except TemplateSyntaxError as error:
        raise InvalidInputError("export.bad_template", name=name, reason=error.message) from None


def render(template: Template, context: dict[str, Any]) -> str:
    """Render `template` with `context`; a failing template is one plain sentence."""
    from jinja2 import TemplateError

    try:
        return template.render(context)
    except TemplateError as error:
        raise InvalidInputError("export.bad_template", name=template.name or "?",
                                reason=str(error)) from None


def generate(template: Template, context: dict[str, Any]) -> Iterator[str]:
    """`render`, in pieces as the template makes them (a long output is never one string)."""
    from jinja2 import TemplateError

    try:
        yield from template.generate(context)
    except TemplateError as error:
        raise InvalidInputError("export.bad_template", name=template.name or "?",
                                reason=str(error)) from None
