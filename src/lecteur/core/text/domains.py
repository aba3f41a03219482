"""Registrable domains: which host names belong to the same site.

``www.lemonde.fr`` and ``lemonde.fr`` are one site; ``a.bbc.co.uk`` and ``bbc.co.uk`` too,
but ``bbc.co.uk`` and ``evil.co.uk`` are not, because ``co.uk`` is a public suffix, under
which anyone can register a name. The registrable domain is the public suffix plus one
label. lecteur trusts a page's ``<link rel="canonical">`` only when it names the same
registrable domain as the page's own address (`same_site`).

The limit: without the full Public Suffix List, the suffixes of more than one label come
from a short data file (``suffixes.txt``: co.uk, com.au, gouv.fr, qc.ca, github.io, ...);
every other suffix is taken to be the last label. A multi-label suffix missing from the
file makes two sites under it look like one. IP addresses and single-label hosts
(``localhost``) are their own domain, compared whole.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
from importlib import resources
from urllib.parse import urlsplit


@functools.cache
def multi_label_suffixes() -> frozenset[str]:
    """The public suffixes of two labels or more that lecteur knows (``suffixes.txt``)."""
    text = resources.files(__package__).joinpath("suffixes.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return frozenset(word.lower().strip(".") for line in lines for word in line.split())


def registrable_domain(host: str) -> str:
    """The registrable domain of a host name: ``www.bbc.co.uk`` -> ``bbc.co.uk``.

    Case, a trailing dot and a port do not matter; IDNs are compared in their ASCII form.
    An IP address or a one-label host is returned whole.
    """
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") or _is_ip(host):
        return host
    with contextlib.suppress(UnicodeError):  # a host too odd to encode is compared as written
        host = host.encode("idna").decode("ascii")
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    suffixes = multi_label_suffixes()
    for size in range(len(labels) - 1, 1, -1):  # the longest known suffix first
        if ".".join(labels[-size:]) in suffixes:
            return ".".join(labels[-size - 1:])
    return ".".join(labels[-2:])


def same_site(url: str, other: str) -> bool:
    """Whether two http(s) URLs are on the same registrable domain (ports aside)."""
    try:
        first, second = urlsplit(url).hostname, urlsplit(other).hostname
    except ValueError:
        return False
    if not first or not second:
        return False
    return registrable_domain(first) == registrable_domain(second)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
