"""Where the reader's stylesheets are: inside the installed package, or in the repository.

The wheel carries ``styles/`` as ``lecteur/styles`` (pyproject's force-include); an
editable install has no such folder inside the package, so the repository's ``styles/``
is used instead.
"""

from __future__ import annotations

from pathlib import Path

STYLESHEETS = ("app.tcss", "list.tcss", "reader.tcss", "dialogs.tcss", "voices.tcss")
# The rest loads with the first screen that needs it. voices.tcss (Quotes, People,
# Highlights) is read at the start: parsed with the others it adds 1-2 ms to the start,
# where loading it with the first of those views re-parsed every stylesheet and styled
# the whole app again (about 12 ms of the first Q's CPU, more in a real terminal).
STARTUP = ("app.tcss", "list.tcss", "voices.tcss")


def styles_dir() -> Path:
    """The folder holding the ``.tcss`` files."""
    packaged = Path(__file__).resolve().parents[1] / "styles"  # lecteur/styles in a wheel
    if (packaged / STYLESHEETS[0]).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "styles"


def stylesheets(names: tuple[str, ...] = STARTUP) -> list[Path]:
    """Paths of stylesheets (by default those the app loads at start-up).

    The reading view's and the dialogs' styles are loaded by their screens when first
    shown (`Screen.css_path`), so the first frame of the list does not wait for them.
    """
    folder = styles_dir()
    return [folder / name for name in names]
