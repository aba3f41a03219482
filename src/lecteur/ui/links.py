"""Opening web addresses from the reader: only http(s), checked, shown by their real host.

An article's links and its original address come from the page, so each is checked the
way `core.fetch` checks what it fetches (trimmed, NFKC-normalised, http or https only,
never starting with ``-``, which a browser would take as an option) before it reaches the
browser, and the notification names the real host (as punycode, so a look-alike
internationalised name shows as what it is).
"""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit

from lecteur.core.errors import FetchError
from lecteur.core.net.fetch import check_url


class RefusedLink(Exception):
    """The address is not one the reader will open; the message says why."""


def checked_url(raw: str | None) -> str:
    """`raw` as a safe http(s) address to open, or raise RefusedLink."""
    if not raw:
        raise RefusedLink("")
    try:
        return check_url(raw)
    except FetchError as error:
        raise RefusedLink(str(error)) from None


def real_host(url: str) -> str:
    """The host a URL really goes to, in ASCII (punycode for internationalised names)."""
    host = urlsplit(url).hostname or ""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host.encode("ascii", "backslashreplace").decode("ascii")


def open_in_browser(url: str) -> bool:
    """Open a checked URL in the default browser (blocking: run it in a worker)."""
    return bool(webbrowser.open(checked_url(url), new=2))
