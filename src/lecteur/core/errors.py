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


class ThrottledError(FetchError):
    """The site asked lecteur to come back later (429, or 503 with Retry-After).

    `retry_after` is how many seconds it asked to wait (None when it did not say).
    """

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FeedError(LecteurError):
    """A feed cannot be added, fetched or read (not a feed, malformed beyond reading)."""
