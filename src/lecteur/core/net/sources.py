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

TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_HTML_START = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta")
_URL_PREFIXES = ("http://", "https://")
_SCHEME_LIKE = ("file:", "ftp:", "data:", "javascript:", "feed:", "gopher:", "about:",
                "mailto:", "vbscript:", "smb:", "ssh:")


def load(source: str) -> Job:
    """Read `source` (fetching it if it is a URL) and return the job to extract it."""
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
        raise SourceError(str(error)) from None


def _read_stdin() -> bytes:
    data = sys.stdin.buffer.read(DEFAULT_LIMITS.max_bytes + 1)
    if len(data) > DEFAULT_LIMITS.max_bytes:
        raise SourceError("Standard input is too large to read (over 10 MB).")
    if not data.strip():
        raise SourceError("Standard input is empty.")
    return data


def _job_from_file(source: str) -> Job:
    """Read a local file within the size cap."""
    path = Path(source).expanduser()
    try:
        if path.is_dir():
            raise SourceError(f"{source} is a folder, not an article.")
        if path.stat().st_size > DEFAULT_LIMITS.max_bytes:
            raise SourceError(f"{source} is too large to read (over 10 MB).")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{source} does not exist (not a file, nor an http(s) URL).") from None
    except PermissionError:
        raise SourceError(f"{source} cannot be read: permission denied.") from None
    except OSError as error:
        raise SourceError(f"{source} cannot be read: {error.strerror or 'error'}.") from None
    return _job_from_bytes(data, source, is_html=path.suffix.lower() in HTML_SUFFIXES)


def _job_from_bytes(data: bytes, source: str, is_html: bool | None = None) -> Job:
    """Decide HTML or text, refuse binary data, decode."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(f"{source} is not text (it looks like a binary file).")
    if is_html is None:
        is_html = data.lstrip()[:64].lower().startswith(_HTML_START)
    text, _encoding = decode_bytes(data, None, html=is_html)
    return Job(kind="html" if is_html else "text", content=text, source=source)
