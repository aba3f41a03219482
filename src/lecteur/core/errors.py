"""Every failure lecteur expects, as one family: `LecteurError` and its kinds.

The message of a `LecteurError` is one plain sentence a reader can act on ("The library is
busy: another lecteur is writing to it. Try again."). The command line prints it after
``lecteur:`` and the reader shows it as a notification; anything that is not a
`LecteurError` is a bug, and goes to the crash log.

An error holds a key of `lecteur.core.catalogue` and the values to put in it, and becomes a
sentence only when it is shown, in the language in force (English or French). A plain
sentence given instead of a key is shown as it is.
"""

from __future__ import annotations

from typing import Any, TypeVar

from lecteur.core.catalogue import kept, say

_Kind = TypeVar("_Kind", bound="LecteurError")


class LecteurError(Exception):
    """Something lecteur cannot do; ``str(error)`` is one plain sentence.

    ``LecteurError("fetch.unreachable", host="example.org")``: `key` names a sentence of the
    catalogue, `values` fill its placeholders (they survive pickling, as instance state).
    """

    def __init__(self, key: str, /, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def __str__(self) -> str:
        return say(self.key, **self.values)

    def kept(self) -> str:
        """The sentence as text to store and say later in the language then in force
        (`lecteur.core.catalogue.shown`)."""
        return kept(self.key, **self.values)

    def recast(self, kind: type[_Kind]) -> _Kind:
        """The same sentence as another kind of error (a fetch failure as a source error)."""
        return kind(self.key, **self.values)


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


class DamagedLibraryError(LibraryError):
    """The library file is damaged; lecteur reads it read-only and never writes to it."""


class ReadOnlyLibraryError(LibraryError):
    """The library (its file, folder or filesystem) cannot be written, only read."""


class NotALibraryError(LibraryError):
    """The folder given holds other files and no library: lecteur will not write there."""


class DiskFullError(LibraryError):
    """The disk is full: the change was not saved, and what was saved before is intact."""


class ArticleGone(LibraryError):
    """The article is no longer in the library (deleted, or moved to the trash, elsewhere).

    Raised by a change asked for on an article that another lecteur, or ``lecteur rm``,
    took away meanwhile: the reader says so once and goes back to the list, instead of
    reporting the change as done or quoting SQLite.
    """

    @property
    def article_id(self) -> int:
        """The id of the article that left (``ArticleGone("library.article_gone", id=N)``)."""
        return int(self.values["id"])


class ThrottledError(FetchError):
    """The site asked lecteur to come back later (429, or 503 with Retry-After).

    ``ThrottledError("fetch.throttled_wait", url=..., seconds=30.0)`` when it said how
    long, ``ThrottledError("fetch.throttled", url=...)`` when it did not.
    """

    @property
    def retry_after(self) -> float | None:
        """How many seconds the site asked to wait (None when it did not say)."""
        seconds = self.values.get("seconds")
        return None if seconds is None else float(seconds)


class FeedError(LecteurError):
    """A feed cannot be added, fetched or read (not a feed, malformed beyond reading)."""
