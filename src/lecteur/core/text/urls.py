"""Canonical URLs, so that the same article saved twice is one article; URLs without secrets.

The canonical form drops the fragment, tracking parameters (``utm_*``, ``fbclid``,
``gclid``, Mailchimp's ``mc_*``, ...), the default port and the letter case of the scheme
and host; it keeps the path and the other parameters in their order, since those can
change what the page shows.

A URL typed as ``https://user:password@host/page`` carries a secret: `without_credentials`
drops the ``user:password@`` part, and lecteur fetches, stores and shows only what is left.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "mtm_", "hsa_", "_hs")
_TRACKING_NAMES = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mkt_tok",
     "_ga", "_gl", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "ref_src", "ncid",
     "cmpid", "s_cid", "xtor", "at_medium", "at_campaign", "sr_share"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL (see the module docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def without_credentials(text: str) -> str:
    """`text` without the ``user:password@`` of a URL (anything else is returned as it is).

    Only the authority (between ``//`` and the first ``/``, ``?`` or ``#``) is looked at,
    so an ``@`` in a path or a query (``/@name``, ``?to=a@b``) stays.
    """
    scheme, sep, rest = text.partition("://")
    if not sep or "/" in scheme or "@" not in rest:
        return text
    end = len(rest)
    for mark in "/?#":
        found = rest.find(mark)
        if found != -1:
            end = min(end, found)
    authority = rest[:end]
    if "@" not in authority:
        return text
    return f"{scheme}://{authority.rpartition('@')[2]}{rest[end:]}"
