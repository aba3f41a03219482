"""Loaded once by the extraction fork server, so that every worker starts ready.

`lecteur.core.workers.pool` starts its workers from a ``forkserver`` that imports this module:
importing it loads trafilatura and lxml and runs one small extraction, which fills the
caches and lazy imports that otherwise make each worker's first page several times slower
than the next. Workers forked from the server inherit all of it for free. The server is a
fresh interpreter that never opens the library, so no SQLite connection is ever forked.

This is the one module of lecteur that works at import time, by design; nothing else
imports it.
"""

from __future__ import annotations

import contextlib

_SAMPLE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Entretenir son réseau | Exemple</title><meta name="author" content="Jeanne Roy">
<meta property="article:published_time" content="2024-02-03"></head><body>
<nav><a href="/">Accueil</a></nav><article><h1>Entretenir son réseau</h1>
<p>Par Jeanne Roy, le 3 février 2024</p>
<p>Entretenir son réseau ne demande pas des soirées entières. Quelques minutes par jour
suffisent, à condition d'y revenir souvent et de penser d'abord aux autres.</p>
<p>Comme le dit la consultante Marie Tremblay dans une entrevue:</p>
<blockquote><p>« Le réseau, ça se cultive. Il faut donner avant de recevoir. »</p>
<cite>— Marie Tremblay</cite></blockquote>
<p>“Show up before you need anything,” said career coach Sam Lee, who adds that a short
note after a conference is worth more than a stack of business cards.</p>
<ul><li>Écrire à un ancien collègue</li><li>Présenter deux contacts</li></ul>
<div class="author-box"><h3>À propos de l'auteure</h3><p>Jeanne Roy est journaliste.
<a href="mailto:jeanne@example.org">jeanne@example.org</a></p></div>
</article></body></html>"""


def _warm() -> None:
    import feedparser  # noqa: F401  (feeds are parsed in the same workers)

    from lecteur.core.extract.html import extract_html, extract_text

    with contextlib.suppress(Exception):  # a warm-up must never stop the server
        extract_html(_SAMPLE, "warm-up.html", "https://example.org/warm-up")
        extract_text("Titre\n\nUn paragraphe de texte assez long pour être lu. " * 3, "a.txt")


_warm()
