"""lecteur's reader: the Textual app (imported only when ``lecteur`` runs with no command).

`main` picks the language (``--lang``, else the config file, else the locale), reads the
config file, opens the library and runs the app until the reader quits.
"""

from __future__ import annotations

from lecteur.core.paths import Dirs


def main(folders: Dirs, language: str | None = None) -> int:
    """Run the reader on the library in `folders` (``--library`` honoured).

    Returns 0, or 1 after an unexpected error, whose traceback goes to the crash log of
    the library in use. Raises `lecteur.core.errors.LibraryError` if the library cannot
    be opened.
    """
    from lecteur.core.config import config_path, load_config
    from lecteur.core.library.store import Library
    from lecteur.ui.i18n import set_language

    config = load_config(config_path(folders))
    set_language(language or config.language)
    from lecteur.ui.app import LecteurApp

    with Library(folders.library) as library:
        app = LecteurApp(library, config=config)
        app.run()
    return _exit_status(app, folders)


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
