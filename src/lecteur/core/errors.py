"""Every failure lecteur expects, as one family: `LecteurError` and its kinds.

The message of a `LecteurError` is one plain sentence a reader can act on ("The library is
busy: another lecteur is writing to it. Try again."). The command line prints it after
``lecteur:`` and the reader shows it as a notification; anything that is not a
`LecteurError` is a bug, and goes to the crash log.
"""

from __future__ import annotations


class LecteurError(Exception):
    """Something lecteur cannot do; ``str(error)`` is one plain sentence."""


class FetchError(LecteurError):
    """A web address could not be fetched as a page (refused, dead, too large, not HTML)."""


class SourceError(LecteurError):
    """A SOURCE (URL, file, standard input) cannot be read."""


class ExtractError(LecteurError):
    """The page holds no article lecteur can find."""


class LibraryError(LecteurError):
    """The library cannot do what was asked (busy, damaged, missing, refused)."""


class LibraryBusyError(LibraryError):
    """Another lecteur held the library's write lock for longer than the busy timeout."""


class NewerLibraryError(LibraryError):
    """The library was written by a newer lecteur than this one."""


class ConfigError(LecteurError):
    """The settings file cannot be read or written as asked."""


class InvalidInputError(LecteurError):
    """What the reader typed cannot be stored (an empty tag, an unknown flag)."""


class ArticleGone(LibraryError):
    """The article is no longer in the library (deleted, or moved to the trash, elsewhere).

    Raised by a change asked for on an article that another lecteur, or ``lecteur rm``,
    took away meanwhile: the reader says so once and goes back to the list, instead of
    reporting the change as done or quoting SQLite.
    """

    def __init__(self, article_id: int) -> None:
        super().__init__(f"Article #{article_id} is no longer in the library.")
        self.article_id = article_id
