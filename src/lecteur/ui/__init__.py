"""lecteur's reader: the Textual app (imported only when ``lecteur`` runs with no command).

`main` picks the language (``--lang``, else the config file, else the locale), reads the
config file, opens the library and runs the app until the reader quits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lecteur.core.paths import Dirs

if TYPE_CHECKING:
    from lecteur.core.library.health import EarlyCheck
    from lecteur.core.library.store import Library


def main(folders: Dirs, language: str | None = None) -> int:
    """Run the reader on the library in `folders` (``--library`` honoured).

    Returns 0, or 1 after an unexpected error, whose traceback goes to the crash log of
    the library in use. Raises `lecteur.core.errors.LibraryError` if the library cannot
    be opened.
    """
    from lecteur.core.library.health import EarlyCheck

    # The library's bounded check reads the file while Textual is imported (off this
    # thread); the open below waits for its answer before anything is written.
    check = EarlyCheck(folders.library)
    from lecteur.core.config import config_path, load_config
    from lecteur.ui.i18n import set_language

    config = load_config(config_path(folders))
    set_language(language or config.language)
    from lecteur.ui.app import LecteurApp

    with _open(folders, check) as library:
        app = LecteurApp(library, config=config)
        app.run()
    return _exit_status(app, folders)


def _open(folders: Dirs, check: EarlyCheck | bool = True) -> Library:
    """The library, read-only if it is damaged or cannot be written (the app says so).

    `check`: the bounded check already started (`EarlyCheck`), else True to check here.
    """
    from lecteur.core.errors import DamagedLibraryError, ReadOnlyLibraryError
    from lecteur.core.library.store import Library

    try:
        return Library(folders.library, check=check)
    except (DamagedLibraryError, ReadOnlyLibraryError):
        return Library(folders.library, for_writing=False, check=check)


def _exit_status(app: object, folders: Dirs) -> int:
    """0 if the reader ended as asked; else 1, with the crash log written and named."""
    import sys

    from lecteur.core.catalogue import say
    from lecteur.core.io.crashlog import write_crash_log
    from lecteur.core.text.sanitize import clean_line
    from lecteur.ui import compat
    from lecteur.ui.app import LecteurApp

    assert isinstance(app, LecteurApp)
    error = compat.unhandled_exception(app)
    if error is None and not app.return_code:
        return 0
    failure = error or RuntimeError(f"the reader exited with status {app.return_code}")
    log = write_crash_log(failure, folders)
    line = say("cli.crashed", kind=type(failure).__name__, log=log)
    print(f"lecteur: {clean_line(line)}", file=sys.stderr)
    return 1
