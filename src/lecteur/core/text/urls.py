"""Canonical URLs, so that the same article saved twice is one article.

The canonical form drops the fragment, tracking parameters (``utm_*``, ``fbclid``,
``gclid``, Mailchimp's ``mc_*``, ...), the default port and the letter case of the scheme
and host; it keeps the path and the other parameters in their order, since those can
change what the page shows.
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
