"""lecteur's reader: the Textual app (imported only when ``lecteur`` runs with no command).

`main` picks the language (``--lang``, else the config file, else the locale), reads the
config file, opens the library and runs the app until the reader quits.
"""

from __future__ import annotations

from lecteur.core.paths import Dirs


def main(folders: Dirs, language: str | None = None) -> int:
    """Run the reader on the library in `folders` (``--library`` honoured); return 0.

    Raises `lecteur.core.library.store.LibraryError` if the library cannot be opened.
    """
    from lecteur.core.config import config_path, load_config
    from lecteur.core.library.store import Library
    from lecteur.ui.i18n import set_language

    config = load_config(config_path(folders))
    set_language(language or config.language)
    from lecteur.ui.app import LecteurApp

    with Library(folders.library) as library:
        LecteurApp(library, config=config).run()
    return 0
