"""Loaded once by the fork server of a pool that parses feeds (``feeds refresh``).

Like `lecteur.core.workers.warmup`, but without trafilatura: a refresh's workers parse
feeds for seconds before any of them extracts an article (summary-only feeds' full text
comes after every feed is stored, and those workers import the extraction then). The
full warm-up (0.30 s of CPU, against 0.13 s for this one) was the wait between the first
feed's answer and its parse, on the core the first parses needed.

This module works at import time, by design; nothing but the fork server imports it.
"""

from __future__ import annotations

import contextlib

_SAMPLE = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
           b"<title>Conseils</title><link>https://example.org/</link><item>"
           b"<title>Entretenir son r\xc3\xa9seau</title><link>https://example.org/a</link>"
           b"<guid>a</guid><pubDate>Mon, 01 Sep 2025 08:00:00 +0200</pubDate>"
           b"<description>&lt;p&gt;Quelques minutes par jour &amp;amp; souvent.&lt;/p&gt;"
           b"</description></item></channel></rss>")


def _warm() -> None:
    from lecteur.core.models import FeedJob
    from lecteur.core.workers.feeds import read_feed

    with contextlib.suppress(Exception):  # a warm-up must never stop the server
        read_feed(FeedJob("https://example.org/feed", _SAMPLE, "application/rss+xml"))


_warm()
