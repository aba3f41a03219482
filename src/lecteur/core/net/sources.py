"""Turn what the reader typed (a URL, a file, ``-``) into an extraction `Job`.

A SOURCE is an http(s) URL, a local ``.html``/``.htm`` file, a local plain-text or Markdown
file, or ``-`` for standard input. Anything else is refused with one plain sentence.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from lecteur.core.errors import FetchError, SourceError
from lecteur.core.models import Job
from lecteur.core.net.encoding import decode_bytes
from lecteur.core.net.fetch import DEFAULT_LIMITS, check_url, fetch
from lecteur.core.text.urls import without_credentials

TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_HTML_START = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta")
_URL_PREFIXES = ("http://", "https://")
_SCHEME_LIKE = ("file:", "ftp:", "data:", "javascript:", "feed:", "gopher:", "about:",
                "mailto:", "vbscript:", "smb:", "ssh:")


def load(source: str) -> Job:
    """Read `source` (fetching it if it is a URL) and return the job to extract it.

    A URL's credentials (``user:password@``) are dropped before anything else, so the job,
    the article and every message carry the URL without them. A bare ``www.`` address
    that is not a file here (``www.example.org/x``) is read as ``https://``.
    """
    source = as_source(source)
    try:
        if source == "-":
            return _job_from_bytes(_read_stdin(), source)
        if source.lower().startswith(_URL_PREFIXES):
            page = fetch(source)
            kind: Literal["html", "text"] = "text" if page.media_type in TEXT_TYPES else "html"
            return Job(kind=kind, content=page.text, source=source, url=page.url)
        if source.lower().startswith(_SCHEME_LIKE) or source.startswith("\\\\"):
            check_url(source)  # raises the refusal message for other schemes
        return _job_from_file(source)
    except FetchError as error:
        raise error.recast(SourceError) from None


def as_source(source: str) -> str:
    """The source lecteur reads and shows for what was typed (see `load`)."""
    source = without_credentials(source)
    if source[:4].lower() == "www." and not Path(source).expanduser().exists():
        return "https://" + source
    return source


def _read_stdin() -> bytes:
    data = sys.stdin.buffer.read(DEFAULT_LIMITS.max_bytes + 1)
    if len(data) > DEFAULT_LIMITS.max_bytes:
        raise SourceError("source.stdin_too_large")
    if not data.strip():
        raise SourceError("source.stdin_empty")
    return data


def _job_from_file(source: str) -> Job:
    """Read a local file within the size cap."""
    path = Path(source).expanduser()
    try:
        if path.is_dir():
            raise SourceError("source.folder", source=source)
        if path.stat().st_size > DEFAULT_LIMITS.max_bytes:
            raise SourceError("source.too_large", source=source)
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("source.missing", source=source) from None
    except PermissionError:
        raise SourceError("source.permission", source=source) from None
    except OSError as error:
        raise SourceError("source.unreadable", source=source,
                          reason=error.strerror or "error") from None
    return _job_from_bytes(data, source, is_html=path.suffix.lower() in HTML_SUFFIXES)


def _job_from_bytes(data: bytes, source: str, is_html: bool | None = None) -> Job:
    """Decide HTML or text, refuse binary data, decode."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("source.binary", source=source)
    if is_html is None:
        is_html = data.lstrip()[:64].lower().startswith(_HTML_START)
    text, _encoding = decode_bytes(data, None, html=is_html)
    return Job(kind="html" if is_html else "text", content=text, source=source)
